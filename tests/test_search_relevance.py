"""Search as readers type: the relevance set (tests/relevance.yaml) in a real browser, on the
real faq.yaml; abbreviations, synonyms and typos; the landing page's highlighted words; the
facts the build gives the search script."""

from __future__ import annotations

import gzip
import json
import unicodedata
from collections import Counter
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from helpers import LANGUAGE_DIRS, ROOT
from selectolax.lexbor import LexborHTMLParser

from bench.relevance import measure, results, without_highlight
from faqgen.model import SUMMARY_ANCHORS
from faqgen.pipeline import check
from faqgen.search import WORD, separate_elisions, stop_words
from faqgen.site_plan import page_path

FAQ = check(ROOT / "faq.yaml").faq


def fold(word: str) -> str:
    """As the search script folds words: lower case, without accents."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


# The shares each set must reach, first and in the top 3, per language (measured 2026-12-07:
# keywords 97 % / 100 % French, 97 % / 100 % English; sentences 81 % / 93 % French, 72 % / 93 %
# English; held out 44 % / 75 % French, 56 % / 81 % English). The sentences' floor is the issue's
# target, 70 % and 90 % (docs/architecture.md, "Ranking"); the others are what was reached, less a
# query or two. The held-out set was never tuned to: its floor keeps what ranking gives questions
# it never saw from getting worse.
FLOORS = {"keywords": (0.85, 0.95), "sentences": (0.70, 0.90), "held_out": (0.40, 0.70)}


@pytest.mark.parametrize("kind, size", [("keywords", 25), ("sentences", 40), ("held_out", 16)])
def test_the_relevance_set_finds_the_expected_question_first_or_in_the_top_three(browser, site_url, kind, size):
    homes = {lang: site_url + folder for lang, folder in LANGUAGE_DIRS.items()}
    scores = measure(browser, homes, FAQ, lambda lang, name: page_path(LANGUAGE_DIRS, lang, name), kind)
    for score in scores.values():
        assert score.queries >= size
        report = (
            f"{score.lang}, {kind}: {score.first}/{score.queries} first, {score.top3}/{score.queries} in the top 3:\n"
            + "\n".join(score.misses)
        )
        first, top3 = FLOORS[kind]
        assert score.top3_share >= top3, report
        assert score.first_share >= first, report


def open_search(browser, site_url, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + LANGUAGE_DIRS[lang])
    page.click("input.faq-search__input")
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
    meta = page.text_content(".faq-search__meta").strip()
    page.close()
    assert expected in found[:3], found[:5]
    said = {"fr": f"Résultats pour «\u00a0{spelled}\u00a0»", "en": f"Results for “{spelled}”"}[lang]
    assert meta.startswith(said + " — ")


@pytest.mark.parametrize(
    "lang, query, expected, said",
    [
        # "safe" is in no text and near no word of the index: the other words find the question
        ("en", "is my job safe", "/en/service-providers/#existing-providers-future",
         "No question has “safe”; here are # that have the other words"),
        ("fr", "mon emploi est-il menacé par la robotisation", None,
         "Aucune question ne contient «\u00a0menacé, robotisation\u00a0»; en voici # qui contiennent les autres mots"),
        ("en", "who runs hamilton niagara", "/en/#now", "No question has “runs”; here are # that have the other words"),
        # each meaning-bearing word is in some question, though no question has them all: no warning
        ("en", "why was there a competition", "/en/ssm-selection/#purpose-of-competition", None),
        ("fr", "le ministère a-t-il privatisé les contrats", None, None),
    ],
)  # fmt: skip
def test_only_a_word_no_question_holds_is_named_to_the_reader(browser, site_url, lang, query, expected, said):
    page = open_search(browser, site_url, lang)
    found = [without_highlight(href) for href in results(page, query)]
    meta = page.text_content(".faq-search__meta").strip()
    page.close()
    assert expected is None or expected in found[:3], found[:5]
    count = {"en": f"{len(found)} questions", "fr": f"{len(found)} questions"}[lang] if len(found) > 1 else "1 question"
    assert meta == (said.replace("#", str(len(found))) if said else count)


def test_short_words_match_whole_words_only(browser, site_url):
    """Pagefind matches the beginnings of words ("ow" finds "own"); an abbreviation must be the word."""
    page = open_search(browser, site_url, "en")
    found = [without_highlight(href) for href in results(page, "OW")]
    titles = page.eval_on_selector_all(".faq-result", "items => items.map(i => i.textContent)")
    page.close()
    assert found and all("Ontario Works" in title or " OW" in title for title in titles), titles


def test_the_chosen_question_opens_with_the_query_words_highlighted(browser, site_url):
    page = open_search(browser, site_url, "fr")
    results(page, "contrats distincts")
    link = page.locator(".faq-result__link").first
    assert "highlight=" in link.get_attribute("href")
    link.click()
    page.wait_for_url("**/service-providers/?highlight=*#sites-inside-and-outside")
    page.wait_for_selector("article mark.faq-highlight")
    marked = page.eval_on_selector_all("article mark.faq-highlight", "marks => marks.map(m => m.textContent.toLowerCase())")
    page.close()
    assert {"contrats", "distincts"} <= set(marked)


# Each mark on the landing page, with the characters around it and whether it is inside the
# question's section: its heading and what follows up to the next heading of its rank.
MARKS = """target => [...document.querySelectorAll("mark")].map(mark => {
    const heading = document.getElementById(target), rank = h => /^H[1-6]$/.test(h.tagName) ? +h.tagName[1] : 7;
    let inside = false;
    for (let at = heading; at && (at === heading || rank(at) > rank(heading)); at = at.nextElementSibling) {
        inside ||= at.contains(mark);
    }
    const before = mark.previousSibling?.textContent ?? "", after = mark.nextSibling?.textContent ?? "";
    return {word: mark.textContent, before: before.slice(-1), after: after.slice(0, 1), inside};
})"""


@pytest.mark.parametrize("lang, query", [("fr", "est-ce que les clients vont perdre leurs services"),
                                         ("en", "will clients lose their services"),
                                         ("fr", "qu'est-ce qui change pour les francophones")])  # fmt: skip
def test_a_landing_page_marks_only_the_questions_meaningful_words_whole(browser, site_url, lang, query):
    """The page a sentence's first result opens: its marks are words of the query (or their
    relatives by stem) as whole words, none a little word, all within that question."""
    facts = json.loads(urlopen(f"{site_url}pagefind/faq-search-{lang}.json").read())
    little = {fold(word) for word in facts["stop_words"]}
    page = open_search(browser, site_url, lang)
    results(page, query)
    href = page.locator(".faq-result__link").first.get_attribute("href")
    page.locator(".faq-result__link").first.click()
    page.wait_for_url("**" + href.split("?")[0] + "*")
    page.wait_for_selector("mark.faq-highlight")
    marks = page.evaluate(MARKS, href.rsplit("#", 1)[1])
    page.close()
    assert marks
    for mark in marks:
        assert mark["inside"], mark
        assert fold(mark["word"]) not in little, mark
        assert not (mark["before"] + mark["after"]).strip(" \u00a0\u202f.,;:?!«»“”()’'-"), mark  # a whole word


def test_the_build_gives_the_search_script_its_facts_per_language(built_site):
    for lang in LANGUAGE_DIRS:
        facts = json.loads((built_site / "pagefind" / f"faq-search-{lang}.json").read_text(encoding="utf-8"))
        entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert facts["records"] == entry["languages"][lang]["page_count"]
        assert facts["sections"] >= sum(len(audience.questions) for audience in FAQ.audiences)
        assert len(facts["equivalents"]) == len(FAQ.glossary) + len(FAQ.synonyms)
        assert facts["stop_words"] == stop_words(lang) and facts["summaries"] == sorted(SUMMARY_ANCHORS)
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
    page.wait_for_selector("article mark.faq-highlight")
    marked = page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent.toLowerCase())")
    images = page.eval_on_selector_all("article img", "images => images.length")
    page.close()
    assert dialogs == [] and images == 0
    assert set(marked) == {"contrats"}


@pytest.mark.parametrize("query, marked", [("modelisation", "modélisation"), ("REGIONS", "régions"), ("reseau", "réseau")])
def test_words_typed_without_accents_or_in_capitals_are_the_texts_words(browser, site_url, query, marked):
    """The script's folding (lower case, accents off), on its own: Pagefind folds too, but only
    the script's folding ties what Pagefind found to the query's words — without it, no result."""
    page = open_search(browser, site_url, "fr")
    found = results(page, query)
    marks = page.eval_on_selector_all(".faq-search__results mark", "marks => marks.map(m => m.textContent.toLowerCase())")
    page.close()
    assert found and marked in marks, marks
