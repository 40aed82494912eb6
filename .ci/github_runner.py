"""The repository's GitHub workflows, run here as a GitHub runner runs them.

Our CI cannot reach GitHub, and a workflow that is never run is never tested: the suite once
failed on every pull request only because GitHub's runners set GITHUB_ACTIONS. So `.ci/run`
runs the workflows' own steps, read from .github/workflows/, for the events they answer:

- each `run:` step with `bash --noprofile --norc -eo pipefail`, in a clone of the repository,
  with the runner's variables (GITHUB_ACTIONS, GITHUB_WORKFLOW, GITHUB_STEP_SUMMARY,
  GITHUB_ENV, GITHUB_OUTPUT, …), the workflow's, job's and step's `env:`;
- `if:`, `continue-on-error:`, `needs:` and `${{ }}` as GitHub evaluates them (the subset the
  workflows use; anything else is an error here, so a workflow change cannot slip past);
- the actions they use, by what they do for the steps after them (clone, artifacts, Pages),
  and a reusable workflow call as its jobs;
- the two things that need GitHub itself are stood in for: `gh api …/pages` answers with the
  scenario's Pages address, and the preview site's repository is a local bare repository;
  OUT_OF_REACH lists the steps that need a service this machine cannot reach.

Then each scenario's outcome is checked as a reviewer would see it on GitHub: which jobs and
steps passed, the annotations on faq.yaml's lines, the job summary (no workflow command and
no raw Markdown from faq.yaml in it), the preview site's folders and the Pages artifact.

    .venv/bin/python .ci/github_runner.py [--only NAME] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
REPOSITORY = "ministry/faq"
PREVIEW_REPOSITORY = "ministry/faq-previews"
PREVIEW_URL = "https://ministry.github.io/faq-previews/"
PAGES_URL = "https://faq.ministry.example/"  # a custom domain, as set in the Pages settings
OUT_OF_REACH = {
    "Known vulnerabilities in the locked packages":
        "pip-audit asks PyPI's vulnerability API, which this machine cannot reach (it runs on GitHub)",
}


class WorkflowError(Exception):
    """The workflow uses something this runner does not know: fix the workflow or teach it here."""


# ----------------------------------------------------------------------------- expressions

_TOKEN = re.compile(r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||[!(),])"
                    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.-]*))")  # fmt: skip
STATUS_FUNCTIONS = ("success", "failure", "always", "cancelled")


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, at = [], 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if not match or match.end() == at:
            if text[at:].strip() == "":
                break
            raise WorkflowError(f"cannot read the expression {text!r} at {text[at:]!r}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        at = match.end()
    return tokens


class Expression:
    """A `${{ }}` expression, evaluated as GitHub does: `&&` and `||` give one of their operands,
    `==` compares strings without regard to case, '' null false and 0 are false."""

    def __init__(self, text: str, context: dict, status: dict):
        self.tokens, self.at, self.context, self.status = _tokens(text), 0, context, status
        self.text = text

    def value(self):
        result = self._or()
        if self.at != len(self.tokens):
            raise WorkflowError(f"cannot read the expression {self.text!r}")
        return result

    def _peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else (None, None)

    def _take(self, token: str) -> bool:
        if self._peek()[1] == token and self._peek()[0] == "op":
            self.at += 1
            return True
        return False

    def _or(self):
        left = self._and()
        while self._take("||"):
            right = self._and()
            left = left if truthy(left) else right
        return left

    def _and(self):
        left = self._comparison()
        while self._take("&&"):
            right = self._comparison()
            left = right if truthy(left) else left
        return left

    def _comparison(self):
        left = self._unary()
        while self._peek()[1] in ("==", "!="):
            equal = self._take("==") or not self._take("!=")
            right = self._unary()
            same = _compared(left) == _compared(right)
            left = same if equal else not same
        return left

    def _unary(self):
        if self._take("!"):
            return not truthy(self._unary())
        return self._primary()

    def _primary(self):
        kind, token = self._peek()
        self.at += 1
        if kind == "op" and token == "(":
            inner = self._or()
            if not self._take(")"):
                raise WorkflowError(f"unbalanced parentheses in {self.text!r}")
            return inner
        if kind == "string":
            return token[1:-1].replace("''", "'")
        if kind == "number":
            return float(token)
        if kind == "name":
            if token in ("true", "false"):
                return token == "true"
            if token == "null":
                return None
            if self._take("("):
                arguments = []
                while not self._take(")"):
                    arguments.append(self._or())
                    self._take(",")
                return self._call(token, arguments)
            return self._lookup(token)
        raise WorkflowError(f"cannot read the expression {self.text!r}")

    def _call(self, name: str, arguments: list):
        if name in STATUS_FUNCTIONS:
            return self.status[name]
        if name == "format":
            return re.sub(r"\{(\d+)\}", lambda match: _text(arguments[int(match.group(1)) + 1]), arguments[0])
        if name == "contains":
            return _compared(arguments[1]) in _compared(arguments[0])
        raise WorkflowError(f"the function {name}() is not known here")

    def _lookup(self, path: str):
        value = self.context
        for part in path.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value


def truthy(value) -> bool:
    return value not in (None, False, "", 0, 0.0)


def _compared(value):
    return value.lower() if isinstance(value, str) else value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def interpolate(text, context: dict, status: dict) -> str:
    if not isinstance(text, str):
        return _text(text)
    return re.sub(r"\$\{\{(.*?)\}\}", lambda match: _text(Expression(match.group(1), context, status).value()), text)


def condition(text, context: dict, status: dict) -> bool:
    """An `if:`; without a status function, GitHub reads it as `success() && (…)`."""
    if text is None:
        return bool(status["success"])
    text = str(text).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    value = Expression(text, context, status).value()
    if not any(re.search(rf"\b{name}\(", text) for name in STATUS_FUNCTIONS):
        return bool(status["success"]) and truthy(value)
    return truthy(value)


# ----------------------------------------------------------------------------- a run


@dataclass
class Annotation:
    level: str
    properties: dict[str, str]
    message: str


@dataclass
class StepResult:
    name: str
    outcome: str  # success, failure, skipped
    conclusion: str  # outcome, but success for a failure with continue-on-error
    output: str = ""


@dataclass
class JobResult:
    name: str
    result: str  # success, failure, skipped
    steps: list[StepResult] = field(default_factory=list)
    summary: str = ""
    annotations: list[Annotation] = field(default_factory=list)

    def step(self, name: str) -> StepResult:
        return next(step for step in self.steps if step.name == name)


@dataclass
class Event:
    name: str  # pull_request, push
    payload: dict
    head: str  # the commit checked out
    base_ref: str = ""
    ref: str = "refs/heads/main"


class Runner:
    """One workflow run for one event: the jobs in order, in `workspace` (GITHUB_WORKSPACE)."""

    def __init__(self, scratch: Path, origin: Path, event: Event, variables: dict[str, str], secrets: dict[str, str]):
        self.scratch, self.origin, self.event = scratch, origin, event
        self.variables, self.secrets = variables, secrets
        self.workspace = scratch / "workspace"
        self.artifacts = scratch / "artifacts"
        self.temp = scratch / "runner-temp"
        self.home = scratch / "home"
        self.tools = scratch / "tools"
        for folder in (self.temp, self.home, self.tools):
            folder.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.artifacts, ignore_errors=True)
        self.artifacts.mkdir()
        self.jobs: dict[str, JobResult] = {}

    # A workflow, its jobs in the order `needs:` allows
    def run_workflow(self, file: str, inputs: dict | None = None, prefix: str = "") -> dict[str, JobResult]:
        workflow = yaml.load((WORKFLOWS / file).read_text(), Loader=yaml.BaseLoader)  # `on:` stays a string
        declared = (workflow.get("on", {}).get("workflow_call") or {}).get("inputs") or {}
        given = {name: _typed(spec, (inputs or {}).get(name, spec.get("default"))) for name, spec in declared.items()}
        results: dict[str, JobResult] = {}
        pending = dict(workflow["jobs"])
        while pending:
            ready = [job_id for job_id, job in pending.items() if all(need in results for need in _needs(job))]
            if not ready:
                raise WorkflowError(f"{file}: `needs:` that cannot be met: {sorted(pending)}")
            for job_id in ready:
                job = pending.pop(job_id)
                context = self._context(workflow.get("name", file), given, {need: {"result": results[need].result}
                                                                            for need in _needs(job)})  # fmt: skip
                results[job_id] = self._job(prefix + job_id, job, workflow, context, [results[n] for n in _needs(job)])
        self.jobs.update({prefix + job_id: result for job_id, result in results.items()})  # as GitHub names them
        return results

    def _context(self, workflow_name: str, inputs: dict, needs: dict) -> dict:
        event = self.event
        return {
            "github": {"event_name": event.name, "event": event.payload, "repository": REPOSITORY,
                       "repository_owner": REPOSITORY.split("/")[0], "base_ref": event.base_ref, "ref": event.ref,
                       "sha": event.head, "run_id": "4242", "workflow": workflow_name, "token": "emulated-token",
                       "action": event.payload.get("action", "")},
            "inputs": inputs, "vars": self.variables, "secrets": self.secrets, "needs": needs,
            "runner": {"os": "Linux", "temp": str(self.temp)}, "steps": {}, "env": {},
        }  # fmt: skip

    def _job(self, job_id: str, job: dict, workflow: dict, context: dict, needs: list[JobResult]) -> JobResult:
        status = {"success": all(need.result == "success" for need in needs), "failure": any(
            need.result == "failure" for need in needs), "always": True, "cancelled": False}  # fmt: skip
        if not condition(job.get("if"), context, status):
            return JobResult(job_id, "skipped")
        if "uses" in job:  # a reusable workflow: its jobs
            called = job["uses"].removeprefix("./.github/workflows/")
            inputs = {name: interpolate(value, context, status) for name, value in (job.get("with") or {}).items()}
            results = self.run_workflow(called, inputs, prefix=f"{job_id} / ")
            result = "failure" if any(r.result == "failure" for r in results.values()) else "success"
            return JobResult(job_id, result)
        result = JobResult(job_id, "success")
        environment = {**(workflow.get("env") or {}), **(job.get("env") or {})}
        environment = {name: interpolate(value, context, status) for name, value in environment.items()}
        github_env: dict[str, str] = {}
        failed = False
        timeout = 60 * float(job.get("timeout-minutes", 360))
        for index, step in enumerate(job.get("steps", [])):
            name = step.get("name") or step.get("uses") or step.get("run", "").split("\n")[0]
            step_status = {"success": not failed, "failure": failed, "always": True, "cancelled": False}
            context["env"] = {**environment, **github_env}
            if not condition(step.get("if"), context, step_status):
                outcome = StepResult(name, "skipped", "skipped")
            elif name in OUT_OF_REACH:
                outcome = StepResult(name, "skipped", "skipped", f"not run here: {OUT_OF_REACH[name]}")
            else:
                step_env = {key: interpolate(value, context, step_status) for key, value in (step.get("env") or {}).items()}
                outputs, outcome = self._step(result, name, step, context, step_status,
                                              {**environment, **github_env, **step_env}, github_env, timeout)  # fmt: skip
                if step.get("id"):
                    context["steps"][step["id"]] = {"outputs": outputs}
                continues = truthy(interpolate(step.get("continue-on-error", "false"), context, step_status) == "true")
                if outcome.outcome == "failure" and continues:
                    outcome.conclusion = "success"
                failed = failed or outcome.conclusion == "failure"
            if step.get("id"):
                context["steps"].setdefault(step["id"], {"outputs": {}}).update(
                    {"outcome": outcome.outcome, "conclusion": outcome.conclusion})
            result.steps.append(outcome)
            print(f"    {job_id} · {index + 1}. {name}: {outcome.outcome}"
                  + (f" ({outcome.output})" if outcome.output and outcome.outcome == "skipped" else ""), flush=True)  # fmt: skip
        result.result = "failure" if failed else "success"
        return result

    def _step(self, job: JobResult, name: str, step: dict, context: dict, status: dict, environment: dict,
              github_env: dict, timeout: float) -> tuple[dict, StepResult]:  # fmt: skip
        if "uses" in step:
            with_ = {key: interpolate(value, context, status) for key, value in (step.get("with") or {}).items()}
            try:
                outputs = self._action(step["uses"], with_)
            except ActionFailed as error:
                return {}, StepResult(name, "failure", "failure", str(error))
            return outputs, StepResult(name, "success", "success")
        script = interpolate(step["run"], context, status)
        files = {kind: self.temp / f"{kind}-{len(job.steps)}" for kind in ("summary", "env", "output", "path")}
        for file in files.values():
            file.write_text("")
        script_file = self.temp / f"step-{len(job.steps)}.sh"
        script_file.write_text(script)
        runner_env = {
            **{key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "RUNNER_"))},
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKFLOW": context["github"]["workflow"],
            "GITHUB_EVENT_NAME": self.event.name, "GITHUB_REPOSITORY": REPOSITORY, "GITHUB_SHA": self.event.head,
            "GITHUB_REF": self.event.ref, "GITHUB_BASE_REF": self.event.base_ref, "GITHUB_RUN_ID": "4242",
            "GITHUB_WORKSPACE": str(self.workspace), "GITHUB_JOB": job.name, "RUNNER_OS": "Linux",
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_STEP_SUMMARY": str(files["summary"]), "GITHUB_ENV": str(files["env"]),
            "GITHUB_OUTPUT": str(files["output"]), "GITHUB_PATH": str(files["path"]),
            "GIT_CONFIG_GLOBAL": str(self.home / ".gitconfig"),
            "PATH": f"{self.tools}{os.pathsep}{os.environ['PATH']}",
        }  # fmt: skip
        completed = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)],
                                   cwd=self.workspace, env={**runner_env, **environment}, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)  # fmt: skip
        job.annotations += _annotations(completed.stdout)
        job.summary += files["summary"].read_text()
        github_env.update(_key_values(files["env"].read_text()))
        outputs = _key_values(files["output"].read_text())
        outcome = "success" if completed.returncode == 0 else "failure"
        lines = completed.stdout.splitlines()
        tail = "\n".join([line for line in lines[:-40] if line.startswith(("FAILED ", "ERROR "))] + lines[-40:])
        if outcome == "failure":
            print(textwrap.indent(tail, "      | "), flush=True)
        return outputs, StepResult(name, outcome, outcome, completed.stdout)

    # The actions, by what they leave for the steps after them
    def _action(self, uses: str, with_: dict) -> dict:
        action, _, version = uses.partition("@")
        if not re.fullmatch(r"[0-9a-f]{40}", version):
            raise WorkflowError(f"{uses}: an action is pinned by its full commit id")
        if action == "actions/checkout":
            return self._checkout(with_)
        if action == "actions/setup-python":
            found = subprocess.run(["python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                   capture_output=True, text=True).stdout.strip()  # fmt: skip
            if found != with_.get("python-version"):
                raise ActionFailed(f"this machine's python3 is {found}, the workflow asks for {with_.get('python-version')}")
            return {"python-version": found}
        if action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
            name = with_.get("name") or ("github-pages" if action.endswith("pages-artifact") else "artifact")
            source = self.workspace / with_["path"]
            if not source.is_dir() or not any(source.iterdir()):
                raise ActionFailed(f"{with_['path']}: nothing to upload")
            # Hidden files are left out, as both actions do by default.
            shutil.copytree(source, self.artifacts / name, ignore=shutil.ignore_patterns(".*"))
            return {"artifact-id": name}
        if action == "actions/download-artifact":
            source = self.artifacts / with_["name"]
            if not source.is_dir():
                raise ActionFailed(f"no artifact {with_['name']}")
            shutil.copytree(source, self.workspace / with_.get("path", "."), dirs_exist_ok=True)
            return {}
        if action == "actions/deploy-pages":
            if not (self.artifacts / "github-pages" / "index.html").is_file():
                raise ActionFailed("no github-pages artifact with an index.html")
            return {"page_url": PAGES_URL}
        raise WorkflowError(f"the action {action} is not known here: teach .ci/github_runner.py what it does")

    def _checkout(self, with_: dict) -> dict:
        if with_.get("persist-credentials") != "false":
            raise ActionFailed("checkout keeps the token in .git/config: set persist-credentials: false")
        # A fresh clone each job, but the locked environment (.venv) kept aside and put back,
        # as setup-python's pip cache saves GitHub's runners the downloads.
        kept = self.scratch / "venv-between-jobs"
        if (self.workspace / ".venv").is_dir():
            shutil.rmtree(kept, ignore_errors=True)
            (self.workspace / ".venv").rename(kept)
        shutil.rmtree(self.workspace, ignore_errors=True)
        depth = [] if with_.get("fetch-depth") == "0" else ["--depth", "1"]
        _git(self.scratch, "clone", "--quiet", "--no-local", *depth, str(self.origin), str(self.workspace))
        _git(self.workspace, "checkout", "--quiet", "--detach", self.event.head)
        if kept.is_dir():
            kept.rename(self.workspace / ".venv")
        return {"commit": self.event.head}


class ActionFailed(Exception):
    pass


def _typed(spec: dict, value):
    if spec.get("type") == "boolean":
        return value is True or str(value).lower() == "true"
    return value


def _needs(job: dict) -> list[str]:
    needs = job.get("needs") or []
    return [needs] if isinstance(needs, str) else list(needs)


def _annotations(output: str) -> list[Annotation]:
    found = []
    for line in output.splitlines():
        match = re.match(r"::(error|warning|notice)(?: ([^:]*))?::(.*)$", line)
        if match:
            properties = dict(item.split("=", 1) for item in (match.group(2) or "").split(",") if "=" in item)
            found.append(Annotation(match.group(1), {key: _unescape(value) for key, value in properties.items()},
                                    _unescape(match.group(3))))  # fmt: skip
    return found


def _unescape(text: str) -> str:
    for escaped, character in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, character)
    return text


def _key_values(text: str) -> dict[str, str]:
    """GITHUB_ENV and GITHUB_OUTPUT: `name=value` lines, or `name<<DELIMITER` … `DELIMITER`."""
    values, lines = {}, iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body = []
            for more in lines:
                if more == delimiter:
                    break
                body.append(more)
            values[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def _git(cwd: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "Editor",
                               "GIT_AUTHOR_EMAIL": "editor@ministry.example", "GIT_COMMITTER_NAME": "Editor",
                               "GIT_COMMITTER_EMAIL": "editor@ministry.example"}).stdout.strip()  # fmt: skip


# ----------------------------------------------------------------------------- scenarios


class Checks:
    """What a scenario expects, each a line passed or failed."""

    def __init__(self):
        self.passed, self.failed = 0, []

    def expect(self, scenario: str, what: str, ok: bool, detail: str = "") -> None:
        if ok:
            self.passed += 1
            print(f"  ok: {what}")
        else:
            self.failed.append(f"{scenario}: {what}")
            print(f"  FAILED: {what}" + (f"\n{textwrap.indent(detail.strip()[-3000:], '      ')}" if detail else ""))


class Repositories:
    """The project as GitHub holds it (a bare `origin` with main and the pull requests' branches),
    the preview site's repository, and the stand-ins for what only GitHub has."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.origin = scratch / "origin.git"
        self.previews = scratch / "previews.git"
        self.editor = scratch / "editor"
        _git(scratch, "init", "--quiet", "--bare", "--initial-branch=main", str(self.origin))
        _git(scratch, "init", "--quiet", "--bare", "--initial-branch=main", str(self.previews))
        self.editor.mkdir()
        _git(self.editor, "init", "--quiet", "--initial-branch=main")
        tracked = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
        for name in filter(None, tracked):
            if (ROOT / name).is_file():
                (self.editor / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, self.editor / name)
        _git(self.editor, "add", "--all")
        _git(self.editor, "commit", "--quiet", "-m", "the FAQ as published")
        _git(self.editor, "push", "--quiet", str(self.origin), "main")
        seed = scratch / "previews-seed"
        _git(scratch, "clone", "--quiet", str(self.previews), str(seed))
        (seed / "README.md").write_text("Previews of the FAQ's pull requests.\n")
        _git(seed, "add", "README.md")
        _git(seed, "commit", "--quiet", "-m", "previews")
        _git(seed, "push", "--quiet", "origin", "HEAD:main")
        self.main = _git(self.editor, "rev-parse", "HEAD")

    def branch(self, name: str, change) -> str:
        """A pull request's branch: `change(folder)` edits the editor's copy of main."""
        _git(self.editor, "checkout", "--quiet", "-B", name, self.main)
        change(self.editor)
        _git(self.editor, "commit", "--quiet", "--all", "-m", name)
        _git(self.editor, "push", "--quiet", "--force", str(self.origin), name)
        return _git(self.editor, "rev-parse", "HEAD")

    def preview_files(self) -> set[str]:
        listed = _git(self.scratch, f"--git-dir={self.previews}", "ls-tree", "-r", "--name-only", "main")
        return set(listed.splitlines())

    def preview_text(self, path: str) -> str:
        return _git(self.scratch, f"--git-dir={self.previews}", "show", f"main:{path}")

    def stand_ins(self, runner: Runner, pages_url: str | None) -> None:
        """`gh api repos/…/pages` answers with `pages_url` (None: Pages not set up); the preview
        site's address on GitHub leads to the local bare repository."""
        answer = f"echo {json.dumps(pages_url)}" if pages_url else "echo 'gh: Not Found (HTTP 404)' >&2; exit 1"
        gh = runner.tools / "gh"
        gh.write_text(f'#!/bin/sh\n[ "$1 $2" = "api repos/{REPOSITORY}/pages" ] || exit 2\n{answer}\n')
        gh.chmod(0o755)
        (runner.home / ".gitconfig").write_text(
            f'[url "{self.previews}"]\n\tinsteadOf = git@github.com:{PREVIEW_REPOSITORY}.git\n')


def _edit(old: str, new: str, *, count: int = 1):
    def change(folder: Path) -> None:
        faq = folder / "faq.yaml"
        text = faq.read_text(encoding="utf-8")
        assert text.count(old) >= count, f"the scenario's text is no longer in faq.yaml: {old!r}"
        faq.write_text(text.replace(old, new, count), encoding="utf-8")

    return change


def _line_of(folder: Path, text: str) -> int:
    return next(number for number, line in enumerate((folder / "faq.yaml").read_text().splitlines(), 1) if text in line)


QUESTION_FR = "Quelles implications le modèle des gestionnaires de système de services aura-t-il pour moi?"
QUESTION_EN = "What does the Service System Manager model mean for me?"
QUESTION_ID = "provider-inside-prototype-region"


def pull_request(number: int, head: str, *, fork: bool = False, action: str = "synchronize") -> Event:
    head_repository = "someone/faq" if fork else REPOSITORY
    payload = {"action": action, "number": number, "pull_request": {
        "number": number, "head": {"sha": head, "repo": {"full_name": head_repository}},
        "base": {"ref": "main", "repo": {"full_name": REPOSITORY}}}}  # fmt: skip
    return Event("pull_request", payload, head, base_ref="main", ref=f"refs/pull/{number}/merge")


def scenarios(repositories: Repositories, checks: Checks, scratch: Path, only: str | None) -> None:
    configured = {"FAQ_PREVIEW_URL": PREVIEW_URL, "FAQ_PREVIEW_REPOSITORY": PREVIEW_REPOSITORY}
    secrets = {"FAQ_PREVIEW_DEPLOY_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----\nemulated\n-----END OPENSSH PRIVATE KEY-----"}

    def run(name: str, event: Event, workflow: str, pages_url: str | None = PAGES_URL, variables=None) -> Runner | None:
        if only and only != name:
            return None
        print(f"\n== {name}", flush=True)
        runner = Runner(scratch, repositories.origin, event, configured if variables is None else variables, secrets)
        repositories.stand_ins(runner, pages_url)
        runner.run_workflow(workflow)
        summary = "".join(job.summary for job in runner.jobs.values())
        checks.expect(name, "no workflow command and no raw HTML reaches the job summary",
                      "::" not in summary and not re.search(r"(?<!\\)<[a-zA-Z/]", summary), summary)  # fmt: skip
        return runner

    # 1. An editor's change, both languages, confirmed: everything runs, the preview is published.
    def both_languages(folder: Path) -> None:
        _edit("Quelles implications le modèle", "Quelles conséquences le modèle")(folder)
        _edit(QUESTION_EN, "What will the Service System Manager model mean for me?")(folder)
        subprocess.run([sys.executable, str(ROOT / "build_faq.py"), "confirm", "--question", QUESTION_ID,
                        str(folder / "faq.yaml")], check=True, capture_output=True)  # fmt: skip

    head = repositories.branch("reword-a-question", both_languages)
    if runner := run("a pull request that changes a question in both languages", pull_request(7, head), "checks.yml"):
        checks_job, preview = runner.jobs["checks"], runner.jobs["preview"]
        checks.expect("change", "the checks pass, every step", checks_job.result == "success"
                      and all(step.conclusion in ("success", "skipped") for step in checks_job.steps), _steps(checks_job))  # fmt: skip
        checks.expect("change", "the suite ran in the runner's environment and passed",
                      checks_job.step("Lint and test").outcome == "success")
        checks.expect("change", "no annotation", checks_job.annotations == [], str(checks_job.annotations))
        link = f"({PREVIEW_URL}pr-7/service-providers/#{QUESTION_ID})"
        checks.expect("change", "the summary: the preview's address, the change report with a link to the changed "
                      "question on the preview, the translation table", all(part in checks_job.summary for part in (
                          f"{PREVIEW_URL}pr-7/", "## Changes to the FAQ since `origin/main`", link,
                          "{+conséquences+}", "### Translation status of faq.yaml"))
                      and "cannot be read" not in checks_job.summary, checks_job.summary)  # fmt: skip
        checks.expect("change", "the preview is built as an artifact", (runner.artifacts / "site-preview" / "index.html").is_file())
        files = repositories.preview_files()
        checks.expect("change", "the preview job publishes it in the preview site's folder pr-7/",
                      preview.result == "success" and {"pr-7/index.html", "pr-7/en/index.html", ".nojekyll"} <= files,
                      _steps(preview) + str(sorted(files)[:20]))  # fmt: skip
        page = repositories.preview_text("pr-7/en/service-providers/index.html") if "pr-7/index.html" in files else ""
        checks.expect("change", "its pages carry the banner and noindex, and the changed question",
                      "Preview — not the published version (pull request #7)" in page
                      and '<meta name="robots" content="noindex">' in page and "What will the Service System" in page)
        checks.expect("change", "no sitemap and no feed in the preview",
                      not any(name.startswith("pr-7/") and name.endswith(("sitemap.xml", ".xml")) for name in files))

    # 2. The most common mistake: a French colon breaks the YAML.
    head = repositories.branch("french-colon", _edit(f"fr: Je suis un fournisseur de services situé dans l’une des "
                                                     f"trois régions de modélisation. {QUESTION_FR}",
                                                     "fr: Transition : où en sommes-nous?"))  # fmt: skip
    if runner := run("a pull request whose faq.yaml is not valid YAML", pull_request(8, head), "checks.yml"):
        _broken(checks, runner, "syntax", _line_of(repositories.editor, "fr: Transition : où en sommes-nous?"),
                "a colon followed by a space", summary_has="cannot be read")

    # 3. A question without its English.
    head = repositories.branch("missing-english", _edit(f"          en: I am a service provider in one of the three "
                                                        f"prototype regions. {QUESTION_EN}\n", ""))  # fmt: skip
    if runner := run("a pull request with a missing translation", pull_request(9, head), "checks.yml"):
        # At the question's `question:` key, the line after its id.
        _broken(checks, runner, "missing", _line_of(repositories.editor, f"- id: {QUESTION_ID}") + 1, "English",
                summary_has="English up to date → missing")

    # 4. French changed, English not: stale; from a fork, so no preview is published.
    head = repositories.branch("stale-english", _edit("Quelles implications le modèle", "Quelles conséquences le modèle"))
    if runner := run("a pull request from a fork with a stale translation", pull_request(10, head, fork=True), "checks.yml"):
        # At its `confirmed:` line, which the fix changes.
        _broken(checks, runner, "stale", _line_of(repositories.editor, "confirmed: fr b5a30938 en 1b137d76"), "may be out of date",
                summary_has="English up to date → stale")
        checks.expect("stale", "the summary says a fork's preview is not published", "comes from a fork" in runner.jobs["checks"].summary)

    # 5. The first pull request is merged: its preview is removed.
    if runner := run("the first pull request is closed", pull_request(7, head, action="closed"), "checks.yml"):
        checks.expect("closed", "no checks run", runner.jobs["checks"].result == "skipped")
        files = repositories.preview_files()
        checks.expect("closed", "its preview is removed from the preview site", runner.jobs["preview"].result == "success"
                      and not any(name.startswith("pr-7/") for name in files), str(sorted(files)[:10]))  # fmt: skip

    # 6. A merge to main publishes, at the address the Pages settings give.
    if runner := run("a merge to main", Event("push", {}, repositories.main), "publish.yml"):
        checks.expect("merge", "checks and deploy pass", runner.jobs["checks / checks"].result == "success"
                      and runner.jobs["deploy"].result == "success", _steps(runner.jobs["checks / checks"]))  # fmt: skip
        home = runner.artifacts / "github-pages" / "index.html"
        text = home.read_text() if home.is_file() else ""
        checks.expect("merge", "the Pages artifact is the site for the Pages address, indexed, with its sitemap",
                      f'<link rel="canonical" href="{PAGES_URL}">' in text and "noindex" not in text
                      and (runner.artifacts / "github-pages" / "sitemap.xml").is_file())  # fmt: skip

    # 7. Pages not set up yet: the merge says what to do, and nothing is deployed.
    if runner := run("a merge before GitHub Pages is set up", Event("push", {}, repositories.main), "publish.yml",
                     pages_url=None):
        checks_job = runner.jobs["checks / checks"]
        checks.expect("no pages", "the checks fail with a message naming the setting, and nothing is deployed",
                      checks_job.result == "failure" and runner.jobs["deploy"].result == "skipped"
                      and any("Pages" in a.message and "GitHub Actions" in a.message for a in checks_job.annotations),
                      str(checks_job.annotations))  # fmt: skip


def _broken(checks: Checks, runner: Runner, scenario: str, line: int, words: str, *, summary_has: str) -> None:
    job = runner.jobs["checks"]
    checks.expect(scenario, "the checks fail at the strict check; the suite does not run",
                  job.result == "failure" and job.step("Check faq.yaml strictly").outcome == "failure"
                  and job.step("Lint and test").outcome == "skipped", _steps(job))  # fmt: skip
    errors = [a for a in job.annotations if a.level == "error"]
    checks.expect(scenario, f"an error annotation on faq.yaml line {line} with its column, saying {words!r}",
                  any(a.properties.get("file") == "faq.yaml" and a.properties.get("line") == str(line)
                      and a.properties.get("col", "").isdigit() and words in a.message for a in errors), str(errors))  # fmt: skip
    checks.expect(scenario, "the change report and the translation status still reach the summary",
                  job.step("What this change does for readers").outcome != "skipped"
                  and job.step("Which texts wait for their translation").outcome != "skipped"
                  and summary_has in job.summary, job.summary)  # fmt: skip
    checks.expect(scenario, "no preview is published", runner.jobs["preview"].result == "skipped")


def _steps(job: JobResult) -> str:
    return "\n".join(f"{step.name}: {step.outcome}" + (f"\n{step.output[-1500:]}" if step.outcome == "failure" else "")
                     for step in job.steps)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="run one scenario (its name as printed)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (printed)")
    arguments = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="github-runner-"))
    checks = Checks()
    try:
        repositories = Repositories(scratch)
        scenarios(repositories, checks, scratch, arguments.only)
    except Exception:  # the emulation itself broke: a failure, with where
        traceback.print_exc()
        checks.failed.append("the emulation stopped (above)")
    finally:
        if arguments.keep:
            print(f"kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"\nworkflows on an emulated runner: {checks.passed} passed, {len(checks.failed)} failed")
    for failure in checks.failed:
        print(f"  failed: {failure}")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
