"""Shared fixtures: a throw-away copy of the project in tmp_path, and a real site built from it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

# CI runs the same examples every time, so a red build is reproducible; locally they vary.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE_DIRS = {"fr": "", "en": "en/"}  # French, the source language, at the root
FIXTURES = Path(__file__).parent / "fixtures"


def make_project(target: Path, faq_text: str | None = None) -> Path:
    """A copy of the project that a test may change freely: its own faq.yaml and content/."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "faq.yaml").write_text(faq_text or (ROOT / "faq.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for shared in ("faqgen", "overrides"):
        (target / shared).symlink_to(ROOT / shared)
    shutil.copytree(ROOT / "content" / "assets", target / "content" / "assets")
    return target


def mkdocs(project: Path, *arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does, /404.html for a missing address; quietly."""

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *arguments):
        pass


@dataclass
class SiteServer:
    project: Path
    url: str


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """An HTTP server on 127.0.0.1 for the session's site, started before the build because the
    site's address (site_url: canonical, hreflang, sitemaps) is built into the pages."""
    project = make_project(tmp_path_factory.mktemp("project"))
    handler = functools.partial(_PagesLikeHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield SiteServer(project, f"http://127.0.0.1:{server.server_address[1]}/")
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    """The real faq.yaml built by `mkdocs build --strict` for its address, once per test session."""
    site = site_server.project / "site"
    result = mkdocs(
        site_server.project, "build", "--strict", "--site-dir", str(site), env={"FAQ_SITE_URL": site_server.url}
    )
    assert result.returncode == 0, result.stderr
    return site


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file below `directory` and its bytes, to prove that nothing changed."""
    return {path.relative_to(directory).as_posix(): path.read_bytes() for path in sorted(directory.rglob("*"))
            if path.is_file()}  # fmt: skip


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")
