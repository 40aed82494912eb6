"""Open data (faqgen/opendata.py) as this process makes it, compared with faq.yaml field by field:
faq.json, its schema (a published contract) and the data package. The published site holds the
same bytes (tests/test_takeaway.py); here nothing needs a site, so `make mutate` sees every field."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from helpers import FIXTURES, LANGUAGE_DIRS, ROOT, ROOT_LANGUAGE, expected_addresses
from selectolax.lexbor import LexborHTMLParser

from faqgen.addresses import Addresses
from faqgen.loader import load_text
from faqgen.opendata import data_package, data_schema, open_data, write_json
from faqgen.validate import validate

SITE = "https://faq.example.ca/ssm/"
# The real FAQ, updated once (it has no update yet): every kind of field faq.json carries.
UPDATED = (ROOT / "faq.yaml").read_text(encoding="utf-8").replace(
    "  as_of: 2020-02-14\n", "  updated: 2020-03-02\n  as_of: 2020-03-02\n", 1
) + """
updates:
  - id: funding-clarified
    date: 2020-03-02
    summary:
      fr: La réponse sur le financement est précisée.
      en: The answer on funding is clarified.
    touched: [funding-per-client]
"""
FAQ = validate(load_text(UPDATED)).faq
FAQ_ANSWERS = {question.id: question.answer.en for _, _, question in FAQ.questions()}


def both(translation) -> dict | None:
    return None if translation is None else {"fr": translation.fr, "en": translation.en}


def address(name: str, anchor: str = "", site: str | None = SITE) -> dict:
    return {lang: url + (f"#{anchor}" if anchor else "") for lang, url in expected_addresses(site or "/", name).items()}


def plain(html: str) -> str:
    """The words of `html` as a reader reads them: an element's words against the punctuation after it."""
    words = " ".join(LexborHTMLParser(f"<div>{html}</div>").css_first("div").text(separator="").split())
    assert not re.search(r" [.,;)]", words), words  # "the Act , R.S.O." is not how it reads
    return words


