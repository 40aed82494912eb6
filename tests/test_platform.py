"""Platform risk: MkDocs 1.x is unmaintained and mkdocs-material reaches its end of life on
5 May 2027. ProperDocs, the maintained fork of MkDocs 1.x, loads the same plugins (the
`mkdocs.plugins` entry points: faqgen's, the theme's, mkdocs-static-i18n's) and must build
exactly the same site, byte for byte, so that moving to it is a change of command."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from helpers import mkdocs, plain_environment


def manifest(tree) -> dict[str, str]:
    return {path.relative_to(tree).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(tree.rglob("*")) if path.is_file()}  # fmt: skip


def test_properdocs_builds_the_same_site_byte_for_byte(project, tmp_path):
    address = {"FAQ_SITE_URL": "https://faq.example.ca/ssm/"}
    built = mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "mkdocs"), env=address)
    assert built.returncode == 0, built.stderr
    properdocs = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(tmp_path / "properdocs")],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**plain_environment(), "NO_MKDOCS_2_WARNING": "1", **address},  # as mkdocs() runs: the same settings
    )  # fmt: skip
    assert properdocs.returncode == 0, properdocs.stderr
    assert manifest(tmp_path / "properdocs") == manifest(tmp_path / "mkdocs")
