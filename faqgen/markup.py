"""The small syntax editors write inside texts, and French typography.

Editors write text, not HTML. A rich text (an answer, a key point, a phase description, a
milestone label) is a small Markdown:

    paragraphs          a blank line starts one
    *italic*, **bold**
    lists               lines starting with `- ` or `1. `
    [words](https://…)  links to https://, http:// or mailto: addresses
    [words][link-id]    a link to an entry of `links:`
    [[question-id]]     a link to that question, its number as link text
    [[timeline]]        the phase timeline (on a line of its own)
    [[regions]]         the list of prototype regions and their managers (on a line of its own)

Everything else is shown as the characters typed: raw HTML, `{: attribute lists }`,
reference definitions, images, code, headings. Python-Markdown is used with the parts that
would interpret those turned off, and what it produces is then checked against an allowlist
as a browser parses it (faqgen/safety.py), so nothing outside the list can reach a page.

Plain texts (titles, questions, names) are placed into the generated Markdown pages escaped
for Markdown (`markdown_escape`), so that they can never become syntax there either.

One definition here serves the validator (which checks every name exists and every text
converts to allowed HTML) and the renderer (which expands them), so the two cannot disagree.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping

import markdown
from markdown.treeprocessors import Treeprocessor

SHORTCODE = re.compile(r"\[\[\s*([^\[\]\n]*?)\s*\]\]")
LINK_REFERENCE = re.compile(r"\]\[([^\[\]\n]+)\]")
BLOCKS = ("timeline", "regions")
"""Shortcodes that stand for a whole block rather than a link."""
BLOCK_LINE = re.compile(r"^[ \t]*\[\[\s*(timeline|regions)\s*\]\][ \t]*$", re.MULTILINE)
MAX_BRACKET_DEPTH = 16
"""Python-Markdown's link parsing is quadratic in the number of unclosed `[`: 30,000 of them
took 86 s. No text needs brackets nested this deep; a deeper text is refused with its place."""
MAX_PARAGRAPH = 10_000
"""Python-Markdown slices a paragraph's text anew at each link, emphasis or escape it finds, so
its time grows with the square of a paragraph's length (40,000 `\\` in one: 0.9 s). Capping a
paragraph keeps a whole text linear; real paragraphs are under 1,000 characters."""
MAX_PARENTHESIS_DEPTH = 8
"""Likewise for the parentheses of a link's address: `[a](` 20,000 times took 131 s."""

# Where an inline [[question-id]] stands while Markdown converts the editor's text: control
# characters are refused in faq.yaml (faqgen/loader.py), so no text can contain one.
_PLACEHOLDER = "\x01{}\x01"
_PLACEHOLDER_RE = re.compile("\x01(\\d+)\x01")

_DISABLED_BLOCKS = ("code", "hashheader", "setextheader", "hr", "quote", "reference")
_DISABLED_INLINE = ("backtick", "image_link", "image_reference", "short_image_ref", "autolink", "automail",
                    "html", "entity")  # fmt: skip


def shortcodes(text: str) -> Iterator[tuple[str, int]]:
    """Each [[name]] in `text`, with the offset where it starts."""
    for match in SHORTCODE.finditer(text):
        yield match.group(1), match.start()


def link_references(text: str) -> Iterator[tuple[str, int]]:
    """Each [words][link-id] reference in `text`, with the offset of the id."""
    for match in LINK_REFERENCE.finditer(text):
        yield match.group(1), match.start(1)


def misplaced_blocks(text: str) -> Iterator[tuple[str, int]]:
    """[[timeline]] or [[regions]] written inside a sentence instead of on a line of its own."""
    for match in SHORTCODE.finditer(text):
        if match.group(1) in BLOCKS:
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.end())
            if text[start : end if end >= 0 else len(text)].strip() != match.group(0):
                yield match.group(1), match.start()


