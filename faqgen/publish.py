"""Build the publishable site atomically: check, build into a fresh directory, verify, swap.

If any step fails, the existing site/ is left exactly as it was and the reason is raised.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .pipeline import check
from .verify import verify_site


class PublishError(Exception):
    """The site was not replaced; the message says why."""


def build_site(root: Path, output: Path) -> int:
    """Build `root`'s site into `output`; return the number of pages published."""
    checked = check(root / "faq.yaml", "faq.yaml", strict=True)  # FaqError: nothing built
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode != 0:
            raise PublishError(f"mkdocs build --strict failed:\n{result.stderr.strip()}")
        problems = verify_site(staging, checked.faq)
        if problems:
            raise PublishError("the built site failed verification:\n" + "\n".join(problems))
        pages = sum(1 for _ in staging.rglob("*.html"))
        _swap(staging, output)
        return pages
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already after a successful swap


def _swap(new: Path, target: Path) -> None:
    """Replace `target` with `new`; on failure put the old one back."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rmdir(old)
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old)
