"""Stage 6: the Markdown pages faqgen generated, converted to HTML by faqgen itself.

MkDocs would convert each generated page with Python-Markdown, which parses every HTML block
twice with Python's html.parser (its own raw-HTML pass and MkDocs' anchor pass) and runs its
inline patterns on every line: at thousands of questions that was the largest cost of the
build (bench/RESULTS.md). But these pages are not an editor's Markdown: faqgen's templates
wrote them (faqgen/render.py), from a small grammar they alone use:

- headings `## words {: #id }` (levels 1 to 3), the id always given;
- HTML blocks, starting with a block-level tag on a line of their own, each made by faqgen
  (rich texts converted and checked by faqgen/markup.py and faqgen/safety.py, or Jinja
  templates that escape as HTML), passed through as they are, as Python-Markdown does;
- paragraphs and `- ` list items of escaped text (`markdown_escape`), `[words](page.md#id)`
  links with an optional `{: .class name="value" }`, and the templates' `<span>`/`<time>` tags.

This module converts exactly that grammar to the HTML Python-Markdown makes of it (with the
site's `attr_list` and `toc`), and refuses anything else with the page and line: a template
that writes something new fails the build instead of being read differently. The test suite
holds the two conversions equal on every page of several FAQs (tests/test_page_html.py).

Along the way it collects what MkDocs and faqgen need of a page: the table of contents, the
ids of its anchors, and the plain text of each section (key points, each answer) for
the search index.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from selectolax.lexbor import LexborHTMLParser

from .addresses import relative_url

PERMALINK_CLASS = "faq-permalink"  # the link in the paragraph that ends an answer (templates/audience.md.j2)

# Python-Markdown's own lists: the tags that open an HTML block, the characters `\` escapes.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote details dialog dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split()
)
_ESCAPABLE = "\\`*_{}[]()>#+-.!"

_HEADING = re.compile(r"(#{1,3}) (.*?) \{: #([A-Za-z][\w-]*) \}")
_HTML_START = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
_INLINE = re.compile(
    r"\\(?P<escaped>.)"
    r"|\[(?P<words>(?:\\.|[^\\\[\]\n])*)\]\((?P<href>[^()\s]*)\)(?:\{: (?P<attrs>[^{}\n]*?) \})?"
    r"|(?P<tag></?(?:span|time)(?: [a-z-]+=\"[^\"<>]*\")*>)"
    r"|(?P<entity>&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)"
    r"|(?P<syntax>[`*_\[\]<{}!\\])"
)
_ATTRIBUTE = re.compile(r'\.(?P<class>[\w-]+)|(?P<name>[a-z-]+)="(?P<value>[^"]*)"')


class GeneratedMarkdownError(ValueError):
    """A generated page holds something outside faqgen's grammar (a template's mistake)."""


@dataclass
class PageHtml:
    html: str
    toc: list[dict]  # Python-Markdown `toc` tokens, nested: for mkdocs.structure.toc.get_toc
    anchor_ids: set[str]  # every id of the page (MkDocs checks links to them from other pages)
    section_texts: dict[str, str] = field(default_factory=dict)  # section id → its plain text
    made_of: tuple[int, int] = (0, 0)  # what it was converted from, as `_identity` (not a copy: pages are megabytes)

    def made_from(self, markdown: str) -> bool:
        """Whether this is `markdown`'s HTML. Blank lines at the end change nothing (and
        mkdocs-static-i18n hands pages over without their last line end)."""
        return self.made_of == _identity(markdown)


def _identity(markdown: str) -> tuple[int, int]:
    """A text's length and hash. Python's string hash is seeded once per process, and a forked
    child (faqgen/pipeline.py) shares its parent's seed."""
    text = markdown.rstrip("\n")
    return len(text), hash(text)


def page_html(markdown: str, page: str, link: Callable[[str], str]) -> PageHtml:
    """`markdown`: a generated page without its front matter; `page`: its file, for errors;
    `link`: an address as the page writes it (`timeline.md`, `#id`) → as the site has it."""
    converter = _Converter(page, link)
    for number, block in _blocks(markdown):
        converter.block(number, block)
    return replace(converter.result(), made_of=_identity(markdown))


def generated_page_html(markdown: str, file: str, pages: Sequence[str], page: str) -> PageHtml:
    """A generated page's HTML (`file`: its file; `page`: its name), its links read among `pages`."""
    return page_html(markdown, file, lambda href: page_link(pages, page, href))


def page_link(pages: Sequence[str], page: str, href: str) -> str:
    """A link of generated page `page` (`timeline.md`, `municipalities.md#id`, `#id`) as the
    site has it; GeneratedMarkdownError if it leads to none of `pages`."""
    target, _, anchor = href.partition("#")
    if not target:
        return href
    name = target.removesuffix(".md")
    if not target.endswith(".md") or name not in pages:
        raise GeneratedMarkdownError(f"{page}: a link to `{href}`, which is no page of this FAQ")
    return relative_url(page, name) + (f"#{anchor}" if anchor else "")


