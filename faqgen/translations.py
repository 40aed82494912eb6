"""Translation status: which texts are missing, stale or not yet confirmed, in which language.

Each tracked text (questions, answers, key points) may carry a line

    confirmed: fr 3f2a9c1e en 7b1d04aa

the fingerprints of its French and English texts when somebody last confirmed that the two
say the same thing. When one language changes and the other does not, the other is stale.
`check` prints the line to paste once the translation is right again, so an editor needs
nothing but a text editor; `build_faq.py confirm` writes those lines for many texts at once.

This works on the loaded data, not on the model, so that `status` can also report a file
whose missing translations stop the model from being built.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .languages import LANGUAGES, NAMES
from .loader import KeyPath, Source, raw_questions
from .model import CONFIRMED_PATTERN as _CONFIRMED
from .summary import literal

CONFIRMED_KEY = "confirmed"
CONFIRMED_PATTERN = re.compile(_CONFIRMED.replace("[0-9a-f]{8}", "([0-9a-f]{8})"))


class State(enum.StrEnum):
    OK = "up to date"
    MISSING = "missing"
    STALE = "stale"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class TextStatus:
    path: KeyPath  # of the Translation mapping
    owner: str  # "question <id>" or a key path
    field: str  # "question", "answer", "key point 2"
    states: dict[str, State]  # per language
    confirm_line: str | None  # what `confirmed:` should say once the two are equivalent

    @property
    def ok(self) -> bool:
        return all(state is State.OK for state in self.states.values())

    @property
    def state(self) -> State:
        """The state that needs the most attention, for counting texts."""
        for state in (State.MISSING, State.STALE, State.UNCONFIRMED):
            if state in self.states.values():
                return state
        return State.OK


def fingerprint(text: str) -> str:
    """8 hex digits of the text, ignoring changes of spacing and line breaks only."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def confirmed_value(texts: dict[str, str]) -> str:
    return _confirmed({lang: fingerprint(text) for lang, text in texts.items()})


def _confirmed(fingerprints: dict[str, str]) -> str:
    return " ".join(f"{lang} {fingerprints[lang]}" for lang in LANGUAGES)


FOLLOWED_TEXTS = ("key_points.*.points.*", "audiences.*.key_points.*", "audiences.*.questions.*.question",
                  "audiences.*.questions.*.answer")
"""The texts whose translation status is followed, as key paths (`*`: any item of a list), for the
browser editor (faqgen/cms.py); tracked_texts walks the same (tests/test_translations.py)."""


def tracked_texts(data) -> Iterator[tuple[KeyPath, str, str]]:
    """(path, owner, field) of every text whose translation status is followed (FOLLOWED_TEXTS)."""
    if not isinstance(data, dict):
        return
    for s, section in _items(data.get("key_points")):
        for p, _ in _items(section.get("points") if isinstance(section, dict) else None):
            yield ("key_points", s, "points", p), f"key point section {_id(section, s)}", f"point {p + 1}"
    for a, audience in _items(data.get("audiences")):
        if not isinstance(audience, dict):
            continue
        for p, _ in _items(audience.get("key_points")):
            yield ("audiences", a, "key_points", p), f"audience {_id(audience, a)}", f"key point {p + 1}"
    for path, _, question in raw_questions(data):
        for field in ("question", "answer"):
            yield (*path, field), f"question {_id(question, path[-1])}", field


def statuses(source: Source) -> list[TextStatus]:
    result = []
    for path, owner, field in tracked_texts(source.data):
        try:
            node = source.data_at(path)
        except (KeyError, IndexError, TypeError):
            node = None
        result.append(_status(path, owner, field, node))
    return result


