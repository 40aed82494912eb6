"""The site plan: the pages a FAQ has, in menu order, and where each one lives — its name, its
source file in each language, its folder below the site root — and the names the site keeps for
its own files. One owner of these facts: rendering, the plugin, the formats, verification, the
XLIFF files and the rules ask here.

A page's name is its address: "service-providers" → /service-providers/ and
/en/service-providers/ (the root language at the root: faqgen/languages.py). An audience's page is
named by its id, so an audience cannot take a name of this plan (the `reserved-ids` rule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .languages import LANGUAGES

if TYPE_CHECKING:
    from .model import Faq

HOME = "index"
"""The home page: its language's folder itself."""
TIMELINE = "timeline"
"""The phases and milestones (when faq.yaml has any)."""
WHATS_NEW = "whats-new"
"""The updates, with their feeds (there from the first day: readers can subscribe before the first update)."""
GLOSSARY = "glossary"
"""The abbreviations (when faq.yaml has a `glossary:`)."""
DOCUMENT = "document"
"""Not a page: the whole FAQ in one document (the PDF), where every question has its anchor."""

NOT_FOUND = "404.html"
"""The not-found page: one for the whole site, at its root, every language on it (MkDocs's static
template of that name: where a host such as GitHub Pages looks for it)."""

SEARCH_FOLDER = "pagefind"
"""The search index and its scripts (faqgen/search.py)."""
SITEMAP = "sitemap.xml"
ADMIN_FOLDER = "admin"
"""The editors' page (faqgen/editor.py): not a page of the FAQ."""
SITE_NAMES = frozenset({"assets", "search", "404", SEARCH_FOLDER, "sitemap", "feed", ADMIN_FOLDER})
"""Folders and files of the site's own (the theme's assets, search, the not-found page, the
sitemap, the feeds, the editors' page) that a page's folder could be mistaken for."""
RESERVED_PAGE_NAMES = frozenset({HOME, TIMELINE, WHATS_NEW, GLOSSARY, *LANGUAGES, *SITE_NAMES})
"""What an audience's id cannot be: a page of the plan, a language's folder, a name of the site's own."""


def page_names(faq: Faq) -> list[str]:
    """Every page, in menu order."""
    return [HOME, *(audience.id for audience in faq.audiences), *([TIMELINE] if faq.has_timeline else []),
            WHATS_NEW, *([GLOSSARY] if faq.glossary else [])]  # fmt: skip


def source_file(name: str, lang: str) -> str:
    """The page's Markdown in content/, in mkdocs-static-i18n's suffix layout: page.fr.md, page.en.md."""
    return f"{name}.{lang}.md"


def page_of_source(file: str) -> tuple[str, str]:
    """(language, page name) of a source file that `source_file` named: `municipalities.en.md`."""
    name, lang, _ = file.rsplit("/", 1)[-1].rsplit(".", 2)
    return lang, name


def page_path(language_dirs: dict[str, str], lang: str, name: str) -> str:
    """The page's folder below the site root: "", "en/", "municipalities/", "en/timeline/"."""
    return language_dirs[lang] + ("" if name == HOME else f"{name}/")
