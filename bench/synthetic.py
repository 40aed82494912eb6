"""A synthetic faq.yaml of any size, shaped like the real one.

The real file's metadata, phases, milestones, regions, links and its 24 questions are kept (so
every feature is exercised: timeline, shortcodes, links, cross-references); synthetic questions
are added until the file has `questions` bilingual Q&As, spread over `pages` audience pages.
Text lengths follow the real file (question ~170 characters in French, ~120 in English;
answers ~800 / ~620, French about a quarter longer), with paragraphs, lists, reference links,
`[[question-id]]` cross-references, accents and elisions. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import yaml

from bench.harness import ROOT
from faqgen.translations import confirmed_value

# Word pools of the domain: both languages, accents and elisions in French.
FRENCH = (
    "l’économie l’emploi l’accès l’équipement l’aide d’emploi d’une d’autres qu’il région régions "
    "services fournisseurs municipalités ministère planification prestation intégrée clients "
    "communautés gestionnaires système transition référencement formation compétences travailleurs "
    "employeurs collectivités francophones autochtones programme programmes financement résultats "
    "modèle partenaires bureaux soutien évaluation critères processus sélection contrat phase "
    "prototype responsabilité responsables participants prestataires données rendement personnes "
    "handicapées jeunes nouveaux arrivants Ontario provincial local locaux conseils administrations "
    "les des du de la le et en pour avec dans sur par au aux une un est sont seront sera ont"
).split()
ENGLISH = (
    "economy employment access equipment assistance jobs other region regions services providers "
    "municipalities ministry planning delivery integrated clients communities managers system "
    "transition referral training skills workers employers First Nations francophone Indigenous "
    "program programs funding outcomes model partners offices support evaluation criteria process "
    "selection contract phase prototype accountability participants data performance people with "
    "disabilities youth newcomers Ontario provincial local boards the of and in for with on by to "
    "a an is are will be have"
).split()


@dataclass(frozen=True)
class Shape:
    name: str
    pages: int  # audience pages (the home page and the timeline come on top)


SHAPES = {"audiences": Shape("audiences", 6), "topics": Shape("topics", 100)}


def synthetic_faq(questions: int, shape: Shape, seed: int = 2020) -> str:
    """The text of a valid faq.yaml with `questions` Q&As on `shape.pages` audience pages."""
    data = yaml.load((ROOT / "faq.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    writer = _Writer(random.Random(seed), [link["id"] for link in data["links"]])
    audiences = data["audiences"][: shape.pages]
    for number in range(len(audiences), shape.pages):
        audiences.append(writer.audience(number))
    existing = sum(len(audience["questions"]) for audience in audiences)
    for number in range(max(0, questions - existing)):
        audience = audiences[number % len(audiences)]
        audience["questions"].append(writer.question(number))
    data["audiences"] = audiences
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(yaml.CSafeDumper):
    """Multi-line answers as `|` blocks, as editors write them."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)


class _Writer:
    def __init__(self, rng: random.Random, link_ids: list[str]):
        self.rng = rng
        self.link_ids = link_ids
        self.ids: list[str] = []

    def words(self, pool: list[str], count: int) -> str:
        return " ".join(self.rng.choice(pool) for _ in range(count))

    def sentence(self, lang: str, count: int) -> str:
        text = self.words(FRENCH if lang == "fr" else ENGLISH, count)
        return text[0].upper() + text[1:] + "."

    def translation(self, make) -> dict[str, str]:
        texts = {"fr": make("fr", 1.25), "en": make("en", 1.0)}
        return {"confirmed": confirmed_value(texts), **texts}

    def audience(self, number: int) -> dict:
        title = self.translation(lambda lang, scale: self.sentence(lang, 3).rstrip("."))
        return {"id": f"topic-{number}", "title": title, "questions": []}

    def question(self, number: int) -> dict:
        question_id = f"synthetic-question-{number}"
        reference = self.rng.choice(self.ids) if self.ids and self.rng.random() < 0.2 else None
        link = self.rng.choice(self.link_ids) if self.link_ids and self.rng.random() < 0.2 else None
        paragraphs = self.rng.randint(1, 3)
        with_list = self.rng.random() < 0.3

        def answer(lang: str, scale: float) -> str:
            blocks = [self.paragraph(lang, scale) for _ in range(paragraphs)]
            if with_list:
                blocks.insert(1, "\n".join(f"- {self.sentence(lang, self.rng.randint(4, 9))}" for _ in range(4)))
            if reference:
                blocks.append(("Voir la réponse à la " if lang == "fr" else "See the answer to ") + f"[[{reference}]].")
            if link:
                blocks.append(
                    ("Lire " if lang == "fr" else "Read ")
                    + f"[{self.words(FRENCH if lang == 'fr' else ENGLISH, 3)}][{link}]."
                )
            return "\n\n".join(blocks) + "\n"

        entry = {
            "id": question_id,
            "question": self.translation(lambda lang, scale: self.sentence(lang, int(15 * scale)).rstrip(".") + "?"),
            "answer": self.translation(answer),
        }
        self.ids.append(question_id)
        return entry

    def paragraph(self, lang: str, scale: float) -> str:
        return " ".join(
            self.sentence(lang, int(self.rng.randint(10, 18) * scale)) for _ in range(self.rng.randint(2, 3))
        )
