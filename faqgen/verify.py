"""Verify a built site before it is published: complete, linked, safe, self-contained.

A build that passes MkDocs can still be wrong for readers: a page missing in one language,
a question anchor gone, a link to nowhere, something outside the allowlist (a script, an
event handler, a request to another host: faqgen/safety.py, on all of each page, head
included), or a truncated tree. Each HTML file is parsed once, as browsers parse it, and
everything the checks need is read in that pass. Each finding is a sentence naming the page.
"""

from __future__ import annotations

import functools
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import processes
from .editor import admin_files
from .feeds import FORMAT as FEED
from .formats import BuiltSite
from .languages import LANGUAGES, folders
from .model import Faq
from .opendata import DATA_FILE
from .safety import check_page, read_url, unrequested_file
from .site_plan import ADMIN_FOLDER, NOT_FOUND, SITEMAP, page_names, page_path
from .takeaway import FORMATS


@dataclass
class ParsedPage:
    """What verification needs of one built HTML file, read in one parse."""

    where: str  # "/en/municipalities/index.html"
    lang: str | None
    robots: str | None  # what the page asks of search engines (None: index it)
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # every <a href>
    addresses: dict[tuple[str, str], None] = field(default_factory=dict)  # (rel, href) of canonical and alternates
    problems: list[str] = field(default_factory=list)  # outside the allowlist


def read_page(site: Path, path: Path) -> ParsedPage:
    facts, problems = check_page(path.read_bytes())  # lexbor reads the UTF-8 itself, as the page declares it
    # The page's Atom feed (faqgen/feeds.py) is an alternate of its own kind.
    addresses = dict.fromkeys(("feed" if rel == "alternate" and kind == FEED.media_type else rel, href)
                              for rel, kind, href in facts.addresses)  # fmt: skip
    return ParsedPage("/" + path.relative_to(site).as_posix(), facts.lang, facts.robots, set(facts.ids), facts.links,
                      addresses, problems)  # fmt: skip


def page_file(site: Path, lang: str, name: str, dirs: dict[str, str]) -> Path:
    """The built page `name` in `lang`, `dirs` being the languages' folders (faqgen.languages.folders)."""
    return site / page_path(dirs, lang, name) / "index.html"


def verify_site(site: Path, faq: Faq, root_language: str, *, parallel: bool = False, preview: str | None = None) -> list[str]:
    """What is wrong with the built `site` (sentences); `root_language`: the language at its root.
    With `parallel` (where processes.can_fork()), a child reads half of the pages. `preview`:
    the site is a reviewers' preview of that label (FaqPlugin.publishing), not the published one."""
    if not (site / "index.html").is_file():
        return [f"{site}: no index.html: the build is empty"]
    with processes.cycle_collection_paused():  # what it reads forms no cycles
        return _verified(site, faq, root_language, parallel, preview)


