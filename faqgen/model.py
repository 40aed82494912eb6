"""Stage 2: the content model. The one place that says which fields exist, their types,
which are required and what they mean.

The validator builds these classes from the loaded data, the templates read them, and
faq.schema.json (for editors' completion and hover help) is generated from them: field
descriptions are written for the communications officers who edit faq.yaml.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
import typing
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from .languages import LANGUAGES
from .safety import read_url

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CONFIRMED_PATTERN = "^" + " ".join(f"{lang} [0-9a-f]{{8}}" for lang in LANGUAGES) + "$"
"""`confirmed:` — each language and its text's fingerprint, in LANGUAGES' order: "fr 1a2b3c4d en 5e6f7a8b"."""
RESERVED_ANCHORS = frozenset({"page-title", "on-this-page", "key-points", "audiences", "phases", "milestones",
                              "recently-updated", "downloads"})
"""Ids the page templates give their own headings; a question or key point section cannot take them."""
SUMMARY_ANCHORS = frozenset({"page-title", "key-points", "audiences", "recently-updated", "downloads"})
"""Those of the headings whose sections summarise or list what questions say (a page's introduction
or the glossary, an audience's key points, the home page's lists): search ranks such a section below
a question that holds as much of the query (faqgen/assets/faq-search.js)."""


FIRST_YEAR, LAST_YEAR = 1900, 2999


def iso_date(value: object) -> dt.date:
    """The one reading of a date, for faq.yaml, the CLI's --as-of and the plugin's as_of: a
    YAML date or a text `2020-04-01`; ValueError (in words) for numbers, times, other forms."""
    if isinstance(value, dt.datetime):
        raise ValueError("give a date without a time, like 2020-04-01")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"`{value}` is not a real date") from None
    if isinstance(value, dt.date):
        # The calendar and the feeds count days after a date: 9999-12-31 has none.
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValueError(f"`{value.isoformat()}` is out of range: give a year from {FIRST_YEAR} to {LAST_YEAR}")
        return value
    raise ValueError("expected a date written YYYY-MM-DD, like 2020-04-01")


Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(strict=True, pattern=ID_PATTERN, max_length=80)]
IsoDate = Annotated[dt.date, BeforeValidator(iso_date), Field(json_schema_extra={"type": "string", "format": "date"})]
Count = Annotated[int, Field(strict=True, ge=0, le=1_000_000_000)]


class Model(BaseModel):
    # Unknown keys are errors: a misspelt `reponse` must not vanish silently.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Translation(Model):
    """A text in both languages. Both are required (French Language Services Act)."""

    fr: Text = Field(description="The French text.")
    en: Text = Field(description="The English text, equivalent to the French.")
    confirmed: Annotated[str, StringConstraints(strict=True, pattern=CONFIRMED_PATTERN)] | None = Field(
        None,
        description="Fingerprints of both texts when they were last confirmed equivalent. "
        "`python build_faq.py check` tells the line to write here after a change.",
    )

    def in_(self, lang: str) -> str:
        return getattr(self, lang)


class RichText(Translation):
    """A text in both languages written in the editors' small Markdown (faqgen/markup.py):
    paragraphs, emphasis, lists, links, [[question-id]], [[timeline]], [[regions]]."""


class Document(Model):
    title: Translation = Field(description="Title of the document, shown on the home page.")
    subtitle: Translation = Field(description="Subtitle, e.g. “General questions and answers”.")
    ministry: Translation = Field(description="The ministry that publishes the document.")
    published: IsoDate = Field(description="Publication date, YYYY-MM-DD.")
    updated: IsoDate | None = Field(
        None,
        description="Date of the last change to the content, YYYY-MM-DD, shown on every page; the publication date if left out.",
    )
    as_of: IsoDate = Field(
        description="Date the timeline is drawn for (which phases are completed, in progress or upcoming), "
        "YYYY-MM-DD. The build command's --as-of option overrides it."
    )
    timeline_intro: Translation | None = Field(
        None, description="What the timeline page shows, in a sentence (a general sentence if left out)."
    )
    recent_days: Annotated[int, Field(strict=True, ge=0, le=3650)] = Field(
        30,
        description="A question updated within this many days before `as_of` is marked “Updated” and listed on "
        "the home page.",
    )
    original: Literal[LANGUAGES] | None = Field(
        None,
        description="The language the document was written in (`fr` or `en`): the other edition says it is a "
        "translation. Leave out if both were written together.",
    )

    @property
    def last_updated(self) -> dt.date:
        return self.updated or self.published


class KeyPointSection(Model):
    id: Id = Field(description="Short name of the section, lowercase-with-hyphens.")
    title: Translation = Field(description="Heading of the section, e.g. “What is happening now?”.")
    points: list[RichText] = Field(min_length=1, description="The bullet points, in order (Markdown).")


class Region(Model):
    id: Id = Field(description="Short name of the region, lowercase-with-hyphens.")
    name: Translation = Field(description="Name of the prototype region.")
    manager: Translation = Field(description="The organization selected as its Service System Manager.")


class PhaseStatus(enum.StrEnum):
    COMPLETED = "completed"
    IN_PROGRESS = "in-progress"
    UPCOMING = "upcoming"


class Phase(Model):
    id: Id = Field(description="Short name of the phase, lowercase-with-hyphens, used by milestones.")
    number: Annotated[int, Field(strict=True, ge=1, le=20)] = Field(description="Phase number: 1, 2, 3…")
    name: Translation = Field(description="Name of the phase, e.g. “Planning”.")
    start: IsoDate = Field(description="First day of the phase, YYYY-MM-DD.")
    end: IsoDate | None = Field(None, description="Last day of the phase, YYYY-MM-DD. Leave out if open-ended.")
    description: RichText = Field(description="What happens during the phase (Markdown).")

    def status(self, as_of: dt.date) -> PhaseStatus:
        if as_of < self.start:
            return PhaseStatus.UPCOMING
        if self.end is not None and as_of > self.end:
            return PhaseStatus.COMPLETED
        return PhaseStatus.IN_PROGRESS

    @property
    def whole_months(self) -> bool:
        """True when the phase runs from a first to a last day of month: shown as months."""
        return (
            self.end is not None
            and self.start.day == 1
            and self.end.day == calendar.monthrange(self.end.year, self.end.month)[1]
        )


class Milestone(Model):
    id: Id = Field(description="Short name of the milestone, lowercase-with-hyphens.")
    date: IsoDate | None = Field(
        None, description="Date of the event, YYYY-MM-DD. Leave out and use `when` if it has none."
    )
    precision: Literal["day", "month"] = Field(
        "day", description="`month` when only the month is known (the date is then its first day)."
    )
    when: Translation | None = Field(None, description="For an event without a date: when it happens, in words.")
    label: RichText = Field(description="What happens (Markdown). May link to a link id: [words][link-id].")
    phase: Id | None = Field(None, description="Id of the phase this milestone opens or belongs to, if any.")

    @model_validator(mode="after")
    def _date_or_when(self) -> Milestone:
        if (self.date is None) == (self.when is None):
            raise ValueError("give either `date` or `when`, not both and not neither")
        return self


class Envelope(Model):
    points: Count = Field(description="Points this envelope is worth.")
    minimum_percent: Annotated[int, Field(strict=True, ge=0, le=100)] | None = Field(
        None, description="Minimum score required, in percent of the envelope's points."
    )
    minimum_points: Count | None = Field(None, description="The same minimum, in points.")


class Scoring(Model):
    stages: Count = Field(description="Number of stages in the evaluation.")
    total_points: Count = Field(description="Points available in all.")
    technical_envelope: Envelope
    commercial_envelope: Envelope


class InLanguage(ValueError):
    """A problem of one language's text of a Translation: told at that text (faqgen/messages.py)."""

    def __init__(self, lang: str, message: str):
        super().__init__(message)
        self.lang = lang


