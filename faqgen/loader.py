"""Stage 1: read faq.yaml into plain Python data, remembering where every value stands.

The file is parsed by libyaml event by event and the tree is built here rather than by
PyYAML's constructor, so that each node keeps its line and column and so that the
hazards of YAML are refused where they occur instead of being silently accepted:
duplicate keys (PyYAML keeps the last one), anchors and aliases (the "billion laughs"
attack), explicit tags, and more than one document.
Scalars are typed with YAML's usual rules (so an unquoted `No` is a boolean); the model
stage turns such surprises into errors that show the original text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .problems import FaqError, Problem, describe
from .yaml_mistakes import explain

MAX_BYTES = 64 * 1024 * 1024
"""Far above a FAQ of 10,000 bilingual questions (about 20 MB); beyond it, something is wrong."""
MAX_DEPTH = 32
"""faq.yaml nests 6 levels deep; a much deeper file is a mistake or an attack."""

KeyPath = tuple[str | int, ...]

_PARSER = getattr(getattr(yaml, "cyaml", None), "CParser", None)
if _PARSER is None:  # pragma: no cover - requirements.txt installs PyYAML with libyaml
    raise ImportError("PyYAML was built without libyaml; reinstall it from requirements.txt")


@dataclass(frozen=True)
class Scalar:
    """Where a scalar stands and how it was written, for precise messages."""

    line: int
    column: int
    raw: str
    style: str | None  # None: plain; '"' or "'": quoted; '|' or '>': block
    end_line: int = 0  # where it ends (after a block scalar's last line break), for editing in place
    end_column: int = 0


@dataclass
class Source:
    """The loaded file: its data, and the position of every value and key."""

    file: str
    data: Any
    text: str
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[KeyPath, Scalar] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while reading, reported by validate with the rest

    def where(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path` (of its key with key=True), or of its
        nearest ancestor when it does not exist (a missing field is reported on its parent)."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def where_in_text(self, path: KeyPath, offset: int) -> tuple[int, int]:
        """Line and column of character `offset` of the text at `path`.

        Exact for literal blocks (`|`) and single-line plain text, which is how faq.yaml
        writes its texts; for other styles, the start of the text."""
        scalar = self.scalars.get(path)
        if scalar is None:
            return self.where(path)
        value = self.data_at(path)
        if not isinstance(value, str):
            return scalar.line, scalar.column
        if scalar.style == "|":
            lines_before = value.count("\n", 0, offset)
            line = scalar.line + 1 + lines_before
            indent = 0
            if line - 1 < len(self.lines):
                source_line = self.lines[line - 1]
                indent = len(source_line) - len(source_line.lstrip(" "))
            return line, indent + offset - (value.rfind("\n", 0, offset) + 1) + 1
        if "\n" in scalar.raw or scalar.style in (">",):
            return scalar.line, scalar.column
        quote = 1 if scalar.style in ('"', "'") else 0
        return scalar.line, scalar.column + quote + offset

    @functools.cached_property
    def lines(self) -> list[str]:
        """The file's lines as editors see them (split at "\\n" only, unlike str.splitlines)."""
        return self.text.split("\n")

    def data_at(self, path: KeyPath) -> Any:
        node = self.data
        for part in path:
            node = node[part]
        return node


