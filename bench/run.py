"""The benchmark: how the build and the reader's downloads grow with the FAQ.

    make bench                       (or: .venv/bin/python -m bench.run [--sizes 1000 5000] [--shapes topics])

For each shape (few large audience pages, many small topic pages) and size (bilingual Q&As):
our own stage part by part against the floor of its pieces, the full `mkdocs build`, peak
memory, output size, what a reader's first page view downloads (gzip, everything fetched
before any interaction, in Chromium) and what one search query downloads, and the growth from
one size to the next. Then the real 24-question site: build time and `mkdocs serve`'s delay
from saving faq.yaml to the new page, and its Lighthouse scores on a phone (bench/lighthouse.py).
Results go to bench/RESULTS.md, with the machine.
Absolute times vary between machines; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench import lighthouse
from bench.harness import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    ROOT,
    SiteServer,
    fetch,
    free_port,
    make_project,
    wait_for,
    wait_in_page,
)
from bench.phases import VERIFY as VERIFY_PHASE
from bench.relevance import SETS as RELEVANCE_SETS
from bench.relevance import Score
from bench.relevance import measure as measure_relevance
from bench.synthetic import SHAPES, synthetic_faq

RESULTS = Path(__file__).parent / "RESULTS.md"
# A word and a phrase of both the real and the synthetic FAQ: a phrase reads records for each word.
QUERIES = {"fr": ["financement", "financement par client"], "en": ["funding", "funding per client"]}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}

TARGETS = {  # issue 6, on the 2-core machine of bench/RESULTS.md
    "stage_s_at_5000": 2.0,
    "build_s_at_5000": 15.0,
    "growth_per_doubling": 2.1,
    "peak_mb": 400,
    "real_build_s": 2.0,
    "serve_edit_s": 3.0,
    "first_view_kb": 100,
    "query_kb_at_5000": 300,
    "verify_share": 0.10,  # issue 14: verification, with the HTML5 parser of issue 10, ≤ 10 % of publishing
}
PUBLISHING = {  # issue 14: `build_faq.py site`, against the stock theme's build of the same Markdown
    "site_per_stock": 0.75,  # PDFs off, as the stock build makes none (the absolute 5 s was withdrawn: noise)
    "pdfs_per_rest_at_1000": 0.5,  # issue 34: what the PDFs add to `site`, ÷ `site` without them
    "site_growth_5000_10000": 2.05,
    "build_per_stock": 1.0,
    "serve_edit_s_at_5000": 3.0,
    "peak_mb_at_10000": 400,
    "page_per_stock": 1.0,
}


@dataclass
class Run:
    shape: str
    size: int
    stages: dict[str, float] = field(default_factory=dict)
    build_s: float = 0.0
    build_peak_mb: float = 0.0
    output_mb: float = 0.0
    files: int = 0
    first_view_kb: dict[str, float] = field(default_factory=dict)  # page → KB (gzip)
    query_kb: dict[str, float] = field(default_factory=dict)  # "fr", "en" (a word), "fr phrase", "en phrase" → KB
    verify_s: float = 0.0  # faqgen.verify on the built site: every page parsed once (HTML5) and held to the allowlist
    relevance: list[Score] = field(default_factory=list)  # tests/relevance.yaml's scores, per set and language
    takeaway_s: dict[str, float] = field(default_factory=dict)  # format → seconds, in this process
    site_s: float = 0.0  # `build_faq.py site`: check, build, search, verify, formats, swap (the median of SITE_RUNS)
    site_without_pdfs_s: float = 0.0  # the same with `pdf: false`, runs alternating with site_s's
    site_peak_mb: float = 0.0  # without the PDFs, as the stock build it is compared with
    site_with_pdfs_peak_mb: float = 0.0
    stock_s: float = 0.0  # stock mkdocs-material + mkdocs-static-i18n (the theme's lunr search), same Markdown
    page_kb: tuple[float, float] = (0.0, 0.0)  # the audience page, gzip: ours, the stock theme's
    serve_edit_s: dict[str, float] | None = None  # `mkdocs serve`: SERVE_EDITS shown (the audiences shape at 5,000 only)
    phases: dict[str, float] = field(default_factory=dict)  # where `site`'s time goes, within its process (bench/phases.py)

    @property
    def pdfs_per_rest(self) -> float:
        """What the PDFs add to `site`, as a share of `site` without them (issue 34)."""
        return self.site_s / self.site_without_pdfs_s - 1

    @property
    def verify_share_of_site(self) -> float:
        """Verification's share of `site`, both timed in the same run (bench/phases.py)."""
        return self.phases[VERIFY_PHASE] / self.phases["total"]


# --- measuring -----------------------------------------------------------------------------


def timed_process(command: list[str], cwd: Path, env: dict) -> tuple[float, float, str]:
    """Wall time, peak memory (MB, the largest of the process and its descendants), output."""
    with tempfile.NamedTemporaryFile(suffix=".json") as measured:
        process = subprocess.run([sys.executable, "-m", "bench.peak", measured.name, *command],
                                 cwd=cwd, env=env, capture_output=True, text=True)  # fmt: skip
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr}")
        result = json.loads(Path(measured.name).read_text(encoding="utf-8"))
    return result["seconds"], result["peak_mb"], process.stdout


def build(project: Path, site_url: str) -> tuple[float, float]:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")]
    seconds, peak_mb, _ = timed_process(command, project, {**ENV, "FAQ_SITE_URL": site_url})
    return seconds, peak_mb


