"""Where `build_faq.py site`'s time goes, phase by phase, without a profiler's overhead.

python -m bench.phases PROJECT OUTPUT   → one JSON object on stdout: phase → seconds, and "total"

Each phase is a function of faqgen or MkDocs, timed from outside (wrapped for this run only);
what is left of the total is MkDocs' own work (configuration, files, navigation).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import mkdocs.commands.build

from faqgen import plugin, publish, search

PHASES = [  # (module or class, function, phase)
    (publish, "check", "load and validate faq.yaml"),
    (plugin, "generate", "render and write content/"),
    (plugin, "page_html", "convert the generated pages"),
    (mkdocs.commands.build, "_build_page", "theme: render and write each page"),
    (search.SearchIndex, "start", "search: the copy Pagefind indexes"),
    (plugin, "write_takeaways", "take-away formats (while Pagefind runs)"),
    (search.SearchIndex, "finish", "search: wait for Pagefind"),
    (publish, "verify_site", "verify the built site"),
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
