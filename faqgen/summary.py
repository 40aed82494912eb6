"""Texts that reach a Markdown report (a pull request's job summary: `diff`, `status --markdown`)
from faq.yaml or the command line: shown as typed, never read as Markdown or HTML.

A pull request's texts are anyone's: in a summary, `<img src=…>`, `[words](address)`, `$math$`
or a table's `|` would render. CommonMark reads a backslash before any ASCII punctuation as that
character, so escaping the characters that open a construct is enough; the rest stays readable
as plain text in a terminal.
"""

from __future__ import annotations

import re

_OPENS_SYNTAX = re.compile(r"([\\`*_\[\]()<>!|~&$@#{}])")
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|(?<=\bwww)(\.)")  # GitHub links these by themselves
_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")  # question-id, origin/main, HEAD~1 is not


def literal(text: str) -> str:
    """`text` on one line, as typed: line breaks folded to spaces, Markdown's openers escaped."""
    escaped = _OPENS_SYNTAX.sub(r"\\\1", " ".join(str(text).split()))
    return _AUTOLINK.sub(lambda match: "\\" + match.group(0), escaped)


def name(text: str) -> str:
    """An id or a revision: in code style when it is a plain name, else as a literal."""
    text = str(text)
    return f"`{text}`" if _PLAIN_ID.fullmatch(text) else literal(text)
