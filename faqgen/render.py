"""Stage 4: render the model into Markdown pages, one per page and language, with Jinja2.

Pages are Markdown for MkDocs, but nothing an editor wrote is left for MkDocs to interpret:
rich texts arrive as HTML that faqgen converted and checked (`RichTextRenderer`), HTML
blocks come from templates ending in `.html.j2`, which Jinja escapes as HTML, and every
plain text a Markdown template prints is escaped as Markdown. What the templates see is
the model itself, plus helpers that pick the page's language.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup, escape

from .addresses import relative_url
from .compiled import COMPILED
from .labels import LABELS, format_date, roman
from .languages import LANGUAGES, typeset
from .markup import BLOCKS, expand_abbreviations, markdown_escape
from .model import Audience, Faq, Question, RichText, Translation
from .rich_text import RichTextRenderer
from .site_plan import DOCUMENT, GLOSSARY, HOME, TIMELINE, WHATS_NEW, page_names, source_file
from .updates import Changes

TEMPLATES = Path(__file__).parent / "templates"
GENERATED_MARKER = "generated_from"
"""Front-matter key that marks a page as generated (and so safe to rewrite or remove)."""


@dataclass(frozen=True)
class Page:
    name: str  # the page's name in the site plan (faqgen/site_plan.py)
    lang: str
    text: str

    @property
    def filename(self) -> str:
        return source_file(self.name, self.lang)

    @property
    def markdown(self) -> str:
        """The page without its front matter, as MkDocs reads it (leading blank lines dropped)."""
        return self.text.split("\n---\n", 1)[1].lstrip("\n")


def render_site(faq: Faq, texts: RichTextRenderer | None = None, earlier: RenderedPages | None = None,
                only: Collection[tuple[str, str]] | None = None) -> list[Page]:
    """Every page in every language, drawn for `faq.document.as_of` (Faq.drawn_for), or `only`
    those ((language, page name) pairs). `texts`: the
    validator's renderer of rich texts, if at hand (it has converted them all already); `earlier`:
    the audience pages of the previous run (the preview's), kept where nothing they show changed,
    and updated."""
    renderer = _Renderer(faq, faq.document.as_of, texts)
    if earlier is not None:
        earlier.start(faq, renderer.as_of)
    pages = []
    for lang in LANGUAGES:
        ui = LABELS[lang]
        subtitle = faq.document.subtitle.in_(lang)
        wanted = {name for name in page_names(faq) if only is None or (lang, name) in only}
        if HOME in wanted:
            description = f"{faq.document.title.in_(lang)} — {subtitle}"
            pages.append(renderer.page(HOME, lang, "home.md.j2", title=None, description=description))
        for audience in (audience for audience in faq.audiences if audience.id in wanted):
            render = functools.partial(
                renderer.page,
                audience.id,
                lang,
                "audience.md.j2",
                title=audience.nav_title or audience.title,
                description=f"{subtitle} — {audience.title.in_(lang)}",
                lists_its_sections=True,  # "On this page" (_on_this_page.html.j2)
                audience=audience,
            )
            pages.append(earlier.page(audience, lang, render) if earlier is not None else render())
        if TIMELINE in wanted:
            intro = faq.document.timeline_intro.in_(lang) if faq.document.timeline_intro else ui["timeline_intro"]
            pages.append(renderer.page(TIMELINE, lang, "timeline.md.j2", title=None, description=intro, intro=intro))
        if WHATS_NEW in wanted:
            pages.append(renderer.page(WHATS_NEW, lang, "whats_new.md.j2", title=None, description=ui["whats-new_intro"]))
        if GLOSSARY in wanted:
            pages.append(renderer.page(GLOSSARY, lang, "glossary.md.j2", title=None, description=ui["glossary_intro"]))
    return pages


class RenderedPages:
    """Audience pages as rendered, each with the audience it was made of: `mkdocs serve` keeps
    one for the whole preview, so that an edit renders again only the pages it changed (an
    answer: its page, in each language). A page is kept while its audience is the same and so
    is everything else it shows: the date it is drawn for and the FAQ but the other audiences'
    answers and key points (their ids, titles and questions make the links between pages)."""

    def __init__(self):
        self.shared: tuple | None = None
        self.pages: dict[tuple[str, str], tuple[Audience, Page]] = {}

    def start(self, faq: Faq, as_of: dt.date) -> None:
        """A new run, of `faq` drawn for `as_of`: the pages kept are those it can use."""
        shared = (as_of, [getattr(faq, name) for name in type(faq).model_fields if name != "audiences"],
                  [(audience.id, audience.title, audience.nav_title, [(question.id, question.question) for question in audience.questions])
                   for audience in faq.audiences])  # fmt: skip
        if shared != self.shared:
            self.pages.clear()
        self.shared = shared

    def page(self, audience: Audience, lang: str, render: Callable[[], Page]) -> Page:
        """The page of `audience` in `lang`: the one kept if it was made of the same, else `render()`."""
        kept = self.pages.get((audience.id, lang))
        if kept is not None and kept[0] == audience:
            return kept[1]
        page = render()
        self.pages[audience.id, lang] = (audience, page)
        return page


class _Renderer:
    def __init__(self, faq: Faq, as_of: dt.date, texts: RichTextRenderer | None):
        self.faq = faq
        self.as_of = as_of
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            bytecode_cache=COMPILED,
            autoescape=lambda name: name is not None and name.endswith(".html.j2"),
            finalize=_escape_for_markdown,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["fill"] = lambda template, **values: escape(template).format(**values)
        self.env.globals.update(faq=faq, as_of=as_of, roman=roman, format_date=format_date, changes=Changes(faq, as_of))
        self.audience_of = {q.id: (audience, number) for audience, number, q in faq.questions()}
        # The glossary's abbreviations per language, longest first, and those each page has explained.
        self.glossary = {lang: sorted(((term.abbreviation.in_(lang), term.term.in_(lang)) for term in faq.glossary),
                                      key=lambda pair: -len(pair[0])) for lang in LANGUAGES}  # fmt: skip
        self.explained: dict[tuple[str, str], set[str]] = {}
        self.texts = texts or RichTextRenderer.for_data(faq.model_dump(include={"links"}))

    def page(
        self,
        name: str,
        lang: str,
        template: str,
        *,
        title: Translation | None,
        description: str,
        lists_its_sections: bool = False,
        **context,
    ) -> Page:
        ui = LABELS[lang]
        front_matter = {GENERATED_MARKER: "faq.yaml (edit faq.yaml, not this file: build_faq.py rewrites it)"}
        if lists_its_sections:  # the theme's table of contents would be a second one (faqgen/plugin.py)
            front_matter["hide"] = ["toc"]
        # The menu and <title> show this title; the theme prints it as HTML, so it is escaped
        # here. The page's own heading comes from the template.
        front_matter["title"] = html.escape(typeset(title.in_(lang), lang) if title is not None else ui[f"{name}_nav"])
        front_matter["description"] = typeset(description, lang)  # escaped by overrides/main.html
        body = self.env.get_template(template).render(**self.helpers(lang, name), **context)
        header = yaml.dump(front_matter, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000)
        return Page(name, lang, f"---\n{header}---\n\n{body.strip()}\n")

    def helpers(self, lang: str, page_name: str) -> dict:
        """What templates use to show a Translation in the page's language."""
        return {
            "lang": lang,
            "ui": LABELS[lang],
            "page_name": page_name,
            "t": lambda translation: typeset(translation.in_(lang), lang),  # plain text, escaped where it lands
            "md": lambda text: self.rich_text(text, lang, page_name),  # a rich text: HTML blocks
            "inline": lambda text: self.rich_text(text, lang, page_name, inline=True),  # one paragraph's HTML
            "heading": lambda number, question: question_heading(number, question, lang),
            "touched": lambda item_id: self.touched_link(item_id, lang, page_name),
        }

    def rich_text(self, text: RichText, lang: str, page_name: str, *, inline: bool = False) -> Markup:
        blocks = {name: lambda name=name: self.block(name, lang, page_name) for name in BLOCKS}
        written = expand_abbreviations(text.in_(lang), self.glossary[lang], self.explained.setdefault((lang, page_name), set()))
        rendered = self.texts.render(written, lang, lambda name: self.question_link(name, lang, page_name),
                                     blocks)  # fmt: skip
        if rendered.problems:  # the validator refuses such texts first, with their place
            raise ValueError(f"unsafe text on page {page_name}: {'; '.join(rendered.problems)}")
        html = rendered.html
        if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html.removeprefix("<p>").removesuffix("</p>")
        return Markup(html)

    def block(self, name: str, lang: str, page_name: str) -> str:
        template = {"timeline": "_phases.html.j2", "regions": "_regions.html.j2"}[name]
        return self.env.get_template(template).render(**self.helpers(lang, page_name)).strip()

    def touched_link(self, item_id: str, lang: str, page_name: str) -> tuple[str, str]:
        """(address from this page, words) of what an update touched."""
        target, anchor, words = touched_target(self.faq, item_id, lang)
        return relative_url(page_name, target) + f"#{anchor}", words

    def question_link(self, name: str, lang: str, page_name: str) -> str:
        ui = LABELS[lang]
        audience, number = self.audience_of[name]  # the validator made sure the id exists
        if audience.id == page_name:
            words, href = ui["question"].format(number=number), f"#{name}"
        else:
            page_title = typeset((audience.nav_title or audience.title).in_(lang), lang)
            words = ui["question_elsewhere"].format(number=number, page=page_title)
            # In the one document (the PDF), every question is a place in it.
            href = (f"#{name}" if page_name == DOCUMENT else relative_url(page_name, audience.id) + f"#{name}")
        return str(Markup('<a href="{}">{}</a>').format(href, words))


def published_html(faq: Faq, texts: RichTextRenderer | None = None):
    """(rich text, language, page name) → its HTML as that page shows it, for the take-away
    formats; `texts`: the build's converted texts, if at hand."""
    renderer = _Renderer(faq, faq.document.as_of, texts)
    return lambda text, lang, page_name: str(renderer.rich_text(text, lang, page_name))


def document_html(faq: Faq, lang: str, texts: RichTextRenderer | None = None, **context) -> str:
    """The whole FAQ in `lang` as one HTML document, for printing as a PDF (faqgen/pdf.py):
    the pages' own texts and blocks, links between questions made links within the document."""
    renderer = _Renderer(faq, faq.document.as_of, texts)
    return renderer.env.get_template("document.html.j2").render(**renderer.helpers(lang, DOCUMENT), **context)


def touched_target(faq: Faq, item_id: str, lang: str) -> tuple[str, str, str]:
    """(page name, anchor, words) of what an update touched: a question, a key point section or
    a phase (the validator made sure it is one of them)."""
    for audience, number, question in faq.questions():
        if question.id == item_id:
            return audience.id, item_id, question_heading(number, question, lang)
    if section := next((section for section in faq.key_points if section.id == item_id), None):
        return HOME, item_id, typeset(section.title.in_(lang), lang)
    phase = faq.phase(item_id)
    return TIMELINE, "phases", f"{LABELS[lang]['phase'].format(number=roman(phase.number))} – {typeset(phase.name.in_(lang), lang)}"


def question_heading(number: int, question: Question, lang: str) -> str:
    """A question as its heading reads, on the page and in search results: "2. Who can apply?"."""
    return f"{number}. {typeset(question.question.in_(lang), lang)}"


def faq_page(lang: str, modified: dt.date) -> dict[str, str]:
    """The properties of an audience page's schema.org FAQPage item (microdata, placed by
    overrides/main.html around the page's content). Its questions and answers are marked where
    readers see them (templates/audience.md.j2), so that each answer's text is in the page once."""
    return {"inLanguage": lang, "dateModified": modified.isoformat()}


@jinja2.pass_eval_context
def _escape_for_markdown(context, value):
    """Every value a Markdown template prints is made literal Markdown (an HTML template
    escapes it as HTML instead); HTML that faqgen made and checked (Markup) goes in as it is."""
    if context.autoescape or isinstance(value, Markup):
        return value
    return markdown_escape(str(value))
