"""Regeneration of content/: only what changed, nothing hand-written touched, nothing on failure."""

from __future__ import annotations

import pytest
from helpers import ROOT, mkdocs, snapshot

from faqgen.labels import LABELS
from faqgen.loader import load_text
from faqgen.pipeline import generate
from faqgen.problems import FaqError
from faqgen.render import page_names
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
