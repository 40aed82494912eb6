"""Verify a built site before it is published: complete, linked, safe, self-contained.

A build that passes MkDocs can still be wrong for readers: a page missing in one language,
a question anchor gone, a link to nowhere, a script that came in through the content, a
request to another host, or a truncated tree. Each finding is a sentence naming the page.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from . import LANGUAGES
from .addresses import SITEMAP, page_path
from .model import Faq
from .render import page_names
from .safety import unsafe_html

LOADING_ELEMENTS = "script[src], link[href]:not([rel=canonical], [rel=alternate]), img[src], iframe[src], source[src], video[src], audio[src], embed[src], object[data]"


def language_dirs(site: Path) -> dict[str, str]:
    """Where each language's pages are: the root's language at "", the others in "<lang>/"."""
    root_lang = _html(site / "index.html").html.get("lang", LANGUAGES[0])
    return {lang: "" if lang == root_lang else f"{lang}/" for lang in LANGUAGES}


def page_file(site: Path, lang: str, name: str, dirs: dict[str, str] | None = None) -> Path:
    return site / page_path(dirs or language_dirs(site), lang, name) / "index.html"


def verify_site(site: Path, faq: Faq) -> list[str]:
    if not (site / "index.html").is_file():
        return [f"{site}: no index.html: the build is empty"]
    dirs = language_dirs(site)
    problems: list[str] = []
    pages = sorted(site.rglob("*.html"))
    floor = len(LANGUAGES) * len(page_names(faq))
    if len(pages) < floor:
        problems.append(f"only {len(pages)} HTML pages; a complete build has at least {floor}")
    problems += _expected_pages_and_anchors(site, faq, dirs)
    external_hosts = {urlsplit(link.url.in_(lang)).hostname for link in faq.links for lang in LANGUAGES}
    ids = AnchorIndex()
    root_url = _canonical(_html(site / "index.html"))
    site_path = urlsplit(root_url).path if root_url else "/"
    for path in pages:
        page = _html(path)
        where = "/" + path.relative_to(site).as_posix()
        problems += [f"{where}: {message}" for message in broken_links(site, path, page, ids, site_path)]
        problems += [f"{where}: {message}" for message in unsafe_content(page)]
        problems += [f"{where}: {message}" for message in third_party_references(page, external_hosts)]
        problems += [f"{where}: {message}" for message in address_links(site, page, root_url)]
    return problems


def _expected_pages_and_anchors(site: Path, faq: Faq, dirs: dict[str, str]) -> list[str]:
    problems = []
    for lang in LANGUAGES:
        for name in page_names(faq):
            if not page_file(site, lang, name, dirs).is_file():
                problems.append(f"the {lang} page `{name}` is missing")
        for audience in faq.audiences:
            path = page_file(site, lang, audience.id, dirs)
            if path.is_file():
                ids = _ids(_html(path))
                problems += [
                    f"the {lang} page `{audience.id}` has no anchor #{question.id}"
                    for question in audience.questions
                    if question.id not in ids
                ]
    return problems


class AnchorIndex(dict):
    """The ids of each page, read once however many links point to it."""

    def __missing__(self, path: Path) -> set[str]:
        self[path] = ids = _ids(_html(path))
        return ids


def broken_links(
    site: Path, path: Path, page: BeautifulSoup, ids: AnchorIndex | None = None, site_path: str = "/"
) -> list[str]:
    """Internal links whose page or anchor does not exist; `site_path`: where the site is served, as in site_url."""
    ids = AnchorIndex() if ids is None else ids
    problems = []
    base = "/" + path.relative_to(site).as_posix()
    for anchor in page.select("a[href]"):
        href = anchor["href"]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue
        if parts.path.startswith("/"):
            target_path = "/" + parts.path.removeprefix(site_path)
        else:
            target_path = (
                posixpath.normpath(posixpath.join(posixpath.dirname(base), parts.path)) if parts.path else base
            )
        target = site / target_path.lstrip("/")
        if target.is_dir() or parts.path.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            problems.append(f"the link {href} leads nowhere")
        elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids[target]:
            problems.append(f"the link {href} has no anchor #{parts.fragment} to land on")
    return problems


def unsafe_content(page: BeautifulSoup) -> list[str]:
    """Scripts, event handlers and dangerous URLs inside the content (the theme's own scripts are outside it)."""
    article = page.select_one("article")
    wording = {
        "element": "a <{}> element in the content",
        "handler": "an event handler `{}` in the content",
        "scheme": "a `{}:` URL in the content",
    }
    return [wording[unsafe.kind].format(unsafe.name) for unsafe in unsafe_html(str(article or ""))]


def third_party_references(page: BeautifulSoup, allowed_link_hosts: set[str]) -> list[str]:
    """Anything the browser would fetch from another host, and links to hosts the content does not name."""
    problems = []
    for element in page.select(LOADING_ELEMENTS):
        url = element.get("src") or element.get("href") or element.get("data")
        if urlsplit(url).netloc:
            problems.append(f"<{element.name}> loads {url} from another host")
    for anchor in page.select("a[href]"):
        host = urlsplit(anchor["href"]).hostname
        if host and host not in allowed_link_hosts:
            problems.append(f"a link to {anchor['href']}, a host that faq.yaml does not name")
    return problems


def address_links(site: Path, page: BeautifulSoup, root_url: str | None) -> list[str]:
    """Canonical and hreflang links: absolute, on the site's own address, to pages that exist,
    each with the sitemap.xml beside it that the theme fetches (faqgen/addresses.py)."""
    problems = []
    links = dict.fromkeys(
        (link["rel"][0], link["href"]) for link in page.select("link[rel=canonical], link[rel=alternate]")
    )
    for rel, href in links:  # once each: x-default repeats the French address
        if root_url is None or not href.startswith(root_url):
            problems.append(f"the {rel} link {href} is not below the site's address {root_url}")
            continue
        folder = site / href.removeprefix(root_url)
        if not (folder / "index.html").is_file():
            problems.append(f"the {rel} link {href} leads nowhere")
        elif rel == "alternate" and not (folder / SITEMAP).is_file():
            problems.append(f"no {SITEMAP} beside the alternate {href}: the theme's request for it would fail")
    return problems


def _canonical(page: BeautifulSoup) -> str | None:
    link = page.select_one("link[rel=canonical]")
    return link["href"] if link else None


def _html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _ids(page: BeautifulSoup) -> set[str]:
    return {element["id"] for element in page.select("[id]")}