def test_faq_json_holds_every_text_of_faq_yaml_with_the_address_where_it_is_read():
    data = open_data(FAQ, Addresses(SITE, LANGUAGE_DIRS, ROOT_LANGUAGE))
    assert list(data) == ["$schema", "document", "key_points", "audiences", "phases", "milestones", "regions", "links",
                          "glossary", "updates"]  # fmt: skip
    assert data["$schema"] == SITE + "faq-data.schema.json"
    document = FAQ.document
    assert data["document"] == {"title": both(document.title), "subtitle": both(document.subtitle),
                                "ministry": both(document.ministry), "published": "2020-02-14", "updated": "2020-03-02",
                                "as_of": "2020-03-02", "original": "fr", "address": address("index")}  # fmt: skip
    assert [(s["id"], s["title"], len(s["points"])) for s in data["key_points"]] == [
        (section.id, both(section.title), len(section.points)) for section in FAQ.key_points]
    assert [a["id"] for a in data["audiences"]] == [audience.id for audience in FAQ.audiences]
    for made, audience in zip(data["audiences"], FAQ.audiences, strict=True):
        assert (made["title"], made["address"]) == (both(audience.title), address(audience.id))
        assert len(made["key_points"]) == len(audience.key_points)
        for number, (question, source) in enumerate(zip(made["questions"], audience.questions, strict=True), start=1):
            assert {key: value for key, value in question.items() if key != "answer"} == {
                "id": source.id, "number": number, "anchor": source.id, "address": address(audience.id, source.id),
                "question": both(source.question)}  # fmt: skip
            for lang in LANGUAGE_DIRS:
                html = question["answer"]["html"][lang]
                assert question["answer"]["text"][lang] == plain(html.replace("\u00a0", "&nbsp;")) != ""
                assert "&nbsp;" not in html  # the character itself, as in faq.yaml
                # Links as published, made absolute: to the page's own address or elsewhere.
                assert all(href.startswith(("https://", "mailto:")) for href in re.findall(r'href="([^"]*)"', html))
    answers = {q["id"]: q["answer"]["text"] for a in data["audiences"] for q in a["questions"]}
    assert "the *French Language Services Act*, R.S.O. 1990" in FAQ_ANSWERS["francophones"]  # the text as written…
    assert "the French Language Services Act, R.S.O. 1990, will be met" in answers["francophones"]["en"]  # …as read
    first = data["audiences"][0]["questions"][0]["answer"]
    assert first["text"]["fr"].startswith("Dans les régions de modélisation, le ministère a adopté")
    # A link to another question, as its page has it (relative), made absolute: its own address.
    pages = {question.id: audience.id for audience in FAQ.audiences for question in audience.questions}
    made_answers = {q["id"]: q["answer"]["html"]["en"] for a in data["audiences"] for q in a["questions"]}
    source, target = next((q.id, link) for _, _, q in FAQ.questions()
                          for link in re.findall(r"\[\[([a-z0-9-]+)\]\]", q.answer.en) if link in pages)  # fmt: skip
    numbers = {question.id: n for audience in FAQ.audiences for n, question in enumerate(audience.questions, start=1)}
    assert pages[source] == pages[target]  # on the same page, the link's words do not name the page
    assert f'<a href="{SITE}en/{pages[target]}/#{target}">question {numbers[target]}</a>' in made_answers[source]
    assert data["phases"] == [
        {"id": phase.id, "number": phase.number, "name": both(phase.name), "start": phase.start.isoformat(),
         "end": phase.end.isoformat() if phase.end else None, "description": data["phases"][index]["description"]}
        for index, phase in enumerate(FAQ.phases)]  # fmt: skip
    assert data["phases"][-1]["end"] is None and data["phases"][0]["end"] == "2020-03-31"
    assert [phase["description"]["text"]["en"] for phase in data["phases"]] == [
        plain(phase["description"]["html"]["en"]) for phase in data["phases"]]
    milestones = {m["id"]: m for m in data["milestones"]}
    assert list(milestones) == [milestone.id for milestone in FAQ.milestones]
    for source in FAQ.milestones:
        made = milestones[source.id]
        assert (made["date"], made["precision"], made["when"], made["phase"]) == (
            source.date.isoformat() if source.date else None, source.precision, both(source.when), source.phase)
        assert made["label"]["text"]["fr"] == plain(made["label"]["html"]["fr"]) != ""
    assert milestones["prototype-regions-announced"]["precision"] == "month"
    assert milestones["province-wide-rollout"]["date"] is None and milestones["province-wide-rollout"]["when"]
    assert data["regions"] == [{"id": r.id, "name": both(r.name), "manager": both(r.manager)} for r in FAQ.regions]
    assert data["links"] == [{"id": link.id, "title": both(link.title), "url": both(link.url), "only_in": link.only_in}
                             for link in FAQ.links]  # fmt: skip
    assert data["glossary"] == [{"id": term.id, "abbreviation": both(term.abbreviation), "term": both(term.term),
                                 "definition": both(term.definition)} for term in FAQ.glossary]  # fmt: skip
    assert data["updates"] == [{"id": "funding-clarified", "date": "2020-03-02", "touched": ["funding-per-client"],
                                "summary": {"fr": "La réponse sur le financement est précisée.",
                                            "en": "The answer on funding is clarified."}}]  # fmt: skip
    jsonschema.Draft202012Validator(data_schema(), format_checker=jsonschema.FormatChecker()).validate(data)


def test_without_the_sites_address_faq_json_gives_addresses_from_the_sites_root():
    data = open_data(FAQ, Addresses(None, LANGUAGE_DIRS, ROOT_LANGUAGE))
    assert data["$schema"] == "/faq-data.schema.json"
    assert data["document"]["address"] == {"fr": "/", "en": "/en/"}
    assert data["audiences"][0]["questions"][0]["address"] == address("service-providers", "provider-inside-prototype-region", None)


