"""Theme surgery is a conscious act: each template of mkdocs-material that overrides/ copies (to
change a few lines where the theme offers no block to override) is held to the hash of the
installed theme's original. When an upgrade changes one, this fails: compare the new original
with the copy, carry its changes (accessibility fixes among them) into the copy, then record
the new hash. Block overrides (main.html's `extrahead`, 404.html's blocks) need no copy."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest
from helpers import ROOT

THEME = Path(material.__file__).parent / "templates"
COPIES = {  # our file → (the theme's original, its SHA-256 when copied: mkdocs-material 9.8.1)
    "partials/header.html": ("partials/header.html", "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"),
    "partials/alternate.html": ("partials/alternate.html", "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b"),
    "partials/search.html": ("partials/search.html", "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"),
    "main.html": ("base.html#site_meta", "e306b9472bf91403943802f57b9a77a72eabbd2612dfcf341a7c228d6aa8223f"),
}  # fmt: skip


def original(name: str) -> bytes:
    path, _, block = name.partition("#")
    text = (THEME / path).read_text(encoding="utf-8")
    if block:
        return re.search(rf"{{% block {block} %}}.*?{{% endblock %}}", text, re.S).group(0).encode("utf-8")
    return text.encode("utf-8")


@pytest.mark.parametrize("copy", sorted(COPIES))
def test_each_copied_template_still_matches_the_theme_original_it_was_copied_from(copy):
    source, recorded = COPIES[copy]
    assert hashlib.sha256(original(source)).hexdigest() == recorded, (
        f"mkdocs-material's {source} changed since overrides/{copy} was copied from it: carry its changes "
        "into the copy, then record the new hash here"
    )


def test_every_override_is_accounted_for():
    overrides = {path.relative_to(ROOT / "overrides").as_posix() for path in (ROOT / "overrides").rglob("*.html")}
    assert overrides == set(COPIES) | {"404.html"}  # 404.html extends main.html: blocks only
