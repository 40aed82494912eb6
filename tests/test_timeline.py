"""Phase status relative to the "as of" date: before, inside and after each phase."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, html, mkdocs

from faqgen.labels import format_date
from faqgen.pipeline import check
from faqgen.render import render_site

FAQ = check(ROOT / "faq.yaml").faq
C, P, U = "completed", "in-progress", "upcoming"


def statuses(as_of: dt.date, lang: str = "en") -> list[tuple[str, str]]:
    page = next(p for p in render_site(FAQ.drawn_for(as_of)) if p.name == "timeline" and p.lang == lang)
    timeline = BeautifulSoup(page.text, "html.parser").select("ol.faq-timeline > li")
    return [
        (next(c for c in li["class"] if c.startswith("faq-phase--")).removeprefix("faq-phase--"),
         li.select_one(".faq-status").get_text())
        for li in timeline
    ]  # fmt: skip


@pytest.mark.parametrize(
    "as_of, expected",
    [
        ("2019-12-31", [U, U, U]),  # before Planning
        ("2020-01-01", [P, U, U]),  # Planning's first day
        ("2020-02-14", [P, U, U]),  # the document's date
        ("2020-03-31", [P, U, U]),  # Planning's last day
        ("2020-04-01", [C, P, U]),  # Transition's first day
        ("2020-09-30", [C, P, U]),  # Transition's last day
        ("2020-10-01", [C, C, P]),  # Integrated delivery begins
        ("2026-11-25", [C, C, P]),  # open-ended: still in progress
    ],
)
def test_phase_status_for_as_of_dates(as_of, expected):
    words = {
        "en": {C: "Completed", P: "In progress", U: "Upcoming"},
        "fr": {C: "Terminée", P: "En cours", U: "À venir"},
    }
    for lang in ("en", "fr"):
        assert statuses(dt.date.fromisoformat(as_of), lang) == [(status, words[lang][status]) for status in expected]


def test_as_of_defaults_to_the_document_and_is_shown():
    page = next(p for p in render_site(FAQ) if p.name == "timeline" and p.lang == "fr")
    assert "Situation au 14 février 2020." in page.text
    assert statuses(FAQ.document.as_of) == [(P, "In progress"), (U, "Upcoming"), (U, "Upcoming")]


def with_as_of(project, value: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      source: faq.yaml\n", f"      source: faq.yaml\n      as_of: {value}\n"))


def test_the_plugin_takes_as_of_from_its_configuration(project):
    with_as_of(project, "2020-05-01")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    page = html(project / "site" / "en" / "timeline" / "index.html")
    assert [s.get_text() for s in page.select(".faq-status")] == ["Completed", "In progress", "Upcoming"]


@pytest.mark.parametrize(
    "option, expected",
    [
        ("as_of: May 2020", "Plugin 'faq' option 'as_of': expected a date written YYYY-MM-DD, like 2020-04-01"),
        ("as_of: '2020-02-30'", "Plugin 'faq' option 'as_of': `2020-02-30` is not a real date"),
        ("source: questions.yaml", "Plugin 'faq' option 'source': The path '"),
    ],
)  # fmt: skip
def test_each_plugin_option_says_what_is_wrong_with_it(project, option, expected):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      source: faq.yaml\n", f"      {option}\n"))
    bad = mkdocs(project, "build")
    assert bad.returncode == 1
    assert expected in bad.stderr, bad.stderr
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    "date, lang, precision, expected",
    [
        ("2020-10-01", "fr", "day", "1er octobre 2020"),
        ("2019-10-21", "fr", "day", "21 octobre 2019"),
        ("2020-10-01", "en", "day", "October 1, 2020"),
        ("2019-07-01", "fr", "month", "juillet 2019"),
        ("2019-07-01", "en", "month", "July 2019"),
    ],
)
def test_dates_are_written_out_in_each_language(date, lang, precision, expected):
    assert format_date(dt.date.fromisoformat(date), lang, precision) == expected
