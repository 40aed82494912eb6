"""What a text may not put on a public page.

Python-Markdown passes raw HTML through untouched, so a text could carry a script, a frame,
an event handler or a `javascript:` link onto the site. Texts are rendered as the site
would render them and the resulting HTML is inspected, which also catches the Markdown
forms ([x](javascript:…)). Only texts that could hold markup are rendered, to stay fast.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown

FORBIDDEN_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
                                "input", "button", "style", "link", "meta", "base", "svg", "math"})  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_MIGHT_HOLD_MARKUP = re.compile(r"<|\]\(|\]:|&#|\b(?:javascript|vbscript|data):", re.IGNORECASE)


def unsafe_content(text: str) -> list[tuple[str, str]]:
    """Each problem as (message, the piece of source text to point at)."""
    if not _MIGHT_HOLD_MARKUP.search(text):
        return []
    inspector = _Inspector()
    inspector.feed(markdown.markdown(text))
    inspector.close()
    return inspector.problems


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append((f"`<{tag}>` is not allowed in a text: write plain text or Markdown", f"<{tag}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append((f"the attribute `{name}` (a script) is not allowed in a text", name))
            elif name in URL_ATTRIBUTES and value is not None:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in ALLOWED_SCHEMES:
                    self.problems.append(
                        (
                            f"`{scheme}:` links are not allowed: use https://, http://, mailto: "
                            "or [[question-id]] for another question",
                            f"{scheme}:",
                        )
                    )

    handle_startendtag = handle_starttag
