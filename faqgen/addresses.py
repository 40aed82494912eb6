"""Addresses: each page's folder and URL in each language.

Absolute URLs exist only when the site's public address is known (`site_url`, from
FAQ_SITE_URL): search engines need them, and a guessed host would be worse than none. Every
page names its canonical address (the theme's `<link rel="canonical">`); the versions of a page
in the other languages are in /sitemap.xml (faqgen/sitemap.py).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .site_plan import page_path


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
