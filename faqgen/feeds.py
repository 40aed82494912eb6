"""An Atom feed of the updates per language (RFC 4287), for readers who want to be told of
changes without coming back: one entry per update, newest first, in the feed's language.

Written only when the site's public address is known (FAQ_SITE_URL): a feed's ids and links
are absolute, and a guessed host would be worse than none. Reproducible: every date comes from
faq.yaml, never from the clock. The feeds lie at the site root (`/feed-fr.xml`, `/feed-en.xml`):
mkdocs-material fetches a sitemap.xml beside every `<link rel="alternate">` of a page, and
/sitemap.xml is the one that exists.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from markupsafe import Markup

from .addresses import Addresses
from .formats import BuiltSite, Format
from .labels import LABELS
from .languages import typeset
from .model import Faq
from .render import touched_target
from .site_plan import WHATS_NEW

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_TYPE = "application/atom+xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_file(lang: str) -> str:
    """The feed's file, at the site root."""
    return f"feed-{lang}.xml"


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def atom_feed(faq: Faq, addresses: Addresses, lang: str) -> bytes:
    """The feed of `lang` (`addresses` has the site's address); with no update yet, a feed without
    entries, dated the day the document was last updated, for readers to subscribe to."""
    ui = LABELS[lang]
    whats_new = addresses.url(lang, WHATS_NEW)
    ET.register_namespace("", ATOM_NS)

    def element(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
        node.text = text
        return node

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: lang})
    element(feed, "id", whats_new)
    element(feed, "title", f"{typeset(faq.document.title.in_(lang), lang)} — {ui['whats-new']}")
    element(feed, "updated", _timestamp(max((update.date for update in faq.updates), default=faq.document.last_updated)))
    author = element(feed, "author")
    element(author, "name", typeset(faq.document.ministry.in_(lang), lang))
    element(feed, "link", rel="self", type=FEED_TYPE, href=addresses.site_url + feed_file(lang))
    element(feed, "link", rel="alternate", type="text/html", hreflang=lang, href=whats_new)
    for update in sorted(faq.updates, key=lambda update: update.date, reverse=True):
        entry = element(feed, "entry")
        element(entry, "id", f"{whats_new}#update-{update.id}")  # stable: the update's id never changes
        summary = typeset(update.summary.in_(lang), lang)
        element(entry, "title", summary)
        element(entry, "updated", _timestamp(update.date))
        element(entry, "published", _timestamp(update.date))
        element(entry, "link", rel="alternate", type="text/html", hreflang=lang, href=f"{whats_new}#update-{update.id}")
        items = []
        for touched in update.touched:
            page, anchor, words = touched_target(faq, touched, lang)
            href = f"{addresses.url(lang, page)}#{anchor}"
            element(entry, "link", rel="related", type="text/html", hreflang=lang, href=href, title=words)
            items.append(Markup('<li><a href="{}">{}</a></li>').format(href, words))
        element(entry, "summary", summary, type="text")
        content = Markup("<p>{}</p><p>{}</p><ul>{}</ul>").format(summary, ui["update_touched"], Markup("").join(items))
        element(entry, "content", str(content), type="html")  # HTML as text: ElementTree escapes it once more
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def link_problems(feed: bytes, lang: str | None, site: BuiltSite) -> list[str]:
    """Verification: every link of the feed but its own address leads to a page of this site,
    and to an anchor the page has."""
    try:
        root = ET.fromstring(feed)  # our own output
    except ET.ParseError as error:
        return [f"not XML: {error}"]
    problems = []
    for link in root.iter(f"{{{ATOM_NS}}}link"):
        href = link.get("href", "")
        if link.get("rel") == "self":
            continue
        address, _, anchor = href.partition("#")
        anchors = site.anchors(address)
        if anchors is None:
            problems.append(f"{href} is not a page of this site")
        elif anchor and anchor not in anchors:
            problems.append(f"{href} has no anchor #{anchor} to land on")
    return problems


FORMAT = Format(
    "feed", FEED_TYPE, feed_file, per_language=True, at_site_root=True, published_only=True,
    make=lambda inputs, lang: atom_feed(inputs.faq, inputs.addresses, lang), check=link_problems,
)  # fmt: skip