def _web_addresses(url: Translation) -> Translation:
    for lang in LANGUAGES:
        text = url.in_(lang)
        if not is_web_address(text):
            raise InLanguage(lang, f"`{text}` is not a web address: it must start with https:// (or http://)")
    return url


WebAddress = Annotated[Translation, AfterValidator(_web_addresses)]
"""An address per language, each https:// (or http://) with a host."""


class Link(Model):
    id: Id = Field(description="Short name used in texts: [words][link-id].")
    title: Translation = Field(description="What the link leads to.")
    url: WebAddress = Field(description="Address of the page in each language (https://…).")
    only_in: Literal[LANGUAGES] | None = Field(
        None,
        description="The language of the page the link leads to when it exists in one language only (`fr` or "
        "`en`): the other edition marks the link with that language, in words and for screen readers.",
    )


def is_web_address(text: str) -> bool:
    """What a `links:` entry may lead to: an http(s) address with a host, readable as browsers read it."""
    parsed = read_url(text)
    return bool(re.fullmatch(r"https?://[^\s<>\"\\]+", text)) and parsed is not None and bool(parsed.hostname)


class Question(Model):
    id: Id = Field(
        description="Permanent short name, lowercase-with-hyphens, unique in the file. "
        "It is the question's address on the site (#id): do not change it once published."
    )
    question: Translation = Field(description="The question, as a reader would ask it.")
    answer: RichText = Field(
        description="The answer, in Markdown: a blank line starts a paragraph; *italic*, **bold**, lists, "
        "[words](https://…) and [words][link-id] links. [[question-id]] links to another question; "
        "[[timeline]] and [[regions]], on a line of their own, show the timeline and the regions. "
        "HTML is not allowed."
    )


