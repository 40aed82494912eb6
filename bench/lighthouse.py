"""Lighthouse on the real FAQ, as a phone on a slow network sees it (Lighthouse's default mobile
profile, simulated throttling): the home page and the first audience page in each language,
served compressed as GitHub Pages serves them, in Debian's Chromium.

    make lighthouse                  (or: .venv/bin/python -m bench.lighthouse); `make bench` includes it

Lighthouse 12 (13 needs Node 22) comes from npm, installed on first use from the committed lock
bench/npm/package-lock.json with `npm ci --ignore-scripts`: the versions and hashes of the lock,
and no package's install script runs (Dependabot proposes updates of the lock). Targets (issue 13): performance ≥ 95, accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.harness import CHROMIUM, ROOT, SiteServer, publish_real_faq
from faqgen.languages import folders, project_root_language
from faqgen.site_plan import page_path

HOME = Path(__file__).parent / "npm"  # package.json and package-lock.json; node_modules/ is not kept in git
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


@dataclass
class Audit:
    page: str  # the page's path below the site root
    scores: dict[str, int]  # category → 0–100
    failing: list[str]  # the audits that cost points, with their value

    @property
    def met(self) -> bool:
        return all(self.scores[category] >= target for category, target in TARGETS.items())


def lighthouse() -> Path:
    """The locked Lighthouse, installed on first use and again when the lock changes."""
    command = HOME / "node_modules" / ".bin" / "lighthouse"
    lock = HOME / "package-lock.json"
    installed = HOME / "node_modules" / ".package-lock.json"  # npm writes it on each install
    if not command.exists() or not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["npm", "ci", "--prefix", str(HOME), "--ignore-scripts", "--no-audit", "--no-fund", "--silent"],
                       check=True)  # fmt: skip
    return command


def audit_site(site: Path, paths: list[str]) -> list[Audit]:
    command = lighthouse()
    server = SiteServer(site, compressed=True)
    audits = []
    try:
        with tempfile.TemporaryDirectory() as temporary:
            for path in paths:
                report = Path(temporary) / "report.json"
                subprocess.run(
                    [str(command), server.url + path, "--quiet", "--output=json", f"--output-path={report}",
                     f"--chrome-path={CHROMIUM}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                     f"--only-categories={','.join(CATEGORIES)}"],
                    check=True, timeout=300,
                )  # fmt: skip
                audits.append(_read(path, json.loads(report.read_text(encoding="utf-8"))))
    finally:
        server.close()
    return audits


def _read(path: str, result: dict) -> Audit:
    scores = {name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failing = []
    for name in CATEGORIES:
        for reference in result["categories"][name]["auditRefs"]:
            audit = result["audits"][reference["id"]]
            if reference["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{name}: {reference['id']} ({audit.get('displayValue') or audit['score']})")
    return Audit(path or "/", scores, failing)


def audit_real_faq() -> list[Audit]:
    """Build the real FAQ and audit its home and first audience page in each language."""
    from faqgen.pipeline import check

    faq = check(ROOT / "faq.yaml").faq
    directories = folders(project_root_language(ROOT))
    paths = [page_path(directories, lang, name) for lang in directories for name in ("index", faq.audiences[0].id)]
    with tempfile.TemporaryDirectory() as temporary:
        return audit_site(publish_real_faq(Path(temporary) / "site"), paths)


def section(audits: list[Audit]) -> list[str]:
    """The report's lines: scores per page, then what cost points."""
    lines = ["## Lighthouse (mobile, real FAQ, served compressed)", "",
             "| page | performance | accessibility | best practices | SEO |", "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    lines += [f"| {a.page} | {' | '.join(str(a.scores[c]) for c in CATEGORIES)} |" for a in audits]
    failing = sorted({item for a in audits for item in a.failing})
    lines += ["", "Audits that cost points: " + ("; ".join(failing) if failing else "none") + "."]
    return lines


def verdict(audits: list[Audit]) -> tuple[str, bool]:
    return ("Lighthouse: performance ≥ 95, accessibility, best practices and SEO 100 (home and an audience "
            "page, both languages)", all(a.met for a in audits))  # fmt: skip


def main() -> int:
    audits = audit_real_faq()
    print("\n".join(section(audits)))
    name, ok = verdict(audits)
    print(f"\n- {'met' if ok else 'not met'}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
