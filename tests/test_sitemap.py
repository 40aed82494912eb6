"""/sitemap.xml as this process makes it (faqgen/sitemap.py), and its check, without a site: every
page in every language with its date and alternates; an address that is no page found once.
The published site holds the same bytes (tests/test_site.py)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from helpers import LANGUAGE_DIRS, ROOT_LANGUAGE, expected_addresses

from faqgen.addresses import Addresses
from faqgen.formats import BuiltSite
from faqgen.sitemap import address_problems, sitemap

SITE = "https://faq.example.ca/ssm/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
NAMES = ["index", "service-providers", "timeline"]
DATES = {"index": dt.date(2020, 2, 14), "service-providers": dt.date(2020, 3, 2), "timeline": dt.date(2019, 7, 1)}


def addresses_of(name: str) -> dict[str, str]:
    return expected_addresses(SITE, name)


def test_every_page_is_listed_in_every_language_with_its_date_and_its_alternates():
    made = sitemap(Addresses(SITE, LANGUAGE_DIRS, ROOT_LANGUAGE), NAMES, DATES.get)
    assert made.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                           b"xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n")  # the prefixes search engines document
    assert made.endswith(b"</urlset>\n")
    entries = ET.fromstring(made).findall("s:url", NS)
    expected = [(name, lang) for name in NAMES for lang in LANGUAGE_DIRS]
    assert [entry.findtext("s:loc", namespaces=NS) for entry in entries] == [addresses_of(n)[lang] for n, lang in expected]
    for entry, (name, _) in zip(entries, expected, strict=True):
        assert entry.findtext("s:lastmod", namespaces=NS) == DATES[name].isoformat()
        links = [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in entry.findall("x:link", NS)]
        assert links == [("alternate", lang, url) for lang, url in
                         {**addresses_of(name), "x-default": addresses_of(name)[ROOT_LANGUAGE]}.items()]  # fmt: skip


def test_without_dates_no_entry_says_when_it_changed():
    made = ET.fromstring(sitemap(Addresses(SITE, LANGUAGE_DIRS, ROOT_LANGUAGE), NAMES))
    assert len(made.findall("s:url", NS)) == 6 and made.findall("s:url/s:lastmod", NS) == []


def test_an_address_that_is_no_page_of_the_site_is_named_once():
    pages = {url for name in NAMES for url in addresses_of(name).values()} - {SITE + "en/timeline/"}
    site = BuiltSite(lambda url: set() if url in pages else None, lambda path: None)
    made = sitemap(Addresses(SITE, LANGUAGE_DIRS, ROOT_LANGUAGE), NAMES, DATES.get)
    assert address_problems(made, None, site) == [f"{SITE}en/timeline/ is not a page of this site"]
    every = BuiltSite(lambda url: set(), lambda path: None)
    assert address_problems(made, None, every) == []
    problems = address_problems(b"<urlset", None, every)
    assert len(problems) == 1 and problems[0].startswith("not XML: ")
    moved = made.replace(f"<loc>{SITE}</loc>".encode(), f"<loc>{SITE}gone/</loc>".encode(), 1)  # in a <loc> only
    assert address_problems(moved.replace(f'href="{SITE}en/"'.encode(), b"", 1), None, site) == [
        f"{SITE}gone/ is not a page of this site", f"{SITE}en/timeline/ is not a page of this site",
        " is not a page of this site"]  # fmt: skip
    addressed = BuiltSite(lambda url: set() if url else None, lambda path: None)  # every address is a page
    assert address_problems(made.replace(f"<loc>{SITE}</loc>".encode(), b"<loc />", 1), None, addressed) == [
        " is not a page of this site"]
