"""The search relevance set (tests/relevance.yaml) run in a real browser: each query typed into
a language's home page, the results read as a reader sees them. Used by the tests (on the real
FAQ) and by `make bench` (the real FAQ's questions among thousands of others)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench.harness import wait_in_page

RELEVANCE_SET = Path(__file__).resolve().parent.parent / "tests" / "relevance.yaml"


SETS = ("keywords", "sentences", "held_out")
"""The relevance sets: short queries, whole questions as the public asks them, and more such
questions held out from tuning (tests/relevance.yaml says how each was written)."""


@dataclass
class Score:
    lang: str
    kind: str  # one of SETS
    queries: int = 0
    first: int = 0
    top3: int = 0
    misses: list[str] = field(default_factory=list)  # "query → expected; got a, b, c"

    @property
    def first_share(self) -> float:
        return self.first / self.queries

    @property
    def top3_share(self) -> float:
        return self.top3 / self.queries


def relevance_set(kind: str) -> dict[str, list[dict]]:
    """One set of tests/relevance.yaml: language → its queries."""
    return yaml.safe_load(RELEVANCE_SET.read_text(encoding="utf-8"))[kind]


def expected_fragment(faq, item_id: str, page_path) -> str:
    """The href ending a result must have to be the expected question or key point:
    `page_path(name)` gives a page's folder below the site root ("", "en/municipalities/")."""
    for audience in faq.audiences:
        if any(question.id == item_id for question in audience.questions):
            return f"/{page_path(audience.id)}#{item_id}"
    if any(point.id == item_id for point in faq.key_points):
        return f"/{page_path('index')}#{item_id}"
    raise KeyError(f"tests/relevance.yaml: no question or key point has the id {item_id!r}")


def without_highlight(href: str) -> str:
    """A result's address without the words to highlight: "/municipalities/#municipalities-inside"."""
    path, _, rest = href.partition("?")
    return path + ("#" + rest.partition("#")[2] if "#" in rest else "")


def results(page, query: str) -> list[str]:
    """Type `query` into the open page's search; the results' addresses, best first."""
    field_ = page.locator("input.faq-search__input")
    field_.fill("")
    field_.fill(query)
    wait_in_page(page, "q => document.querySelector('.faq-search__results').dataset.query === q", query)
    return page.eval_on_selector_all(".faq-result__link", "links => links.map(l => l.getAttribute('href'))")


def measure(browser, home_url: dict[str, str], faq, page_path, kind: str) -> dict[str, Score]:
    """Run one whole set: `home_url[lang]` is the language's home page, `page_path(lang, name)`
    a page's folder below the site root."""
    scores = {}
    for lang, queries in relevance_set(kind).items():
        score = scores[lang] = Score(lang, kind)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(home_url[lang])
        page.click("input.faq-search__input")
        in_language = functools.partial(page_path, lang)
        for item in queries:
            expected = expected_fragment(faq, item["finds"], in_language)
            found = [without_highlight(href) for href in results(page, item["query"])]
            hits = [href.endswith(expected) for href in found[:3]]
            score.queries += 1
            score.first += bool(hits and hits[0])
            score.top3 += any(hits)
            if not any(hits) or not hits[0]:
                score.misses.append(f"{item['query']} → {expected}; got {', '.join(found[:3]) or 'nothing'}")
        page.close()
    return scores
