"""Audiences do not take a page name the site uses; questions, sections and glossary terms not an id its headings use."""

from __future__ import annotations

from ..model import RESERVED_ANCHORS
from ..site_plan import RESERVED_PAGE_NAMES

ID = "reserved-ids"


def check(context):
    faq = context.faq
    for index, audience in enumerate(faq.audiences):
        if audience.id in RESERVED_PAGE_NAMES:
            yield ("audiences", index, "id"), f"`{audience.id}` is a page name the site uses itself; choose another audience id"
    anchors = [(("key_points", k, "id"), section.id) for k, section in enumerate(faq.key_points)]
    anchors += [(("audiences", a, "questions", q, "id"), question.id) for a, audience in enumerate(faq.audiences)
                for q, question in enumerate(audience.questions)]  # fmt: skip
    anchors += [(("glossary", g, "id"), term.id) for g, term in enumerate(faq.glossary)]
    for path, anchor in anchors:
        if anchor in RESERVED_ANCHORS:
            yield path, f"`{anchor}` is the id of a heading the pages make themselves; choose another id"
