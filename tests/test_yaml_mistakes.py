"""The YAML mistakes editors make first, each told at its place with the fix (faqgen/yaml_mistakes.py),
as `check` prints it for a person (plain) and as GitHub shows it on the pull request's line."""

from __future__ import annotations

import pytest
from helpers import FIXTURES, build_faq

from faqgen.yaml_mistakes import KINDS

# The test fixture, not the real faq.yaml: an editor's change to a text must never break these.
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
QUESTION_FR = "          fr: Première question?\n"
QUESTION_EN = "          en: First question?\n"

# kind: (a line of the file, the line as an editor mistypes it, the column told, the message)
MISTAKES = {
    "colon-in-text": (
        QUESTION_FR, "          fr: Transition : où en sommes-nous?\n", 26,
        "a colon followed by a space (“: ”) inside a text ends it, for YAML, unless the text is in quotes: write "
        '`fr: "Transition : où en sommes-nous?"`, or start the text on the next line after `fr: |`'),
    "no-space-after-colon": (
        QUESTION_FR, "          fr:Première\n", 13,
        "`fr:Première` needs a space after the colon: write `fr: Première`"),
    "tab": (
        QUESTION_EN, "\ten: First question?\n", 1,
        "a tab character is used here, and YAML lines up its text with spaces only: replace the tab with spaces "
        "(most editors can “convert indentation to spaces”)"),
    "unclosed-quote": (
        QUESTION_FR, '          fr: "Première question?\n', 15,
        'the text that starts with the quote " here has no closing ": end it with " on the same line (a " inside '
        'the text is written \\")'),
    "unclosed-bracket": (
        QUESTION_EN, "          en: [First question?\n", 15,
        "the [ here has no closing ] on its line: end the line with ], or put the text in quotes if it holds a "
        "comma, a bracket or “: ”"),
    "misaligned-key": (
        QUESTION_EN, "         en: First question?\n", 10,
        "this line starts at column 10, which lines it up with no key above it: a key of the same group as `fr:` "
        "(line {above}) starts at column 11, as it does"),
    "misaligned-item": (
        "      - id: second-question\n", "       - id: second-question\n", 8,
        "this list item's `-` is at column 8, not lined up with the other items of its list at column 7: move it "
        "so that its `-` starts where theirs do"),
}  # fmt: skip


def test_every_kind_of_mistake_has_a_case_here():
    assert set(MISTAKES) == set(KINDS) - {"not-yaml"}


@pytest.mark.parametrize("kind", sorted(MISTAKES))
def test_each_mistake_is_told_at_its_place_with_the_fix(kind, tmp_path):
    old, new, column, message = MISTAKES[kind]
    assert MINIMAL.count(old) == 1
    line = MINIMAL[: MINIMAL.index(old)].count("\n") + 1  # the changed line
    message = message.format(above=line - 1)
    (tmp_path / "faq.yaml").write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    plain = build_faq("check", "faq.yaml", "--format", "plain", cwd=tmp_path)
    assert plain.returncode == 1 and plain.stdout == ""
    assert plain.stderr == f"faq.yaml:{line}:{column}: error: {message}\n1 error; nothing was written.\n"
    github = build_faq("check", "faq.yaml", "--format", "github", cwd=tmp_path)
    assert github.returncode == 1
    escaped = message.replace("%", "%25")
    assert github.stdout == f"::error file=faq.yaml,line={line},col={column},title=faq.yaml error::{escaped}\n"
