"""Checks on every text of faq.yaml, each problem at its line and column in the text.

They read the loaded data, not the model, so that they also run (and report) when the model
could not be built. Rich texts (answers, key points, phase descriptions, milestone labels:
`RichText` in the model) are converted exactly as the pages convert them
(faqgen/render.py's RichTextRenderer) and held to the same allowlist, so a text that passes
here is the text the site publishes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .languages import LANGUAGES
from .loader import KeyPath, Source, mappings, raw_questions
from .markup import BLOCKS, link_references, misplaced_blocks, shortcodes, unbalanced_syntax
from .model import RichText, model_at
from .problems import Problem, describe, did_you_mean
from .rich_text import RichTextRenderer
from .safety import read_url

_VISIBLE = re.compile(r"[^\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                      r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")  # fmt: skip
_HTML_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|!\[CDATA\[|!|\?)")
"""What an HTML tokenizer reads as the start of a tag, comment or declaration."""


def text_problems(source: Source, renderer: RichTextRenderer, languages: Sequence[str] = LANGUAGES) -> Iterator[Problem]:
    """Every problem of every text (in `languages`), located. `renderer` converts the rich
    texts (and keeps them for the pages)."""
    data = source.data if isinstance(source.data, dict) else {}
    question_ids = {q["id"] for _, _, q in raw_questions(data) if isinstance(q.get("id"), str)}
    links = [link for link in mappings(data.get("links")) if isinstance(link.get("id"), str)]
    for path, text in texts(data, ()):
        if path[-1] not in languages:
            continue
        problems = list(_plain_text_problems(text))
        if not _is_rich(path) and "\n" in text.strip():
            # A title, a question, a name: one line wherever it goes (a page's <title>, a feed, a calendar, the PDF).
            problems.append(("this text is shown on one line (a title, a question or a name): join its lines", text.index("\n")))
        if _is_rich(path):  # HTML in it is escaped by the conversion: its other problems are still found
            problems += _rich_text_problems(text, path[-1], renderer, question_ids, {link["id"] for link in links}, data)
        for message, offset in problems:
            line, column = source.where_in_text(path, offset)
            yield Problem(source.file, line, column, message, describe(source.data, path))


def texts(node, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every text of the file (a value under `fr:` or `en:`), with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from texts(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, (*path, index))
    elif isinstance(node, str) and path and path[-1] in LANGUAGES:
        yield path, node


def _plain_text_problems(text: str) -> Iterator[tuple[str, int]]:
    if text.strip() and not _VISIBLE.search(text):  # an empty one is the model's to report
        yield "this text has no visible characters (only spaces or invisible ones such as U+200B): write the text", 0
    if match := _HTML_TAG.search(text):
        tag = f"<{match.group(1)}>" if match.group(1)[-1:].isalnum() else f"{match.group(0)}…"
        yield (f"`{tag}` is HTML, which texts may not contain: write plain text, or in answers Markdown "
               "(*italic*, lists, [words](https://…); docs/reference.md, “What you may write”)", match.start())  # fmt: skip


def _rich_text_problems(text: str, lang: str, renderer: RichTextRenderer, question_ids: set[str],
                        link_ids: set[str], data: dict) -> Iterator[tuple[str, int]]:  # fmt: skip
    if unbalanced := unbalanced_syntax(text):
        yield unbalanced
        return  # converting it would take quadratic time
    for name, offset in shortcodes(text):
        if name in BLOCKS and not data.get({"timeline": "phases", "regions": "regions"}[name]):
            yield f"`[[{name}]]` shows the {name}, but this file has no `{'phases' if name == 'timeline' else 'regions'}:`", offset
        elif name not in BLOCKS and name not in question_ids:
            hint = did_you_mean(name, [*question_ids, *BLOCKS])
            yield f"`[[{name}]]` refers to no question: no question has the id `{name}`{hint}", offset
    for name, offset in misplaced_blocks(text):
        yield f"`[[{name}]]` shows a whole block: put it on a line of its own", offset
    for name, offset in link_references(text):
        if name not in link_ids:
            yield f"`[…][{name}]` refers to no link: add it under `links:`{did_you_mean(name, sorted(link_ids))}", offset
    for problem in renderer.render(text, lang).problems:  # what the conversion made that is not allowed
        yield f"{problem}; {_LINKS_GO}" if "link" in problem or "address" in problem else problem, _offset_of(text, problem)


_LINKS_GO = "links go to https://, http:// or mailto: addresses, or to another question with [[question-id]]"


def _offset_of(text: str, problem: str) -> int:
    """Where the address a problem quotes (`…`) stands in the text; the start if not found."""
    quoted = re.findall(r"`([^`]*)`", problem)
    for piece in reversed(quoted):
        if (offset := text.find(piece)) >= 0:
            return offset
        url = read_url(piece)
        if url is not None and (offset := text.find(url.geturl())) >= 0:
            return offset
    return 0


def _is_rich(path: KeyPath) -> bool:
    return model_at(path[:-1]) is RichText