def _blocks(markdown: str):
    """(line number, block) for each run of lines between blank lines."""
    lines, start = [], 0
    for number, line in enumerate(markdown.split("\n"), 1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            yield start, lines
            lines = []
    if lines:
        yield start, lines


class _Converter:
    def __init__(self, page: str, link: Callable[[str], str]):
        self.page, self.link = page, link
        self.parts: list[str] = []
        self.headings: list[dict] = []
        self.ids: set[str] = set()
        self.sections: dict[str, list[str]] = {}
        self.section: list[str] | None = None  # the texts of the section being read

    def block(self, number: int, lines: list[str]) -> None:
        first = lines[0]
        if (start := _HTML_START.match(first)) and start.group(1) in _BLOCK_TAGS:
            raw = "\n".join(lines)
            self.parts.append(raw + "\n")  # Python-Markdown leaves a blank line after an HTML block
            tree = LexborHTMLParser(raw, is_fragment=True)
            self.ids.update(node.attributes["id"] for node in tree.css("[id]"))
            self._text(tree.text(separator=" "))
        elif heading := _HEADING.fullmatch(first):
            self._only_line(number, lines)
            level, words, anchor = len(heading.group(1)), self.inline(number, heading.group(2).strip()), heading.group(3)
            self.parts.append(f"<h{level} id=\"{anchor}\">{words}</h{level}>")
            self.ids.add(anchor)
            self.headings.append({"level": level, "id": anchor, "name": _strip_tags(words), "html": words,
                                  "data-toc-label": ""})  # fmt: skip
            if level == 3:  # within its section (the home page's key points)
                self._text(_words(words))
            else:
                self.section = self.sections.setdefault(anchor, []) if level == 2 else None
        elif first.startswith("- "):
            items = []
            for offset, line in enumerate(lines):
                if not line.startswith("- "):
                    raise self.error(number + offset, "a list item that does not start with `- `")
                items.append(f"<li>{self.inline(number + offset, line[2:].strip())}</li>")
            self.parts.append("<ul>\n" + "\n".join(items) + "\n</ul>")
            self._text(" ".join(_words(item) for item in items))
        elif first.startswith(("#", ">", "    ", "\t", "```", "* ", "+ ", "-")) or _NUMBERED.match(first):
            raise self.error(number, "Markdown syntax faqgen's templates do not write")
        else:
            words = "\n".join(self.inline(number + offset, line.strip()) for offset, line in enumerate(lines))
            self.parts.append(f"<p>{words}</p>")
            if f'class="{PERMALINK_CLASS}"' in words:
                self.section = None  # an answer ends with its permalink
            else:
                self._text(_words(words))

    def inline(self, number: int, text: str) -> str:
        """One line of escaped text, links and the templates' inline tags, as HTML."""
        out, last = [], 0
        for match in _INLINE.finditer(text):
            out.append(_text_html(text[last : match.start()]))
            last = match.end()
            if (escaped := match.group("escaped")) is not None:
                if escaped not in _ESCAPABLE:
                    raise self.error(number, f"`\\{escaped}` escapes a character Markdown does not")
                out.append(_text_html(escaped))
            elif match.group("href") is not None:
                attributes = [("href", self.link(match.group("href")))]
                for attribute in _ATTRIBUTE.finditer(match.group("attrs") or ""):
                    if attribute.group("class"):
                        attributes.append(("class", attribute.group("class")))
                    else:
                        attributes.append((attribute.group("name"), html.unescape(attribute.group("value"))))
                words = self.inline(number, match.group("words"))  # attributes in name order, as Python-Markdown writes them
                out.append("<a " + " ".join(f'{name}="{_attribute_html(value)}"' for name, value in sorted(attributes))
                           + f">{words}</a>")  # fmt: skip
            elif match.group("tag") or match.group("entity"):
                out.append(match.group(0))
            else:
                raise self.error(number, f"`{match.group('syntax')}` is Markdown syntax faqgen's templates do not write")
        out.append(_text_html(text[last:]))
        return "".join(out)

    def _only_line(self, number: int, lines: list[str]) -> None:
        if len(lines) > 1:
            raise self.error(number + 1, "a heading is followed by a line of text without a blank line")

    def _text(self, text: str) -> None:
        if self.section is not None:
            self.section.append(text)

    def error(self, number: int, message: str) -> GeneratedMarkdownError:
        return GeneratedMarkdownError(f"{self.page}:{number}: {message} (a template of faqgen/templates wrote it)")

    def result(self) -> PageHtml:
        texts = {anchor: " ".join(" ".join(parts).split()) for anchor, parts in self.sections.items()}
        return PageHtml("\n".join(self.parts).strip("\n"), _nested(self.headings), self.ids, texts)


_BARE_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)")
_TAG = re.compile(r"<[^>]*>")
_NUMBERED = re.compile(r"\d+\. ")


def _text_html(text: str) -> str:
    """Text as Python-Markdown serializes it: `&` escaped unless it starts an entity, `>` escaped."""
    if "&" in text:  # most pieces have none: no regex scan
        text = _BARE_AMPERSAND.sub("&amp;", text)
    return text.replace(">", "&gt;")


def _attribute_html(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _strip_tags(fragment: str) -> str:
    """The words of a fragment as the `toc` extension names a heading: tags out, entities kept."""
    return " ".join(_TAG.sub("", fragment).split())


def _words(fragment: str) -> str:
    """The text of a fragment faqgen made: tags out, entities read."""
    return html.unescape(_strip_tags(fragment))


def _nested(headings: list[dict]) -> list[dict]:
    """The headings as nested `toc` tokens (each under the nearest heading above of a lower level)."""
    roots: list[dict] = []
    stack: list[dict] = []
    for heading in headings:
        token = {**heading, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots
