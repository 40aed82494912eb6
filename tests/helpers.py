"""What the tests share besides fixtures: the project's facts, running MkDocs, reading pages,
and the hostile texts (fixtures are in conftest.py)."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from bench.harness import ROOT, make_project  # noqa: F401  (the tests import them from here)
from faqgen.languages import folders, project_root_language
from faqgen.site_plan import ADMIN_FOLDER

ROOT_LANGUAGE = project_root_language(ROOT)  # mkdocs.yml's one setting (French at the root)
LANGUAGE_DIRS = folders(ROOT_LANGUAGE)
FIXTURES = Path(__file__).parent / "fixtures"


def plain_environment() -> dict[str, str]:
    """The environment outside GitHub Actions, where build_faq.py prints problems as lines on
    stderr, and without a site address: a test runs the command there even when the suite runs on
    a runner (tests of annotations or addresses set the variables they assert on). Read when a
    command starts: under `make mutate` (bench/mutate.py) it carries the mutant being tested to
    the command, though not mutmut's "stats" run, which only this process can record."""
    return {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_") and key != "FAQ_SITE_URL"
            and not (key == "MUTANT_UNDER_TEST" and value == "stats")}  # fmt: skip


def build_faq(*arguments: str, cwd: Path = ROOT, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """build_faq.py run as an editor runs it, in plain_environment() plus `env`."""
    return subprocess.run([sys.executable, str(ROOT / "build_faq.py"), *arguments], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env={**plain_environment(), "NO_MKDOCS_2_WARNING": "1", **(env or {})})  # fmt: skip


def mkdocs(project: Path, *arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**plain_environment(), "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )


def url_of(site_url: str, lang: str, name: str) -> str:
    """The address of page `name` in `lang` on the served site."""
    return site_url + LANGUAGE_DIRS[lang] + ("" if name == "index" else f"{name}/")


@dataclass
class ServedProject:
    project: Path
    url: str


# Texts an attacker or a careless editor could type that `check` accepts: each must appear on
# the page exactly as typed, never as markup (tests/test_trust.py, tests/test_browser.py).
HOSTILE_TEXTS = {
    "subtitle_en": 'General questions" onfocus="alert(1)" autofocus="',
    "audience_fr": "Fournisseurs &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "audience_en": "Providers](javascript:alert(1)) [",
    "question_fr": 'Est-ce sûr? {: onclick="alert(1)" }',
    "question_en": "Is it *safe*? data-pagefind-body [x](javascript:alert(1))",
    "phase_en": "Planning {: .x onclick=alert(1) }",
    "answer_fr": ["Un paragraphe.", '{: onclick="alert(1)" }', "[x]: javascript:alert(1)",
                  "&lt;script&gt;alert(1)&lt;/script&gt;", "# Pas un titre", "> pas une citation"],
    "answer_en": ["See ![image](https://evil.example/x.png) and `code` here.", "[1]: https://evil.example/"],
    # The publisher's identity, in every page's footer and end (faqgen/frame.py) and the home page.
    "ministry_en": 'Ministry" onmouseover="alert(1)" x="',
    "copyright_fr": "© &lt;img src=x onerror=alert(1)&gt; {: onclick=alert(1) }",
    "footer_link_en": "Privacy](javascript:alert(1)) &lt;/a&gt;",
    # An update's summary: on the "What's new" page and in the feeds.
    "update_fr": 'Changé" autofocus onfocus="alert(1)" &lt;/h3&gt;&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))',
}


def hostile_faq() -> str:
    """The minimal FAQ with HOSTILE_TEXTS in its titles, question and answer, confirmed."""
    from faqgen.confirm import confirm, to_confirm
    from faqgen.loader import load_text

    def quoted(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    def block(lines: list[str]) -> str:
        return "|\n" + "".join(f"            {line}\n\n" for line in lines)

    texts = HOSTILE_TEXTS
    faq = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("subtitle: {fr: Sous-titre, en: Subtitle}", f"subtitle: {{fr: Sous-titre, en: {quoted(texts['subtitle_en'])}}}"),
        ("title: {fr: Fournisseurs, en: Providers}",
         f"title: {{fr: {quoted(texts['audience_fr'])}, en: {quoted(texts['audience_en'])}}}"),
        ("fr: Première question?", f"fr: {quoted(texts['question_fr'])}"),
        ("en: First question?", f"en: {quoted(texts['question_en'])}"),
        ("name: {fr: Planification, en: Planning}", f"name: {{fr: Planification, en: {quoted(texts['phase_en'])}}}"),
        ("fr: |\n            Réponse.\n", f"fr: {block(texts['answer_fr'])}            Réponse.\n"),
        ("en: |\n            Answer.\n", f"en: {block(texts['answer_en'])}            Answer.\n"),
        ("ministry: {fr: Ministère, en: Ministry}", f"ministry: {{fr: Ministère, en: {quoted(texts['ministry_en'])}}}"),
        ("  as_of: 2020-02-14\n", "  as_of: 2020-02-14\npublisher:\n"
         "  url: {fr: 'https://example.org/fr?a=1&b=2', en: https://example.org/en}\n"
         "  contact: {email: faq@example.org}\n"
         f"  links: [{{title: {{fr: Confidentialité, en: {quoted(texts['footer_link_en'])}}}, "
         "url: {fr: https://example.org/c, en: https://example.org/p}}]\n"
         f"  copyright: {{fr: {quoted(texts['copyright_fr'])}, en: © Example}}\n"),
        ("\naudiences:\n", f"\nupdates:\n  - id: changed\n    date: 2020-02-14\n"
         f"    summary: {{fr: {quoted(texts['update_fr'])}, en: Changed.}}\n    touched: [first-question]\naudiences:\n"),
    ]:  # fmt: skip
        assert old in faq, old
        faq = faq.replace(old, new, 1)
    source = load_text(faq)
    return confirm(source, to_confirm(source, None))


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file below `directory` and its bytes, to prove that nothing changed."""
    return {path.relative_to(directory).as_posix(): path.read_bytes() for path in sorted(directory.rglob("*"))
            if path.is_file()}  # fmt: skip


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def microdata(page: BeautifulSoup) -> list[dict]:
    """The page's top-level microdata items as the HTML standard reads them (without `itemref`,
    which faqgen does not write): {"type": [...], "properties": {name: [value, …]}}, a value
    being a nested item, a meta's content, a time's datetime, a link's href or the text."""

    def item(element) -> dict:
        properties: dict[str, list] = {}
        pending = list(element.find_all(True, recursive=False))
        while pending:
            child = pending.pop(0)
            if child.has_attr("itemprop"):
                for name in child["itemprop"].split():
                    properties.setdefault(name, []).append(value(child))
            if not child.has_attr("itemscope"):
                pending[:0] = child.find_all(True, recursive=False)
        return {"type": element.get("itemtype", "").split(), "properties": properties}

    def value(element):
        if element.has_attr("itemscope"):
            return item(element)
        attribute = {"meta": "content", "time": "datetime", "a": "href", "link": "href"}.get(element.name)
        if attribute and element.has_attr(attribute):
            return element[attribute]
        return " ".join(element.get_text().split())

    return [item(element) for element in page.find_all(itemscope=True) if not element.has_attr("itemprop")]


def pixels(png: bytes) -> list[list[tuple[int, ...]]]:
    """The rows of pixels of a PNG as Chromium writes screenshots (8-bit RGB or RGBA, not
    interlaced), read with the standard library: rows un-filtered as the PNG specification says."""
    import struct
    import zlib

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, data, header = 8, b"", None
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        chunk = png[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            data += chunk
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    size = 4 if colour == 6 else 3
    raw, stride, rows, previous = zlib.decompress(data), width * size, [], bytearray(width * size)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                nearest = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))[2]
                line[x] = (line[x] + nearest) & 0xFF
        rows.append([tuple(line[x : x + size]) for x in range(0, stride, size)])
        previous = line
    return rows


