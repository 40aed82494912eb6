"""Jinja templates compiled once per machine, not once per run.

Compiling the theme's templates cost every build 0.1–0.25 CPU-seconds of the process that builds
the pages (bench/RESULTS.md), though they change only when the theme is upgraded. Each compiled template
is kept in memory (MkDocs makes the theme an environment per language's build and per rebuild
of the preview; faqgen makes one per renderer) and in the user's cache folder
(`$XDG_CACHE_HOME/faqgen/templates`, else `~/.cache/faqgen/templates`), as `python` keeps
`__pycache__`. Jinja recompiles whenever a template's source changed.

A template's key is its name and the environment's settings, which compiled code also depends
on (delimiters, whitespace control, autoescaping, finalize, extensions, filters folded at compile
time): two environments never share code they would compile differently, and the folder holds one
file per template, however many projects and theme versions use it.

Loading compiled code runs it, so the folder is used only if it is this user's and no one
else's can write to it; a file that cannot be read back (cut short, another version's) is
compiled again and replaced, and each is replaced whole (written aside, then renamed).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import stat
import sys
import tempfile
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

log = logging.getLogger("mkdocs.plugins.faq")


def cache_folder() -> Path | None:
    """The folder compiled templates are kept in, made if need be; None where there is none
    this user alone can write to (the templates are then compiled in memory, once per run)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "faqgen" / "templates"
    if not hasattr(os, "getuid"):  # not POSIX: no owner to check
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.lstat()
    except OSError as error:
        log.debug(f"templates are compiled in memory only: {folder} cannot be made ({error})")
        return None
    if status.st_uid != os.getuid() or not stat.S_ISDIR(status.st_mode) or status.st_mode & 0o022:
        log.debug(f"templates are compiled in memory only: {folder} is not this user's alone")
        return None
    return folder


class CompiledTemplates(jinja2.BytecodeCache):
    """A Jinja bytecode cache in memory and on disk: in `folder` if given, else cache_folder()'s,
    found when a template is first compiled (importing faqgen makes no folder)."""

    def __init__(self, folder: Path | None = None):
        self.given = folder
        self.compiled: dict[str, bytes] = {}

    @functools.cached_property
    def folder(self) -> Path | None:
        return self.given or cache_folder()

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        # Not by the template's file: each project's copy of the same template (the tests make
        # hundreds) would add a file. Jinja checks the source, so another source compiles again.
        key = hashlib.sha256(repr(_settings(environment, name)).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / bucket.key).read_bytes()
            except OSError:  # not compiled yet
                return
        if code is None:
            return
        try:  # Jinja compares the source's checksum and Python's version
            bucket.bytecode_from_string(code)
        except Exception:  # noqa: BLE001 (any damage to a file: it is compiled again and replaced)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.folder is None:
            return
        try:
            descriptor, aside = tempfile.mkstemp(dir=self.folder, prefix=".writing-")
            with os.fdopen(descriptor, "wb") as file:
                file.write(code)
            os.replace(aside, self.folder / bucket.key)
        except OSError as error:  # full, removed meanwhile: this run has it in memory
            log.debug(f"a compiled template could not be kept in {self.folder}: {error}")


def _settings(environment: jinja2.Environment, name: str) -> tuple:
    """What the code Jinja compiles a template to depends on, besides its source."""

    def named(function) -> str | None:  # never its repr: one with an address would make a new key each run
        if function is None:
            return None
        kind = function if hasattr(function, "__qualname__") else type(function)
        return f"{kind.__module__}.{kind.__qualname__}"

    autoescape = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    return (
        jinja2.__version__, sys.version_info[:2], name,
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        sorted(environment.extensions), environment.optimized, environment.is_async, environment.sandboxed,
        bool(autoescape), named(environment.finalize), named(environment.code_generator_class),
        sorted((key, named(value)) for key, value in environment.filters.items()),
        sorted((key, named(value)) for key, value in environment.tests.items()),
    )  # fmt: skip


COMPILED = CompiledTemplates()
"""For the theme's environments (faqgen/plugin.py's on_env) and faqgen's own (faqgen/render.py)."""
