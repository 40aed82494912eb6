"""Stage 4: render the model into Markdown pages, one per page and language, with Jinja2.

Pages are Markdown for MkDocs; the few HTML blocks (the timeline) come from templates
ending in `.html.j2`, which Jinja escapes automatically. What the templates see is the
model itself, plus filters that pick the page's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
import yaml
from markupsafe import Markup, escape

from . import LANGUAGES
from .labels import LABELS, format_date, roman
from .markup import expand, french_typography
from .model import Audience, Faq, Translation

TEMPLATES = Path(__file__).parent / "templates"
GENERATED_MARKER = "generated_from"
"""Front-matter key that marks a page as generated (and so safe to rewrite or remove)."""


@dataclass(frozen=True)
class Page:
    name: str  # the page's address: "service-providers" -> /service-providers/ and /en/service-providers/
    lang: str
    text: str

    @property
    def filename(self) -> str:
        """mkdocs-static-i18n's suffix layout: page.fr.md, page.en.md."""
        return f"{self.name}.{self.lang}.md"


def page_names(faq: Faq) -> list[str]:
    """Every page, in menu order."""
    return ["index", *(audience.id for audience in faq.audiences), "timeline"]


def render_site(faq: Faq, as_of: dt.date | None = None) -> list[Page]:
    renderer = _Renderer(faq, as_of or faq.document.as_of)
    pages = []
    for lang in LANGUAGES:
        ui = LABELS[lang]
        subtitle = faq.document.subtitle.in_(lang)
        pages.append(
            renderer.page(
                "index", lang, "home.md.j2", title=None, description=f"{faq.document.title.in_(lang)} — {subtitle}"
            )
        )
        for audience in faq.audiences:
            pages.append(
                renderer.page(
                    audience.id,
                    lang,
                    "audience.md.j2",
                    title=audience.nav_title or audience.title,
                    description=f"{subtitle} — {audience.title.in_(lang)}",
                    audience=audience,
                )
            )
        pages.append(renderer.page("timeline", lang, "timeline.md.j2", title=None, description=ui["timeline_intro"]))
    return pages


class _Renderer:
    def __init__(self, faq: Faq, as_of: dt.date):
        self.faq = faq
        self.as_of = as_of
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=lambda name: name is not None and name.endswith(".html.j2"),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["fill"] = lambda template, **values: escape(template).format(**values)
        self.env.globals.update(faq=faq, as_of=as_of, roman=roman, format_date=format_date)
        self.audience_of = {q.id: (audience, number) for audience, number, q in faq.questions()}
        self.converter = markdown.Markdown()  # one, reset between texts: making one costs more than converting

    def page(
        self,
        name: str,
        lang: str,
        template: str,
        *,
        title: Translation | None,
        description: str,
        **context,
    ) -> Page:
        ui = LABELS[lang]
        front_matter = {GENERATED_MARKER: "faq.yaml (edit faq.yaml, not this file: build_faq.py rewrites it)"}
        # The menu shows this title; the page's own heading comes from the template.
        front_matter["title"] = title.in_(lang) if title is not None else ui[f"{name}_nav"]
        front_matter["description"] = _typeset(description, lang)
        body = self.env.get_template(template).render(**self.helpers(lang, name), **context)
        header = yaml.dump(front_matter, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000)
        return Page(name, lang, f"---\n{header}---\n\n{body.strip()}\n{self.link_definitions(lang)}")

    def helpers(self, lang: str, page_name: str) -> dict:
        """What templates use to show a Translation in the page's language."""
        return {
            "lang": lang,
            "ui": LABELS[lang],
            "page_name": page_name,
            "t": lambda translation: self.text(translation, lang),  # plain text
            "md": lambda translation: self.markdown(translation, lang, page_name),  # Markdown block
            "inline": lambda translation: self.inline_html(translation, lang),  # HTML, for HTML blocks
        }

    def text(self, translation: Translation, lang: str) -> str:
        return _typeset(translation.in_(lang), lang)

    def markdown(self, translation: Translation, lang: str, page_name: str) -> str:
        """A text as Markdown, with its [[shortcodes]] expanded for this page and language."""
        return expand(self.text(translation, lang), lambda name: self.shortcode(name, lang, page_name))

    def shortcode(self, name: str, lang: str, page_name: str) -> str:
        ui = LABELS[lang]
        if name == "timeline":
            html = self.env.get_template("_phases.html.j2").render(**self.helpers(lang, page_name))
            return f"\n{html.strip()}\n"  # an HTML block needs lines of its own
        if name == "regions":
            lines = (
                ui["region_manager"].format(region=region.name.in_(lang), manager=region.manager.in_(lang))
                for region in self.faq.regions
            )
            return "\n".join(f"- {_typeset(line, lang)}" for line in lines)
        audience, number = self.audience_of[name]  # the validator made sure the id exists
        if audience.id == page_name:
            return f"[{ui['question'].format(number=number)}](#{name})"
        page_title = (audience.nav_title or audience.title).in_(lang)
        return f"[{ui['question_elsewhere'].format(number=number, page=page_title)}]({audience.id}.md#{name})"

    def inline_html(self, translation: Translation, lang: str) -> Markup:
        """A short text rendered from Markdown to inline HTML, for the timeline's HTML blocks."""
        source = self.text(translation, lang) + "\n" + self.link_definitions(lang)
        html = self.converter.reset().convert(source)
        return Markup(html.removeprefix("<p>").removesuffix("</p>"))

    def link_definitions(self, lang: str) -> str:
        """Markdown reference definitions, so texts can write [words][link-id]."""
        lines = [
            f'[{link.id}]: <{link.url.in_(lang)}> "{link.title.in_(lang).replace(chr(34), "&quot;")}"'
            for link in self.faq.links
        ]
        return "\n" + "\n".join(lines) + "\n" if lines else ""


def faq_page(audience: Audience, lang: str, texts: Mapping[str, str]) -> dict:
    """schema.org FAQPage data for search engines: this page's questions, answers as plain text
    (`texts`: question id → text, read from the converted page by faqgen/section_text.py)."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": lang,
        "mainEntity": [
            {
                "@type": "Question",
                "name": _typeset(question.question.in_(lang), lang),
                "acceptedAnswer": {"@type": "Answer", "text": texts[question.id]},
            }
            for question in audience.questions
        ],
    }


def _typeset(text: str, lang: str) -> str:
    return french_typography(text) if lang == "fr" else text
