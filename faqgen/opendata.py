"""Open data: the whole FAQ as published, both languages, as `/faq.json`, with the JSON Schema
that describes it (`/faq-data.schema.json`, named by `$schema`) and a Frictionless data
package descriptor (`/datapackage.json`) so an open data catalogue can list it.

Only what faq.yaml holds, plus what publishing adds to it and readers see: each question's
anchor and page address, and each rich text both as its HTML (links as on the pages, made
absolute, or site-root-relative without a site address; `[[timeline]]` and `[[regions]]`
blocks as the pages show them) and as plain text.
"""

from __future__ import annotations

import io
import itertools
import json
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from .addresses import Addresses
from .formats import Format
from .languages import LANGUAGES
from .model import Faq, RichText, Translation
from .render import published_html
from .rich_text import RichTextRenderer
from .site_plan import HOME, TIMELINE

DATA_FILE = "faq.json"
SCHEMA_FILE = "faq-data.schema.json"
PACKAGE_FILE = "datapackage.json"


def _address(addresses: Addresses, lang: str, name: str, anchor: str = "") -> str:
    base = addresses.url(lang, name) if addresses.site_url else "/" + addresses.path(lang, name)
    return base + (f"#{anchor}" if anchor else "")


def open_data(faq: Faq, addresses: Addresses, texts: RichTextRenderer | None = None) -> dict:
    """faq.json's content; `texts`: the build's converted rich texts, if at hand."""
    render = published_html(faq, texts)
    as_published = _AsPublished()

    def both(translation: Translation | None) -> dict | None:
        return None if translation is None else {lang: translation.in_(lang) for lang in LANGUAGES}

    def rich(text: RichText, page: str) -> dict:
        made = {"text": {}, "html": {}}
        for lang in LANGUAGES:
            as_published.add(render(text, lang, page), _address(addresses, lang, page), made, lang)
        return made

    data = {
        "$schema": (addresses.site_url or "/") + SCHEMA_FILE,
        "document": {key: value for key, value in {
            "title": both(faq.document.title), "subtitle": both(faq.document.subtitle),
            "ministry": both(faq.document.ministry), "published": faq.document.published.isoformat(),
            "updated": faq.document.updated.isoformat() if faq.document.updated else None,
            "as_of": faq.document.as_of.isoformat(), "original": faq.document.original,
            "address": {lang: _address(addresses, lang, HOME) for lang in LANGUAGES},
        }.items() if value is not None},  # fmt: skip
        "key_points": [
            {"id": section.id, "title": both(section.title), "points": [rich(point, HOME) for point in section.points]}
            for section in faq.key_points
        ],
        "audiences": [
            {
                "id": audience.id,
                "title": both(audience.title),
                "address": {lang: _address(addresses, lang, audience.id) for lang in LANGUAGES},
                "key_points": [rich(point, audience.id) for point in audience.key_points],
                "questions": [
                    {
                        "id": question.id,
                        "number": number,
                        "anchor": question.id,
                        "address": {lang: _address(addresses, lang, audience.id, question.id) for lang in LANGUAGES},
                        "question": both(question.question),
                        "answer": rich(question.answer, audience.id),
                    }
                    for number, question in enumerate(audience.questions, start=1)
                ],
            }
            for audience in faq.audiences
        ],
        "phases": [
            {"id": phase.id, "number": phase.number, "name": both(phase.name), "start": phase.start.isoformat(),
             "end": phase.end.isoformat() if phase.end else None, "description": rich(phase.description, TIMELINE)}
            for phase in faq.phases
        ],  # fmt: skip
        "milestones": [
            {"id": milestone.id, "date": milestone.date.isoformat() if milestone.date else None,
             "precision": milestone.precision, "when": both(milestone.when), "label": rich(milestone.label, TIMELINE),
             "phase": milestone.phase}
            for milestone in faq.milestones
        ],  # fmt: skip
        "regions": [{"id": region.id, "name": both(region.name), "manager": both(region.manager)} for region in faq.regions],
        "links": [{"id": link.id, "title": both(link.title), "url": both(link.url), "only_in": link.only_in}
                  for link in faq.links],  # fmt: skip
        "glossary": [{"id": term.id, "abbreviation": both(term.abbreviation), "term": both(term.term),
                      "definition": both(term.definition)} for term in faq.glossary],  # fmt: skip
        "updates": [{"id": update.id, "date": update.date.isoformat(), "summary": both(update.summary),
                     "touched": list(update.touched)} for update in faq.updates],  # fmt: skip
    }
    as_published.finish()
    return data


class _AsPublished:
    """Rich texts' HTML as published and their plain text, filled into their places once every
    one is known: one parse for many (a parse of each, 20,000 at 5,000 questions, was most of the
    open data's time; of all at once, a tree of hundreds of megabytes). Each text is a `<div>` of
    its own in that document; what they hold is faqgen's converted and checked HTML, whose
    elements all end where they start."""

    AT_ONCE = 1000

    def __init__(self):
        self.htmls: list[str] = []
        self.places: list[tuple[str, dict, str]] = []  # (its page's address, where it goes, language)

    def add(self, html: str, address: str, made: dict, lang: str) -> None:
        self.htmls.append(html)
        self.places.append((address, made, lang))

    def finish(self) -> None:
        for start in range(0, len(self.htmls), self.AT_ONCE):
            self._fill(self.htmls[start : start + self.AT_ONCE], self.places[start : start + self.AT_ONCE])

    @staticmethod
    def _fill(htmls: list[str], places: list[tuple[str, dict, str]]) -> None:
        tree = LexborHTMLParser("".join(f"<div>{html}</div>" for html in htmls))
        texts = [] if tree.body is None else list(tree.body.iter())
        number = {text.mem_id: index for index, text in enumerate(texts)}
        for link in tree.css("a[href]"):  # as published: relative to the page → the page's address
            wrapper = link
            while wrapper.parent is not None and wrapper.parent.tag != "body":
                wrapper = wrapper.parent
            link.attrs["href"] = urljoin(places[number[wrapper.mem_id]][0], link.attributes["href"])
        for text, (_, made, lang) in zip(texts, places, strict=True):
            made["html"][lang] = text.inner_html.replace("&nbsp;", "\u00a0")
            # The words as they read: text nodes joined as they are (a separator would put a space
            # between a link's words and the comma after it); blocks are apart by their line ends.
            made["text"][lang] = " ".join(text.text(separator="").split())


