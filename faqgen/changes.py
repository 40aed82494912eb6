"""What a change to faq.yaml does for readers: questions added, removed and changed, per
language, with a short word diff, and translation-status changes. For pull-request reviews.

Works on the loaded data (not the model), so that a broken revision still compares.
Questions are matched by id: moving one within its page is not a change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .addresses import Addresses
from .languages import LANGUAGES, NAMES
from .loader import Source, raw_questions
from .summary import literal, name
from .translations import statuses

FIELDS = ("question", "answer")
_PAGE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # an id faq.yaml's schema allows: safe in an address
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


def report(old: Source, new: Source, old_name: str, preview: Addresses | None = None) -> str:
    """The change report, in Markdown (it is also readable as plain text); with `preview`, the
    preview site's addresses, each added or changed question links to itself there. Every text
    from faq.yaml is literal (faqgen/summary.py)."""
    before, after = questions(old.data), questions(new.data)
    lines = [heading(old_name), ""]
    for lang in LANGUAGES:
        entries = list(_language_changes(before, after, lang, preview))
        lines += [f"### {NAMES[lang]}", ""]
        lines += entries or ["No change to the questions."]
        lines.append("")
    status_lines = list(_status_changes(old, new))
    lines += ["### Translation status", ""]
    lines += status_lines or ["No change."]
    lines += ["", *_update_entry(before, after, old.data, new.data)]
    return "\n".join(lines) + "\n"


def heading(old_name: str) -> str:
    return f"## Changes to the FAQ since {name(old_name)}"


def unreadable(old_name: str, file: str, errors: int) -> str:
    """The report when the changed faq.yaml cannot be read: what readers would get is unknown."""
    return (f"{heading(old_name)}\n\n{literal(file)} cannot be read ({errors} error{'s' if errors != 1 else ''}), "
            "so what this change does for readers is not known yet. The check's annotations show each error on "
            "its line; once they are fixed, this report lists the questions added, removed and changed.\n")  # fmt: skip


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
        return ["### Update for readers", "", "Recorded in `updates:`: " + ", ".join(name(key) for key in new_updates
                                                                              if new_updates[key] in recorded) + "."]  # fmt: skip
    document = new_data.get("document") if isinstance(new_data, dict) else None
    as_of = document.get("as_of") if isinstance(document, dict) else None
    date = as_of.isoformat() if isinstance(as_of, dt.date) else "YYYY-MM-DD"
    return ["### Update for readers", "",
            "Readers see what changed on the “What’s new” page and in the feeds once it is recorded. Add at the end of "
            "`updates:` (the date is the day it is published, and `document.as_of` moves to it):", "",
            "```yaml",
            f"  - id: changes-{date}",
            f"    date: {date}",
            "    summary:",
            "      fr: …",
            "      en: …",
            f"    touched: [{', '.join(key for key in touched if _PAGE_NAME.fullmatch(key))}]",
            "```"]  # fmt: skip


def _updates(data) -> dict[str, dict]:
    updates = data.get("updates") if isinstance(data, dict) else None
    return {str(update.get("id")): update for update in updates or [] if isinstance(update, dict)}


def _language_changes(before: dict[str, Entry], after: dict[str, Entry], lang: str,
                      preview: Addresses | None) -> Iterator[str]:  # fmt: skip
    def shown(question_id: str, entry: Entry) -> str:
        """The question's id, linked to it on the preview site if there is one."""
        if preview is None or not _PAGE_NAME.fullmatch(entry.audience) or not _PAGE_NAME.fullmatch(question_id):
            return name(question_id)
        return f"[{name(question_id)}]({preview.url(lang, entry.audience)}#{question_id})"

    for question_id, entry in after.items():
        if question_id not in before:
            yield f"- added {shown(question_id, entry)} ({literal(entry.audience)}): {literal(_short(entry.texts['question'][lang]))}"
    for question_id, entry in before.items():
        if question_id not in after:
            yield f"- removed {name(question_id)} ({literal(entry.audience)}): {literal(_short(entry.texts['question'][lang]))}"
    for question_id, entry in after.items():
        old = before.get(question_id)
        if old is None:
            continue
        if old.audience != entry.audience:
            yield f"- moved {shown(question_id, entry)} from page {name(old.audience)} to {name(entry.audience)}"
        for field in FIELDS:
            old_text, new_text = old.texts[field][lang], entry.texts[field][lang]
            if _words(old_text) != _words(new_text):
                yield f"- changed {shown(question_id, entry)}, {field}: {word_diff(old_text, new_text)}"


def _status_changes(old: Source, new: Source) -> Iterator[str]:
    before = {(status.owner, status.field): status for status in statuses(old)}
    for status in statuses(new):
        previous = before.get((status.owner, status.field))
        for lang in LANGUAGES:
            was = previous.states[lang].value if previous else "absent"
            now = status.states[lang].value
            if was != now:
                yield f"- {literal(status.owner)}, {status.field}: {NAMES[lang]} {was} → {now}"


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
                pieces.append(literal(" ".join([*head, "…", *tail])))
            else:
                pieces.append(literal(" ".join(kept)))
            continue
        if i2 > i1:
            pieces.append(f"[-{literal(' '.join(a[i1:i2]))}-]")
        if j2 > j1:
            pieces.append(f"{{+{literal(' '.join(b[j1:j2]))}+}}")
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
