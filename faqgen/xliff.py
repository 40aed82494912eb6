"""Translators' round trip: the texts to translate out as XLIFF (1.2, or 2.0), the translations
back into faq.yaml in place.

One unit per followed text (faqgen/translations.py), named after where it is:
`q/<question id>/question`, `q/<question id>/answer`, `kp/<section id>/<n>` (the n-th key
point of a home page section) and `a/<audience id>/kp/<n>`. Everything of the editors' small
Markdown that a translator must not break — `[[…]]` links and blocks, link syntax and
addresses, emphasis, line breaks and list markers — travels as inline placeholders (`<x/>` in
1.2, `<ph/>` in 2.0): the translator moves them, the import puts the original syntax back.

Import reads the file as data, never as a program: no DTD, no entities, no network
(defusedxml), at most MAX_BYTES. It refuses, each with FILE:line:col and the unit's name:
units whose source changed since the export (their fingerprint), unknown units, units given
twice, placeholders missing, repeated or unknown, Markdown the source does not have (a link
typed by a translator would be published), empty targets, targets not marked final. Nothing is written if
anything is refused (unless `partial`); the accepted texts replace the old ones in faq.yaml as
text, at their places, so comments, layout and the other language stay as they were, and each
gets its `confirmed:` line (faqgen/confirm.py). The result must pass `check` before it is written.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .confirm import confirm
from .in_place import set_texts
from .languages import LANGUAGES, NAMES
from .loader import KeyPath, Source, load_text
from .problems import FaqError, Problem
from .site_plan import HOME, page_path
from .translations import State, fingerprint, statuses

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_20 = "urn:oasis:names:tc:xliff:document:2.0"
VERSIONS = ("1.2", "2.0")
MAX_BYTES = 16 * 2**20
"""A FAQ's texts are a few hundred KB; a larger file is not one we exported."""

# What a translator must not change, in the order tried: [[links and blocks]], the end of a
# link with its address or link id, the start of a link, emphasis, backslash escapes, line
# breaks (with the list marker of the next line) and a list marker starting the text.
_PROTECTED = re.compile(
    r"\[\[[^\[\]\n]*\]\]"
    r"|\]\([^)\n]*\)|\]\[[^\[\]\n]+\]|\["
    r"|\*{1,3}|(?<!\w)_{1,3}(?=\w)|(?<=\w)_{1,3}(?!\w)"
    r"|\\."
    r"|[ \t]*\n[ \t\n]*(?:(?:[-+*]|\d+[.)])[ \t]+)?"
    r"|^(?:[-+*]|\d+[.)])[ \t]+"
)


@dataclass(frozen=True)
class Code:
    """A placeholder: its id (1, 2, … in the unit) and the characters it stands for."""

    id: str
    text: str


def pieces(text: str) -> list[str | Code]:
    """A text as words (str) and the syntax between them (Code)."""
    result: list[str | Code] = []
    last, count = 0, 0
    for match in _PROTECTED.finditer(text):
        if match.start() > last:
            result.append(text[last : match.start()])
        count += 1
        result.append(Code(str(count), match.group(0)))
        last = match.end()
    if last < len(text):
        result.append(text[last:])
    return result


@dataclass(frozen=True)
class Unit:
    name: str  # "q/funding-per-client/answer"
    path: KeyPath  # of the text's Translation mapping in faq.yaml
    page: str  # the page it is on, and its anchor there
    anchor: str


def units(source: Source) -> dict[str, Unit]:
    """Every followed text, by unit name."""
    found = {}
    data = source.data
    for status in statuses(source):
        path = status.path
        if path[0] == "key_points":
            section = data["key_points"][path[1]]
            unit = Unit(f"kp/{section.get('id')}/{path[3] + 1}", path, HOME, str(section.get("id")))
        elif path[2] == "key_points":
            audience = data["audiences"][path[1]]
            unit = Unit(f"a/{audience.get('id')}/kp/{path[3] + 1}", path, str(audience.get("id")), "key-points")
        else:
            audience, question = data["audiences"][path[1]], data["audiences"][path[1]]["questions"][path[3]]
            unit = Unit(f"q/{question.get('id')}/{path[-1]}", path, str(audience.get("id")), str(question.get("id")))
        found[unit.name] = unit
    return found


