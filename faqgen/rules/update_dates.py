"""Updates are listed oldest first and none is dated after the document's `as_of` date."""

from __future__ import annotations

ID = "update-dates"


def check(context):
    faq = context.faq
    as_of = faq.document.as_of
    for u, update in enumerate(faq.updates):
        if update.date > as_of:
            yield (("updates", u, "date"),
                   f"this update is dated {update.date}, after the document's `as_of` date ({as_of}): "
                   "move `document.as_of` forward to the day the change is published")  # fmt: skip
        if u and update.date < faq.updates[u - 1].date:
            yield (("updates", u, "date"),
                   f"updates are listed oldest first, but this one ({update.date}) is older than the one before it "
                   f"({faq.updates[u - 1].date}): add new updates at the end of the list")  # fmt: skip
