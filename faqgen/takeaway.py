"""The outputs beside the pages, registered here (`FORMATS`, each declared by its own module:
faqgen/formats.py) and written after every build: the complete document as a PDF and the
timeline as a calendar in each language's folder (faq-fr.pdf, timeline-fr.ics), open data at the
site root (faq.json, its schema and data package); for the published site only, the sitemap and
each language's feed of the updates; and the search bundle, which Pagefind makes (faqgen/search.py).
The home page lists those with a label ("Download" / "Télécharger"), and so do a format's
`listed_on` pages (the timeline page its calendar); every page's end links its language's PDF
(`at_every_page_end`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import processes
from .addresses import Addresses
from .feeds import FORMAT as FEED
from .formats import Format, FormatInputs
from .ical import FORMAT as CALENDAR
from .labels import LABELS
from .model import Faq
from .opendata import DATA, PACKAGE, SCHEMA
from .pdf import FORMAT as PDF
from .rich_text import RichTextRenderer
from .search import FORMAT as SEARCH
from .sitemap import FORMAT as SITEMAP
from .updates import Changes

FORMATS: tuple[Format, ...] = (PDF, CALENDAR, DATA, SCHEMA, PACKAGE, FEED, SITEMAP, SEARCH)
"""Every output beside the pages, the take-away formats in the order the home page offers them."""


@dataclass(frozen=True)
class Download:
    label: str
    file: str  # below the site root: "faq.json", "en/timeline-en.ics"
    media_type: str
    lang: str | None  # the file's language, when it has one
    format: Format


def made_formats(faq: Faq, *, pdf: bool = True, published: bool = False) -> list[Format]:
    """The outputs this FAQ's site has (`pdf`: whether the optional ones are made, the plugin's
    `pdf` option; `published`: the published site, its address known, not a reviewers' preview)."""
    return [format for format in FORMATS
            if format.offered(faq) and (pdf or not format.optional) and (published or not format.published_only)]  # fmt: skip


def downloads(faq: Faq, addresses: Addresses, lang: str, *, pdf: bool = True) -> list[Download]:
    """What a reader of `lang` can take away, in the order the home page lists it."""
    return [Download(LABELS[lang][format.label], format.path(addresses.language_dirs, lang), format.media_type,
                     lang if format.per_language else None, format)
            for format in made_formats(faq, pdf=pdf) if format.label]  # fmt: skip


def write_files(site: Path, files: dict[str, bytes]) -> None:
    """`files` (path below the site root → content) written into `site`."""
    for name, content in files.items():
        (site / name).write_bytes(content)


def takeaway_files(faq: Faq, addresses: Addresses, changes: Changes, *, pdf: bool = True, published: bool = False,
                   texts: RichTextRenderer | None = None) -> dict[str, bytes]:  # fmt: skip
    """Every output this process makes (`made_formats`): path below the site root → content
    (`changes`: when each page last changed; `texts`: the build's converted rich texts). Needs no
    built page: the plugin makes them while MkDocs builds the pages (faqgen/outputs.py)."""
    return dict(takeaway_items(faq, addresses, changes, pdf=pdf, published=published, texts=texts))


def takeaway_items(faq: Faq, addresses: Addresses, changes: Changes, *, pdf: bool = True, published: bool = False,
                   texts: RichTextRenderer | None = None) -> Iterator[tuple[str, bytes]]:  # fmt: skip
    """The formats one by one, as `takeaway_files` (the preview stops between two when a newer
    build starts): the site-wide ones, then each language's. Where this process may fork, the
    formats made `apart` (the PDFs) are each made in a process of their own, all started first:
    laying the documents out is most of the formats' work, and Typst keeps what it laid out
    until its process ends (1.7 GB for one language at 5,000 questions)."""
    inputs = FormatInputs(faq, addresses, changes, texts)
    formats = [format for format in made_formats(faq, pdf=pdf, published=published) if format.make is not None]
    files = [(format, None) for format in formats if not format.per_language]
    files += [(format, lang) for lang in addresses.language_dirs for format in formats if format.per_language]
    apart = {(format.name, lang): processes.Forked(lambda format=format, lang=lang: format.make(inputs, lang))
             for format, lang in files if format.apart and processes.can_fork()}  # fmt: skip
    try:
        for format, lang in files:
            child = apart.pop((format.name, lang), None)
            yield format.path(addresses.language_dirs, lang), child.wait() if child else format.make(inputs, lang)
    finally:  # stopped early (a newer preview build) or failed: what is still being made is not wanted
        for child in apart.values():
            child.kill()


def relative_href(addresses: Addresses, lang: str, page_name: str, file: str) -> str:
    """The address of a file below the site root, from a page."""
    here = addresses.path(lang, page_name) or "."
    return posixpath.relpath(file, here)
