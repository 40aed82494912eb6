"""The take-away formats, written beside the pages after every build: open data (faq.json, its
schema and data package, at the site root) and the timeline as a calendar (timeline.ics in each
language's folder). This module owns their places; the home page lists them ("Download" /
"Télécharger") and the timeline page links its calendar.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .addresses import Addresses
from .ical import CALENDAR_FILE, timeline_calendar
from .labels import LABELS
from .model import Faq
from .opendata import DATA_FILE, PACKAGE_FILE, SCHEMA_FILE, data_package, data_schema, open_data, write_json


@dataclass(frozen=True)
class Download:
    label: str
    file: str  # below the site root: "faq.json", "en/timeline.ics"
    media_type: str
    lang: str | None  # the file's language, when it has one


def downloads(faq: Faq, addresses: Addresses, lang: str) -> list[Download]:
    """What a reader of `lang` can take away, in the order the home page lists it."""
    ui = LABELS[lang]
    found = []
    if faq.phases or any(milestone.date for milestone in faq.milestones):
        found.append(Download(ui["download_calendar"], addresses.path(lang, "index") + CALENDAR_FILE, "text/calendar", lang))
    found.append(Download(ui["download_data"], DATA_FILE, "application/json", None))
    return found


def write_takeaways(site: Path, faq: Faq, addresses: Addresses) -> list[str]:
    """Write every format into the built `site`; the files written, below the site root."""
    written = {
        DATA_FILE: write_json(open_data(faq, addresses)),
        SCHEMA_FILE: write_json(data_schema()),
        PACKAGE_FILE: write_json(data_package(faq, addresses)),
    }
    domain = urlsplit(faq.publisher.url.en).hostname if faq.publisher else None
    domain = domain or (urlsplit(addresses.site_url).hostname if addresses.site_url else None) or "faqgen.invalid"
    for lang in addresses.language_dirs:
        for download in downloads(faq, addresses, lang):
            if download.file.endswith(CALENDAR_FILE):
                written[download.file] = timeline_calendar(faq, lang, domain)
    for name, content in written.items():
        (site / name).write_bytes(content)
    return list(written)


def relative_href(addresses: Addresses, lang: str, page_name: str, file: str) -> str:
    """The address of a file below the site root, from a page."""
    here = addresses.path(lang, page_name) or "."
    return posixpath.relpath(file, here)
