"""faq.yaml edited as text: each text set at its place, every other byte as it was.

Comments, order, blank lines, quoting and line ends stay the editor's. Used by `import-xliff`
(faqgen/xliff.py) and, through its twin faqgen/admin/src/in_place.js, by the browser editor at
/admin/; the two pass the same cases (tests/in_place_cases.json) byte for byte, so a text saved
in the browser and the same text imported from a translator give the same file.
"""

from __future__ import annotations

import json
import re

import yaml

from .languages import LANGUAGES
from .loader import KeyPath, Source, load_text

PLAIN_TEXT = re.compile(r"[^\W_][^\n\t]*", re.UNICODE)
"""A text that may stay unquoted: it starts with a letter or digit, and is one line..."""
NOT_PLAIN = re.compile(r": |:$| #|\s$|^[\d.:_eE+-]+$|^(?:y|n|yes|no|true|false|on|off|null)$", re.IGNORECASE)
"""...without what YAML reads as a key, a comment or a number, nor a word some YAML reads as true,
false or nothing (YAML 1.1 readers differ on `y` and `n`: neither is written plain)."""


def set_texts(source: Source, texts: dict[KeyPath, str]) -> str:
    """The file's text with each path's text in place: in the style it was written in (a literal
    block stays a block, with the blank lines after it; a quoted text keeps its quotes; a plain
    one stays plain when it reads back the same), a one-line text becoming several lines turned
    into a block (its comment after the `|`), a language not there yet added after the other
    one. A `{fr: …, en: …}` mapping on one line stays on one line. The result is read back:
    ValueError if any text would not read as given (a bug, not an input)."""
    crlf = "\r\n" in source.text
    text = source.text.replace("\r\n", "\n")  # positions are lines and columns: unchanged
    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return offsets[line - 1] + column - 1

    def line_end(at: int) -> int:
        end = text.find("\n", at)
        return len(text) if end < 0 else end

    edits = []  # (start, end, new text), character offsets
    for path, new in texts.items():
        mapping_line, mapping_column = source.where(path[:-1])
        flow = text[offset(mapping_line, mapping_column)] == "{"  # {fr: …, en: …}: no blocks, no comments
        multiline = "\n" in new
        scalar = source.scalars.get(path)
        if scalar is not None:  # replace the old text, in the style it was written in
            start, end = offset(scalar.line, scalar.column), offset(scalar.end_line, scalar.end_column)
            key_indent = source.key_positions[path][1] - 1
            if flow:
                edits.append((start, end, inline_value(new, "'" if scalar.style == "'" and not multiline else '"')))
            elif scalar.style in ("|", ">"):  # keep the blank lines after the block
                region = text[start:end]
                edits.append((start, end, block_value(new, key_indent) + region[len(region.rstrip()):]))
            elif multiline:  # a quoted or plain text becomes a block; its comment goes after the `|`
                comment = text[end : line_end(end)].strip()
                edits.append((start, line_end(end), block_value(new, key_indent, comment)))
            else:
                edits.append((start, end, inline_value(new, scalar.style)))
            continue
        # Not there yet: a new key after the other language's text.
        other_path = (*path[:-1], next(lang for lang in LANGUAGES if lang != path[-1]))
        other, (_, key_column) = source.scalars[other_path], source.key_positions[other_path]
        other_end = offset(other.end_line, other.end_column)
        if flow:
            edits.append((other_end, other_end, f", {path[-1]}: {json.dumps(new, ensure_ascii=False)}"))
            continue
        new_key = " " * (key_column - 1) + f"{path[-1]}: " + (
            block_value(new, key_column - 1) if multiline else inline_value(new, None))
        if other.style in ("|", ">"):  # after its last line, before any blank lines
            other_start = offset(other.line, other.column)
            at = other_start + len(text[other_start:other_end].rstrip()) + 1
            edits.append((at, at, new_key + "\n"))
        else:  # on the next line, leaving the other text's comment with it
            at = line_end(other_end)
            edits.append((at, at, "\n" + new_key))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    written = load_text(text, source.file)  # never write a file that no longer parses
    for path, new in texts.items():
        landed = written.data_at(path)
        if not isinstance(landed, str) or landed.strip() != new.strip():  # pragma: no cover - a bug, not an input
            raise ValueError(f"{'.'.join(map(str, path))}: the text did not land as given")
    return text.replace("\n", "\r\n") if crlf else text


def block_value(text: str, key_indent: int, comment: str = "") -> str:
    """A literal block indented under its key, with the comment of the line it replaces."""
    indent = " " * (key_indent + 2)  # the text's last line breaks are the block's own
    lines = "\n".join(indent + line if line.strip() else "" for line in text.rstrip("\n").split("\n"))
    return "|" + (f"  {comment}" if comment else "") + "\n" + lines


def inline_value(text: str, style: str | None) -> str:
    """A one-line text as a YAML value: the same quotes (`'`), plain when it was plain and reads
    back the same, else double-quoted."""
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    if not style and PLAIN_TEXT.fullmatch(text) and not NOT_PLAIN.search(text):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
