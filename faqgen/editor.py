"""The editors' page, /admin/: Sveltia CMS over faq.yaml, in the published site.

Written after the pages (faqgen/plugin.py): the page itself (no inline script; its own
Content-Security-Policy lets it reach the site and the GitHub API, nothing else), its
configuration made from the content model (faqgen/cms.py), and the CMS as built by `make admin`
from faqgen/admin/ (kept in git: publishing needs neither Node nor the network). Not a page of
the FAQ: not in the sitemap, search or downloads, and `noindex`. Verification (faqgen/verify.py)
checks that every file of /admin/ is exactly what this module writes.
"""

from __future__ import annotations

import json
from pathlib import Path

from .cms import config
from .site_plan import ADMIN_FOLDER

BUILT = Path(__file__).parent / "admin" / "dist"
"""The CMS and faq.yaml's in-place writer, bundled (faqgen/admin/build.mjs)."""
MANIFEST = "BUILT_FROM.json"
"""What went into BUILT and came out of it, by hash (not published)."""

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
          "img-src 'self' data: blob:; connect-src 'self' data: https://api.github.com; worker-src 'self' blob:; "
          "object-src 'none'; base-uri 'self'; form-action 'none'; frame-src 'none'")
"""The CMS styles its elements inline (Svelte); it reads and writes the repository through the
GitHub API. Anything else it would fetch (avatars, a status check, translations from a CDN) is
refused."""

PAGE = f"""<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="{POLICY}">
  <meta name="robots" content="noindex, nofollow">
  <meta name="referrer" content="no-referrer">
  <title>Modifier la FAQ · Edit the FAQ</title>
  <script type="module" src="main.js"></script>
</head>
<body>
  <noscript>Cette page demande JavaScript. · This page needs JavaScript.</noscript>
</body>
</html>
"""


def admin_files(repository: str | None, branch: str) -> dict[str, bytes]:
    """Every file of /admin/ (its path below the folder → its bytes)."""
    files = {"index.html": PAGE.encode(), "config.json": (json.dumps(config(repository, branch), ensure_ascii=False, indent=1) + "\n").encode()}
    for path in sorted(BUILT.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            files[path.relative_to(BUILT).as_posix()] = path.read_bytes()
    return files


def write_admin(site: Path, repository: str | None, branch: str) -> None:
    for name, content in admin_files(repository, branch).items():
        target = site / ADMIN_FOLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
