"""Translators' round trip (faqgen/xliff.py): the real faq.yaml's English out as XLIFF 1.2 and
2.0 and back, translated as a CAT tool would (placeholders moved, white space and entities
changed), leaves faq.yaml the same but for the translated texts and their `confirmed:` lines;
every refusal with its exact message and place; nothing written when anything is refused."""

from __future__ import annotations

import copy
import difflib
import re
import xml.etree.ElementTree as ET

import pytest
from helpers import FIXTURES, ROOT, build_faq

from faqgen import xliff
from faqgen.loader import load_text
from faqgen.problems import FaqError
from faqgen.translations import State, statuses
from faqgen.validate import validate

REAL = (ROOT / "faq.yaml").read_text(encoding="utf-8")
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
MOVABLE = re.compile(r"^(\*{1,3}|\[|\]\(.*\)|\]\[.*\])$")  # syntax that stays inside a sentence


def translate(document: str, version: str) -> str:
    """What a CAT tool returns: every target written anew from its source (the words marked as
    translated), a movable placeholder moved past the next word, the file's white space changed,
    characters written as entities, every unit marked final."""
    ns = xliff.XLIFF_12 if version == "1.2" else xliff.XLIFF_20
    ET.register_namespace("", ns)
    root = ET.fromstring(document)
    units = root.iter(f"{{{ns}}}trans-unit") if version == "1.2" else root.iter(f"{{{ns}}}segment")
    for unit in units:
        source = unit.find(f"{{{ns}}}source")
        old = unit.find(f"{{{ns}}}target")
        if old is not None:
            unit.remove(old)
        target = copy.deepcopy(source)
        target.tag = f"{{{ns}}}target"
        target.text = "EN " + (target.text or "")
        children = list(target)
        for child in children:  # words marked as translated, white space changed
            if child.tail and child.tail.strip():
                child.tail = child.tail.replace(" ", "  \n   ", 1)
        for child in children:
            words = (child.tail or "").lstrip().split(" ", 1)
            code = child.get("equiv-text") if version == "1.2" else child.get("equiv")
            if MOVABLE.match(code) and len(words) == 2 and words[0] and not words[0].startswith(("[", "]")):
                previous = children.index(child)
                holder = children[previous - 1] if previous else None
                moved = " " + words[0]  # the word goes before the placeholder
                if holder is None:
                    target.text = (target.text or "") + moved
                else:
                    holder.tail = (holder.tail or "") + moved
                child.tail = " " + words[1]
                break
        source_index = list(unit).index(source)
        unit.insert(source_index + 1, target)
        if version == "1.2":
            target.set("state", "final")
        else:
            unit.set("state", "final")
    text = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return text.replace("é", "&#233;").replace("’", "&#x2019;")


def changed_lines_are_translations(old: str, new: str, target: str) -> list[str]:
    """Lines that changed outside the `target` texts and the `confirmed:` lines (empty: none)."""

    def allowed(text: str) -> set[int]:
        source = load_text(text)
        lines = set()
        for path, scalar in source.scalars.items():
            if path[-1] in (target, "confirmed"):
                lines |= set(range(scalar.line, max(scalar.end_line, scalar.line) + 1))
        return lines

    old_allowed, new_allowed = allowed(old), allowed(new)
    outside = []
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            outside += [f"-{n + 1}" for n in range(i1, i2) if n + 1 not in old_allowed]
            outside += [f"+{n + 1}" for n in range(j1, j2) if n + 1 not in new_allowed]
    return outside


@pytest.mark.parametrize("version", xliff.VERSIONS)
def test_the_real_faqs_english_goes_out_and_comes_back_translated_and_nothing_else_changes(version):
    source = load_text(REAL, "faq.yaml")
    exported = xliff.export(source, "en", everything=True, version=version)
    assert exported.count("<trans-unit " if version == "1.2" else "<unit ") == len(statuses(source)) == 62
    imported = xliff.import_xliff(source, translate(exported, version).encode("utf-8"), "back.xlf")
    assert imported.refused == [] and len(imported.accepted) == 62
    assert changed_lines_are_translations(REAL, imported.text, "en") == []
    result = load_text(imported.text)
    validate(result, strict=True)  # check --strict passes: every text confirmed
    answer = result.data["audiences"][0]["questions"][0]["answer"]
    assert answer["fr"] == source.data["audiences"][0]["questions"][0]["answer"]["fr"]  # the other language untouched
    assert answer["en"].startswith("EN Dans les régions de modélisation") and "\n\n[[timeline]]\n\n" in answer["en"]


