"""MkDocs hook: regenerate content/ from faq.yaml at the start of every build.

`mkdocs build` and `mkdocs serve` therefore always show the current faq.yaml; mkdocs.yml's
`watch:` makes serve rebuild when faq.yaml or a template changes. Only changed pages are
rewritten, so the rebuild that their change triggers writes nothing and serve settles.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

# MkDocs imports a hook by its file path, so the package beside it is not importable yet.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from faqgen.addresses import Addresses, write_sitemaps  # noqa: E402
from faqgen.model import Faq  # noqa: E402
from faqgen.pipeline import generate  # noqa: E402
from faqgen.problems import FaqError, os_error_message  # noqa: E402
from faqgen.render import faq_page, page_names  # noqa: E402
from faqgen.search import SearchIndexError, audience_records, build_index  # noqa: E402
from faqgen.section_text import SectionTexts  # noqa: E402
from faqgen.write import HandWrittenPageError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.faq")

AS_OF_VARIABLE = "FAQ_AS_OF"
"""Set it (YYYY-MM-DD) to draw the timeline for another date than document.as_of."""


class _Build:
    """What the first language's on_config learns, and what each page yields, for the events
    that follow in this build (mkdocs-static-i18n runs the other languages inside it). MkDocs
    keeps a hook's module for the whole of `mkdocs serve`, so under serve this also holds the
    last good FAQ, shown while faq.yaml has errors."""

    serving = False
    faq: Faq | None = None
    pages: list[str] = []
    addresses: Addresses
    section_texts = SectionTexts()  # the Markdown extension that reads each converted page
    texts: dict[tuple[str, str], dict[str, str]] = {}  # (language, page name) → section id → text


def _nested_build(config) -> bool:
    """mkdocs-static-i18n re-runs the build for each further language inside the first one."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and getattr(i18n, "building", False)


def on_startup(command, dirty):
    _Build.serving = command == "serve"


def on_config(config):
    if _nested_build(config):
        # It writes into the same folder: its 404.html (English chrome) would replace the root's.
        config.theme.static_templates.discard("404.html")
        return _with_section_texts(config)  # generate once per build
    root = Path(config.config_file_path).parent
    try:
        result = generate(root / "faq.yaml", Path(config.docs_dir), as_of=_as_of(), display_name="faq.yaml")
    except FaqError as error:
        if not (_Build.serving and _Build.faq is not None):
            raise PluginError(f"faq.yaml cannot be published; no page was changed:\n{error}") from None
        # The preview keeps showing the last good pages; the editor reads what to fix here.
        for problem in error.problems:
            log.error(str(problem))
        log.error("faq.yaml has errors: the preview shows the last good version until they are fixed")
        faq, warnings = _Build.faq, []
    except HandWrittenPageError as error:
        raise PluginError(str(error)) from None
    except OSError as error:
        raise PluginError(f"the pages could not be written: {os_error_message(error)}") from None
    else:
        faq, warnings = result.faq, result.warnings
    # Reproducible output: the build date (sitemap lastmod) is the content's last update
    # unless the caller chose one, never the wall clock.
    updated = faq.document.last_updated
    midnight = dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))
    for warning in warnings:
        log.warning(str(warning))  # `mkdocs build --strict` (publishing) stops on these
    _Build.faq = faq
    _Build.pages = page_names(faq)
    _Build.addresses = _addresses(config)
    _Build.texts = {}
    config.theme.static_templates.discard("sitemap.xml")  # see on_files
    config.nav = [f"{name}.md" for name in _Build.pages]
    return _with_section_texts(config)


def _with_section_texts(config):
    if _Build.section_texts not in config.markdown_extensions:
        config.markdown_extensions.append(_Build.section_texts)
    return config


def _addresses(config) -> Addresses:
    if not config.site_url:
        log.info("site_url is not set (FAQ_SITE_URL): no canonical or hreflang links and no sitemap")
    languages = config.plugins["i18n"].config.languages
    default = next(language.locale for language in languages if language.default)
    dirs = {language.locale: "" if language.locale == default else f"{language.locale}/" for language in languages}
    return Addresses(config.site_url and config.site_url.rstrip("/") + "/", dirs, default)


def _page_of(page, config) -> tuple[str, str]:
    """(language, page name) of a generated page: `municipalities.en.md` → ("en", "municipalities")."""
    lang = config.plugins["i18n"].current_language
    return lang, Path(page.file.src_uri).name.removesuffix(f".{lang}.md")


def on_files(files, config):
    """The theme's sitemap is neither rendered nor copied: it reads "None/…" without a site_url,
    and ours (faqgen/addresses.py, written after the build) has x-default."""
    theme_sitemap = files.get_file_from_path("sitemap.xml")
    if theme_sitemap:
        files.remove(theme_sitemap)
    return files


def on_page_content(html, page, config, files):
    _Build.texts[_page_of(page, config)] = _Build.section_texts.texts  # of the page just converted
    return html


def on_page_context(context, page, config, nav):
    """What overrides/main.html adds to the <head>: hreflang links and schema.org data."""
    lang, name = _page_of(page, config)
    if audience := _Build.faq.audience(name):
        context["structured_data"] = faq_page(audience, lang, _Build.texts[(lang, name)])
    if _Build.addresses.site_url and name in _Build.pages:
        context["hreflang"] = _Build.addresses.alternates(name)
    return context


def _as_of() -> dt.date | None:
    value = os.environ.get(AS_OF_VARIABLE)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PluginError(f"{AS_OF_VARIABLE}={value!r} is not a date written YYYY-MM-DD") from None


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config):
    if _nested_build(config):
        return
    site, addresses = Path(config.site_dir), _Build.addresses
    if addresses.site_url:
        write_sitemaps(site, addresses, _Build.pages, _Build.faq.document.last_updated)
    pages, records = [], []
    for lang in addresses.language_dirs:
        for name in _Build.pages:
            url = "/" + addresses.path(lang, name)
            if audience := _Build.faq.audience(name):
                records += audience_records(audience, lang, url, _Build.texts[(lang, name)])
            else:
                pages.append(site / addresses.path(lang, name) / "index.html")
    try:
        build_index(site, pages, records)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