def _text(source: Source, path: KeyPath, lang: str) -> str:
    node = source.data_at(path)
    value = node.get(lang) if isinstance(node, dict) else None
    return value.strip() if isinstance(value, str) else ""


# --- export --------------------------------------------------------------------------------


def export(source: Source, target: str, *, everything: bool = False, version: str = "1.2",
           site_url: str | None = None, language_dirs: dict[str, str] | None = None) -> str:  # fmt: skip
    """The XLIFF document of the texts to translate into `target`: those whose `target` text is
    missing, stale or unconfirmed, or all with `everything`."""
    source_lang = next(lang for lang in LANGUAGES if lang != target)
    states = {status.path: status.states for status in statuses(source)}
    chosen = [unit for unit in units(source).values()
              if _text(source, unit.path, source_lang) and (everything or states[unit.path][target] is not State.OK)]  # fmt: skip
    twelve = version == "1.2"
    ns = XLIFF_12 if twelve else XLIFF_20
    ET.register_namespace("", ns)

    def element(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ns}}}{tag}", attributes)
        node.text = text
        return node

    if twelve:
        root = ET.Element(f"{{{ns}}}xliff", version="1.2")
        file = element(root, "file", original=source.file, datatype="plaintext",
                       **{"source-language": source_lang, "target-language": target})  # fmt: skip
        body = element(file, "body")
    else:
        root = ET.Element(f"{{{ns}}}xliff", version="2.0", srcLang=source_lang, trgLang=target)
        body = element(root, "file", id="faq", original=source.file)
    inline: list[tuple[ET.Element, list[str | Code]]] = []  # filled after indenting: their spaces are text
    for unit in chosen:
        text = _text(source, unit.path, source_lang)
        current = _text(source, unit.path, target)
        page = "home page" if unit.page == HOME else f"page {unit.page}"
        where = f"{NAMES[source_lang]} text on the {page}, #{unit.anchor}"
        if site_url and language_dirs:
            where += f": {site_url}{page_path(language_dirs, source_lang, unit.page)}#{unit.anchor}"
        status = states[unit.path][target]
        done = status is State.OK
        if twelve:
            entry = element(body, "trans-unit", id=unit.name, resname=unit.name)
            inline.append((element(entry, "source"), pieces(text)))
            if current:
                inline.append((element(entry, "target", state="final" if done else "needs-review-translation"),
                               _matched(current, text)))  # fmt: skip
            element(entry, "note", where, **{"from": "faqgen"})
            element(entry, "note", f"{source_lang} {fingerprint(text)}", **{"from": "fingerprint"})
            element(entry, "note", f"translation {status.value}", **{"from": "status"})
        else:
            entry = element(body, "unit", id=unit.name.replace("/", "."), name=unit.name)
            notes = element(entry, "notes")
            element(notes, "note", where, category="location")
            element(notes, "note", f"{source_lang} {fingerprint(text)}", category="fingerprint")
            element(notes, "note", f"translation {status.value}", category="status")
            segment = element(entry, "segment", state="final" if done else ("translated" if current else "initial"))
            inline.append((element(segment, "source"), pieces(text)))
            if current:
                inline.append((element(segment, "target"), _matched(current, text)))
    ET.indent(root)
    for parent, content in inline:
        _inline(parent, content, twelve)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _matched(current: str, source_text: str) -> list[str | Code]:
    """The current translation's pieces, its syntax numbered as the source's same syntax."""
    ids: dict[str, list[str]] = {}
    for piece in pieces(source_text):
        if isinstance(piece, Code):
            ids.setdefault(_same(piece.text), []).append(piece.id)
    result: list[str | Code] = []
    for piece in pieces(current):
        if isinstance(piece, Code) and ids.get(_same(piece.text)):
            result.append(Code(ids[_same(piece.text)].pop(0), piece.text))
        else:
            result.append(piece.text if isinstance(piece, Code) else piece)  # no match: the translator sees it
    return result