def load_file(path: Path, display_name: str | None = None) -> Source:
    """Read and parse `path`; raise FaqError with every located problem found."""
    name = display_name or str(path)
    try:
        if path.stat().st_size > MAX_BYTES:  # refuse before reading it all into memory
            raise _too_large(name, path.stat().st_size)
        raw = path.read_bytes()
    except OSError as error:
        raise FaqError([Problem(name, 1, 1, f"cannot read the file: {error.strerror}")]) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str = "faq.yaml") -> Source:
    if len(raw) > MAX_BYTES:
        raise _too_large(name, len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8-sig")  # valid up to there
        line, column = position(before, len(before))
        raise FaqError(
            [Problem(name, line, column, f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")]
        ) from None
    return load_text(text, name)


def _too_large(name: str, size: int) -> FaqError:
    return FaqError([Problem(name, 1, 1, f"the file is {size:,} bytes, more than the limit of {MAX_BYTES:,} bytes")])


def load_text(text: str, name: str = "faq.yaml") -> Source:
    if "\r" in text and "\n" not in text:  # every line break a carriage return: one message, not one per line
        raise FaqError([Problem(name, 1, 1, "the file's lines end with a carriage return alone (an old Mac format): "
                                            "save it with ordinary line ends (LF, or CRLF)")])  # fmt: skip
    problems, readable = _unseen_characters(text, name)
    builder = _TreeBuilder(name, readable)
    data = builder.build()
    if builder.problems:
        raise FaqError(problems + builder.problems)
    return Source(name, data, text, builder.positions, builder.key_positions, builder.scalars, problems)


# Characters YAML refuses (control characters) and line breaks that libyaml counts but editors
# do not show (U+2028 and U+2029, pasted from web pages; NEL; a carriage return alone). Each is
# reported where an editor sees it (lines counted by "\n", columns in characters), then read
# as a space, so that every later position stays the editor's and every other problem is found.
_UNSEEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)")
_UNSEEN_NAMES = {"\u2028": "a line separator (U+2028), often pasted from web pages",
                 "\u2029": "a paragraph separator (U+2029), often pasted from web pages",
                 "\x85": "a next-line character (U+0085)", "\r": "a carriage return alone (U+000D)"}  # fmt: skip


def _unseen_name(character: str) -> str:
    if character in _UNSEEN_NAMES:
        return _UNSEEN_NAMES[character]
    kind = "a noncharacter" if character in "\ufffe\uffff" else "a control character"  # (libyaml refuses surrogates)
    return f"{kind} (U+{ord(character):04X})"


def _unseen_characters(text: str, name: str) -> tuple[list[Problem], str]:
    problems = []
    line, line_start, counted = 1, 0, 0  # counted incrementally: a million of them stay linear
    for match in _UNSEEN.finditer(text):
        character = match.group(0)
        line += text.count("\n", counted, match.start())
        line_start = max(line_start, text.rfind("\n", counted, match.start()) + 1)
        counted = match.start()
        column = match.start() - line_start + 1
        what = _unseen_name(character)
        problems.append(
            Problem(name, line, column, f"the text holds {what}, which is not allowed: delete it or type a space")
        )
    return problems, _UNSEEN.sub(" ", text) if problems else text


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of character `offset`, as editors count them."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def mappings(value) -> list[dict]:
    """The mappings in a loaded list (none if it is not one): for reading data that may be invalid."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def raw_questions(data) -> Iterator[tuple[KeyPath, dict, dict]]:
    """(path, audience, question) for each question of loaded data that may be invalid."""
    audiences = data.get("audiences") if isinstance(data, dict) else None
    for a, audience in enumerate(audiences if isinstance(audiences, list) else []):
        questions = audience.get("questions") if isinstance(audience, dict) else None
        for q, question in enumerate(questions if isinstance(questions, list) else []):
            if isinstance(question, dict):
                yield ("audiences", a, "questions", q), audience, question


class _TreeBuilder:
    """Builds plain data from libyaml's event stream, collecting problems as it goes."""

    def __init__(self, name: str, text: str):
        self.name = name
        self.text = text
        self.problems: list[Problem] = []
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.key_positions: dict[KeyPath, tuple[int, int]] = {}
        self.scalars: dict[KeyPath, Scalar] = {}
        self._paths: dict[int, KeyPath] = {}  # problem index → where in the data
        self._resolver = Resolver()
        self._constructor = SafeConstructor()

    def problem(self, mark, message: str, path: KeyPath = ()) -> None:
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, message))
        self._paths[len(self.problems) - 1] = path  # named once the data is read (see build)

    def build(self) -> Any:
        events = _events(self.text)
        root: Any = None
        documents = 0
        try:
            for event in events:
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self.problem(
                            event.start_mark, "the file holds more than one YAML document; remove the `---` line"
                        )
                        break
                elif isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                    continue
                else:
                    root = self._node(event, events, (), 0)
        except _Stop:
            pass
        except yaml.MarkedYAMLError as error:
            mark, context = error.problem_mark or error.context_mark, error.context_mark
            mistake = explain(self.text, error.context, context and context.line + 1, context and context.column + 1,
                              error.problem or error.context or "", mark.line + 1, mark.column + 1)  # fmt: skip
            self.problems.append(Problem(self.name, mistake.line, mistake.column, mistake.message, rule=f"yaml:{mistake.kind}"))
        except yaml.reader.ReaderError as error:  # what _unseen_characters did not catch; its position is in bytes
            offset = len(self.text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore"))
            line, column = position(self.text, offset)
            self.problems.append(
                Problem(self.name, line, column, f"character U+{error.character:04X} is not allowed in a YAML file")
            )
        except yaml.YAMLError as error:  # libyaml errors without a position
            self.problems.append(Problem(self.name, 1, 1, f"this is not valid YAML: {error}"))
        if documents == 0 and not self.problems:
            self.problems.append(Problem(self.name, 1, 1, "the file is empty"))
        # Places named as the validator names them: `question <id>` inside a question, else the key path.
        for index, path in self._paths.items():
            self.problems[index] = replace(self.problems[index], context=describe(root, path))
        return root

    def _refuse_decorations(self, event, path: KeyPath) -> None:
        if getattr(event, "anchor", None):
            self.problem(
                event.start_mark, f"anchors (`&{event.anchor}`) are not allowed: write the text out in full", path
            )
        if getattr(event, "tag", None):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(event.start_mark, f"tags (`{tag}`) are not allowed: remove them", path)

    def _node(self, event, events, path: KeyPath, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.problem(event.start_mark, f"the file nests more than {MAX_DEPTH} levels deep")
            raise _Stop
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                event.start_mark, f"aliases (`*{event.anchor}`) are not allowed: write the text out in full", path
            )
            return None
        self._refuse_decorations(event, path)
        self.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self._node(child, events, (*path, len(items)), depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            for key_event in events:
                if isinstance(key_event, yaml.MappingEndEvent):
                    return mapping
                key = self._key(key_event, events, path, depth)
                value = self._node(next(events), events, (*path, key if key is not None else "?"), depth + 1)
                if key is None:
                    continue
                key_position = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
                if key in mapping:
                    first = self.key_positions[(*path, key)]
                    self.problem(
                        key_event.start_mark,
                        f"duplicate key `{key}` (first given at line {first[0]}): keep only one",
                        path,
                    )
                    self.positions[(*path, key)] = self.positions.get((*path, key), key_position)
                    continue
                self.key_positions[(*path, key)] = key_position
                mapping[key] = value
        raise _Stop  # pragma: no cover - libyaml always closes what it opens

    def _key(self, event, events, path: KeyPath, depth: int) -> str | None:
        """Keys are taken as written: `on:` or `no:` stay text, as an editor means them."""
        if isinstance(event, yaml.ScalarEvent):
            self._refuse_decorations(event, path)
            return event.value
        self.problem(event.start_mark, "a key must be a simple word, not a list or a mapping", path)
        self._node(event, events, (*path, "?"), depth + 1)  # read past it
        return None

    def _scalar(self, event, path: KeyPath) -> Any:
        self.scalars[path] = Scalar(event.start_mark.line + 1, event.start_mark.column + 1, event.value, event.style,
                                    event.end_mark.line + 1, event.end_mark.column + 1)  # fmt: skip
        if event.style == '"' and (unseen := _UNSEEN.search(event.value)):
            # Written as an escape ("\x01", "\v", "\uFFFE"): the same characters the raw text may not hold.
            character = unseen.group(0)
            what = _unseen_name(character)
            self.problem(event.start_mark, f"the text holds {what}, written as an escape, which is not allowed: "
                                           "delete it", path)  # fmt: skip
        tag = self._resolver.resolve(ScalarNode, event.value, event.implicit)
        construct = self._constructor.yaml_constructors.get(tag)
        if construct is None:  # YAML 1.1 types the safe loader does not build (a lone `=`): text
            return event.value
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return construct(self._constructor, node)
        except (ConstructorError, ValueError, OverflowError):
            # e.g. 2020-02-30 matches the date pattern but is no date: keep the text,
            # and let the model say what is expected there.
            return event.value


class _Stop(Exception):
    """Stop reading: a problem already recorded makes the rest meaningless."""


def _events(text: str):
    """libyaml's parse events, as one iterator shared by the tree builder's recursion."""
    parser = _PARSER(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()
