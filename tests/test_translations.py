"""Translation status: stale, unconfirmed and missing texts, the `confirmed:` line, strict mode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import build_faq

from faqgen.confirm import confirm, to_confirm
from faqgen.loader import load_text
from faqgen.problems import FaqError
from faqgen.translations import FOLLOWED_TEXTS, State, fingerprint, statuses, summary, tracked_texts, unreadable_summary
from faqgen.validate import validate

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def states_of(text: str, owner: str, field: str) -> dict:
    status = next(s for s in statuses(load_text(text)) if s.owner == owner and s.field == field)
    return {lang: state.value for lang, state in status.states.items()}


def test_a_confirmed_file_is_up_to_date():
    assert all(status.ok for status in statuses(load_text(MINIMAL)))
    assert validate(load_text(MINIMAL)).warnings == []


def test_changing_the_french_makes_the_english_stale():
    text = MINIMAL.replace("fr: Deuxième question?", "fr: Deuxième question, reformulée?")
    assert states_of(text, "question second-question", "question") == {"fr": "up to date", "en": "stale"}
    [warning] = validate(load_text(text, "f.yaml")).warnings
    # reported on the `confirmed:` value that needs updating
    line, column = load_text(text).where(("audiences", 0, "questions", 1, "question", "confirmed"))
    assert str(warning) == (
        f"f.yaml:{line}:{column}: warning: the English question may be out of date: the French text changed since they "
        "were last confirmed equivalent; once it is updated, run `build_faq.py confirm --question second-question`, "
        f"which writes `confirmed: fr {fingerprint('Deuxième question, reformulée?')} en {fingerprint('Second question?')}` "
        "beside its `fr:` and `en:` (question second-question)"
    )


def test_changing_the_english_makes_the_french_stale():
    text = MINIMAL.replace("en: Second question?", "en: The second question?")
    assert states_of(text, "question second-question", "question") == {"fr": "stale", "en": "up to date"}


def test_changing_both_asks_for_a_confirmation_and_spacing_alone_changes_nothing():
    both = MINIMAL.replace("fr: Deuxième question?", "fr: Autre?").replace("en: Second question?", "en: Other?")
    assert states_of(both, "question second-question", "question") == {"fr": "unconfirmed", "en": "unconfirmed"}
    spaced = MINIMAL.replace("fr: Deuxième question?", "fr: Deuxième   question?")
    assert states_of(spaced, "question second-question", "question") == {"fr": "up to date", "en": "up to date"}


def test_missing_translation_is_reported_by_status_even_though_the_file_is_invalid():
    text = MINIMAL.replace("          en: Second question?\n", "")
    assert states_of(text, "question second-question", "question") == {"fr": "up to date", "en": "missing"}


def test_strict_mode_turns_stale_translations_into_errors():
    text = MINIMAL.replace("en: Second question?", "en: The second question?")
    with pytest.raises(FaqError) as error:
        validate(load_text(text), strict=True)
    assert [p.severity for p in error.value.problems] == ["error"]


def test_following_the_message_makes_the_warning_go_away():
    text = MINIMAL.replace("en: Second question?", "en: The second question?")
    [warning] = validate(load_text(text)).warnings
    line = warning.message.split("writes `confirmed: ")[1].split("`")[0]
    fixed = text.replace(f"confirmed: {states_line(text)}", f"confirmed: {line}")
    assert validate(load_text(fixed)).warnings == []


def test_a_text_without_its_confirmed_line_is_told_at_its_line_and_column():
    """Located at the text's key, `question:`, where the line belongs (line ≠ column here)."""
    text = MINIMAL.replace("          confirmed: fr 20119214 en 4dc3b7af\n", "")
    [warning] = validate(load_text(text, "faq.yaml")).warnings
    line = text.splitlines().index("          fr: Deuxième question?")  # the line above it, 1-based
    assert str(warning) == (
        f"faq.yaml:{line}:9: warning: the French and English question are not confirmed equivalent; once they are, "
        "run `build_faq.py confirm --question second-question`, which writes `confirmed: fr 20119214 en 4dc3b7af` "
        "beside its `fr:` and `en:` (question second-question)")  # fmt: skip


def states_line(text: str) -> str:
    source = load_text(text)
    audience = source.data["audiences"][0]
    return audience["questions"][1]["question"]["confirmed"]


def without_confirmations(text: str) -> str:
    text = re.sub(r"- confirmed: [^\n]+\n\s+", "- ", text)  # first key of a list item
    text = re.sub(r"(?m)^\s*confirmed: [^\n]+\n", "", text)  # block mapping
    return re.sub(r"confirmed: [^,}]+, ", "", text)  # flow mapping


@pytest.mark.parametrize("style", ["block", "flow"])
def test_confirm_writes_the_line_in_every_layout_and_changes_nothing_else(style):
    text = MINIMAL
    if style == "flow":
        block = f"""        question:
          confirmed: {states_line(MINIMAL)}
          fr: Deuxième question?
          en: Second question?
"""
        text = text.replace(block, "        question: {fr: Deuxième question?, en: Second question?}\n")
    text = text.replace("Deuxième question?", "Deuxième question modifiée?").replace("Second question?", "Changed?")
    text = text.replace("      - confirmed: fr b074faf1 en b0f8d622\n        fr: Un point.", "      - fr: Un point.")
    source = load_text(text)
    assert len(to_confirm(source, None)) == 2
    confirmed = confirm(source, to_confirm(source, None))
    assert all(status.ok for status in statuses(load_text(confirmed)))
    assert without_confirmations(confirmed) == without_confirmations(text)
    assert confirmed != text


