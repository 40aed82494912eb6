"""`make mutate`: how many small breakages of the code that keeps readers and editors safe the
tests notice — a mutation score per module, written to bench/MUTATION.md with the date and the
machine (issue 35). Slow (every mutant runs the tests that reach it), so not part of `make test`.

The tool is mutmut (bench/requirements-mutate.txt), chosen by measurement on faqgen/translations.py
and its tests: 252 mutants in 19 s (26 a second: it runs the tests in forked processes, only those
that reach the mutated function), against an estimated 15 minutes for cosmic-ray's 229 (4 s each: a
fresh pytest per mutant). What it mutates and which tests it runs are in pyproject.toml
(`[tool.mutmut]`).

It works on a copy of the files git tracks (the working tree's versions), in a folder of its own,
so the repository's files are never mutated and untracked ones (node_modules) are not copied. The
tests run with that copy first on PYTHONPATH: what they run in another process (build_faq.py,
mkdocs) imports the mutated faqgen too, with the mutant mutmut names in MUTANT_UNDER_TEST.

    python -m bench.mutate [--keep FOLDER]          # a run, and its report
    python -m bench.mutate --report FOLDER...       # the report of kept runs, finished or stopped

Kept runs are merged (a mutant killed in any is killed), each for the modules whose source is still
the code it mutated: a module changed since has other mutants under the same names.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from importlib.metadata import version
from pathlib import Path

from bench.harness import ROOT

REPORT = ROOT / "bench" / "MUTATION.md"
NOTES = ROOT / "bench" / "survivors.yaml"  # why a survivor is left: equivalent, or not worth a test
TARGET = 0.80  # the share of mutants the tests must kill, per module (issue 35)
_RESULT = re.compile(r"^\s*(?P<name>(?P<module>[\w.]+)\.x[_ǁ][^:]*): (?P<status>.+)$")
KILLED = {"killed", "timeout"}  # a mutant that hangs the tests is noticed too
NOT_RUN = "not checked"  # a stopped run's mutants it did not reach


def tracked_copy(target: Path) -> None:
    """The files git tracks, as they are in the working tree, into `target`."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _environment(work: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(work / "mutants"), "NO_MKDOCS_2_WARNING": "1"}


def run_mutmut(work: Path) -> None:
    """mutmut run in `work` (its log: work/mutmut.log)."""
    (work / "mutants").mkdir()  # on PYTHONPATH before it exists: made first, or Python skips it
    with open(work / "mutmut.log", "w", encoding="utf-8") as log:
        subprocess.run([sys.executable, "-m", "mutmut", "run"], cwd=work, env=_environment(work), stdout=log,
                       stderr=subprocess.STDOUT, check=True)  # fmt: skip


def mutant_statuses(work: Path) -> dict[str, str]:
    """Every mutant's name → its status, as mutmut recorded it in `work`."""
    listed = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=work,
                            env=_environment(work), capture_output=True, text=True, check=True).stdout  # fmt: skip
    return {match["name"]: match["status"].strip() for line in listed.splitlines() if (match := _RESULT.match(line))}


_SHOW = """
import json, sys
from mutmut.mutation.diff_apply import find_mutant, get_diff_for_mutant
for name in json.load(sys.stdin):
    diff = get_diff_for_mutant(name, path=find_mutant(name).path)
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    print(json.dumps([name, added[0] if added else "(a line removed)"]))
"""


def changed_lines(work: Path, names: list[str]) -> dict[str, str]:
    """What each mutant changed, as its diff's added line (`mutmut show`, for all of them in one process)."""
    shown = subprocess.run([sys.executable, "-c", _SHOW], cwd=work, input=json.dumps(names), capture_output=True,
                           text=True, env=_environment(work), check=True).stdout  # fmt: skip
    return dict(json.loads(line) for line in shown.splitlines())


def module_of(name: str) -> str:
    return _RESULT.match(f"{name}: x")["module"]


def survivor_notes(text: str) -> dict[str, str]:
    """bench/survivors.yaml: module → [{mutants: [names], why: ...}] as mutant name → why."""
    import yaml

    notes = {}
    for module, groups in (yaml.safe_load(text) or {}).items():
        for group in groups:
            notes.update({f"{module}.{name}": " ".join(group["why"].split()) for name in group["mutants"]})
    return notes


