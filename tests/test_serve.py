"""`mkdocs serve`, as an editor previews: an edit of faq.yaml shows up, and serve then settles
(no rebuild loop). Bounded: every wait has a deadline, the server is always stopped."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.harness import fetch, free_port, make_project, wait_for


def test_serve_shows_an_edit_and_settles(tmp_path):
    project = make_project(tmp_path / "project")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/en/ssm-selection/"
    try:
        assert wait_for(lambda: "What was the purpose of the competitive process?" in fetch(url), 60)
        faq = project / "faq.yaml"
        faq.write_text(faq.read_text().replace("What was the purpose of the competitive process?", "Why a contest?"))
        assert wait_for(lambda: "Why a contest?" in fetch(url), 30)

        def builds() -> int:
            return (tmp_path / "serve.log").read_text().count("Building documentation...")

        time.sleep(3)
        settled = builds()
        time.sleep(4)
        assert builds() == settled, "mkdocs serve keeps rebuilding"
        assert settled == 2  # the first build and the edit: the pages it rewrites are not watched (issue 14)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_serve_keeps_the_last_good_pages_while_faq_yaml_has_errors(tmp_path):
    project = make_project(tmp_path / "project")
    port = free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/en/ssm-selection/"
    question = "What was the purpose of the competitive process?"
    try:
        assert wait_for(lambda: question in fetch(url), 60)
        faq = project / "faq.yaml"
        good = faq.read_text()
        faq.write_text(good.replace(question, "Why a contest? <b>"))  # an error: HTML in a text
        assert wait_for(lambda: "the preview shows the last good version" in log_path.read_text(), 30)
        started = time.monotonic()
        page = fetch(url)
        assert time.monotonic() - started < 5, "a page request waited for a build that cannot succeed"
        assert question in page and "Why a contest?" not in page
        assert "is HTML, which texts may not contain" in log_path.read_text()  # the editor is told what to fix
        faq.write_text(good.replace(question, "Why a contest?"))
        assert wait_for(lambda: "Why a contest?" in fetch(url), 30)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
