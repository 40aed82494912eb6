"""faqgen converts the pages it generated (faqgen/page_html.py) to exactly what Python-Markdown
makes of them with the site's extensions, and refuses anything its templates do not write."""

from __future__ import annotations

import re

import markdown
import pytest
from helpers import ROOT, hostile_faq
from hypothesis import assume, given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from bench.synthetic import SHAPES, synthetic_faq
from faqgen.loader import load_text
from faqgen.markup import markdown_escape
from faqgen.page_html import PERMALINK_CLASS, GeneratedMarkdownError, page_html
from faqgen.render import render_site
from faqgen.validate import validate

FAQS = {
    "real": (ROOT / "faq.yaml").read_text(encoding="utf-8"),
    "example": (ROOT / "examples" / "community-grants" / "faq.yaml").read_text(encoding="utf-8"),
    "hostile": hostile_faq(),
    "synthetic": synthetic_faq(300, SHAPES["audiences"]),
}


def generated_pages(text: str):
    checked = validate(load_text(text))
    for page in render_site(checked.faq, checked.texts):
        yield page.filename, page.text.split("---\n", 2)[2]  # as MkDocs hands it over: no front matter


def section_texts_of(html: str) -> dict[str, str]:
    """An independent reading of the same texts: each h2 with an id to the answer's permalink
    or the next h1/h2, from the HTML as a browser parses it."""
    texts: dict[str, list[str]] = {}
    section = None
    for node in LexborHTMLParser(html, is_fragment=True).root.iter(include_text=False):
        if node.tag in ("h1", "h2"):
            section = texts.setdefault(node.attributes["id"], []) if node.tag == "h2" else None
        elif node.css_first(f"a.{PERMALINK_CLASS}") is not None or node.attributes.get("class") == PERMALINK_CLASS:
            section = None
        elif section is not None:
            section.append(node.text(separator=" "))
    return {anchor: " ".join(" ".join(parts).split()) for anchor, parts in texts.items()}


@pytest.mark.parametrize("faq", FAQS)
def test_every_generated_page_converts_as_python_markdown_converts_it(faq):
    pages = list(generated_pages(FAQS[faq]))
    assert len(pages) >= 6  # the home page and at least two audiences, in both languages
    for name, text in pages:
        reference = markdown.Markdown(extensions=["attr_list", "toc"])
        expected = reference.convert(text)
        converted = page_html(text, name, lambda href: href)
        assert converted.html == expected, name
        assert converted.toc == reference.toc_tokens, name
        assert converted.anchor_ids == {node.attributes["id"] for node in LexborHTMLParser(expected).css("[id]")}
        assert converted.section_texts == section_texts_of(expected), name


def test_links_go_through_the_site_s_addresses():
    converted = page_html("- [Timeline](timeline.md) and [question 2](#second)\n", "index.en.md",
                          lambda href: "../timeline/" if href == "timeline.md" else href)  # fmt: skip
    assert converted.html == '<ul>\n<li><a href="../timeline/">Timeline</a> and <a href="#second">question 2</a></li>\n</ul>'


@given(st.lists(st.sampled_from(["<", ">", "&", "&amp;", "[", "]", "(", ")", "{:", "}", "*", "_", "`", "!", "#", " ",
                                 "\\", '"', "'", "=", "a", "é", "-", "1.", "&#39;", "\u00a0"]), min_size=1, max_size=30).map("".join))  # fmt: skip
def test_any_plain_text_a_template_prints_converts_as_python_markdown_converts_it(text):
    assume(text.strip())
    text = re.sub(r"<(?=[A-Za-z/!?])", "< ", text)  # a tag is refused before it gets here
    escaped = markdown_escape(text)
    for source in (f"## {escaped} {{: #anchor }}", escaped, f"- [{escaped}](timeline.md) — {escaped}"):
        assert page_html(source, "page.fr.md", lambda href: href).html == markdown.markdown(source, extensions=["attr_list", "toc"])


@pytest.mark.parametrize(
    "source, message",
    [
        ("# Title {: #page-title }\n\nSome *emphasis*.\n", "page.fr.md:3: `*` is Markdown syntax faqgen's templates do not write"),
        ("Intro.\n\n> quoted\n", "page.fr.md:3: Markdown syntax faqgen's templates do not write"),
        ("## Heading {: #anchor }\nno blank line\n", "page.fr.md:2: a heading is followed by a line of text without a blank line"),
        ("- one\n- two\nthree\n", "page.fr.md:3: a list item that does not start with `- `"),
        ("Text <b>bold</b>.\n", "page.fr.md:1: `<` is Markdown syntax faqgen's templates do not write"),
        ("A \\q.\n", "page.fr.md:1: `\\q` escapes a character Markdown does not"),
    ],
)
def test_what_the_templates_do_not_write_is_refused_with_its_line(source, message):
    with pytest.raises(GeneratedMarkdownError) as refused:
        page_html(source, "page.fr.md", lambda href: href)
    assert str(refused.value) == f"{message} (a template of faqgen/templates wrote it)"
