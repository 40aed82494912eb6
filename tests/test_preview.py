"""`build_faq.py site --preview LABEL`: what reviewers open before a change is published.

Every page says it is a preview, in its language, and asks not to be indexed; there is no
sitemap and no feed; everything else is the published build, byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ROOT_LANGUAGE, build_faq
from selectolax.lexbor import LexborHTMLParser

from faqgen.labels import LABELS
from faqgen.pipeline import check
from faqgen.site_plan import page_names
from faqgen.verify import verify_site

SITE_URL = "https://ministry.github.io/faq-previews/pr-12/"
LABEL = "pull request #12 <b>"  # a label is text: shown as typed


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def without_preview(html: bytes) -> str:
    """A preview's page less its banner and its robots line, spacing folded."""
    text = html.decode()
    text = re.sub(r'<aside class="md-banner">.*?</aside>', "", text, flags=re.DOTALL)
    text = text.replace('<meta name="robots" content="noindex">', "")
    return " ".join(text.split())


def without_feed(html: bytes) -> str:
    """A published page less the link to its feed (a preview has none), spacing folded."""
    return " ".join(re.sub(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', "", html.decode()).split())


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    project = tmp_path_factory.mktemp("preview") / "project"
    from helpers import make_project

    make_project(project)
    published, preview = project.parent / "published", project.parent / "preview"
    for output, extra in ((published, ()), (preview, ("--preview", LABEL))):
        result = build_faq("site", str(project / "faq.yaml"), "--output", str(output), *extra, env={"FAQ_SITE_URL": SITE_URL})
        assert result.returncode == 0, result.stderr
    return project, files(published), files(preview)


def test_every_page_of_a_preview_says_so_in_its_language_and_is_not_indexed(builds):
    project, _, preview = builds
    pages = {name: LexborHTMLParser(html) for name, html in preview.items() if name.endswith(".html") and not name.startswith("admin/")}
    assert len(pages) == 2 * len(page_names(check(project / "faq.yaml").faq)) + 1  # each page in each language, one 404
    for name, page in pages.items():
        assert page.css_first('meta[name="robots"]').attributes["content"] == "noindex", name
        banner = page.css_first(".md-banner .faq-preview")
        lang = page.css_first("html").attributes["lang"]
        spans = {span.attributes["lang"]: span.text() for span in banner.css("span")}
        expected_languages = set(LABELS) if name == "404.html" else {lang}  # one not-found page for every language
        assert spans == {language: LABELS[language]["preview"].format(label=LABEL) for language in expected_languages}, name
    text = " ".join(pages["index.html"].body.text(deep=True).split())
    # At the top: right after the skip link, before the header.
    assert text.startswith("Aller au contenu Aperçu — version non publiée (pull request #12 <b>) ")
    assert "<b>" not in pages["index.html"].css_first(".faq-preview").html.replace("&lt;b&gt;", "")


def test_a_preview_is_the_published_build_but_for_its_banner_and_search_engines(builds):
    _, published, preview = builds
    assert set(published) - set(preview) == {"sitemap.xml", "feed-fr.xml", "feed-en.xml"}
    assert set(preview) <= set(published)
    for name, content in preview.items():
        if name.endswith(".html") and not name.startswith("admin/"):
            assert without_preview(content) == without_feed(published[name]), name
        else:
            assert content == published[name], name
    assert all(b'name="robots"' not in html for name, html in published.items() if name.endswith(".html") and not name.startswith("admin/"))


def test_verification_holds_each_build_to_its_kind(builds, tmp_path):
    project, published, preview = builds
    faq = check(project / "faq.yaml", strict=True).faq
    for kind, built in (("published", published), ("preview", preview)):
        for name, content in built.items():
            (tmp_path / kind / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / kind / name).write_bytes(content)
    assert verify_site(tmp_path / "published", faq, ROOT_LANGUAGE) == []
    assert verify_site(tmp_path / "preview", faq, ROOT_LANGUAGE, preview=LABEL) == []
    # A published build verified as a preview, and the other way round: each page refused.
    as_preview = verify_site(tmp_path / "published", faq, ROOT_LANGUAGE, preview=LABEL)
    assert "/sitemap.xml: a preview has no sitemap.xml: it would announce pages that are not published" in as_preview
    assert ('/en/index.html: a preview\'s page without <meta name="robots" content="noindex">: search engines would '
            "index it") in as_preview  # fmt: skip
    as_published = verify_site(tmp_path / "preview", faq, ROOT_LANGUAGE)
    assert '/en/index.html: the page asks search engines `noindex` (<meta name="robots">): a published page is indexed' in as_published


@pytest.mark.parametrize("label", ["", "   ", "x" * 81, "two\nlines"])
def test_a_preview_label_is_one_short_line(project, label, tmp_path):
    result = build_faq("site", str(project / "faq.yaml"), "--output", str(tmp_path / "out"), "--preview", label)
    assert result.returncode == 2
    assert result.stderr.endswith("a preview's label is one line of text, 1 to 80 characters, e.g. \"pull request #12\"\n")
    assert not (tmp_path / "out").exists()