def _status(path: KeyPath, owner: str, field: str, node) -> TextStatus:
    node = node if isinstance(node, dict) else {}
    texts = {lang: node.get(lang) for lang in LANGUAGES}
    present = {lang: isinstance(text, str) and text.strip() != "" for lang, text in texts.items()}
    if not all(present.values()):
        states = {lang: State.OK if present[lang] else State.MISSING for lang in LANGUAGES}
        return TextStatus(path, owner, field, states, None)
    fingerprints = {lang: fingerprint(text) for lang, text in texts.items()}  # each text hashed once
    expected = _confirmed(fingerprints)
    recorded = CONFIRMED_PATTERN.match(str(node.get(CONFIRMED_KEY, "")).strip())
    if recorded is None:
        return TextStatus(path, owner, field, dict.fromkeys(LANGUAGES, State.UNCONFIRMED), expected)
    changed = {lang: fingerprints[lang] != recorded.group(index) for index, lang in enumerate(LANGUAGES, 1)}
    if not any(changed.values()):
        states = dict.fromkeys(LANGUAGES, State.OK)
    elif all(changed.values()):
        states = dict.fromkeys(LANGUAGES, State.UNCONFIRMED)  # both edited: somebody must confirm
    else:
        # the language that did not change is the one left behind
        states = {lang: State.OK if changed[lang] else State.STALE for lang in LANGUAGES}
    return TextStatus(path, owner, field, states, expected)


def summary(found: list[TextStatus], file: str) -> str:
    """The translation status as Markdown, for a pull request's job summary: a row per text that
    needs attention, its state in each language, then the totals."""
    lines = [f"### Translation status of {literal(file)}", ""]
    waiting = [status for status in found if not status.ok]
    if waiting:
        lines += [f"| text | {' | '.join(NAMES[lang] for lang in LANGUAGES)} |", "| --- |" + " --- |" * len(LANGUAGES)]
        lines += [f"| {literal(status.owner)}, {status.field} | " + " | ".join(
            "" if status.states[lang] is State.OK else status.states[lang].value for lang in LANGUAGES) + " |"
            for status in waiting]  # fmt: skip
        lines.append("")
    counts = {state: sum(1 for status in found if status.state is state) for state in State}
    lines.append(f"{len(found)} texts followed: " + ", ".join(f"{count} {state.value}" for state, count in counts.items()) + ".")
    return "\n".join(lines) + "\n"


def unreadable_summary(file: str, errors: int) -> str:
    """The summary when `file` cannot be read: its errors are the check's annotations, not repeated."""
    return (f"### Translation status of {literal(file)}\n\n{literal(file)} cannot be read "
            f"({errors} error{'s' if errors != 1 else ''}): the status is given once it reads.\n")  # fmt: skip


def message(status: TextStatus) -> str:
    """One sentence for an editor, ending with what to do."""
    missing = [NAMES[lang] for lang, state in status.states.items() if state is State.MISSING]
    if missing:
        return f"the {' and '.join(missing)} text is missing"
    stale = [lang for lang, state in status.states.items() if state is State.STALE]
    question = status.owner.removeprefix("question ") if status.owner.startswith("question ") else None
    command = f"build_faq.py confirm --question {question}" if question else "build_faq.py confirm"
    # The command, and the line it writes with where it goes: an editor may also type it.
    todo = f"run `{command}`, which writes `{CONFIRMED_KEY}: {status.confirm_line}` beside its `fr:` and `en:`"
    if stale:
        other = next(lang for lang in LANGUAGES if lang not in stale)
        return (
            f"the {NAMES[stale[0]]} {status.field} may be out of date: the {NAMES[other]} text "
            f"changed since they were last confirmed equivalent; once it is updated, {todo}"
        )
    return f"the French and English {status.field} are not confirmed equivalent; once they are, {todo}"


def _items(value) -> Iterator[tuple[int, object]]:
    return enumerate(value) if isinstance(value, list) else iter(())


def _id(node, index: int) -> str:
    item_id = node.get("id") if isinstance(node, dict) else None
    return item_id if isinstance(item_id, str) else f"#{index + 1}"