def test_the_schema_is_the_published_contract_and_refuses_what_faq_json_never_holds():
    """tests/fixtures/opendata/faq-data.schema.json is the schema consumers of the open data read:
    a change to it is a change for each of them, made on purpose (write the file anew with it)."""
    published = (FIXTURES / "opendata" / "faq-data.schema.json").read_bytes()
    assert write_json(data_schema()) == published
    validator = jsonschema.Draft202012Validator(data_schema(), format_checker=jsonschema.FormatChecker())
    made = write_json(open_data(FAQ, Addresses(SITE, LANGUAGE_DIRS, ROOT_LANGUAGE)))
    assert validator.is_valid(json.loads(made))

    def question(data: dict) -> dict:
        return data["audiences"][0]["questions"][0]

    for damage in [
        lambda data: question(data)["question"].pop("en"),  # a language missing
        lambda data: question(data)["question"].update(en=""),  # an empty text
        lambda data: question(data)["question"].update(de="Frage"),  # a third language
        lambda data: question(data).update(number=0),
        lambda data: question(data).update(extra=1),  # anything faq.yaml does not hold
        lambda data: question(data)["answer"].pop("html"),
        lambda data: data["phases"][0].update(start="14 février 2020"),
        lambda data: data["milestones"][0].update(precision="year"),
        lambda data: data["document"].update(original="de"),
        lambda data: data["links"][0].update(only_in="de"),
        lambda data: data["glossary"][0].update(definition=""),
        lambda data: data.pop("updates"),
    ]:
        data = json.loads(made)
        damage(data)
        assert not validator.is_valid(data)


def test_the_data_package_describes_faq_json_for_a_catalogue():
    assert data_package(FAQ, Addresses(SITE, LANGUAGE_DIRS, ROOT_LANGUAGE)) == {
        "name": "faq",
        "title": f"{FAQ.document.title.en} / {FAQ.document.title.fr}",
        "description": f"{FAQ.document.subtitle.en} — {FAQ.document.ministry.en}. / "
                       f"{FAQ.document.subtitle.fr} — {FAQ.document.ministry.fr}.",
        "languages": ["fr", "en"],
        "created": "2020-02-14",
        "homepage": SITE,
        "resources": [{"name": "faq", "path": "faq.json", "format": "json", "mediatype": "application/json",
                       "encoding": "utf-8", "schema": "faq-data.schema.json",
                       "description": "Every question and answer, key point, phase, milestone, region and update, "
                                      "in French and English."}],
    }  # fmt: skip
    assert "homepage" not in data_package(FAQ, Addresses(None, LANGUAGE_DIRS, ROOT_LANGUAGE))


@pytest.mark.parametrize("value", [{"é": ["à", 1, None, {"ü": True}]}, {"items": [{"n": n, "s": "x" * n} for n in range(3000)]}])
def test_json_is_written_indented_in_utf_8_with_a_final_line_end(value):
    assert write_json(value) == (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def test_texts_parsed_a_few_at_a_time_are_filled_as_when_parsed_at_once(monkeypatch):
    """_AsPublished parses rich texts a thousand at a time (memory at 5,000 questions): a run cut
    into many small batches gives the same faq.json."""
    addresses = Addresses(SITE, LANGUAGE_DIRS, ROOT_LANGUAGE)
    at_once = write_json(open_data(FAQ, addresses))
    monkeypatch.setattr("faqgen.opendata._AsPublished.AT_ONCE", 7)
    assert write_json(open_data(FAQ, addresses)) == at_once


def test_an_abbreviation_is_written_out_where_its_page_first_uses_it_as_the_page_does():
    """faq.json's texts are the pages' texts: an abbreviation written out at its first use on each
    page (the timeline's phases before its milestones; an audience's key points before its answers)."""
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    faq = validate(load_text(
        minimal.replace("description: {fr: Description., en: Description.}", "description: {fr: Le GSS travaille., en: The SSM works.}")
        .replace("label: {fr: Début, en: Start}", "label: {fr: Le GSS commence, en: The SSM starts}")
        .replace("    title: {fr: Fournisseurs, en: Providers}\n",
                 "    title: {fr: Fournisseurs, en: Providers}\n    key_points:\n      - {fr: Le GSS est là., en: The SSM is here.}\n")
        .replace("          fr: Réponse.\n          en: Answer.\n", "          fr: Le GSS répond.\n          en: The SSM answers.\n")
        + "glossary:\n  - id: ssm\n    abbreviation: {fr: GSS, en: SSM}\n"
          "    term: {fr: gestionnaire de système de services, en: Service System Manager}\n")).faq  # fmt: skip
    data = open_data(faq, Addresses(SITE, LANGUAGE_DIRS, ROOT_LANGUAGE))
    audience = data["audiences"][0]
    assert [text["text"]["en"] for text in [*(p["description"] for p in data["phases"]), data["milestones"][0]["label"],
                                            *audience["key_points"], audience["questions"][1]["answer"]]] == [
        "The Service System Manager (SSM) works.", "The SSM works.", "The SSM starts",
        "The Service System Manager (SSM) is here.", "The SSM answers."]  # fmt: skip
