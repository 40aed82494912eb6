"""A glossary abbreviation appears in some text (in either language), or is marked `search_only`."""

from __future__ import annotations

import re

from ..languages import LANGUAGES

ID = "glossary-used"
SEVERITY = "warning"


def check(context):
    faq = context.faq
    texts = {lang: "\n".join(_texts(faq, lang)) for lang in LANGUAGES}
    for index, term in enumerate(faq.glossary):
        used = [lang for lang in LANGUAGES if _is_a_word_of(term.abbreviation.in_(lang), texts[lang])]
        if not used and not term.search_only:
            written = " / ".join(term.abbreviation.in_(lang) for lang in LANGUAGES)
            yield (("glossary", index, "abbreviation"),
                   f"`{written}` appears in no text: if readers may still type it, say `search_only: true` "
                   "(search finds the term by it); else remove the entry")  # fmt: skip


def _texts(faq, lang: str):
    for section in faq.key_points:
        yield from (point.in_(lang) for point in section.points)
    for audience in faq.audiences:
        yield from (point.in_(lang) for point in audience.key_points)
        for question in audience.questions:
            yield question.question.in_(lang)
            yield question.answer.in_(lang)
    for phase in faq.phases:
        yield phase.description.in_(lang)
    for milestone in faq.milestones:
        yield milestone.label.in_(lang)


def _is_a_word_of(word: str, text: str) -> bool:
    """Whether `word` stands in `text` as a word of its own: the literal found by a fast search
    (a pattern that starts with a look-behind is tried at every position of megabytes of text)."""
    for match in re.finditer(re.escape(word), text):
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        if not re.match(r"\w", before) and not re.match(r"\w", after):
            return True
    return False
