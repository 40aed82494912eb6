"""The stages in order: load -> validate -> render -> write. Used by the CLI and the MkDocs hook."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .loader import load_file
from .model import Faq
from .problems import Problem
from .render import Page, RichTextRenderer, render_site
from .validate import Validated, validate
from .write import WriteReport, write_pages


@dataclass
class Generated:
    faq: Faq
    warnings: list[Problem]
    pages: list[Page]
    report: WriteReport
    texts: RichTextRenderer  # every rich text converted and checked: the take-away formats reuse them


def check(faq_path: Path, display_name: str | None = None, *, strict: bool = False,
          earlier: RichTextRenderer | None = None) -> Validated:
    """Load and validate; raises FaqError with every problem found. Writes nothing. `earlier`:
    the rich texts of a previous run, whose conversions are reused (the preview's)."""
    with cycle_collection_paused():
        return validate(load_file(faq_path, display_name), strict=strict, earlier=earlier)


def generate(
    faq_path: Path, content_dir: Path, *, as_of: dt.date | None = None, display_name: str | None = None,
    checked: Validated | None = None, earlier: RichTextRenderer | None = None,
) -> Generated:
    """Regenerate content/ from faq.yaml (`checked`: as the caller has just validated it, not
    read again; `earlier`: see `check`). Nothing is written unless the whole file is valid and
    every page rendered."""
    checked = checked or check(faq_path, display_name, earlier=earlier)
    with cycle_collection_paused():
        pages = render_site(checked.faq, as_of, checked.texts)
    return Generated(checked.faq, checked.warnings, pages, write_pages(pages, content_dir), checked.texts)


@contextmanager
def cycle_collection_paused():
    """The stages allocate hundreds of thousands of objects that live until the end and form no
    garbage cycles; Python's cycle collector rescanning them all, again and again, made the
    stage grow faster than the content (bench/RESULTS.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