def test_placeholders_moved_by_the_translator_keep_the_syntax_and_its_place():
    source = load_text(MINIMAL)
    document = translate(xliff.export(source, "en", everything=True), "1.2").replace("&#233;", "é")
    # "Voir la [[second-question]] et la [déclaration][statement]": the translator takes "la" into the link.
    moved = document.replace('et la <x id="3" equiv-text="[" />déclaration', 'et <x id="3" equiv-text="[" />la déclaration')
    assert moved != document
    imported = xliff.import_xliff(source, moved.encode("utf-8"), "back.xlf")
    answer = load_text(imported.text).data["audiences"][0]["questions"][0]["answer"]["en"]
    assert answer.strip() == "EN Réponse.\n\nVoir la [[second-question]] et [la déclaration][statement]."


def test_only_texts_whose_translation_waits_are_exported_by_default():
    stale = MINIMAL.replace("          fr: Deuxième question?", "          fr: Deuxième question, reformulée?")
    source = load_text(stale)
    exported = xliff.export(source, "en")
    assert re.findall(r'trans-unit id="([^"]+)"', exported) == ["q/second-question/question"]
    assert 'state="needs-review-translation">Second question?</target>' in exported
    assert re.findall(r'trans-unit id="([^"]+)"', xliff.export(source, "fr")) == []  # French is up to date


def test_a_missing_translation_is_written_as_a_new_key_in_block_and_flow_style():
    missing = MINIMAL.replace("          en: |\n            Answer.\n\n            See [[second-question]] and the [statement][statement].\n", "")
    missing = missing.replace("          fr: Deuxième question?\n          en: Second question?\n", "          fr: Deuxième question?\n")
    missing = missing.replace("    title: {fr: Maintenant, en: Now}", "    title: {fr: Maintenant, en: Now}")
    source = load_text(missing)
    exported = xliff.export(source, "en")
    assert re.findall(r'trans-unit id="([^"]+)"', exported) == ["q/first-question/answer", "q/second-question/question"]
    imported = xliff.import_xliff(source, translate(exported, "1.2").encode("utf-8"), "back.xlf")
    result = load_text(imported.text)
    validate(result, strict=True)
    questions = result.data["audiences"][0]["questions"]
    assert questions[1]["question"]["en"] == "EN Deuxième question?"
    assert questions[0]["answer"]["en"].startswith("EN Réponse.\n\nVoir la")
    assert "          fr: Deuxième question?\n          en: EN Deuxième question?\n" in imported.text


def refusals(document: str, faq: str = MINIMAL, partial: bool = False) -> list[str]:
    try:
        imported = xliff.import_xliff(load_text(faq), document.encode("utf-8"), "back.xlf", partial=partial)
    except FaqError as error:
        return [str(problem) for problem in error.problems]
    return [str(problem) for problem in imported.refused]


def translated_minimal(version: str = "1.2") -> str:
    return translate(xliff.export(load_text(MINIMAL), "en", everything=True, version=version), version)


def line_of(document: str, needle: str) -> int:
    return document[: document.index(needle)].count("\n") + 1


def test_each_refused_unit_is_named_with_its_line_and_what_to_do():
    document = translated_minimal()
    unknown = document.replace('id="q/second-question/answer"', 'id="q/third-question/answer"')
    assert refusals(unknown) == [f"back.xlf:{line_of(unknown, 'q/third-question')}:7: error: faq.yaml has no text "
                                 "`q/third-question/answer`: this unit was not exported from it (unit q/third-question/answer)"]  # fmt: skip
    changed = MINIMAL.replace("          fr: Deuxième question?", "          fr: Deuxième question, reformulée?")
    assert refusals(document, changed) == [
        f"back.xlf:{line_of(document, 'q/second-question/question')}:7: error: the French text changed since this file "
        "was exported: export it again (unit q/second-question/question)"]  # fmt: skip
    plain = document.replace("&#233;", "é")
    draft = plain.replace('<target state="final">EN Deuxième', '<target state="translated">EN Deuxième')
    draft_line = line_of(draft, 'state="translated"')
    assert refusals(draft) == [
        f"back.xlf:{draft_line}:9: error: the translation is not "
        "marked final (state `translated`): finish its review first (unit q/second-question/question)"]  # fmt: skip
    empty = re.sub(r'(<target state="final">)EN Deuxi[^<]*(</target>)', r"\1  \2", plain)
    empty_line = line_of(empty, '<target state="final">  <')
    assert refusals(empty) == [f"back.xlf:{empty_line}:9: error: the English text "
                               "is empty (unit q/second-question/question)"]  # fmt: skip


