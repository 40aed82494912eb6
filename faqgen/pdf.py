"""The complete document per language as a tagged PDF (PDF/UA-1), like the source document:
title page, key points, every audience's questions in order, the timeline and the glossary,
with an outline of every heading, the document's language, and its dates from faq.yaml.

Rendered by WeasyPrint (its PDF/UA-1 variant: a structure tree of headings, paragraphs, lists
and links, /Lang, /MarkInfo) from our own print template (templates/document.html.j2 and
assets/document.css), not from the theme's pages. WeasyPrint needs the system's Pango (`make`
installs it when missing). Same FAQ, same bytes: no date but the data's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from .model import Faq
from .render import RichTextRenderer, document_html

STYLESHEET = Path(__file__).parent / "assets" / "document.css"


def pdf_file(lang: str) -> str:
    """The document's name in its language's folder: faq-fr.pdf, faq-en.pdf."""
    return f"faq-{lang}.pdf"


def document_pdf(faq: Faq, lang: str, modified: dt.date, address: str | None,
                 texts: RichTextRenderer | None = None) -> bytes:  # fmt: skip
    """The PDF of `lang`; `address`: the site's home page in that language, if known; `texts`:
    the build's converted rich texts, if at hand."""
    import weasyprint  # loads Pango: only when a PDF is made

    html = document_html(faq, lang, texts, modified=modified, address=address,
                         stylesheet=Markup(STYLESHEET.read_text(encoding="utf-8")))  # our own file  # fmt: skip
    return weasyprint.HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(pdf_variant="pdf/ua-1")