def _verified(site: Path, faq: Faq, root_language: str, parallel: bool, preview: str | None) -> list[str]:
    open_data = _open_data_addresses(site)
    admin = site / ADMIN_FOLDER
    pages = _read_pages(site, sorted(path for path in site.rglob("*.html") if not path.is_relative_to(admin)), parallel)
    dirs = folders(root_language)
    problems: list[str] = []
    for lang, folder in dirs.items():  # each language's home is where the root language puts it
        home = pages.get(site / folder / "index.html")
        if home is not None and home.lang != lang:
            problems.append(f"/{folder}index.html is in `{home.lang}`, not `{lang}` (the root language is {root_language})")
    if site / NOT_FOUND not in pages:
        problems.append(f"no /{NOT_FOUND}: a reader who follows a dead link would get the host's own page, in one language")
    floor = len(LANGUAGES) * len(page_names(faq))
    if len(pages) < floor:
        problems.append(f"only {len(pages)} HTML pages; a complete build has at least {floor}")
    problems += _expected_pages_and_anchors(site, faq, dirs, pages)
    root_url = next((href for rel, href in pages[site / "index.html"].addresses if rel == "canonical"), None)
    site_path = urlsplit(root_url).path if root_url else "/"
    files = {"/" + path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    problems += [f"{path}: published, though no page requests it (safety.UNREQUESTED_FILES)"
                 for path in sorted(files) if unrequested_file(path[1:])]  # fmt: skip
    by_address = {page.where: page for page in pages.values()}
    feeds = {FEED.path(dirs, lang) for lang in dirs}
    for page in pages.values():
        problems += [f"{page.where}: {message}" for message in page.problems]
        problems += [f"{page.where}: {message}" for message in broken_links(page, site_path, files, by_address)]
        problems += [f"{page.where}: {message}" for message in address_links(site, page, root_url, feeds)]
        problems += [f"{page.where}: {message}" for message in _indexing(page, preview)]
    problems += _open_data_problems(by_address, root_url or "/", open_data)
    problems += _output_problems(site, dirs, pages, root_url, preview)
    problems += _admin_problems(admin)
    return problems


def _output_problems(site: Path, dirs: dict[str, str], pages: dict[Path, ParsedPage], root_url: str | None,
                     preview: str | None) -> list[str]:  # fmt: skip
    """Each output's file passes its own check (faqgen/takeaway.py's registry: a calendar is in
    its folder's language, a feed's links land on anchors of this site…); a preview has none of
    the outputs that announce pages (the sitemap, the feeds)."""
    root = root_url or "/"

    def anchors(address: str) -> set[str] | None:
        page = pages.get(site / address.removeprefix(root) / "index.html") if address.startswith(root) else None
        return None if page is None else page.ids

    def file(path: str) -> bytes | None:
        return (site / path).read_bytes() if (site / path).is_file() else None

    built = BuiltSite(anchors, file)
    problems = []
    for format in FORMATS:
        for lang in format.languages(dirs):
            path = format.path(dirs, lang)
            if not (site / path).is_file():
                continue
            if format.published_only and preview is not None:
                problems.append(f"/{path}: a preview has no {path}: it would announce pages that are not published")
            elif format.check is not None:
                problems += [f"/{path}: {problem}" for problem in format.check((site / path).read_bytes(), lang, built)]
    return problems


def _admin_problems(admin: Path) -> list[str]:
    """The editors' page is exactly what faqgen/editor.py writes (its configuration aside, which
    depends on the build's settings), and nothing more."""
    expected = admin_files(None, "main")
    found = {path.relative_to(admin).as_posix() for path in admin.rglob("*") if path.is_file()}
    problems = [f"/{ADMIN_FOLDER}/{name}: missing" for name in sorted(set(expected) - found)]
    problems += [f"/{ADMIN_FOLDER}/{name}: not a file of the editors' page" for name in sorted(found - set(expected))]
    problems += [f"/{ADMIN_FOLDER}/{name}: not the file faqgen/editor.py writes" for name in sorted(found & set(expected))
                 if name != "config.json" and (admin / name).read_bytes() != expected[name]]  # fmt: skip
    return problems


def _indexing(page: ParsedPage, preview: str | None) -> list[str]:
    """A preview's every page asks search engines not to index it; a published page never does."""
    if preview is not None and page.robots != "noindex":
        return ["a preview's page without <meta name=\"robots\" content=\"noindex\">: search engines would index it"]
    if preview is None and page.robots is not None:
        return [f"the page asks search engines `{page.robots}` (<meta name=\"robots\">): a published page is indexed"]
    return []


def _read_pages(site: Path, paths: list[Path], parallel: bool) -> dict[Path, ParsedPage]:
    if not parallel:
        return {path: read_page(site, path) for path in paths}
    theirs = paths[1::2]  # every other one: each language's large pages are shared out
    child = processes.Forked(lambda: [read_page(site, path) for path in theirs])
    try:
        read = {path: read_page(site, path) for path in paths[::2]}
    except BaseException:
        child.kill()
        raise
    read.update(zip(theirs, child.wait(), strict=True))
    return {path: read[path] for path in paths}


def _open_data_addresses(site: Path) -> tuple[list[str], list[str]]:
    """Every question's address in the open data, and why it cannot be read. Read before the
    pages, and only the addresses kept: the open data read whole was the largest thing
    verification held (about 120 MB at 10,000 questions)."""
    try:  # text, not bytes, once it is read: each is as large as the file
        data = json.loads((site / DATA_FILE).read_text(encoding="utf-8"), object_hook=_addresses_only)
    except (OSError, ValueError) as error:
        return [], [f"/{DATA_FILE}: cannot be read: {error}"]
    try:
        return [href for audience in data["audiences"] for question in audience["questions"]
                for href in question["address"].values()], []  # fmt: skip
    except (KeyError, TypeError, AttributeError) as error:  # another shape than opendata.py's
        return [], [f"/{DATA_FILE}: not faqgen's open data (its questions' addresses cannot be found: {error!r})"]


_ON_THE_WAY = frozenset({"audiences", "questions", "address", *LANGUAGES})


def _addresses_only(entry: dict) -> dict:
    """What leads to the questions' addresses; the rest (texts) let go as soon as it is parsed."""
    return {key: value for key, value in entry.items() if key in _ON_THE_WAY}


def _open_data_problems(by_address: dict[str, ParsedPage], root_url: str, open_data: tuple[list[str], list[str]]) -> list[str]:
    """The open data's addresses (`_open_data_addresses`, read before the pages) lead to pages
    and anchors of this site (`by_address`: "/en/index.html" → its page)."""
    addresses, problems = open_data[0], list(open_data[1])
    for href in addresses:
        page_path_, _, anchor = href.removeprefix(root_url).partition("#")
        page = by_address.get(posixpath.join("/", page_path_, "index.html"))  # from the root, "/" or not
        if page is None or anchor not in page.ids:
            problems.append(f"/{DATA_FILE}: {href} is not a question of this site")
    return problems


def _expected_pages_and_anchors(site: Path, faq: Faq, dirs: dict[str, str], pages: dict[Path, ParsedPage]) -> list[str]:
    problems = []
    for lang in LANGUAGES:
        for name in page_names(faq):
            if page_file(site, lang, name, dirs) not in pages:
                problems.append(f"the {lang} page `{name}` is missing")
        for audience in faq.audiences:
            if (page := pages.get(page_file(site, lang, audience.id, dirs))) is not None:
                problems += [
                    f"the {lang} page `{audience.id}` has no anchor #{question.id}"
                    for question in audience.questions
                    if question.id not in page.ids
                ]
    return problems


def broken_links(page: ParsedPage, site_path: str, files: set[str], by_address: dict[str, ParsedPage]) -> list[str]:
    """The page's internal links whose page or anchor does not exist; `site_path`: where the site
    is served, as in site_url; `files`: every file of the site ("/en/index.html"); `by_address`:
    its pages by their address ("/en/index.html")."""
    problems = []
    here = posixpath.dirname(page.where)
    for href in page.links:
        parts = read_url(href)
        if parts is None or parts.scheme or parts.netloc:
            continue  # unreadable addresses are the allowlist's to report
        target = _link_target(here, parts.path, site_path) if parts.path else page.where
        if target not in files:
            target = target.rstrip("/") + "/index.html"  # a folder's address
        if target not in files:
            problems.append(f"the link {href} leads nowhere")
        elif parts.fragment and target.endswith(".html"):
            target_page = by_address.get(target)  # None: the editors' page, whose anchors are its script's
            if target_page is None or parts.fragment not in target_page.ids:
                problems.append(f"the link {href} has no anchor #{parts.fragment} to land on")
    return problems


@functools.lru_cache(maxsize=8192)  # every page of a folder has the same menu
def _link_target(here: str, path: str, site_path: str) -> str:
    """The file a link's path leads to, from a page in the folder `here`."""
    if path.startswith("/"):
        return posixpath.normpath("/" + path.removeprefix(site_path))
    return posixpath.normpath(posixpath.join(here, path))


def address_links(site: Path, page: ParsedPage, root_url: str | None, feeds: set[str]) -> list[str]:
    """Canonical links: absolute, on the site's own address, to pages that exist; a feed link, to
    one of `feeds` (below the site root). No alternate link: the theme would fetch a sitemap.xml
    beside it (faqgen/sitemap.py)."""
    problems = []
    for rel, href in page.addresses:
        if rel == "alternate":
            problems.append(f"an alternate link {href} in the page: the languages are in /{SITEMAP}")
        elif rel == "feed":
            if root_url is None or href.removeprefix(root_url) not in feeds \
                    or not (site / href.removeprefix(root_url)).is_file():
                problems.append(f"the feed link {href} is not one of this site's feeds")
        elif root_url is None or not href.startswith(root_url):
            problems.append(f"the {rel} link {href} is not below the site's address {root_url}")
        elif not (site / href.removeprefix(root_url) / "index.html").is_file():
            problems.append(f"the {rel} link {href} leads nowhere")
    return problems
