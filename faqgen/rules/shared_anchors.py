"""Ids of different kinds do not make the same anchor where they share a document: the PDF (questions, key point sections, audiences, glossary terms) and the What's new page (updates and their dates)."""

from __future__ import annotations

ID = "shared-anchors"


def check(context):
    faq = context.faq
    # (where the id is, the anchor it makes, what makes it), per document: as document.html.j2 and
    # _updates.html.j2 write them.
    documents = {
        "the PDF": [
            *((("key_points", k, "id"), section.id, "a key point section") for k, section in enumerate(faq.key_points)),
            *((("audiences", a, "id"), f"audience-{audience.id}", "an audience") for a, audience in enumerate(faq.audiences)),
            *((("audiences", a, "questions", q, "id"), question.id, "a question")
              for a, audience in enumerate(faq.audiences) for q, question in enumerate(audience.questions)),
            *((("glossary", g, "id"), term.id, "a glossary term") for g, term in enumerate(faq.glossary)),
        ],
        "the “What’s new” page": [
            anchor for u, update in enumerate(faq.updates)
            for anchor in ((("updates", u, "id"), f"update-{update.id}", "an update"),
                           (("updates", u, "id"), f"update-{update.id}-date", "an update’s date"))
        ],
    }  # fmt: skip
    for document, anchors in documents.items():
        first: dict[str, tuple[tuple, str]] = {}
        for path, anchor, kind in anchors:
            if anchor not in first:
                first[anchor] = (path, kind)
            elif first[anchor][1] != kind:  # the same kind twice is unique-ids' to say
                other_path, other_kind = first[anchor]
                yield (path, f"this id makes the anchor `#{anchor}` in {document}, as {other_kind} does (line "
                             f"{context.line(other_path)}): links to one would lead to the other; choose another id")  # fmt: skip