EMAIL_PATTERN = r"^[A-Za-z0-9._+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
"""An e-mail address: before the @, letters, digits and . _ + - only (the HTML standard also
allows ? & # % and others, which a mailto: link reads as its own syntax: `faq?bcc=…@x` would
send a blind copy elsewhere); a domain with a dot."""


class Contact(Model):
    """How readers reach the publisher: an e-mail address, or a contact page per language."""

    email: Annotated[str, StringConstraints(strict=True, strip_whitespace=True, pattern=EMAIL_PATTERN, max_length=254)] | None = Field(
        None, description="E-mail address for readers' questions and problem reports, e.g. `faq@ontario.ca`."
    )
    url: WebAddress | None = Field(None, description="Address of the contact page in each language (https://…).")

    @model_validator(mode="after")
    def _email_or_url(self) -> Contact:
        if (self.email is None) == (self.url is None):
            raise ValueError("give either `email` or `url`, not both and not neither")
        return self


class FooterLink(Model):
    title: Translation = Field(description="The link's words, e.g. “Accessibility” / “Accessibilité”.")
    url: WebAddress = Field(description="Address of the page in each language (https://…).")


class Publisher(Model):
    """Who publishes the site, shown in every page's header and footer in the page's language.
    The publisher's name is `document.ministry`."""

    url: WebAddress = Field(description="The publisher's web site, in each language (https://…).")
    contact: Contact = Field(description="How readers reach the publisher; the pages' “Report a problem” link uses it.")
    links: list[FooterLink] = Field(
        default_factory=list, description="Links at the foot of every page, in order: privacy, accessibility, terms…"
    )
    copyright: Translation | None = Field(None, description="The copyright line, e.g. “© King’s Printer for Ontario, 2020”.")


class GlossaryTerm(Model):
    id: Id = Field(description="Short name of the term, lowercase-with-hyphens.")
    abbreviation: Translation = Field(description="The abbreviation in each language (they may differ: SSM, GSS).")
    term: Translation = Field(description="What it stands for, in each language: “Service System Manager”.")
    definition: Translation | None = Field(None, description="What it is, in a sentence (shown on the glossary page).")
    search_only: bool = Field(
        False,
        description="True when no text uses the abbreviation but readers may type it: search finds the term by it.",
    )


SearchWords = Annotated[list[Text], Field(min_length=1)]


class Synonyms(Model):
    """Words readers type for what the texts call otherwise ("competition" for "competitive
    process"): search finds the texts with any of them."""

    fr: SearchWords = Field(description="Words or phrases that mean the same thing in French.")
    en: SearchWords = Field(description="Words or phrases that mean the same thing in English.")

    def in_(self, lang: str) -> list[str]:
        return getattr(self, lang)


