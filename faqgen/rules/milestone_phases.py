"""A milestone's phase is one of the phases."""

from __future__ import annotations

from ..problems import did_you_mean

ID = "milestone-phases"


def check(context):
    phase_ids = [phase.id for phase in context.faq.phases]
    for index, milestone in enumerate(context.faq.milestones):
        if milestone.phase is not None and milestone.phase not in phase_ids:
            yield ("milestones", index, "phase"), f"no phase has the id `{milestone.phase}`{did_you_mean(milestone.phase, phase_ids)}"
