"""Where `build_faq.py site`'s time goes, phase by phase, without a profiler's overhead.

python -m bench.phases PROJECT OUTPUT   → one JSON object on stdout: phase → seconds, and "total"

Each phase is a function of faqgen or MkDocs, timed from outside (wrapped for this run only);
what is left of the total is MkDocs' own work (configuration, files, navigation). Phases can
nest (the wait for the pages' children is inside generation): the shares are of the total.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import mkdocs.commands.build

from faqgen import outputs, plugin, processes, publish, search

VERIFY = "verify the built site (while Pagefind runs)"
PHASES = [  # (module or class, function, phase): what this process does; the second core's work shows as waits
    (publish, "check", "load and validate faq.yaml"),
    (plugin, "generate", "render, convert and write the pages (in two children)"),
    (mkdocs.commands.build, "_build_page", "theme: render and write each page"),
    (outputs.Outputs, "start_formats", "start the formats child"),
    (processes.Forked, "wait", "wait for children (validation's second language, the pages, the formats)"),
    (search.SearchIndex, "start", "start Pagefind"),
    (publish, "verify_site", VERIFY),
    (search.SearchIndex, "finish", "search: wait for Pagefind"),
]


def measure(project: Path, output: Path) -> dict[str, float]:
    times: dict[str, float] = {}

    def timed(function, phase):
        def run(*arguments, **options):
            start = time.perf_counter()
            try:
                return function(*arguments, **options)
            finally:
                times[phase] = times.get(phase, 0.0) + time.perf_counter() - start

        return run

    for owner, name, phase in PHASES:
        setattr(owner, name, timed(getattr(owner, name), phase))
    start = time.perf_counter()
    publish.build_site(project, output)
    times["total"] = time.perf_counter() - start
    return times


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), Path(sys.argv[2]))))
