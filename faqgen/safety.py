"""What may not reach a public page: scripts, frames, event handlers, dangerous link schemes.

Python-Markdown passes raw HTML through untouched, so a text could carry a script, a frame,
an event handler or a `javascript:` link onto the site. One inspector of HTML serves both
the validator (on each text, rendered as the site would render it, which also catches the
Markdown forms such as [x](javascript:…)) and the verification of the built site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import urlsplit

import markdown

FORBIDDEN_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
                                "input", "button", "style", "link", "meta", "base", "svg", "math"})  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_MIGHT_HOLD_MARKUP = re.compile(r"<|\]\(|\]:|&#|\b(?:javascript|vbscript|data):", re.IGNORECASE)


@dataclass(frozen=True)
class Unsafe:
    kind: Literal["element", "handler", "scheme"]
    name: str  # "script", "onclick", "javascript"


def unsafe_html(html: str) -> list[Unsafe]:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.found


def unsafe_content(text: str) -> list[tuple[str, str]]:
    """Problems of an editor's text, as (message, the piece of source text to point at).
    Only texts that could hold markup are rendered, to stay fast."""
    if not _MIGHT_HOLD_MARKUP.search(text):
        return []
    problems = []
    for unsafe in unsafe_html(markdown.markdown(text)):
        if unsafe.kind == "element":
            problems.append(
                (f"`<{unsafe.name}>` is not allowed in a text: write plain text or Markdown", f"<{unsafe.name}")
            )
        elif unsafe.kind == "handler":
            problems.append((f"the attribute `{unsafe.name}` (a script) is not allowed in a text", unsafe.name))
        else:
            problems.append(
                (
                    f"`{unsafe.name}:` links are not allowed: use https://, http://, mailto: "
                    "or [[question-id]] for another question",
                    f"{unsafe.name}:",
                )
            )
    return problems


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)  # entities decoded: `javascript&#58;` is caught too
        self.found: list[Unsafe] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append(Unsafe("element", tag))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Unsafe("handler", name))
            elif name in URL_ATTRIBUTES and value is not None:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in ALLOWED_SCHEMES:
                    self.found.append(Unsafe("scheme", scheme))

    handle_startendtag = handle_starttag
