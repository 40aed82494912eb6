"""build_faq.py as an editor or CI runs it: messages, exit codes, nothing printed as a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, build_faq, plain_environment

from faqgen.pipeline import check
from faqgen.site_plan import page_names

BAD = Path(__file__).parent / "fixtures" / "bad"


def run(*arguments, cwd=ROOT, env=None):
    return build_faq(*arguments, cwd=cwd, env=env, timeout=120)


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
    assert result.returncode == 2 and "expected a date written YYYY-MM-DD, like 2020-04-01" in result.stderr


def test_build_writes_pages_then_nothing(tmp_path):
    first = run("build", "--content", str(tmp_path / "content"))
    pages = 2 * len(page_names(check(ROOT / "faq.yaml").faq))
    assert first.returncode == 0 and f"{pages} written, 0 removed, 0 unchanged" in first.stdout
    second = run("build", "--content", str(tmp_path / "content"))
    assert f"0 written, 0 removed, {pages} unchanged" in second.stdout


OVERLAP = BAD / "phases-overlap.yaml"
OVERLAP_MESSAGE = ("phase `transition` starts (2020-04-01) before phase `planning` ends (2020-04-30); phases must follow "
                   "each other in order without overlapping")  # fmt: skip


def test_check_formats_problems_as_json():
    result = run("check", str(OVERLAP), "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == [{
        "file": str(OVERLAP), "line": 26, "column": 12, "message": OVERLAP_MESSAGE,
        "context": "phases[transition].start", "severity": "error", "rule": "phase-order",
    }]  # fmt: skip
    assert result.stderr == "1 error; nothing was written.\n"
    ok = run("check", "--format", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout) == [] and ok.stderr.startswith("faq.yaml: OK")


def test_check_writes_github_annotations_by_itself_under_github_actions():
    expected = (f"::error file={str(OVERLAP).replace(':', '%3A')},line=26,col=12,title=phases-overlap.yaml error::"
                f"{OVERLAP_MESSAGE} (phases[transition].start)\n")  # fmt: skip
    assert run("check", str(OVERLAP), "--format", "github").stdout == expected
    under_actions = run("check", str(OVERLAP), env={"GITHUB_ACTIONS": "true", "GITHUB_WORKFLOW": "checks"})
    assert under_actions.stdout == expected
    assert run("check", str(OVERLAP)).stdout == ""  # elsewhere: plain lines on stderr
    newline = run("check", str(BAD / "several-errors.yaml"), "--format", "github").stdout.splitlines()
    expected_lines = len([line for line in (BAD / "several-errors.yaml").read_text().splitlines() if line.startswith("# expect: ")])
    assert len(newline) == expected_lines > 1  # one annotation a line, one line an annotation
    assert all(line.startswith(("::error ", "::warning ")) for line in newline)


def test_a_python_without_the_projects_packages_is_told_what_to_run_instead():
    # -S: without site-packages, as a system Python outside .venv/ runs it
    result = subprocess.run([sys.executable, "-S", str(ROOT / "build_faq.py"), "check"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, env=plain_environment())  # fmt: skip
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"build_faq.py: this Python ({sys.executable}) does not have the project's packages (")
    assert "run `make check` (or `make serve`, `make site`), which sets them up in .venv/ first" in result.stderr
