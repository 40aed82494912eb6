"""The site's languages: which there are, what messages call them, where each one's pages are,
and each one's typography. Everything else reads these.

Which language sits at the site root is one setting, `default: true` on a language of the
mkdocs-static-i18n plugin in mkdocs.yml; `root_language` is the one place that reads it (for
the plugin during a build, and for `build_faq.py site` before verifying). The other language's
pages are in a folder named after it (`/en/…` when French is at the root, `/fr/…` otherwise).
"""

from __future__ import annotations

from pathlib import Path

from .markup import french_typography

LANGUAGES = ("fr", "en")
"""Every text has both; this is also their order in messages and in `confirmed:` lines."""
NAMES = {"fr": "French", "en": "English"}
"""How messages to editors name the languages."""
SNOWBALL = {"fr": "french", "en": "english"}
"""Each language's name in the Snowball project, whose stop word lists search reads (faqgen/stop_words/)."""


def folders(root: str) -> dict[str, str]:
    """Where each language's pages are below the site root: "" for the root language, "en/"."""
    return {lang: "" if lang == root else f"{lang}/" for lang in LANGUAGES}


def root_language(config) -> str:
    """The language at the site root, from a loaded MkDocs configuration (mkdocs-static-i18n's
    `default: true`)."""
    i18n = config.plugins.get("i18n")
    default = [language.locale for language in i18n.config.languages if language.default] if i18n else []
    if len(default) != 1 or default[0] not in LANGUAGES:
        raise ValueError(f"mkdocs.yml: the i18n plugin must mark one of {', '.join(LANGUAGES)} `default: true`")
    return default[0]


def project_root_language(project: Path) -> str:
    """The root language of the project whose mkdocs.yml is in `project` (configuration only, no build)."""
    from mkdocs.config import load_config

    return root_language(load_config(str(project / "mkdocs.yml")))


def typeset(text: str, lang: str) -> str:
    """The language's typography (French: non-breaking spaces, typographic apostrophes)."""
    return french_typography(text) if lang == "fr" else text
