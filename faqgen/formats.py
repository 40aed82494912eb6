"""What a take-away format is — a file readers download beside the pages — as each one declares
itself. A format is one module (faqgen/pdf.py, ical.py, opendata.py) holding a `Format`: its
file, media type, the label of its download link, which FAQs have it, the pages that link it,
how it is made and how verification reads it back. faqgen/takeaway.py registers them (`FORMATS`);
the downloads list, every page's links, the making of the files and verification read that
registry, so a new format is a module and one line there (tests/test_formats.py keeps the
registry whole, as tests/test_rules.py keeps the rules').
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .site_plan import HOME, page_path

if TYPE_CHECKING:
    from .addresses import Addresses
    from .model import Faq
    from .rich_text import RichTextRenderer

@dataclass(frozen=True)
class FormatInputs:
    """What the formats are made of."""

    faq: Faq
    addresses: Addresses
    modified: dt.date  # the FAQ's latest change
    texts: RichTextRenderer | None  # the build's converted rich texts, if at hand

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
class Format:
    name: str
    media_type: str
    file: Callable[[str], str]  # its file's name, in its language's folder (per language) or at the site root
    per_language: bool
    make: Callable[[FormatInputs, str | None], bytes]  # its content, for a language (per language) or None
    label: str | None = None  # its download link's words (a LABELS key); None: not offered by itself (a schema)
    offered: Callable[[Faq], bool] = lambda faq: True  # whether this FAQ has it
    listed_on: frozenset[str] = frozenset()  # pages whose downloads list it besides the home page's (site plan names)
    at_every_page_end: bool = False  # each page's end links it (the complete document)
    optional: bool = False  # turned off by the plugin's `pdf: false` (the PDFs: minutes at thousands of questions)
    apart: bool = False  # made in a process of its own where the build may fork (faqgen/takeaway.py)
    check: Callable[[bytes, str | None], list[str]] | None = None  # verification of the published file: problems

    def path(self, language_dirs: dict[str, str], lang: str | None) -> str:
        """Its file below the site root ("faq.json", "en/faq-en.pdf"); `language_dirs`: each
        language's folder (faqgen/languages.py)."""
        return page_path(language_dirs, lang, HOME) + self.file(lang) if self.per_language else self.file(lang)
