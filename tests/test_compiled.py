"""Templates compiled once per machine (faqgen/compiled.py): kept on disk, under keys that hold
what the compiled code depends on, and never trusted when damaged or in a folder others can write."""

from __future__ import annotations

import os

import jinja2
import pytest
from jinja2.bccache import bc_magic

from faqgen.compiled import CompiledTemplates, cache_folder

TEMPLATES = {"page.html": "{% if true %}\n  {{ text }}\n{% endif %}\n"}


def render(folder, templates=TEMPLATES, **settings) -> str:
    """What a run (a new process: a cache with nothing in memory) renders."""
    environment = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=CompiledTemplates(folder), **settings)
    return environment.get_template("page.html").render(text="<b>")


def never_compiled(monkeypatch):
    def refuse(*arguments, **options):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_the_next_run_loads_what_a_run_compiled(tmp_path, monkeypatch):
    assert render(tmp_path) == "\n  <b>\n"
    assert len(list(tmp_path.iterdir())) == 1
    never_compiled(monkeypatch)
    assert render(tmp_path) == "\n  <b>\n"


def test_environments_that_compile_differently_share_no_code(tmp_path, monkeypatch):
    variants = [({}, "\n  <b>\n"), ({"autoescape": True}, "\n  &lt;b&gt;\n"),
                ({"trim_blocks": True, "lstrip_blocks": True}, "  <b>\n"),
                ({"finalize": lambda value: f"[{value}]"}, "\n  [<b>]\n")]  # fmt: skip
    for settings, expected in variants:
        assert render(tmp_path, **settings) == expected
    assert len(list(tmp_path.iterdir())) == len(variants)
    never_compiled(monkeypatch)
    for settings, expected in reversed(variants):
        assert render(tmp_path, **settings) == expected


def test_an_edited_template_is_compiled_again(tmp_path):
    render(tmp_path)
    assert render(tmp_path, {"page.html": "{{ text }} edited"}) == "<b> edited"


def test_each_template_is_one_file_however_many_projects_hold_it(tmp_path):
    """Each project (each test's) has its own copy of the theme's overrides: one file for all."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for project, source in [("one", "{{ text }}!"), ("two", "{{ text }}!"), ("three", "{{ text }}?")]:
        (tmp_path / project).mkdir()
        (tmp_path / project / "page.html").write_text(source)
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / project), bytecode_cache=CompiledTemplates(cache))
        assert environment.get_template("page.html").render(text="x") == "x" + source[-1]
    assert len(list(cache.iterdir())) == 1


DAMAGE = {
    "empty": lambda whole: b"",
    "another program's": lambda whole: b"not compiled code at all",
    "cut short": lambda whole: whole[: len(whole) // 2],
    "cut after its header": lambda whole: whole[: len(bc_magic) + 3],
    "garbage after its header": lambda whole: bc_magic + b"\xff\x00garbage",
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_file_is_compiled_again_and_replaced(tmp_path, monkeypatch, damage):
    render(tmp_path)
    (kept,) = tmp_path.iterdir()
    whole = kept.read_bytes()
    kept.write_bytes(damage(whole))
    assert render(tmp_path) == "\n  <b>\n"
    assert kept.read_bytes() == whole
    assert not [path for path in tmp_path.iterdir() if path != kept]  # nothing left aside
    never_compiled(monkeypatch)
    assert render(tmp_path) == "\n  <b>\n"


def test_the_cache_folder_is_used_only_if_nobody_else_can_write_to_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = cache_folder()
    assert folder == tmp_path / "faqgen" / "templates"
    assert folder.stat().st_mode & 0o777 == 0o700
    folder.chmod(0o777)
    assert cache_folder() is None
    render(None)  # compiled in memory only: it works, and writes nothing
    assert not list(folder.iterdir())


def test_without_a_cache_folder_the_templates_are_compiled_in_memory(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))  # cannot hold a folder
    assert cache_folder() is None
    cache = CompiledTemplates()
    for _ in range(2):
        environment = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), bytecode_cache=cache)
        assert environment.get_template("page.html").render(text="x") == "\n  x\n"
    assert len(cache.compiled) == 1
    assert os.listdir(tmp_path) == ["file"]
