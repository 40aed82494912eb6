"""`build_faq.py diff REV`: questions added, removed and changed per language; reordering is no change."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import build_faq

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
    _repository(tmp_path)
    (tmp_path / "faq.yaml").write_text(MINIMAL.replace("Deuxième question?", "Question deux?"), encoding="utf-8")
    result = build_faq("diff", "HEAD", str(tmp_path / "faq.yaml"), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "- changed `second-question`, question: [-Deuxième question?-] {+Question deux?+}" in result.stdout
    unknown = build_faq("diff", "no-such-rev", str(tmp_path / "faq.yaml"), timeout=60)
    assert unknown.returncode == 2 and "`no-such-rev` is not a git revision of" in unknown.stderr


def test_a_changed_question_gets_an_update_entry_to_complete_until_it_is_recorded():
    changed = MINIMAL.replace("en: First question?", "en: The first question?")
    proposed = sections(changed)["Update for readers"]
    assert "  - id: changes-2020-02-14" in proposed and "    touched: [first-question]" in proposed
    recorded = changed + (
        "updates:\n  - id: first-reworded\n    date: 2020-02-14\n"
        "    summary: {fr: Question reformulée., en: Question reworded.}\n    touched: [first-question]\n"
    )
    assert sections(recorded)["Update for readers"] == ["Recorded in `updates:`: `first-reworded`."]


def _repository(folder: Path, text: str = MINIMAL) -> None:
    """A git repository in `folder` whose one commit holds `text` as faq.yaml."""
    def git(*arguments):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments], cwd=folder,
                       check=True, capture_output=True)  # fmt: skip

    git("init", "-q")
    (folder / "faq.yaml").write_text(text, encoding="utf-8")
    git("add", "faq.yaml")
    git("commit", "-qm", "v1")


def test_diff_refuses_a_revision_that_is_an_option_and_git_writes_nothing(tmp_path):
    _repository(tmp_path)
    (tmp_path / "FILE:.").mkdir()  # what `--output=FILE` needs to write beside it
    for revision in ("--output=FILE", "--format=%H", "-p", "HEAD --output=FILE"):
        result = build_faq("diff", "--", revision, str(tmp_path / "faq.yaml"), cwd=tmp_path, timeout=60)
        assert result.returncode == 2, (revision, result.stdout)
        assert result.stderr == (f"build_faq.py: error: `{revision}` is not a git revision of {tmp_path} (a branch, "
                                 "tag or commit, such as origin/main)\n")  # fmt: skip
        assert result.stdout == ""
    assert sorted(path.name for path in tmp_path.iterdir()) == [".git", "FILE:.", "faq.yaml"]


def test_diff_shows_the_texts_of_a_pull_request_as_typed_never_as_markup(tmp_path):
    from markdown_it import MarkdownIt

    _repository(tmp_path)
    hostile = ('<img src=x onerror=alert(1)> [click](https://evil.example) ![i](https://evil.example/i.png) '
               "`code` $x^2$ | cell | **bold** https://evil.example www.evil.example @someone")  # fmt: skip
    changed = MINIMAL.replace("Deuxième question?", hostile.replace("'", "''").join("''"))
    (tmp_path / "faq.yaml").write_text(changed, encoding="utf-8")
    result = build_faq("diff", "HEAD", str(tmp_path / "faq.yaml"), cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<img" not in html and "<a " not in html and "<strong>" not in html and "<code>x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; [click](https://evil.example)" in html  # shown, character for character
    assert "$x^2$ | cell | **bold** https://evil.example www.evil.example @someone" in html


def test_diff_links_each_changed_question_to_the_preview(project):
    faq = project / "faq.yaml"
    _repository(project, faq.read_text(encoding="utf-8"))
    # The first question, whatever its words (the real faq.yaml changes with editors' work).
    first = load_text(faq.read_text(encoding="utf-8")).data["audiences"][0]["questions"][0]
    question_id, audience_id = first["id"], load_text(faq.read_text(encoding="utf-8")).data["audiences"][0]["id"]
    faq.write_text(faq.read_text(encoding="utf-8").replace(f"en: {first['question']['en']}\n", "en: What changes?\n", 1),
                   encoding="utf-8")  # fmt: skip
    result = build_faq("diff", "HEAD", str(faq), "--preview", "https://ministry.github.io/previews/pr-3", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (f"- changed [`{question_id}`](https://ministry.github.io/previews/pr-3/en/{audience_id}/#{question_id}), "
            "question:") in result.stdout  # fmt: skip
    refused = build_faq("diff", "HEAD", str(faq), "--preview", "javascript:alert(1)", cwd=project)
    assert refused.returncode == 2 and "is not a site's address" in refused.stderr


def test_diff_and_status_of_an_unreadable_faq_say_so_in_their_report(tmp_path):
    _repository(tmp_path)
    broken = MINIMAL.replace("fr: Deuxième question?", "fr: Transition : où en sommes-nous?")
    (tmp_path / "faq.yaml").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index(next(x for x in broken.splitlines() if "Transition :" in x)) + 1
    runner = {"GITHUB_ACTIONS": "true", "GITHUB_WORKFLOW": "Checks"}  # as in the workflow, stdout is the summary
    diff = build_faq("diff", "HEAD", str(tmp_path / "faq.yaml"), cwd=tmp_path, env=runner, timeout=60)
    assert diff.returncode == 1
    assert diff.stdout == ("## Changes to the FAQ since `HEAD`\n\n" + str(tmp_path / "faq.yaml").replace("_", "\\_")
                           + " cannot be read (1 error), so what this change does for readers is not known yet. The "
                           "check's annotations show each error on its line; once they are fixed, this report lists "
                           "the questions added, removed and changed.\n")  # fmt: skip
    assert f"faq.yaml:{line}:" in diff.stderr and "::error" not in diff.stderr
    status = build_faq("status", "--markdown", "faq.yaml", cwd=tmp_path, env=runner, timeout=60)
    assert status.returncode == 1
    assert status.stdout == ("### Translation status of faq.yaml\n\nfaq.yaml cannot be read (1 error): "
                             "the status is given once it reads.\n")  # fmt: skip
    assert status.stderr.startswith(f"faq.yaml:{line}:")