def report(statuses: dict[str, str], survivors: dict[str, str], seconds: float | None, tool: str = "mutmut",
           notes: dict[str, str] | None = None) -> str:  # fmt: skip
    """bench/MUTATION.md: the score of each module, then what survived in each, with the note
    that explains a survivor (bench/survivors.yaml), if it has one."""
    notes = notes or {}
    counts: dict[str, Counter] = defaultdict(Counter)
    for name, status in statuses.items():
        counts[module_of(name)][status] += 1
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    lines = [
        "# Mutation score",
        "",
        f"`make mutate` (bench/mutate.py), {dt.date.today().isoformat()}, {tool}, {machine}; "
        f"{len(statuses)} mutants" + (f" in {seconds / 60:.0f} minutes" if seconds is not None else "") +
        ". A module meets the target when its tests kill "
        f"at least {TARGET:.0%} of its mutants (a mutant that hangs them counts as killed; one no selected test "
        "reaches, as not). What is mutated and which tests run: pyproject.toml, `[tool.mutmut]`.",
        "",
        "| module | mutants | checked | killed | survived | no test reaches it | explained | score | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for module in sorted(counts):
        count = counts[module]
        total, killed = sum(count.values()), sum(count[status] for status in KILLED)
        checked = total - count[NOT_RUN]
        score = killed / checked if checked else 0.0
        verdict = "met" if score >= TARGET and checked == total else "not met" if checked == total else "not all checked"
        explained = sum(1 for name in survivors if module_of(name) == module and name in notes)
        lines.append(f"| `{module}` | {total} | {checked} | {killed} | {count['survived']} | {count['no tests']} | "
                     f"{explained} | {score:.0%} | {verdict} |")  # fmt: skip
    lines += ["", "The score is of the mutants checked (a stopped run leaves some unchecked: their modules say so).",
              "", "## What survived", "",
              "Each line: the mutant, and the line as it changed it (`python -m mutmut show NAME` in a kept folder "
              "shows the whole diff); then, for those bench/survivors.yaml explains, why it is left. Each is to be "
              "killed by a test, shown equivalent, or explained. The score counts the explained ones as survivors.",
              ""]  # fmt: skip
    for module in sorted(counts):
        names = sorted((name for name in survivors if module_of(name) == module), key=_natural)  # unchecked: not listed
        if names:
            lines += [f"### `{module}`", ""]
            lines += [f"- `{name.removeprefix(module + '.')}` ({statuses[name]}): `{survivors[name]}`"
                      + (f" — {notes[name]}" if name in notes else "") for name in names]  # fmt: skip
            lines.append("")
    stale = sorted((name for name in notes if name in statuses and name not in survivors), key=_natural)
    if stale:
        lines += ["## Notes for mutants that no longer survive", "",
                  "bench/survivors.yaml explains these, but the tests now kill them: their notes can go.", "",
                  *(f"- `{name}`" for name in stale), ""]  # fmt: skip
    return "\n".join(lines).rstrip() + "\n"


def _natural(name: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


_RANK = {"killed": 0, "timeout": 0, "survived": 1, "no tests": 2, NOT_RUN: 9}


def merged(runs: list[dict[str, str]]) -> dict[str, str]:
    """The statuses of several runs of the same code (with other modules or tests chosen): a
    mutant killed in any is killed by the suite; else what a run that checked it found."""
    statuses: dict[str, str] = {}
    for run in runs:
        for name, status in run.items():
            if name not in statuses or _RANK.get(status, 5) < _RANK.get(statuses[name], 5):
                statuses[name] = status
    return statuses


def module_file(module: str) -> str:
    """Where a module's source is: faqgen.rules.unique_ids → faqgen/rules/unique_ids.py."""
    path = module.replace(".", "/")
    return f"{path}/__init__.py" if (ROOT / path).is_dir() else f"{path}.py"


def as_the_code_is(work: Path, statuses: dict[str, str]) -> dict[str, str]:
    """The statuses of a kept run for the modules whose source is still what it mutated: a
    module changed since has other mutants under the same names."""
    def unchanged(module: str) -> bool:
        kept, current = work / module_file(module), ROOT / module_file(module)
        return kept.is_file() and current.is_file() and kept.read_bytes() == current.read_bytes()

    modules = {module: unchanged(module) for module in {module_of(name) for name in statuses}}
    return {name: status for name, status in statuses.items() if modules[module_of(name)]}


def write_report(works: list[Path], seconds: float | None) -> None:
    runs = [as_the_code_is(work, mutant_statuses(work)) for work in works]
    statuses = merged(runs)
    survivors: dict[str, str] = {}
    for work, run in zip(works, runs, strict=True):  # each survivor shown from a run that has it
        names = [name for name, status in statuses.items() if status not in {*KILLED, NOT_RUN} and name in run
                 and name not in survivors]  # fmt: skip
        survivors.update(changed_lines(work, names))
    notes = survivor_notes(NOTES.read_text(encoding="utf-8")) if NOTES.is_file() else {}
    REPORT.write_text(report(statuses, survivors, seconds, f"mutmut {version('mutmut')}", notes), encoding="utf-8")
    print(f"{REPORT.relative_to(ROOT)}: {len(statuses)} mutants, {len(survivors)} checked and not killed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (to `mutmut show` a mutant)")
    parser.add_argument("--report", type=Path, nargs="+", help="only write the report of the runs kept in these folders")
    options = parser.parse_args()
    if options.report:
        write_report([folder.resolve() for folder in options.report], None)  # how long they ran: not known here
        return
    work = options.keep.resolve() if options.keep else Path(tempfile.mkdtemp(prefix="faqgen-mutate-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        tracked_copy(work)
        run_mutmut(work)
        write_report([work], time.monotonic() - started)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
