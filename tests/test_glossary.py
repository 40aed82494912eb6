"""The glossary (faq.yaml `glossary:`): the first use of an abbreviation on a page is written
out, "Ontario Disability Support Program (ODSP)", once per page and never twice; link
addresses and ids are left alone; a glossary page per language lists every term."""

from __future__ import annotations

import pytest
from helpers import LANGUAGE_DIRS, ROOT, html
from selectolax.lexbor import LexborHTMLParser

from faqgen.markup import expand_abbreviations
from faqgen.pipeline import check
from faqgen.rich_text import RichTextRenderer

FAQ = check(ROOT / "faq.yaml").faq
GLOSSARY = [("ODSP", "Ontario Disability Support Program"), ("SSM", "Service System Manager")]


def test_the_first_use_on_a_page_is_written_out_and_later_ones_are_not():
    explained: set[str] = set()
    first = expand_abbreviations("ODSP clients and ODSP staff; SSMs and [[ssm-ready]].", GLOSSARY, explained)
    assert first == "Ontario Disability Support Program (ODSP) clients and ODSP staff; SSMs and [[ssm-ready]]."
    assert expand_abbreviations("More on ODSP.", GLOSSARY, explained) == "More on ODSP."  # explained on this page
    assert explained == {"ODSP"}


def test_a_text_that_already_writes_it_out_and_link_addresses_are_left_alone():
    written = "the Ontario Disability Support Program (ODSP) and [SSM](https://example.org/SSM) then [x][SSM]"
    assert expand_abbreviations(written, GLOSSARY, set()) == (
        "the Ontario Disability Support Program (ODSP) and [Service System Manager (SSM)](https://example.org/SSM) "
        "then [x][SSM]")  # fmt: skip


def test_pages_write_out_the_first_use_of_each_abbreviation(built_site):
    clients = html(built_site / "en" / "clients-and-communities" / "index.html").select_one("article").get_text()
    assert "Ontario Disability Support Program (ODSP) Employment Supports" in clients
    providers = html(built_site / "service-providers" / "index.html").select_one("article").get_text()
    assert providers.count("(MTFDC)") == 1
    timeline = html(built_site / "en" / "timeline" / "index.html").select_one("article").get_text()
    assert "Ontario Disability Support Program (ODSP)" in timeline and "(Ontario Disability" not in timeline


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_the_glossary_page_lists_every_term_with_its_anchor_and_the_other_language(built_site, lang):
    page = html(built_site / LANGUAGE_DIRS[lang] / "glossary" / "index.html")
    terms = page.select("article dl.faq-glossary > dt")
    abbreviations = [dt.strong.get_text() for dt in terms]
    assert abbreviations == sorted(term.abbreviation.in_(lang) for term in FAQ.glossary)
    assert {dt["id"] for dt in terms} == {term.id for term in FAQ.glossary}
    other = "en" if lang == "fr" else "fr"
    odsp = page.select_one("dt#odsp + dd")
    assert odsp.select_one(f'span[lang="{other}"]').get_text() == {"fr": "ODSP", "en": "POSPH"}[lang]
    assert FAQ.glossary[3].definition.in_(lang).split()[0] in odsp.get_text()
    home = html(built_site / LANGUAGE_DIRS[lang] / "index.html")
    assert home.select_one('article a[href="glossary/"]') is not None


def test_a_hostile_expansion_is_shown_as_typed_never_as_markup():
    hostile = 'Term](javascript:alert(1)) *x* &lt;script&gt; {: onclick="alert(1)" }'
    text = expand_abbreviations("The ODSP office.", [("ODSP", hostile)], set())
    rendered = RichTextRenderer({"en": {}}).render(text, "en")
    assert rendered.problems == []
    fragment = LexborHTMLParser(rendered.html, is_fragment=True)
    assert [node.tag for node in fragment.root.traverse(include_text=False) if node.tag != "-text"] == ["p"]
    assert fragment.text() == f"The {hostile} (ODSP) office."


def test_a_longer_abbreviation_holding_a_shorter_one_is_a_use_of_the_longer_only():
    """Longest first, a place taken once is taken: "ODSP ES" is not a use of ODSP, nor is a link's id."""
    glossary = [("SSM", "Service System Manager"), ("ODSP", "Ontario Disability Support Program"),
                ("ODSP ES", "ODSP Employment Supports")]  # fmt: skip
    explained: set[str] = set()
    assert expand_abbreviations("ODSP ES and [the rules][ODSP] for an SSM.", glossary, explained) == (
        "ODSP Employment Supports (ODSP ES) and [the rules][ODSP] for an Service System Manager (SSM).")
    assert explained == {"ODSP ES", "SSM"}
    assert expand_abbreviations("Then ODSP alone.", glossary, explained) == "Then Ontario Disability Support Program (ODSP) alone."