def verification(project: Path) -> float:
    """Seconds `build_faq.py site` spends verifying this built site (it must pass)."""
    from faqgen import processes
    from faqgen.languages import project_root_language
    from faqgen.pipeline import check
    from faqgen.verify import verify_site

    faq = check(project / "faq.yaml").faq
    root = project_root_language(project)
    started = time.perf_counter()
    problems = verify_site(project / "site", faq, root, parallel=processes.can_fork())  # as `site` verifies
    seconds = time.perf_counter() - started
    if problems:
        raise SystemExit(f"the built site of {project.name} failed verification:\n" + "\n".join(problems[:20]))
    return seconds


def our_stage(project: Path, workdir: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "bench.stages", str(project / "faq.yaml"), str(workdir / "stage-content")]
    _, peak_mb, output = timed_process(command, ROOT, ENV)
    shutil.rmtree(workdir / "stage-content")
    return {**json.loads(output), "peak_mb": peak_mb}


def transferred_kb(site: Path, site_url: str, urls: list[str]) -> float:
    """What these responses weigh on the wire: text gzip-compressed as a server would,
    already-compressed files (Pagefind's) as they are."""
    total = 0
    for url in urls:
        path = site / urlsplit(url).path.removeprefix(urlsplit(site_url).path)
        path = path / "index.html" if path.is_dir() else path
        body = path.read_bytes()
        total += (
            len(body)
            if body[:2] == b"\x1f\x8b" or path.suffix in {".pagefind", ".pf_fragment", ".pf_index", ".pf_meta"}
            else len(gzip.compress(body, 6))
        )
    return total / 1024


