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
from faqgen.pipeline import generate  # noqa: E402
from faqgen.problems import FaqError  # noqa: E402
from faqgen.render import page_names  # noqa: E402
from faqgen.search import SearchIndexError, build_index  # noqa: E402
from faqgen.write import HandWrittenPageError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.faq")

AS_OF_VARIABLE = "FAQ_AS_OF"
"""Set it (YYYY-MM-DD) to draw the timeline for another date than document.as_of."""


class _Build:
    """What the first language's on_config learns, for the events that follow in this build."""

    addresses: Addresses | None = None
    pages: list[str] = []
    updated: dt.date | None = None


def _nested_build(config) -> bool:
    """mkdocs-static-i18n re-runs the build for each further language inside the first one."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and getattr(i18n, "building", False)


def on_config(config):
    if _nested_build(config):
        # It writes into the same folder: its 404.html (English chrome) would replace the root's.
        config.theme.static_templates.discard("404.html")
        return config  # generate once per build
    root = Path(config.config_file_path).parent
    try:
        result = generate(root / "faq.yaml", Path(config.docs_dir), as_of=_as_of(), display_name="faq.yaml")
    except FaqError as error:
        raise PluginError(f"faq.yaml cannot be published; no page was changed:\n{error}") from None
    except HandWrittenPageError as error:
        raise PluginError(str(error)) from None
    # Reproducible output: the build date (sitemap lastmod, sitemap.xml.gz) is the content's
    # last update unless the caller chose one, never the wall clock.
    updated = result.faq.document.last_updated
    midnight = dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))
    for warning in result.warnings:
        log.warning(str(warning))  # `mkdocs build --strict` (publishing) stops on these
    _Build.pages = page_names(result.faq)
    _Build.updated = updated
    _Build.addresses = _addresses(config)
    config.theme.static_templates.discard("sitemap.xml")  # see on_files
    config.nav = [f"{name}.md" for name in _Build.pages]
    return config


def _addresses(config) -> Addresses | None:
    if not config.site_url:
        log.info("site_url is not set (FAQ_SITE_URL): no canonical or hreflang links and no sitemap")
        return None
    languages = config.plugins["i18n"].config.languages
    default = next(language.locale for language in languages if language.default)
    dirs = {language.locale: "" if language.locale == default else f"{language.locale}/" for language in languages}
    return Addresses(config.site_url.rstrip("/") + "/", dirs, default)


def on_files(files, config):
    """The theme's sitemap is neither rendered nor copied: it reads "None/…" without a site_url,
    and ours (faqgen/addresses.py, written after the build) has x-default."""
    theme_sitemap = files.get_file_from_path("sitemap.xml")
    if theme_sitemap:
        files.remove(theme_sitemap)
    return files


def on_page_context(context, page, config, nav):
    """hreflang links of this page, for the site_meta block of overrides/main.html."""
    where = _Build.addresses and _Build.addresses.page_of(page.url)
    if where and where[1] in _Build.pages:
        context["hreflang"] = _Build.addresses.alternates(where[1])
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
    if _Build.addresses:
        write_sitemaps(Path(config.site_dir), _Build.addresses, _Build.pages, _Build.updated)
    try:
        build_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
