"""Child processes (mkdocs, pagefind) that end when the process that started them ends.

`kill -9` of `build_faq.py site` used to leave mkdocs and pagefind running, writing into a
folder nobody would publish. On Linux the kernel sends the child SIGTERM when its parent
dies (prctl PR_SET_PDEATHSIG); elsewhere children run as usual.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import subprocess
import sys
import threading

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
