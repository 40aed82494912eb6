"""Nothing typed into faq.yaml can run script, call another host or break a page: each hostile
text is refused at its place with the exact message, or shown on the page exactly as typed.
Places are counted as editors count them, and what `check` accepts, `site` publishes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import markdown
import pytest
from helpers import FIXTURES, HOSTILE_TEXTS, LANGUAGE_DIRS, ROOT_LANGUAGE, html, microdata, reader_pages
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from faqgen.languages import typeset
from faqgen.loader import load_text
from faqgen.markup import MARKDOWN_SYNTAX, EditorMarkdown, lists_and_links, markdown_escape, plain_paragraphs
from faqgen.pipeline import check
from faqgen.problems import FaqError
from faqgen.rich_text import RichTextRenderer
from faqgen.safety import EDITOR_TEXT, Fragment, check_fragment, check_page
from faqgen.validate import validate
from faqgen.verify import page_file, verify_site

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
ANSWER = "          fr: |\n            Réponse.\n\n            Voir la [[second-question]] et la [déclaration][statement].\n"
HTML_REFUSED = ("is HTML, which texts may not contain: write plain text, or in answers Markdown (*italic*, lists, "
                "[words](https://…); docs/reference.md, “What you may write”) (question first-question)")  # fmt: skip
LINKS = "links go to https://, http:// or mailto: addresses, or to another question with [[question-id]] (question first-question)"


def errors_of(text: str) -> list[str]:
    """The errors of faq.yaml (the minimal one, unless changed), without the file name."""
    with pytest.raises(FaqError) as error:
        validate(load_text(text, "faq.yaml"))
    return [str(problem).removeprefix("faq.yaml:") for problem in error.value.errors]


def with_answer(answer: str) -> str:
    """The minimal FAQ whose first French answer (a literal block at line 47, column 13) is `answer`."""
    assert ANSWER in MINIMAL
    return MINIMAL.replace(ANSWER, "          fr: |\n" + "".join(f"            {line}\n" for line in answer.split("\n")))


@pytest.mark.parametrize(
    "answer, expected",
    [
        # Parser differentials: Python's html.parser and browsers disagree on these.
        ("x <!--> <img src=x onerror=alert(1)> --> y", [f"47:15: error: `<!--…` {HTML_REFUSED}"]),
        ("x <!---> y", [f"47:15: error: `<!--…` {HTML_REFUSED}"]),
        ('a <noscript><p title="</noscript><img src=x onerror=alert(1)>">', [f"47:15: error: `<noscript>` {HTML_REFUSED}"]),
        ('<xmp><p title="</xmp><img src=x onerror=alert(1)>">', [f"47:13: error: `<xmp>` {HTML_REFUSED}"]),
        ("a <![CDATA[><img src=x onerror=alert(1)>]]>", [f"47:15: error: `<![CDATA[…` {HTML_REFUSED}"]),
        # Requests to another host, and markup that swallows the page.
        ('a <span style="background-image:url(https://evil.example/x.png)">x</span>', [f"47:15: error: `<span>` {HTML_REFUSED}"]),
        ('<img srcset="https://evil.example/x.png 1x">', [f"47:13: error: `<img>` {HTML_REFUSED}"]),
        ('<image src="https://evil.example/x.png">', [f"47:13: error: `<image>` {HTML_REFUSED}"]),
        ("Fin.\n<textarea>", [f"48:13: error: `<textarea>` {HTML_REFUSED}"]),
        ("a <https://evil.example/>", [f"47:15: error: `<https>` {HTML_REFUSED}"]),
        ('<div markdown="1">*x*</div>', [f"47:13: error: `<div>` {HTML_REFUSED}"]),
        # Links: only https, http, mailto and [[question-id]], read as browsers read them.
        ("[x](/\\evil.example/x.png)", [f"47:17: error: an address starting with // (or /\\) leads to another host: `/\\evil.example/x.png`; {LINKS}"]),
        ("[x](//evil.example/x.png)", [f"47:17: error: an address starting with // (or /\\) leads to another host: `//evil.example/x.png`; {LINKS}"]),
        ("[x](JaVaScRiPt:alert(1))", [f"47:17: error: `javascript:` links are not allowed: `JaVaScRiPt:alert(1)`; {LINKS}"]),
        ("[x](javascript&#58;alert(1))", [f"47:13: error: `javascript:` links are not allowed: `javascript:alert(1)`; {LINKS}"]),
        ("[x](data:text/html,hello)", [f"47:17: error: `data:` links are not allowed: `data:text/html,hello`; {LINKS}"]),
        ("voir [la page](other-page.md)", [f"47:28: error: `other-page.md` is not a web address (https://, http:// or mailto:); {LINKS}"]),
        ("[accueil](/en/)", [f"47:23: error: `/en/` is not a web address (https://, http:// or mailto:); {LINKS}"]),
        # A reference definition in a text defines nothing: only `links:` does.
        ("[x]: javascript:alert(1)\n\nVoir [ici][x].", ["49:24: error: `[…][x]` refers to no link: add it under `links:` (question first-question)"]),
        # Blocks stand on their own line; brackets nest at most 16 deep (linear time).
        ("Voir [[timeline]] ici.", ["47:18: error: `[[timeline]]` shows a whole block: put it on a line of its own (question first-question)"]),
        ("[" * 3000 + "](https://x.example/)", ["47:29: error: brackets `[` are nested too deep (more than 16): close them with `]` (question first-question)"]),
        ("[x" * 3000, ["47:45: error: brackets `[` are nested too deep (more than 16): close them with `]` (question first-question)"]),
        ("[a](" * 2000, ["47:48: error: parentheses are nested too deep in a link's address (question first-question)"]),
        ("Voir [ici](https://a.example 'titre\nsuite)", ["47:23: error: this link's address is not closed: end it with `)` on the same line (question first-question)"]),
        ("mot " * 3000, ["47:13: error: this paragraph is 12,000 characters long, more than 10,000: split it with blank lines (question first-question)"]),
        # Texts that look written but are not.
        ("\u200b\u2060", ["47:13: error: this text has no visible characters (only spaces or invisible ones such as U+200B): write the text (question first-question)"]),
    ],
    ids=lambda value: value[:24] if isinstance(value, str) else None,
)  # fmt: skip
def test_hostile_rich_text_is_refused_at_its_place(answer, expected):
    assert errors_of(with_answer(answer)) == expected


def test_characters_editors_cannot_see_are_reported_where_the_editor_sees_them():
    text = MINIMAL.replace("title: {fr: Titre, en: Title}", "title: {fr: Ti\u2028tre, en: Ti\u2029tle}")
    text = text.replace("            Réponse.\n", "            Ré\x07ponse\x00 <b>.\n", 1)
    assert errors_of(text) == [
        "2:17: error: the text holds a line separator (U+2028), often pasted from web pages, which is not allowed: delete it or type a space",
        "2:29: error: the text holds a paragraph separator (U+2029), often pasted from web pages, which is not allowed: delete it or type a space",
        "47:15: error: the text holds a control character (U+0007), which is not allowed: delete it or type a space",
        "47:21: error: the text holds a control character (U+0000), which is not allowed: delete it or type a space",
        # still found, on the editor's line 47: U+2028 on line 2 did not shift it
        f"47:23: error: `<b>` {HTML_REFUSED}",
    ]  # fmt: skip


def test_locations_hold_with_windows_line_ends_tabs_and_a_byte_order_mark():
    text = "\ufeff" + with_answer("a\t<b>").replace("\n", "\r\n")
    assert errors_of(text) == [f"47:15: error: `<b>` {HTML_REFUSED}"]


def test_a_carriage_return_alone_is_reported():
    assert errors_of(MINIMAL.replace("Première question?", "Première\rquestion?")) == [
        "42:23: error: the text holds a carriage return alone (U+000D), which is not allowed: delete it or type a space"
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("- id: first-question", "- id: page-title", "39:13: error: `page-title` is the id of a heading the pages make themselves; choose another id (question page-title)"),
        ("- id: now", "- id: audiences", "8:9: error: `audiences` is the id of a heading the pages make themselves; choose another id (key_points[audiences].id)"),
        ("- id: providers", "- id: pagefind", "36:9: error: `pagefind` is a page name the site uses itself; choose another audience id (audiences[pagefind].id)"),
        ("number: 1", "number: " + "9" * 400, "16:13: error: `99999999999999999999…` is too large: at most 20 (phases[planning].number)"),
        ("points: 260", "points: 1" + "0" * 400, None),
    ],
)  # fmt: skip
def test_reserved_ids_and_huge_numbers(old, new, expected):
    text = MINIMAL.replace(old, new, 1)
    if expected is None:  # not in the minimal file: no traceback is enough
        validate(load_text(text))
        return
    assert old in MINIMAL
    assert errors_of(text) == [expected]


def test_a_phase_that_ends_on_the_last_day_there_is_is_refused_at_check():
    # The calendar and the feeds count the day after a date: check refuses what they could not
    # (it passed check, then `site` failed without a location).
    text = MINIMAL.replace("  - id: transition\n", "  - id: transition\n    end: 9999-12-31\n")
    with pytest.raises(FaqError) as error:
        validate(load_text(text, "f.yaml"))
    line = text.splitlines().index("    end: 9999-12-31") + 1
    assert [str(problem) for problem in error.value.problems] == [
        f"f.yaml:{line}:10: error: `9999-12-31` is out of range: give a year from 1900 to 2999 (phases[transition].end)"]


# ---------------------------------------------------------------- what check accepts is shown as typed


def test_the_hostile_site_builds_verifies_and_shows_every_text_as_typed(hostile_site):
    site = hostile_site.project / "site"
    faq = check(hostile_site.project / "faq.yaml", strict=True).faq
    assert verify_site(site, faq, ROOT_LANGUAGE) == []
    texts = {path: LexborHTMLParser(path.read_text(encoding="utf-8")) for path in reader_pages(site)}
    visible = " ".join(" ".join(tree.body.text(separator=" ").split()) for tree in texts.values())
    for name, typed in HOSTILE_TEXTS.items():
        for line in typed if isinstance(typed, list) else [typed]:
            assert " ".join(line.split()).replace("'", "’") in visible or line in visible, (name, line)
    for path, tree in texts.items():
        for node in tree.root.traverse(include_text=False):
            assert not [name for name in node.attributes if name.startswith("on")], (path, node.html[:80])
            assert not node.attributes.get("href", "").lower().startswith("javascript"), path
            assert node.tag not in ("img", "textarea", "iframe", "blockquote"), (path, node.tag)
            assert "data-pagefind-body" not in node.attributes
        assert tree.css('script[src$="faq-search.js"]'), f"{path}: the page's last script was swallowed"
    providers = LexborHTMLParser((site / "providers" / "index.html").read_text(encoding="utf-8"))
    assert providers.css_first("title").text().startswith(HOSTILE_TEXTS["audience_fr"])
    english = LexborHTMLParser((site / "en" / "index.html").read_text(encoding="utf-8"))
    assert HOSTILE_TEXTS["subtitle_en"] in english.css_first('meta[name="description"]').attributes["content"]


def test_the_hostile_texts_reach_every_take_away_format_as_data(hostile_site):
    """Each format's own reader gets back what was typed, and nothing in it is a link but the
    site's own and https:// ones: Atom (feedparser), the open data (json), the calendar
    (icalendar) and the PDF (pypdf)."""
    import json

    import feedparser
    import icalendar
    import pypdf

    site = hostile_site.project / "site"
    typed = HOSTILE_TEXTS
    feed = feedparser.parse((site / "feed-fr.xml").read_bytes())
    assert not feed.bozo and [entry.title for entry in feed.entries] == [typed["update_fr"]]
    content = LexborHTMLParser(feed.entries[0].content[0].value)
    assert content.css_first("p").text() == typed["update_fr"]  # the summary as typed, never as markup
    assert not content.css("script") and all(
        link.attributes["href"].startswith(hostile_site.url) for link in content.css("a"))
    data = json.loads((site / "faq.json").read_text(encoding="utf-8"))
    assert data["document"]["subtitle"]["en"] == typed["subtitle_en"]
    assert data["audiences"][0]["title"] == {"fr": typed["audience_fr"], "en": typed["audience_en"]}
    assert data["audiences"][0]["questions"][0]["question"] == {"fr": typed["question_fr"], "en": typed["question_en"]}
    assert data["updates"][0]["summary"]["fr"] == typed["update_fr"]
    calendar = icalendar.Calendar.from_ical((site / "en" / "timeline-en.ics").read_bytes())
    assert f"Phase I – {typed['phase_en']}" in [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    for pdf, lang in ((site / "faq-fr.pdf", "fr"), (site / "en" / "faq-en.pdf", "en")):
        reader = pypdf.PdfReader(pdf)
        text = "".join("".join(page.extract_text().split()) for page in reader.pages)  # lines broken anywhere
        assert all("".join(typeset(typed[f"{what}_{lang}"], lang).split()) in text for what in ("question", "audience"))
        actions = [annotation.get_object().get("/A") for page in reader.pages for annotation in page.get("/Annots") or []]
        assert all(action is None or str(action["/URI"]).startswith((hostile_site.url, "https://")) for action in actions)


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_a_hostile_question_is_named_in_the_page_s_schema_org_data_as_typed(hostile_site, lang):
    page = html(page_file(hostile_site.project / "site", lang, "providers", LANGUAGE_DIRS))
    [faq_page] = microdata(page)
    question = faq_page["properties"]["mainEntity"][0]  # first-question, which holds the hostile words
    assert question["properties"]["name"] == [typeset(HOSTILE_TEXTS[f"question_{lang}"], lang)]


def test_check_and_site_agree_a_text_mkdocs_would_refuse_is_refused_by_check(tmp_path):
    """What used to pass `check` and fail only in `site`, without a place in faq.yaml."""
    for answer in ("[voir](other-page.md)", "[accueil](/en/)", "[x](#key-points)"):
        assert errors_of(with_answer(answer)), answer


INJECTIONS = [  # (where: in the head or at the start of the content, what, what verification says)
    ("head", '<meta name="x" content="y" onfocus="alert(1)" autofocus>', "the attribute `onfocus` on <meta> is not allowed in the head"),
    ("head", "<script>alert(1)</script>", "an inline script that is not the theme's"),
    ("head", '<link rel="stylesheet" href="https://evil.example/x.css">', "<link> loads `https://evil.example/x.css` from another host"),
    ("head", '<link rel="stylesheet" href="/\\evil.example/x.css">', "<link> loads `/\\evil.example/x.css` from another host"),
    ("head", '<script src="https://evil.example/x.js"></script>', "<script> loads `https://evil.example/x.js` from another host"),
    ("head", '<base href="https://evil.example/">', "the element <base> is not allowed in the head"),
    # Browsers end the head before an <a>: it is the frame's, where links stay on the site.
    ("head", '<a href="https://evil.example/">x</a>', "a link to another site in the page's frame: `https://evil.example/`"),
    ("head", '<script type="application/ld+json">{}</script>', "an inline script that is not the theme's"),
    ("head", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "the attribute `http-equiv` on <meta> is not allowed in the head"),
    ("content", '<p style="background:url(https://evil.example/x.png)">', "the attribute `style` on <p> is not allowed in the content"),
    ("content", '<img srcset="https://evil.example/x.png 1x">', "the element <img> is not allowed in the content"),
    ("content", '<a href="https://ok.example/" ping="https://evil.example/">x</a>', "the attribute `ping` on <a> is not allowed in the content"),
    ("content", "<p data-pagefind-body>x</p>", "the attribute `data-pagefind-body` on <p> is not allowed in the content"),
    ("content", "<textarea>", "the element <textarea> is not allowed in the content"),
    ("content", '<meta itemprop="x" http-equiv="refresh" content="0;url=https://evil.example/">',
     "the attribute `http-equiv` on <meta> is not allowed in the content"),
    ("content", '<h2 id="page-title">again</h2>', "the id `page-title` is used twice"),
]  # fmt: skip


@pytest.mark.parametrize("where, injected, expected", INJECTIONS, ids=[i[1][:30] for i in INJECTIONS])
def test_verification_refuses_what_a_browser_would_run_anywhere_in_a_page(hostile_site, where, injected, expected):
    page = (hostile_site.project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert check_page(page)[1] == []
    position = page.index("</head>") if where == "head" else page.index(">", page.index("<article")) + 1
    problems = check_page(page[:position] + injected + page[position:])[1]
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize("before, expected", [
    ("</article>", ["the element <input> is not allowed in the content", "the attribute `style` on <input> is not allowed in the content"]),
    ("<footer", ["the attribute `style` on <input> is not allowed in the page",
                 "a link to another site in the page's frame: `https://elsewhere.example/`"]),
    ("</footer>", ["the attribute `style` on <input> is not allowed in the page"]),  # the publisher's footer links to its site
])  # fmt: skip
def test_verification_reads_each_zone_to_its_last_element(hostile_site, before, expected):
    """The content's rules hold to its last element and end with it; only the publisher's footer links elsewhere."""
    page = (hostile_site.project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    injected = '<input style="x"><a href="https://elsewhere.example/">x</a>'
    position = page.index(before, page.index("<article"))
    facts, problems = check_page(page[:position] + injected + page[position:])
    assert problems == expected
    assert "https://elsewhere.example/" in facts.links
    # Verification reads the page's bytes (faqgen/verify.py): the same facts and problems.
    assert check_page((page[:position] + injected + page[position:]).encode()) == (facts, problems)


def _in_content(html: str) -> Callable[[str], str]:
    return lambda page: page.replace("</article>", html + "</article>", 1)


_PASTED_FOOTER = '<footer class="faq-footer"><a href="https://elsewhere.example/">x</a></footer>'
_PASTED_FOOTER_PROBLEMS = ["the element <footer> is not allowed in the content",
                           "the attribute `class` on <footer> is not allowed in the content"]
_SCRIPT = "window.steal = () => fetch('/a-long-enough-address-to-be-cut-in-the-message/' + document.cookie)"


@pytest.mark.parametrize("change, problems, fact", [
    # A footer like the publisher's, pasted into the content, is the content's (the frame's is the
    # page's last), even where the frame's is gone: the content's rules win.
    (_in_content(_PASTED_FOOTER), _PASTED_FOOTER_PROBLEMS, None),
    (lambda page: _in_content(_PASTED_FOOTER)(re.sub(r'<footer class="faq-footer".*?</footer>', "", page, flags=re.S)),
     _PASTED_FOOTER_PROBLEMS, None),
    (_in_content("<p id>x</p><p id>y</p>"), ["the id `` is used twice"], None),  # an empty id, as browsers read it
    (_in_content(f"<script>{_SCRIPT}</script>"),
     ["the element <script> is not allowed in the content",
      f"an inline script that is not the theme's (sha256 {hashlib.sha256(_SCRIPT.encode()).hexdigest()}): {_SCRIPT[:60]!r}"],
     None),
    (lambda page: re.sub(r'(<meta http-equiv="Content-Security-Policy") content="[^"]*"', r"\1", page, count=1),
     ["the Content-Security-Policy is not faqgen's (``; expected `{policy}`)"], None),
    (lambda page: page.replace("</head>", '<link rel="canonical"><meta name="robots"></head>', 1), [],
     lambda facts: ("canonical", None, "") in facts.addresses and facts.robots == ""),
    (lambda page: _in_content('<p lang="fr">x</p>')(re.sub(r"<html lang=\"en\"", "<html", page, count=1)), [],
     lambda facts: facts.lang is None),  # the page's language is <html>'s, or none
])  # fmt: skip
def test_verification_reads_a_page_as_browsers_do(hostile_site, change, problems, fact):
    page = (hostile_site.project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
    facts, found = check_page(change(page))
    assert found == [problem.format(policy=policy) for problem in problems]
    assert fact is None or fact(facts), facts


def test_verification_reads_a_byte_that_is_not_utf8_as_browsers_do(hostile_site):
    page = (hostile_site.project / "site" / "en" / "index.html").read_bytes()
    position = page.index(b"</article>")
    facts, problems = check_page(page[:position] + b'<p id="caf\xe9">x</p>' + page[position:])
    assert problems == []
    assert "caf\ufffd" in facts.ids


# ---------------------------------------------------------------- properties

_PIECES = st.sampled_from(["<", ">", "&", "[", "]", "(", ")", "{:", "}", "*", "_", "`", "!", "#", "\n", "\n\n", " ",
                           "javascript:", "https://x.example/", "//", "\\", '"', "'", "=", "onclick", "a", "é", "-", "1."])  # fmt: skip


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_rich_text_becomes_allowed_html_or_is_refused(text):
    rendered = RichTextRenderer({"fr": {}}).render(text, "fr")
    if rendered.problems:
        return  # refused: validate reports these with their place
    fragment = check_fragment(rendered.html)
    assert fragment.problems == []
    tree = LexborHTMLParser(rendered.html, is_fragment=True)
    for node in tree.root.traverse(include_text=False) if tree.root else []:
        assert node.tag in EDITOR_TEXT or node.tag.startswith("-"), node.tag


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_plain_text_is_shown_literally_in_a_markdown_heading(text):
    """As MkDocs converts the generated pages (raw HTML, attr_list, toc all on)."""
    assume(text.strip())  # the model refuses an empty text
    text = re.sub(r"<(?=[A-Za-z/!?])", "< ", text)  # a tag is refused before it gets here
    html = markdown.markdown(f"## {markdown_escape(text)} {{: #anchor }}", extensions=["attr_list", "toc"])
    heading = LexborHTMLParser(html, is_fragment=True).css_first("h2")
    assert heading is not None and list(heading.attributes) == ["id"] and heading.attributes["id"] == "anchor"
    assert " ".join(heading.text().split()) == " ".join(text.split())


@pytest.mark.parametrize("text", ["- not a list", "1. not a list", "2026. A year", "---", "-1"])
def test_a_plain_text_that_opens_like_a_list_or_a_rule_stays_a_paragraph_of_its_words(text):
    html = markdown.markdown(markdown_escape(text))
    paragraph = LexborHTMLParser(html, is_fragment=True).root
    assert (paragraph.tag, paragraph.next, paragraph.text()) == ("p", None, text), html


_PLAIN = st.sampled_from(["a", "é", " ", "  ", "\n", "\n\n", "\n \n", "1", "2.", ".", "-", "+", "#", "=", ":", "’",
                          "(", ")", "%", "\u00a0", "   ", "word", "\x010\x01"])  # fmt: skip  (\x01…: a [[link]]'s placeholder)


@given(st.lists(_PLAIN, min_size=1, max_size=30).map("".join))
def test_the_fast_path_for_plain_paragraphs_is_what_markdown_makes_and_needs_no_check(text):
    assume(text.strip() and not MARKDOWN_SYNTAX.search(text))
    assert plain_paragraphs(text) == EditorMarkdown().markdown(text, {})
    assert check_fragment(plain_paragraphs(text)) == Fragment(plain_paragraphs(text), [])


_CLEAN = ["a", "é", " ", "word", "[mots][lien]", "[mots][autre]", "[mots][Lien]", "’", "\x010\x01", ":", "(", ")"]
_TRICKY = ["[mots][inconnu]", "[mots][ lien ]", "[a *b*][lien]", "[mots]", "[", "]", "!", "&", "\t", "  ", "-", "1.", "#"]
_LINE = st.lists(st.sampled_from(_CLEAN * 6 + _TRICKY), min_size=1, max_size=8).map("".join)
_BLOCK = st.one_of(st.lists(_LINE, min_size=1, max_size=3).map("\n".join),
                   st.lists(_LINE, min_size=1, max_size=4).map(lambda lines: "\n".join("- " + line for line in lines)))
_LISTS_AND_LINKS = st.tuples(st.lists(_BLOCK, min_size=1, max_size=4),
                             st.sampled_from(["\n\n", "\n \n", "\n\n\n", "\n"])).map(lambda parts: parts[1].join(parts[0]))  # fmt: skip
_REFERENCES = {"lien": ("https://example.org/a?b=1&c=2", 'Un "titre"'), "autre": ("https://example.org/fr-seulement", "")}
_MARKS = {"https://example.org/fr-seulement": ("fr", "(en français seulement)")}


@settings(max_examples=600)  # a fifth of them take the fast path; the others must be declined
@given(_LISTS_AND_LINKS)
def test_the_fast_path_for_lists_and_links_is_what_markdown_makes(text):
    assume(text.strip() and MARKDOWN_SYNTAX.search(text))
    fast = lists_and_links(text, _REFERENCES, _MARKS)  # None: it goes to Python-Markdown
    assert fast is None or check_fragment(fast) == check_fragment(EditorMarkdown().markdown(text, _REFERENCES, _MARKS))


def test_the_fast_path_takes_the_lists_and_links_answers_are_made_of():
    text = "Voir la [déclaration][lien] :\n\n- un point\n- un [autre][autre]\n\nFin."
    assert lists_and_links(text, _REFERENCES, _MARKS) == (
        '<p>Voir la <a href="https://example.org/a?b=1&amp;c=2" title="Un &quot;titre&quot;">déclaration</a> :</p>\n'
        '<ul>\n<li>un point</li>\n<li>un <a href="https://example.org/fr-seulement" hreflang="fr">autre</a> '
        "(en français seulement)</li>\n</ul>\n<p>Fin.</p>"
    )
    for other in ("- un\n\n- deux", "*Important*", "[x](https://example.org)", "Un  \ndeux", "- un\n  suite", "- 1. un"):
        assert lists_and_links(other, _REFERENCES, _MARKS) is None, other
