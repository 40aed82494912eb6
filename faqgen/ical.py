"""The timeline as a calendar (RFC 5545, with `icalendar`), one per language: readers add the
phases and milestones to their own calendars.

- One all-day event per phase, from its first to its last day; a phase without an end is one
  day, its first (a calendar cannot hold an open-ended event).
- One all-day event per dated milestone; a milestone known to the month only (`precision:
  month`) spans that whole month; a milestone with only a `when` in words is left out (it has no
  date a calendar could hold).
- UIDs from the ids (`phase-<id>.<lang>@…`, `milestone-<id>.<lang>@…`), DTSTAMP the document's
  last update, never the clock: two builds write the same bytes. Texts carry LANGUAGE.
"""

from __future__ import annotations

import calendar as month_lengths
import datetime as dt
import re

import icalendar
from selectolax.lexbor import LexborHTMLParser

from .formats import BuiltSite, Format
from .labels import LABELS, roman
from .languages import typeset
from .model import Faq, RichText
from .rich_text import RichTextRenderer
from .site_plan import TIMELINE


def calendar_file(lang: str) -> str:
    """In each language's folder, named by its language (a reader who downloads both can tell
    them apart): /timeline-fr.ics, /en/timeline-en.ics."""
    return f"timeline-{lang}.ics"


class _Text(icalendar.vText):
    """An RFC 5545 TEXT value, escaped as section 3.3.11 says and nothing more: icalendar's own
    vText first reads a typed `\\N` as a line break, so an editor's text would not be data."""

    def to_ical(self) -> bytes:
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n").encode("utf-8")


def timeline_calendar(faq: Faq, lang: str, domain: str) -> bytes:
    """The calendar of `lang`; `domain` ends the UIDs (the publisher's or the site's host)."""
    texts = RichTextRenderer.for_data(faq.model_dump(include={"links"}))
    stamp = dt.datetime.combine(faq.document.last_updated, dt.time(), tzinfo=dt.UTC)
    title = typeset(faq.document.title.in_(lang), lang)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//faqgen//timeline//" + lang.upper())
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _Text(f"{title} — {LABELS[lang]['timeline']}"), parameters={"LANGUAGE": lang})
    for phase in faq.phases:
        name = f"{LABELS[lang]['phase'].format(number=roman(phase.number))} – {typeset(phase.name.in_(lang), lang)}"
        last = phase.end or phase.start
        cal.add_component(_event(f"phase-{phase.id}.{lang}@{domain}", stamp, phase.start, last, name,
                                 _plain(texts, phase.description, lang), lang))  # fmt: skip
    for milestone in faq.milestones:
        if milestone.date is None:
            continue  # a `when` in words: no date to put in a calendar
        first = milestone.date
        last = first
        if milestone.precision == "month":
            first = first.replace(day=1)
            last = first.replace(day=month_lengths.monthrange(first.year, first.month)[1])
        label = _plain(texts, milestone.label, lang)
        cal.add_component(_event(f"milestone-{milestone.id}.{lang}@{domain}", stamp, first, last, label, "", lang))
    return cal.to_ical()


def _event(uid: str, stamp: dt.datetime, first: dt.date, last: dt.date, summary: str, description: str,
           lang: str) -> icalendar.Event:  # fmt: skip
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", first)  # a date: an all-day event
    event.add("dtend", last + dt.timedelta(days=1))  # DTEND is the day after the last (RFC 5545 3.6.1)
    event.add("summary", _Text(summary), parameters={"LANGUAGE": lang})
    if description:
        event.add("description", _Text(description), parameters={"LANGUAGE": lang})
    return event


def _plain(texts: RichTextRenderer, text: RichText, lang: str) -> str:
    """A rich text as the words a reader sees (links as their words): inline elements joined as
    they read, blocks (paragraphs, list items) apart, in the language's typography as the pages
    set it (French: no-break spaces before `:` and inside « »)."""
    html = texts.render(text.in_(lang), lang).html
    if not html:
        return ""
    apart = _BLOCK_END.sub(r"\g<0> ", html)
    return typeset(_SPACES.sub(" ", LexborHTMLParser(apart, is_fragment=True).text(separator="")).strip(), lang)


_BLOCK_END = re.compile(r"</(?:p|li|ul|ol|h[1-6]|dd|dt|div)>|<br\s*/?>")
_SPACES = re.compile(r"[ \t\r\n]+")  # not U+00A0: French typography's no-break spaces stay


def language_problems(calendar: bytes, lang: str | None, site: BuiltSite) -> list[str]:
    """Verification: every event's summary is marked with the calendar's language."""
    try:
        events = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    except ValueError as error:
        return [f"not a calendar: {error}"]
    return [f"`{event['SUMMARY']}` is not marked `{lang}`" for event in events if event["SUMMARY"].params.get("LANGUAGE") != lang]


FORMAT = Format(
    "calendar", "text/calendar", calendar_file, per_language=True,
    make=lambda inputs, lang: timeline_calendar(inputs.faq, lang, inputs.domain),
    label="download_calendar", offered=lambda faq: bool(faq.phases or any(milestone.date for milestone in faq.milestones)),
    listed_on=frozenset({TIMELINE}), check=language_problems,
)  # fmt: skip
