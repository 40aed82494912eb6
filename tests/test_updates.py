"""What changed, for readers (faqgen/updates.py, faqgen/feeds.py): each question's date modified
and "Updated" mark around the window's edges, the "What's new" page in both languages, the
Atom feeds read as feed readers read them (feedparser) and against RFC 4287's required
elements, stable and reproducible, announced in every page's head; and none of it without a
site address. Validation messages are in tests/fixtures/bad/update-*.yaml."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest
from helpers import (
    FIXTURES,
    LANGUAGE_DIRS,
    ROOT_LANGUAGE,
    html,
    made_as_published,
    made_here,
    make_project,
    mkdocs,
    reader_pages,
    snapshot,
)

from faqgen.feeds import ATOM_NS
from faqgen.loader import load_text
from faqgen.render import render_site
from faqgen.validate import validate
from faqgen.verify import verify_site

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
UPDATES = """updates:
  - id: dates-confirmed
    date: 2020-03-01
    summary: {fr: Les dates de la planification sont confirmées., en: The planning dates are confirmed.}
    touched: [planning, second-question]
  - id: first-clarified
    date: 2020-04-10
    summary: {fr: La première réponse est précisée., en: The first answer is clarified.}
    touched: [first-question, now]
"""
SITE_URL = "https://faq.example/"


def faq_text(as_of: str = "2020-04-15") -> str:
    return MINIMAL.replace("  as_of: 2020-02-14\n", f"  as_of: {as_of}\n", 1) + UPDATES


def audience_page(as_of: dt.date, lang: str = "en") -> str:
    faq = validate(load_text(faq_text())).faq
    return next(page.text for page in render_site(faq.drawn_for(as_of)) if page.name == "providers" and page.lang == lang)


@pytest.mark.parametrize(
    "as_of, marked",
    [
        ("2020-04-10", ["first-question"]),  # the update's own day
        ("2020-04-09", []),  # before it: the update is not published yet
        ("2020-05-10", ["first-question"]),  # 30 days after: still recent
        ("2020-05-11", []),  # 31 days after: no longer
        ("2020-03-31", ["second-question"]),  # 30 days after the first update
    ],
)
def test_a_question_is_marked_updated_within_the_window_before_the_as_of_date(as_of, marked):
    text = audience_page(dt.date.fromisoformat(as_of))
    headings = [line for line in text.splitlines() if line.startswith("## ") and "{: #" in line]
    found = [line.rsplit("{: #", 1)[1].rstrip(" }") for line in headings if "faq-updated-mark" in line]
    assert found == marked


def test_each_question_shows_the_date_of_its_latest_update_else_the_publication_date():
    text = audience_page(dt.date(2020, 4, 15), "fr")
    assert '<span class="faq-modified">Modifiée le <time datetime="2020-04-10">10 avril 2020</time></span>' in text
    assert '<span class="faq-modified">Modifiée le <time datetime="2020-03-01">1er mars 2020</time></span>' in text
    english = validate(load_text(MINIMAL)).faq
    page = next(p.text for p in render_site(english) if p.name == "providers" and p.lang == "en")
    assert page.count('<time datetime="2020-02-14">February 14, 2020</time>') == 2  # no updates: published


@pytest.fixture(scope="module")
def updated_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("updates"), faq_text())
    result = mkdocs(project, "build", "--strict", env={"FAQ_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize(
    "lang, folder, months, intro",
    [("fr", "", ["Avril 2020", "Mars 2020"], "du plus récent au plus ancien"), ("en", "en/", ["April 2020", "March 2020"], "newest first")],
)  # fmt: skip
def test_whats_new_lists_the_updates_newest_first_by_month_with_links_to_what_they_touched(
    updated_site, lang, folder, months, intro
):
    site = updated_site / "site"
    page = html(site / folder / "whats-new" / "index.html")
    assert [h2.get_text(strip=True) for h2 in page.select("article h2")] == months
    assert intro in page.select_one("article h1 + p").get_text()
    updates = page.select("article section.faq-update")
    assert [section["id"] for section in updates] == ["update-first-clarified", "update-dates-confirmed"]
    links = [a["href"] for a in updates[0].select("a")]
    assert links == ["../providers/#first-question", "../#now"]
    assert [a["href"] for a in updates[1].select("a")] == ["../timeline/#phases", "../providers/#second-question"]
    assert page.select_one("article .faq-updated time")["datetime"] == "2020-04-10"  # the page's latest
    home = html(site / folder / "index.html")
    assert home.select_one('article a[href="whats-new/"]') is not None
    recent = [a["href"] for a in home.select("#recently-updated + ul a")]
    assert recent == ["providers/#first-question"]  # 5 days before as_of; the other is 45 days old


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_feed_is_what_feed_readers_are_given(lang):
    """tests/fixtures/feeds/: the whole feed of faq_text(), as feed readers read it (ids that never
    change, dates, links with their languages, the summary as text and the content as escaped
    HTML): a change to it is a change for every subscriber, made on purpose."""
    feed = made_here(SITE_URL, validate(load_text(faq_text())).faq, "feed", lang)
    assert feed == (FIXTURES / "feeds" / f"feed-{lang}.xml").read_bytes()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_feed_is_valid_atom_in_its_language_and_links_to_the_questions(lang):
    feed = made_here(SITE_URL, validate(load_text(faq_text())).faq, "feed", lang)
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.language == lang
    assert parsed.feed.id == f"{SITE_URL}{'' if lang == ROOT_LANGUAGE else lang + '/'}whats-new/"
    assert parsed.feed.updated == "2020-04-10T00:00:00Z" and parsed.feed.author
    assert [entry.id for entry in parsed.entries] == [f"{parsed.feed.id}#update-first-clarified",
                                                      f"{parsed.feed.id}#update-dates-confirmed"]  # fmt: skip
    first = parsed.entries[0]
    assert first.title == {"fr": "La première réponse est précisée.", "en": "The first answer is clarified."}[lang]
    assert first.updated == "2020-04-10T00:00:00Z"
    related = [link.href for link in first.links if link.rel == "related"]
    assert related == [f"{SITE_URL}{'' if lang == 'fr' else 'en/'}providers/#first-question",
                       f"{SITE_URL}{'' if lang == 'fr' else 'en/'}#now"]  # fmt: skip
    # RFC 4287 4.1.1-4.1.2: the feed has id, title, updated and an author; each entry id, title, updated.
    root = ET.fromstring(feed)
    atom = f"{{{ATOM_NS}}}"
    assert all(root.find(atom + tag) is not None for tag in ("id", "title", "updated", "author"))
    assert root.find(f"{atom}link[@rel='self']").get("href") == f"{SITE_URL}feed-{lang}.xml"
    for entry in root.iter(atom + "entry"):
        assert all(entry.find(atom + tag) is not None for tag in ("id", "title", "updated"))
        assert entry.find(f"{atom}link[@rel='alternate']") is not None or entry.find(atom + "content") is not None


def test_every_page_announces_its_language_feed_in_its_head(updated_site):
    site = updated_site / "site"
    for lang in LANGUAGE_DIRS:  # each feed as this process makes it (tested above)
        made_as_published(site, SITE_URL, validate(load_text(faq_text())).faq, "feed", lang)
    for path in reader_pages(site, "index.html"):
        lang = "en" if path.relative_to(site).parts[0] == "en" else "fr"
        links = html(path).select('head link[rel="alternate"][type="application/atom+xml"]')
        assert [(link["hreflang"], link["href"]) for link in links] == [(lang, f"{SITE_URL}feed-{lang}.xml")], path


def test_feeds_and_pages_are_the_same_at_every_build_and_verified(updated_site, tmp_path):
    first = snapshot(updated_site / "site")
    again = mkdocs(updated_site, "build", "--strict", "--site-dir", str(tmp_path / "again"),
                   env={"FAQ_SITE_URL": SITE_URL})  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert snapshot(tmp_path / "again") == first  # byte for byte: dates come from faq.yaml, not the clock
    faq = validate(load_text(faq_text())).faq
    assert verify_site(tmp_path / "again", faq, ROOT_LANGUAGE) == []
    feed = tmp_path / "again" / "feed-en.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace("#first-question", "#no-such-question"), encoding="utf-8")
    assert verify_site(tmp_path / "again", faq, ROOT_LANGUAGE) == [
        f"/feed-en.xml: {SITE_URL}en/providers/#no-such-question has no anchor #no-such-question to land on"
    ]


def test_without_a_site_address_there_is_no_feed_and_the_build_says_so(tmp_path):
    project = make_project(tmp_path / "project", faq_text())
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "no Atom feed of the updates" in result.stderr
    assert not list((project / "site").glob("feed-*.xml"))
    assert html(project / "site" / "en" / "index.html").select('link[type="application/atom+xml"]') == []
    assert (project / "site" / "en" / "whats-new" / "index.html").is_file()  # the page needs no address


def test_before_the_first_update_readers_can_already_subscribe(tmp_path):
    """A FAQ with no update yet (as the real one was published): its "What's new" page and feeds
    exist all the same, so that the first update reaches the readers who subscribed."""
    project = make_project(tmp_path / "project", (FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    result = mkdocs(project, "build", "--strict", env={"FAQ_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for lang, folder in (("fr", ""), ("en", "en/")):
        page = html(site / folder / "whats-new" / "index.html")
        expected = {"fr": "Aucun changement depuis la publication, le 14 février 2020.",  # spaces folded
                    "en": "No change since publication on February 14, 2020."}[lang]  # fmt: skip
        assert expected in " ".join(page.select_one("article").get_text(" ").split())
        home = html(site / folder / "index.html")
        assert home.select_one('article a[href="whats-new/"]') is not None  # announced on the home page
        parsed = feedparser.parse((site / f"feed-{lang}.xml").read_bytes())
        assert not parsed.bozo and parsed.entries == []
        assert parsed.feed.updated.startswith("2020-02-14")
        assert parsed.feed.link == f"{SITE_URL}{folder}whats-new/"


def test_a_french_feed_is_set_in_french_typography_as_the_pages_are():
    text = (faq_text().replace("  title: {fr: Titre, en: Title}", "  title: {fr: 'Titre : sous-titre', en: 'Title: subtitle'}")
            .replace("  ministry: {fr: Ministère, en: Ministry}", "  ministry: {fr: 'Ministère : Ici', en: Ministry}")
            .replace("{fr: La première réponse est précisée., en:", "{fr: 'La première réponse : précisée.', en:"))  # fmt: skip
    root = ET.fromstring(made_here(SITE_URL, validate(load_text(text)).faq, "feed", "fr"))
    atom = f"{{{ATOM_NS}}}"
    assert root.findtext(atom + "title") == "Titre\u00a0: sous-titre — Quoi de neuf"
    assert root.findtext(f"{atom}author/{atom}name") == "Ministère\u00a0: Ici"
    assert root.find(atom + "entry").findtext(atom + "title") == "La première réponse\u00a0: précisée."


def test_a_feed_link_to_no_page_or_to_an_anchor_the_page_lacks_is_named():
    from faqgen.feeds import link_problems
    from faqgen.formats import BuiltSite

    feed = made_here(SITE_URL, validate(load_text(faq_text())).faq, "feed", "en")
    pages = {f"{SITE_URL}en/whats-new/": {"update-first-clarified", "update-dates-confirmed"},
             f"{SITE_URL}en/providers/": {"first-question", "second-question"}, f"{SITE_URL}en/": {"now"},
             f"{SITE_URL}en/timeline/": set()}  # fmt: skip
    site = BuiltSite(pages.get, lambda path: None)
    damaged = feed.replace(f'href="{SITE_URL}en/providers/#first-question"'.encode(), b"", 1)
    assert link_problems(damaged, "en", site) == [
        " is not a page of this site", f"{SITE_URL}en/timeline/#phases has no anchor #phases to land on"]  # fmt: skip
