"""The small syntax editors write inside texts, and French typography.

    [[question-id]]     a link to that question, its number as link text
    [[timeline]]        the phase timeline (on its own line)
    [[regions]]         the list of prototype regions and their managers (on its own line)
    [words][link-id]    a link to an entry of `links:` (standard Markdown reference link)

One definition here serves the validator (which checks every name exists) and the
renderer (which expands them), so the two cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

SHORTCODE = re.compile(r"\[\[\s*([^\[\]\n]*?)\s*\]\]")
LINK_REFERENCE = re.compile(r"\]\[([^\[\]\n]+)\]")
BLOCKS = ("timeline", "regions")
"""Shortcodes that stand for a whole block rather than a link."""


def shortcodes(text: str) -> Iterator[tuple[str, int]]:
    """Each [[name]] in `text`, with the offset where it starts."""
    for match in SHORTCODE.finditer(text):
        yield match.group(1), match.start()


def link_references(text: str) -> Iterator[tuple[str, int]]:
    """Each [words][link-id] reference in `text`, with the offset of the id."""
    for match in LINK_REFERENCE.finditer(text):
        yield match.group(1), match.start(1)


def expand(text: str, replace: Callable[[str], str]) -> str:
    """Replace every [[name]] by `replace(name)`."""
    return SHORTCODE.sub(lambda match: replace(match.group(1)), text)


# French typography (Office québécois de la langue française, as used by the Government of
# Ontario): a non-breaking space before the colon, percent sign and closing guillemet, after
# the opening guillemet; nothing before ? ! ; (Canadian usage, as in the source document).
# Editors type ordinary spaces; the pages get the right ones. Links and code are left alone.
_NBSP = "\u00a0"
_PROTECTED = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]*>|https?://\S+")
_FRENCH_RULES = (
    (re.compile(r"(?<=\S) (:|%|»)"), _NBSP + r"\1"),
    (re.compile(r"« "), "«" + _NBSP),
    (re.compile(r"(?<=\w)'(?=\w)"), "’"),
)


def french_typography(text: str) -> str:
    parts = []
    last = 0
    for match in _PROTECTED.finditer(text):
        parts.append(_apply_french_rules(text[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_apply_french_rules(text[last:]))
    return "".join(parts)


def _apply_french_rules(text: str) -> str:
    for pattern, replacement in _FRENCH_RULES:
        text = pattern.sub(replacement, text)
    return text