def unbalanced_syntax(text: str) -> tuple[str, int] | None:
    """What Python-Markdown would take quadratic time over, and where (found in linear time):
    a paragraph longer than MAX_PARAGRAPH, `[` nested deeper than MAX_BRACKET_DEPTH, or a
    link's address `](…` not closed by `)` on its line or with parentheses nested deeper than
    MAX_PARENTHESIS_DEPTH. No real text needs any of these."""
    start = 0
    for blank in _BLANK_LINES.finditer(text + "\n\n"):
        if blank.start() - start > MAX_PARAGRAPH:
            return (f"this paragraph is {blank.start() - start:,} characters long, more than {MAX_PARAGRAPH:,}: "
                    "split it with blank lines", start)  # fmt: skip
        start = blank.end()
    if text.count("[") <= MAX_BRACKET_DEPTH and "](" not in text:  # nearly every text
        return None
    brackets = parentheses = 0
    address_start = None
    for offset, character in enumerate(text):
        if address_start is not None:
            if character == "(":
                parentheses += 1
                if parentheses > MAX_PARENTHESIS_DEPTH:
                    return "parentheses are nested too deep in a link's address", offset
            elif character == ")":
                parentheses -= 1
                if parentheses == 0:
                    address_start = None
            elif character == "\n":
                return "this link's address is not closed: end it with `)` on the same line", address_start
            continue
        if character == "[":
            brackets += 1
            if brackets > MAX_BRACKET_DEPTH:
                return f"brackets `[` are nested too deep (more than {MAX_BRACKET_DEPTH}): close them with `]`", offset
        elif character == "]" and brackets:
            brackets -= 1
            if text.startswith("(", offset + 1):
                address_start, parentheses = offset + 1, 0
    if address_start is not None:
        return "this link's address is not closed: end it with `)` on the same line", address_start
    return None


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()!#+])")