def query_kb(browser, site: Path, site_url: str, path: str, text: str) -> float:
    """What typing `text` into search downloads on a first visit of the page (the engine included)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    seen: list[str] = []
    page.on("requestfinished", lambda request: seen.append(request.url))
    page.click("input.faq-search__input")
    page.locator("input.faq-search__input").press_sequentially(text)
    wait_in_page(page, "q => document.querySelector('.faq-search__results').dataset.query === q", text)
    page.wait_for_load_state("networkidle")
    context.close()
    return transferred_kb(site, site_url, seen)


def reader_downloads(site: Path, site_url: str, pages: dict[str, str]) -> tuple[dict[str, float], dict[str, float]]:
    """(first view KB per page, one search query's KB: "fr", "en" a word, "fr phrase", "en phrase"),
    measured in Chromium."""
    from playwright.sync_api import sync_playwright

    first_view, query = {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for label, path in pages.items():
            context = browser.new_context()  # an empty cache: a first visit
            page = context.new_page()
            seen: list[str] = []
            page.on("requestfinished", lambda request, seen=seen: seen.append(request.url))
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            first_view[label] = transferred_kb(site, site_url, seen)
            context.close()
        for lang, path in (("fr", ""), ("en", "en/")):
            for name, text in zip((lang, f"{lang} phrase"), QUERIES[lang], strict=True):
                query[name] = query_kb(browser, site, site_url, path, text)
        browser.close()
    return first_view, query


def measure(shape: str, size: int, workdir: Path) -> Run:
    # Measured as the stock build it is compared with, which makes no PDF; `publish` measures
    # `site` with them too, and `takeaway_cost` the PDFs alone.
    project = make_project(workdir / f"{shape}-{size}", synthetic_faq(size, SHAPES[shape]), pdf=False)
    run = Run(shape, size, our_stage(project, workdir))
    run.takeaway_s = takeaway_cost(project)
    site = project / "site"
    server = SiteServer(site)
    try:
        run.build_s, run.build_peak_mb = build(project, server.url)
        run.verify_s = verification(project)
        files = [path for path in site.rglob("*") if path.is_file()]
        run.files, run.output_mb = len(files), sum(path.stat().st_size for path in files) / 2**20
        audience = "topic-50/" if shape == "topics" else "service-providers/"
        pages = {"": "", audience: audience, "en/": "en/"}  # home, an audience page, the English home
        run.first_view_kb, run.query_kb = reader_downloads(site, server.url, pages)
        run.relevance = search_relevance(project, server.url)
        run.site_s, run.site_without_pdfs_s, run.site_peak_mb, run.site_with_pdfs_peak_mb = publish(project, server.url)
        run.phases = site_phases(project)
        run.stock_s = stock_build(project)
        run.page_kb = tuple(len(gzip.compress((tree / audience / "index.html").read_bytes(), 6)) / 1024
                            for tree in (site, project / "stock-site"))  # fmt: skip
        if shape == "audiences" and size == 5000:
            run.serve_edit_s = serve_edit_delays(project)
    finally:
        server.close()
    shutil.rmtree(project)
    return run


SITE_RUNS = 3  # `site` is timed against a fixed target: one run's noise (±0.2 s at 5,000) would decide it


def publish(project: Path, site_url: str) -> tuple[float, float, float, float]:
    """`build_faq.py site`, what CI runs to publish, on `project` (`pdf: false`) and on a copy
    with the PDFs, alternating: the median seconds of SITE_RUNS each, with the PDFs and without,
    then the peak memory (the largest) without them and with them."""
    with_pdfs = make_project(project.parent / f"{project.name}-with-pdfs", (project / "faq.yaml").read_text(encoding="utf-8"))
    env = {**ENV, "FAQ_SITE_URL": site_url}
    measured: dict[Path, list[tuple[float, float, str]]] = {with_pdfs: [], project: []}
    for _ in range(SITE_RUNS):
        for folder in measured:
            command = [sys.executable, str(ROOT / "build_faq.py"), "site", str(folder / "faq.yaml"), "--output", str(folder / "published")]
            measured[folder].append(timed_process(command, folder, env))
    shutil.rmtree(with_pdfs)
    seconds, peaks = ([statistics.median(run[0] for run in runs) for runs in measured.values()],
                      [max(run[1] for run in runs) for runs in measured.values()])  # fmt: skip
    return seconds[0], seconds[1], peaks[1], peaks[0]


STOCK = """# The stock stack on the same Markdown (content/ as faqgen wrote it): the baseline of issue 14.
site_name: Stock
docs_dir: content
theme: {name: material, language: fr, font: false}
markdown_extensions: [attr_list, toc]
plugins:
  - search
  - i18n:
      docs_structure: suffix
      fallback_to_default: false
      reconfigure_material: true
      languages:
        - {locale: fr, name: Français, default: true, build: true}
        - {locale: en, name: English, build: true}
"""


def stock_build(project: Path) -> float:
    """Seconds of mkdocs-material and mkdocs-static-i18n alone (no faqgen) building content/."""
    (project / "mkdocs-stock.yml").write_text(STOCK, encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", "mkdocs-stock.yml",
               "--site-dir", str(project / "stock-site")]  # fmt: skip
    seconds, _, _ = timed_process(command, project, ENV)
    return seconds


def site_phases(project: Path) -> dict[str, float]:
    """Each phase's median over SITE_RUNS runs (bench/phases.py), and the total's."""
    command = [sys.executable, "-m", "bench.phases", str(project), str(project / "phases-site")]
    runs = [json.loads(timed_process(command, ROOT, ENV)[2]) for _ in range(SITE_RUNS)]
    return {phase: statistics.median(run[phase] for run in runs) for phase in runs[0]}


def takeaway_cost(project: Path) -> dict[str, float]:
    """Seconds each take-away format takes in this process (faqgen/takeaway.py): open data, the
    calendars and both PDFs."""
    from faqgen.addresses import Addresses
    from faqgen.ical import timeline_calendar
    from faqgen.opendata import data_package, data_schema, open_data, write_json
    from faqgen.pdf import document_pdf
    from faqgen.pipeline import check

    checked = check(project / "faq.yaml")  # as in a build, whose converted texts the formats reuse
    faq, texts = checked.faq, checked.texts
    addresses = Addresses("https://faq.example/", {"fr": "", "en": "en/"}, "fr")
    costs = {}
    start = time.perf_counter()
    write_json(open_data(faq, addresses, texts)), write_json(data_schema()), write_json(data_package(faq, addresses))
    costs["open data"] = time.perf_counter() - start
    start = time.perf_counter()
    for lang in ("fr", "en"):
        timeline_calendar(faq, lang, "faq.example")
    costs["calendars"] = time.perf_counter() - start
    start = time.perf_counter()
    for lang in ("fr", "en"):
        document_pdf(faq, lang, faq.document.last_updated, None, texts)
    costs["PDFs"] = time.perf_counter() - start
    return costs


def search_relevance(project: Path, site_url: str) -> list[Score]:
    """tests/relevance.yaml on this site: the real FAQ's questions among all the others."""
    from playwright.sync_api import sync_playwright

    from faqgen.languages import folders, project_root_language
    from faqgen.pipeline import check
    from faqgen.site_plan import page_path

    faq, dirs = check(project / "faq.yaml").faq, folders(project_root_language(project))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        homes = {lang: site_url + folder for lang, folder in dirs.items()}
        scores = [score for kind in RELEVANCE_SETS for score in
                  measure_relevance(browser, homes, faq, lambda lang, name: page_path(dirs, lang, name), kind).values()]  # fmt: skip
        browser.close()
    return scores


def real_site(workdir: Path) -> dict[str, float]:
    """The 24-question site: our stage, a full build, and serve's delay from save to page."""
    project = make_project(workdir / "real", (ROOT / "faq.yaml").read_text(encoding="utf-8"))
    stage = our_stage(project, workdir)
    build_s, peak = build(project, "https://faq.example/")
    costs = takeaway_cost(project)
    return {"stage_s": stage["stage"], "build_s": build_s, "peak_mb": peak, "serve_edit_s": serve_edit_delays(project),
            "open_data_s": costs["open data"], "calendars_s": costs["calendars"], "pdfs_s": costs["PDFs"]}  # fmt: skip


SERVE_EDITS = {  # what an editor changes in faq.yaml (the real FAQ's words, kept in the synthetic ones) → as edited
    "answer": ("will set up in their prototype region right away", "will set up in their region at once (benchmark edit)"),
    "menu title": ("en: Service providers", "en: Benchmark edit"),
}


def serve_edit_delays(project: Path) -> dict[str, float]:
    """Seconds from saving an edit of faq.yaml to `mkdocs serve` serving the changed page: one
    answer (issue 14's target: its page is made again, in each language), then the menu title
    of a page (every page shows it, in its menu: they are all made again)."""
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    page = f"http://127.0.0.1:{port}/en/service-providers/"
    delays, faq = {}, project / "faq.yaml"
    original = faq.read_text(encoding="utf-8")  # put back afterwards: an answer's edit leaves its translation stale
    try:
        if not wait_for(lambda: "Service providers" in fetch(page), 120):
            raise SystemExit("mkdocs serve did not start within 120 s")
        for edit, (before, after) in SERVE_EDITS.items():
            time.sleep(5)  # the build before has settled: its own file events, then search and downloads
            start = time.perf_counter()
            faq.write_text(faq.read_text(encoding="utf-8").replace(before, after, 1), encoding="utf-8")
            if not wait_for(lambda after=after: after.removeprefix("en: ") in fetch(page), 60):
                raise SystemExit(f"mkdocs serve did not show the edit of {edit} within 60 s")
            delays[edit] = time.perf_counter() - start
        return delays
    finally:
        serve.terminate()
        serve.wait(timeout=30)
        faq.write_text(original, encoding="utf-8")


# --- reporting -----------------------------------------------------------------------------


def per_doubling(small: float, large: float, size_ratio: float) -> float:
    """The factor that each doubling of the content multiplies a cost by."""
    return (large / small) ** (1 / math.log2(size_ratio))


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    memory = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    versions = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in
                         ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "Jinja2", "PyYAML", "pydantic", "pagefind"))  # fmt: skip
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {int(memory) / 2**20:.0f} GiB, {platform.platform()}",
        f"- Python {platform.python_version()}; {versions}; Chromium at {CHROMIUM}",
    ]


