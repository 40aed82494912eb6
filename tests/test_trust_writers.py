"""Trust, round three (issue 33), first classes: what the commands that write refuse, and texts
that YAML escapes could smuggle past the raw-text checks. Each with its exact message."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, build_faq
from hypothesis import given, settings
from hypothesis import strategies as st

from faqgen.languages import typeset

# Test files, not the real faq.yaml: an editor's change to a text must never break these tests.
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
EXAMPLE = (ROOT / "examples" / "community-grants" / "faq.yaml").read_text(encoding="utf-8")  # it has an e-mail contact


def with_email(address: str) -> str:
    assert EXAMPLE.count("    email: grants@example.org\n") == 1
    return EXAMPLE.replace("    email: grants@example.org\n", f'    email: "{address}"\n')


def line_of(text: str, words: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if words in line)


@pytest.mark.parametrize("address", ["faq?bcc=spy%40evil.example&x=y@ontario.ca", "faq#x@ontario.ca",
                                     "a&b@ontario.ca", "100%@ontario.ca", "faq@ontario"])  # fmt: skip
def test_an_e_mail_address_is_an_address_and_nothing_a_mailto_link_would_read_otherwise(tmp_path, address):
    text = with_email(address)
    (tmp_path / "faq.yaml").write_text(text, encoding="utf-8")
    result = build_faq("check", "faq.yaml", cwd=tmp_path)
    assert result.returncode == 1
    line = line_of(text, "    email:")
    shown = address if len(address) <= 40 else address[:20] + "…"  # as the message quotes what was written
    assert result.stderr == (f"faq.yaml:{line}:12: error: `{shown}` is not an e-mail address: write it like "
                             "`faq@ontario.ca` (publisher.contact.email)\n1 error; nothing was written.\n")  # fmt: skip


def test_a_plain_address_is_linked_as_it_is(tmp_path):
    from faqgen.frame import contact_link, report_link
    from faqgen.pipeline import check

    (tmp_path / "faq.yaml").write_text(with_email("faq.team+sso@ontario.ca"), encoding="utf-8")
    faq = check(tmp_path / "faq.yaml", strict=True).faq
    assert contact_link(faq, "en") == "mailto:faq.team%2Bsso@ontario.ca"
    assert report_link(faq, "en", "https://x.example/a?b&c", "A & B").startswith("mailto:faq.team%2Bsso@ontario.ca?subject=")


@pytest.mark.parametrize("escape, named", [("\\x01", "a control character (U+0001)"), ("\\v", "a control character (U+000B)"),
                                           ("\\uFFFE", "a noncharacter (U+FFFE)"), ("\\u0085", "a next-line character (U+0085)")])  # fmt: skip
def test_characters_written_as_yaml_escapes_are_refused_where_they_are(tmp_path, escape, named):
    text = MINIMAL.replace("title: {fr: Fournisseurs, en: Providers}", f'title: {{fr: Fournisseurs, en: "Pro{escape}viders"}}', 1)
    (tmp_path / "faq.yaml").write_text(text, encoding="utf-8")
    result = build_faq("check", "faq.yaml", cwd=tmp_path)
    line = line_of(text, "Pro" + escape)
    assert result.returncode == 1
    assert result.stderr.startswith(f"faq.yaml:{line}:35: error: the text holds {named}, written as an escape, which is "
                                    "not allowed: delete it (audiences[providers].title.en)\n")  # fmt: skip


@pytest.mark.parametrize("date", ["9999-12-31", "1066-10-14"])
def test_a_date_out_of_the_range_the_outputs_can_count_is_refused_at_check(tmp_path, date):
    text = MINIMAL.replace("  as_of: 2020-02-14\n", f"  as_of: {date}\n", 1)
    (tmp_path / "faq.yaml").write_text(text, encoding="utf-8")
    result = build_faq("check", "faq.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert f"faq.yaml:{line_of(text, '  as_of: ' + date)}:10: error: `{date}` is out of range: give a year from 1900 to 2999" in result.stderr


def test_a_file_with_carriage_returns_alone_is_told_so_once(tmp_path):
    (tmp_path / "faq.yaml").write_bytes(MINIMAL.replace("\n", "\r").encode("utf-8"))
    result = build_faq("check", "faq.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("faq.yaml:1:1: error: the file's lines end with a carriage return alone (an old Mac format): "
                             "save it with ordinary line ends (LF, or CRLF)\n1 error; nothing was written.\n")  # fmt: skip


@pytest.mark.parametrize("name", ["faq.yaml", "mkdocs.yml"])
def test_export_xliff_never_writes_over_the_faq_or_its_site_settings(project, name):
    before = (project / name).read_bytes()
    result = build_faq("export-xliff", "faq.yaml", "--target", "en", "--all", "-o", name, cwd=project)
    assert result.returncode == 2
    assert result.stderr == (f"build_faq.py: error: {name} is the FAQ's own {name}, not a place for the XLIFF: name another "
                             "file, such as to-translate.xlf; nothing was changed.\n")  # fmt: skip
    assert (project / name).read_bytes() == before


def test_export_xliff_refuses_a_device_and_a_folder(project):
    for target, advice in (("/dev/null", "it is not a regular file (a device or a pipe): give the path of a file"),
                           (str(project / "content"), "it is a folder, not a file: check the path")):  # fmt: skip
        result = build_faq("export-xliff", "faq.yaml", "--target", "en", "--all", "-o", target, cwd=project)
        assert result.returncode == 1
        assert result.stderr == f"build_faq.py: error: {target}: {advice}; nothing was changed.\n"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_read_only_faq_is_not_replaced(tmp_path):
    project = tmp_path
    faq = project / "faq.yaml"
    faq.write_text(MINIMAL.replace("en: First question?", "en: The first question?"), encoding="utf-8")
    faq.chmod(0o444)
    before = faq.read_bytes()
    try:
        result = build_faq("confirm", "faq.yaml", cwd=project)
    finally:
        faq.chmod(0o644)
    assert result.returncode == 1
    assert result.stderr == ("build_faq.py: error: faq.yaml: it is read-only: it is not replaced (make it writable first "
                             "if it should change); nothing was changed.\n")  # fmt: skip
    assert faq.read_bytes() == before


def test_a_full_disk_or_a_closed_folder_is_said_of_the_file_the_person_named(tmp_path, monkeypatch):
    import errno

    import faqgen.write as write
    from faqgen.problems import os_error_message

    target = tmp_path / "faq.yaml"
    target.write_text("before")

    def full(*arguments, **options):
        raise OSError(errno.ENOSPC, "No space left on device")  # as write() raises it: no file named

    monkeypatch.setattr(write.os, "fdopen", full)
    with pytest.raises(OSError) as error:
        write.replace_file(target, "after")
    assert os_error_message(error.value) == f"{target}: the disk is full: free some space, then run the command again"
    monkeypatch.undo()

    def closed(*arguments, **options):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".faq.yaml.x1y2.tmp"))

    monkeypatch.setattr(write.tempfile, "mkstemp", closed)
    with pytest.raises(OSError) as error:
        write.replace_file(target, "after")
    assert os_error_message(error.value).startswith(f"{target}: permission denied")
    assert target.read_text() == "before" and sorted(path.name for path in tmp_path.iterdir()) == ["faq.yaml"]


# Texts an editor may type, made of iCalendar's own syntax among ordinary words.
ICAL_SYNTAX = st.lists(st.sampled_from(list("\\N;,:nrt \"'aé«»") + ["\\N", "\\n", "\\,", "END:VEVENT"]), min_size=1,
                       max_size=20).map("".join).filter(lambda text: text.strip() and text == " ".join(text.split()))  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(name=ICAL_SYNTAX)
def test_a_phase_name_reaches_the_calendar_as_data(name):
    """iCalendar TEXT escaping (faqgen/ical.py): what a calendar reads back is what was typed."""
    import icalendar

    from faqgen.ical import timeline_calendar
    from faqgen.loader import load_text
    from faqgen.validate import validate

    quoted = "'" + name.replace("'", "''") + "'"
    faq = validate(load_text(MINIMAL.replace("name: {fr: Planification, en: Planning}", f"name: {{fr: {quoted}, en: {quoted}}}"))).faq
    for lang in ("fr", "en"):
        calendar = icalendar.Calendar.from_ical(timeline_calendar(faq, lang, "example.org"))
        [phase] = [event for event in calendar.walk("VEVENT") if str(event["UID"]).startswith("phase-planning.")]
        assert str(phase["SUMMARY"]).endswith(" – " + typeset(name, lang))


def test_a_calendar_text_is_escaped_as_rfc_5545_says():
    """3.3.11: backslash, semicolon and comma escaped — what any calendar reads, not only one as
    lenient as icalendar. (Line breaks cannot reach a calendar's text: names refuse them and rich
    texts become their words on one line.)"""
    from faqgen.ical import timeline_calendar
    from faqgen.loader import load_text
    from faqgen.validate import validate

    faq = validate(load_text(MINIMAL.replace("name: {fr: Planification, en: Planning}", 'name: {fr: a, en: "a\\\\b;c,d"}'))).faq
    unfolded = timeline_calendar(faq, "en", "example.org").replace(b"\r\n ", b"")
    assert b"SUMMARY;LANGUAGE=en:Phase I \xe2\x80\x93 a\\\\b\\;c\\,d\r\n" in unfolded


def _without(text: str, parts: list[str]) -> str:
    for part in parts:
        text = text.replace(part, "")
    return text


def test_a_phase_description_reaches_the_calendar_as_the_words_a_reader_sees():
    """A rich text in a calendar (faqgen/ical.py): its words, never its Markdown or HTML."""
    import icalendar

    from faqgen.ical import timeline_calendar
    from faqgen.loader import load_text
    from faqgen.validate import validate

    rich = "'Voir *ceci* et [le site](https://example.org/a?b=1&c=2) : **ou** &amp; cela.'"
    faq = validate(load_text(MINIMAL.replace("description: {fr: Description., en: Description.}",
                                             f"description: {{fr: {rich}, en: {rich}}}", 1))).faq  # fmt: skip
    calendar = icalendar.Calendar.from_ical(timeline_calendar(faq, "en", "example.org"))
    [phase] = [event for event in calendar.walk("VEVENT") if str(event["UID"]).startswith("phase-planning.")]
    assert str(phase["DESCRIPTION"]) == "Voir ceci et le site : ou & cela."
    [french] = [event for event in icalendar.Calendar.from_ical(timeline_calendar(faq, "fr", "example.org")).walk("VEVENT")
                if str(event["UID"]).startswith("phase-planning.")]  # fmt: skip
    assert str(french["DESCRIPTION"]) == "Voir ceci et le site\u00a0: ou & cela."  # French typography, as on the page


def test_a_milestone_is_its_words_in_the_calendar_and_one_without_a_date_is_left_out():
    """A milestone's label, linked words and all, is its event's summary (it has no description);
    a milestone known only in words is left out, and the ones after it are not."""
    import icalendar

    from faqgen.ical import timeline_calendar
    from faqgen.loader import load_text
    from faqgen.validate import validate

    faq = validate(load_text(MINIMAL.replace("milestones:\n", """milestones:
  - id: someday
    when: {fr: Un jour, en: Someday}
    label: {fr: Plus tard, en: Later}