def test_broken_placeholders_are_refused_and_nothing_is_written():
    document = translated_minimal().replace("&#233;", "é")
    first = document.index('<trans-unit id="q/first-question/answer"')
    unit = document[first : document.index("</trans-unit>", first)]
    target = unit[unit.index("<target") :]
    line = line_of(document, target)
    missing = document.replace(target, re.sub(r'<x id="2" equiv-text="[^"]*" />', "", target, count=1))
    twice = document.replace(target, target.replace('<x id="1"', '<x id="1" equiv-text="x" /><x id="1"', 1))
    foreign = document.replace(target, target.replace('<x id="1"', '<x id="9" equiv-text="x" /><x id="1"', 1))
    where = f"back.xlf:{line}:9: error:"
    assert refusals(missing) == [f"{where} placeholder 2 (`[[second-question]]`) is missing: put it back where it "
                                 "belongs (unit q/first-question/answer)"]  # fmt: skip
    assert refusals(twice) == [f"{where} placeholder 1 (`line break`) appears 2 times; keep it once (unit q/first-question/answer)"]
    assert refusals(foreign) == [f"{where} placeholder 9 is not in the source text (unit q/first-question/answer)"]
    paired = document.replace(target, target.replace('<x id="1"', '<g id="1">x</g><x id="1"', 1))
    assert refusals(paired) == [f"{where} `<g>` is not a placeholder of this file (`<x/>`): it cannot be read back "
                                "(unit q/first-question/answer)"]  # fmt: skip
    # --partial: the good units are written, the refused one listed
    imported = xliff.import_xliff(load_text(MINIMAL), missing.encode("utf-8"), "back.xlf", partial=True)
    assert "q/first-question/answer" not in imported.accepted and len(imported.accepted) == len(statuses(load_text(MINIMAL))) - 1
    assert load_text(imported.text).data["audiences"][0]["questions"][0]["answer"]["en"].startswith("Answer.")


@pytest.mark.parametrize(
    "document, expected",
    [
        ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<xliff/>',
         "back.xlf:2:16: error: a DTD or entity declaration is not allowed in XLIFF here (DTDForbidden)"),
        ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<xliff>&e;</xliff>',
         "back.xlf:2:13: error: a DTD or entity declaration is not allowed in XLIFF here (DTDForbidden)"),
        ('<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1"/>',
         "back.xlf:1:1: error: not an XLIFF 1.2 or 2.0 document (root `{urn:oasis:names:tc:xliff:document:1.1}xliff`, version `1.1`)"),
        ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fr" trgLang="de"/>',
         "back.xlf:1:1: error: the languages are `fr` → `de`: expected French and English, one each"),
        ("<xliff>\n  <unit>\n</xliff>", "back.xlf:3:3: error: not well-formed XML: mismatched tag"),
    ],
)  # fmt: skip
def test_hostile_or_foreign_files_are_refused_with_their_place(document, expected):
    assert refusals(document) == [expected]


def test_a_huge_file_or_a_device_is_refused_unread(tmp_path):
    assert refusals(" " * (xliff.MAX_BYTES + 1)) == [
        f"back.xlf:1:1: error: the file is larger than {xliff.MAX_BYTES:,} bytes: not an export of a FAQ's texts"]
    faq = tmp_path / "faq.yaml"
    faq.write_text(MINIMAL)
    endless = build_faq("import-xliff", str(faq), "/dev/zero", timeout=60)
    assert endless.returncode == 1 and endless.stderr.startswith(
        f"/dev/zero:1:1: error: the file is larger than {xliff.MAX_BYTES:,} bytes")
    assert faq.read_text() == MINIMAL


