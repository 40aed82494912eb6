"""Ids are unique among questions, audiences, phases, milestones, regions, links, key point sections, glossary terms and updates."""

from __future__ import annotations

ID = "unique-ids"


def check(context):
    faq = context.faq
    groups = {
        "question": [("audiences", a, "questions", q) for a, audience in enumerate(faq.audiences)
                     for q in range(len(audience.questions))],
        "audience": [("audiences", a) for a in range(len(faq.audiences))],
        "phase": [("phases", p) for p in range(len(faq.phases))],
        "milestone": [("milestones", m) for m in range(len(faq.milestones))],
        "region": [("regions", r) for r in range(len(faq.regions))],
        "link": [("links", i) for i in range(len(faq.links))],
        "key point section": [("key_points", k) for k in range(len(faq.key_points))],
        "glossary term": [("glossary", g) for g in range(len(faq.glossary))],
        "update": [("updates", u) for u in range(len(faq.updates))],
    }  # fmt: skip
    for kind, paths in groups.items():
        first_seen: dict[str, int] = {}
        for path in paths:
            item_id = context.source.data_at((*path, "id"))
            if item_id in first_seen:
                yield (*path, "id"), f"duplicate {kind} id `{item_id}` (first used at line {first_seen[item_id]})"
            else:
                first_seen[item_id] = context.line((*path, "id"))
