"""The search index's view of French elisions (the browser tests cover search end to end)."""

from __future__ import annotations

import pytest

from faqgen.search import separate_elisions


@pytest.mark.parametrize(
    "text, expected",
    [
        ("l’économie", "l’\u00a0économie"),
        ("d’emploi et qu’ils", "d’\u00a0emploi et qu’\u00a0ils"),
        ("jusqu’en octobre", "jusqu’\u00a0en octobre"),
        ("L’Ontario", "L’\u00a0Ontario"),
        ("aujourd’hui", "aujourd’hui"),  # not an elision: one word
        ("Ontario’s services", "Ontario’s services"),  # English possessive untouched
        ("<a href='x'>l’accès</a>", "<a href='x'>l’\u00a0accès</a>"),
    ],
)
def test_elided_words_are_separated_for_the_index(text, expected):
    assert separate_elisions(text) == expected
