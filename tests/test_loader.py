"""The loader: located values, refused hazards, and properties over random input."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from faqgen import loader
from faqgen.loader import load_bytes, load_text
from faqgen.pipeline import generate
from faqgen.problems import FaqError
from faqgen.validate import validate

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def problems_of(text: str) -> list[str]:
    try:
        validate(load_text(text, "f.yaml"))
    except FaqError as error:
        return [str(problem) for problem in error.problems]
    return []


def test_positions_are_kept_for_values_and_keys():
    source = load_text("a:\n  b: [1, two]\n  c: |\n    line one\n    line two\n")
    assert source.where(("a", "b", 1)) == (2, 10)
    assert source.where(("a", "c"), key=True) == (3, 3)
    assert source.where(("a", "missing", "deeper")) == (2, 3)  # nearest ancestor
    assert source.where_in_text(("a", "c"), source.data["a"]["c"].index("two")) == (5, 10)


def test_keys_are_text_as_written():
    assert load_text("on: 1\nno: 2\n").data == {"on": 1, "no": 2}


def test_empty_file_and_too_deep_nesting_are_refused():
    assert problems_of("") == ["f.yaml:1:1: error: the file is empty"]
    assert problems_of("[" * 40 + "]" * 40) == ["f.yaml:1:34: error: the file nests more than 32 levels deep"]


def test_a_too_large_file_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    try:
        load_bytes(b"a: " + b"x" * 200)
    except FaqError as error:
        assert str(error) == "faq.yaml:1:1: error: the file is 203 bytes, more than the limit of 100 bytes"
    else:
        raise AssertionError("no error")


def test_a_billion_laughs_file_is_refused_without_expanding():
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    problems = problems_of(lol)
    assert len(problems) > 9 and all("anchors" in p or "aliases" in p for p in problems)


def assert_located(problems: list) -> None:
    assert problems
    for problem in problems:
        assert problem.file == "f.yaml" and problem.line >= 1 and problem.column >= 1 and problem.message


def outcome(text: str):
    """Either a model that says what the file says, or located problems; any other exception
    fails the property."""
    try:
        validated = validate(load_text(text, "f.yaml"))
    except FaqError as error:
        assert_located(error.problems)
        return error
    assert_faithful(validated, load_text(text, "f.yaml").data)
    return validated


def assert_faithful(validated, data: dict) -> None:
    """The model holds the file's questions, in its order, with its texts; any warning is located."""
    faq = validated.faq
    questions = [(question.id, question.question.fr, question.question.en) for audience in faq.audiences
                 for question in audience.questions]  # fmt: skip
    assert questions == [(question["id"], question["question"]["fr"].strip(), question["question"]["en"].strip())
                         for audience in data["audiences"] for question in audience["questions"]]  # fmt: skip
    assert [audience.id for audience in faq.audiences] == [audience["id"] for audience in data["audiences"]]
    if validated.warnings:
        assert_located(validated.warnings)


edits = st.lists(
    st.tuples(st.integers(0, len(MINIMAL)), st.integers(0, 12), st.text(max_size=12)), min_size=1, max_size=4
)


def mutate(text: str, changes) -> str:
    for position, length, insert in changes:
        position = min(position, len(text))
        text = text[:position] + insert + text[position + length :]
    return text


@settings(max_examples=300, deadline=None)
@given(edits)
def test_mutated_faq_gives_a_model_or_located_problems(changes):
    outcome(mutate(MINIMAL, changes))


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(yaml_values)
def test_random_yaml_gives_a_model_or_located_problems(value):
    outcome(yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
@example(b"=")  # YAML 1.1's `!!value` type, which the safe constructor cannot build
def test_random_bytes_give_located_problems(raw):
    try:
        validated = validate(load_bytes(raw, "f.yaml"))
    except FaqError as error:
        assert_located(error.problems)
    else:  # bytes that happen to be a whole FAQ: the model says what they say
        assert_faithful(validated, load_bytes(raw, "f.yaml").data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_a_failed_run_never_changes_content(changes):
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / "faq.yaml").write_text(MINIMAL, encoding="utf-8")
        generate(root / "faq.yaml", root / "content")
        before = {p.name: p.read_bytes() for p in (root / "content").iterdir()}
        (root / "faq.yaml").write_text(mutate(MINIMAL, changes), encoding="utf-8")
        try:
            generate(root / "faq.yaml", root / "content")
        except FaqError:
            assert {p.name: p.read_bytes() for p in (root / "content").iterdir()} == before
