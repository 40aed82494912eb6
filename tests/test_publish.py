"""`build_faq.py site`: verified, atomic, reproducible."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

from bs4 import BeautifulSoup
from conftest import ROOT, snapshot

from faqgen.pipeline import check
from faqgen.publish import MARKER
from faqgen.verify import verify_site

FAQ = check(ROOT / "faq.yaml").faq


def site_command(project, output, site_url=""):
    return subprocess.run([sys.executable, str(ROOT / "build_faq.py"), "site", str(project / "faq.yaml"),
                           "--output", str(output)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "FAQ_SITE_URL": site_url})  # fmt: skip


def manifest(tree) -> dict[str, str]:
    return {path.relative_to(tree).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(tree.rglob("*")) if path.is_file()}  # fmt: skip


def test_two_builds_are_byte_identical_and_verified(project, tmp_path):
    address = "https://faq.example.ca/ssm/"  # served below a path, as on GitHub Pages
    first = site_command(project, tmp_path / "one", address)
    assert first.returncode == 0, first.stderr
    assert first.stdout.endswith("pages built, verified and published\n")
    assert site_command(project, tmp_path / "two", address).returncode == 0
    assert manifest(tmp_path / "one") == manifest(tmp_path / "two")
    assert "<lastmod>2020-02-14</lastmod>" in (tmp_path / "one" / "sitemap.xml").read_text()


def test_a_failed_build_leaves_the_site_as_it_was(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site already published")
    (project / "faq.yaml").write_text(
        (project / "faq.yaml").read_text().replace("  as_of: 2020-02-14", "  as_of: soon")
    )
    result = site_command(project, site)
    assert result.returncode == 1
    assert "error: expected a date written YYYY-MM-DD" in result.stderr
    assert snapshot(site) == {"index.html": b"the site already published"}
    assert not list(tmp_path.glob(".site-*"))


def test_a_build_mkdocs_refuses_leaves_the_site_as_it_was(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site already published")
    (site / MARKER).write_text("")  # a site `site` made
    (project / "content" / "orphan.fr.md").write_text("# Une page hors du menu\n")  # strict: not in nav
    result = site_command(project, site)
    assert result.returncode == 1 and "mkdocs build --strict failed" in result.stderr
    assert snapshot(site) == {"index.html": b"the site already published", MARKER: b""}
    assert not list(tmp_path.glob(".site-*"))


def test_verification_accepts_the_real_build(built_site):
    assert verify_site(built_site, FAQ) == []


def test_verification_finds_what_would_hurt_readers(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "en" / "municipalities")
    page = site / "en" / "ssm-selection" / "index.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    soup.select_one("#fairness-of-process")["id"] = "renamed"
    article = soup.select_one("article")
    article.append(soup.new_tag("script"))
    article.append(soup.new_tag("img", src="https://fonts.example.com/x.png", onerror="steal()"))
    article.append(soup.new_tag("a", href="javascript:alert(1)"))
    page.write_text(str(soup))
    problems = verify_site(site, FAQ)
    assert "the en page `municipalities` is missing" in problems
    assert "the en page `ssm-selection` has no anchor #fairness-of-process" in problems
    assert "/en/ssm-selection/index.html: the element <script> is not allowed in the content" in problems
    assert "/en/ssm-selection/index.html: the attribute `onerror` on <img> is not allowed in the content" in problems
    assert "/en/ssm-selection/index.html: `javascript:` links are not allowed: `javascript:alert(1)`" in problems
    assert "/en/ssm-selection/index.html: <img> loads `https://fonts.example.com/x.png` from another host" in problems
    assert any(p.endswith("the link ../municipalities/ leads nowhere") for p in problems)
    assert any("has no anchor #fairness-of-process to land on" in p for p in problems)


def test_verification_finds_wrong_addresses(built_site, site_server, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "timeline" / "sitemap.xml").unlink()
    page = site / "en" / "timeline" / "index.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    soup.select_one("link[rel=canonical]")["href"] = "https://elsewhere.example/en/timeline/"
    soup.select_one("link[hreflang=en]")["href"] = site_server.url + "en/calendar/"
    page.write_text(str(soup))
    problems = verify_site(site, FAQ)
    assert problems == [
        f"/en/timeline/index.html: the canonical link https://elsewhere.example/en/timeline/ is not below the site's address {site_server.url}",
        f"/en/timeline/index.html: no sitemap.xml beside the alternate {site_server.url}timeline/: the theme's request for it would fail",
        f"/en/timeline/index.html: the alternate link {site_server.url}en/calendar/ leads nowhere",
        f"/timeline/index.html: no sitemap.xml beside the alternate {site_server.url}timeline/: the theme's request for it would fail",
    ]


def test_verification_refuses_a_truncated_build(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    for folder in ("en", "timeline", "municipalities"):
        shutil.rmtree(site / folder)
    problems = verify_site(site, FAQ)
    assert problems[0].startswith("only 6 HTML pages; a complete build has at least 14")
