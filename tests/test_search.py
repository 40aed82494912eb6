"""What the search index is built from: French elisions, records of a few questions, the text
of each section read from the converted page (the browser tests cover search end to end)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT
from hypothesis import given
from hypothesis import strategies as st

from faqgen.page_html import page_html
from faqgen.pipeline import check
from faqgen.search import (
    ELISION,
    QUESTIONS_PER_RECORD,
    WORD,
    Aside,
    Record,
    SearchCopy,
    audience_records,
    separate_elisions,
)

FAQ = check(ROOT / "faq.yaml").faq


@pytest.mark.parametrize(
    "text, expected",
    [
        ("l’économie", "l’\u00a0économie"),
        ("d’emploi et qu’ils", "d’\u00a0emploi et qu’\u00a0ils"),
        ("jusqu’en octobre", "jusqu’\u00a0en octobre"),
        ("L’Ontario", "L’\u00a0Ontario"),
        ("aujourd’hui", "aujourd’hui"),  # not an elision: one word
        ("Ontario’s services", "Ontario’s services"),  # English possessive untouched
        ("<a href='x'>l’accès</a>", "<a href='x'>l’\u00a0accès</a>"),
    ],
)
def test_elided_words_are_separated_for_the_index(text, expected):
    assert separate_elisions(text) == expected


@given(st.lists(st.sampled_from(["l", "L", "qu", "jusqu", "lorsqu", "s", "x", "é", "’", "'", " ", "<a>", "ſ", "2"]), max_size=30).map("".join))
def test_elisions_are_found_as_the_elision_pattern_finds_them(text):
    """separate_elisions finds them from each apostrophe, for speed: the same places as ELISION,
    and the words counted for the spelling list are the same either way."""
    assert separate_elisions(text) == ELISION.sub("\\1\u00a0", text)
    assert WORD.findall(separate_elisions(text)) == WORD.findall(text)


def test_an_audience_page_is_indexed_as_its_own_record_and_parts_of_its_questions():
    questions = (FAQ.audiences[0].questions * 45)[:45]
    audience = FAQ.audiences[0].model_copy(update={"questions": questions})
    texts = {"key-points": "Points clés.", **{question.id: f"Réponse {question.id}" for question in audience.questions}}
    records = audience_records(audience, "fr", "/service-providers/", texts)
    page, *parts = records
    assert (page.file, page.text, page.questions) == ("service-providers/index.html", "Points clés.", ())
    del texts["key-points"]
    assert audience_records(audience, "fr", "/service-providers/", texts) == parts  # no key points: no page record
    assert [part.file for part in parts] == [f"service-providers/part-{n}/index.html" for n in (1, 2, 3)]
    assert [len(part.questions) for part in parts] == [QUESTIONS_PER_RECORD, QUESTIONS_PER_RECORD, 5]
    numbered = [question.heading.split(". ", 1)[0] for part in parts for question in part.questions]
    assert numbered == [str(n) for n in range(1, 46)]
    first = parts[0].questions[0]
    assert (first.anchor, first.text) == (audience.questions[0].id, f"Réponse {audience.questions[0].id}")
    assert first.heading == "1. " + audience.questions[0].question.fr.replace(" ?", "\u00a0?").replace(" :", "\u00a0:")


def test_section_texts_are_read_from_the_converted_page():
    converted = page_html(
        "# Page {: #page-title }\n\nIntro.\n\n## Key points {: #key-points }\n\n<ul>\n<li>one <em>point</em></li>\n"
        "<li>two</li>\n</ul>\n\n## 1. Question? {: #first }\n\n<div>\n<p>An <a href=\"x\">answer</a> in <em>two</em>\n"
        "lines.</p>\n</div>\n\n<ol><li>Phase <b>I</b></li></ol>\n\n[Copy the link](#first){: .faq-permalink }\n\n"
        "<p>Last updated</p>\n",
        "page.en.md",
        lambda href: href,
    )
    assert converted.section_texts == {"key-points": "one point two", "first": "An answer in two lines. Phase I"}


def test_records_written_by_two_children_are_put_in_place_in_one_order():
    """Pagefind numbers pages in the order it finds their files, the order they were made in:
    whichever child writes first, the copy it indexes is made in one order (byte-identical builds)."""
    records = [Record(f"/{lang}/page-{number}/", lang, f"Page {number}", f"Text {number}")
               for lang in ("fr", "en") for number in range(12)]  # fmt: skip
    listings = []
    for halves in ((records[::2], records[1::2]), (records[1::2], records[::2])):  # each of both languages
        copy = SearchCopy()
        try:
            for half in halves:
                copy.add_records(half, beside=True)
            copy.gather()
            listings.append([(os.path.relpath(folder, copy.aside.path), folders, names)
                             for folder, folders, names in os.walk(copy.aside.path)])  # fmt: skip
        finally:
            copy.remove()
    assert listings[0] == listings[1]
    assert listings[0][0] == (".", ["site"], []) and sum(len(names) for _, _, names in listings[0]) == len(records)


def test_the_search_script_drops_the_elisions_the_index_separates():
    """One list, two languages of code: faqgen/search.py separates these elisions in the index,
    faqgen/assets/faq-search.js drops them from queries."""
    from faqgen.plugin import ASSETS

    script = (ASSETS / "faq-search.js").read_text(encoding="utf-8")
    in_script = re.search(r'const ELIDED = "([^"]*)"', script).group(1)
    in_index = re.search(r"\(\?:([^)]*)\)", ELISION.pattern).group(1)
    assert in_script.split("|") == in_index.split("|") and "qu" in in_index.split("|")


# A run that is killed cannot remove its search folders (the copy Pagefind indexes, in memory
# where there is room, and its bundle); the next run removes them, never those of a run under way.
_HOLDER = """
import sys, time
from faqgen.search import Aside
aside = Aside(sys.argv[1], sys.argv[2])
(aside.path / "record.html").write_text("<article>x</article>")
print(aside.path, flush=True)
if sys.argv[3] == "under way":
    time.sleep(60)
