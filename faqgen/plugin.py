"""The MkDocs plugin `faq` (registered by entry point in pyproject.toml):

    plugins:
      - faq:
          source: faq.yaml      # the FAQ, relative to mkdocs.yml (the default)
          as_of: 2020-05-01     # draw the timeline for this date (default: document.as_of)
      - i18n: …

Thin event handlers, as mkdocs-static-i18n's plugin has them; each job is another module's:
generation (faqgen.pipeline), the generated pages' HTML (faqgen.page_html), page data
(faqgen.render.faq_page), addresses (faqgen.addresses) and search (faqgen.search). The state of one build lives in a
`_Build` made in on_config; the plugin instance itself lives for the whole of `mkdocs serve`
(it has on_startup), which is what lets the preview keep the last good FAQ.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from . import processes
from .addresses import SITEMAP, Addresses, sitemap
from .feeds import atom_feed, feed_file
from .frame import page_frame
from .labels import LABELS
from .languages import folders, root_language
from .model import Faq, iso_date
from .page_html import GeneratedMarkdownError, PageHtml, page_html, page_link
from .pipeline import generate
from .problems import FaqError, os_error_message
from .render import GENERATED_MARKER, RichTextRenderer, faq_page, page_names
from .search import Record, SearchCopy, SearchIndex, SearchIndexError, audience_records
from .takeaway import downloads, relative_href, takeaway_files, write_files
from .updates import Changes
from .validate import Validated
from .write import HandWrittenPageError, is_generated

log = logging.getLogger("mkdocs.plugins.faq")


class IsoDate(c.BaseConfigOption[dt.date]):
    """A date written YYYY-MM-DD, read as faq.yaml's dates are (faqgen.model.iso_date)."""

    def run_validation(self, value: object) -> dt.date:
        try:
            return iso_date(value)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class FaqConfig(base.Config):
    source = c.File(exists=True, default="faq.yaml")
    as_of = c.Optional(IsoDate())
    pdf = c.Type(bool, default=True)  # the complete document as a PDF per language (the benchmark turns it off)


@dataclass
class _Build:
    """What one build (every language of it) learns and collects."""

    faq: Faq
    addresses: Addresses
    pages: list[str]
    changes: Changes  # when each page and question last changed
    rich_texts: RichTextRenderer | None  # the rich texts the build converted (None: the preview's last good FAQ)
    texts: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (language, page) → section id → text
    prepared: dict[str, PageHtml] = field(default_factory=dict)  # a page's file → its HTML, made with the page
    converted: dict[str, PageHtml] = field(default_factory=dict)  # a generated page's file → its HTML, until MkDocs asks


@dataclass
class _EarlyWork:
    """Child processes at work while MkDocs builds the pages (FaqPlugin._start_early)."""

    copy: SearchCopy  # what Pagefind will index; `records` writes the audience pages' records into it
    records: processes.Forked  # → what it counted
    formats: processes.Forked  # → the take-away formats' files

    def abandon(self) -> None:
        self.records.kill()
        self.formats.kill()
        self.copy.remove()


