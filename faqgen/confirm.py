"""`build_faq.py confirm`: record that texts' two languages are equivalent, in faq.yaml itself.

The file is edited as text at the positions the loader recorded, so comments, order and
layout stay exactly as the editor left them; the result is checked before it replaces the file.
"""

from __future__ import annotations

from .loader import Source, load_text
from .translations import CONFIRMED_KEY, State, TextStatus, statuses


def to_confirm(source: Source, question_ids: set[str] | None) -> list[TextStatus]:
    """Texts whose `confirmed:` line is missing or out of date (of these questions, or all)."""
    chosen = []
    for status in statuses(source):
        if status.ok or State.MISSING in status.states.values():
            continue
        if question_ids is None or status.owner.removeprefix("question ") in question_ids:
            chosen.append(status)
    return chosen


def confirm(source: Source, chosen: list[TextStatus]) -> str:
    """The text of the file with a `confirmed:` line set for each chosen text."""
    lines = source.text.splitlines(keepends=True)
    edits = []  # (line, column, characters to remove, text to insert), 1-based
    for status in chosen:
        value = status.confirm_line
        existing = source.scalars.get((*status.path, CONFIRMED_KEY))
        if existing is not None:
            quotes = 2 if existing.style in ('"', "'") else 0
            edits.append((existing.line, existing.column, len(existing.raw) + quotes, value))
            continue
        line, column = source.where(status.path)
        if lines[line - 1][column - 1] == "{":  # flow style: {fr: …, en: …}
            edits.append((line, column + 1, 0, f"{CONFIRMED_KEY}: {value}, "))
        else:  # block style, also after a list dash: the new key takes the first key's place
            newline = "\r\n" if lines[line - 1].endswith("\r\n") else "\n"  # the file's own line ends
            edits.append((line, column, 0, f"{CONFIRMED_KEY}: {value}{newline}" + " " * (column - 1)))
    for line, column, remove, insert in sorted(edits, reverse=True):
        text = lines[line - 1]
        lines[line - 1] = text[: column - 1] + insert + text[column - 1 + remove :]
    new_text = "".join(lines)
    load_text(new_text, source.file)  # never write a file that no longer parses
    return new_text
