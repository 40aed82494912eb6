"""The built site, as a reader gets it: both language trees, every page, every question anchor,
links that resolve, a switcher that lands on the same page, no third-party requests."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import (
    LANGUAGE_DIRS,
    ROOT,
    ROOT_LANGUAGE,
    expected_addresses,
    html,
    made_as_published,
    make_project,
    microdata,
    mkdocs,
    reader_pages,
)

from faqgen import verify
from faqgen.confirm import confirm, to_confirm
from faqgen.labels import LABELS
from faqgen.languages import typeset
from faqgen.loader import load_text
from faqgen.markup import french_typography
from faqgen.pipeline import check
from faqgen.search import QUESTIONS_PER_RECORD
from faqgen.site_plan import page_names
from faqgen.verify import broken_links, read_page

FAQ = check(ROOT / "faq.yaml").faq
PAGES = page_names(FAQ)
PUBLISHER_URLS = [FAQ.publisher.url, FAQ.publisher.contact.url, *(link.url for link in FAQ.publisher.links)]
EXTERNAL_HOSTS = {urlsplit(url.in_(lang)).hostname for url in [link.url for link in FAQ.links] + PUBLISHER_URLS
                  for lang in LANGUAGE_DIRS}  # fmt: skip


def page_file(site, lang, name):
    return verify.page_file(site, lang, name, LANGUAGE_DIRS)


def all_pages(site):
    return reader_pages(site)


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_exists_in_both_languages_with_its_language(built_site, lang, name):
    page = html(page_file(built_site, lang, name))
    assert page.html["lang"] == lang
    assert page.select_one("article h1").get_text(strip=True)


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
@pytest.mark.parametrize("audience", FAQ.audiences, ids=lambda audience: audience.id)
def test_audience_page_has_one_anchor_per_question_in_order(built_site, lang, audience):
    page = html(page_file(built_site, lang, audience.id))
    question_headings = [h for h in page.select("article h2") if h.get("id") in {q.id for q in audience.questions}]
    assert [h["id"] for h in question_headings] == [q.id for q in audience.questions]
    all_ids = [element["id"] for element in page.select("[id]")]
    assert len(all_ids) == len(set(all_ids)), "an id is used twice on the page"
    for number, (heading, question) in enumerate(zip(question_headings, audience.questions, strict=True), start=1):
        expected = question.question.in_(lang)
        expected = french_typography(expected) if lang == "fr" else expected
        assert heading.get_text(strip=True) == f"{number}. {expected}"


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
@pytest.mark.parametrize("audience", FAQ.audiences, ids=lambda audience: audience.id)
def test_audience_page_lists_its_questions_once(built_site, lang, audience):
    """"On this page" is the page's one table of contents: the theme's sidebar and menu do not
    repeat it, hidden or not (issue 14: 73 KB of an 830-question page's 485 KB gzip)."""
    page = html(page_file(built_site, lang, audience.id))
    for question in audience.questions:
        assert [a.find_parent("nav")["class"] for a in page.select(f'nav a[href="#{question.id}"]')] == [["faq-on-this-page"]]
    assert page.select_one(".md-sidebar--secondary").has_attr("hidden")
    assert page.select_one("a.md-skip")["href"] == "#page-title"
    assert html(page_file(built_site, lang, "timeline")).select(".md-nav--secondary a")  # other pages keep the theme's

def test_questions_are_translated_not_copied(built_site):
    for audience in FAQ.audiences:
        french = html(page_file(built_site, "fr", audience.id)).select("article h2[id]")
        english = html(page_file(built_site, "en", audience.id)).select("article h2[id]")
        assert [h["id"] for h in french] == [h["id"] for h in english]
        for fr_heading, en_heading in zip(french, english, strict=True):
            assert fr_heading.get_text() != en_heading.get_text()


def _broken_links(site: Path) -> dict[str, list[str]]:
    """Each page's broken links (faqgen.verify.broken_links), the site being served at its root."""
    pages = [read_page(site, path) for path in all_pages(site)]
    files = {"/" + path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    by_address = {page.where: page for page in pages}
    return {page.where: broken_links(page, "/", files, by_address) for page in pages}


def test_every_internal_link_and_anchor_resolves(built_site):
    assert {where: broken for where, broken in _broken_links(built_site).items() if broken} == {}
    links = sum(len(read_page(built_site, path).links) for path in all_pages(built_site))
    assert links > 300  # the nav, tables of contents and cross-references: the check has work to do


def test_cross_references_link_to_the_question_with_its_number(built_site):
    page = html(page_file(built_site, "fr", "service-providers"))
    links = [
        a for a in page.select(".faq-answer a") if a["href"] == "#provider-inside-prototype-region"
    ]
    assert [a.get_text() for a in links] == ["question 1"] * 3
    english = html(page_file(built_site, "en", "service-providers"))
    assert "See the answer to question 1" in english.select_one("#ssm-ready-by-april-2020").find_next("p").get_text()


@pytest.mark.parametrize("lang, other", [("fr", "en"), ("en", "fr")])
@pytest.mark.parametrize("name", PAGES)
def test_language_switcher_lands_on_the_same_page(built_site, lang, other, name):
    path = page_file(built_site, lang, name)
    href = html(path).select_one(f'a.faq-language-toggle[hreflang="{other}"]')["href"]
    # The home page links from the site root (prefixed by site_url's path once it is set).
    target = ((built_site / href.lstrip("/")) if href.startswith("/") else (path.parent / href)).resolve()
    target = target / "index.html"
    assert target == page_file(built_site, other, name).resolve()


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_navigation_titles_are_in_the_page_language(built_site, lang):
    page = html(page_file(built_site, lang, "index"))
    titles = [a.get_text(strip=True) for a in page.select(".md-nav--primary > .md-nav__list > li > a")]
    expected = [(a.nav_title or a.title).in_(lang) for a in FAQ.audiences]
    assert titles[1 : 1 + len(expected)] == expected
    assert titles[0] == {"fr": "Accueil", "en": "Home"}[lang]
    assert titles[-3:] == [{"fr": "Calendrier", "en": "Timeline"}[lang], {"fr": "Quoi de neuf", "en": "What’s new"}[lang],
                           {"fr": "Glossaire", "en": "Glossary"}[lang]]  # fmt: skip


def test_no_request_to_a_third_party_host(built_site):
    for path in all_pages(built_site):
        page = html(path)
        # canonical and hreflang name the page's own addresses; browsers do not load them
        for element in page.select(
            "script[src], link[href]:not([rel=canonical], [rel=alternate]), img[src], iframe, source[src]"
        ):
            url = element.get("src") or element.get("href")
            host = urlsplit(url).hostname
            assert host is None, f"{path}: {element.name} loads {url}"
        for anchor in page.select("a[href^=http]"):
            assert urlsplit(anchor["href"]).hostname in EXTERNAL_HOSTS, f"{path}: link to {anchor['href']}"


FACTS = {
    "fr": ["370", "260 points", "156 points", "80 points", "60\u00a0%", "juillet 2019", "21 octobre 2019",
           "1er avril 2020", "1er octobre 2020", "14 février 2020", "WCG", "APM Group", "Fedcap", "Collège Fleming",
           "Peel", "Hamilton-Niagara", "Muskoka-Kawarthas", "Gestion de la chaîne d’approvisionnement Ontario",
           "Loi sur les services en français", "Ontario au travail", "POSPH", "MTFDC"],
    "en": ["370", "260 of 370 points", "156 points", "80 points", "60%", "July 2019", "October 21, 2019",
           "April 1, 2020", "October 1, 2020", "February 14, 2020", "WCG", "APM Group", "Fedcap", "Fleming College",
           "Peel", "Hamilton-Niagara", "Muskoka-Kawarthas", "Supply Chain Ontario", "French Language Services Act",
           "Ontario Works", "ODSP", "MLTSD", "Service System Manager", "prototype region", "Employment Ontario",
           "Employment and Training Consultant", "Provider Day", "Executive Council of Ontario"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_figures_dates_and_names_of_the_source_survive(built_site, lang):
    text = " ".join(html(page_file(built_site, lang, name)).select_one("article").get_text(" ") for name in PAGES)
    text = re.sub(r"[ \n]+", " ", text)
    missing = [fact for fact in FACTS[lang] if fact not in text]
    assert not missing


def test_no_pdf_artefact_in_the_pages(built_site):
    for path in all_pages(built_site):
        text = html(path).get_text(" ")
        assert "Page |" not in text
        assert "QUESTIONS ET RÉPONSES D’ORDRE GÉNÉRAL" not in text
    selection = html(page_file(built_site, "fr", "ssm-selection")).select_one("#purpose-of-competition").find_next("p")
    assert selection.get_text().startswith("Le processus concurrentiel avait pour objet")


def test_french_pages_use_french_typography(built_site):
    home = page_file(built_site, "fr", "index").read_text(encoding="utf-8")
    assert "services d’emploi\u00a0: Hamilton-Niagara" in home
    assert "'" not in html(page_file(built_site, "fr", "clients-and-communities")).select_one("article").get_text()


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_key_points_keep_their_list_structure(built_site, lang):
    home = html(page_file(built_site, lang, "index"))
    for section in FAQ.key_points:
        items = home.select_one(f"#{section.id}").find_next_sibling("ul").find_all("li", recursive=False)
        assert len(items) == len(section.points)
    regions = home.select_one("#now").find_next_sibling("ul").select("li > ul > li")
    assert [li.get_text(strip=True) for li in regions] == [
        LABELS[lang]["region_manager"]
        .format(region=r.name.in_(lang), manager=r.manager.in_(lang))
        .replace(" :", "\u00a0:")
        for r in FAQ.regions
    ]


def test_timeline_page_is_an_ordered_list_with_dates(built_site):
    for lang in LANGUAGE_DIRS:
        page = html(page_file(built_site, lang, "timeline"))
        phases = page.select("ol.faq-timeline > li")
        assert len(phases) == len(FAQ.phases)
        assert [p.select_one("time")["datetime"] for p in phases] == ["2020-01", "2020-04", "2020-10-01"]
        milestones = page.select("ol.faq-milestones > li")
        assert len(milestones) == len(FAQ.milestones)
    providers = html(page_file(built_site, "en", "service-providers"))
    assert len(providers.select("#provider-inside-prototype-region + .faq-answer ol.faq-timeline > li")) == len(FAQ.phases)


def test_search_index_has_both_languages_and_only_the_content(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # home, timeline and glossary (what's new has no change yet), each audience page's key points and its questions in parts (faqgen/search.py)
    records = 3 + sum(bool(a.key_points) + math.ceil(len(a.questions) / QUESTIONS_PER_RECORD) for a in FAQ.audiences)
    assert {lang: entry["languages"][lang]["page_count"] for lang in LANGUAGE_DIRS} == {"fr": records, "en": records}
    assert not (built_site / "search").exists()  # no lunr index downloaded with every page


def test_cross_reference_to_another_page_links_there_in_each_language(tmp_path):
    text = (ROOT / "faq.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "façon d’accéder à leurs services d’emploi et de soutien à l’emploi.",
        "façon d’accéder à leurs services d’emploi et de soutien à l’emploi. Voir la [[sites-inside-and-outside]].",
    )
    text = text.replace("how they access their employment services and employment supports.",
                        "how they access their employment services and employment supports. See [[sites-inside-and-outside]].")  # fmt: skip
    source = load_text(text)
    project = make_project(tmp_path / "project", confirm(source, to_confirm(source, {"current-model-continues"})))
    result = mkdocs(project, "build", "--strict")  # anchors are validated: a wrong link fails the build
    assert result.returncode == 0, result.stderr
    expected = {"fr": "question 10 (Fournisseurs de services)", "en": "question 10 (Service providers)"}
    for lang in LANGUAGE_DIRS:
        page = html(page_file(project / "site", lang, "clients-and-communities"))
        [link] = [a for a in page.select("article a") if a.get_text() == expected[lang]]
        assert link["href"] == "../service-providers/#sites-inside-and-outside"


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
@pytest.mark.parametrize("audience", FAQ.audiences, ids=lambda audience: audience.id)
def test_faq_structured_data_has_exactly_the_page_questions_in_its_language(built_site, lang, audience):
    page = html(page_file(built_site, lang, audience.id))
    [data] = microdata(page)  # schema.org microdata: each answer's text is in the page once
    assert data["type"] == ["https://schema.org/FAQPage"] and data["properties"]["inLanguage"] == [lang]
    assert data["properties"]["dateModified"] == [FAQ.document.last_updated.isoformat()]  # as the sitemap says
    headings = [
        h.get_text(strip=True).split(". ", 1)[1] for h in page.select("article h2[id]") if h["id"] not in ("key-points", "on-this-page")
    ]
    entries = data["properties"]["mainEntity"]
    assert [entry["type"] for entry in entries] == [["https://schema.org/Question"]] * len(headings)
    assert [entry["properties"]["name"] for entry in entries] == [[heading] for heading in headings]
    for entry in entries:
        [answer] = entry["properties"]["acceptedAnswer"]
        [text] = answer["properties"]["text"]
        assert answer["type"] == ["https://schema.org/Answer"]
        assert text and "<" not in text and "[[" not in text and "](" not in text  # plain text
    assert not page.select('script[type="application/ld+json"]')  # the answers are not repeated in the head


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_every_page_has_its_own_description_in_its_language(built_site, lang):
    descriptions = [
        html(page_file(built_site, lang, name)).select_one('meta[name="description"]')["content"] for name in PAGES
    ]
    assert len(set(descriptions)) == len(PAGES)
    other = {"fr": "Questions and answers", "en": "Questions et réponses"}[lang]
    assert not any(other.lower() in description.lower() for description in descriptions)


@pytest.mark.parametrize("lang, words", [("fr", "Date de modification\u00a0: 2020-02-14"),
                                         ("en", "Date modified: 2020-02-14")])  # fmt: skip
def test_every_page_says_when_its_content_was_last_updated(built_site, lang, words):
    for name in PAGES:
        updated = html(page_file(built_site, lang, name)).select_one("article .faq-updated")
        assert updated.get_text() == words
        assert updated.time["datetime"] == FAQ.document.last_updated.isoformat()


# Addresses for search engines and sharing: the session's site is built for its server's address.
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_every_page_names_its_canonical_address_and_no_alternate_the_theme_would_chase(built_site, site_server):
    for name in PAGES:
        expected = expected_addresses(site_server.url, name)
        for lang in LANGUAGE_DIRS:
            head = html(page_file(built_site, lang, name)).head
            assert head.select_one("link[rel=canonical]")["href"] == expected[lang]
            # mkdocs-material fetches a sitemap.xml beside every <link rel=alternate>: the
            # languages are in /sitemap.xml instead (below), and no other sitemap is needed
            assert head.select("link[rel=alternate]") == []
    assert [path.relative_to(built_site).as_posix() for path in built_site.rglob("sitemap.xml")] == ["sitemap.xml"]


def test_sitemap_lists_every_page_in_both_languages_with_alternates_and_date(built_site, site_server):
    made = made_as_published(built_site, site_server.url, FAQ, "sitemap", None)
    entries = {url.findtext("s:loc", namespaces=NS): url for url in ET.fromstring(made).iterfind("s:url", NS)}
    canonical = {html(path).select_one("link[rel=canonical]")["href"]: path for path in all_pages(built_site)
                 if path.name == "index.html"}  # fmt: skip
    assert set(entries) == set(canonical) and len(entries) == len(PAGES) * len(LANGUAGE_DIRS)
    for name in PAGES:
        expected = expected_addresses(site_server.url, name)
        for lang in LANGUAGE_DIRS:
            url = entries[expected[lang]]
            assert url.findtext("s:lastmod", namespaces=NS) == FAQ.document.last_updated.isoformat()
            alternates = {link.get("hreflang"): link.get("href") for link in url.iterfind("x:link[@rel='alternate']", NS)}
            assert alternates == {**expected, "x-default": expected[ROOT_LANGUAGE]}


def test_one_not_found_page_in_both_languages(built_site):
    page = html(built_site / "404.html")
    assert page.html["lang"] == "fr"
    # Equal rank: one heading names the page in both languages, each language's words beside the other's.
    heading = page.select_one("article h1")
    assert [(span["lang"], span.get_text()) for span in heading.select("span")] == [
        ("fr", "Page introuvable"), ("en", "Page not found")]
    assert len(page.select("article h1, article h2")) == 1
    parts = page.select("article .faq-not-found > [lang]")
    assert [part["lang"] for part in parts] == ["fr", "en"]
    assert [part.a["href"] for part in parts] == ["/", "/en/"]
    assert _broken_links(built_site)["/404.html"] == []


def test_without_a_site_address_no_canonical_hreflang_or_sitemap(tmp_path):
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"), env={"FAQ_SITE_URL": ""})
    assert result.returncode == 0, result.stderr
    assert "site_url is not set (FAQ_SITE_URL): no canonical links and no sitemap" in result.stderr
    assert not list((project / "site").rglob("sitemap.xml*"))
    head = html(project / "site" / "municipalities" / "index.html").head
    assert head.select("link[rel=canonical], link[rel=alternate]") == []


@pytest.mark.parametrize("lang, as_of", [("fr", "Situation au 14 février 2020."), ("en", "As of February 14, 2020.")])
def test_phase_statuses_carry_their_date_wherever_they_appear(built_site, lang, as_of):
    """The badges are ours, not the source's: true on a date, said beside them (content review U6)."""
    for name, where in (("timeline", "article"), ("service-providers", "#provider-inside-prototype-region ~ *")):
        page = html(page_file(built_site, lang, name))
        timeline = page.select_one(f"{where} .faq-timeline" if name == "timeline" else ".faq-timeline")
        before = timeline.find_previous_sibling("p")
        assert before is not None and " ".join(before.get_text().split()) == " ".join(as_of.split())


def test_the_content_review_is_applied(built_site):
    """A few of ../shared/reviews/content-review.md's findings, as readers see them."""
    home_fr = html(page_file(built_site, "fr", "index")).get_text()
    assert "qui fait partie d’APM Group" in home_fr  # F2
    assert "Hamilton-Niagara\u00a0: un consortium" in home_fr and "Muskoka-Kawarthas\u00a0: le Collège" in home_fr  # F1
    assert "Hamilton-Niagara region: a consortium" in html(page_file(built_site, "en", "index")).get_text()  # U1
    providers_en = html(page_file(built_site, "en", "service-providers"))
    link = providers_en.select_one("a[href*='declaration-du-premier-ministre']")
    assert link["hreflang"] == "fr" and link.next_sibling.strip().startswith("(French version)")  # E1 (A1 of the second review): said, not only in a tooltip
    timeline_fr = html(page_file(built_site, "fr", "timeline"))
    assert timeline_fr.select_one("#milestones").get_text(strip=True) == "Jalons"  # U3


def test_the_translated_edition_says_it_is_a_translation(built_site):
    """Which edition is the original is data (`document.original`), said on every page of the other."""
    assert FAQ.document.original == "fr"
    for name in PAGES:
        assert html(page_file(built_site, "fr", name)).select_one(".faq-translation-notice") is None
        notice = html(page_file(built_site, "en", name)).select_one("article .faq-translation-notice")
        if name == "glossary":  # the site's own writing in each language, not the ministry's text (A2)
            assert notice is None
            continue
        assert notice.get_text() == "This English edition is a translation of the French original."


def test_the_sites_own_writing_says_it_is_not_the_ministrys(built_site):
    """The second review (A2, Ty2): the glossary and the milestones are the project's writing."""
    for lang, words in (("fr", "ne fait pas partie du document du ministère"), ("en", "not part of the ministry’s document")):
        glossary = html(page_file(built_site, lang, "glossary")).select_one("article").get_text(" ")
        assert words in " ".join(glossary.split())
        timeline = html(page_file(built_site, lang, "timeline"))
        note = timeline.select_one("#milestones").find_next("p", string=lambda text: text and "jalons" in text.lower()
                                                            or text and "milestones" in text.lower())  # fmt: skip
        assert note is not None and ("ne font pas partie" in note.get_text() or "not part of" in note.get_text())
    byline = " ".join(html(page_file(built_site, "fr", "index")).select_one("#page-title").find_next("p").get_text().split())
    document = FAQ.document
    assert byline.startswith(" ".join(f"{typeset(document.subtitle.fr, 'fr')}. {typeset(document.ministry.fr, 'fr')}.".split()))


@pytest.mark.parametrize(
    "typed, typeset",
    [
        ("Objet : le concours", "Objet\u00a0: le concours"),  # a colon: a no-break space before it
        ("Une hausse de 5 %", "Une hausse de 5\u00a0%"),  # a per cent sign
        ("Le « modèle » actuel", "Le «\u00a0modèle\u00a0» actuel"),  # after « and before »
        ("l'emploi et aujourd'hui", "l’emploi et aujourd’hui"),  # the apostrophe between letters
        ("Voir [[first-question]] : [texte](https://example.org/a :b)", "Voir [[first-question]]\u00a0: [texte](https://example.org/a :b)"),
        ("« Déjà »", "«\u00a0Déjà\u00a0»"),
    ],
)  # fmt: skip
def test_each_french_typography_rule(typed, typeset):
    """faqgen/markup.py's rules, one by one, and what they leave alone (link addresses)."""
    assert french_typography(typed) == typeset


def test_the_site_publishes_only_what_its_pages_request(built_site):
    """The theme's own search (lunr and its worker), source maps and Pagefind's ready-made
    interfaces are left out (safety.UNREQUESTED_FILES); what remains is what pages use."""
    from faqgen.safety import unrequested_file

    published = [path.relative_to(built_site).as_posix() for path in built_site.rglob("*")
                 if path.is_file() and path.relative_to(built_site).parts[0] != "admin"]  # the editors' page: tests/test_admin.py
    assert [path for path in published if unrequested_file(path)] == []
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    assert {"pagefind/pagefind.js", "pagefind/pagefind-worker.js", "assets/faq-search.js"} <= set(published)
    assert sum((built_site / path).stat().st_size for path in published) < 2.5 * 2**20  # was 4.2 MB with them
