"""Regeneration of content/: only what changed, nothing hand-written touched, nothing on failure."""

from __future__ import annotations

import pytest
from helpers import ROOT, mkdocs, snapshot

from bench.synthetic import SHAPES, synthetic_faq
from faqgen.labels import LABELS
from faqgen.languages import LANGUAGES
from faqgen.loader import load_text
from faqgen.pipeline import check, generate, shares
from faqgen.problems import FaqError
from faqgen.render import RenderedPages, render_site
from faqgen.site_plan import page_names
from faqgen.validate import validate
from faqgen.write import HandWrittenPageError

FAQ_TEXT = (ROOT / "faq.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """Line number of `needle` in `text`, so that tests survive edits to faq.yaml."""
    return text[: text.index(needle)].count("\n") + 1


def test_second_run_writes_nothing(project):
    first = generate(project / "faq.yaml", project / "content")
    assert len(first.report.written) == 2 * len(page_names(first.faq))
    second = generate(project / "faq.yaml", project / "content")
    assert second.report.written == [] and second.report.removed == []
    assert len(second.report.unchanged) == 2 * len(page_names(first.faq))


def test_a_change_rewrites_only_the_pages_it_touches(project):
    generate(project / "faq.yaml", project / "content")
    faq = project / "faq.yaml"
    faq.write_text(FAQ_TEXT.replace("What was the purpose of the competitive process?", "Why a competition?"))
    report = generate(faq, project / "content").report
    assert report.written == ["ssm-selection.en.md"]


def test_pages_that_no_longer_exist_are_removed_but_hand_written_ones_kept(project):
    content = project / "content"
    generate(project / "faq.yaml", content)
    (content / "about.fr.md").write_text("# À propos\n\nPage écrite à la main.\n")
    faq = project / "faq.yaml"
    start = FAQ_TEXT.index("  - id: municipalities\n")
    end = FAQ_TEXT.index("  - id: social-assistance\n")
    faq.write_text(FAQ_TEXT[:start] + FAQ_TEXT[end:])
    report = generate(faq, content).report
    assert sorted(report.removed) == ["municipalities.en.md", "municipalities.fr.md"]
    assert (content / "about.fr.md").read_text() == "# À propos\n\nPage écrite à la main.\n"


def test_a_hand_written_page_is_never_overwritten(project):
    content = project / "content"
    content.mkdir(exist_ok=True)
    (content / "timeline.en.md").write_text("# My own timeline\n")
    before = snapshot(content)
    with pytest.raises(HandWrittenPageError, match="timeline.en.md was written by hand"):
        generate(project / "faq.yaml", content)
    assert snapshot(content) == before


def test_a_file_with_errors_changes_nothing(project):
    content = project / "content"
    generate(project / "faq.yaml", content)
    before = snapshot(content)
    faq = project / "faq.yaml"
    faq.write_text(
        FAQ_TEXT.replace(
            "          en: Will current Employment Ontario programs in the prototype regions be affected?\n", ""
        )
    )
    with pytest.raises(FaqError) as error:
        generate(faq, content)
    source = load_text(FAQ_TEXT)
    audience = next(i for i, a in enumerate(source.data["audiences"]) if a["id"] == "service-providers")
    number = next(
        i for i, q in enumerate(source.data["audiences"][audience]["questions"]) if q["id"] == "impact-on-eo-programs"
    )
    line, column = source.key_positions[("audiences", audience, "questions", number, "question")]
    assert [str(p) for p in error.value.problems] == [
        f"{faq}:{line}:{column}: error: the English text (`en:`) is missing; both languages are required "
        "(French Language Services Act) (question impact-on-eo-programs)"
    ]
    assert snapshot(content) == before


def test_mkdocs_build_reports_errors_without_traceback_and_keeps_pages(project):
    assert mkdocs(project, "build", "--strict").returncode == 0
    before = snapshot(project / "content")
    (project / "faq.yaml").write_text(
        FAQ_TEXT.replace(
            "[[provider-inside-prototype-region]] for more on the phases",
            "[[provider-in-prototype-region]] for more on the phases",
        )
    )
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    line = line_of(FAQ_TEXT, "See the answer to [[provider-inside-prototype-region]] for more on the phases")
    assert (
        f"faq.yaml:{line}:31: error: `[[provider-in-prototype-region]]` refers to no question: no question has the id "
        "`provider-in-prototype-region`; did you mean `provider-inside-prototype-region`? "
        "(question funding-per-client)"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "content") == before


def test_interface_words_exist_in_both_languages():
    assert LABELS["fr"].keys() == LABELS["en"].keys()
    assert all(LABELS["fr"][key] for key in LABELS["fr"]) and all(LABELS["en"][key] for key in LABELS["en"])


# The preview's pages (faqgen.render.RenderedPages): an edit renders again the pages it changed,
# and a page kept from the run before is the page a fresh run makes. ssm-selection's first
# answer links to a question of service-providers, so that page shows what another one holds.
CROSS_PAGE = FAQ_TEXT.replace(
    "Les gestionnaires de système de services recevront un financement en fonction des résultats qu’ils produiront.",
    "Voir aussi la [[provider-inside-prototype-region]].",
).replace(
    "Service System Managers will be funded based on the results they achieve.",
    "See also [[provider-inside-prototype-region]].",
)
NEW_FIRST_QUESTION = """    questions:
      - id: a-new-first-question
        question: {fr: Une nouvelle question?, en: A new question?}
        answer: {fr: Oui., en: Yes.}
      - id: provider-inside-prototype-region
"""
EDITS = {  # edit → the audience pages it changes (an answer's: its page only, the others are kept)
    "an answer": (("will set up in their prototype region right away", "will start in their region at once"), {"service-providers"}),
    "a page's menu title, which another page's link names": (("en: Service providers", "en: Providers"), {"service-providers", "ssm-selection"}),
    "a question put first, which renumbers those another page links to": (
        ("    questions:\n      - id: provider-inside-prototype-region\n", NEW_FIRST_QUESTION), {"service-providers", "ssm-selection"}),
    "what an abbreviation a page explains stands for": (
        ("      en: Ontario Disability Support Program\n", "      en: Ontario's Disability Support Program\n"), None),
    "the date the pages are drawn for": (("  as_of: 2020-02-14", "  as_of: 2021-02-14"), None),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_the_preview_renders_again_what_an_edit_changed(tmp_path, edit):
    (before, after), changed = EDITS[edit]
    assert CROSS_PAGE.count(before) == 1
    faq_path = tmp_path / "faq.yaml"
    earlier = RenderedPages()
    faq_path.write_text(CROSS_PAGE, encoding="utf-8")
    first = {(page.name, page.lang): page for page in _rendered(faq_path, earlier)}
    faq_path.write_text(CROSS_PAGE.replace(before, after), encoding="utf-8")
    kept = _rendered(faq_path, earlier)
    assert [page.text for page in kept] == [page.text for page in _rendered(faq_path)]  # as a fresh run makes them
    audiences = {audience.id for audience in check(faq_path).faq.audiences}
    differ = {page.name for page in kept if page.name in audiences and page.text != first[page.name, page.lang].text}
    if changed is not None:
        assert differ == changed
    else:
        assert differ
    if edit == "an answer":  # the other pages are not made again
        assert {page.name for page in kept if page is first[page.name, page.lang]} == audiences - changed


def _rendered(faq_path, earlier=None):
    checked = check(faq_path)
    return render_site(checked.faq, checked.texts, earlier=earlier)


def test_the_two_children_share_out_the_pages_by_how_much_they_show():
    """`site` renders and converts the pages in two children (faqgen/pipeline.py): each page once,
    and about as much text in each, whatever the languages' lengths (French answers are longer:
    a language per child kept one core busy well after the other)."""
    checked = validate(load_text(synthetic_faq(400, SHAPES["topics"]), "faq.yaml"))
    two = shares(checked.faq, 2)
    every = {(lang, name) for lang in LANGUAGES for name in page_names(checked.faq)}
    assert two[0] | two[1] == every and not two[0] & two[1]
    sizes = {(page.lang, page.name): len(page.text) for page in render_site(checked.faq, checked.texts)}
    shown = [sum(sizes[page] for page in share) for share in two]
    assert abs(shown[0] - shown[1]) <= max(sizes.values())
    assert shares(checked.faq, 2) == two  # the same each run
    assert render_site(checked.faq, checked.texts, only=two[0]) == [
        page for page in render_site(checked.faq, checked.texts) if (page.lang, page.name) in two[0]
    ]
