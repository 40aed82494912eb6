"""faqgen is general: the example FAQ under examples/ (another topic, English at the root, two
audiences, no timeline, no regions, no scoring) builds, verifies and publishes with the same
plugin; and the real FAQ's root language swaps with its one setting."""

from __future__ import annotations

import shutil

from helpers import ROOT, build_faq, html

from bench.harness import make_project

EXAMPLE = ROOT / "examples" / "community-grants"
SITE_URL = "https://faq.example.org/"


def site(project, output):
    return build_faq("site", str(project / "faq.yaml"), "--output", str(output), env={"FAQ_SITE_URL": SITE_URL})


def test_the_example_faq_builds_verifies_and_publishes(tmp_path):
    project = tmp_path / "examples" / "community-grants"
    shutil.copytree(EXAMPLE, project)
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")  # its mkdocs.yml: custom_dir ../../overrides
    result = site(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    home, french = html(out / "index.html"), html(out / "fr" / "index.html")
    assert home.html["lang"] == "en" and french.html["lang"] == "fr"
    assert home.select_one("article h1").get_text(strip=True) == "Community Micro-Grants"
    assert french.select_one("article h1").get_text(strip=True) == "Microsubventions communautaires"
    assert sorted(path.name for path in out.iterdir() if path.is_dir()) == ["admin", "applicants", "assets", "fr", "pagefind", "partners", "whats-new"]
    assert not home.select('a[href*="timeline"]')  # no phases, no milestones: no timeline page
    partners = html(out / "fr" / "partners" / "index.html")
    assert partners.select_one('a[href="../applicants/#who-can-apply"]').get_text() == "question 1 (Demandeurs)"
    not_found = html(out / "404.html")
    assert not_found.select_one("article h1").get_text() == "Page not found / Page introuvable"  # the root language first
    assert [part["lang"] for part in not_found.select("article .faq-not-found > [lang]")] == ["en", "fr"]
    assert [a["href"] for a in not_found.select("article a")] == ["/", "/fr/"]
    # Another ministry's identity, from its own faq.yaml: name, address, e-mail contact, links.
    footer = french.select_one("footer.faq-footer")
    assert [(a.get_text(), a["href"]) for a in footer.select("a")] == [
        ("Ministère exemple des Services communautaires", "https://example.org/services-communautaires"),
        ("Nous joindre", "mailto:grants@example.org"), ("Confidentialité", "https://example.org/confidentialite")]
    assert "Ontario" not in footer.get_text()
    report = partners.select_one("article .faq-report a")["href"]
    assert report.startswith("mailto:grants@example.org?subject=Probl%C3%A8me%20sur%20la%20page%C2%A0%3A%20Partenaires&body=")
    assert report.endswith("fr%2Fpartners%2F")  # the page's address (absolute when FAQ_SITE_URL is set)


def test_swapping_the_root_language_is_one_setting(tmp_path):
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("          default: true\n") == 1
    text = text.replace("          default: true\n", "")
    text = text.replace("        - locale: en\n          name: English\n", "        - locale: en\n          name: English\n          default: true\n")
    config.write_text(text, encoding="utf-8")
    result = site(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr  # verification included
    out = tmp_path / "out"
    assert html(out / "index.html").html["lang"] == "en"
    assert html(out / "fr" / "municipalities" / "index.html").html["lang"] == "fr"
    assert html(out / "404.html").select_one("article h1").get_text() == "Page not found / Page introuvable"


def test_a_block_the_faq_has_no_data_for_is_refused():
    from faqgen.loader import load_text
    from faqgen.problems import FaqError
    from faqgen.validate import validate

    text = (EXAMPLE / "faq.yaml").read_text(encoding="utf-8").replace(
        "            - renting a space;\n", "            - renting a space;\n\n            [[timeline]]\n", 1
    )
    try:
        validate(load_text(text, "faq.yaml"))
    except FaqError as error:
        assert [str(p) for p in error.errors] == [
            "faq.yaml:91:13: error: `[[timeline]]` shows the timeline, but this file has no `phases:` (question what-it-covers)"
        ]
    else:
        raise AssertionError("accepted")
