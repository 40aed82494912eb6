"""The complete document as a PDF (faqgen/pdf.py, Typst): what editors type reaches Typst as data
and prints as typed; links between questions stay within the document; the same FAQ makes the
same bytes in any process. Read back with pypdf. (The real site's PDFs: tests/test_takeaway.py.)"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys

import pypdf
import pytest
from helpers import FIXTURES, ROOT

from faqgen.confirm import confirm, to_confirm
from faqgen.languages import typeset
from faqgen.loader import load_text
from faqgen.pdf import document_pdf, document_tree
from faqgen.pipeline import check

# Typst's own syntax, and the characters its markup gives a meaning (`#`, `$`, `[`, `]`, `\`, `@`,
# `<`, `*`, `_`, `=`, `/*`): each would change the document if it were read as Typst.
TYPST_QUESTION = r'#set page(fill: red) #pagebreak() $x^2$ [*gras*] \ @second-question 1 < 2 _i_ = t /* c */ // d'
TYPST_ANSWER = [
    "#set text(size: 40pt)",
    "#pagebreak() #pagebreak() #pagebreak()",
    '#link("https://evil.example/")[ici] #read("/etc/passwd") #import "x.typ": *',
    "$ sum_(i=0)^n i $ and @first-question and x<2",
    "= Pas un titre",
    "/* pas un commentaire",
    '#{ let x = "a" * 1000; x } #show: it => none',
]


def faq_with(question: str, answer: list[str], tmp_path) -> tuple:
    """The minimal FAQ with `question` and `answer` (paragraphs) as the first question's French and
    English texts, confirmed, checked: (model, converted texts)."""
    def quoted(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    block = "|\n" + "".join(f"            {line}\n\n" for line in answer)
    source = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    for lang, old_question, old_answer in (("fr", "Première question?", "Réponse.\n"), ("en", "First question?", "Answer.\n")):
        source = source.replace(f"{lang}: {old_question}", f"{lang}: {quoted(question)}", 1)
        source = source.replace(f"{lang}: |\n            {old_answer}", f"{lang}: {block}            {old_answer}", 1)
    loaded = load_text(source)
    tmp_path.mkdir()
    path = tmp_path / "faq.yaml"
    path.write_text(confirm(loaded, to_confirm(loaded, None)), encoding="utf-8")
    checked = check(path)  # raises with every problem if the texts were refused
    return checked.faq, checked.texts


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def unspaced(text: str) -> str:
    return "".join(text.split())  # lines are broken anywhere


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_typst_syntax_in_any_text_prints_as_typed_and_changes_nothing(tmp_path, lang):
    hostile, hostile_texts = faq_with(TYPST_QUESTION, TYPST_ANSWER, tmp_path / "hostile")
    plain, plain_texts = faq_with("Une question ordinaire?", ["Un paragraphe."] * len(TYPST_ANSWER), tmp_path / "plain")
    document = read(document_pdf(hostile, lang, hostile.document.last_updated, None, hostile_texts))
    text = unspaced(" ".join(page.extract_text() for page in document.pages))
    for typed in [TYPST_QUESTION, *TYPST_ANSWER]:
        assert unspaced(typeset(typed, lang)) in text, typed
    # Nothing ran: no page broken, filled, emptied or grown by the texts' commands; no link to them.
    expected = read(document_pdf(plain, lang, plain.document.last_updated, None, plain_texts))
    assert len(document.pages) == len(expected.pages)
    addresses = [str(annotation.get_object()["/A"]["/URI"]) for page in document.pages
                 for annotation in page.get("/Annots") or [] if "/A" in annotation.get_object()]  # fmt: skip
    assert addresses == [f"https://example.org/{lang}"]  # the answer's one link, to its `links:` entry


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_link_to_a_question_leads_to_its_heading_within_the_document(lang):
    checked = check(FIXTURES / "minimal.yaml")
    document = read(document_pdf(checked.faq, lang, checked.faq.document.last_updated, None, checked.texts))
    destinations = [annotation.get_object()["/Dest"] for page in document.pages
                    for annotation in page.get("/Annots") or [] if "/Dest" in annotation.get_object()]  # fmt: skip
    assert destinations == ["second-question"]  # the first answer's [[second-question]]
    target = document.named_destinations["second-question"]
    page = document.pages[document.get_destination_page_number(target)]
    heading = "2. Deuxième question?" if lang == "fr" else "2. Second question?"
    assert unspaced(typeset(heading, lang)) in unspaced(page.extract_text())


def test_the_same_faq_makes_the_same_bytes_in_two_processes():
    """No clock, no process state, no system font: two fresh processes, one PDF."""
    program = ("import hashlib, sys; from pathlib import Path; from faqgen.pipeline import check; "
               "from faqgen.pdf import document_pdf; c = check(Path(sys.argv[1])); "
               "print(hashlib.sha256(document_pdf(c.faq, 'en', c.faq.document.last_updated, 'https://faq.example/en/', "
               "c.texts)).hexdigest())")  # fmt: skip
    digests = {subprocess.run([sys.executable, "-c", program, str(ROOT / "faq.yaml")], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip() for _ in range(2)}  # fmt: skip
    assert len(digests) == 1 and len(next(iter(digests))) == len(hashlib.sha256().hexdigest())


def test_the_document_reaches_typst_as_a_tree_of_its_elements_with_spaces_as_a_browser_reads_them():
    html = ('<body>\n<section class="title-page">\n<p class="ministry">  A\n  ministry </p>\n</section>\n'
            '<h2 id="x">Key\u00a0points</h2>\n<ol start="3"><li>one <em>two</em> <a href="#x">three</a></li></ol>\n</body>')  # fmt: skip
    assert document_tree(html) == {"t": "body", "c": [
        {"t": "section", "class": "title-page", "c": [{"t": "p", "class": "ministry", "c": ["A ministry"]}]},
        {"t": "h2", "id": "x", "c": ["Key\u00a0points"]},
        {"t": "ol", "start": 3, "c": [{"t": "li", "c": ["one ", {"t": "em", "c": ["two"]}, " ", {"t": "a", "href": "#x", "c": ["three"]}]}]},
    ]}  # fmt: skip


def test_an_element_the_print_template_does_not_know_is_a_defect_not_a_silent_omission():
    with pytest.raises(ValueError, match=r"no <img>"):
        document_tree('<body><p>a <img src="x.png"></p></body>')