def reader_pages(site: Path, pattern: str = "*.html") -> list[Path]:
    """The site's pages for readers: its HTML files but the editors' page (faqgen/editor.py)."""
    return sorted(path for path in site.rglob(pattern) if path.relative_to(site).parts[0] != ADMIN_FOLDER)


def changed_lines(before: str, after: str) -> list[tuple[str, list[str], list[str]]]:
    """What a diff shows between two texts: (replace|insert|delete, old lines, new lines) each."""
    old, new = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def expected_addresses(base: str, name: str) -> dict[str, str]:
    """Page `name`'s address in each language, below the site's address `base` (worked out here,
    not asked of faqgen/addresses.py, which the tests check)."""
    path = "" if name == "index" else f"{name}/"
    return {lang: f"{base}{folder}{path}" for lang, folder in LANGUAGE_DIRS.items()}


def _output(name: str):
    from faqgen import takeaway

    [output] = [format for format in takeaway.FORMATS if format.name == name]
    return output


def made_here(site_url: str, faq, name: str, lang: str | None) -> bytes:
    """The output `name` (faqgen/takeaway.py's registry) as this process makes it for `lang`, for a
    site at `site_url`: a writer tested where `make mutate` sees it, without building a site."""
    from faqgen.addresses import Addresses
    from faqgen.formats import FormatInputs
    from faqgen.updates import Changes

    inputs = FormatInputs(faq, Addresses(site_url, LANGUAGE_DIRS, ROOT_LANGUAGE), Changes(faq, faq.document.as_of), None)
    return _output(name).make(inputs, lang)


def made_as_published(site: Path, site_url: str, faq, name: str, lang: str | None) -> bytes:
    """made_here's output, after checking that the built `site` holds exactly those bytes (the
    site holds what this process makes)."""
    content = made_here(site_url, faq, name, lang)
    assert (site / _output(name).path(LANGUAGE_DIRS, lang)).read_bytes() == content
    return content
