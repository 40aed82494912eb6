"""Work on the second core (faqgen/processes.py): what a forked child returns or how it failed
reaches the parent, and a failure in a build's child work leaves the published site as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from helpers import ROOT, snapshot

from faqgen import processes
from faqgen.publish import MARKER


def test_a_child_returns_what_its_work_made_from_the_parent_s_memory():
    answers = {"fr": "é" * 300_000, "en": list(range(50_000))}  # larger than a pipe's buffer
    child = processes.Forked(lambda: {lang: len(value) for lang, value in answers.items()} | {"pid": os.getpid()})
    result = child.wait()
    assert result["fr"] == 300_000 and result["en"] == 50_000 and result["pid"] != os.getpid()
    child.kill()  # waited for already: nothing happens (its process id may be another's now)


def test_a_child_s_answer_in_parts_arrives_part_by_part():
    """The parent acts on the first part while the next is still being sent (the search index
    starts while the pages come back: faqgen/pipeline.py)."""
    large = "x" * 10_000_000  # far more than a pipe holds: the child waits until it is read
    child = processes.Forked(lambda: processes.Parts("first", large))
    assert child.receive() == "first"
    assert os.waitpid(child.pid, os.WNOHANG) == (0, 0)  # still sending the second part
    assert child.wait() == large and child.done


def test_answers_are_read_from_whichever_child_has_sent_one():
    """The pages of a child that is done are read while the other is still at work (faqgen/pipeline.py):
    parts come in the order they were sent, each child's in its own order, and a failure is raised."""
    slow = processes.Forked(lambda: time.sleep(1) or processes.Parts("slow 1", "slow 2"))
    quick = processes.Forked(lambda: processes.Parts("quick 1", "x" * 1_000_000))  # more than a pipe holds
    got = [(key, part if len(part) < 100 else len(part)) for key, part in processes.answers({"slow": slow, "quick": quick}, parts=2)]
    assert got == [("quick", "quick 1"), ("quick", 1_000_000), ("slow", "slow 1"), ("slow", "slow 2")]
    assert slow.done and quick.done
    with pytest.raises(processes.ChildFailed, match=r"^ZeroDivisionError"):
        list(processes.answers({"failing": processes.Forked(lambda: 1 / 0)}, parts=2))


def test_a_child_s_failure_is_raised_in_the_parent_with_its_message():
    def work():
        raise ValueError("the text of page 3 is not what was expected")

    with pytest.raises(processes.ChildFailed, match=r"^ValueError: the text of page 3 is not what was expected$"):
        processes.Forked(work).wait()


def test_a_child_no_longer_wanted_ends_at_once():
    child = processes.Forked(lambda: time.sleep(30))
    started = time.monotonic()
    child.kill()
    assert time.monotonic() - started < 5 and child.done