def markdown_escape(text: str) -> str:
    """A plain text made literal inside generated Markdown (a heading, a list item, a link's
    words): one line, every character Markdown could read as syntax backslash-escaped, and
    `&`, `<`, `>` written as HTML escapes. `{: …}` can no longer be an attribute list, `](` no
    longer end a link."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # At the start of a paragraph, "- " or "1. " would begin a list and "---" a rule.
    return _LIST_OR_RULE.sub(lambda match: f"{match.group(1)}\\." if match.group(1) else "\\-", text, count=1)


_LIST_OR_RULE = re.compile(r"^(\d+)\.|^-")


_NOT_PROSE = re.compile(r"\[\[[^\]\n]*\]\]|\]\([^)\n]*\)|\]\[[^\]\n]*\]|https?://\S+")
"""Where an abbreviation is not a word of the text: [[ids]], link addresses and ids, addresses."""


def expand_abbreviations(text: str, glossary: list[tuple[str, str]], explained: set[str]) -> str:
    """The text with the first use of each abbreviation not yet `explained` on its page written
    out, "Service System Manager (SSM)", unless the text already writes it so; `glossary`:
    (abbreviation, what it stands for); `explained` is updated.

    Longest abbreviation first, and a place taken once is taken: "ODSP ES" is one use of ODSP ES,
    not a use of ODSP (the glossary has both); never inside a link, an address or an id."""
    if all(abbreviation in explained or abbreviation not in text for abbreviation, _ in glossary):
        return text
    taken = [match.span() for match in _NOT_PROSE.finditer(text)]
    edits = []
    for abbreviation, term in sorted(glossary, key=lambda entry: -len(entry[0])):
        if abbreviation not in text:  # most texts hold none: no regex scan
            continue
        uses = [match for match in re.finditer(rf"(?<![\w-]){re.escape(abbreviation)}(?![\w-])", text)
                if not any(start < match.end() and match.start() < end for start, end in taken)]  # fmt: skip
        taken += [match.span() for match in uses]  # a shorter abbreviation inside one of these is not a use of it
        if uses and abbreviation not in explained:
            first = uses[0]
            explained.add(abbreviation)
            if not text[: first.start()].lower().endswith(f"{term} (".lower()):
                edits.append((first.start(), first.end(), f"{markdown_escape(term)} ({abbreviation})"))
    for start, end, written in sorted(edits, reverse=True):
        text = text[:start] + written + text[end:]
    return text


class _OneLanguageLinks(Treeprocessor):
    """A link to a page that exists in one language only, in the other edition: `hreflang`
    on the link, and the words that say so right after it (WCAG 3.1.2 and readers' time)."""

    def __init__(self, md):
        super().__init__(md)
        self.marks: Mapping[str, tuple[str, str]] = {}  # address → (its language, the words to add)

    def run(self, root):
        for parent in root.iter():
            for child in parent:
                if child.tag == "a" and (mark := self.marks.get(child.get("href", ""))):
                    child.set("hreflang", mark[0])
                    child.tail = f" {mark[1]}{child.tail or ''}"


class EditorMarkdown:
    """Converts the small Markdown of editors' rich texts to HTML (not yet checked)."""

    def __init__(self):
        self._md = markdown.Markdown()
        self._md.build_parser()
        self._one_language_links = _OneLanguageLinks(self._md)
        self._md.treeprocessors.register(self._one_language_links, "one_language_links", 5)  # after "inline" (20)
        self._md.preprocessors.deregister("html_block")
        for name in _DISABLED_BLOCKS:
            self._md.parser.blockprocessors.deregister(name)
        for name in _DISABLED_INLINE:
            self._md.inlinePatterns.deregister(name)

    def convert(self, text: str, references: Mapping[str, tuple[str, str]],
                marks: Mapping[str, tuple[str, str]] | None = None) -> tuple[str, list[str], bool]:
        """HTML of a Markdown text without block shortcodes, and the names of its [[name]]
        links, which stand in the HTML as placeholders until `put_links` replaces them, and
        whether Python-Markdown made it (else it is paragraphs of text only, see plain_paragraphs).
        `references`: link id → (url, title), the entries of `links:`, the only reference
        definitions a text can use; `marks`: address → (language, words) for the addresses of
        pages in the other language only (`_OneLanguageLinks`)."""
        names: list[str] = []

        def hold(match: re.Match) -> str:
            names.append(match.group(1))
            return _PLACEHOLDER.format(len(names) - 1)

        text = SHORTCODE.sub(hold, text)
        if not MARKDOWN_SYNTAX.search(text):  # most answers: paragraphs of words (see plain_paragraphs)
            return plain_paragraphs(text), names, False
        if (html := lists_and_links(text, references, marks or {})) is not None:  # most of the others
            return html, names, True
        return self.markdown(text, references, marks), names, True

    def markdown(self, text: str, references: Mapping[str, tuple[str, str]],
                 marks: Mapping[str, tuple[str, str]] | None = None) -> str:
        """The full conversion, by Python-Markdown."""
        md = self._md.reset()
        md.references.update(references)
        self._one_language_links.marks = marks or {}
        return md.convert(text)


MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>&!\t]|^[ \t]*(?:[-+*]|\d+[.)])(?:[ \t]|$)| $", re.MULTILINE)
"""Anything the editors' Markdown could read as syntax (or that its output escapes). The
placeholders of [[question-id]] links (control characters) are inert text to it."""


def plain_paragraphs(text: str) -> str:
    """What the editors' Markdown makes of a text without any syntax (`MARKDOWN_SYNTAX`):
    its paragraphs, as Python-Markdown writes them, in a fifth of the time (a property test
    holds the two equal)."""
    blocks = _BLANK_LINES.split(text.strip("\n"))
    return "\n".join(f"<p>{block.lstrip()}</p>" for block in blocks if block.strip())


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def lists_and_links(text: str, references: Mapping[str, tuple[str, str]],
                    marks: Mapping[str, tuple[str, str]]) -> str | None:
    """What the editors' Markdown makes of a text of paragraphs, `- ` lists (one line an item,
    no blank line between items) and `[words][link-id]` links to `links:` entries, and nothing
    else: HTML as Python-Markdown writes it, in a fraction of the time (a property test holds
    the two equal); None for any other text, which Python-Markdown converts. Like every
    conversion, its HTML is then held to the allowlist (faqgen/safety.py)."""
    if _LINE_BREAK.search(text):
        return None
    parts, after_a_list = [], False
    for block in _BLANK_LINES.split(text.strip("\n")):
        if not block.strip():
            continue
        lines = block.split("\n")
        if all(line.startswith("- ") and not _NOT_A_PARAGRAPH_LINE.match(line[2:]) for line in lines):
            items = [_words_and_links(line[2:], references, marks) for line in lines]
            if None in items or after_a_list:  # two lists apart are one loose list (<li><p>…)
                return None
            parts.append("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>")
            after_a_list = True
            continue
        after_a_list = False
        words = None if any(_NOT_A_PARAGRAPH_LINE.match(line) for line in lines) else _words_and_links(block, references, marks)
        if words is None:
            return None
        parts.append(f"<p>{words}</p>")
    return "\n".join(parts)


