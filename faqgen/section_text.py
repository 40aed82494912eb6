"""The plain text of each section of a page (key points, each answer), read from the page
MkDocs converts anyway: for schema.org data and for the search index's records.

Converting every answer a second time only to get its text cost more than the rest of our
stage put together at thousands of questions; this Markdown tree processor reads the text
from the page's own element tree instead: everything between a heading with an id and the
next heading, or the "copy the link" paragraph that ends an answer
(faqgen/templates/audience.md.j2), raw HTML blocks included: the rich texts arrive as HTML
(faqgen/render.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from selectolax.lexbor import LexborHTMLParser

PERMALINK_CLASS = "faq-permalink"  # the paragraph that ends an answer


class SectionTexts(Extension):
    """After each conversion, `texts` maps the ids of the page's sections to their text."""

    def __init__(self):
        super().__init__()
        self.texts: dict[str, str] = {}

    def extendMarkdown(self, md):
        md.treeprocessors.register(_Reader(md, self), "faq_section_text", -10)  # after all others


class _Reader(Treeprocessor):
    def __init__(self, md, extension: SectionTexts):
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        texts: dict[str, list[str]] = {}
        section = None
        for element in root:
            if element.tag in ("h1", "h2"):
                section = texts.setdefault(element.get("id"), []) if element.tag == "h2" and element.get("id") else None
            elif element.find(f".//a[@class='{PERMALINK_CLASS}']") is not None:
                section = None
            elif section is not None:
                section.append(self.text(element))
        self.extension.texts = {section_id: " ".join(" ".join(parts).split()) for section_id, parts in texts.items()}

    def text(self, element: ET.Element) -> str:
        raw = self.md.htmlStash.rawHtmlBlocks
        return HTML_PLACEHOLDER_RE.sub(lambda match: _html_text(raw[int(match.group(1))]), "".join(element.itertext()))


def _html_text(html) -> str:
    if isinstance(html, ET.Element):
        return " ".join(html.itertext())
    return LexborHTMLParser(html, is_fragment=True).text(separator=" ")
