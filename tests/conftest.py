"""Shared fixtures: a throw-away copy of the project in tmp_path, and a real site built from it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

from bench.harness import ROOT, SiteServer, make_project  # noqa: F401  (ROOT: the tests import it from here)

# CI runs the same examples every time, so a red build is reproducible; locally they vary.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

LANGUAGE_DIRS = {"fr": "", "en": "en/"}  # French, the source language, at the root
FIXTURES = Path(__file__).parent / "fixtures"


def mkdocs(project: Path, *arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )


@dataclass
class ServedProject:
    project: Path
    url: str


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """The session's project, its site to be served on 127.0.0.1 at `url`."""
    project = make_project(tmp_path_factory.mktemp("project"))
    server = SiteServer(project / "site")
    yield ServedProject(project, server.url)
    server.close()


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
