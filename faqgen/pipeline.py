"""The stages in order: load -> validate -> render -> write (-> convert). Used by the CLI and the MkDocs plugin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import processes
from .languages import LANGUAGES
from .loader import load_file
from .model import Faq
from .page_html import PageHtml, page_html, page_link
from .problems import Problem
from .render import Page, RenderedPages, RichTextRenderer, page_names, render_site
from .validate import Validated, validate
from .write import WriteReport, write_pages


@dataclass
class Generated:
    faq: Faq
    warnings: list[Problem]
    pages: list[Page]
    report: WriteReport
    texts: RichTextRenderer  # every rich text converted and checked: the take-away formats reuse them
    converted: dict[str, PageHtml] = field(default_factory=dict)  # a page's file → its HTML (`parallel` only)


def check(faq_path: Path, display_name: str | None = None, *, strict: bool = False,
          earlier: RichTextRenderer | None = None, parallel: bool = False) -> Validated:
    """Load and validate; raises FaqError with every problem found. Writes nothing. `earlier`:
    the rich texts of a previous run, whose conversions are reused (the preview's); `parallel`:
    on both cores (faqgen/validate.py), where processes.can_fork()."""
    with processes.cycle_collection_paused():
        return validate(load_file(faq_path, display_name), strict=strict, earlier=earlier, parallel=parallel)


def generate(
    faq_path: Path, content_dir: Path, *, as_of: dt.date | None = None, display_name: str | None = None,
    checked: Validated | None = None, parallel: bool = False,
    with_pages: Callable[[str, dict[str, PageHtml]], object] | None = None,
    then: Callable[[dict[str, object]], None] | None = None, earlier: RenderedPages | None = None,
) -> Generated:
    """Regenerate content/ from faq.yaml (`checked`: as the caller has just validated it, not
    read again). Nothing is written unless the whole file is valid and
    every page rendered. With `parallel` (where processes.can_fork()), each language is
    rendered, and its pages converted to HTML, in a child process of its own (the two cores'
    share), which also hands them to `with_pages(lang, pages)` (page name → HTML); what each
    returned goes to `then` (language → result) as soon as all are in, before the pages come
    back (the search records are written so, and Pagefind started). Without `parallel`, the
    pages are converted when MkDocs asks for them (faqgen/plugin.py), and `earlier` (the
    preview's pages, faqgen.render.RenderedPages) spares rendering those an edit left alone."""
    checked = checked or check(faq_path, display_name, parallel=parallel)
    with processes.cycle_collection_paused():
        if parallel:
            children = {lang: processes.Forked(lambda lang=lang: _rendered_and_converted(checked, as_of, lang, with_pages))
                        for lang in LANGUAGES}  # fmt: skip
            try:
                made_with = {lang: child.receive() for lang, child in children.items()}
                if then is not None:
                    then(made_with)
                made = [pair for child in children.values() for pair in child.wait()]
            except BaseException:
                for child in children.values():
                    child.kill()
                raise
            pages, converted = [page for page, _ in made], {page.filename: html for page, html in made}
        else:
            pages, converted = render_site(checked.faq, as_of, checked.texts, earlier=earlier), {}
    return Generated(checked.faq, checked.warnings, pages, write_pages(pages, content_dir), checked.texts, converted)


def _rendered_and_converted(checked: Validated, as_of: dt.date | None, lang: str,
                            with_pages: Callable[[str, dict[str, PageHtml]], object] | None) -> processes.Parts:  # fmt: skip
    """In a child: what `with_pages` made of the pages, then the pages (Page, PageHtml)."""
    names = page_names(checked.faq)
    made = [(page, page_html(page.markdown, page.filename, lambda href, page=page: page_link(names, page.name, href)))
            for page in render_site(checked.faq, as_of, checked.texts, [lang])]  # fmt: skip
    return processes.Parts(with_pages(lang, {page.name: html for page, html in made}) if with_pages else None, made)