SECOND_ANSWER = "        answer:\n          confirmed: fr 385b014e en 6afada2c\n          fr: Réponse.\n          en: Answer.\n"


@pytest.mark.parametrize(
    "written, expected",
    [  # the French as an editor may write it → the new English's lines, as written in faq.yaml
        ('          fr: Réponse.  # revu par le service juridique\n',
         '          fr: Réponse.  # revu par le service juridique\n          en: EN Réponse.\n'),
        ('          fr: "Réponse.\\n\\nDeux."  # revu\n',
         '          fr: "Réponse.\\n\\nDeux."  # revu\n          en: |\n            EN Réponse.\n\n            Deux.\n'),
        ('          fr: "Réponse.\\n\\nDeux."\n          en: Ancienne.  # à revoir\n',
         '          en: |  # à revoir\n            EN Réponse.\n\n            Deux.\n'),
        ("          fr: 'Réponse\n            sur deux lignes.'\n",
         "          en: EN Réponse sur deux lignes.\n"),
        ('          fr: >\n            Réponse\n            repliée.\n\n            Deux.\n          # commentaire\n',
         '          en: |\n            EN Réponse repliée.\n            Deux.\n          # commentaire\n'),
        ('          fr: |2\n              Réponse indentée.\n          en: |-\n            Ancienne.\n',
         '          en: |\n            EN Réponse indentée.\n'),
    ],
    ids=["comment", "paragraphs-and-comment", "old-translation-with-comment", "plain-on-two-lines", "folded-block",
         "indentation-indicator"],
)  # fmt: skip
def test_source_texts_in_any_yaml_style_land_translated_and_comments_stay_with_their_text(written, expected):
    faq = MINIMAL.replace(SECOND_ANSWER, "        answer:\n" + written)
    source = load_text(faq)
    imported = xliff.import_xliff(source, translate(xliff.export(source, "en"), "1.2").encode("utf-8"), "back.xlf")
    assert imported.accepted == ["q/second-question/answer"]
    assert expected in imported.text
    result = load_text(imported.text)
    validate(result, strict=True)
    assert result.data["audiences"][0]["questions"][1]["answer"]["fr"] == source.data["audiences"][0]["questions"][1]["answer"]["fr"]


@pytest.mark.parametrize("mapping", ['{fr: "Réponse.\\n\\nDeux."}', '{fr: "Réponse.\\n\\nDeux.", en: Ancienne.}',
                                     '{fr: "Réponse.\\n\\nDeux.",\n                 }'])  # fmt: skip
def test_a_translation_in_a_one_line_mapping_stays_in_it(mapping):
    source = load_text(MINIMAL.replace(SECOND_ANSWER, f"        answer: {mapping}\n"))
    imported = xliff.import_xliff(source, translate(xliff.export(source, "en"), "1.2").encode("utf-8"), "back.xlf")
    assert 'fr: "Réponse.\\n\\nDeux.", en: "EN Réponse.\\n\\nDeux."' in imported.text
    validate(load_text(imported.text), strict=True)


def test_a_file_with_crlf_line_ends_keeps_them():
    faq = MINIMAL.replace(SECOND_ANSWER, '        answer:\n          fr: "Réponse.\\n\\nDeux."  # revu\n').replace("\n", "\r\n")
    source = load_text(faq)
    imported = xliff.import_xliff(source, translate(xliff.export(source, "en"), "1.2").encode("utf-8"), "back.xlf")
    assert imported.text.count("\n") == imported.text.count("\r\n") == faq.count("\n") + 5  # 4 lines of English, 1 confirmed
    validate(load_text(imported.text), strict=True)


def first_target(document: str) -> str:
    """The first unit's <target> element, as written in `document`."""
    start = document.index("<target")
    return document[start : document.index("</target>", start) + len("</target>")]


