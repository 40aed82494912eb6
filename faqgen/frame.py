"""What faqgen puts in the theme's frame of every page, in the page's language: the footer
with the publisher's identity (`publisher:` and `document.ministry` in faq.yaml), the end of
the page ("Report a problem on this page", "Date modified") and the heading a printed page
carries. Rendered here with Jinja's HTML escaping, from the model; overrides/main.html only
places it, so no ministry has to edit a template.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .compiled import COMPILED
from .labels import LABELS
from .languages import typeset
from .model import Faq
from .render import TEMPLATES

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    bytecode_cache=COMPILED,
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def contact_link(faq: Faq, lang: str) -> str | None:
    """How readers reach the publisher: its contact page, or an e-mail to it."""
    if faq.publisher is None:
        return None
    contact = faq.publisher.contact
    return contact.url.in_(lang) if contact.url is not None else f"mailto:{quote(contact.email, safe='@')}"


def report_link(faq: Faq, lang: str, page_address: str, page_title: str) -> str | None:
    """Where "Report a problem on this page" leads: an e-mail to the publisher's contact with
    the page's title and address filled in, or the contact page; None without a publisher."""
    if faq.publisher is None or faq.publisher.contact.email is None:
        return contact_link(faq, lang)
    subject = f"{LABELS[lang]['report_subject']} {page_title}"
    # mailto: fields are percent-encoded UTF-8 (RFC 6068); quote() leaves nothing that ends them.
    return f"mailto:{quote(faq.publisher.contact.email, safe='@')}?subject={quote(subject, safe='')}&body={quote(page_address, safe='')}"


def page_frame(faq: Faq, lang: str, page_address: str, page_title: str, modified: dt.date | None,
               downloads: list | None = None, pdf: dict | None = None) -> dict[str, Markup]:  # fmt: skip
    """The HTML pieces of one page's frame: `footer`, `page_end` (with the date the page was
    last `modified` and the link to the `pdf`, if any), `print_heading`, and `downloads` (label,
    href, media_type) if any."""
    context = {
        "downloads": downloads or [],
        "pdf": pdf,
        "modified": modified,
        "faq": faq,
        "lang": lang,
        "ui": LABELS[lang],
        "t": lambda translation: typeset(translation.in_(lang), lang),
        "contact": contact_link(faq, lang),
        "report": report_link(faq, lang, page_address, page_title),
    }
    return {
        name: Markup(_ENV.get_template(f"_{name}.html.j2").render(context).strip())
        for name in ("footer", "page_end", "print_heading", *(["downloads"] if downloads else []))
    }


def framed(frame: dict[str, Markup], content: str) -> str:
    """A page's article as overrides/main.html composes it (its `content` block): the heading for
    paper, the page's content, its downloads and its end. The search index reads pages so
    (faqgen/search.py), without waiting for the theme to build them."""
    return "\n".join([frame.get("print_heading", ""), content, frame.get("downloads", ""), frame.get("page_end", "")])
