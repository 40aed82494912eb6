"""Theme surgery is a conscious act. Each template of mkdocs-material that overrides/ copies (to
change a few lines where the theme offers no block to override) is kept beside the tests as the
original it was copied from (tests/theme_originals/). When an upgrade changes one of them, this
fails and shows the theme's change: carry it into the copy (security and accessibility fixes
among them), then replace the original. An upgrade that leaves them alone — a security release
that changes only the theme's code, as 9.8.2 did — is a one-line change of the lock.
Block overrides (main.html's `extrahead`, 404.html's blocks) need no copy."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest
from helpers import ROOT

THEME = Path(material.__file__).parent / "templates"
ORIGINALS = Path(__file__).parent / "theme_originals"
COPIES = {  # our file → the theme's original (a file, or a block of one), as kept in ORIGINALS
    "partials/header.html": "partials/header.html",
    "partials/alternate.html": "partials/alternate.html",
    "partials/search.html": "partials/search.html",
    "main.html": "base.html#site_meta",
}
_THEME_VERSION = re.compile(r"mkdocs-material-\d+\.\d+\.\d+")  # the theme's own version, in its generator tag


def installed(original: str) -> str:
    path, _, block = original.partition("#")
    text = (THEME / path).read_text(encoding="utf-8")
    if block:
        text = re.search(rf"{{% block {block} %}}.*?{{% endblock %}}", text, re.S).group(0) + "\n"
    return _THEME_VERSION.sub("mkdocs-material", text)


def kept(original: str) -> str:
    path, _, block = original.partition("#")
    name = f"{path.removesuffix('.html')}.{block}.html" if block else path
    return _THEME_VERSION.sub("mkdocs-material", (ORIGINALS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("copy", sorted(COPIES))
def test_each_copied_template_was_copied_from_the_installed_themes_original(copy):
    original = COPIES[copy]
    change = "".join(difflib.unified_diff(kept(original).splitlines(keepends=True), installed(original).splitlines(keepends=True),
                                          f"as copied: tests/theme_originals/{original}", f"installed: {original}"))  # fmt: skip
    assert not change, (f"mkdocs-material changed {original}, which overrides/{copy} copies: carry this change into the "
                        f"copy, then replace the original in tests/theme_originals/\n{change}")  # fmt: skip


def test_the_check_names_what_the_theme_changed(tmp_path, monkeypatch):
    """Shown with a theme whose header gained a line: the failure says which line, where."""
    theme = tmp_path / "templates"
    (theme / "partials").mkdir(parents=True)
    text = (THEME / "partials" / "header.html").read_text(encoding="utf-8")
    (theme / "partials" / "header.html").write_text(text.replace("<header", '<p class="new">\n<header', 1), encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "THEME", theme)
    with pytest.raises(AssertionError, match=r'(?s)changed partials/header\.html.*\n *\+<p class="new">\n'):
        test_each_copied_template_was_copied_from_the_installed_themes_original("partials/header.html")


def test_every_override_is_accounted_for():
    overrides = {path.relative_to(ROOT / "overrides").as_posix() for path in (ROOT / "overrides").rglob("*.html")}
    assert overrides == set(COPIES) | {"404.html"}  # 404.html extends main.html: blocks only
    originals = {path.relative_to(ORIGINALS).as_posix() for path in ORIGINALS.rglob("*.html")}
    assert originals == {"partials/header.html", "partials/alternate.html", "partials/search.html", "base.site_meta.html"}


ASSETS = ROOT / "faqgen" / "assets"
THEME_NAMES = re.compile(r"\bmd-[a-z]|--md-|#__|\b__(?:drawer|search|toc)\b")
"""The theme's classes, variables and ids (`md-header`, `--md-primary-fg-color`, `#__drawer`)."""


def test_only_the_theme_boundary_names_the_themes_classes_and_ids():
    """faqgen's own styles, scripts and templates select faqgen's hooks (`faq-*`, roles); the
    theme is named only in material.css, material.js, overrides/ and faqgen/theme.py
    (docs/theme.md), so moving to another theme rewrites those and nothing else."""
    own = [ASSETS / "faq.css", ASSETS / "faq.js", ASSETS / "faq-search.js",
           *sorted((ROOT / "faqgen" / "templates").iterdir())]  # fmt: skip
    named = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}" for path in own
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if THEME_NAMES.search(line)]  # fmt: skip
    assert named == []
    assert THEME_NAMES.search((ASSETS / "material.css").read_text(encoding="utf-8"))  # the pattern finds the theme's names


@pytest.mark.parametrize("width", [375, 1280])
def test_the_theme_has_every_element_material_js_names(browser, site_url, width):
    """A theme release that renames an element faqgen's scripts reach (the menu, its contents,
    search's switch…) fails here, not silently in readers' browsers (faq.js skips what it cannot find)."""
    hooks = re.findall(r'\["[^"]+", "(faq-[a-z-]+)"\]', (ASSETS / "material.js").read_text(encoding="utf-8"))
    assert len(hooks) >= 6
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(site_url + "en/timeline/")  # a page with the theme's contents in its menu (an audience's lists its own)
    found = {hook: page.locator(f".{hook}").count() for hook in hooks}
    drawer = page.get_attribute(".faq-menu", "data-faq-drawer-below")
    page.close()
    assert found == dict.fromkeys(hooks, 1)
    assert drawer == "(max-width: 76.234375em)"