@pytest.mark.parametrize(
    "words, added",
    [
        ("EN [vos droits](https://evil.example) Deuxième question?", "["),
        ("EN Deuxième question? Voir [[first-question]]", "[[first-question]]"),
        ("EN **Deuxième** question?", "**"),
        ("EN \\[Deuxième] question?", "\\["),
        ("EN Deuxième question? [plus][statement]", "["),
    ],
)  # fmt: skip
def test_a_translation_cannot_add_links_or_markdown_its_source_does_not_have(words, added):
    faq = MINIMAL.replace("          en: Second question?\n", "")
    document = translate(xliff.export(load_text(faq), "en"), "1.2").replace("&#233;", "é")
    target = first_target(document)
    hostile = document.replace(target, f'<target state="final">{words}</target>')
    expected = (f"back.xlf:{line_of(document, target)}:9: error: the translation adds `{added}`, Markdown syntax the "
                "French text does not have: it would be published as a link or formatting; write it without, or use "
                "the placeholders (unit q/second-question/question)")  # fmt: skip
    assert refusals(hostile, faq)[:1] == [expected]


def test_a_placeholder_moved_off_its_words_is_refused():
    faq = MINIMAL.replace("          fr: Deuxième question?\n          en: Second question?\n",
                          "          fr: Deuxième _question_?\n")  # fmt: skip
    document = translate(xliff.export(load_text(faq), "en"), "1.2").replace("&#233;", "é")
    target = first_target(document)
    apart = document.replace(target, '<target state="final">EN <x id="1" equiv-text="_" /> question <x id="2" '
                                     'equiv-text="_" />?</target>')  # fmt: skip
    assert refusals(apart, faq) == [
        f"back.xlf:{line_of(document, target)}:9: error: `_` no longer reads as Markdown where its placeholder is: "
        "keep the placeholder against the words it marks (unit q/second-question/question)"]  # fmt: skip


def test_a_unit_twice_and_a_file_in_the_other_direction_are_refused_at_their_lines():
    document = translated_minimal().replace("&#233;", "é")
    start = document.index('<trans-unit id="q/second-question/answer"')
    unit = document[start : document.index("</trans-unit>", start) + len("</trans-unit>")]
    twice = document.replace(unit, unit + "\n      " + unit)
    second = twice.index(unit, start + 1)
    assert refusals(twice) == [
        f"back.xlf:{twice[:second].count(chr(10)) + 1}:7: error: this unit is in the file a second time (first at line "
        f"{line_of(document, unit)}): keep one (unit q/second-question/answer)"]  # fmt: skip
    other = document.replace("</file>", '</file>\n  <file original="faq.yaml" datatype="plaintext" '
                                        'source-language="en" target-language="fr"><body/></file>')  # fmt: skip
    assert refusals(other) == [
        f"back.xlf:{line_of(other, 'source-language=' + chr(34) + 'en')}:3: error: this <file> is `en` → `fr`, the first one "
        "`fr` → `en`: one XLIFF file per direction of translation"]  # fmt: skip


def test_the_commands_write_read_and_leave_the_file_alone_when_anything_is_refused(tmp_path):
    faq = tmp_path / "faq.yaml"
    faq.write_text(MINIMAL.replace("          fr: Deuxième question?", "          fr: Deuxième question, reformulée?"))
    before = faq.read_bytes()
    exported = build_faq("export-xliff", str(faq), "--target", "en", "-o", str(tmp_path / "out.xlf"))
    assert exported.returncode == 0 and "1 text to translate into English" in exported.stderr
    document = translate((tmp_path / "out.xlf").read_text(), "1.2")
    (tmp_path / "draft.xlf").write_text(document.replace('state="final"', 'state="translated"'))
    refused = build_faq("import-xliff", str(faq), str(tmp_path / "draft.xlf"))
    assert refused.returncode == 1 and "not marked final" in refused.stderr and faq.read_bytes() == before
    (tmp_path / "back.xlf").write_text(document)
    done = build_faq("import-xliff", str(faq), str(tmp_path / "back.xlf"))
    assert done.returncode == 0, done.stderr
    assert "1 translation imported and confirmed" in done.stdout
    source = load_text(faq.read_text())
    assert all(status.states["en"] is State.OK for status in statuses(source))
    assert source.data["audiences"][0]["questions"][1]["question"]["en"] == "EN Deuxième question, reformulée?"