def _translation() -> dict:
    return {"type": "object", "required": list(LANGUAGES), "additionalProperties": False,
            "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES}}  # fmt: skip


def data_schema() -> dict:
    """The JSON Schema (2020-12) of faq.json."""
    string = {"type": "string"}
    date = {"type": "string", "format": "date"}
    rich = {"type": "object", "required": ["text", "html"], "additionalProperties": False,
            "properties": {"text": {"$ref": "#/$defs/translation"}, "html": {"$ref": "#/$defs/translation"}}}  # fmt: skip
    optional_translation = {"anyOf": [{"$ref": "#/$defs/translation"}, {"type": "null"}]}

    def obj(required: dict, optional: dict | None = None) -> dict:
        return {"type": "object", "required": list(required), "additionalProperties": False,
                "properties": {**required, **(optional or {})}}  # fmt: skip

    def array(items: dict) -> dict:
        return {"type": "array", "items": items}

    t = {"$ref": "#/$defs/translation"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILE,
        "title": "A bilingual FAQ, as published",
        "description": "Questions and answers in French and English, with their pages' addresses (faqgen).",
        "$defs": {"translation": _translation(), "rich": rich},
        **obj({
            "$schema": string,
            "document": obj({"title": t, "subtitle": t, "ministry": t, "published": date, "as_of": date, "address": t},
                            {"updated": date, "original": {"enum": list(LANGUAGES)}}),
            "key_points": array(obj({"id": string, "title": t, "points": array({"$ref": "#/$defs/rich"})})),
            "audiences": array(obj({
                "id": string, "title": t, "address": t, "key_points": array({"$ref": "#/$defs/rich"}),
                "questions": array(obj({"id": string, "number": {"type": "integer", "minimum": 1}, "anchor": string,
                                        "address": t, "question": t, "answer": {"$ref": "#/$defs/rich"}})),
            })),
            "phases": array(obj({"id": string, "number": {"type": "integer"}, "name": t, "start": date,
                                 "end": {"anyOf": [date, {"type": "null"}]}, "description": {"$ref": "#/$defs/rich"}})),
            "milestones": array(obj({"id": string, "date": {"anyOf": [date, {"type": "null"}]},
                                     "precision": {"enum": ["day", "month"]}, "when": optional_translation,
                                     "label": {"$ref": "#/$defs/rich"}, "phase": {"type": ["string", "null"]}})),
            "regions": array(obj({"id": string, "name": t, "manager": t})),
            "links": array(obj({"id": string, "title": t, "url": t, "only_in": {"enum": [*LANGUAGES, None]}})),
            "glossary": array(obj({"id": string, "abbreviation": t, "term": t, "definition": optional_translation})),
            "updates": array(obj({"id": string, "date": date, "summary": t, "touched": array(string)})),
        }),
    }  # fmt: skip


def data_package(faq: Faq, addresses: Addresses) -> dict:
    """The Frictionless data package descriptor of faq.json."""
    title = f"{faq.document.title.en} / {faq.document.title.fr}"
    return {
        "name": "faq",
        "title": title,
        "description": f"{faq.document.subtitle.en} — {faq.document.ministry.en}. / "
                       f"{faq.document.subtitle.fr} — {faq.document.ministry.fr}.",
        "languages": list(LANGUAGES),
        "created": faq.document.published.isoformat(),
        **({"homepage": addresses.site_url} if addresses.site_url else {}),
        "resources": [{
            "name": "faq",
            "path": DATA_FILE,
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "schema": SCHEMA_FILE,
            "description": "Every question and answer, key point, phase, milestone, region and update, in French and English.",
        }],
    }  # fmt: skip


def write_json(value: dict) -> bytes:
    """Indented JSON, encoded piece by piece as it is made: `json.dumps` with an indent holds
    the whole text and its millions of pieces at once (200 MB for the open data of 10,000
    questions, against 75 MB this way; the same bytes, in the same time)."""
    encoded = io.BytesIO()
    text = io.TextIOWrapper(encoded, encoding="utf-8", newline="")
    pieces = _INDENTED.iterencode(value)
    while chunk := "".join(itertools.islice(pieces, 4096)):  # written a few thousand pieces at a time: each write costs
        text.write(chunk)
    text.write("\n")
    text.detach()  # flushed into `encoded`, which stays open
    return encoded.getvalue()


_INDENTED = json.JSONEncoder(ensure_ascii=False, indent=2)


DATA = Format("open data", "application/json", lambda _: DATA_FILE, per_language=False,
              make=lambda inputs, _: write_json(open_data(inputs.faq, inputs.addresses, inputs.texts)), label="download_data")  # fmt: skip
SCHEMA = Format("open data's schema", "application/schema+json", lambda _: SCHEMA_FILE, per_language=False,
                make=lambda inputs, _: write_json(data_schema()))  # fmt: skip
PACKAGE = Format("data package", "application/json", lambda _: PACKAGE_FILE, per_language=False,
                 make=lambda inputs, _: write_json(data_package(inputs.faq, inputs.addresses)))  # fmt: skip
