"""Addresses: each page's folder and URL in each language, and the sitemaps that list them.

Absolute URLs exist only when the site's public address is known (`site_url`, from
FAQ_SITE_URL): search engines need them, and a guessed host would be worse than none.

- Every page names its canonical address (the theme's `<link rel="canonical">`).
- /sitemap.xml lists every page with its date and its versions in every language and
  x-default (the root language): the hreflang alternates, in the form search engines read in
  sitemaps. They are not repeated as `<link rel="alternate">` in pages: mkdocs-material fetches
  a sitemap.xml beside each such link, which would take one more sitemap in every folder.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .site_plan import page_path

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"



def relative_url(from_name: str, to_name: str) -> str:
    """The address of page `to_name` relative to page `from_name` in the same language: "../municipalities/"."""
    dirs = {"": ""}
    return _relative(page_path(dirs, "", from_name), page_path(dirs, "", to_name))


def _relative(here: str, there: str) -> str:
    relative = posixpath.relpath(there or ".", here or ".")
    return "./" if relative == "." else relative + "/"


@dataclass(frozen=True)
class Addresses:
    site_url: str | None  # ends with "/"; None when the public address is not known
    language_dirs: dict[str, str]  # language → "" (the root language) or "en/"
    default_language: str

    def path(self, lang: str, name: str) -> str:
        return page_path(self.language_dirs, lang, name)

    def relative(self, from_lang: str, from_name: str, to_lang: str, to_name: str) -> str:
        """Page `to_name` in `to_lang`, relative to page `from_name` in `from_lang` ("../../en/timeline/"):
        right wherever the site is served, a sub-path or a folder on disk, address known or not."""
        return _relative(self.path(from_lang, from_name), self.path(to_lang, to_name))

    def url(self, lang: str, name: str) -> str:
        assert self.site_url, "absolute URLs need the site's address"
        return self.site_url + self.path(lang, name)

    def alternates(self, name: str) -> dict[str, str]:
        """hreflang → URL, x-default last: what a search engine shows to any other language."""
        urls = {lang: self.url(lang, name) for lang in self.language_dirs}
        return {**urls, "x-default": urls[self.default_language]}


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
