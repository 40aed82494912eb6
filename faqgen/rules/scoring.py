"""The selection's figures agree: a minimum in points is its percentage of the envelope, envelopes fit the total."""

from __future__ import annotations

ID = "scoring"


def check(context):
    scoring = context.faq.scoring
    if scoring is None:
        return
    for name in ("technical_envelope", "commercial_envelope"):
        envelope = getattr(scoring, name)
        if envelope.minimum_percent is not None and envelope.minimum_points is not None:
            expected = -(-envelope.points * envelope.minimum_percent // 100)  # rounded up, in integers
            if envelope.minimum_points != expected:
                yield (("scoring", name, "minimum_points"),
                       f"{envelope.minimum_percent} % of {envelope.points} points is {expected}, not {envelope.minimum_points}")  # fmt: skip
    envelopes = scoring.technical_envelope.points + scoring.commercial_envelope.points
    if envelopes > scoring.total_points:
        yield ("scoring", "total_points"), f"the envelopes are worth {envelopes} points, more than the total of {scoring.total_points}"
