"""The stages in order: load -> validate -> render -> write (-> convert, by the converter the
MkDocs plugin hands over: the stages do not call the ones after them). Used by the CLI and the
MkDocs plugin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import processes
from .languages import LANGUAGES
from .loader import load_file
from .model import Faq
from .problems import Problem
from .render import Page, RenderedPages, render_site
from .rich_text import RichTextRenderer
from .site_plan import page_names
from .validate import Validated, validate
from .write import WriteReport, write_pages

if TYPE_CHECKING:
    from .page_html import PageHtml

Converter = Callable[[Page, Sequence[str]], "PageHtml"]
"""A generated page → its HTML, given every page's name (its links lead to them): MkDocs' stage's."""


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
    checked: Validated | None = None, parallel: bool = False, convert: Converter | None = None,
    with_pages: Callable[[dict[tuple[str, str], PageHtml]], object] | None = None,
    then: Callable[[list[object]], None] | None = None, earlier: RenderedPages | None = None,
) -> Generated:
    """Regenerate content/ from faq.yaml (`checked`: as the caller has just validated it, not
    read again). Nothing is written unless the whole file is valid and every page rendered.
    With `parallel` (where processes.can_fork()), the pages are shared out between two child
    processes (`shares`: the two cores), each of which renders its pages, converts them to HTML
    (`convert`) and hands them to `with_pages(pages)` ((language, page name) → HTML); what both returned
    goes to `then` as soon as both are in, before the pages come back (the search records are
    written so, and Pagefind started), without their section texts. Without `parallel`, the
    pages are converted when MkDocs asks for them (faqgen/plugin.py), and `earlier` (the
    preview's pages, faqgen.render.RenderedPages) spares rendering those an edit left alone."""
    checked = checked or check(faq_path, display_name, parallel=parallel)
    if as_of is not None:  # every page and format reads the model's one date
        checked = replace(checked, faq=checked.faq.drawn_for(as_of))
    with processes.cycle_collection_paused():
        if parallel:
            if convert is None:
                raise TypeError("generate(parallel=True) converts the pages: give it `convert`")
            children = [processes.Forked(lambda share=share: _rendered_and_converted(checked, share, convert, with_pages))
                        for share in shares(checked.faq, 2)]  # fmt: skip
            try:
                received: list[list] = [[] for _ in children]
                for number, part in processes.answers(dict(enumerate(children)), parts=2):
                    received[number].append(part)
                    if then is not None and all(received):  # every child's first part: once
                        then([parts[0] for parts in received])
                        then = None
                made = [pair for parts in received for pair in parts[1]]
            except BaseException:
                for child in children:
                    child.kill()
                raise
            pages, converted = [page for page, _ in made], {page.filename: html for page, html in made}
        else:
            pages, converted = render_site(checked.faq, checked.texts, earlier=earlier), {}
    return Generated(checked.faq, checked.warnings, pages, write_pages(pages, content_dir), checked.texts, converted)


def shares(faq: Faq, count: int) -> list[set[tuple[str, str]]]:
    """Every page, as (language, page name), shared out between `count` children about equally
    by the text each page shows: the largest first, each to the share with the least so far.
    (A language per child gave the French one 40 % more work: its texts are longer.)"""
    sizes = {(lang, name): _text_size(faq, lang, name) for lang in LANGUAGES for name in page_names(faq)}
    parts: list[set[tuple[str, str]]] = [set() for _ in range(count)]
    totals = [0] * count
    for page in sorted(sizes, key=lambda page: -sizes[page]):  # stable: the same shares each run
        least = totals.index(min(totals))
        parts[least].add(page)
        totals[least] += sizes[page]
    return parts


_PAGE_OF_ITS_OWN = 2_000
"""What a page other than an audience's counts for, in characters: a few texts of the FAQ's."""


def _text_size(faq: Faq, lang: str, name: str) -> int:
    """About how much the page shows: its questions and answers, in characters."""
    audience = faq.audience(name)
    if audience is None:
        return _PAGE_OF_ITS_OWN
    return sum(len(question.question.in_(lang)) + len(question.answer.in_(lang)) for question in audience.questions)


def _rendered_and_converted(checked: Validated, share: set[tuple[str, str]], convert: Converter,
                            with_pages: Callable[[dict[tuple[str, str], PageHtml]], object] | None) -> processes.Parts:  # fmt: skip
    """In a child: what `with_pages` made of the `share` of pages, then the pages (Page, PageHtml)."""
    names = page_names(checked.faq)
    made = [(page, convert(page, names)) for page in render_site(checked.faq, checked.texts, only=share)]
    if with_pages is None:
        return processes.Parts(None, made)
    handed = with_pages({(page.lang, page.name): html for page, html in made})
    # The section texts were for `with_pages` (the search records): not sent back, they were a
    # fifth of the bytes and half the pickling time of a language's pages.
    return processes.Parts(handed, [(page, replace(html, section_texts={})) for page, html in made])
