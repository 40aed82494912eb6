"""An update names what it touched by ids of questions, key point sections or phases that exist."""

from __future__ import annotations

from ..problems import did_you_mean

ID = "update-targets"


def check(context):
    faq = context.faq
    known = [question.id for _, _, question in faq.questions()]
    known += [section.id for section in faq.key_points] + [phase.id for phase in faq.phases]
    for u, update in enumerate(faq.updates):
        for t, touched in enumerate(update.touched):
            if touched not in known:
                yield (("updates", u, "touched", t),
                       f"no question, key point section or phase has the id `{touched}`{did_you_mean(touched, known)}")  # fmt: skip
