"""The site's search index, built with Pagefind after MkDocs has built every language.

Pagefind keeps one index per `<html lang>`, folds accents and stems French, and the browser
downloads only the chunks a query needs. One thing it does not do is French elision: it
indexes `l’économie` as one word, so "économie" would not find it. The index is therefore
built from a copy of the pages in which each elided article is followed by a no-break space
(`l’ économie`); the search script strips elisions from queries and the space from excerpts,
so readers never see it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ELISION = re.compile(r"(?<![\w’'])((?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)’)(?=\w)", re.IGNORECASE)
BUNDLE = "pagefind"


class SearchIndexError(Exception):
    pass


def separate_elisions(html: str) -> str:
    return ELISION.sub("\\1\u00a0", html)


def build_index(site: Path) -> None:
    """Write the search bundle to site/pagefind/, indexing the questions and answers (<article>) only."""
    with tempfile.TemporaryDirectory(prefix="faq-search-") as copy:
        for page in site.rglob("index.html"):
            target = Path(copy) / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(separate_elisions(page.read_text(encoding="utf-8")), encoding="utf-8")
        shutil.rmtree(site / BUNDLE, ignore_errors=True)
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", copy, "--root-selector", "article",
             "--output-path", str(site / BUNDLE)],
            capture_output=True,
            text=True,
        )  # fmt: skip
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind could not index the site:\n{result.stdout}{result.stderr}")
    _stable_entry(site / BUNDLE / "pagefind-entry.json")


def _stable_entry(path: Path) -> None:
    """Pagefind lists the languages in no fixed order; sort them, so that builds are byte-identical."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
