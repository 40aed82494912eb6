"""The take-away formats on the real site: the timeline as a calendar per language, parsed back
and compared with faq.yaml; the open data validated against the schema published beside it, its
addresses leading to the questions; the data package; the home page's downloads.

Each file is read as this process makes it, after checking that the site holds exactly those
bytes (helpers.made_as_published)."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import jsonschema
import pypdf
import pytest
from helpers import LANGUAGE_DIRS, ROOT, html, made_as_published, made_here

from faqgen.labels import LABELS
from faqgen.languages import typeset
from faqgen.pipeline import check
from faqgen.verify import verify_site

FAQ = check(ROOT / "faq.yaml").faq


def made(built_site, site_url: str, name: str, lang: str | None) -> bytes:
    return made_as_published(built_site, site_url, FAQ, name, lang)


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_the_site_holds_the_calendar_this_process_makes_and_the_timeline_offers_it(built_site, site_url, lang):
    assert made(built_site, site_url, "calendar", lang).startswith(b"BEGIN:VCALENDAR\r\n")
    timeline = html(built_site / LANGUAGE_DIRS[lang] / "timeline" / "index.html")
    assert timeline.select_one(f'article .faq-downloads a[href="../timeline-{lang}.ics"]')["type"] == "text/calendar"


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_the_calendar_holds_each_phase_and_dated_milestone_as_all_day_events(lang):
    calendar = icalendar.Calendar.from_ical(made_here("https://faq.example.ca/", FAQ, "calendar", lang))
    assert (str(calendar["PRODID"]), str(calendar["VERSION"])) == (f"-//faqgen//timeline//{lang.upper()}", "2.0")
    assert calendar["X-WR-CALNAME"].params["LANGUAGE"] == lang
    assert str(calendar["X-WR-CALNAME"]) == f"{typeset(FAQ.document.title.in_(lang), lang)} — {LABELS[lang]['timeline']}"
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    expected = {f"phase-{phase.id}.{lang}@www.ontario.ca" for phase in FAQ.phases}
    expected |= {f"milestone-{m.id}.{lang}@www.ontario.ca" for m in FAQ.milestones if m.date}
    assert set(events) == expected
    for phase in FAQ.phases:
        event = events[f"phase-{phase.id}.{lang}@www.ontario.ca"]
        assert event.decoded("DTSTART") == phase.start
        assert event.decoded("DTEND") == (phase.end or phase.start) + dt.timedelta(days=1)
        assert phase.name.in_(lang) in str(event["SUMMARY"]) and event["SUMMARY"].params["LANGUAGE"] == lang
        assert event["DESCRIPTION"].params["LANGUAGE"] == lang and str(event["DESCRIPTION"])
    announced = events[f"milestone-prototype-regions-announced.{lang}@www.ontario.ca"]  # known to the month
    assert (announced.decoded("DTSTART"), announced.decoded("DTEND")) == (dt.date(2019, 7, 1), dt.date(2019, 8, 1))
    assert {event.decoded("DTSTAMP") for event in events.values()} == {
        dt.datetime(2020, 2, 14, tzinfo=dt.UTC)}  # the data's date, not the clock


def test_the_open_data_is_valid_against_the_schema_beside_it_and_leads_to_the_questions(built_site, site_url):
    data = json.loads(made(built_site, site_url, "open data", None))
    schema = json.loads((built_site / data["$schema"].removeprefix(site_url)).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    questions = [question for audience in data["audiences"] for question in audience["questions"]]
    assert [q["id"] for q in questions] == [question.id for _, _, question in FAQ.questions()]
    first = questions[0]
    assert first["address"] == {"fr": f"{site_url}service-providers/#{first['id']}",
                                "en": f"{site_url}en/service-providers/#{first['id']}"}  # fmt: skip
    assert first["question"]["en"] == FAQ.audiences[0].questions[0].question.en
    assert first["answer"]["text"]["fr"].startswith("Dans les régions de modélisation")
    assert 'class="faq-timeline"' in first["answer"]["html"]["fr"]  # as published
    linked = next(q for q in questions if re.search(r"\[\[(?!timeline|regions)", FAQ_ANSWERS[q["id"]]))
    assert f'href="{site_url}' in linked["answer"]["html"]["en"]  # links made absolute
    assert {key for key in data if key != "$schema"} <= set(type(FAQ).model_fields)  # nothing faq.yaml does not hold
    assert verify_site(built_site, FAQ, "fr") == []


FAQ_ANSWERS = {question.id: question.answer.en for _, _, question in FAQ.questions()}


def test_the_data_package_describes_the_data_for_a_catalogue(built_site, site_url):
    package = json.loads(made(built_site, site_url, "data package", None))
    [resource] = package["resources"]
    assert (resource["path"], resource["schema"], resource["format"]) == ("faq.json", "faq-data.schema.json", "json")
    assert package["languages"] == ["fr", "en"] and FAQ.document.title.en in package["title"]


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_the_home_page_lists_what_readers_can_take_away(built_site, lang):
    home = html(built_site / LANGUAGE_DIRS[lang] / "index.html")
    links = [a["href"] for a in home.select("article .faq-downloads a")]
    assert links == [f"faq-{lang}.pdf", f"timeline-{lang}.ics", "faq.json" if lang == "fr" else "../faq.json"]
    assert all((built_site / LANGUAGE_DIRS[lang] / link).resolve().is_file() for link in links)


def outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        titles += outline_titles(item) if isinstance(item, list) else [item["/Title"]]
    return titles


def words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_the_complete_document_is_a_tagged_pdf_in_its_language_with_every_question_in_order(built_site, lang):
    path = built_site / LANGUAGE_DIRS[lang] / f"faq-{lang}.pdf"
    reader = pypdf.PdfReader(path)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert re.search(rb"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", root["/Metadata"].get_object().get_data())  # PDF/UA-1
    assert reader.metadata["/Title"] == typeset(FAQ.document.title.in_(lang), lang)
    assert reader.metadata["/Author"] == typeset(FAQ.document.ministry.in_(lang), lang)
    assert reader.metadata["/Subject"] == typeset(FAQ.document.subtitle.in_(lang), lang)
    assert reader.metadata["/CreationDate"].startswith("D:20200214")  # the data's date: the same bytes at every build
    assert {round(float(value)) for page in reader.pages for value in page.mediabox[2:]} == {612, 792}  # Letter
    text = words(" ".join(page.extract_text() for page in reader.pages))
    position = 0
    for _, number, question in FAQ.questions():
        start = words(f"{number}. {question.question.in_(lang)}")[:40].replace("'", "’")
        found = text.find(start, position)
        assert found > position, (question.id, start)  # every question, in order
        position = found
    titles = [words(title) for title in outline_titles(reader.outline)]
    for audience in FAQ.audiences:
        assert words(audience.title.in_(lang)) in titles
        assert all(words(f"{n}. {q.question.in_(lang)}").replace("'", "’") in titles
                   for n, q in enumerate(audience.questions, start=1))  # fmt: skip
    assert words(LABELS[lang]["timeline"]) in titles and words(LABELS[lang]["glossary"]) in titles
    title_page = words(reader.pages[0].extract_text())
    assert title_page.startswith(words(typeset(FAQ.document.ministry.in_(lang), lang)))
    assert words(typeset(FAQ.document.subtitle.in_(lang), lang)) in title_page and LABELS[lang]["key_points"] not in title_page
    assert all(words(page.extract_text()).endswith(f"{number} / {len(reader.pages)}")
               for number, page in enumerate(reader.pages, start=1))  # fmt: skip
    glossary = text[text.rindex(words(LABELS[lang]["glossary"])):]
    assert all(words(typeset(term.term.in_(lang), lang)) in glossary for term in FAQ.glossary)
    sizes: dict[float, int] = {}

    def size_of(text, matrix, text_matrix, font, font_size):
        size = round(font_size * text_matrix[0] * matrix[0], 1)
        sizes[size] = sizes.get(size, 0) + len(text.strip())

    for page in reader.pages[1:]:
        page.extract_text(visitor_text=size_of)
    assert max(sizes, key=sizes.get) == 11.0  # the body text
    fonts = {font.get_object()["/BaseFont"].split("+")[-1] for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}  # fmt: skip
    assert {font.split("-")[0] for font in fonts} == {"LibertinusSerif"}  # every character in the document's font: none fell back
    page = html(built_site / LANGUAGE_DIRS[lang] / "municipalities" / "index.html")
    assert page.select_one(f'article .faq-pdf a[href="../faq-{lang}.pdf"]') is not None  # every page links it


def test_the_plugins_as_of_date_is_the_one_date_of_the_pages_the_pdf_and_the_open_data(tmp_path):
    """`as_of:` in mkdocs.yml draws the timeline for that day everywhere (Faq.drawn_for): the
    timeline page, the PDF and the open data cannot follow another date than each other."""
    from helpers import FIXTURES, mkdocs

    from bench.harness import make_project

    project = make_project(tmp_path / "project", (FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("      source: faq.yaml\n",
                                                                      "      source: faq.yaml\n      as_of: 2020-05-01\n"),
                        encoding="utf-8")  # fmt: skip
    result = mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"), env={"FAQ_SITE_URL": "https://faq.example/"})
    assert result.returncode == 0, result.stderr
    site = project / "site"
    ui = LABELS["fr"]
    # faq.yaml's as_of (2020-02-14) has the transition upcoming; the plugin's, in progress
    statuses = [" ".join(status.get_text().split()) for status in html(site / "timeline" / "index.html").select(".faq-phase .faq-status")]
    assert statuses == [ui["completed"], ui["in-progress"]], statuses
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(site / "faq-fr.pdf").pages)
    assert f"Transition À partir du 1er avril 2020 {ui['in-progress']}" in text.replace("\u00a0", " ")
    assert f"avril 2020 {ui['upcoming']}" not in text.replace("\u00a0", " ")
    assert json.loads((site / "faq.json").read_text(encoding="utf-8"))["document"]["as_of"] == "2020-05-01"