""", 1).replace("label: {fr: Début, en: Start}", "label: {fr: 'Début : voir la [déclaration][statement]', en: 'Start: see the [statement][statement]'}")
        .replace("title: {fr: Titre, en: Title}", "title: {fr: 'Titre : sous-titre', en: 'Title: subtitle'}"))).faq  # fmt: skip
    for lang, summary in [("fr", "Début\u00a0: voir la déclaration"), ("en", "Start: see the statement")]:
        calendar = icalendar.Calendar.from_ical(timeline_calendar(faq, lang, "example.org"))
        assert str(calendar["X-WR-CALNAME"]).startswith({"fr": "Titre\u00a0: sous-titre — ", "en": "Title: subtitle — "}[lang])
        events = calendar.walk("VEVENT")
        milestones = [event for event in events if str(event["UID"]).startswith("milestone-")]
        assert [(str(event["UID"]), str(event["SUMMARY"])) for event in milestones] == [
            (f"milestone-start.{lang}@example.org", summary)]
        assert "DESCRIPTION" not in milestones[0]


@pytest.mark.parametrize("command", ["confirm", "import-xliff"])
def test_two_commands_that_change_the_faq_at_once_take_turns_and_both_land(tmp_path, command):
    """Read-modify-write of faq.yaml under a lock (faqgen.write.editing): the second waits, and says so."""
    import fcntl
    import subprocess
    import sys
    import time

    from helpers import plain_environment
    from test_xliff import translate

    from faqgen import xliff
    from faqgen.loader import load_file, load_text
    from faqgen.translations import State, statuses

    project = tmp_path
    faq = project / "faq.yaml"
    questions = ("first-question", "second-question")
    if command == "confirm":  # two English questions reworded, each confirmed by its own run
        faq.write_text(MINIMAL.replace("en: First question?", "en: The first question?")
                       .replace("en: Second question?", "en: The second question?"), encoding="utf-8")  # fmt: skip
        arguments = [["confirm", "--question", question, "faq.yaml"] for question in questions]
    else:  # two French questions reworded, each English translated in an XLIFF file of its own
        faq.write_text(MINIMAL.replace("fr: Première question?", "fr: La première question?")
                       .replace("fr: Deuxième question?", "fr: La deuxième question?"), encoding="utf-8")  # fmt: skip
        document = translate(xliff.export(load_text(faq.read_text(encoding="utf-8")), "en"), "1.2")
        unit = re.compile(r"<trans-unit .*?</trans-unit>", re.DOTALL)
        assert len(unit.findall(document)) == 2
        for question in questions:
            others = [found for found in unit.findall(document) if f"q/{question}/" not in found]
            (project / f"{question}.xlf").write_text(_without(document, others), encoding="utf-8")
        arguments = [["import-xliff", "faq.yaml", f"{question}.xlf"] for question in questions]
    held = os.open(project / ".faq.yaml.lock", os.O_WRONLY | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a third command would hold it: both must wait, then both land
    runs = [subprocess.Popen([sys.executable, str(ROOT / "build_faq.py"), *run], cwd=project, env=plain_environment(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for run in arguments]  # fmt: skip

    def waiting() -> set[int]:  # the runs blocked on a lock (/proc/locks lists waiters with "->")
        text = Path("/proc/locks").read_text()
        return {run.pid for run in runs if re.search(rf"-> FLOCK\s+ADVISORY\s+WRITE {run.pid} ", text)}

    deadline = time.monotonic() + 120  # a loaded machine starts Python slowly: wait for the moment, not a time
    while time.monotonic() < deadline and len(waiting()) < 2 and all(run.poll() is None for run in runs):
        time.sleep(0.05)
    assert len(waiting()) == 2, [run.poll() for run in runs]
    os.close(held)
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all(err.startswith("faq.yaml: another command is changing it; waiting for it\n") for _, err in outputs), outputs
    confirmed = {status.owner for status in statuses(load_file(faq)) if status.field == "question" and status.state is State.OK}
    assert {"question first-question", "question second-question"} <= confirmed


def test_a_title_with_a_line_break_is_refused_at_check(tmp_path):
    text = MINIMAL.replace("subtitle: {fr: Sous-titre, en: Subtitle}", 'subtitle: {fr: Sous-titre, en: "Sub\\ntitle"}', 1)
    (tmp_path / "faq.yaml").write_text(text, encoding="utf-8")
    result = build_faq("check", "faq.yaml", cwd=tmp_path)
    line = line_of(text, "Sub\\ntitle")
    assert result.returncode == 1
    assert result.stderr == (f"faq.yaml:{line}:34: error: this text is shown on one line (a title, a question or a name): "
                             "join its lines (document.subtitle.en)\n1 error; nothing was written.\n")  # fmt: skip


# Abbreviations made to be prefixes of one another (as ODSP and ODSP ES), and prose around them.
ABBREVIATIONS = st.lists(st.sampled_from(["ZQS", "ZQS ES", "ZQ", "QS", "ZQS-B", "ES"]), min_size=1, max_size=4, unique=True)
PROSE = st.lists(st.sampled_from(["ZQS", "ZQS ES", "ZQ", "ES", "le", "programme", "et", ",", ".", "ZQS.", "(ZQS)",
                                  "[lien](https://x.example/ZQS)", "[[zqs-es]]", "ZQSES", "ZQS-ES"]),
                 min_size=1, max_size=12).map(" ".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(abbreviations=ABBREVIATIONS, text=PROSE)
def test_glossary_expansion_only_adds_what_abbreviations_stand_for(abbreviations, text):
    """Outside the expansions it inserts, the text is unchanged; each abbreviation is written out
    at most once, at a whole use of it, never inside a longer one, a link or an id."""
    from faqgen.markup import expand_abbreviations

    glossary = [(abbreviation, f"term number {index}") for index, abbreviation in enumerate(abbreviations)]
    explained: set[str] = set()
    expanded = expand_abbreviations(text, glossary, explained)
    restored = expanded
    for abbreviation, term in glossary:
        assert expanded.count(f"{term} ({abbreviation})") <= 1
        restored = restored.replace(f"{term} ({abbreviation})", abbreviation)
    assert restored == text
    for abbreviation, term in glossary:
        if f"{term} (" in expanded:
            assert abbreviation in explained


def test_a_links_address_is_told_at_the_language_that_is_wrong(tmp_path):
    text = MINIMAL.replace('en: "https://example.org/en"', 'en: "javascript:alert(1)"', 1)
    (tmp_path / "faq.yaml").write_text(text, encoding="utf-8")
    result = build_faq("check", "faq.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"faq.yaml:{line_of(text, 'javascript:')}:45: error: `javascript:alert(1)` is not "
                                    "a web address: it must start with https:// (or http://) (links[statement].url.en)\n")  # fmt: skip


def test_confirm_keeps_a_file_s_crlf_line_ends(tmp_path):
    faq = tmp_path / "faq.yaml"
    unconfirmed = MINIMAL.replace("          confirmed: fr 20119214 en 4dc3b7af\n", "").replace("\n", "\r\n")
    faq.write_bytes(unconfirmed.encode())
    assert build_faq("confirm", str(faq)).returncode == 0
    written = faq.read_bytes()
    assert written.count(b"\n") == written.count(b"\r\n") == unconfirmed.count("\n") + 1