class Update(Model):
    """A change readers should know of: dated, summarized in both languages, and naming what it
    touched. Each question's "date modified" is its latest update; the "What's new" page and the
    Atom feeds list them."""

    id: Id = Field(description="Permanent short name of the update, lowercase-with-hyphens: its feed entry's id.")
    date: IsoDate = Field(description="The day the change was published, YYYY-MM-DD.")
    summary: Translation = Field(description="What changed, in a sentence or two, for readers.")
    touched: list[Id] = Field(
        min_length=1,
        description="Ids of what changed: questions, key point sections or phases.",
    )


class Audience(Model):
    id: Id = Field(description="Short name of the page, lowercase-with-hyphens; it is the page's address.")
    title: Translation = Field(description="Heading of the page.")
    nav_title: Translation | None = Field(None, description="Shorter title for the menu; the heading if left out.")
    key_points: list[RichText] = Field(
        default_factory=list, description="Bullet points shown before the questions (Markdown)."
    )
    questions: list[Question] = Field(min_length=1, description="The questions of this page, in order.")


class Faq(Model):
    """The whole FAQ. The editors' JSON Schema is generated from this class."""

    document: Document
    publisher: Publisher | None = Field(
        None, description="Who publishes the site: its address, a contact for readers, the links of the footer."
    )
    key_points: list[KeyPointSection] = Field(min_length=1, description="Sections of bullet points on the home page.")
    regions: list[Region] = Field(default_factory=list, description="Prototype regions and their managers.")
    phases: list[Phase] = Field(
        default_factory=list, description="The phases, in order; with milestones, they make the timeline page."
    )
    milestones: list[Milestone] = Field(default_factory=list, description="Dated events on the timeline, in order.")
    scoring: Scoring | None = Field(None, description="Figures of the selection process.")
    links: list[Link] = Field(default_factory=list, description="External links used in texts as [words][link-id].")
    audiences: list[Audience] = Field(min_length=1, description="One page per audience, in menu order.")
    glossary: list[GlossaryTerm] = Field(
        default_factory=list, description="Abbreviations used in the texts; search finds either form."
    )
    synonyms: list[Synonyms] = Field(
        default_factory=list, description="Groups of words readers type for the same thing, for search."
    )
    updates: list[Update] = Field(
        default_factory=list,
        description="Changes since publication, oldest first: add each change at the end of the list.",
    )

    def questions(self):
        """Every (audience, number, question), number counted from 1 within its audience."""
        for audience in self.audiences:
            for number, question in enumerate(audience.questions, start=1):
                yield audience, number, question

    @property
    def has_timeline(self) -> bool:
        return bool(self.phases or self.milestones)

    def audience(self, page_name: str) -> Audience | None:
        """The audience whose page this is; None for the home page and the timeline."""
        return next((audience for audience in self.audiences if audience.id == page_name), None)

    def phase(self, phase_id: str) -> Phase:
        return next(phase for phase in self.phases if phase.id == phase_id)

    def link(self, link_id: str) -> Link:
        return next(link for link in self.links if link.id == link_id)

    def drawn_for(self, as_of: dt.date | None) -> Faq:
        """This FAQ with its timeline drawn for `as_of` (the build's --as-of, the plugin's
        `as_of:`), or as it is: the pages and every take-away format read the one
        `document.as_of`, so they cannot follow different dates."""
        if as_of is None or as_of == self.document.as_of:
            return self
        return self.model_copy(update={"document": self.document.model_copy(update={"as_of": as_of})})


def model_at(path: tuple) -> type[Model] | None:
    """The model class of the value at `path` in faq.yaml (list indexes skipped), if any:
    `("audiences", 0, "questions", 2, "answer")` → RichText."""
    return _model_at(tuple(part for part in path if not isinstance(part, int)))


@functools.cache
def _model_at(fields: tuple[str, ...]) -> type[Model] | None:
    model = Faq
    for name in fields:
        if model is None or name not in model.model_fields:
            return None
        model = _model_class(model.model_fields[name].annotation)
    return model


def _model_class(annotation) -> type[Model] | None:
    """The model class inside an annotation such as `list[Question] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        if (found := _model_class(argument)) is not None:
            return found
    return None