def test_no_fork_while_another_thread_runs():
    fresh = subprocess.run([sys.executable, "-c", "from faqgen import processes; print(processes.can_fork())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert fresh.stdout == "True\n"  # a build's process: one thread (this one may have more, left by other tests)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not processes.can_fork()
    finally:
        release.set()
        other.join()


def test_when_the_formats_fail_in_their_child_site_says_so_and_leaves_the_site_as_it_was(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site already published")
    (site / MARKER).write_text("")
    own_temporary_folder = tmp_path / "tmp"  # a folder of the test's own: other builds may run meanwhile
    own_temporary_folder.mkdir()
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        import faqgen.outputs
        from faqgen.publish import PublishError, build_site

        def broken(*arguments, **options):
            raise OSError(28, "No space left on device")

        faqgen.outputs.takeaway_files = broken
        try:
            build_site(Path({str(project)!r}), Path({str(site)!r}))
        except PublishError as error:
            print(error, file=sys.stderr)
            sys.exit(1)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                            cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(own_temporary_folder)})  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert ("the search index or the take-away formats could not be made: OSError: [Errno 28] No space left on device"
            in result.stderr)  # fmt: skip
    assert snapshot(site) == {"index.html": b"the site already published", MARKER: b""}
    assert not list(own_temporary_folder.iterdir())  # no search folder left behind


def test_a_build_has_its_whole_search_index_before_the_shutdown_event(project):
    """`mkdocs gh-deploy` deploys between the build and MkDocs' shutdown event: only `site`,
    which verifies the pages meanwhile, may leave Pagefind at work past the build."""
    script = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config({str(project / "mkdocs.yml")!r}, site_dir={str(project / "site")!r}, strict=True)
        config.plugins.on_startup(command="gh-deploy", dirty=False)
        build(config)  # no on_shutdown: what gh-deploy would deploy now
        facts = json.loads(Path({str(project / "site" / "pagefind" / "faq-search-fr.json")!r}).read_text())
        print(facts["records"], Path({str(project / "site" / "pagefind" / "pagefind-entry.json")!r}).is_file())
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    records, entry = result.stdout.split()
    assert int(records) > 0 and entry == "True"


def test_a_build_keeps_its_pages_from_the_cycle_collector_until_it_ends(project):
    """The FAQ and its pages live to the end of a build: the collector does not scan them again
    at each full collection (faqgen/plugin.py), and has them back once the build is over."""
    script = textwrap.dedent(f"""
        import gc
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config({str(project / "mkdocs.yml")!r}, site_dir={str(project / "site")!r}, strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        during = gc.get_freeze_count()
        config.plugins.on_shutdown()
        print(during, gc.get_freeze_count())
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    during, after = map(int, result.stdout.split())
    assert during > 0 and after == 0


def test_validation_on_two_cores_finds_and_converts_what_one_core_does():
    """The child checks the English texts: their problems, at their lines, and their conversions
    come back, so `site` (which validates on both cores) and `check` (on one) say the same."""
    from faqgen.loader import load_text
    from faqgen.problems import FaqError
    from faqgen.validate import validate

    text = (ROOT / "faq.yaml").read_text(encoding="utf-8")
    found = {}
    for parallel in (False, True):
        found[parallel] = validate(load_text(text, "faq.yaml"), parallel=parallel).texts.conversions(["fr", "en"])
    assert found[True] == found[False] and any(lang == "en" for _, lang in found[True])
    broken = text.replace("en: Outside the prototype regions,", "en: See [this](javascript:alert(1)). Outside the prototype regions,")
    broken = broken.replace("fr: À l’extérieur des régions", "fr: <b>À</b> l’extérieur des régions")
    errors = {}
    for parallel in (False, True):
        with pytest.raises(FaqError) as error:
            validate(load_text(broken, "faq.yaml"), parallel=parallel)
        errors[parallel] = [str(problem) for problem in error.value.problems]
    assert errors[True] == errors[False]
    lines = broken.splitlines()
    expected = [str(next(n for n, line in enumerate(lines, 1) if marker in line)) for marker in ("fr: <b>À</b>", "[this](javascript")]
    assert [line.split(":")[1] for line in errors[True] if ": error: " in line] == expected


def test_a_child_whose_parent_stopped_listening_never_runs_the_parent_s_code(tmp_path):
    """When `site` is killed, its children's answers have nowhere to go: each must end there,
    not unwind into the parent's code (which printed errors and removed the staging folder)."""
    parent = os.getpid()
    try:
        child = processes.Forked(lambda: time.sleep(0.3) or "an answer")
    finally:
        if os.getpid() != parent:  # only a child that came back from Forked(), answer or exception, runs this
            (tmp_path / "came back").write_text("")
            os._exit(0)
    os.close(child.reader)  # nobody reads its answer any more
    _, status = os.waitpid(child.pid, 0)
    child.done = True
    assert os.waitstatus_to_exitcode(status) == 1 and not (tmp_path / "came back").exists()
