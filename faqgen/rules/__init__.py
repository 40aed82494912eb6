"""Checks across the entries of a model that types cannot express, one small module each (as
yamllint's rules/): each has an `ID`, a one-line doc (its docstring) and `check(context)`,
which yields (where, message) pairs, and may say `SEVERITY = "warning"` (publishable, but
somebody should look; `check --strict` refuses it). A new rule is a module, one line in RULES,
and a test.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..loader import KeyPath, Source
from ..model import Faq
from ..problems import Problem, describe
from . import (
    glossary_used,
    milestone_phases,
    phase_order,
    reserved_ids,
    scoring,
    shared_anchors,
    unique_ids,
    update_dates,
    update_targets,
)

RULES = (unique_ids, shared_anchors, reserved_ids, phase_order, milestone_phases, scoring, update_targets, update_dates, glossary_used)


@dataclass(frozen=True)
class Context:
    """What a rule sees: the model, and the loaded file (for lines)."""

    faq: Faq
    source: Source

    def line(self, path: KeyPath) -> int:
        return self.source.where(path)[0]


def problems(source: Source, faq: Faq) -> Iterator[Problem]:
    context = Context(faq, source)
    for rule in RULES:
        for path, message in rule.check(context):
            line, column = source.where(path)
            yield Problem(source.file, line, column, message, describe(source.data, path),
                          getattr(rule, "SEVERITY", "error"), rule=rule.ID)  # fmt: skip