def test_a_unit_approved_in_xliff_1_2_counts_as_final():
    """XLIFF 1.2 marks a reviewed unit `approved="yes"`, whatever its target's state says."""
    faq = MINIMAL.replace("          en: Second question?\n", "")
    document = translate(xliff.export(load_text(faq), "en"), "1.2")
    draft = document.replace('state="final"', 'state="translated"')
    assert refusals(draft, faq) and "not marked final" in refusals(draft, faq)[0]
    approved = draft.replace('<trans-unit id="q/second-question/question"', '<trans-unit approved="yes" id="q/second-question/question"')
    imported = xliff.import_xliff(load_text(faq), approved.encode("utf-8"), "back.xlf")
    assert imported.accepted == ["q/second-question/question"] and imported.refused == []


# MINIMAL with a text in each state a translator is sent: the home page's key point and an
# audience's two key points unconfirmed, a question's English missing, an answer's English stale
# (its French changed).
WAITING = (
    MINIMAL.replace("      - confirmed: fr b074faf1 en b0f8d622\n        fr: Un point.", "      - fr: Un point.")
    .replace("    title: {fr: Fournisseurs, en: Providers}\n", "    title: {fr: Fournisseurs, en: Providers}\n"
             "    key_points:\n      - {fr: Un point clé., en: A key point.}\n      - {fr: Un autre., en: Another.}\n")
    .replace("          en: First question?\n", "")
    .replace("          fr: Réponse.\n", "          fr: Une réponse.\n")
)  # fmt: skip
DIRS = {"fr": "", "en": "en/"}


@pytest.mark.parametrize("version", xliff.VERSIONS)
def test_each_unit_sent_says_where_its_text_is_read_its_fingerprint_and_why_it_waits(version):
    """The file a translation service receives, whole (tests/fixtures/xliff/: what CAT tools read:
    the file's languages, each unit's id and name, its source and any target with their states,
    and the notes translators see — the text's place on the site with its address, its source's
    fingerprint, and why it waits)."""
    exported = xliff.export(load_text(WAITING), "en", version=version, site_url="https://faq.example.ca/", language_dirs=DIRS)
    assert exported == (FIXTURES / "xliff" / f"waiting-{version}.xlf").read_text(encoding="utf-8")


def test_without_the_sites_address_a_unit_names_its_page_and_anchor_and_everything_sends_all_texts():
    exported = ET.fromstring(xliff.export(load_text(WAITING), "en", language_dirs=DIRS))
    places = [note.text for note in exported.iter(f"{{{xliff.XLIFF_12}}}note") if note.get("from") == "faqgen"]
    assert places[:2] == ["French text on the home page, #now", "French text on the page providers, #key-points"]
    for version in xliff.VERSIONS:
        ns = xliff.XLIFF_12 if version == "1.2" else xliff.XLIFF_20
        every = ET.fromstring(xliff.export(load_text(WAITING), "en", everything=True, version=version))
        units = every.iter(f"{{{ns}}}trans-unit" if version == "1.2" else f"{{{ns}}}unit")
        names = {(unit.get("resname") or unit.get("name")): unit for unit in units}
        assert list(names) == ["kp/now/1", "a/providers/kp/1", "a/providers/kp/2", "q/first-question/question",
                               "q/first-question/answer", "q/second-question/question", "q/second-question/answer"]  # fmt: skip
        done = names["q/second-question/question"]
        state = done.find(f"{{{ns}}}target" if version == "1.2" else f"{{{ns}}}segment").get("state")
        assert state == "final"  # up to date: sent for reference, already final
        # A translation's syntax is the source's placeholders, numbered as in the source.
        target = names["q/first-question/answer"].find(f".//{{{ns}}}target")
        assert [(child.get("id"), child.get("equiv-text") or child.get("equiv")) for child in target] == [
            ("1", "\n\n"), ("2", "[[second-question]]"), ("3", "["), ("4", "][statement]")]


def test_a_translations_syntax_its_source_lacks_is_sent_as_text():
    faq = WAITING.replace("          en: Answer.\n", "          en: '**Answer**.'\n", 1)
    exported = ET.fromstring(xliff.export(load_text(faq), "en"))
    [unit] = [unit for unit in exported.iter(f"{{{xliff.XLIFF_12}}}trans-unit") if unit.get("id") == "q/second-question/answer"]
    target = unit.find(f"{{{xliff.XLIFF_12}}}target")
    assert (target.text, len(target)) == ("**Answer**.", 0)  # the translator sees it, and may keep or drop it