def _same(code: str) -> str:
    return " ".join(code.split()) if code.strip() else "\n"


def _inline(parent: ET.Element, content: list[str | Code], twelve: bool) -> None:
    ns = parent.tag.split("}")[0] + "}"
    last = None
    for piece in content:
        if isinstance(piece, Code):
            attributes = {"id": piece.id, "equiv-text": piece.text} if twelve else {"id": piece.id, "equiv": piece.text}
            last = ET.SubElement(parent, ns + ("x" if twelve else "ph"), attributes)
        elif last is None:
            parent.text = (parent.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece


# --- import --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Translated:
    unit: Unit
    text: str


@dataclass(frozen=True)
class Imported:
    text: str  # the new faq.yaml
    accepted: list[str]  # unit names
    refused: list[Problem]


class _Positions(ET.TreeBuilder):
    """Builds the tree and notes where each element starts, as line and column in characters."""

    def __init__(self, document: bytes):
        super().__init__()
        self.position = _Lines(document)
        self.parser: DefusedXMLParser | None = None
        self.where: dict[ET.Element, tuple[int, int]] = {}

    def start(self, tag, attributes):
        element = super().start(tag, attributes)
        self.where[element] = self.position(self.parser.parser.CurrentByteIndex)
        return element


class _Lines:
    """A byte offset of the document → (line, column in characters), in time for its line only."""

    def __init__(self, document: bytes):
        self.document = document
        self.starts = [0] + [match.end() for match in re.finditer(rb"\n", document)]

    def __call__(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        start = self.starts[line - 1]
        return line, len(self.document[start:index].decode("utf-8", errors="replace")) + 1


def read(path: Path) -> bytes:
    """The file's bytes, at most MAX_BYTES of them: a device or a huge file is refused unread."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise FaqError([Problem(str(path), 1, 1, f"cannot read the file: {error.strerror}")]) from None
    _refuse_too_large(data, str(path))
    return data


def _refuse_too_large(data: bytes, name: str) -> None:
    if len(data) > MAX_BYTES:
        raise FaqError([Problem(name, 1, 1, f"the file is larger than {MAX_BYTES:,} bytes: not an export of a FAQ's texts")])


def import_xliff(source: Source, data: bytes, name: str, *, partial: bool = False) -> Imported:
    """faq.yaml's new text with the translations of `data` (an XLIFF file named `name`) in
    place and confirmed. FaqError with every refusal (or, with `partial`, those only)."""
    root, where = _parse(data, name)
    version, source_lang, target = _read_header(root, where, name)
    known = units(source)
    accepted: list[Translated] = []
    refused: list[Problem] = []
    first_line: dict[str, int] = {}
    for entry in _entries(root, version):
        line, column = where[entry.element]
        if entry.name in first_line:
            refused.append(Problem(name, line, column, f"this unit is in the file a second time (first at line "
                                                       f"{first_line[entry.name]}): keep one", f"unit {entry.name}"))  # fmt: skip
            continue
        first_line[entry.name] = line
        translated, problems = _read_unit(entry, known, source, source_lang, target, version)
        if translated is not None:
            accepted.append(translated)
        for at, message in problems:
            line, column = where[at]
            refused.append(Problem(name, line, column, message, f"unit {entry.name}" if entry.name else ""))
    if refused and not partial:
        raise FaqError(refused)
    new_text = _write(source, accepted, target) if accepted else source.text
    return Imported(new_text, [item.unit.name for item in accepted], refused)


def _parse(data: bytes, name: str) -> tuple[ET.Element, dict[ET.Element, tuple[int, int]]]:
    _refuse_too_large(data, name)
    builder = _Positions(data)
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as error:
        line, column = builder.position(parser.parser.CurrentByteIndex)
        raise FaqError([Problem(name, line, column, f"a DTD or entity declaration is not allowed in XLIFF here ({type(error).__name__})")]) from None
    except ET.ParseError as error:
        line, column = error.position
        raise FaqError([Problem(name, line, column + 1, f"not well-formed XML: {str(error).split(':')[0]}")]) from None
    return root, builder.where


def _read_header(root: ET.Element, where, name: str) -> tuple[str, str, str]:
    line, column = where[root]
    version = root.get("version")
    expected = {"1.2": XLIFF_12, "2.0": XLIFF_20}
    if root.tag != f"{{{expected.get(version, '')}}}xliff":
        raise FaqError([Problem(name, line, column, f"not an XLIFF {' or '.join(VERSIONS)} document "
                                                    f"(root `{root.tag}`, version `{version}`)")])  # fmt: skip
    if version == "1.2":  # each <file> says its languages: all must say the same
        declared = [(where[file], (file.get("source-language"), file.get("target-language")))
                    for file in root.iter(f"{{{XLIFF_12}}}file")] or [((line, column), (None, None))]  # fmt: skip
    else:
        declared = [((line, column), (root.get("srcLang"), root.get("trgLang")))]
    (line, column), languages = declared[0]
    source_lang, target = ((language or "").split("-")[0].lower() for language in languages)
    if {source_lang, target} != set(LANGUAGES):
        raise FaqError([Problem(name, line, column, f"the languages are `{languages[0]}` → `{languages[1]}`: "
                                                    "expected French and English, one each")])  # fmt: skip
    others = [Problem(name, line, column, f"this <file> is `{other[0]}` → `{other[1]}`, the first one `{languages[0]}` → "
                                          f"`{languages[1]}`: one XLIFF file per direction of translation")
              for (line, column), other in declared[1:]
              if tuple((language or "").split("-")[0].lower() for language in other) != (source_lang, target)]  # fmt: skip
    if others:
        raise FaqError(others)
    return version, source_lang, target


@dataclass(frozen=True)
class _Entry:
    element: ET.Element  # the unit
    name: str
    target: ET.Element | None
    state: str | None
    fingerprint: str | None  # as exported: "fr 1a2b3c4d"


def _entries(root: ET.Element, version: str) -> Iterator[_Entry]:
    if version == "1.2":
        ns = f"{{{XLIFF_12}}}"
        for unit in root.iter(ns + "trans-unit"):
            target = unit.find(ns + "target")
            state = "final" if unit.get("approved") == "yes" else (target.get("state") if target is not None else None)
            notes = {note.get("from"): (note.text or "").strip() for note in unit.iter(ns + "note")}
            yield _Entry(unit, unit.get("id", ""), target, state, notes.get("fingerprint"))
    else:
        ns = f"{{{XLIFF_20}}}"
        for unit in root.iter(ns + "unit"):
            segment = unit.find(ns + "segment")
            target = segment.find(ns + "target") if segment is not None else None
            notes = {note.get("category"): (note.text or "").strip() for note in unit.iter(ns + "note")}
            name = unit.get("name") or unit.get("id", "").replace(".", "/")
            yield _Entry(unit, name, target, segment.get("state") if segment is not None else None, notes.get("fingerprint"))


def _read_unit(entry: _Entry, known: dict[str, Unit], source: Source, source_lang: str, target: str,
               version: str) -> tuple[Translated | None, list[tuple[ET.Element, str]]]:  # fmt: skip
    """The unit's translation, or what is wrong with it (where, sentence)."""
    if not entry.name:
        return None, [(entry.element, "this unit has no id: it was not exported from faq.yaml")]
    unit = known.get(entry.name)
    if unit is None:
        return None, [(entry.element, f"faq.yaml has no text `{entry.name}`: this unit was not exported from it")]
    if entry.fingerprint != f"{source_lang} {fingerprint(_text(source, unit.path, source_lang))}":
        return None, [(entry.element, f"the {NAMES[source_lang]} text changed since this file was exported: export it again")]
    at = entry.target if entry.target is not None else entry.element
    if entry.state not in ("final", "signed-off"):
        return None, [(at, f"the translation is not marked final (state `{entry.state or 'none'}`): finish its review first")]
    if entry.target is None or (not "".join(entry.target.itertext()).strip() and not len(entry.target)):
        return None, [(at, f"the {NAMES[target]} text is empty")]
    text, problems = _rebuild(entry.target, pieces(_text(source, unit.path, source_lang)), version, NAMES[source_lang])
    if problems:
        return None, [(at, problem) for problem in problems]
    return Translated(unit, text), []


def _rebuild(target: ET.Element, source_pieces: list[str | Code], version: str,
             source_name: str) -> tuple[str, list[str]]:  # fmt: skip
    """The translated text with the source's syntax back in place of its placeholders, and
    what is wrong with it (sentences): placeholders missing, repeated or unknown, and any
    Markdown the translation has that its source does not (a link typed in a translation would
    be published as one)."""
    codes = {piece.id: piece.text for piece in source_pieces if isinstance(piece, Code)}
    tag = "x" if version == "1.2" else "ph"
    parts: list[str] = [target.text or ""]
    used: list[str] = []
    problems: list[str] = []
    for child in target:
        local = child.tag.split("}")[-1]
        if local != tag:
            problems.append(f"`<{local}>` is not a placeholder of this file (`<{tag}/>`): it cannot be read back")
        else:
            code_id = child.get("id")
            if code_id is None:
                problems.append("a placeholder has no id: it cannot be read back")
            elif code_id not in codes:
                problems.append(f"placeholder {code_id} is not in the source text")
            else:
                used.append(code_id)
                parts.append(codes[code_id])
        parts.append(child.tail or "")
    for code_id, count in sorted(Counter(used).items()):
        if count > 1:
            problems.append(f"placeholder {code_id} (`{_shown(codes[code_id])}`) appears {count} times; keep it once")
    for code_id in codes:
        if code_id not in used:
            problems.append(f"placeholder {code_id} (`{_shown(codes[code_id])}`) is missing: put it back where it belongs")
    text = _tidy(parts)
    if not problems:
        expected = Counter(_same(piece.text) for piece in source_pieces if isinstance(piece, Code))
        found = Counter(_same(piece.text) for piece in pieces(text) if isinstance(piece, Code))
        for code in found - expected:
            problems.append(f"the translation adds `{_shown(code)}`, Markdown syntax the {source_name} text does not "
                            "have: it would be published as a link or formatting; write it without, or use the placeholders")  # fmt: skip
        for code in expected - found:
            problems.append(f"`{_shown(code)}` no longer reads as Markdown where its placeholder is: keep the "
                            "placeholder against the words it marks")  # fmt: skip
    return text, problems


def _tidy(parts: list[str]) -> str:
    """Joins the translated words (even indexes) and the syntax (odd): white space inside words
    folded to single spaces, none kept next to a line break or after a list item's marker (at the
    text's start too: "-  one" would still be an item, but not the text its source spells)."""
    out = ""
    for index, part in enumerate(parts):
        if index % 2 == 0:
            folded = re.sub(r"\s+", " ", part)
            if out.endswith("\n") or re.search(r"(?:^|\n)[ \t]*(?:[-+*]|\d+[.)])[ \t]+$", out):
                folded = folded.lstrip()
            out += folded
        else:
            if "\n" in part:
                out = out.rstrip(" \t")
            out += part
    return out.strip()


def _shown(code: str) -> str:
    return "line break" if not code.strip() else code.strip()


# --- writing faq.yaml in place ---------------------------------------------------------------


def _write(source: Source, accepted: list[Translated], target: str) -> str:
    """faq.yaml's text with each accepted translation at its place (faqgen/in_place.py), then
    confirmed."""
    written = load_text(set_texts(source, {(*item.unit.path, target): item.text for item in accepted}), source.file)
    paths = {item.unit.path for item in accepted}
    return confirm(written, [status for status in statuses(written) if status.path in paths and not status.ok])
