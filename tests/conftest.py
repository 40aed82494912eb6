"""Shared fixtures: a throw-away copy of the project in tmp_path, and real sites built from it.
Plain helpers are in helpers.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import ServedProject, hostile_faq, mkdocs
from hypothesis import settings
from playwright.sync_api import sync_playwright

from bench.harness import CHROMIUM, CHROMIUM_FLAGS, SiteServer, make_project

# CI runs the same examples every time, so a red build is reproducible; locally they vary.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


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


@pytest.fixture(scope="session")
def site_url(site_server, built_site) -> str:
    """The real site, built and served."""
    return site_server.url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (`make test` installs it; CHROMIUM points elsewhere)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, timeout=30_000)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> ServedProject:
    """A site built by `mkdocs build --strict` from hostile_faq(), served on 127.0.0.1."""
    project = make_project(tmp_path_factory.mktemp("hostile"), hostile_faq())
    server = SiteServer(project / "site")
    result = mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"), env={"FAQ_SITE_URL": server.url})
    assert result.returncode == 0, result.stderr
    yield ServedProject(project, server.url)
    server.close()


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")
