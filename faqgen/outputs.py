"""After the pages: the search index (Pagefind, a process of its own) and the take-away formats,
on both cores where the process may fork.

One way for each kind of build (faqgen/plugin.py chooses):
- publishing on two cores: neither needs a built page. The take-away formats are made in a
  child process from right after validation (`start_formats`); each language's search records
  are written by the process that converts its pages (`search_records`, handed to
  faqgen.pipeline.generate), and Pagefind starts once they are (`start_search`), while MkDocs
  builds the pages; `after_pages` writes the formats, and `finish` waits for Pagefind, which
  `build_faq.py site` does after verifying the pages meanwhile (`finish_later`), any other
  build at once;
- one after the other in this process, where it may not fork (another thread, or no fork);
- the preview's: in a thread after each build, so that the edited page shows first; a newer
  build stops it (`stop`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import processes
from .addresses import Addresses
from .model import Faq
from .page_html import PageHtml
from .rich_text import RichTextRenderer
from .search import Counted, Record, SearchCopy, SearchIndex, audience_records, page_record
from .site_plan import WHATS_NEW
from .takeaway import takeaway_files, takeaway_items, write_files
from .updates import Changes

log = logging.getLogger("mkdocs.plugins.faq")


@dataclass(frozen=True)
class Sources:
    """What the outputs are made of."""

    faq: Faq
    addresses: Addresses
    pages: Sequence[str]
    changes: Changes  # when each page last changed
    rich_texts: RichTextRenderer | None  # the build's converted rich texts (None: convert them again)
    pdf: bool
    published: bool  # the published site, its address known: with the outputs that announce pages (faqgen/takeaway.py)

    def records(self, pages: Iterable[tuple[str, str]], texts_of: Callable[[str, str], dict[str, str]],
                html_of: Callable[[str, str], str]) -> list[Record]:  # fmt: skip
        """The search records of `pages` ((language, page name) pairs), as converted: an audience
        page's from its section texts (`texts_of(lang, name)`), any other's from its article
        (`html_of(lang, name)`: faqgen.frame.framed)."""
        records: list[Record] = []
        for lang, name in pages:
            url = "/" + self.addresses.path(lang, name)
            if name == WHATS_NEW and not self.faq.updates:
                continue  # "no change since publication": nothing a reader searches for
            if audience := self.faq.audience(name):
                records += audience_records(audience, lang, url, texts_of(lang, name))
            else:
                records.append(page_record(html_of(lang, name), lang, url))
        return records

    def formats(self) -> dict[str, bytes]:
        return takeaway_files(self.faq, self.addresses, self.changes, pdf=self.pdf, published=self.published,
                              texts=self.rich_texts)  # fmt: skip

    def format_items(self) -> Iterator[tuple[str, bytes]]:
        return takeaway_items(self.faq, self.addresses, self.changes, pdf=self.pdf, published=self.published,
                              texts=self.rich_texts)  # fmt: skip


@dataclass
class Converted:
    """What the search records need of the pages MkDocs built, as faqgen converted them."""

    texts: dict[tuple[str, str], dict[str, str]]  # (language, audience page) → section id → text
    html: dict[tuple[str, str], str]  # (language, any other page) → its article's HTML (faqgen.frame.framed)


class Outputs:
    """The outputs of one build after another (the plugin keeps one for its whole life)."""

    def __init__(self):
        self.finish_later = False  # set by `build_faq.py site`, which verifies the pages before `finish`
        self.copy: SearchCopy | None = None  # the records being written, until Pagefind starts
        self.index: SearchIndex | None = None  # the one Pagefind is writing
        self.formats: processes.Forked | None = None  # → the take-away formats' files
        self.preview: threading.Thread | None = None
        self.stopping = threading.Event()

    def start_formats(self, sources: Sources) -> None:
        """The formats in a child process, where this one may fork: they need no page, so the
        plugin starts them right after validation (this process is smallest then: so is the child)."""
        if processes.can_fork() and self.formats is None:
            # Not needed before the pages are built: they give way to the work search waits for.
            self.formats = processes.Forked(sources.formats, niceness=10)

    def search_records(self, sources: Sources, framed: Callable[[str, str, str], str]) -> Callable[[Mapping[tuple[str, str], PageHtml]], Counted]:
        """What writes the search records of converted pages ((language, page name) → HTML), in
        the child process that converted them; what it returns goes to `start_search`.
        `framed(lang, name, html)`: a page (other than an audience's) as its article will show it."""
        if self.copy is not None:  # an earlier build's, that failed before Pagefind started
            self.copy.remove()
        copy = self.copy = SearchCopy()
        return lambda pages: copy.add_records(
            sources.records(pages, lambda lang, name: pages[lang, name].section_texts,
                            lambda lang, name: framed(lang, name, pages[lang, name].html)),
            beside=True,
        )  # fmt: skip

    def start_search(self, site: Path, faq: Faq, counted: Iterable[Counted]) -> None:
        """Pagefind, once `search_records` has written every page's records (`counted`: what it
        returned in each child), while MkDocs builds the pages; its bundle goes into `site` when done."""
        copy, self.copy = self.copy, None
        for each in counted:
            copy.counted.merge(each)
        copy.gather()
        self.index = SearchIndex.start(site, copy, faq)

    def after_pages(self, sources: Sources, site: Path, converted: Converted, *, preview: bool) -> None:
        """Once MkDocs has built every page; ChildFailed, SearchIndexError or OSError if it failed."""
        if preview:
            self.stopping.clear()
            self.preview = threading.Thread(target=self._preview, args=(sources, site, converted), daemon=True)
            self.preview.start()
        elif self.index is None or self.formats is None:  # not started before the pages: in this process
            self._abandon_early()
            self._stop_index()
            self._one_after_the_other(sources, site, converted)
        else:
            formats, self.formats = self.formats, None
            try:
                write_files(site, formats.wait())
            except BaseException:
                formats.kill()
                self._stop_index()
                raise
            if not self.finish_later:
                self.finish()

    def finish(self) -> None:
        """Wait for Pagefind (if it is at work) and put its bundle into the site; SearchIndexError if it failed."""
        index, self.index = self.index, None
        if index is not None:
            index.finish()

    def stop(self) -> None:
        """Stop what is under way (a newer preview build, a failed build, the end of serve):
        the preview's thread at its next step, the children and Pagefind at once."""
        self._abandon_early()
        if self.preview is not None:
            self.stopping.set()
            if (index := self.index) is not None:
                index.stop()
            self.preview.join()
            self.preview = None
        self._stop_index()

    def _abandon_early(self) -> None:
        if self.copy is not None:
            self.copy.remove()
            self.copy = None
        if self.formats is not None:
            self.formats.kill()
            self.formats = None

    def _one_after_the_other(self, sources: Sources, site: Path, converted: Converted) -> None:
        copy = SearchCopy()
        try:
            pages = [(lang, name) for lang in sources.addresses.language_dirs for name in sources.pages]
            records = sources.records(pages, lambda lang, name: converted.texts[lang, name],
                                      lambda lang, name: converted.html[lang, name])  # fmt: skip
            copy.counted.merge(copy.add_records(records, until=self.stopping))
        except BaseException:
            copy.remove()
            raise
        if self.stopping.is_set():
            copy.remove()
            return
        self.index = SearchIndex.start(site, copy, sources.faq)
        try:  # while Pagefind indexes, in a process of its own; one by one, so a newer preview build waits for one at most
            for name, content in sources.format_items():
                if self.stopping.is_set():
                    break
                write_files(site, {name: content})
        except BaseException:
            self._stop_index()
            raise
        if self.stopping.is_set():
            self._stop_index()
        else:
            self.finish()

    def _preview(self, sources: Sources, site: Path, converted: Converted) -> None:
        started = time.monotonic()
        try:
            self._one_after_the_other(sources, site, converted)
        except Exception as error:  # noqa: BLE001 (a thread's failure is logged, the preview goes on)
            if not self.stopping.is_set():
                log.error(f"the preview's search index or downloads could not be written: {error}")
            return
        if not self.stopping.is_set():
            log.info(f"the preview's search index and downloads are written ({time.monotonic() - started:.1f} s)")

    def _stop_index(self) -> None:
        index, self.index = self.index, None
        if index is not None:
            index.cancel()
