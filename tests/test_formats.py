"""The registry of outputs (faqgen/takeaway.py, `FORMATS`) is whole: every output a module
declares is registered, made by faqgen or by a named stage, labelled in every language, published
where it says and linked where it says, and its check finds a damaged file; a new format needs its
module and its line, nothing else."""

from __future__ import annotations

import importlib
import pkgutil
import shutil

import pytest
from helpers import FIXTURES, LANGUAGE_DIRS, ROOT, ROOT_LANGUAGE, html

import faqgen
from faqgen import takeaway
from faqgen.addresses import Addresses
from faqgen.formats import Format
from faqgen.labels import LABELS
from faqgen.languages import LANGUAGES
from faqgen.pipeline import check
from faqgen.site_plan import HOME, page_names, page_path
from faqgen.updates import Changes
from faqgen.verify import verify_site

FAQ = check(ROOT / "faq.yaml").faq


def test_every_format_a_module_declares_is_registered_and_labelled_in_every_language():
    declared = {value for info in pkgutil.iter_modules(faqgen.__path__) if not info.ispkg
                for value in vars(importlib.import_module(f"faqgen.{info.name}")).values() if isinstance(value, Format)}  # fmt: skip
    assert declared == set(takeaway.FORMATS)
    assert all(format.label in LABELS[lang] for format in takeaway.FORMATS if format.label for lang in LANGUAGES)
    assert all((format.make is None) == bool(format.made_by) for format in takeaway.FORMATS)  # made by one stage
    files = [format.path(LANGUAGE_DIRS, lang) for format in takeaway.FORMATS for lang in format.languages(LANGUAGE_DIRS)]
    assert len(files) == len(set(files))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_output_is_published_and_linked_where_it_says(built_site, lang):
    folder = built_site / LANGUAGE_DIRS[lang]
    home = html(folder / "index.html")
    made = takeaway.made_formats(FAQ, published=True)  # the site's address is known
    assert {format.name for format in made} == {format.name for format in takeaway.FORMATS}
    for format in made:
        file = format.path(LANGUAGE_DIRS, lang if format.per_language else None)
        assert (built_site / file).is_file(), file
        if format.label is None:
            continue
        linked = [f"{name}: {link['href']}" for name in page_names(FAQ)
                  for link in html(built_site / page_path(LANGUAGE_DIRS, lang, name) / "index.html").select("article a[href]")
                  if link["href"].endswith(format.file(lang))]  # fmt: skip
        expected = {HOME, *format.listed_on} | (set(page_names(FAQ)) if format.at_every_page_end else set())
        assert {line.split(":")[0] for line in linked} == expected, (format.name, linked)
        assert home.select_one(f'.faq-downloads a[href$="{format.file(lang)}"]').get_text(strip=True) == LABELS[lang][format.label]


def test_a_new_format_is_its_declaration_and_one_line_of_the_registry(monkeypatch):
    faq = check(FIXTURES / "minimal.yaml").faq
    questions = Format("questions", "text/csv", lambda lang: f"questions-{lang}.csv", per_language=True,
                       make=lambda inputs, lang: "\n".join(q.question.in_(lang) for _, _, q in inputs.faq.questions()).encode(),
                       label="download_data", listed_on=frozenset({"providers"}))  # fmt: skip
    monkeypatch.setattr(takeaway, "FORMATS", (*takeaway.FORMATS, questions))
    addresses = Addresses(None, LANGUAGE_DIRS, LANGUAGES[0])
    files = takeaway.takeaway_files(faq, addresses, Changes(faq, faq.document.as_of), pdf=False)
    assert files[LANGUAGE_DIRS["en"] + "questions-en.csv"] == b"First question?\nSecond question?"
    offered = takeaway.downloads(faq, addresses, "en", pdf=False)
    assert [(item.file, item.media_type) for item in offered][-1] == (LANGUAGE_DIRS["en"] + "questions-en.csv", "text/csv")


@pytest.mark.parametrize("format", [format for format in takeaway.FORMATS if format.check], ids=lambda format: format.name)
def test_each_output_check_finds_its_file_damaged_and_nothing_else(built_site, tmp_path, format):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    file = format.path(LANGUAGE_DIRS, "en" if format.per_language else None)
    (site / file).write_bytes(b"<")  # neither XML, JSON nor a calendar
    problems = verify_site(site, FAQ, ROOT_LANGUAGE)
    assert len(problems) == 1 and problems[0].startswith(f"/{file}: "), problems
