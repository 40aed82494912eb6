"""Search as readers type: the relevance set (tests/relevance.yaml) in a real browser, on the
real faq.yaml; abbreviations, synonyms and typos; the landing page's highlighted words; the
facts the build gives the search script."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from urllib.parse import quote

import pytest
from helpers import LANGUAGE_DIRS, ROOT
from selectolax.lexbor import LexborHTMLParser

from bench.relevance import measure, results, without_highlight
from faqgen.addresses import page_path
from faqgen.pipeline import check
from faqgen.search import WORD, separate_elisions

FAQ = check(ROOT / "faq.yaml").faq


def test_the_relevance_set_finds_the_expected_question_first_or_in_the_top_three(browser, site_url):
    homes = {lang: site_url + folder for lang, folder in LANGUAGE_DIRS.items()}
    scores = measure(browser, homes, FAQ, lambda lang, name: page_path(LANGUAGE_DIRS, lang, name))
    for score in scores.values():
        assert score.queries >= 25
        report = (
            f"{score.lang}: {score.first}/{score.queries} first, {score.top3}/{score.queries} in the top 3:\n"
            + "\n".join(score.misses)
        )
        assert score.top3_share >= 0.90, report
        assert score.first_share >= 0.70, report


def open_search(browser, site_url, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + LANGUAGE_DIRS[lang])
    page.click("input.md-search__input")
    return page


@pytest.mark.parametrize(
    "lang, query, expected",
    [
        ("fr", "ODSP", "/clients-and-communities/#people-with-disabilities"),  # the other language's abbreviation
        ("fr", "POSPH", "/clients-and-communities/#people-with-disabilities"),
        # what it stands for finds the answer that says only "ODSP" (the timeline's phase, which writes both, ranks below it)
        ("en", "Ontario Disability Support Program", "/en/clients-and-communities/#people-with-disabilities"),
        ("en", "FLSA", "/en/clients-and-communities/#francophones"),
        ("fr", "objectif du concours", "/ssm-selection/#purpose-of-competition"),  # a synonym: processus concurrentiel
    ],
)  # fmt: skip
def test_abbreviations_what_they_stand_for_and_synonyms_find_each_other(browser, site_url, lang, query, expected):
    page = open_search(browser, site_url, lang)
    found = [without_highlight(href) for href in results(page, query)]
    page.close()
    assert expected in found[:3], found[:5]


@pytest.mark.parametrize(
    "lang, query, spelled, expected",
    [
        ("en", "acessibility", "accessibility", "/en/clients-and-communities/#people-with-disabilities"),
        ("fr", "fracophones", "francophones", "/clients-and-communities/#francophones"),
        ("en", "pirvatizing", "privatizing", "/en/ssm-selection/#for-profit-privatization"),
    ],
)
def test_a_misspelt_word_is_corrected_from_the_index_and_the_reader_is_told(
    browser, site_url, lang, query, spelled, expected
):
    page = open_search(browser, site_url, lang)
    found = [without_highlight(href) for href in results(page, query)]
    meta = page.text_content(".md-search-result__meta").strip()
    page.close()
    assert expected in found[:3], found[:5]
    said = {"fr": f"Résultats pour «\u00a0{spelled}\u00a0»", "en": f"Results for “{spelled}”"}[lang]
    assert meta.startswith(said + " — ")


def test_a_word_no_text_has_is_left_out_and_said(browser, site_url):
    """ "safe" is in no text and near no word of the index: the other words find the question, and
    the reader is told that no question has all of them."""
    page = open_search(browser, site_url, "en")
    found = [without_highlight(href) for href in results(page, "is my job safe")]
    meta = page.text_content(".md-search-result__meta").strip()
    page.close()
    assert found[0] == "/en/service-providers/#existing-providers-future"
    assert meta == f"No question has all these words; here are {len(found)} that have some of them"


def test_short_words_match_whole_words_only(browser, site_url):
    """Pagefind matches the beginnings of words ("ow" finds "own"); an abbreviation must be the word."""
    page = open_search(browser, site_url, "en")
    found = [without_highlight(href) for href in results(page, "OW")]
    titles = page.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.textContent)")
    page.close()
    assert found and all("Ontario Works" in title or " OW" in title for title in titles), titles


def test_the_chosen_question_opens_with_the_query_words_highlighted(browser, site_url):
    page = open_search(browser, site_url, "fr")
    results(page, "contrats distincts")
    link = page.locator(".md-search-result__link").first
    assert "highlight=" in link.get_attribute("href")
    link.click()
    page.wait_for_url("**/service-providers/?highlight=*#sites-inside-and-outside")
    page.wait_for_selector("article mark.pagefind-highlight")
    marked = page.eval_on_selector_all(
        "article mark.pagefind-highlight", "marks => marks.map(m => m.textContent.toLowerCase())"
    )
    page.close()
    assert {"contrats", "distincts"} <= set(marked)


def test_the_build_gives_the_search_script_its_facts_per_language(built_site):
    for lang in LANGUAGE_DIRS:
        facts = json.loads((built_site / "pagefind" / f"faq-search-{lang}.json").read_text(encoding="utf-8"))
        entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert facts["records"] == entry["languages"][lang]["page_count"]
        assert facts["sections"] >= sum(len(audience.questions) for audience in FAQ.audiences)
        assert len(facts["equivalents"]) == len(FAQ.glossary) + len(FAQ.synonyms)
        odsp = next(group for group in facts["equivalents"] if "ODSP" in group)
        assert odsp == (["POSPH", "ODSP", "Programme ontarien de soutien aux personnes handicapées"] if lang == "fr"
                        else ["ODSP", "POSPH", "Ontario Disability Support Program"])  # fmt: skip
        words = facts["words"]
        assert len(words) == len(set(words)) and all(len(word) >= 4 and word == word.lower() for word in words)
        assert ("gestionnaires" if lang == "fr" else "managers") in words[:30]  # most frequent first


def _indexed_pages(site) -> dict[str, dict]:
    """Pagefind's fragment of each indexed record: its address → what it holds (the text results show)."""
    fragments = {}
    for file in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(file.read_bytes()).removeprefix(b"pagefind_dcd"))
        fragments.setdefault(data["url"], data)
    return fragments


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_a_page_is_indexed_as_its_article_shows_it(built_site, lang):
    """The home page, the timeline and the glossary are indexed from what faqgen made of them,
    before the theme builds them (faqgen/search.py): the index must hold what the built page
    shows, its frame included (the downloads, the end of the page), and only that."""
    fragments = _indexed_pages(built_site)
    for name in ("index", "timeline", "glossary"):
        indexed = fragments["/" + page_path(LANGUAGE_DIRS, lang, name)]
        page = LexborHTMLParser((built_site / page_path(LANGUAGE_DIRS, lang, name) / "index.html").read_text(encoding="utf-8"))
        assert indexed["meta"]["title"] == page.css_first("article h1").text(strip=True)
        shown = Counter(WORD.findall(separate_elisions(page.css_first("article").text(separator=" "))))
        assert Counter(WORD.findall(indexed["content"])) == shown
        assert page.css_first("section.faq-downloads" if name != "glossary" else ".faq-page-end").text(strip=True)


def test_words_to_highlight_in_an_address_are_text_never_markup(browser, site_url):
    """Anyone can write a link with ?highlight=…: what it carries is searched as words, never run."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = "<img src=x onerror=alert(1)>"
    page.goto(site_url + "service-providers/?highlight=" + quote(hostile) + "&highlight=contrats#sites-inside-and-outside")
    page.wait_for_selector("article mark.pagefind-highlight")
    marked = page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent.toLowerCase())")
    images = page.eval_on_selector_all("article img", "images => images.length")
    page.close()
    assert dialogs == [] and images == 0
    assert set(marked) == {"contrats"}