def report(runs: list[Run], real: dict[str, float], audits: list[lighthouse.Audit]) -> str:
    lines = ["# Benchmark results", "", f"`make bench`, {time.strftime('%Y-%m-%d')}.", "", *machine(), ""]
    lines += ["## Real FAQ (24 questions)", "",
              f"- Our stage {real['stage_s']:.2f} s; full site build {real['build_s']:.2f} s "
              f"(target ≤ {TARGETS['real_build_s']} s); peak memory {real['peak_mb']:.0f} MB",
              f"- `mkdocs serve`: a saved edit of an answer served {real['serve_edit_s']['answer']:.2f} s later "
              f"(target < {TARGETS['serve_edit_s']} s); of a page's menu title, {real['serve_edit_s']['menu title']:.2f} s", ""]  # fmt: skip
    lines += ["## Our stage (seconds) against the floor of its pieces", "",
              "| shape | Q&As | load | validate | render | write | stage | peak memory (MB) | libyaml load alone | Jinja alone | load ÷ floor | render ÷ floor |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for run in runs:
        s = run.stages
        lines.append(f"| {run.shape} | {run.size:,} | {s['load']:.2f} | {s['validate']:.2f} | {s['render']:.2f} | "
                     f"{s['write']:.2f} | **{s['stage']:.2f}** | {s['peak_mb']:.0f} | {s['floor_load']:.2f} | {s['floor_render']:.2f} | "
                     f"{s['load'] / s['floor_load']:.1f}× | {s['render'] / s['floor_render']:.1f}× |")  # fmt: skip
    lines += ["", "## Site build and what readers download", "",
              "| shape | Q&As | full build (s) | verification (s, ÷ build) | peak memory (MB) | output (MB, files) | first view, home / audience / English home (KB gzip) | one query, a word fr / en, three words fr / en (KB) |",
              "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"]  # fmt: skip
    for run in runs:
        views = " / ".join(f"{kb:.0f}" for kb in run.first_view_kb.values())
        queries = " / ".join(f"{run.query_kb[name]:.0f}" for name in ("fr", "en", "fr phrase", "en phrase"))
        lines.append(f"| {run.shape} | {run.size:,} | **{run.build_s:.1f}** | {run.verify_s:.2f} ({run.verify_s / run.build_s:.0%}) | "
                     f"{run.build_peak_mb:.0f} | {run.output_mb:.1f} ({run.files:,}) | {views} | {queries} |")  # fmt: skip
    lines += publishing_section(runs)
    lines += ["", "## Search relevance (tests/relevance.yaml: the real FAQ's questions among the others)", "",
              "| shape | Q&As | set | French: first / top 3 | English: first / top 3 |",
              "| --- | ---: | --- | --- | --- |"]  # fmt: skip
    for run in runs:
        for kind in RELEVANCE_SETS:
            shares = [f"{score.first_share:.0%} / {score.top3_share:.0%}" for score in run.relevance if score.kind == kind]
            lines.append(f"| {run.shape} | {run.size:,} | {kind} | " + " | ".join(shares) + " |")
    lines += ["", "## Growth: the factor per doubling of the content (target ≤ 2.1×)", "",
              "| shape | from → to | our stage | full build | output size | peak memory | query bytes |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for small, large in zip(runs, runs[1:], strict=False):
        if small.shape != large.shape:
            continue
        ratio = large.size / small.size
        factors = [per_doubling(a, b, ratio) for a, b in [
            (small.stages["stage"], large.stages["stage"]), (small.build_s, large.build_s),
            (small.output_mb, large.output_mb), (small.build_peak_mb, large.build_peak_mb),
            (sum(small.query_kb.values()), sum(large.query_kb.values()))]]  # fmt: skip
        lines.append(
            f"| {small.shape} | {small.size:,} → {large.size:,} | " + " | ".join(f"{f:.2f}×" for f in factors) + " |"
        )
    lines += ["", "## Take-away formats (seconds added to a build)", "",
              f"- Real FAQ: both PDFs {real['pdfs_s']:.2f} s, open data {real['open_data_s']:.2f} s, "
              f"calendars {real['calendars_s']:.3f} s (all included in its build time above)",
              "- Synthetic FAQs: each format alone in one process; then what the PDFs add to `build_faq.py site` "
              "(where they are made in a child process while MkDocs builds the pages), against the same site with "
              "`pdf: false`, runs alternating (issue 34: at most half at 1,000):", "",
              "| shape | Q&As | open data | calendars | both PDFs | `site` with PDFs / without (s) | PDFs add | peak memory of `site` with PDFs / without (MB) |",
              "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |"]  # fmt: skip
    lines += [f"| {run.shape} | {run.size:,} | {run.takeaway_s['open data']:.2f} | {run.takeaway_s['calendars']:.3f} | "
              f"{run.takeaway_s['PDFs']:.2f} | {run.site_s:.1f} / {run.site_without_pdfs_s:.1f} | {run.pdfs_per_rest:.0%} | "
              f"{run.site_with_pdfs_peak_mb:.0f} / {run.site_peak_mb:.0f} |"
              for run in runs]  # fmt: skip
    lines += ["", *lighthouse.section(audits)]
    name, ok = lighthouse.verdict(audits)
    lines += ["", "## Targets", "", *verdicts(runs, real), f"- {'met' if ok else '**not met**'}: {name}", "",
              "## Targets of publishing (issue 14)", "", *publishing_verdicts(runs), "", NOTES, ""]  # fmt: skip
    return "\n".join(lines)


NOTES = """## Before and after issue 14 (5,000 questions, this machine)

"Before" is commit f87a7ef, measured on 2026-12-03 (`build_faq.py site`) or taken from the
previous bench/RESULTS.md (the rest); "after" is the tables above.

| | before | after |
| --- | ---: | ---: |
| `build_faq.py site`, 6 audience pages | 19.4 s | see "Publishing" |
| `build_faq.py site`, 100 topic pages | 20.4 s | see "Publishing" |
| `mkdocs build`, audiences / topics | 15.1 s / 15.1 s | see "Site build" |
| our stage (load, validate, render, write) | 4.54 s | see "Our stage" |
| `mkdocs serve`, an edit shown | 10.5 s (issue 14), 7.5 s after the first two steps below | see "Publishing" |
| the 24-question site's build | 2.36 s | see "Real FAQ" |

What changed, each step measured on `site` at 5,000 questions (audiences) and the three comparison
sites (real FAQ, 1,000 questions in each shape) compared byte for byte before and after:
faqgen converts the pages it generated (no second Markdown pass, no html.parser) and abbreviations
are looked for only where they are — 19.6 → 10.6 s; MkDocs builds in `site`'s process from the FAQ
it validated, Pagefind indexes while the formats are written, each rich text typeset and converted
once, templates compiled once — 7.6 s; the formats in a forked child — 7.15 s; each language
rendered and converted in a process of its own — 7.45 s (7.64 s without, measured side by side
then); the fast path for lists and reference links — 6.37 s; records and formats made while MkDocs
builds the pages, Pagefind started at once — about 6.0 s. Profiled first (cProfile, 5,000
questions, before): Python-Markdown on the generated pages 11.9 of 27.5 profiled seconds (html.parser
5.3), our generation 7.7 (abbreviations 2.5), open data 2.5, search 2.7.

Then, each step measured the same way (`site` at 5,000 questions, audiences / topics; runs vary by
±0.2 s): verification in one traversal per page that gathers ids, links and addresses as it holds
each zone to its allowlist (no CSS query left: read_page 0.55 → 0.51 s on the topics site); one
table of contents on audience pages ("On this page"; the theme's sidebar and menu no longer carry a
hidden copy: theme 0.94 → 0.3–0.45 s, verification 1.08 → 0.6 s, the 830-question page 485 → 414 KB
gzip); the theme's templates compiled once per process, not once per language (73 → 45 compiles);
the search records' elisions found from each apostrophe (records 1.19 → 0.49 s) — 6.2–6.35 / 7.15 s;
French typography tried only where a text holds what a rule replaces, and each translation
fingerprint computed once — 5.7–5.9 / 6.55–6.8 s; the plugin's Markdown handler before the i18n
plugin's, which no longer reads the generated pages' lines — `mkdocs serve` shows an edit at 5,000
questions in 2.86–2.92 s (3.2–3.6 s before these steps). Then validation on both cores (a child
checks the second language's texts) — 5.3–5.5 s on a quiet machine (runs on this shared machine
vary by up to 15 %: compare `site` with the stock build of the same run). For memory at 10,000
questions, the largest process 590 → 373 MB: a child's answer unpickled as it arrives, the open
data's JSON encoded piece by piece (200 → 75 MB), freed memory given back to the system before
each fork and before verification, the formats' child started right after validation, a generated
page's HTML let go once written, the section texts once the records are made, a converted page's
Markdown remembered by length and hash, the open data read for its addresses only and before the
pages.

Then (2026-12-04, another machine: an AMD EPYC, slower and noisier; side by side with the commit
before, runs interleaved, medians): search needs no built page — each language rendered and
converted in a child of its own, which writes its search records (the home page, timeline and
glossary from their converted HTML and frame), Pagefind started as soon as
they are, while MkDocs builds the pages, its bundle moved in at the end; validation's child also
checks the translations, and the rules run before waiting for it — 5.89 → 5.62 s (audiences);
the home page, timeline and glossary indexed as their article will show it (their frame too: the
search results are the same as before, the relevance set's misses identical at 10,000 questions);
the records written in memory (/dev/shm: creating a file on this machine's busy disk took up to
1 ms) — topics 8.8 → 7.7 s in runs side by side; open data parses its rich texts a thousand at a
time (0.62 → 0.37 s, the same bytes); a child's answer pickled as it goes through the pipe (the
largest child at 10,000 questions 420 → 348 MB); verification reads half of the pages in a child
(0.65 → 0.47 s on the topics site); a child's answer in parts, so that Pagefind starts as soon as
the records are written, while the pages come back (0.15–0.2 s sooner); the take-away formats'
child niced (10), since nothing needs them before the pages are built (Pagefind 0.2–0.4 s sooner).
All together, side by side with the session's first commit: audiences 6.6 → 5.6 s, topics 7.2 →
6.3 s (medians of 4 interleaved runs; this machine's own runs vary by ±10 %).

Then (2026-12-05, an Intel Xeon, 2 cores): audience pages are schema.org FAQPages in microdata,
each answer's text once, where readers see it, instead of a JSON-LD copy of every answer in the
head (gzip's 32 KB window could not share the two) — the 830-question page 408 → 246 KB gzip
against the stock theme's 316; the command line freezes its objects before the process ends,
so Python's last cycle collection skips them (0.49 → 0.28 s between `site`'s return and the
end of the process at 5,000 topics); the answer's markup written in the audience template, not
included per question (an include copies the template's whole context: one language's pages
1.98 → 1.83 s profiled); open data's JSON written a few thousand pieces at a time (0.72 →
0.67 s, the same bytes). Measured and not kept, no faster in interleaved runs: the theme's
templates compiled by a child while faq.yaml loads (5.85 vs 5.97 s at 5,000 topics), and the
English pages built by a child while this process builds the French ones (mkdocs-static-i18n's
nested build moved to a fork: 5.85 vs 5.97 s) — sampling every process's CPU every 25 ms shows
why: from validation to the end both cores are busy (9.8–10.2 CPU-s in a 5.8 s run: `site`'s
process 3.5, the two languages' children 2.5, Pagefind 2.5, the formats 0.9, validation's child
0.5, verification's 0.3), so only less work can make `site` faster now, not more parallel work.

Then (2026-12-05, later, the same machine): `mkdocs serve` renders again only the audience pages
an edit changed (faqgen.render.RenderedPages: a page is kept while its audience, and what it shows
of the rest, are the same; a test compares every kept page with a fresh run's after five kinds of
edit) — an answer's edit at 5,000 questions shown 2.7 → 2.0 s (two serve sessions each, side by
side), a menu title's, which every page shows and so makes them all again, 2.6–2.9 s either way;
the benchmark now measures both, the answer's against issue 14's target. Verification runs with
the cycle collector paused (what it reads forms no cycles) and forked children freeze what they
inherit, so neither walks the parent's objects again: verification of the 5,000-topic site in a
fresh process 0.57 → 0.49 s; inside `site`, where it shares the cores with Pagefind, 0.50 → 0.49 s
(bench/phases.py, three runs each); in this benchmark's own large process 0.71 → 0.67 s, the
12–13 % of the tables. Measured and not kept: the allowlist's verdict remembered per element
(zone, tag and attributes: 10 % faster on a second read of the same site, no faster on the first,
the one `site` does), the open data read while the child reads its half of the pages (no faster:
the child's half was the longer), and `gc.freeze()` after validation in `site` (within noise).
The search copy (in /dev/shm, memory) and Pagefind's bundle of a killed run are now removed by the
next run: 46 copies had piled up in this machine's memory.

Then (2026-12-05, a third session, the same machine): the templates, the theme's included, are
compiled once per machine, not once per run (faqgen/compiled.py: Jinja's bytecode kept in the
user's cache folder, under keys that hold what compiled code depends on; a run with an empty cache
takes 0.05–0.17 s longer) and an audience page's table of contents is no longer built to be
dropped — topics 5.86 → 5.70 s (medians of 5 interleaved runs, the site byte-identical);
verification takes no further step for an element allowed with all its attributes or one without
an address, and hands lexbor each page's bytes (it decodes the UTF-8 itself) — verification alone
0.67 → 0.60 s at 5,000 topics, no faster within `site`, where it shares the cores with Pagefind.
The benchmark now times `site` as the median of three runs, and verification's share of it within
`site`'s own runs (bench/phases.py, medians of three), no longer alone in the benchmark's large
process. Where the time goes (topics, CPU of each process sampled every 20 ms): `site`'s process
3.3 CPU-s, the languages' children 1.35 and 0.97, Pagefind 2.2, the formats 0.7, validation's
child 0.5, verification's 0.3 — 9.3 CPU-s in a 5.6 s run; Pagefind alone on the same records
takes 2.4 CPU-s whatever its threads (1.55 s on both cores, 2.2 s on one), linear in the text
(0.95 s for the French half); a language's pages cost 0.97 CPU-s in a forked child against 0.84 in
this process (25,700 pages of memory copied on write) and 0.04–0.07 s more to send back; the
theme's menu, 103 entries on each of 206 pages, is 0.7 of its 1.0 s. Measured and not kept: the
first language rendered in `site`'s own process while a child renders the second (5.48 vs 5.68 s,
then 5.55 vs 5.57 s: within noise), and verification's pages shared 60/40 so that this process
reads the open data meanwhile (0.46 vs 0.435 s within `site`: no faster).

Then (2026-12-05, a fourth session, the same machine, its runs about 10 % slower than the session
before for the same code): the pages are shared out between the two children by how much text each
shows, no longer by language (French took 40 % more work than English in a child of its own: 1.36
and 0.95 CPU-s at 5,000 topics; now 1.2 and 1.2); a child's pages are read as soon as it has sent
them, whichever child it is, so one child's pages are unpickled while the other works; the pages
come back without the section texts their search records were made from (a fifth of their bytes:
pickling a language's pages 0.12 → 0.06 s); each child writes its records beside the folder
Pagefind reads, and they are put in place in one order (Pagefind numbers pages in the order their
files were made: two children writing into one folder made two builds' indexes differ, which the
ProperDocs byte-for-byte test caught); and a one-shot build's FAQ and pages are set aside from the
cycle collector (gc.freeze) from generation to the shutdown event (the parent's collections 0.14 →
0.055 s). Side by side with the session's start (interleaved, medians of 6): audiences 5.52 → 5.33
s, topics 5.89 → 5.92 s (no change: in the children's phase both cores were already busy, the
formats' child filling the English child's early end); within bench/phases.py (3–4 runs each)
audiences 4.89 → 4.74 s and topics 5.42 → 5.27 s. Verification now overlaps Pagefind's last half
second entirely (the wait for Pagefind after it fell from 0.18 to 0.02 s), so its share of `site`
did not fall. Measured and not kept: records of the audience pages made from the validated texts
so that Pagefind starts a second earlier (it would make every answer's text twice, and with both
cores busy no sooner done), the open data's JSON written compactly by the C encoder (0.19 against
0.22 s: the strings' escaping dominates, and the indented file diffs by line), `urlsplit` and link
targets cached in verification (no faster). What is left is not ours to cut: Pagefind's 2.4
CPU-s, the theme's menu (0.7 s at 100 topic pages), and MkDocs walking the theme's 14,509
template files once per language for its static files (0.1 s each).

## Reading these numbers

- "First view" is everything Chromium fetches for one page before any interaction, with an empty
  cache (HTML, theme CSS and JavaScript, our assets, the sitemaps the theme looks up), each file
  gzip-compressed as a server would. No search file is among them: search loads when used.
- A large audience page is as heavy as its text: with 6 pages, each holds ~800 questions at
  5,000 (~500 KB gzip) and ~1,700 at 10,000. The topics shape (100 pages) keeps every page under
  ~125 KB; at that size, an FAQ should be organised in more, smaller pages.
- "One query" is what typing it downloads after the page has loaded: the search engine (its
  script, worker and WebAssembly: ~160 KB, once per visit), the spelling list and equivalents of
  the language, the index chunks for its words and the records read to rank the questions
  (records of 20 questions, a few KB each): up to 10 for each rarer word and 10 for all words
  together, so a phrase costs more than a word.
- "Search relevance" is tests/relevance.yaml (the real FAQ's queries) run in Chromium on the
  synthetic FAQs: the 24 real questions among questions made of the same domain words, often in
  their headings — harder than a real FAQ of that size, where questions differ in their words.
- Peak memory is that of the largest process (Python, or Pagefind's indexer during the build).
- "Verification" is what `build_faq.py site` checks before publishing: every HTML file parsed
  once by lexbor (selectolax), an HTML5 parser, and all of it held to the allowlist, plus pages,
  anchors, links and addresses. Before (BeautifulSoup on html.parser, three parses a page, the
  content only) it took 10.8 s of a 14.1 s verification at 5,000 questions (issue 14)."""


def publishing_section(runs: list[Run]) -> list[str]:
    """`build_faq.py site` beside the stock stack's build of the same Markdown, and where its time goes."""
    lines = ["", "## Publishing: `build_faq.py site` against the stock theme (issue 14)", "",
             "| shape | Q&As | `site` without PDFs (s) | stock Material + i18n build (s) | `site` ÷ stock | `mkdocs build` ÷ stock | "
             "verification ÷ `site` (timed within it) | peak memory of `site` without PDFs (MB) | audience page, ours / stock (KB gzip) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]  # fmt: skip
    for run in runs:
        lines.append(f"| {run.shape} | {run.size:,} | **{run.site_without_pdfs_s:.1f}** | {run.stock_s:.1f} | {run.site_without_pdfs_s / run.stock_s:.2f}× | "
                     f"{run.build_s / run.stock_s:.2f}× | {run.verify_share_of_site:.0%} | {run.site_peak_mb:.0f} | "
                     f"{run.page_kb[0]:.0f} / {run.page_kb[1]:.0f} |")  # fmt: skip
    for run in runs:
        if run.serve_edit_s is not None:
            lines += ["", f"`mkdocs serve` at {run.size:,} questions ({run.shape}): an edit of one answer served "
                          f"{run.serve_edit_s['answer']:.1f} s after it was saved (the target); of a page's menu title, "
                          f"which every page shows, {run.serve_edit_s['menu title']:.1f} s."]  # fmt: skip
        if run.size == 5000:
            total = run.phases["total"]
            lines += ["", f"Where `site`'s {total:.2f} s go at {run.size:,} questions ({run.shape}, without PDFs; bench/phases.py, "
                          "each phase timed from outside, no profiler; medians of three runs):", "", "| phase | seconds | share |", "| --- | ---: | ---: |"]  # fmt: skip
            timed = {phase: seconds for phase, seconds in run.phases.items() if phase != "total"}
            lines += [f"| {phase} | {seconds:.2f} | {seconds / total:.0%} |" for phase, seconds in timed.items()]
            lines.append(f"| MkDocs' own work, the swap and the rest | {total - sum(timed.values()):.2f} | "
                         f"{(total - sum(timed.values())) / total:.0%} |")  # fmt: skip
    return lines


def publishing_verdicts(runs: list[Run]) -> list[str]:
    at = {(run.shape, run.size): run for run in runs}
    t = PUBLISHING
    five = [run for run in runs if run.size == 5000]
    ten = [run for run in runs if run.size == 10000]
    thousand = [run for run in runs if run.size == 1000]
    grown = [run for run in ten if (run.shape, 5000) in at]
    checks = [
        (f"`site` ≤ {t['site_per_stock']}× the stock build at 5,000 (PDFs off, as the stock build makes none)",
         all(run.site_without_pdfs_s <= t["site_per_stock"] * run.stock_s for run in five)),
        (f"the PDFs add ≤ {t['pdfs_per_rest_at_1000']:.0%} of the rest of `site` at 1,000",
         all(run.pdfs_per_rest <= t["pdfs_per_rest_at_1000"] for run in thousand), thousand),
        (f"`site` at 10,000 ≤ {t['site_growth_5000_10000']}× its time at 5,000",
         all(run.site_s <= t["site_growth_5000_10000"] * at[run.shape, 5000].site_s for run in grown), grown),
        ("verification ≤ 10 % of `site` at 5,000", all(run.verify_share_of_site <= TARGETS["verify_share"] for run in five)),
        ("`mkdocs build` ≤ the stock build at 5,000", all(run.build_s <= t["build_per_stock"] * run.stock_s for run in five)),
        (f"`mkdocs serve` shows an edit of an answer ≤ {t['serve_edit_s_at_5000']:.0f} s at 5,000",
         all(run.serve_edit_s["answer"] <= t["serve_edit_s_at_5000"] for run in five if run.serve_edit_s is not None)),
        (f"peak memory ≤ {t['peak_mb_at_10000']} MB at 10,000 (`site`, `mkdocs build`)",
         all(max(run.site_peak_mb, run.build_peak_mb) <= t["peak_mb_at_10000"] for run in ten), ten),
        ("the audience page no heavier than the stock theme's (gzip) at 5,000",
         all(run.page_kb[0] <= t["page_per_stock"] * run.page_kb[1] for run in five)),
    ]  # fmt: skip
    return [_verdict(name, ok, *measured or [five]) for name, ok, *measured in checks]


def _verdict(name: str, ok: bool, measured_on: list) -> str:
    """A target's line: met or not, or not measured when no run was of its size (`all` of nothing is true)."""
    if not measured_on:
        return f"- not measured: {name}"
    return f"- {'met' if ok else '**not met**'}: {name}"


def verdicts(runs: list[Run], real: dict[str, float]) -> list[str]:
    at_5000 = [run for run in runs if run.size == 5000]
    checks = [
        ("our stage ≤ 2 s at 5,000", all(run.stages["stage"] <= TARGETS["stage_s_at_5000"] for run in at_5000)),
        ("full build ≤ 15 s at 5,000", all(run.build_s <= TARGETS["build_s_at_5000"] for run in at_5000)),
        ("peak memory ≤ 400 MB at 5,000 (our stage, full build)",
         all(max(run.stages["peak_mb"], run.build_peak_mb) <= TARGETS["peak_mb"] for run in at_5000)),
        ("first view of a home page ≤ 100 KB gzip", all(run.first_view_kb[home] <= TARGETS["first_view_kb"]
                                                       for run in runs for home in ("", "en/"))),
        ("one query ≤ 300 KB at 5,000", all(kb <= TARGETS["query_kb_at_5000"] for run in at_5000 for kb in run.query_kb.values())),
        ("verification ≤ 10 % of the build at 5,000", all(run.verify_s <= TARGETS["verify_share"] * run.build_s for run in at_5000)),
        ("24-question site ≤ 2 s", real["build_s"] <= TARGETS["real_build_s"]),
        ("serve shows an edit of an answer < 3 s", real["serve_edit_s"]["answer"] < TARGETS["serve_edit_s"]),
    ]  # fmt: skip
    pairs = [(a, b) for a, b in zip(runs, runs[1:], strict=False) if a.shape == b.shape]
    growth = ("≤ 2.1× per doubling (stage and build)", all(
        per_doubling(a.stages["stage"], b.stages["stage"], b.size / a.size) <= TARGETS["growth_per_doubling"]
        and per_doubling(a.build_s, b.build_s, b.size / a.size) <= TARGETS["growth_per_doubling"] for a, b in pairs))  # fmt: skip
    sized = {"24-question site ≤ 2 s", "serve shows an edit of an answer < 3 s", "first view of a home page ≤ 100 KB gzip"}
    return [*(_verdict(name, ok, runs if name in sized else at_5000) for name, ok in checks), _verdict(*growth, pairs)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=["audiences", "topics"])
    parser.add_argument("--output", type=Path, default=RESULTS)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="faq-bench-") as workdir:
        runs = []
        for shape in arguments.shapes:
            for size in sorted(arguments.sizes):
                runs.append(measure(shape, size, Path(workdir)))
                print(
                    f"{shape} {size}: stage {runs[-1].stages['stage']:.2f} s, build {runs[-1].build_s:.1f} s",
                    flush=True,
                )
        real = real_site(Path(workdir))
    text = report(runs, real, lighthouse.audit_real_faq())
    arguments.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
