"""The boundary with the theme, mkdocs-material: what faqgen's Python knows of it, in one place.

Material for MkDocs is in maintenance mode (its security fixes end on 5 May 2027). What faqgen
expects of a theme, and everything else that knows this one — overrides/, faqgen/assets/
material.css (what faqgen sets over the theme's styles) and material.js (the theme's elements
named with faqgen's `faq-` hooks, which faq.js and faq-search.js use) — is written down in
docs/theme.md, the contract a replacement must meet. Moving to another theme means rewriting
this module and those places, and no other (tests/test_theme.py holds the rest to it).
"""

from __future__ import annotations

import re

FRAME_ELEMENTS = {
    "html": "", "body": "", "header": "", "footer": "", "main": "", "aside": "", "nav": "aria-label", "div": "aria-label aria-live role tabindex hidden",
    "span": "", "a": "href hreflang aria-label", "ul": "", "ol": "", "li": "", "label": "for role tabindex", "form": "name",
    "input": "type name placeholder aria-label autocapitalize autocorrect autocomplete spellcheck",
    "button": "type aria-label hidden", "svg": "viewBox xmlns", "path": "d", "script": "src type id", "p": "role",
}  # fmt: skip
"""The elements and attributes of the theme's frame around a page's content (verification's
allowlist for everything outside `<article>`: faqgen/safety.py)."""

FRAME_DATA = r"md-[a-z-]+"
"""The `data-*` attributes the theme's frame carries (`data-md-component`, `data-md-color-scheme`…)."""

INLINE_SCRIPTS = frozenset({
    "6a9a103c779f08d5a3c5b0a6f87cd50ce016e024955a163b5729508e0385c9f9",  # __md_scope, __md_get/__md_set
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f",  # opens the tab named in the address
})  # fmt: skip
"""The theme's inline scripts (mkdocs-material 9.8.1 and 9.8.2), by the SHA-256 of their text with
the relative path to the site root written as "." (`RELATIVE_ROOT`); no other inline script may
run. After an upgrade verification names the new ones: look at them, then list them here."""

RELATIVE_ROOT = re.compile(r'(?<=new URL\()"[^"\\]*"(?=,location\))')
"""Where the theme's inline script writes the page's path to the site root, which differs by page."""

DATA_SCRIPT_TYPES = frozenset({"application/json"})
"""Inline scripts that are data, not code: the theme's configuration."""

UNREQUESTED_FILES = ("assets/javascripts/lunr/*", "assets/javascripts/workers/*", "*.map")
"""What the theme ships that no page of the site requests: its own search (lunr, its languages and
its worker: faqgen searches with Pagefind) and source maps."""
