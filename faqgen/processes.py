"""Child processes (pagefind, forked work) that end when the process that started them ends.

`kill -9` of `build_faq.py site` used to leave mkdocs and pagefind running, writing into a
folder nobody would publish. On Linux the kernel sends the child SIGTERM when its parent
dies (prctl PR_SET_PDEATHSIG); elsewhere children run as usual.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def _end_with_parent() -> None:  # runs in the child, between fork and exec
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    """subprocess.run, the child ended with its parent."""
    return subprocess.run(command, **_ending_with_parent(options))


def start(command: list[str], **options) -> subprocess.Popen:
    """subprocess.Popen, the child ended with its parent."""
    return subprocess.Popen(command, **_ending_with_parent(options))


def _ending_with_parent(options: dict) -> dict:
    """Only from the main thread: code run between fork and exec is unsafe when other threads
    exist (mkdocs serve builds in one)."""
    if sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread():
        options["preexec_fn"] = _end_with_parent
    return options


class ChildFailed(Exception):
    """The work given to a child process failed; the message says how."""


class Forked:
    """`work()` run in a forked child process, which shares this process's memory as it was
    (nothing is copied or pickled): the take-away formats are written beside the search
    index on the second core. Only from a process without threads (fork copies one thread;
    a lock another one held would stay held forever in the child)."""

    def __init__(self, work: Callable[[], object]):
        self.reader, writer = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: do the work, say how it went, and end without cleaning up the parent's state
            os.close(self.reader)
            if sys.platform.startswith("linux"):
                _end_with_parent()
            code, message = 0, b""
            try:
                work()
            except BaseException as error:  # noqa: BLE001 (every failure is reported to the parent)
                code, message = 1, f"{type(error).__name__}: {error}".encode(errors="replace")
            finally:
                os.write(writer, message)
                os._exit(code)
        os.close(writer)

    def wait(self) -> None:
        """ChildFailed if the work failed."""
        with os.fdopen(self.reader, "rb") as pipe:
            message = pipe.read().decode(errors="replace")
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise ChildFailed(message or f"the child process ended with status {status}")

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        try:
            self.wait()
        except ChildFailed:
            pass
