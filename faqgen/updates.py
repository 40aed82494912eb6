"""When things last changed, read from `updates:` in faq.yaml: the one owner of every "date
modified". A question, key point section or phase was modified on the date of the latest
update that touched it, else on the document's date (`document.updated`, else its publication);
a page on the latest date of what it holds. The pages, the "What's new" page, the feeds, the
sitemap and the schema.org data all read these dates. (Not the search index: a date in each
search record made a three-word query 31 KB heavier at 5,000 questions, and results show none.)
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from .model import Faq, Update
from .site_plan import HOME, TIMELINE, WHATS_NEW

"""The page name of the "What's new" page (there is one when faq.yaml has updates)."""


class Changes:
    def __init__(self, faq: Faq, as_of: dt.date):
        self.faq = faq
        self.as_of = as_of
        self.latest: dict[str, dt.date] = {}  # id → date of the latest update that touched it
        for update in faq.updates:
            for touched in update.touched:
                self.latest[touched] = max(update.date, self.latest.get(touched, update.date))

    def modified(self, item_id: str) -> dt.date:
        """The date a question, key point section or phase was last modified."""
        return self.latest.get(item_id, self.faq.document.last_updated)

    def is_recent(self, item_id: str) -> bool:
        """Updated within `document.recent_days` before the as-of date (both days included)."""
        date = self.latest.get(item_id)
        return date is not None and 0 <= (self.as_of - date).days <= self.faq.document.recent_days

    def page_modified(self, page_name: str) -> dt.date:
        """The latest date of what the page holds."""
        return max((self.modified(item) for item in self.items(page_name)), default=self.faq.document.last_updated)

    def items(self, page_name: str) -> list[str]:
        faq = self.faq
        if page_name == HOME:
            return [section.id for section in faq.key_points]
        if page_name == TIMELINE:
            return [phase.id for phase in faq.phases]
        if page_name == WHATS_NEW:
            return [touched for update in faq.updates for touched in update.touched]
        audience = faq.audience(page_name)
        return [question.id for question in audience.questions] if audience else []

    def recent_questions(self):
        """(audience, number, question) of every question updated recently, newest first."""
        found = [entry for entry in self.faq.questions() if self.is_recent(entry[2].id)]
        return sorted(found, key=lambda entry: self.latest[entry[2].id], reverse=True)

    def by_month(self) -> Iterator[tuple[dt.date, list[Update]]]:
        """The updates, newest first, grouped by month (the month's first day)."""
        newest_first = sorted(self.faq.updates, key=lambda update: update.date, reverse=True)
        for month, updates in itertools.groupby(newest_first, key=lambda update: update.date.replace(day=1)):
            yield month, list(updates)