class FaqPlugin(BasePlugin[FaqConfig]):
    def __init__(self):
        self.serving = False
        self.last_good: Faq | None = None  # shown by the preview while faq.yaml has errors
        self.build: _Build | None = None
        self.builds_open = 0  # mkdocs-static-i18n builds each further language inside the first
        self.validated: Validated | None = None  # faq.yaml as `build_faq.py site` validated it: not read again
        # The preview's: an edit converts only what it changed; the page shows before search and downloads.
        self.earlier_texts: RichTextRenderer | None = None
        self.earlier_pages: dict[str, tuple[tuple, PageHtml]] = {}  # a page's file → (what it was made of, its HTML)
        self.after_build: threading.Thread | None = None  # the search index and take-away formats, being written
        self.stop_after_build = threading.Event()  # a newer build makes them useless: stop them
        self.index: SearchIndex | None = None  # the one Pagefind is writing
        self.early: _EarlyWork | None = None  # what needs no built page, being made meanwhile

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        self.builds_open += 1
        if self.builds_open > 1:  # a further language: generated already
            # It writes into the same folder: its 404.html (in its language's chrome) would replace the root's.
            config.theme.static_templates.discard("404.html")
            return config
        self._stop_after_build()  # before this build empties the site folder
        faq, warnings, texts, prepared = self._generate(config)
        for warning in warnings:
            log.warning(str(warning))  # `mkdocs build --strict` (publishing) stops on these
        self.last_good = faq
        self.build = _Build(faq, _addresses(config), page_names(faq), Changes(faq, self.config.as_of or faq.document.as_of),
                            texts, prepared=prepared)  # fmt: skip
        if prepared and not self.serving and processes.can_fork():
            self.early = self._start_early(self.build)
        config.theme.static_templates.discard("sitemap.xml")  # ours is written after the build (on_post_build)
        config.nav = [f"{name}.md" for name in self.build.pages]
        _add_assets(config)
        return config

    def _generate(self, config):
        try:
            result = generate(Path(self.config.source), Path(config.docs_dir), as_of=self.config.as_of,
                              display_name=Path(self.config.source).name, checked=self.validated,
                              earlier=self.earlier_texts, parallel=processes.can_fork() and not self.serving)  # fmt: skip
        except FaqError as error:
            if not (self.serving and self.last_good is not None):
                raise PluginError(f"{Path(self.config.source).name} cannot be published; no page was changed:\n{error}") from None
            # The preview keeps showing the last good pages; the editor reads what to fix here.
            for problem in error.problems:
                log.error(str(problem))
            log.error(f"{Path(self.config.source).name} has errors: the preview shows the last good version until they are fixed")
            return self.last_good, [], None, {}
        except (HandWrittenPageError, GeneratedMarkdownError, processes.ChildFailed) as error:
            raise PluginError(str(error)) from None
        except OSError as error:
            raise PluginError(f"the pages could not be written: {os_error_message(error)}") from None
        if self.serving:
            self.earlier_texts = result.texts
        return result.faq, result.warnings, result.texts, result.converted

    def on_serve(self, server, *, config, builder):
        server.watch(self.config.source)  # an edit of faq.yaml rebuilds the preview
        # The pages in docs_dir are written by each build from faq.yaml: watching them would make
        # every save build twice. Pages written by hand there are still watched, one by one.
        server.unwatch(config.docs_dir)
        for page in sorted(Path(config.docs_dir).rglob("*")):
            if page.is_file() and not is_generated(page):
                server.watch(str(page))
        return server

    def on_files(self, files, *, config):
        """faqgen's own assets join the site; the theme's sitemap does not (see on_config)."""
        if theme_sitemap := files.get_file_from_path("sitemap.xml"):
            files.remove(theme_sitemap)
        for asset in sorted(ASSETS.iterdir()):
            files.append(File(f"{ASSETS.name}/{asset.name}", str(ASSETS.parent), config.site_dir, config.use_directory_urls))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        """A page faqgen generated is converted by faqgen (faqgen/page_html.py: its own grammar,
        the same HTML Python-Markdown makes of it, in a fraction of the time); MkDocs then
        converts nothing. Hand-written pages are MkDocs' as usual."""
        if GENERATED_MARKER not in page.meta:
            return markdown
        _, name = _page_of(page)
        made_of = (markdown, tuple(self.build.pages))  # links depend on which pages there are
        prepared = self.build.prepared.pop(page.file.src_uri, None)  # made from the page faqgen wrote
        earlier = self.earlier_pages.get(page.file.src_uri)
        if prepared is not None and prepared.made_from(markdown):
            converted = prepared
        elif earlier is not None and earlier[0] == made_of:
            converted = earlier[1]
        else:
            try:
                converted = page_html(markdown, page.file.src_uri, lambda href: page_link(self.build.pages, name, href))
            except GeneratedMarkdownError as error:
                raise PluginError(str(error)) from None
            if self.serving:
                self.earlier_pages[page.file.src_uri] = (made_of, converted)
        self.build.converted[page.file.src_uri] = converted
        return ""

    def on_page_content(self, html, *, page, config, files):
        if (converted := self.build.converted.pop(page.file.src_uri, None)) is None:
            return html
        # What Page.render would have set from Python-Markdown's run.
        page.toc, page.present_anchor_ids = get_toc(converted.toc), converted.anchor_ids
        self.build.texts[_page_of(page)] = converted.section_texts
        return converted.html

    def on_page_context(self, context, *, page, config, nav):
        """What overrides/ show: schema.org data in the head, search's words (partials/search.html)."""
        lang, name = _page_of(page)
        context["faq_ui"] = LABELS[lang]
        address = page.canonical_url or self.build.addresses.path(lang, name)  # absolute once site_url is set
        modified = self.build.changes.page_modified(name)
        # The home page lists every download, the timeline its calendar, every page its PDF.
        links = [{"label": item.label, "media_type": item.media_type,
                  "href": relative_href(self.build.addresses, lang, name, item.file)}
                 for item in downloads(self.build.faq, self.build.addresses, lang, pdf=self.config.pdf)]  # fmt: skip
        listed = {"index": links, "timeline": [link for link in links if link["media_type"] == "text/calendar"]}
        pdf = next((link for link in links if link["media_type"] == "application/pdf"), None)
        context["faq_frame"] = page_frame(self.build.faq, lang, address, _plain_title(page.title), modified,
                                          listed.get(name, []), pdf)  # fmt: skip
        if self.build.addresses.site_url and self.build.faq.updates:
            context["faq_feed"] = {"href": self.build.addresses.site_url + feed_file(lang), "lang": lang,
                                   "title": LABELS[lang]["feed"]}  # fmt: skip
        if audience := self.build.faq.audience(name):
            context["structured_data"] = faq_page(audience, lang, self.build.texts[(lang, name)], modified)
        return context

    def on_template_context(self, context, *, template_name, config):
        """The not-found page (one for the whole site) speaks every language, the root's first."""
        if template_name == "404.html":
            dirs, root = self.build.addresses.language_dirs, self.build.addresses.default_language
            context["faq_ui"] = LABELS[root]
            context["faq_frame"] = {"footer": page_frame(self.build.faq, root, "404.html", "", None)["footer"]}
            context["not_found"] = [{"lang": lang, "folder": dirs[lang], **LABELS[lang]}
                                    for lang in sorted(dirs, key=lambda lang: lang != root)]  # fmt: skip
        return context

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
    def on_post_build(self, *, config):
        self.builds_open -= 1
        if self.builds_open > 0:
            return
        build, site = self.build, Path(config.site_dir)
        if build.addresses.site_url:
            (site / SITEMAP).write_bytes(sitemap(build.addresses, build.pages, build.changes.page_modified))
            for lang in build.addresses.language_dirs if build.faq.updates else ():
                (site / feed_file(lang)).write_bytes(atom_feed(build.faq, build.addresses, lang))
        elif build.faq.updates:
            log.info("site_url is not set (FAQ_SITE_URL): no Atom feed of the updates")
        if self.serving:  # the preview shows the edited page now; its search and downloads follow
            self.stop_after_build.clear()
            self.after_build = threading.Thread(target=self._after_build_logged, args=(build, site), daemon=True)
            self.after_build.start()
            return
        if self.early is None:  # one core's way: one after the other
            self._after_build(build, site)
            return
        # Publishing on two cores: the records and the formats were made while MkDocs built the
        # pages (see _start_early); Pagefind now works while MkDocs ends and `build_faq.py site`
        # verifies the pages: the index is finished in on_shutdown (right after the build).
        early, self.early = self.early, None
        try:
            early.copy.merge(early.records.wait())
            early.copy.add_pages(site, self._indexed_pages(build, site))
            self.index = SearchIndex.start(site, early.copy, build.faq)
            write_files(site, early.formats.wait())
        except processes.ChildFailed as error:
            early.abandon()
            self._stop_index()
            raise PluginError(f"the search index or the take-away formats could not be made: {error}") from None
        except BaseException:
            early.abandon()
            self._stop_index()
            raise

    def _start_early(self, build: _Build) -> _EarlyWork:
        """What needs no built page, in two child processes while MkDocs builds the pages: the
        search records of the audience pages (their texts come with the pages converted at
        generation) and the take-away formats."""
        copy = SearchCopy()
        records = self._records(build, lambda lang, name: build.prepared[f"{name}.{lang}.md"].section_texts)
        recording = processes.Forked(lambda: copy.add_records(records))
        try:
            making = processes.Forked(lambda: self._takeaway_files(build))
        except BaseException:
            recording.kill()
            copy.remove()
            raise
        return _EarlyWork(copy, recording, making)

    def _takeaway_files(self, build: _Build) -> dict[str, bytes]:
        latest = max(build.changes.page_modified(name) for name in build.pages)
        return takeaway_files(build.faq, build.addresses, latest, pdf=self.config.pdf, texts=build.rich_texts)

    def _records(self, build: _Build, texts_of) -> list[Record]:
        """The search records of every audience page; `texts_of(lang, name)`: its section texts."""
        return [record for lang in build.addresses.language_dirs for name in build.pages
                if (audience := build.faq.audience(name))
                for record in audience_records(audience, lang, "/" + build.addresses.path(lang, name), texts_of(lang, name))]  # fmt: skip

    def _indexed_pages(self, build: _Build, site: Path) -> list[Path]:
        """The built pages indexed as they are (the audience pages are indexed as records)."""
        return [site / build.addresses.path(lang, name) / "index.html"
                for lang in build.addresses.language_dirs for name in build.pages if not build.faq.audience(name)]  # fmt: skip

    def _finish_index(self) -> None:
        index, self.index = self.index, None
        if index is None:
            return
        try:
            index.finish()
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def _stop_index(self) -> None:
        index, self.index = self.index, None
        if index is not None:
            index.cancel()

    def _after_build(self, build: _Build, site: Path) -> None:
        """The search index and the take-away formats, one after the other (the preview's in a thread)."""
        copy = SearchCopy()
        try:
            copy.add_records(self._records(build, lambda lang, name: build.texts[(lang, name)]))
            copy.add_pages(site, self._indexed_pages(build, site))
        except BaseException:
            copy.remove()
            raise
        self.index = SearchIndex.start(site, copy, build.faq)
        try:  # while Pagefind indexes, in a process of its own
            if not self.stop_after_build.is_set():
                write_files(site, self._takeaway_files(build))
        except BaseException:
            self._stop_index()
            raise
        if self.stop_after_build.is_set():
            self._stop_index()
            return
        self._finish_index()

    def _after_build_logged(self, build: _Build, site: Path) -> None:
        started = time.monotonic()
        try:
            self._after_build(build, site)
        except (PluginError, OSError) as error:
            if not self.stop_after_build.is_set():
                log.error(f"the preview's search index or downloads could not be written: {error}")
            return
        if not self.stop_after_build.is_set():
            log.info(f"the preview's search index and downloads are written ({time.monotonic() - started:.1f} s)")

    def _stop_after_build(self) -> None:
        """Stop the last build's search index and downloads (the preview's): at their next step,
        Pagefind at once."""
        if self.after_build is None:
            return
        self.stop_after_build.set()
        if (index := self.index) is not None:
            index.stop()
        self.after_build.join()
        self.after_build = None

    def on_build_error(self, *, error):
        self.builds_open = 0  # the next build (serve) starts afresh
        if self.early is not None:
            self.early.abandon()
            self.early = None
        self._stop_index()

    def on_shutdown(self):
        if self.serving:
            self._stop_after_build()  # serve stops: Pagefind is not left writing
        else:
            self._finish_index()  # the build's search index (see on_post_build)


