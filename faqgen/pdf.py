"""The complete document per language as a tagged PDF (PDF/UA-1), like the source document:
title page, key points, every audience's questions in order, the timeline and the glossary,
with an outline of every heading, the document's language, and its dates from faq.yaml.

What it says is the pages' own content, written once: templates/document.html.j2, whose rich
texts are the checked HTML of the pages (faqgen/render.py). How it looks is Typst's
(templates/document.typ), which receives that content as data — a tree of the document's
elements and their texts, as JSON — never as Typst markup: a text holding `#`, `$`, `[` or
`#set` prints as typed. Typst (its Python binding, a self-contained wheel) needs no system
library and uses only the fonts it carries, so every machine makes the same bytes; the only
date in them is the data's.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .formats import Format
from .languages import typeset
from .model import Faq
from .render import TEMPLATES, document_html
from .rich_text import RichTextRenderer

TEMPLATE = TEMPLATES / "document.typ"
_BLOCKS = frozenset({"section", "h1", "h2", "h3", "p", "ul", "ol", "li", "dl", "dt", "dd"})
_INLINE = frozenset({"em", "strong", "br", "a", "span", "time"})
_ATTRIBUTES = ("id", "class", "href", "lang", "start")  # what the print template reads of an element
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # collapsed as browsers do; no-break spaces are kept


def pdf_file(lang: str) -> str:
    """The document's name in its language's folder: faq-fr.pdf, faq-en.pdf."""
    return f"faq-{lang}.pdf"


def document_pdf(faq: Faq, lang: str, modified: dt.date, address: str | None,
                 texts: RichTextRenderer | None = None) -> bytes:  # fmt: skip
    """The PDF of `lang`; `address`: the site's home page in that language, if known; `texts`:
    the build's converted rich texts, if at hand."""
    import typst  # loaded only when a PDF is made

    html = document_html(faq, lang, texts, modified=modified, address=address)
    document = {
        "lang": lang,
        "title": typeset(faq.document.title.in_(lang), lang),
        "author": typeset(faq.document.ministry.in_(lang), lang),
        "description": typeset(faq.document.subtitle.in_(lang), lang),
        "date": [modified.year, modified.month, modified.day],
        "body": document_tree(html),
    }
    return typst.compile(str(TEMPLATE), root=str(TEMPLATE.parent), pdf_standards=["ua-1"], ignore_system_fonts=True,
                         sys_inputs={"document": json.dumps(document, ensure_ascii=False)})  # fmt: skip


def document_tree(html: str) -> dict:
    """The body of the document's HTML as the print template reads it: each element
    {t: tag, c: children, and the attributes it reads}, each text a string with its spaces collapsed
    as a browser would. Only the elements the template knows: the HTML is faqgen's own
    (its texts checked against the allowlist), so another is a defect of faqgen."""
    return _element(LexborHTMLParser(html).body)


def _element(node: LexborNode) -> dict:
    children = []
    nodes = list(node.iter(include_text=True))
    for index, child in enumerate(nodes):
        if child.tag == "-text":
            text = _HTML_SPACE.sub(" ", child.text_content)
            before = nodes[index - 1].tag if index else None
            after = nodes[index + 1].tag if index + 1 < len(nodes) else None
            if before in _BLOCKS or before is None:
                text = text.lstrip(" ")
            if after in _BLOCKS or after is None:
                text = text.rstrip(" ")
            if text:
                children.append(text)
        elif child.tag in _BLOCKS or child.tag in _INLINE:
            children.append(_element(child))
        elif child.tag != "-comment":
            raise ValueError(f"the print template has no <{child.tag}>: faqgen/templates/document.typ")
    element = {"t": node.tag, "c": children}
    for name in _ATTRIBUTES:
        if (value := node.attributes.get(name)) is not None:
            element[name] = int(value) if name == "start" else value
    return element


FORMAT = Format(
    "pdf", "application/pdf", pdf_file, per_language=True,
    make=lambda inputs, lang: document_pdf(inputs.faq, lang, inputs.modified, inputs.home(lang), inputs.texts),
    label="download_pdf", at_every_page_end=True, optional=True, apart=True,
)  # fmt: skip
