"""What an output is — a file the site publishes beside its pages, for readers, their programs
or search engines — as each one declares itself. An output is one module (faqgen/pdf.py,
ical.py, opendata.py, feeds.py, sitemap.py, search.py) holding a `Format`: its file, media type,
the label of its download link, which FAQs and which builds have it, the pages that link it, how
it is made and how verification reads it back. faqgen/takeaway.py registers them (`FORMATS`);
the downloads list, every page's links, the making of the files, a preview's leaving out what it
must not announce, and verification read that registry, so a new output is a module and one line
there (tests/test_formats.py keeps the registry whole, as tests/test_rules.py keeps the rules').
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .site_plan import HOME, page_names, page_path

if TYPE_CHECKING:
    from .addresses import Addresses
    from .model import Faq
    from .rich_text import RichTextRenderer
    from .updates import Changes


@dataclass(frozen=True)
class FormatInputs:
    """What the formats are made of."""

    faq: Faq
    addresses: Addresses
    changes: Changes  # when each page last changed (faqgen/updates.py)
    texts: RichTextRenderer | None  # the build's converted rich texts, if at hand

    @property
    def modified(self) -> dt.date:
        """The FAQ's latest change."""
        return max(self.changes.page_modified(name) for name in page_names(self.faq))

    def home(self, lang: str) -> str | None:
        """The address of the home page in `lang`, when the site's address is known."""
        return self.addresses.url(lang, HOME) if self.addresses.site_url else None

    @property
    def domain(self) -> str:
        """The publisher's host, else the site's: what identifies the FAQ's calendar events."""
        faq, site_url = self.faq, self.addresses.site_url
        domain = urlsplit(faq.publisher.url.en).hostname if faq.publisher else None
        return domain or (urlsplit(site_url).hostname if site_url else None) or "faqgen.invalid"


@dataclass(frozen=True)
class BuiltSite:
    """What an output's check may ask of the built site besides its own file, as verification read it."""

    anchors: Callable[[str], set[str] | None]  # a page's anchors by its address (absolute, without #); None: no page of this site
    file: Callable[[str], bytes | None]  # another file's content by its path below the site root; None: there is none


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    file: Callable[[str], str]  # its file's name, in its language's folder (per language) or at the site root
    per_language: bool
    make: Callable[[FormatInputs, str | None], bytes] | None  # its content, for a language (per language) or None;
    # None: made by a stage of its own, named in `made_by`
    label: str | None = None  # its download link's words (a LABELS key); None: not offered by itself (a schema)
    offered: Callable[[Faq], bool] = lambda faq: True  # whether this FAQ has it
    listed_on: frozenset[str] = frozenset()  # pages whose downloads list it besides the home page's (site plan names)
    at_every_page_end: bool = False  # each page's end links it (the complete document)
    optional: bool = False  # turned off by the plugin's `pdf: false` (the PDFs: minutes at thousands of questions)
    apart: bool = False  # made in a process of its own where the build may fork (faqgen/takeaway.py)
    published_only: bool = False  # needs the site's address, and a reviewers' preview must not have it (it announces pages)
    at_site_root: bool = False  # per language, yet at the site root (`file` names its folder, if any)
    made_by: str | None = None  # the stage that makes it when `make` is None (the search bundle: Pagefind)
    check: Callable[[bytes, str | None, BuiltSite], list[str]] | None = None  # verification of the published file: problems

    def path(self, language_dirs: dict[str, str], lang: str | None) -> str:
        """Its file below the site root ("faq.json", "en/faq-en.pdf", "feed-en.xml"); `language_dirs`:
        each language's folder (faqgen/languages.py)."""
        in_folder = self.per_language and not self.at_site_root
        return page_path(language_dirs, lang, HOME) + self.file(lang) if in_folder else self.file(lang)

    def languages(self, language_dirs: dict[str, str]) -> list[str | None]:
        """The languages it has a file in (None: one file for all)."""
        return list(language_dirs) if self.per_language else [None]
