"""/sitemap.xml, for search engines: every page with its date and its versions in every language
and x-default (the root language) — the hreflang alternates, in the form search engines read in
sitemaps. They are not repeated as `<link rel="alternate">` in pages: mkdocs-material fetches a
sitemap.xml beside each such link, which would take one more sitemap in every folder.

Only for the published site, its address known: a sitemap's addresses are absolute, and a
reviewers' preview must not announce pages that are not published.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable

from .addresses import Addresses
from .formats import BuiltSite, Format
from .site_plan import SITEMAP, page_names

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap(addresses: Addresses, names: Iterable[str], lastmod: Callable[[str], dt.date] | None = None) -> bytes:
    """A sitemap of these pages, every language of each, each entry with its alternates and,
    with `lastmod` (page name → date), the date the page was last modified."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for name in names:
        alternates = addresses.alternates(name)
        for lang in addresses.language_dirs:
            entry = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = addresses.url(lang, name)
            if lastmod:
                ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = lastmod(name).isoformat()
            for hreflang, url in alternates.items():
                ET.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang, href=url)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def address_problems(content: bytes, lang: str | None, site: BuiltSite) -> list[str]:
    """Verification: every address the sitemap lists is a page of this site."""
    try:
        urlset = ET.fromstring(content)  # our own output
    except ET.ParseError as error:
        return [f"not XML: {error}"]
    hrefs = [loc.text or "" for loc in urlset.iter(f"{{{SITEMAP_NS}}}loc")]
    hrefs += [link.get("href", "") for link in urlset.iter(f"{{{XHTML_NS}}}link")]
    return [f"{href} is not a page of this site" for href in dict.fromkeys(hrefs) if site.anchors(href) is None]


FORMAT = Format(
    "sitemap", "application/xml", lambda _: SITEMAP, per_language=False, published_only=True,
    make=lambda inputs, _: sitemap(inputs.addresses, page_names(inputs.faq), inputs.changes.page_modified),
    check=address_problems,
)  # fmt: skip