def _with_target(document: str, unit_name: str, target: str) -> str:
    """The XLIFF 1.2 `document` with `unit_name`'s target replaced by `target` (its whole element)."""
    start = document.index(f'<trans-unit id="{unit_name}"')
    end = document.index("</trans-unit>", start)
    unit = document[start:end]
    old = re.search(r"<target.*?</target>", unit, re.S)[0]
    return document[:start] + unit.replace(old, target) + document[end:]


def imported_text(faq: str, document: str, path: tuple) -> str:
    imported = xliff.import_xliff(load_text(faq), document.encode("utf-8"), "back.xlf")
    node = load_text(imported.text).data
    for key in path:
        node = node[key]
    return node["en"]


LISTED = MINIMAL.replace("          fr: Réponse.\n          en: Answer.\n", "          fr: \"- un;\\n- deux.\"\n          en: A.\n")


def test_a_translation_spaced_as_a_cat_tool_spaces_it_reads_back_as_the_text_spaces_it():
    """Words around a line break or list marker lose their spaces; a target may begin with a
    placeholder (a list's first marker)."""
    document = translated_minimal()
    spaced = ('<target state="signed-off">  EN Answer TAX   <x id="1" equiv-text="&#10;&#10;" />   See\n  <x id="2" '
              'equiv-text="[[second-question]]" />  and the <x id="3" equiv-text="[" />statement<x xmlns="" id="4" '
              'equiv-text="][statement]" />.  </target>')  # signed off: final too; a placeholder outside the namespace  # fmt: skip
    answer = ("audiences", 0, "questions", 0, "answer")
    assert imported_text(MINIMAL, _with_target(document, "q/first-question/answer", spaced), answer) == (
        "EN Answer TAX\n\nSee [[second-question]] and the [statement][statement].\n")
    listed = translate(xliff.export(load_text(LISTED), "en", everything=True), "1.2")
    items = '<target state="final"><x id="1" equiv-text="- " />  one;   <x id="2" equiv-text="&#10;- " />   two.</target>'
    assert imported_text(LISTED, _with_target(listed, "q/second-question/answer", items),
                         ("audiences", 0, "questions", 1, "answer")) == "- one;\n- two.\n"  # fmt: skip


def test_regional_languages_a_second_file_of_the_same_direction_and_units_without_names_are_read():
    """What CAT tools write differently from our export: `fr-CA`, a second <file> going the same
    way, an XLIFF 2.0 unit named by its id only."""
    regional = translated_minimal().replace('source-language="fr" target-language="en"',
                                            'source-language="fr-CA" target-language="EN-ca"')  # fmt: skip
    regional = regional.replace("</file>", '</file>\n  <file original="more.yaml" datatype="plaintext" '
                                           'source-language="FR" target-language="en-US"><body/></file>')  # fmt: skip
    every = sorted(xliff.units(load_text(MINIMAL)))
    assert sorted(xliff.import_xliff(load_text(MINIMAL), regional.encode("utf-8"), "back.xlf").accepted) == every
    unnamed = re.sub(r' name="[^"]*"', "", translated_minimal("2.0"))
    assert ' name="' not in unnamed
    assert sorted(xliff.import_xliff(load_text(MINIMAL), unnamed.encode("utf-8"), "back.xlf").accepted) == every


def test_importing_confirms_only_the_texts_it_brings():
    """Another text whose translation waits (the home page's key point, unconfirmed) stays unconfirmed."""
    faq = MINIMAL.replace("      - confirmed: fr b074faf1 en b0f8d622\n        fr: Un point.", "      - fr: Un point.")
    document = translate(xliff.export(load_text(faq), "en", everything=True), "1.2")
    start = document.index('<trans-unit id="kp/now/1"')
    document = document[:start] + document[document.index("</trans-unit>", start) + len("</trans-unit>"):]
    imported = xliff.import_xliff(load_text(faq), document.encode("utf-8"), "back.xlf")
    assert "kp/now/1" not in imported.accepted and len(imported.accepted) == 4
    waiting = [(status.owner, status.field, status.states["en"]) for status in statuses(load_text(imported.text)) if not status.ok]
    assert waiting == [("key point section now", "point 1", State.UNCONFIRMED)]


