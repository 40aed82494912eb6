"""Phases end after they start, follow each other in order and do not overlap."""

from __future__ import annotations

ID = "phase-order"


def check(context):
    previous = None
    for index, phase in enumerate(context.faq.phases):
        if phase.end is not None and phase.end < phase.start:
            yield ("phases", index, "end"), f"the phase ends ({phase.end}) before it starts ({phase.start})"
        if previous is not None:
            if previous.end is None:
                yield ("phases", index - 1), f"phase `{previous.id}` has no end date but phase `{phase.id}` follows it"
            elif phase.start <= previous.end:
                yield (("phases", index, "start"),
                       f"phase `{phase.id}` starts ({phase.start}) before phase `{previous.id}` ends ({previous.end}); "
                       "phases must follow each other in order without overlapping")  # fmt: skip
        previous = phase
