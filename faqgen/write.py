"""Stage 5: put the rendered pages in content/, touching only what changed.

Generated pages carry a front-matter marker; only those are ever rewritten or removed,
so hand-written pages in content/ are safe. Unchanged files are not rewritten, which
keeps `mkdocs serve` from rebuilding in a loop. content/ is updated all or nothing, and
files keep their mode.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .render import GENERATED_MARKER, Page


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


class HandWrittenPageError(Exception):
    """A generated page would overwrite a page that somebody wrote by hand."""


def is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as file:
            head = [file.readline() for _ in range(3)]
    except (OSError, UnicodeDecodeError):
        return False
    return head[0] == "---\n" and any(line.startswith(f"{GENERATED_MARKER}:") for line in head[1:])


def plan(pages: list[Page], content_dir: Path) -> tuple[list[Page], list[Path], list[str]]:
    """What to write, what to remove, what is already right; refuses to touch hand-written pages."""
    to_write, unchanged = [], []
    for page in pages:
        target = content_dir / page.filename
        if target.exists():
            if not is_generated(target):
                raise HandWrittenPageError(
                    f"{target} was written by hand; the page generated from faq.yaml has the same name. "
                    "Rename one of them."
                )
            written = page.text.encode("utf-8")  # compared as bytes, the size first: pages are megabytes
            if target.stat().st_size == len(written) and target.read_bytes() == written:
                unchanged.append(page.filename)
                continue
        to_write.append(page)
    wanted = {page.filename for page in pages}
    stale = sorted(path for path in content_dir.glob("*.md") if path.name not in wanted and is_generated(path))
    return to_write, stale, unchanged


def write_pages(pages: list[Page], content_dir: Path) -> WriteReport:
    """All or nothing: every changed page is first written beside its target; only when all
    are written (a full disk fails here) are they renamed into place, which cannot fail for
    want of space."""
    content_dir.mkdir(parents=True, exist_ok=True)
    to_write, stale, unchanged = plan(pages, content_dir)
    report = WriteReport(unchanged=unchanged)
    staged: list[tuple[Path, Path]] = []
    try:
        for page in to_write:
            target = content_dir / page.filename
            staged.append((_stage(target, page.text), target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
        report.written.append(target.name)
    for path in stale:
        path.unlink()
        report.removed.append(path.name)
    return report


@contextmanager
def editing(file: Path, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
    """One command at a time reads, changes and writes `file` (faq.yaml): a second one waits
    (`on_wait` is called first), so that neither writes over what the other wrote. The lock is
    a file of its own beside it, `.faq.yaml.lock`: faq.yaml itself is replaced, not rewritten."""
    try:
        descriptor = os.open(file.parent / f".{file.name}.lock", os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:  # the folder's problem, said of the file the person named
        raise _about(error, file) from None
    with exclusive(descriptor, on_wait):
        yield


@contextmanager
def exclusive(descriptor: int, on_wait: Callable[[], None]) -> Iterator[None]:
    """An exclusive lock on the open `descriptor`, waited for if another process holds it
    (`on_wait` is called first); closing the descriptor at the end releases it."""
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def replace_file(target: Path, text: str) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file.
    A target that is not a regular file, or that is read-only, is refused (PermissionError):
    renaming over it would replace a device or a file its owner protected."""
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise PermissionError(None, "it is not a regular file (a device or a pipe): give the path of a file", str(target))
    if status is not None and not status.st_mode & 0o222:  # as root too: the owner protected it
        raise PermissionError(None, "it is read-only: it is not replaced (make it writable first if it should change)",
                              str(target))  # fmt: skip
    os.replace(_stage(target, text), target)


def _stage(target: Path, text: str) -> Path:
    """`text` in a new file beside `target`, with the target's mode (0644 for a new file:
    pages and faq.yaml are read by other users, such as a web server or a CI runner)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:  # the folder's problem, said of the file the person named
        raise _about(error, target) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        temporary.chmod(mode)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):  # a full disk names no file, the temporary one means nothing to anyone
            raise _about(error, target) from None
        raise
    return temporary


def _about(error: OSError, target: Path) -> OSError:
    """The same error, said of `target`."""
    return type(error)(error.errno, error.strerror, str(target))
