"""The rules across entries (faqgen/rules/): every module is registered, with an id and a doc,
and each rule has a file under tests/fixtures/bad/ whose `# expect:` lines it gives."""

from __future__ import annotations

import pkgutil
import re

import pytest
from helpers import FIXTURES
from test_bad_files import BAD

import faqgen.rules
from faqgen.loader import load_bytes
from faqgen.problems import FaqError
from faqgen.rules import RULES
from faqgen.validate import validate


def test_every_rule_module_is_registered_with_an_id_and_a_doc():
    modules = {info.name for info in pkgutil.iter_modules(faqgen.rules.__path__)}
    assert {rule.__name__.rsplit(".", 1)[1] for rule in RULES} == modules
    ids = [rule.ID for rule in RULES]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id) for rule_id in ids)
    assert all(rule.__doc__ and rule.__doc__.strip().endswith(".") for rule in RULES)


def test_every_rule_has_a_bad_file_it_finds():
    found = set()
    for path in BAD:
        try:
            validate(load_bytes(path.read_bytes(), path.name))
        except FaqError as error:
            found |= {problem.rule for problem in error.problems}
    assert {rule.ID for rule in RULES} <= found


MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("answer, used", [
    ("Le GSS répond.", True), ("GSS", True), ("a GSS b", True), ("(GSS)", True), ("x GSS", True),  # a word of its own
    ("GSSs répondent.", False), ("xGSS", False), ("Les GSSx et yGSS.", False), ("ZGSS.", False),  # inside a word
    ("aGSS puis GSS", True),  # a later use counts
])  # fmt: skip
def test_a_glossary_abbreviation_is_used_only_as_a_word_of_its_own(answer, used):
    """glossary-used: an abbreviation found only inside other words is used by no text."""
    text = MINIMAL.replace("          fr: Réponse.\n", f"          fr: '{answer}'\n", 1) + (
        "glossary:\n  - id: ssm\n    abbreviation: {fr: GSS, en: QQQ}\n"
        "    term: {fr: gestionnaire de système de services, en: Service System Manager}\n")  # fmt: skip
    warned = [problem.rule for problem in validate(load_bytes(text.encode(), "faq.yaml")).warnings]
    assert ("glossary-used" not in warned) is used, warned
