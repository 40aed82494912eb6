"""`build_faq.py diff REV`: questions added, removed and changed per language; reordering is no change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import ROOT

from faqgen.changes import report, word_diff
from faqgen.loader import load_text

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
SECOND = MINIMAL[MINIMAL.index("      - id: second-question") :]
FIRST = MINIMAL[MINIMAL.index("      - id: first-question") : MINIMAL.index("      - id: second-question")]


def sections(new_text: str, old_text: str = MINIMAL) -> dict[str, list[str]]:
    text = report(load_text(old_text), load_text(new_text), "main")
    parts = {}
    for block in text.split("### ")[1:]:
        title, *lines = block.strip().splitlines()
        parts[title] = [line for line in lines if line]
    return parts


def test_nothing_changed():
    assert sections(MINIMAL) == {
        "French": ["No change to the questions."],
        "English": ["No change to the questions."],
        "Translation status": ["No change."],
        "Update for readers": ["No question changed: no `updates:` entry is needed."],
    }


def test_reordering_questions_is_not_a_change():
    reordered = MINIMAL.replace(FIRST + SECOND, SECOND + FIRST)
    assert reordered != MINIMAL
    assert sections(reordered)["English"] == ["No change to the questions."]
    assert sections(reordered)["Translation status"] == ["No change."]


def test_added_and_removed_questions():
    third = (
        SECOND.replace("second-question", "third-question").replace("Deuxième", "Troisième").replace("Second", "Third")
    )
    added = sections(MINIMAL + third)
    assert added["French"] == ["- added `third-question` (providers): Troisième question?"]
    assert added["English"] == ["- added `third-question` (providers): Third question?"]
    assert "- question third-question, answer: English absent → up to date" in added["Translation status"]
    removed = sections(MINIMAL, MINIMAL + third)
    assert removed["English"] == ["- removed `third-question` (providers): Third question?"]


def test_changed_text_shows_a_word_diff():
    changed = MINIMAL.replace("en: Second question?", "en: Second and better question?")
    result = sections(changed)
    assert result["English"] == ["- changed `second-question`, question: Second {+and better+} question?"]
    assert result["French"] == ["No change to the questions."]  # a translation-only change
    assert result["Translation status"] == ["- question second-question, question: French up to date → stale"]


def test_word_diff_keeps_a_little_context():
    old = " ".join(f"word{i}" for i in range(40))
    new = old.replace("word20", "changed")
    assert (
        word_diff(old, new)
        == "… word15 word16 word17 word18 word19 [-word20-] {+changed+} word21 word22 word23 word24 word25 …"
    )


def test_diff_command_reads_the_revision_from_git(tmp_path):
    def git(*arguments):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments], cwd=tmp_path,
                       check=True, capture_output=True)  # fmt: skip

    git("init", "-q")
    (tmp_path / "faq.yaml").write_text(MINIMAL, encoding="utf-8")
    git("add", "faq.yaml")
    git("commit", "-qm", "v1")
    (tmp_path / "faq.yaml").write_text(MINIMAL.replace("Deuxième question?", "Question deux?"), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "build_faq.py"), "diff", "HEAD", str(tmp_path / "faq.yaml")],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "- changed `second-question`, question: [-Deuxième question?-] {+Question deux?+}" in result.stdout
    unknown = subprocess.run([sys.executable, str(ROOT / "build_faq.py"), "diff", "no-such-rev",
                              str(tmp_path / "faq.yaml")], capture_output=True, text=True, timeout=60)  # fmt: skip
    assert unknown.returncode == 2 and "invalid object name 'no-such-rev'" in unknown.stderr


def test_a_changed_question_gets_an_update_entry_to_complete_until_it_is_recorded():
    changed = MINIMAL.replace("en: First question?", "en: The first question?")
    proposed = sections(changed)["Update for readers"]
    assert "  - id: changes-2020-02-14" in proposed and "    touched: [first-question]" in proposed
    recorded = changed + (
        "updates:\n  - id: first-reworded\n    date: 2020-02-14\n"
        "    summary: {fr: Question reformulée., en: Question reworded.}\n    touched: [first-question]\n"
    )
    assert sections(recorded)["Update for readers"] == ["Recorded in `updates:`: `first-reworded`."]
