"""The MkDocs plugin `faq` (registered by entry point in pyproject.toml):

    plugins:
      - faq:
          source: faq.yaml      # the FAQ, relative to mkdocs.yml (the default)
          as_of: 2020-05-01     # draw the timeline for this date, in pages and formats alike (default: document.as_of)
      - i18n: …

Thin event handlers, as mkdocs-static-i18n's plugin has them; each job is another module's:
generation (faqgen.pipeline), the generated pages' HTML (faqgen.page_html), page data
(faqgen.render.faq_page), addresses (faqgen.addresses), and the search index and take-away
formats after the pages (faqgen.outputs). The state of one build lives in a
`_Build` made in on_config; the plugin instance itself lives for the whole of `mkdocs serve`
(it has on_startup), which is what lets the preview keep the last good FAQ.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import dataclass, field, replace
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
from .addresses import Addresses
from .compiled import COMPILED
from .editor import write_admin
from .feeds import FORMAT as FEED
from .frame import framed, page_frame
from .labels import LABELS
from .languages import folders, root_language
from .model import Faq, iso_date
from .outputs import Converted, Outputs, Sources
from .page_html import GeneratedMarkdownError, PageHtml, generated_page_html
from .pipeline import check, generate
from .problems import FaqError, os_error_message
from .render import GENERATED_MARKER, RenderedPages, faq_page
from .rich_text import RichTextRenderer
from .safety import unrequested_file, with_policy
from .search import SearchIndexError
from .site_plan import HOME, NOT_FOUND, page_names, page_of_source
from .takeaway import downloads, relative_href
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
    pdf = c.Type(bool, default=True)  # the complete document as a PDF per language (`false`: none, and no link to it)
    # The editors' page /admin/ (faqgen/editor.py): the GitHub repository ("owner/name") its
    # changes go to as pull requests, and the branch they are made from.
    repository = c.Optional(c.Type(str))
    branch = c.Type(str, default="main")


@dataclass
class _Build:
    """What one build (every language of it) learns and collects."""

    faq: Faq
    addresses: Addresses
    pages: list[str]
    changes: Changes  # when each page and question last changed
    rich_texts: RichTextRenderer | None  # the rich texts the build converted (None: the preview's last good FAQ)
    texts: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (language, page) → section id → text
    whole: dict[tuple[str, str], str] = field(default_factory=dict)  # (language, page but an audience's) → its article, to index
    prepared: dict[str, PageHtml] = field(default_factory=dict)  # a page's file → its HTML, made with the page
    converted: dict[str, PageHtml] = field(default_factory=dict)  # a generated page's file → its HTML, until MkDocs asks


class FaqPlugin(BasePlugin[FaqConfig]):
    def __init__(self):
        self.serving = False
        self.last_good: Faq | None = None  # shown by the preview while faq.yaml has errors
        self.build: _Build | None = None
        self.builds_open = 0  # mkdocs-static-i18n builds each further language inside the first
        self.validated: Validated | None = None  # faq.yaml as `build_faq.py site` validated it: not read again
        self.preview: str | None = None  # a reviewers' preview's label (`build_faq.py site --preview`)
        # The preview's: an edit converts only what it changed; the page shows before search and downloads.
        self.earlier_texts: RichTextRenderer | None = None
        self.earlier_pages: dict[str, tuple[tuple, PageHtml]] = {}  # a page's file → (what it was made of, its HTML)
        self.rendered = RenderedPages()  # the audience pages' Markdown, with what each was made of
        self.outputs = Outputs()  # the search index and the take-away formats (faqgen/outputs.py)

    def publishing(self, validated: Validated, *, preview: str | None = None) -> None:
        """What `build_faq.py site` tells the build it runs: faq.yaml as it validated it (not read
        again); that it verifies the pages while Pagefind finishes the index; and, for a
        reviewers' preview, its label: every page then carries a banner saying it is not the
        published version and asks search engines not to index it, and no sitemap or feed is
        written (their addresses would announce pages that are not published)."""
        self.validated = validated
        self.preview = preview
        self.outputs.finish_later = True

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        self.builds_open += 1
        if self.builds_open > 1:  # a further language: generated already
            # It writes into the same folder: its 404.html (in its language's chrome) would replace the root's.
            config.theme.static_templates.discard(NOT_FOUND)
            return config
        self.outputs.stop()  # the preview's last ones: this build empties the site folder
        faq, warnings, texts, prepared = self._generate(config)
        for warning in warnings:
            log.warning(str(warning))  # `mkdocs build --strict` (publishing) stops on these
        self.last_good = faq
        self.build = self._build_of(config, faq, texts, prepared)
        config.theme.static_templates.discard("sitemap.xml")  # ours is an output (faqgen/sitemap.py)
        config.nav = [f"{name}.md" for name in self.build.pages]
        _add_assets(config)
        return config

    def _generate(self, config):
        source, parallel = Path(self.config.source), processes.can_fork() and not self.serving
        try:
            checked = self.validated or check(source, source.name, earlier=self.earlier_texts, parallel=parallel)
            if self.config.as_of is not None:  # every page and format reads the model's one date
                checked = replace(checked, faq=checked.faq.drawn_for(self.config.as_of))
            with_pages = then = None
            if parallel:  # neither the formats nor search need a built page (faqgen/outputs.py)
                build = self._build_of(config, checked.faq, checked.texts)
                sources = self._sources(build)
                self.outputs.start_formats(sources)  # now, while this process is smallest
                # A page's frame as it will be built (its title is in no text the index reads: in the report link's address).
                frames = {(lang, name): self._frame(build, lang, name, build.addresses.path(lang, name), "")
                          for lang in build.addresses.language_dirs for name in build.pages if not build.faq.audience(name)}  # fmt: skip
                with_pages = self.outputs.search_records(sources, lambda lang, name, html: framed(frames[lang, name], html))
                then = lambda counted: self._start_search(config, checked.faq, counted)  # noqa: E731
            result = generate(source, Path(config.docs_dir), display_name=source.name,
                              checked=checked, parallel=parallel, with_pages=with_pages, then=then,
                              convert=lambda page, names: generated_page_html(page.markdown, page.filename, names, page.name),
                              earlier=self.rendered if self.serving else None)  # fmt: skip
        except FaqError as error:
            if not (self.serving and self.last_good is not None):
                raise PluginError(f"{source.name} cannot be published; no page was changed:\n{error}") from None
            # The preview keeps showing the last good pages; the editor reads what to fix here.
            for problem in error.problems:
                log.error(str(problem))
            log.error(f"{source.name} has errors: the preview shows the last good version until they are fixed")
            return self.last_good, [], None, {}
        except (HandWrittenPageError, GeneratedMarkdownError, processes.ChildFailed) as error:
            raise PluginError(str(error)) from None
        except OSError as error:
            raise PluginError(f"the pages could not be written: {os_error_message(error)}") from None
        if self.serving:
            self.earlier_texts = result.texts
        elif parallel:
            processes.set_aside_from_collection()  # until on_shutdown
        return result.faq, result.warnings, result.texts, result.converted

    def _start_search(self, config, faq: Faq, counted) -> None:
        """Pagefind, once each language's records are written: it indexes while MkDocs builds the pages."""
        try:
            self.outputs.start_search(Path(config.site_dir), faq, counted)
        except OSError as error:
            raise PluginError(f"the search index could not be started: {os_error_message(error)}") from None

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
        """faqgen's own assets join the site; the theme's sitemap does not (see on_config), nor
        what no page requests (safety.UNREQUESTED_FILES)."""
        if theme_sitemap := files.get_file_from_path("sitemap.xml"):
            files.remove(theme_sitemap)
        for unrequested in [file for file in files if unrequested_file(file.src_uri)]:
            files.remove(unrequested)
        for asset in sorted(ASSETS.iterdir()):
            files.append(File(f"{ASSETS.name}/{asset.name}", str(ASSETS.parent), config.site_dir, config.use_directory_urls))
        return files

    def on_env(self, env, *, config, files):
        env.bytecode_cache = COMPILED  # the theme's templates compiled once per machine, not per language's build (faqgen/compiled.py)
        return env

    @event_priority(60)  # before mkdocs-static-i18n's (50), which then reads the generated pages' lines no more
    def on_page_markdown(self, markdown, *, page, config, files):
        """A page faqgen generated is converted by faqgen (faqgen/page_html.py: its own grammar,
        the same HTML Python-Markdown makes of it, in a fraction of the time); MkDocs then
        converts nothing. Hand-written pages are MkDocs' as usual (and the i18n plugin's: it
        translates their admonitions' titles; faqgen's grammar has no admonition)."""
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
                converted = generated_page_html(markdown, page.file.src_uri, self.build.pages, name)
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
        toc = converted.toc
        if "toc" in page.meta.get("hide", ()):
            # The page lists its sections itself: the theme gets its title only, for the skip link,
            # and writes no hidden copy of the list into the sidebar and the menu.
            toc = [{**title, "children": []} for title in toc[:1]]
        page.toc, page.present_anchor_ids = get_toc(toc), converted.anchor_ids
        self.build.texts[_page_of(page)] = converted.section_texts
        return converted.html

    def on_page_context(self, context, *, page, config, nav):
        """What overrides/ show: the frame, the schema.org FAQPage item, search's words (partials/search.html)."""
        lang, name = _page_of(page)
        context["faq_ui"] = LABELS[lang]
        # The same page in the other languages, relative (overrides/partials/alternate.html).
        context["faq_languages"] = {other: self.build.addresses.relative(lang, name, other, name)
                                    for other in self.build.addresses.language_dirs if other != lang}  # fmt: skip
        address = page.canonical_url or self.build.addresses.path(lang, name)  # absolute once site_url is set
        context["faq_frame"] = frame = self._frame(self.build, lang, name, address, _plain_title(page.title))
        if self.build.faq.audience(name):
            context["faq_page_item"] = faq_page(lang, self.build.changes.page_modified(name))
        else:
            self.build.whole[lang, name] = framed(frame, page.content)
        if self.preview is not None:
            context["faq_preview"] = [_banner(self.preview, lang)]
        elif self.build.addresses.site_url and self.build.faq.updates:
            # Announced in the head once there is an update: the theme fetches a sitemap.xml beside
            # every alternate link. The feed itself is there from the first day (on_post_build).
            feed = FEED.path(self.build.addresses.language_dirs, lang)
            context["faq_feed"] = {"href": self.build.addresses.site_url + feed, "lang": lang, "title": LABELS[lang]["feed"]}
        return context

    def on_template_context(self, context, *, template_name, config):
        """The not-found page (one for the whole site) speaks every language, the root's first."""
        if template_name == NOT_FOUND:
            dirs, root = self.build.addresses.language_dirs, self.build.addresses.default_language
            context["faq_ui"] = LABELS[root]
            context["faq_frame"] = {"footer": page_frame(self.build.faq, root, NOT_FOUND, "", None)["footer"]}
            context["not_found"] = [{"lang": lang, "folder": dirs[lang], **LABELS[lang]}
                                    for lang in sorted(dirs, key=lambda lang: lang != root)]  # fmt: skip
            if self.preview is not None:
                context["faq_preview"] = [_banner(self.preview, words["lang"]) for words in context["not_found"]]
        return context

    def on_post_page(self, output, *, page, config):
        if GENERATED_MARKER in page.meta:
            page.content = None  # written: MkDocs would hold every page's HTML to the end of the build
        return self._with_policy(output)

    def on_post_template(self, output_content, *, template_name, config):
        return self._with_policy(output_content) if template_name == NOT_FOUND else output_content

    def _with_policy(self, html: str) -> str:
        """Every published page carries its Content-Security-Policy (faqgen/safety.py); the
        editors' `mkdocs serve` preview does not: MkDocs injects its live-reload script there,
        inline and different on every request, which the policy would block."""
        return html if self.serving else with_policy(html)

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
    def on_post_build(self, *, config):
        self.builds_open -= 1
        if self.builds_open > 0:
            return
        build, site = self.build, Path(config.site_dir)
        if self.preview is not None:
            log.info("a preview: no sitemap and no feeds")
        elif not build.addresses.site_url:
            log.info("site_url is not set (FAQ_SITE_URL): no Atom feed of the updates")
        try:
            write_admin(site, self.config.repository, self.config.branch)
            self.outputs.after_pages(self._sources(build), site, Converted(build.texts, build.whole), preview=self.serving)
            if not self.serving:  # read by now (the preview's thread reads them later)
                build.texts.clear()
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        except processes.ChildFailed as error:
            raise PluginError(f"the search index or the take-away formats could not be made: {error}") from None
        except OSError as error:
            raise PluginError(f"the search index, the take-away formats or the editors' page could not be written: {os_error_message(error)}") from None

    def _frame(self, build: _Build, lang: str, name: str, address: str, title: str) -> dict:
        """The page's frame (faqgen/frame.py): the home page lists every download, the timeline its
        calendar, every page its PDF."""
        offered = downloads(build.faq, build.addresses, lang, pdf=self.config.pdf)
        links = {item: {"label": item.label, "media_type": item.media_type, "href": relative_href(build.addresses, lang, name, item.file)}
                 for item in offered}  # fmt: skip
        listed = [link for item, link in links.items() if name == HOME or name in item.format.listed_on]
        pdf = next((link for item, link in links.items() if item.format.at_every_page_end), None)
        return page_frame(build.faq, lang, address, title, build.changes.page_modified(name), listed, pdf)

    def _build_of(self, config, faq: Faq, texts: RichTextRenderer | None, prepared: dict | None = None) -> _Build:
        return _Build(faq, _addresses(config), page_names(faq), Changes(faq, faq.document.as_of),
                      texts, prepared=prepared or {})  # fmt: skip

    def _sources(self, build: _Build) -> Sources:
        published = self.preview is None and bool(build.addresses.site_url)  # the sitemap and feeds announce pages
        return Sources(build.faq, build.addresses, build.pages, build.changes, build.rich_texts, self.config.pdf, published)

    def on_build_error(self, *, error):
        self.builds_open = 0  # the next build (serve) starts afresh
        self.outputs.stop()

    def on_shutdown(self):
        processes.return_to_collection()
        if self.serving:
            self.outputs.stop()  # serve stops: Pagefind is not left writing
            return
        try:
            self.outputs.finish()  # when `build_faq.py site` verified the pages meanwhile (outputs.finish_later)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None


ASSETS = Path(__file__).parent / "assets"
"""Styles and scripts every FAQ site needs (timeline, language switcher, copy link, search)."""


def _add_assets(config) -> None:
    """Into every page: material.css and faq.css; material.js (the theme's elements named with
    faqgen's hooks: docs/theme.md), faq.js, and faq-search.js as a module (Pagefind loads with import())."""
    for sheet in ("assets/material.css", "assets/faq.css"):
        if sheet not in config.extra_css:
            config.extra_css.append(sheet)
    if not any(str(script) == "assets/faq.js" for script in config.extra_javascript):
        config.extra_javascript += [ExtraScriptValue("assets/material.js"), ExtraScriptValue("assets/faq.js")]
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


def _banner(label: str, lang: str) -> dict[str, str]:
    """A preview's banner in `lang` (overrides/main.html escapes it)."""
    return {"lang": lang, "text": LABELS[lang]["preview"].format(label=label)}


def _plain_title(title: str) -> str:
    """A page's title as text: faqgen gives the theme titles escaped as HTML (faqgen/render.py)."""
    return html.unescape(title)


def _page_of(page) -> tuple[str, str]:
    """(language, page name) of a generated page."""
    return page_of_source(page.file.src_uri)
