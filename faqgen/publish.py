"""Build the publishable site atomically: check, build into a fresh directory, verify, swap.

Guarantees (tested by killing runs at several points and by running two at once):
- only a folder that `site` made itself (it holds the MARKER file) is ever replaced; the
  project, content/ or any folder holding faq.yaml is refused whatever it holds;
- one run at a time (a lock on the output's parent folder; a second run waits);
- the new site replaces the old one in one step (Linux renameat2 RENAME_EXCHANGE), so there
  is never a moment without a complete site; if anything fails, the old site is untouched;
- leftovers of killed runs are removed by the next run, and pagefind ends with it (MkDocs
  builds in this process: faq.yaml is validated once, and the build uses what was validated);
- the site is readable by everyone (folders 0755, files 0644), e.g. by a web server.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import processes
from .languages import root_language
from .pipeline import check
from .validate import Validated
from .verify import verify_site
from .write import exclusive

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

MARKER = ".faq-site"
"""A file in every site `site` builds: only a folder holding it may be replaced."""


class PublishError(Exception):
    """The site was not replaced; the message says why."""


@dataclass(frozen=True)
class Published:
    pages: int  # HTML pages published
    site_url: str | None  # the public address it was built for (mkdocs.yml's site_url), if any


def build_site(root: Path, output: Path, *, on_wait: Callable[[], None] = lambda: None, preview: str | None = None) -> Published:
    """Build `root`'s site into `output`, and say what was published. `on_wait`
    is called if another run holds the lock (this one then waits for it). With `preview`, a
    reviewers' preview of that label (FaqPlugin.publishing says what changes)."""
    checked = check(root / "faq.yaml", "faq.yaml", strict=True, parallel=processes.can_fork())  # FaqError: nothing built
    output = output.resolve()
    refuse_output(root.resolve(), output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with _one_at_a_time(output.parent, on_wait):
        _remove_leftovers(output)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
        try:
            with _mkdocs_build(root / "mkdocs.yml", staging, root / "faq.yaml", checked, preview) as config:
                # The pages are built; Pagefind finishes the search index meanwhile (faqgen/outputs.py).
                processes.release_freed_memory()  # what building the pages freed: verification parses large pages
                problems = verify_site(staging, checked.faq, root_language(config), parallel=processes.can_fork(),
                                       preview=preview)  # fmt: skip
                site_url = config.site_url or None
            if problems:
                raise PublishError("the built site failed verification:\n" + "\n".join(problems))
            pages = sum(1 for _ in staging.rglob("*.html"))
            (staging / MARKER).write_text("Built by build_faq.py site; this folder is replaced by the next build.\n")
            _readable_by_all(staging)
            _exchange(staging, output)
            return Published(pages, site_url)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # after the exchange: the old site


@contextmanager
def _mkdocs_build(config_file: Path, site_dir: Path, faq_file: Path, checked: Validated, preview: str | None) -> Iterator[MkDocsConfig]:
    """`mkdocs build --strict` in this process, as MkDocs' own command runs it, its plugin
    handed the FAQ this run has validated: faq.yaml is read and validated once per `site`.
    The body runs once the build is done, before MkDocs' shutdown event (which waits for the
    search index), given the configuration as loaded (mkdocs.yml is read once per `site`).
    PublishError with MkDocs' warnings and errors if it refuses."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    messages = _Messages()
    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)  # its progress lines are not ours to print
    logger.propagate = False
    logger.addHandler(messages)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        plugin = config.plugins.get("faq")
        if plugin is None:
            raise PublishError(f"{config_file.name} has no `faq` plugin: add `- faq` under `plugins:` (docs/architecture.md, "
                               "“Starting another FAQ site”)")  # fmt: skip
        if Path(plugin.config.source).resolve() != faq_file.resolve():
            raise PublishError(f"{config_file.name} builds from {plugin.config.source}, but `site` publishes "
                               f"{faq_file}: set the faq plugin's source to it")  # fmt: skip
        plugin.publishing(checked, preview=preview)  # Pagefind works while the body verifies the pages
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
            yield config
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError) as error:
        lines = [*messages.lines, *([] if str(error) in "\n".join(messages.lines) else [str(error)])]
        raise PublishError("mkdocs build --strict failed:\n" + "\n".join(lines)) from None
    finally:
        logger.removeHandler(messages)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


class _Messages(logging.Handler):
    """MkDocs' warnings and errors of one build, as its command line prints them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} - {record.getMessage()}")


def refuse_output(root: Path, output: Path) -> None:
    """PublishError unless `output` is a folder `site` may replace."""
    if output == root or output in root.parents or output == root / "content":
        raise PublishError(f"{output} holds the project; the site goes into a folder of its own, such as site/")
    if (output / "faq.yaml").exists() or (output / "mkdocs.yml").exists():
        raise PublishError(f"{output} holds a faq.yaml or mkdocs.yml; the site goes into a folder of its own")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise PublishError(
            f"{output} was not made by `build_faq.py site` (it has no {MARKER} file), so it is not replaced: "
            "choose another --output, or move that folder away"
        )
    if output.exists() and not output.is_dir():
        raise PublishError(f"{output} is a file, not a folder")


def _one_at_a_time(folder: Path, on_wait: Callable[[], None]):
    return exclusive(os.open(folder, os.O_RDONLY), on_wait)


def _remove_leftovers(output: Path) -> None:
    """Folders of runs that were killed (under the lock, no other run is using them)."""
    for pattern in (f".{output.name}-new-*", f".{output.name}-old-*"):
        for leftover in output.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def _readable_by_all(tree: Path) -> None:
    tree.chmod(0o755)
    for folder, folders, files in os.walk(tree):
        for name in folders:
            os.chmod(os.path.join(folder, name), 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(new: Path, target: Path) -> None:
    """Put `new` at `target` in one step; the old site, if any, ends up at `new`."""
    if not target.exists():
        new.rename(target)
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
            raise OSError(code, os.strerror(code), str(target))
    # No atomic exchange here (not Linux, or a file system without it): two renames, the old
    # site moved aside for as short a time as possible and put back if the second fails.
    old = new.with_name(new.name.replace("-new-", "-old-"))
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    old.rename(new)
