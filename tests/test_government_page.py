"""The patterns a government reviewer looks for, as readers see them in Chromium, in both
languages and at phone width: who publishes the site (from `publisher:` in faq.yaml), the home
page's ways in, the end of every page (report a problem, date modified), the language word,
and the printed page. axe and the keyboard are tested in test_browser.py on these same pages."""

from __future__ import annotations

import pytest
from helpers import LANGUAGE_DIRS, ROOT, url_of

from faqgen.labels import LABELS
from faqgen.languages import typeset
from faqgen.pipeline import check
from faqgen.site_plan import page_names

FAQ = check(ROOT / "faq.yaml").faq
PAGES = page_names(FAQ)
OTHER = {"fr": "en", "en": "fr"}


VISIBLE_LINKS = """root => [...root.querySelectorAll('a')].filter(a => a.getBoundingClientRect().height > 0)
                                                 .map(a => [a.textContent.trim(), a.getAttribute('href')])"""


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_every_page_says_who_publishes_it_and_how_to_reach_them_in_its_language(browser, site_url, lang):
    publisher = FAQ.publisher
    expected = [
        (typeset(FAQ.document.ministry.in_(lang), lang), publisher.url.in_(lang)),
        (LABELS[lang]["contact"], publisher.contact.url.in_(lang)),
        *[(typeset(link.title.in_(lang), lang), link.url.in_(lang)) for link in publisher.links],
    ]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    for name in PAGES:
        page.goto(url_of(site_url, lang, name))
        footer = page.locator("footer.faq-footer")
        assert footer.is_visible()
        assert footer.evaluate(VISIBLE_LINKS) == [list(pair) for pair in expected], name
        assert typeset(publisher.copyright.in_(lang), lang) in footer.inner_text()
        assert "Material" not in page.locator("body").inner_text()  # the theme's own credit is gone
    page.close()


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_every_page_ends_with_its_pdf_a_report_link_then_its_date_modified(browser, site_url, lang):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    for name in PAGES:
        page.goto(url_of(site_url, lang, name))
        end = page.locator("article .faq-page-end")
        report = end.get_by_role("link", name=LABELS[lang]["report_problem"])
        assert report.is_visible() and report.get_attribute("href") == FAQ.publisher.contact.url.in_(lang)
        lines = [" ".join(line.split()) for line in end.inner_text().splitlines() if line.strip()]
        assert lines == [LABELS[lang]["download_pdf"], LABELS[lang]["report_problem"],
                         " ".join(f"{LABELS[lang]['updated']} 2020-02-14".split())]  # fmt: skip
        assert end.locator("time").get_attribute("datetime") == FAQ.document.last_updated.isoformat()
        # Nothing of the page's content comes after its end but the footer.
        assert page.evaluate("document.querySelector('article').lastElementChild.lastElementChild.matches('.faq-page-end')")
    page.close()


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_the_home_page_leads_with_the_ways_into_each_audience_then_the_key_points(browser, site_url, lang):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(url_of(site_url, lang, "index"))
    headings = page.eval_on_selector_all("article h2", "hs => hs.map(h => h.id)")
    assert headings[:2] == ["audiences", "key-points"]
    ways_in = page.eval_on_selector_all("#audiences + ul a", "links => links.map(a => a.getAttribute('href'))")
    assert ways_in[: len(FAQ.audiences)] == [f"{audience.id}/" for audience in FAQ.audiences]
    # On a phone, the first way in is on the first screen.
    assert page.locator("#audiences + ul a").first.bounding_box()["y"] < 800
    page.close()


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_the_other_language_is_a_word_at_the_top_right(browser, site_url, lang):
    other = OTHER[lang]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(url_of(site_url, lang, "municipalities"))
    toggle = page.locator("a.faq-language-toggle")
    box = toggle.bounding_box()
    assert toggle.inner_text().strip() == {"fr": "Français", "en": "English"}[other]
    assert toggle.get_attribute("lang") == other and toggle.get_attribute("hreflang") == other
    assert box["y"] < 56 and box["x"] > 375 / 2  # in the header, on the right
    page.close()


def test_a_link_to_a_page_in_the_other_language_only_says_so_in_words(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(url_of(site_url, "en", "service-providers") + "#ministry-name-change")
    link = page.locator("#ministry-name-change ~ .faq-answer a[hreflang='fr']").first
    sentence = link.evaluate("a => a.parentElement.textContent")
    assert link.is_visible() and f"{link.inner_text()} (French version)" in " ".join(sentence.split())
    page.goto(url_of(site_url, "fr", "service-providers") + "#ministry-name-change")
    assert page.locator("article a[hreflang]").count() == 0  # the French edition's own language
    page.close()


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_a_printed_page_names_the_ministry_and_the_document_and_keeps_questions_with_answers(browser, site_url, lang):
    page = browser.new_page()
    page.goto(url_of(site_url, lang, "service-providers"))
    page.emulate_media(media="print")
    heading = page.locator("article .faq-print-heading")
    assert heading.is_visible()
    assert heading.inner_text() == typeset(f"{FAQ.document.ministry.in_(lang)} — {FAQ.document.title.in_(lang)}", lang)
    style = page.evaluate("""() => {
        const answer = getComputedStyle(document.querySelector('.faq-answer p'));
        const question = getComputedStyle(document.querySelector('article h2[id]'));
        const first = getComputedStyle(document.querySelector('.faq-answer > :first-child'));
        return {size: parseFloat(answer.fontSize), after: question.breakAfter, before: first.breakBefore,
                footer: getComputedStyle(document.querySelector('.faq-footer')).display,
                report: getComputedStyle(document.querySelector('.faq-report')).display}; }""")
    assert style["size"] >= 11 * 96 / 72 - 0.01  # 11 pt, in CSS pixels
    assert style["after"] == "avoid" and style["before"] == "avoid"
    assert style["footer"] == "none" and style["report"] == "none"
    page.emulate_media(media="screen")
    assert not heading.is_visible()  # on paper only
    page.close()
