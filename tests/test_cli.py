"""build_faq.py as an editor or CI runs it: messages, exit codes, nothing printed as a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BAD = Path(__file__).parent / "fixtures" / "bad"


def run(*arguments, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "build_faq.py"), *arguments], cwd=cwd, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_check_accepts_the_real_faq():
    result = run("check")
    assert result.returncode == 0
    assert result.stdout == "faq.yaml: OK, 24 questions in 5 audiences\n"


def test_check_reports_every_error_and_exits_1():
    result = run("check", str(BAD / "duplicate-question-id.yaml"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 4 and lines[-1] == "3 errors; nothing was written."
    assert all(line.startswith(f"{BAD / 'duplicate-question-id.yaml'}:") for line in lines[:3])
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2():
    assert run("check", "no-such-file.yaml").returncode == 2
    result = run("build", "--as-of", "soon")
    assert result.returncode == 2 and "`soon` is not a date written YYYY-MM-DD" in result.stderr


def test_build_writes_pages_then_nothing(tmp_path):
    first = run("build", "--content", str(tmp_path / "content"))
    assert first.returncode == 0 and "14 written, 0 removed, 0 unchanged" in first.stdout
    second = run("build", "--content", str(tmp_path / "content"))
    assert "0 written, 0 removed, 14 unchanged" in second.stdout