_NOT_A_PARAGRAPH_LINE = re.compile(r"[ \t]|[-+*#>=]|\d+[.)]")  # indented, or what may start another block
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n\\`*_<>&!]+)\]\[([^\[\]\n]+)\]")
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&!\t]")
_LINE_BREAK = re.compile(r" $", re.MULTILINE)  # two spaces at a line's end make a <br>


def _words_and_links(text: str, references: Mapping[str, tuple[str, str]],
                     marks: Mapping[str, tuple[str, str]]) -> str | None:
    parts, last = [], 0
    for match in _REFERENCE_LINK.finditer(text):
        words, link_id = match.groups()
        if link_id.lower() not in references or link_id != link_id.strip() or _INLINE_SYNTAX.search(text[last : match.start()]):
            return None  # Python-Markdown's: an unknown id, spaces, or syntax before the link
        url, title = references[link_id.lower()]
        parts.append(text[last : match.start()])
        attributes = [("href", url), *([("title", title)] if title else [])]
        mark = marks.get(url)
        if mark:
            attributes.append(("hreflang", mark[0]))
        parts.append("<a " + " ".join(f'{name}="{html.escape(value)}"' for name, value in sorted(attributes)) + f">{words}</a>")
        if mark:
            parts.append(f" {mark[1]}")
        last = match.end()
    if _INLINE_SYNTAX.search(text[last:]):
        return None
    parts.append(text[last:])
    return "".join(parts)


def put_links(html: str, names: list[str], link: Callable[[str], str]) -> str:
    """Replace the placeholders of `EditorMarkdown.convert` by `link(name)`."""
    return _PLACEHOLDER_RE.sub(lambda match: link(names[int(match.group(1))]), html)


def split_blocks(text: str) -> Iterator[tuple[str, str]]:
    """The text as ("markdown", piece) and ("block", name) parts, in order."""
    last = 0
    for match in BLOCK_LINE.finditer(text):
        if text[last : match.start()].strip():
            yield "markdown", text[last : match.start()]
        yield "block", match.group(1)
        last = match.end()
    if text[last:].strip():
        yield "markdown", text[last:]


# French typography (Office québécois de la langue française, as used by the Government of
# Ontario): a non-breaking space before the colon, percent sign and closing guillemet, after
# the opening guillemet; nothing before ? ! ; (Canadian usage, as in the source document).
# Editors type ordinary spaces; the pages get the right ones. Links and code are left alone.
_NBSP = "\u00a0"
# Bounded, so that a `](` or `<` left open costs a bounded scan, not one to the end of the text.
_PROTECTED = re.compile(r"`[^`\n]{0,500}`|\]\([^)\n]{0,2000}\)|<[^<>\n]{0,500}>|https?://\S+")
_FRENCH_RULES = (  # (what a text holds if the rule applies, the rule): most texts need none of them
    ((" :", " %", " »"), re.compile(r"(?<=\S) (:|%|»)"), _NBSP + r"\1"),
    (("« ",), re.compile(r"« "), "«" + _NBSP),
    (("'",), re.compile(r"(?<=\w)'(?=\w)"), "’"),
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
    for needed, pattern, replacement in _FRENCH_RULES:
        if any(piece in text for piece in needed):  # a substring test is far cheaper than a regex tried at each place
            text = pattern.sub(replacement, text)
    return text
