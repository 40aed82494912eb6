"""After the pages: the search index (Pagefind, a process of its own) and the take-away formats,
on both cores where the process may fork.

One way for each kind of build (faqgen/plugin.py chooses):
- publishing on two cores: the take-away formats and the audience pages' search records (their
  texts come with the pages, converted at generation) need no built page, so two child
  processes make them: the formats from right after validation (`start_formats`), the records
  once the pages are generated (`start_early`); Pagefind starts as soon as the pages are built
  (`after_pages`); `finish` waits for it, which `build_faq.py site` does after verifying the
  pages meanwhile (`finish_later`), any other build at once;
- one after the other in this process, where it may not fork (another thread, or no fork);
- the preview's: in a thread after each build, so that the edited page shows first; a newer
  build stops it (`stop`).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import processes
from .addresses import Addresses
from .model import Faq
from .render import RichTextRenderer
from .search import Record, SearchCopy, SearchIndex, audience_records
from .takeaway import takeaway_files, takeaway_items, write_files

log = logging.getLogger("mkdocs.plugins.faq")


@dataclass(frozen=True)
class Sources:
    """What the outputs are made of."""

    faq: Faq
    addresses: Addresses
    pages: Sequence[str]
    modified: dt.date  # the FAQ's latest change
    rich_texts: RichTextRenderer | None  # the build's converted rich texts (None: convert them again)
    pdf: bool

    def records(self, texts_of: Callable[[str, str], dict[str, str]]) -> list[Record]:
        """The search records of every audience page; `texts_of(lang, name)`: its section texts."""
        return [record for lang in self.addresses.language_dirs for name in self.pages
                if (audience := self.faq.audience(name))
                for record in audience_records(audience, lang, "/" + self.addresses.path(lang, name), texts_of(lang, name))]  # fmt: skip

    def indexed_pages(self, site: Path) -> list[Path]:
        """The built pages indexed as they are (the audience pages are indexed as records)."""
        return [site / self.addresses.path(lang, name) / "index.html"
                for lang in self.addresses.language_dirs for name in self.pages if not self.faq.audience(name)]  # fmt: skip

    def formats(self) -> dict[str, bytes]:
        return takeaway_files(self.faq, self.addresses, self.modified, pdf=self.pdf, texts=self.rich_texts)

    def format_items(self) -> Iterator[tuple[str, bytes]]:
        return takeaway_items(self.faq, self.addresses, self.modified, pdf=self.pdf, texts=self.rich_texts)


@dataclass
class _Early:
    copy: SearchCopy  # what Pagefind will index; `records` writes the audience pages' records into it
    records: processes.Forked  # → what it counted

    def abandon(self) -> None:
        self.records.kill()
        self.copy.remove()


class Outputs:
    """The outputs of one build after another (the plugin keeps one for its whole life)."""

    def __init__(self):
        self.finish_later = False  # set by `build_faq.py site`, which verifies the pages before `finish`
        self.index: SearchIndex | None = None  # the one Pagefind is writing
        self.early: _Early | None = None
        self.formats: processes.Forked | None = None  # → the take-away formats' files
        self.preview: threading.Thread | None = None
        self.stopping = threading.Event()

    def start_formats(self, sources: Sources) -> None:
        """The formats in a child process, where this one may fork: they need no page, so the
        plugin starts them right after validation (this process is smallest then: so is the child)."""
        if processes.can_fork() and self.formats is None:
            self.formats = processes.Forked(sources.formats)

    def start_early(self, sources: Sources, texts_of: Callable[[str, str], dict[str, str]]) -> None:
        """Two child processes at work while MkDocs builds the pages, where this one may fork:
        the records, and the formats unless they were started already."""
        if not processes.can_fork():
            return
        self.start_formats(sources)
        copy = SearchCopy()
        records = sources.records(texts_of)
        try:
            self.early = _Early(copy, processes.Forked(lambda: copy.add_records(records)))
        except BaseException:
            copy.remove()
            raise

    def after_pages(self, sources: Sources, site: Path, texts_of: Callable[[str, str], dict[str, str]], *,
                    preview: bool) -> None:  # fmt: skip
        """Once MkDocs has built every page; ChildFailed, SearchIndexError or OSError if it failed."""
        if preview:
            self.stopping.clear()
            self.preview = threading.Thread(target=self._preview, args=(sources, site, texts_of), daemon=True)
            self.preview.start()
        elif self.early is None or self.formats is None:
            self._abandon_early()
            self._one_after_the_other(sources, site, texts_of)
        else:
            early, self.early = self.early, None
            formats, self.formats = self.formats, None
            try:
                early.copy.merge(early.records.wait())
                early.copy.add_pages(site, sources.indexed_pages(site))
                self.index = SearchIndex.start(site, early.copy, sources.faq)
                write_files(site, formats.wait())
            except BaseException:
                early.abandon()
                formats.kill()
                self._stop_index()
                raise
            if not self.finish_later:
                self.finish()

    def finish(self) -> None:
        """Wait for Pagefind (if it is at work); SearchIndexError if it failed."""
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
        if self.early is not None:
            self.early.abandon()
            self.early = None
        if self.formats is not None:
            self.formats.kill()
            self.formats = None

    def _one_after_the_other(self, sources: Sources, site: Path, texts_of) -> None:
        copy = SearchCopy()
        try:
            copy.add_records(sources.records(texts_of), until=self.stopping)
            copy.add_pages(site, sources.indexed_pages(site))
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

    def _preview(self, sources: Sources, site: Path, texts_of) -> None:
        started = time.monotonic()
        try:
            self._one_after_the_other(sources, site, texts_of)
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