def test_status_and_confirm_commands(tmp_path):
    faq = tmp_path / "faq.yaml"
    faq.write_text(MINIMAL.replace("en: Second question?", "en: The second question?"), encoding="utf-8")

    def run(*arguments):
        return build_faq(*arguments, str(faq), timeout=60)

    assert run("status").stdout.splitlines() == [
        "question second-question: question: French stale",
        "5 texts followed: 4 up to date, 0 missing, 1 stale, 0 unconfirmed",
    ]
    assert run("check").returncode == 0
    assert run("check", "--strict").returncode == 1
    assert run("confirm", "--question", "first-question").stdout == f"{faq}: 0 texts confirmed\n"
    assert run("confirm", "--question", "second-question").stdout == f"{faq}: 1 text confirmed\n"
    assert run("check", "--strict").returncode == 0
    assert State.OK.value in run("status").stdout


def test_the_pull_request_summary_is_a_table_of_the_texts_that_wait_and_the_totals():
    text = MINIMAL.replace("fr: Deuxième question?", "fr: Deuxième question, reformulée?")
    text = text.replace("          en: Answer.\n", "")  # the second answer's English is missing
    assert summary(statuses(load_text(text)), "faq.yaml") == (
        "### Translation status of faq.yaml\n\n"
        "| text | French | English |\n| --- | --- | --- |\n"
        "| question second-question, question |  | stale |\n"
        "| question second-question, answer |  | missing |\n\n"
        "5 texts followed: 3 up to date, 1 missing, 1 stale, 0 unconfirmed.\n"
    )


@pytest.mark.parametrize("errors, counted", [(1, "1 error"), (2, "2 errors")])
def test_the_pull_request_summary_of_a_file_that_cannot_be_read_counts_its_errors(errors, counted):
    """Its errors are the check's annotations beside it (tests/test_changes.py runs the command)."""
    assert unreadable_summary("faq.yaml", errors) == (
        "### Translation status of faq.yaml\n\nfaq.yaml cannot be read "
        f"({counted}): the status is given once it reads.\n"
    )


def test_the_followed_texts_are_those_the_browser_editor_is_told_of():
    """FOLLOWED_TEXTS (what /admin/ shows a translation status for) names exactly the paths that
    tracked_texts walks, each kind at least once in the real faq.yaml."""
    paths = [".".join("*" if isinstance(part, int) else part for part in path) for path, _, _ in tracked_texts(load_text(
        (Path(__file__).parent.parent / "faq.yaml").read_text(encoding="utf-8")).data)]  # fmt: skip
    assert set(paths) == set(FOLLOWED_TEXTS)


def test_confirm_chooses_the_texts_of_the_questions_named():
    """`confirm --question ID`: that question's texts, not another's, nor key points (no question)."""
    text = MINIMAL.replace("Second question?", "Changed?").replace("      - confirmed: fr b074faf1 en b0f8d622\n        fr: Un point.", "      - fr: Un point.")
    source = load_text(text)
    assert {status.owner for status in to_confirm(source, None)} == {"question second-question", "key point section now"}
    assert [status.owner for status in to_confirm(source, {"second-question"})] == ["question second-question"]
    assert to_confirm(source, {"first-question"}) == []


@pytest.mark.parametrize("quote", ['"', "'"])
def test_confirm_replaces_a_quoted_confirmed_value_quotes_and_all(quote):
    old = states_line(MINIMAL)
    text = MINIMAL.replace(f"confirmed: {old}", f"confirmed: {quote}{old}{quote}").replace("Second question?", "Changed?")
    source = load_text(text)
    confirmed = confirm(source, to_confirm(source, None))
    assert all(status.ok for status in statuses(load_text(confirmed)))
    new = states_line(confirmed)
    assert confirmed == text.replace(f"confirmed: {quote}{old}{quote}", f"confirmed: {new}")


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_confirming_every_text_of_a_file_without_its_confirmed_lines_gives_the_file_back(line_end):
    """Every `confirmed:` line of the questions removed (four texts, each below the one before),
    then all confirmed at once: the original bytes, with the file's own line ends."""
    original = MINIMAL.replace("\n", line_end)
    bare = re.sub(r"(?m)^ *confirmed: [^\r\n]+\r?\n", "", original)
    assert original.count("confirmed:") - bare.count("confirmed:") == 4
    source = load_text(bare)
    assert confirm(source, to_confirm(source, None)) == original


def test_two_texts_confirmed_on_one_line_each_get_their_confirmed_key():
    """Flow style, two texts on one line: each edit lands at its own place (the later one first)."""
    text = MINIMAL.replace("""    points:
      - confirmed: fr b074faf1 en b0f8d622
        fr: Un point.
        en: A point.
""", "    points: [{fr: Un point., en: A point.}, {fr: Deux., en: Two.}]\n")
    source = load_text(text)
    confirmed = confirm(source, to_confirm(source, None))
    assert "    points: [{confirmed: fr b074faf1 en b0f8d622, fr: Un point., en: A point.}, " in confirmed
    assert all(status.ok for status in statuses(load_text(confirmed)))
