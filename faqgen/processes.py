"""Child processes (pagefind, forked work) that end when the process that started them ends.

`kill -9` of `build_faq.py site` used to leave mkdocs and pagefind running, writing into a
folder nobody would publish. On Linux the kernel sends the child SIGTERM when its parent
dies (prctl PR_SET_PDEATHSIG); elsewhere children run as usual.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

_PR_SET_PDEATHSIG = 1


_LIBC = ctypes.CDLL(None, use_errno=True)  # the C library, among the process's own symbols (find_library runs ldconfig)
_TRIM = getattr(_LIBC, "malloc_trim", None)  # glibc's


def release_freed_memory() -> None:
    """Give back to the system the memory this process has freed. glibc keeps it for reuse (about
    125 MB by verification at 10,000 questions); a forked child starts as large as its parent and
    the process's peak would count it. Where malloc is not glibc's, there is nothing to call."""
    if _TRIM is not None:
        _TRIM(0)


@contextmanager
def cycle_collection_paused():
    """For work that allocates hundreds of thousands of objects and forms no garbage cycles
    (the stages, verification): Python's cycle collector rescanning them all, and everything
    made before, again and again, made the stages grow faster than the content (bench/RESULTS.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def set_aside_from_collection() -> None:
    """What exists now lives to the end of the build (the FAQ, every page): the cycle collector
    scanning it again at each full collection cost the publishing build ~0.09 s at 5,000
    questions (bench/RESULTS.md). `return_to_collection` ends it, when the build does."""
    gc.freeze()


def return_to_collection() -> None:
    gc.unfreeze()


def _end_with_parent() -> None:  # runs in the child, between fork and exec
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def start(command: list[str], **options) -> subprocess.Popen:
    """subprocess.Popen, the child ended with its parent. Only from the main thread: code run
    between fork and exec is unsafe when other threads exist (mkdocs serve builds in one)."""
    if sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread():
        options["preexec_fn"] = _end_with_parent  # so Popen forks (not vfork): the child starts as large as this process
        release_freed_memory()
    return subprocess.Popen(command, **options)


class ChildFailed(Exception):
    """The work given to a child process failed; the message says how."""


_DONE, _FAILED = b"=", b"!"  # the first byte of each part of a child's answer: a pickled value, or what failed


class Parts:
    """An answer a child sends in parts, one after the other: the parent can use the first
    (`Forked.receive`) while the next are still on their way."""

    def __init__(self, *values: object):
        self.values = values


def _child(work: Callable[[], object], reader: int, writer: int, niceness: int) -> int:
    """The forked child's part: do the work and send its answer, or what failed; the exit code."""
    os.close(reader)
    # What the parent made is the parent's: the cycle collector walking it again would cost time,
    # and a copy of every memory page it touches (they are shared with the parent until written).
    gc.freeze()
    if sys.platform.startswith("linux"):
        _end_with_parent()
    if niceness:
        os.nice(niceness)
    with os.fdopen(writer, "wb") as pipe:  # writing raises if the parent is gone: the caller exits all the same
        try:
            answer = work()
        except BaseException as error:  # noqa: BLE001 (every failure is reported to the parent)
            pipe.write(_FAILED + f"{type(error).__name__}: {error}".encode(errors="replace"))
            return 1
        for value in answer.values if isinstance(answer, Parts) else (answer,):
            pipe.write(_DONE)
            pickle.dump(value, pipe, protocol=pickle.HIGHEST_PROTOCOL)  # as it is made: never all its bytes at once
            pipe.flush()
    return 0


class Forked:
    """`work()` run in a forked child process, which starts with this process's memory as it
    was (nothing is copied or pickled on the way in; what `work()` returns is pickled back):
    the second core's share of the build. Only where `can_fork()`. `niceness`: how much it gives
    way to the other processes (os.nice) while they need the cores."""

    def __init__(self, work: Callable[[], object], *, niceness: int = 0):
        self.done = False  # waited for: its process id is no longer its own
        release_freed_memory()
        reader, writer = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: do the work, say how it went, and end without cleaning up the parent's state
            code = 1
            try:
                code = _child(work, reader, writer, niceness)
            finally:  # whatever happens (the parent gone, a signal), never back into the parent's code
                os._exit(code)
        os.close(writer)
        self.reader, self.pipe = reader, None  # the answer's end of the pipe, read from the first `receive`

    def receive(self):
        """The next part of the child's answer (processes.Parts); ChildFailed if it failed instead."""
        # Unpickled as it arrives, so that this process never holds the answer's bytes besides its
        # objects; read before waiting for the child, whose large answer fills the pipe until read.
        self.pipe = self.pipe or os.fdopen(self.reader, "rb")
        how = self.pipe.read(1)
        if how == _DONE:
            try:
                return pickle.load(self.pipe)  # noqa: S301 (our own child's answer)
            except Exception:  # noqa: BLE001 (cut short: the child was killed, or died)
                how = b""
        message = self.pipe.read().decode(errors="replace") if how == _FAILED else ""
        status = self._end()
        raise ChildFailed(message or f"the child process ended with status {status}")

    def wait(self):
        """What `work()` returned (its last part); ChildFailed if it failed."""
        answer = self.receive()
        if os.waitstatus_to_exitcode(status := self._end()) != 0:
            raise ChildFailed(f"the child process ended with status {status}")
        return answer

    def kill(self) -> None:
        """End the child (its work is no longer wanted), unless it was waited for already."""
        if self.done:
            return
        os.kill(self.pid, signal.SIGKILL)
        self._end()

    def _end(self) -> int:
        """Wait for the child to end; its wait status."""
        if self.pipe is None:
            os.close(self.reader)
        else:
            self.pipe.close()
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        return status


Key = TypeVar("Key")


def answers(children: Mapping[Key, Forked], parts: int) -> Iterator[tuple[Key, object]]:
    """Each child's answer in `parts` parts (processes.Parts), one at a time from whichever child
    has sent its next part first: (its key, the part). A child is waited for once its last part
    is in; ChildFailed if one failed. One child's pages are read while another is still at work."""
    left = {key: parts for key in children}
    while left:
        ready, _, _ = select.select([children[key].reader for key in left], [], [])
        for key in [key for key in left if children[key].reader in ready]:
            left[key] -= 1
            yield key, children[key].receive() if left[key] else children[key].wait()
            if not left[key]:
                del left[key]


def can_fork() -> bool:
    """Whether work may go to a forked child: a POSIX system and no other thread (mkdocs serve
    builds in one; fork copies only the calling thread, so a lock another one held would stay
    held in the child)."""
    return hasattr(os, "fork") and threading.active_count() == 1
