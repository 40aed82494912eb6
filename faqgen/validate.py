"""Stage 3: turn loaded data into the content model, or into a list of located problems.

The model (types, required fields, unknown keys) reports everything it finds at once; the
checks that types cannot express follow: those on texts (references, unsafe markup) always,
those across entries (unique ids, phase order) once the model is built. Translation status
adds warnings. Each problem names the file, line, column and the question id or key path,
in words an editor can act on.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pydantic

from . import translations
from .languages import NAMES
from .loader import KeyPath, Source
from .model import RESERVED_ANCHORS, RESERVED_PAGE_IDS, Faq, Translation, model_at
from .problems import FaqError, Problem, describe
from .render import RichTextRenderer, link_references
from .texts import text_problems

FRENCH_KEYS = {
    "reponse": "answer",
    "réponse": "answer",
    "titre": "title",
    "debut": "start",
    "début": "start",
    "fin": "end",
    "nom": "name",
    "lien": "url",
    "liens": "links",
    "publie": "published",
    "publié": "published",
    "gestionnaire": "manager",
    "jalons": "milestones",
    "publics": "audiences",
    "identifiant": "id",
}
"""Keys an editor may type in French, and the English key the file uses instead."""


@dataclass(frozen=True)
class Validated:
    faq: Faq
    warnings: list[Problem]  # publishable, but somebody should look (e.g. a stale translation)
    texts: RichTextRenderer  # the rich texts, converted and checked: the pages use them


def validate(source: Source, *, strict: bool = False) -> Validated:
    """The model of `source`; FaqError with every problem if it is not publishable.
    With strict=True, warnings are errors too (CI publishes nothing that needs a look)."""
    problems = list(source.problems)
    try:
        faq = Faq.model_validate(source.data)
    except pydantic.ValidationError as error:
        faq = None
        problems += [_from_pydantic(source, detail) for detail in error.errors(include_url=False)]
    texts = RichTextRenderer(link_references(source.data))
    problems += _Checks(source, faq, texts).run()
    warnings = list(_translation_warnings(source))
    if strict:
        problems += [replace(warning, severity="error") for warning in warnings]
        warnings = []
    if problems:
        raise FaqError(problems + warnings)
    return Validated(faq, sorted(warnings), texts)


def _translation_warnings(source: Source) -> Iterator[Problem]:
    for status in translations.statuses(source):
        if status.ok or status.state is translations.State.MISSING:  # missing texts are errors of the model
            continue
        confirmed = (*status.path, translations.CONFIRMED_KEY)
        line, column = source.where(confirmed) if confirmed in source.positions else source.where(status.path, key=True)
        yield Problem(source.file, line, column, translations.message(status), status.owner, "warning")


# ---------------------------------------------------------------- model errors, in plain words


def _from_pydantic(source: Source, detail: dict) -> Problem:
    path: KeyPath = tuple(detail["loc"])
    kind = detail["type"]
    field = path[-1] if path else ""
    if kind == "extra_forbidden":
        line, column = source.where(path, key=True)
        message = f"unknown key `{field}`"
        allowed = _fields_at(path[:-1])
        close = [FRENCH_KEYS[field]] if FRENCH_KEYS.get(field) in allowed else []
        close = close or difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
        message += f": did you mean `{close[0]}`?" if close else f"; the keys allowed here are: {', '.join(allowed)}"
    elif kind == "missing":
        # Point at the key that lacks the field, not at the first line below it.
        line, column = source.where(path[:-1], key=True)
        message = _message(source, path, kind, detail)
    else:
        line, column = source.where(path)
        message = _message(source, path, kind, detail)
    return Problem(source.file, line, column, message, describe(source.data, path))


def _message(source: Source, path: KeyPath, kind: str, detail: dict) -> str:
    field = path[-1] if path else ""
    value = detail.get("input")
    scalar = source.scalars.get(path)
    if scalar is None:
        written = "this value"
    else:
        written = f"`{scalar.raw if len(scalar.raw) <= 40 else scalar.raw[:20] + '…'}`"
    if kind == "missing":
        if field in NAMES:
            return (
                f"the {NAMES[field]} text (`{field}:`) is missing; "
                "both languages are required (French Language Services Act)"
            )
        return f"`{field}` is missing"
    if kind == "string_too_short" or (kind == "string_type" and value is None):
        if field in NAMES:
            return f"the {NAMES[field]} text (`{field}:`) is empty; both languages are required"
        return "this text is empty"
    if kind == "string_type":
        return f'{written} is {_read_as(value)}, not text: put it in quotes, "{_unquoted(scalar, value)}"'
    if kind == "string_pattern_mismatch" and field == translations.CONFIRMED_KEY:
        return f"{written} is not a confirmation line: it reads like `fr 3f2a9c1e en 7b1d04aa` (copy it from `build_faq.py check`)"
    if kind == "string_pattern_mismatch":
        return f"{written} is not a valid id: use lowercase letters, digits and hyphens, like `my-question`"
    if kind == "string_too_long":
        return f"{written} is too long for an id (80 characters at most)"
    if kind == "model_type" or kind == "model_attributes_type":
        if _expects_translation(path):
            return f"expected a French and an English text here (`fr:` and `en:` on the lines below), found {_found(value)}"
        return f"expected a group of keys here (`key: value` lines), found {_found(value)}"
    if kind == "list_type":
        return f"expected a list here (lines starting with `- `), found {_found(value)}"
    if kind == "too_short":
        return "this list is empty: at least one item is required"
    if kind in ("int_type", "int_from_float", "int_parsing"):
        return f"{written} is not a whole number"
    if kind in ("less_than_equal", "greater_than_equal"):
        bound = detail["ctx"]["le" if kind == "less_than_equal" else "ge"]
        return f"{written} is too {'large' if kind == 'less_than_equal' else 'small'}: {'at most' if kind == 'less_than_equal' else 'at least'} {bound:,}"
    if kind == "literal_error":
        return f"{written} is not allowed here; {detail['msg'].removeprefix('Input should be ')}"
    if kind == "value_error":
        return str(detail["ctx"]["error"]) if "ctx" in detail else detail["msg"]
    return f"{written}: {detail['msg'].lower()}"


def _read_as(value: object) -> str:
    if isinstance(value, bool):
        return "read by YAML as yes/no (true/false)"
    if isinstance(value, (int, float)):
        return "read by YAML as a number"
    if isinstance(value, dt.date):
        return "read by YAML as a date"
    return f"{_found(value)}"


def _unquoted(scalar, value) -> str:
    return scalar.raw if scalar is not None else str(value)


def _found(value: object) -> str:
    if isinstance(value, dict):
        return "a group of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "a single text"
    return _read_as(value)


def _fields_at(path: KeyPath) -> list[str]:
    model = model_at(path)
    return list(model.model_fields) if model is not None else []


def _expects_translation(path: KeyPath) -> bool:
    model = model_at(path)
    return model is not None and issubclass(model, Translation)


# ---------------------------------------------------------------- checks across entries


class _Checks:
    """Checks across entries. Those on texts read the raw data, so they also run (and report)
    when the model could not be built; the others need the model."""

    def __init__(self, source: Source, faq: Faq | None, texts: RichTextRenderer):
        self.source = source
        self.faq = faq
        self.texts = texts

    def problem(self, path: KeyPath, message: str, *, at: tuple[int, int] | None = None) -> Problem:
        line, column = at or self.source.where(path)
        return Problem(self.source.file, line, column, message, describe(self.source.data, path))

    def run(self) -> list[Problem]:
        problems = list(text_problems(self.source, self.texts))
        if self.faq is not None:
            problems += [*self.unique_ids(), *self.page_ids(), *self.phases_in_order(), *self.milestone_phases()]
            problems += self.scoring()
        return problems

    def unique_ids(self) -> Iterator[Problem]:
        groups: dict[str, list[KeyPath]] = {
            "question": [
                ("audiences", a, "questions", q)
                for a, audience in enumerate(self.faq.audiences)
                for q in range(len(audience.questions))
            ],
            "audience": [("audiences", a) for a in range(len(self.faq.audiences))],
            "phase": [("phases", p) for p in range(len(self.faq.phases))],
            "milestone": [("milestones", m) for m in range(len(self.faq.milestones))],
            "region": [("regions", r) for r in range(len(self.faq.regions))],
            "link": [("links", i) for i in range(len(self.faq.links))],
            "key point section": [("key_points", k) for k in range(len(self.faq.key_points))],
        }
        for kind, paths in groups.items():
            first_seen: dict[str, int] = {}
            for path in paths:
                item_id = self.source.data_at((*path, "id"))
                line = self.source.where((*path, "id"))[0]
                if item_id in first_seen:
                    yield self.problem(
                        (*path, "id"), f"duplicate {kind} id `{item_id}` (first used at line {first_seen[item_id]})"
                    )
                else:
                    first_seen[item_id] = line

    def page_ids(self) -> Iterator[Problem]:
        for index, audience in enumerate(self.faq.audiences):
            if audience.id in RESERVED_PAGE_IDS:
                yield self.problem(
                    ("audiences", index, "id"),
                    f"`{audience.id}` is a page name the site uses itself; choose another audience id",
                )
        anchors = [(("key_points", k, "id"), section.id) for k, section in enumerate(self.faq.key_points)]
        anchors += [((*path, "id"), question.id) for path, question in self._questions()]
        for path, anchor in anchors:
            if anchor in RESERVED_ANCHORS:
                yield self.problem(path, f"`{anchor}` is the id of a heading the pages make themselves; choose another id")

    def _questions(self):
        for a, audience in enumerate(self.faq.audiences):
            for q, question in enumerate(audience.questions):
                yield ("audiences", a, "questions", q), question

    def phases_in_order(self) -> Iterator[Problem]:
        previous = None
        for index, phase in enumerate(self.faq.phases):
            if phase.end is not None and phase.end < phase.start:
                yield self.problem(
                    ("phases", index, "end"), f"the phase ends ({phase.end}) before it starts ({phase.start})"
                )
            if previous is not None:
                if previous.end is None:
                    yield self.problem(
                        ("phases", index - 1),
                        f"phase `{previous.id}` has no end date but phase `{phase.id}` follows it",
                    )
                elif phase.start <= previous.end:
                    yield self.problem(
                        ("phases", index, "start"),
                        f"phase `{phase.id}` starts ({phase.start}) before phase `{previous.id}` ends ({previous.end}); "
                        "phases must follow each other in order without overlapping",
                    )
            previous = phase

    def milestone_phases(self) -> Iterator[Problem]:
        phase_ids = [phase.id for phase in self.faq.phases]
        for index, milestone in enumerate(self.faq.milestones):
            if milestone.phase is not None and milestone.phase not in phase_ids:
                yield self.problem(
                    ("milestones", index, "phase"),
                    f"no phase has the id `{milestone.phase}`{_did_you_mean(milestone.phase, phase_ids)}",
                )

    def scoring(self) -> Iterator[Problem]:
        scoring = self.faq.scoring
        if scoring is None:
            return
        for name in ("technical_envelope", "commercial_envelope"):
            envelope = getattr(scoring, name)
            if envelope.minimum_percent is not None and envelope.minimum_points is not None:
                expected = -(-envelope.points * envelope.minimum_percent // 100)  # rounded up, in integers
                if envelope.minimum_points != expected:
                    yield self.problem(
                        ("scoring", name, "minimum_points"),
                        f"{envelope.minimum_percent} % of {envelope.points} points is {expected}, "
                        f"not {envelope.minimum_points}",
                    )
        envelopes = scoring.technical_envelope.points + scoring.commercial_envelope.points
        if envelopes > scoring.total_points:
            yield self.problem(
                ("scoring", "total_points"),
                f"the envelopes are worth {envelopes} points, more than the total of {scoring.total_points}",
            )


def _did_you_mean(name: str, candidates) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""
