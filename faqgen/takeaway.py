"""The take-away formats, written beside the pages after every build: the complete document as a
PDF and the timeline as a calendar in each language's folder (faq-fr.pdf, timeline-fr.ics), open
data at the site root (faq.json, its schema and data package). This module owns their places;
the home page lists them ("Download" / "Télécharger"), every page links its language's PDF and
the timeline page its calendar.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import processes
from .addresses import Addresses
from .ical import calendar_file, timeline_calendar
from .labels import LABELS
from .model import Faq
from .opendata import DATA_FILE, PACKAGE_FILE, SCHEMA_FILE, data_package, data_schema, open_data, write_json
from .pdf import document_pdf, pdf_file
from .rich_text import RichTextRenderer
from .site_plan import HOME


@dataclass(frozen=True)
class Download:
    label: str
    file: str  # below the site root: "faq.json", "en/timeline-en.ics"
    media_type: str
    lang: str | None  # the file's language, when it has one


def downloads(faq: Faq, addresses: Addresses, lang: str, *, pdf: bool = True) -> list[Download]:
    """What a reader of `lang` can take away, in the order the home page lists it (`pdf`: whether
    the PDFs are made; the plugin's `pdf` option)."""
    ui = LABELS[lang]
    found = []
    if pdf:
        found.append(Download(ui["download_pdf"], addresses.path(lang, HOME) + pdf_file(lang), "application/pdf", lang))
    if faq.phases or any(milestone.date for milestone in faq.milestones):
        found.append(Download(ui["download_calendar"], addresses.path(lang, HOME) + calendar_file(lang), "text/calendar", lang))
    found.append(Download(ui["download_data"], DATA_FILE, "application/json", None))
    return found


def write_files(site: Path, files: dict[str, bytes]) -> None:
    """`files` (path below the site root → content) written into `site`."""
    for name, content in files.items():
        (site / name).write_bytes(content)


def takeaway_files(faq: Faq, addresses: Addresses, modified: dt.date, *, pdf: bool = True,
                   texts: RichTextRenderer | None = None) -> dict[str, bytes]:  # fmt: skip
    """Every format: path below the site root → content (`modified`: the FAQ's latest change;
    `texts`: the build's converted rich texts). Needs no built page: the plugin makes them while
    MkDocs builds the pages (faqgen/outputs.py)."""
    return dict(takeaway_items(faq, addresses, modified, pdf=pdf, texts=texts))


def takeaway_items(faq: Faq, addresses: Addresses, modified: dt.date, *, pdf: bool = True,
                   texts: RichTextRenderer | None = None) -> Iterator[tuple[str, bytes]]:  # fmt: skip
    """The formats one by one, as `takeaway_files` (the preview stops between two when a newer
    build starts). Where this process may fork, each PDF is made in a process of its own, all
    started first: laying the documents out is most of the formats' work, and Typst keeps what it
    laid out until its process ends (1.7 GB for one language at 5,000 questions)."""
    def pdf_of(lang: str) -> bytes:
        return document_pdf(faq, lang, modified, addresses.url(lang, HOME) if addresses.site_url else None, texts)

    apart = {lang: processes.Forked(lambda lang=lang: pdf_of(lang))
             for lang in (addresses.language_dirs if pdf and processes.can_fork() else ())}  # fmt: skip
    try:
        yield DATA_FILE, write_json(open_data(faq, addresses, texts))
        yield SCHEMA_FILE, write_json(data_schema())
        yield PACKAGE_FILE, write_json(data_package(faq, addresses))
        domain = urlsplit(faq.publisher.url.en).hostname if faq.publisher else None
        domain = domain or (urlsplit(addresses.site_url).hostname if addresses.site_url else None) or "faqgen.invalid"
        for lang in addresses.language_dirs:
            for download in downloads(faq, addresses, lang, pdf=pdf):
                if download.media_type == "text/calendar":
                    yield download.file, timeline_calendar(faq, lang, domain)
                elif download.media_type == "application/pdf":
                    yield download.file, apart.pop(lang).wait() if lang in apart else pdf_of(lang)
    finally:  # stopped early (a newer preview build) or failed: the PDFs are no longer wanted
        for child in apart.values():
            child.kill()


def relative_href(addresses: Addresses, lang: str, page_name: str, file: str) -> str:
    """The address of a file below the site root, from a page."""
    here = addresses.path(lang, page_name) or "."
    return posixpath.relpath(file, here)