"""  # then it ends without removing them, as a killed run


def test_the_search_folders_of_a_killed_run_are_removed_by_the_next_and_none_of_a_run_under_way(tmp_path):
    def run(how):
        holder = subprocess.Popen([sys.executable, "-c", _HOLDER, "copy", str(tmp_path), how], stdout=subprocess.PIPE, text=True)
        return holder, Path(holder.stdout.readline().strip())

    under_way, its_folder = run("under way")
    try:
        killed, killed_folder = run("killed")
        killed.wait(timeout=30)
        assert killed_folder.is_dir() and (tmp_path / f"{killed_folder.name}.lock").is_file()
        mine = Aside("bundle", str(tmp_path))
        assert not killed_folder.exists() and not (tmp_path / f"{killed_folder.name}.lock").exists()
        assert (its_folder / "record.html").is_file()
        mine.remove()
        assert sorted(path.name for path in tmp_path.iterdir()) == [its_folder.name, f"{its_folder.name}.lock"]
    finally:
        under_way.kill()
        under_way.wait(timeout=30)


def test_the_little_words_are_snowballs_lists_with_the_forms_it_leaves_out_only_as_homonyms():
    """faqgen/stop_words/: every listed word; of the commented ones, only those the list says it
    leaves out because an index would confuse them with content words."""
    from faqgen.search import stop_words

    french, english = set(stop_words("fr")), set(stop_words("en"))
    assert {"les", "le", "que", "qu", "des", "vous", "avons"} <= french
    assert {"est", "été", "son", "sommes"} <= french  # "Omitted because it is homonym of…"
    assert {"the", "do", "does", "don't", "i'm"} <= english
    assert {"will", "can", "may", "must", "shall", "might"} <= english  # the auxiliaries it sets aside
    # Comment lines that are prose, and words it names only as common, are not stop words.
    assert not {"care", "sense", "us", "mine", "get", "new", "first", "one"} & english
    assert not {"single", "forms", "omitted"} & (french | english)
    assert len(french) == 164 and len(english) == 180
