"""Shared fixtures: a throw-away copy of the project in tmp_path, and a real site built from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real faq.yaml built by `mkdocs build --strict`, once per test session."""
    project = make_project(tmp_path_factory.mktemp("project"))
    result = mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stderr
    return project / "site"


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file below `directory` and its bytes, to prove that nothing changed."""
    return {path.relative_to(directory).as_posix(): path.read_bytes() for path in sorted(directory.rglob("*"))
            if path.is_file()}  # fmt: skip


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")
