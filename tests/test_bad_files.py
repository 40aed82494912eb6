"""One file per hazard under tests/fixtures/bad/, each stating the exact errors it must give
in its `# expect:` lines (line:column: severity: message (context))."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqgen.loader import load_bytes
from faqgen.problems import FaqError
from faqgen.validate import validate

BAD = sorted((Path(__file__).parent / "fixtures" / "bad").glob("*.yaml"))
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


def expected_errors(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]


def test_the_minimal_file_is_valid():
    validated = validate(load_bytes(MINIMAL.read_bytes(), MINIMAL.name), strict=True)
    assert validated.warnings == [] and [question.id for question in validated.faq.audiences[0].questions] == [
        "first-question", "second-question"]  # fmt: skip


@pytest.mark.parametrize("path", BAD, ids=lambda path: path.stem)
def test_bad_file_gives_exactly_its_expected_errors(path):
    expected = expected_errors(path)
    assert expected, f"{path.name} states no expected error"
    with pytest.raises(FaqError) as error:
        validate(load_bytes(path.read_bytes(), path.name))
    assert [str(problem) for problem in error.value.problems] == [f"{path.name}:{line}" for line in expected]


def test_the_corpus_covers_every_hazard():
    names = {path.stem for path in BAD}
    assert len(names) >= 35
    assert {"duplicate-key", "alias", "tag", "yes-no-as-text", "number-as-text", "missing-translation", "script",
            "event-handler", "javascript-link", "not-utf8", "unknown-cross-reference", "phases-overlap"} <= names  # fmt: skip