def test_a_unit_a_cat_tool_left_incomplete_is_refused_and_the_units_after_it_are_still_read():
    document = translated_minimal().replace("&#233;", "é")
    start = document.index('<trans-unit id="q/first-question/question"')
    unit = document[start : document.index("</trans-unit>", start) + len("</trans-unit>")]
    bare = re.sub(r"<target.*?</target>", "", unit, flags=re.S)
    nameless = re.sub(r' id="[^"]*" resname="[^"]*"', "", unit)
    no_id = '<target state="final">Second question?<x /></target>'
    document = document.replace(unit, f"{bare}\n      {unit}\n      {nameless}")
    document = _with_target(document, "q/second-question/question", no_id)
    line = line_of(document, bare)
    imported = xliff.import_xliff(load_text(MINIMAL), document.encode("utf-8"), "back.xlf", partial=True)
    assert [str(problem) for problem in imported.refused] == [
        f"back.xlf:{line}:7: error: the translation is not marked final (state `none`): finish its review first "
        "(unit q/first-question/question)",
        f"back.xlf:{line_of(document, unit)}:7: error: this unit is in the file a second time (first at line {line}): keep one "
        "(unit q/first-question/question)",
        f"back.xlf:{line_of(document, '<trans-unit>')}:7: error: this unit has no id: it was not exported from faq.yaml",
        f"back.xlf:{line_of(document, no_id)}:9: error: a placeholder has no id: it cannot be read back "
        "(unit q/second-question/question)",
    ]  # fmt: skip
    assert sorted(imported.accepted) == ["kp/now/1", "q/first-question/answer", "q/second-question/answer"]


def test_the_file_to_import_is_read_whole_up_to_its_limit(tmp_path):
    exported = tmp_path / "back.xlf"
    exported.write_bytes(b" " * xliff.MAX_BYTES)  # at the limit: read, then found not to be XML
    assert xliff.read(exported) == b" " * xliff.MAX_BYTES
    with pytest.raises(FaqError, match="not well-formed XML"):
        xliff.import_xliff(load_text(MINIMAL), xliff.read(exported), "back.xlf")
    exported.write_bytes(b" " * (xliff.MAX_BYTES + 1))
    with pytest.raises(FaqError) as refused:
        xliff.read(exported)
    assert [str(problem) for problem in refused.value.problems] == [
        f"{exported}:1:1: error: the file is larger than {xliff.MAX_BYTES:,} bytes: not an export of a FAQ's texts"]
    with pytest.raises(FaqError) as refused:
        xliff.read(tmp_path)
    assert [str(problem) for problem in refused.value.problems] == [f"{tmp_path}:1:1: error: cannot read the file: Is a directory"]


def test_an_xliff_2_unit_is_known_by_its_name_and_one_left_incomplete_is_refused():
    """CAT tools may number units anew: the name says which text it is. A unit with neither, or
    without its segment, is refused with its place."""
    document = translated_minimal("2.0").replace("&#233;", "é")
    renumbered = document.replace('id="q.second-question.question"', 'id="u7"')
    assert "q/second-question/question" in xliff.import_xliff(load_text(MINIMAL), renumbered.encode("utf-8"), "back.xlf").accepted
    start = document.index('<unit id="q.first-question.question"')
    unit = document[start : document.index("</unit>", start) + len("</unit>")]
    anonymous = unit.replace(' id="q.first-question.question" name="q/first-question/question"', "")
    document = document.replace(unit, anonymous)
    start = document.index('<unit id="q.second-question.question"')
    unit = document[start : document.index("</unit>", start) + len("</unit>")]
    document = document.replace(unit, re.sub(r"<segment.*?</segment>", "", unit, flags=re.S))
    assert refusals(document, partial=True) == [
        f"back.xlf:{line_of(document, '<unit>')}:5: error: this unit has no id: it was not exported from faq.yaml",
        f"back.xlf:{line_of(document, '<unit id=' + chr(34) + 'q.second-question.question')}:5: error: the translation is "
        "not marked final (state `none`): finish its review first (unit q/second-question/question)",
    ]  # fmt: skip