ASSETS = Path(__file__).parent / "assets"
"""Styles and scripts every FAQ site needs (timeline, language switcher, copy link, search)."""


def _add_assets(config) -> None:
    """Into every page: faq.css, faq.js, and faq-search.js as a module (Pagefind loads with import())."""
    if "assets/faq.css" not in config.extra_css:
        config.extra_css.append("assets/faq.css")
    if not any(str(script) == "assets/faq.js" for script in config.extra_javascript):
        config.extra_javascript.append(ExtraScriptValue("assets/faq.js"))
        search = ExtraScriptValue("assets/faq-search.js")
        search.type = "module"
        config.extra_javascript.append(search)


def _addresses(config) -> Addresses:
    if not config.site_url:
        log.info("site_url is not set (FAQ_SITE_URL): no canonical links and no sitemap")
    try:
        root = root_language(config)
    except ValueError as error:
        raise PluginError(str(error)) from None
    return Addresses(config.site_url and config.site_url.rstrip("/") + "/", folders(root), root)


def _plain_title(title: str) -> str:
    """A page's title as text: faqgen gives the theme titles escaped as HTML (faqgen/render.py)."""
    return html.unescape(title)


def _page_of(page) -> tuple[str, str]:
    """(language, page name) of a generated page, from its file name: `municipalities.en.md`."""
    name, lang, _ = Path(page.file.src_uri).name.rsplit(".", 2)
    return lang, name
