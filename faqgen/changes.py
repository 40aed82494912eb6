"""What a change to faq.yaml does for readers: questions added, removed and changed, per
language, with a short word diff, and translation-status changes. For pull-request reviews.

Works on the loaded data (not the model), so that a broken revision still compares.
Questions are matched by id: moving one within its page is not a change.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .languages import LANGUAGES, NAMES
from .loader import Source, raw_questions
from .translations import statuses

FIELDS = ("question", "answer")
CONTEXT_WORDS = 5
MAX_DIFF_CHARACTERS = 400


@dataclass(frozen=True)
class Entry:
    audience: str
    texts: dict[str, dict[str, str]]  # field -> language -> text


def questions(data) -> dict[str, Entry]:
    found = {}
    for _, audience, question in raw_questions(data):
        if isinstance(question.get("id"), str):
            texts = {field: {lang: _text(question.get(field), lang) for lang in LANGUAGES} for field in FIELDS}
            found[question["id"]] = Entry(str(audience.get("id")), texts)
    return found


def report(old: Source, new: Source, old_name: str) -> str:
    """The change report, in Markdown (it is also readable as plain text)."""
    before, after = questions(old.data), questions(new.data)
    lines = [f"## Changes to the FAQ since {old_name}", ""]
    for lang in LANGUAGES:
        entries = list(_language_changes(before, after, lang))
        lines += [f"### {NAMES[lang]}", ""]
        lines += entries or ["No change to the questions."]
        lines.append("")
    status_lines = list(_status_changes(old, new))
    lines += ["### Translation status", ""]
    lines += status_lines or ["No change."]
    lines += ["", *_update_entry(before, after, old.data, new.data)]
    return "\n".join(lines) + "\n"


def _update_entry(before: dict[str, Entry], after: dict[str, Entry], old_data, new_data) -> list[str]:
    """The `updates:` entry that records this change for readers (faqgen/updates.py), for the
    editor to complete, unless the change records it already."""
    touched = [question_id for question_id, entry in after.items()
               if question_id not in before or before[question_id].texts != entry.texts]  # fmt: skip
    if not touched:
        return ["### Update for readers", "", "No question changed: no `updates:` entry is needed."]
    new_updates = _updates(new_data)
    recorded = [update for key, update in new_updates.items() if key not in _updates(old_data)]
    if any(set(touched) <= set(update.get("touched") or []) for update in recorded):
        return ["### Update for readers", "", "Recorded in `updates:`: " + ", ".join(f"`{key}`" for key in new_updates
                                                                              if new_updates[key] in recorded) + "."]  # fmt: skip
    document = new_data.get("document") if isinstance(new_data, dict) else None
    as_of = document.get("as_of") if isinstance(document, dict) else None
    date = str(as_of) if as_of else "YYYY-MM-DD"
    return ["### Update for readers", "",
            "Readers see what changed on the “What’s new” page and in the feeds once it is recorded. Add at the end of "
            "`updates:` (the date is the day it is published, and `document.as_of` moves to it):", "",
            "```yaml",
            f"  - id: changes-{date}",
            f"    date: {date}",
            "    summary:",
            "      fr: …",
            "      en: …",
            f"    touched: [{', '.join(touched)}]",
            "```"]  # fmt: skip


def _updates(data) -> dict[str, dict]:
    updates = data.get("updates") if isinstance(data, dict) else None
    return {str(update.get("id")): update for update in updates or [] if isinstance(update, dict)}


def _language_changes(before: dict[str, Entry], after: dict[str, Entry], lang: str) -> Iterator[str]:
    for question_id, entry in after.items():
        if question_id not in before:
            yield f"- added `{question_id}` ({entry.audience}): {_short(entry.texts['question'][lang])}"
    for question_id, entry in before.items():
        if question_id not in after:
            yield f"- removed `{question_id}` ({entry.audience}): {_short(entry.texts['question'][lang])}"
    for question_id, entry in after.items():
        old = before.get(question_id)
        if old is None:
            continue
        if old.audience != entry.audience:
            yield f"- moved `{question_id}` from page `{old.audience}` to `{entry.audience}`"
        for field in FIELDS:
            old_text, new_text = old.texts[field][lang], entry.texts[field][lang]
            if _words(old_text) != _words(new_text):
                yield f"- changed `{question_id}`, {field}: {word_diff(old_text, new_text)}"


def _status_changes(old: Source, new: Source) -> Iterator[str]:
    before = {(status.owner, status.field): status for status in statuses(old)}
    for status in statuses(new):
        previous = before.get((status.owner, status.field))
        for lang in LANGUAGES:
            was = previous.states[lang].value if previous else "absent"
            now = status.states[lang].value
            if was != now:
                yield f"- {status.owner}, {status.field}: {NAMES[lang]} {was} → {now}"


def word_diff(old: str, new: str) -> str:
    """`… kept words [-removed-] {+added+} kept words …`, with a few words of context."""
    a, b = _words(old), _words(new)
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            kept = a[i1:i2]
            if len(kept) > 2 * CONTEXT_WORDS:
                head = kept[:CONTEXT_WORDS] if pieces else []
                tail = kept[-CONTEXT_WORDS:] if i2 < len(a) or j2 < len(b) else []
                pieces.append(" ".join([*head, "…", *tail]).strip())
            else:
                pieces.append(" ".join(kept))
            continue
        if i2 > i1:
            pieces.append(f"[-{' '.join(a[i1:i2])}-]")
        if j2 > j1:
            pieces.append(f"{{+{' '.join(b[j1:j2])}+}}")
    text = " ".join(piece for piece in pieces if piece)
    return text if len(text) <= MAX_DIFF_CHARACTERS else text[: MAX_DIFF_CHARACTERS - 1] + "…"


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(_words(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(node, lang: str) -> str:
    value = node.get(lang) if isinstance(node, dict) else None
    return value if isinstance(value, str) else ""
