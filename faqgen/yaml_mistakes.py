"""The YAML mistakes editors make, told in their words with the fix, where libyaml's own
message ("mapping values are not allowed in this context") would leave them guessing.

Each kind of mistake is recognised from libyaml's error and the lines around it, and named by
an id that the editors' guides list (docs/*/messages.md; a test keeps them in step):

- `colon-in-text`: a colon followed by a space inside a text, as French typography writes it
  (`fr: Transition : où en sommes-nous?`): the fix is quotes, shown on the corrected line;
- `no-space-after-colon`: `fr:Bonjour`, read as one word, then the next key makes no sense;
- `tab`: a tab where YAML wants spaces;
- `unclosed-quote`: a quote opened and never closed, placed where it opens;
- `unclosed-bracket`: `{fr: …, en: …` or `[a, b` left open, placed where it opens;
- `misaligned-key`, `misaligned-item`: a key or a list's `- ` not lined up with its neighbours;
- `not-yaml`: anything else, with libyaml's words and where to look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("colon-in-text", "no-space-after-colon", "tab", "unclosed-quote", "unclosed-bracket", "misaligned-key",
         "misaligned-item", "not-yaml")

_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*):(?P<space> +)(?P<value>.*)$")
_KEY_WITHOUT_SPACE = re.compile(r"^ *(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:][^:]*)$")
_KEY_AT = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")


@dataclass(frozen=True)
class Mistake:
    kind: str  # one of KINDS
    line: int  # 1-based, where the editor should look
    column: int
    message: str


def explain(text: str, context: str | None, context_line: int | None, context_column: int | None,
            problem: str, line: int, column: int) -> Mistake:  # fmt: skip
    """The editor's message for libyaml's error `problem` at (line, column), 1-based, with its
    `context` (\"while scanning a quoted scalar\") at (context_line, context_column)."""
    lines = text.split("\n")

    def at(number: int) -> str:
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    if "tab" in problem or (at(line)[column - 1 : column] == "\t"):
        return Mistake("tab", line, column, "a tab character is used here, and YAML lines up its text with spaces "
                       "only: replace the tab with spaces (most editors can “convert indentation to spaces”)")  # fmt: skip
    # A quoted text may run over several lines, so one left open swallows the lines after it, up to the
    # next quote: the error shows further down. No text of faq.yaml is written so on purpose.
    opened = _open_quote(at, line if context != "while scanning a quoted scalar" else context_line)
    if opened:
        quote_line, quote_column, quote = opened
        return Mistake("unclosed-quote", quote_line, quote_column,
                       f"the text that starts with the quote {quote} here has no closing {quote}: end it with {quote} "
                       f"on the same line (a {quote} inside the text is written "
                       + ('\\"' if quote == '"' else "''") + ")")  # fmt: skip
    if context in ("while parsing a flow mapping", "while parsing a flow sequence") and context_line:
        bracket = at(context_line)[context_column - 1 : context_column] or "{"
        closing = {"{": "}", "[": "]"}.get(bracket, "}")
        return Mistake("unclosed-bracket", context_line, context_column,
                       f"the {bracket} here has no closing {closing} on its line: end the line with {closing}, or put "
                       f"the text in quotes if it holds a comma, a bracket or “: ”")  # fmt: skip
    if context == "while scanning a simple key" and context_line and (glued := _glued(at, context_line)):
        return glued
    if problem == "mapping values are not allowed in this context":
        return _colon(at, line, column)
    if problem == "did not find expected key" and context_line:
        return _misaligned(at, line, column, context_column, "key")
    if problem == "did not find expected '-' indicator" and context_line:
        return _misaligned(at, line, column, context_column, "item")
    where = f" ({context} at line {context_line})" if context and context_line else ""
    return Mistake("not-yaml", line, column, f"this is not valid YAML: {problem}{where}; look at this line and the "
                   "one above it: a text holding “: ” or starting with a quote needs quotes around it, and lines "
                   "that belong together start at the same column")  # fmt: skip


def _colon(at, line: int, column: int) -> Mistake:
    """A `: ` that YAML read as a second key on one line, or a key after a text that goes on."""
    here = _KEY_LINE.match(at(line))
    if here and column > len(here["indent"]) + len(here["dash"] or "") + len(here["key"]) + 1:
        value = here["value"]
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        fixed = f"{here['indent']}{here['dash'] or ''}{here['key']}:{here['space']}{quoted}"
        return Mistake("colon-in-text", line, column,
                       f"a colon followed by a space (“: ”) inside a text ends it, for YAML, unless the text is in "
                       f"quotes: write `{fixed.strip()}`, or start the text on the next line after `{here['key']}: |`")  # fmt: skip
    above = _line_above(at, line)
    return (above and _glued(at, above)) or _misaligned(at, line, column, None, "key")


def _glued(at, line: int) -> Mistake | None:
    """`fr:Bonjour` on `line`: read as one word, then what follows makes no sense."""
    glued = _KEY_WITHOUT_SPACE.match(at(line))
    if not glued:
        return None
    fixed = f"{glued['key']}: {glued['value']}"
    return Mistake("no-space-after-colon", line, at(line).index(glued["key"]) + len(glued["key"]) + 1,
                   f"`{glued['key']}:{glued['value']}` needs a space after the colon: write `{fixed}`")  # fmt: skip


def _misaligned(at, line: int, column: int, expected: int | None, what: str) -> Mistake:
    """A line not lined up: said with the column it should start at, from the line above."""
    text = at(line)
    found = len(text) - len(text.lstrip(" ")) + 1
    above = _line_above(at, line)
    neighbour = _KEY_AT.match(at(above)) if above else None
    if text.lstrip().startswith("- ") or what == "item":
        if what == "key":  # a `- ` where a key was expected: its list is the nearest item above
            expected = next((len(at(n)) - len(at(n).lstrip(" ")) + 1 for n in range(line - 1, 0, -1)
                             if at(n).lstrip().startswith("- ") and not at(n).startswith(" " * (found - 1) + "-")), None)  # fmt: skip
        target = f" at column {expected}" if expected else ""
        return Mistake("misaligned-item", line, found,
                       f"this list item's `-` is at column {found}, not lined up with the other items of its list"
                       f"{target}: move it so that its `-` starts where theirs do")  # fmt: skip
    if neighbour:
        name, start = neighbour["key"], len(neighbour["indent"]) + 1
        return Mistake("misaligned-key", line, found,
                       f"this line starts at column {found}, which lines it up with no key above it: a key of the "
                       f"same group as `{name}:` (line {above}) starts at column {start}, as it does")  # fmt: skip
    return Mistake("misaligned-key", line, found, f"this line starts at column {found}, which lines it up with no "
                   "key above it: keys that belong together start at the same column")  # fmt: skip


_QUOTED_VALUE = re.compile(r"^ *(?:- +)?[A-Za-z_][\w-]*: +(?=[\"'])")  # `key: "…`


def _open_quote(at, line: int) -> tuple[int, int, str] | None:
    """The nearest line at or above `line` whose value opens a quote it does not close."""
    for number in range(line, 0, -1):
        text = at(number)
        start = _QUOTED_VALUE.match(text)
        if not start:
            continue
        quote, rest = text[start.end()], text[start.end() + 1 :]
        closed = re.search(r'(?<!\\)(?:\\\\)*"' if quote == '"' else r"'(?!')", rest.replace("''", ""))
        if not closed:
            return number, start.end() + 1, quote
    return None


def _line_above(at, line: int) -> int | None:
    """The nearest line above `line` that holds something besides a comment."""
    for number in range(line - 1, 0, -1):
        stripped = at(number).strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None
