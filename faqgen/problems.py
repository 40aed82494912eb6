"""Problems found in faq.yaml, as data: the CLI or the MkDocs hook decides how to show them."""

from __future__ import annotations

import difflib
import errno
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the source file, at a line and column (both 1-based)."""

    file: str
    line: int
    column: int
    message: str
    context: str = ""  # the question id or key path the problem belongs to
    severity: Literal["error", "warning"] = "error"
    rule: str = ""  # the id of the rule that found it (faqgen/rules/), if one did

    def __str__(self) -> str:
        where = f" ({self.context})" if self.context else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}{where}"


def did_you_mean(name: str, candidates) -> str:
    """"; did you mean `x`?" for the closest of `candidates`, if one is close."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def describe(data, path: tuple) -> str:
    """`question <id>` inside a question; otherwise the key path, with ids for list items."""
    names: list[str] = []
    node = data
    for index, part in enumerate(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            names.append(str(part))
            node = None
            continue
        if isinstance(part, int):
            item_id = node.get("id") if isinstance(node, dict) else None
            if path[index - 1 : index] == ("questions",) and isinstance(item_id, str):
                return f"question {item_id}"
            if not names:  # a list at the top of the file
                names.append("")
            names[-1] += f"[{item_id}]" if isinstance(item_id, str) else f"[{part + 1}]"
        else:
            names.append(str(part))
    return ".".join(names)


_OS_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, then run the command again",
    errno.EDQUOT: "your disk quota is used up: free some space, then run the command again",
    errno.EACCES: "permission denied: check that you may write there (or run as a user who may)",
    errno.EPERM: "not permitted: check the file's and the folder's permissions",
    errno.EROFS: "the disk is read-only: choose a folder on a writable disk",
    errno.ENOENT: "it does not exist: check the path",
    errno.ENOTDIR: "part of the path is a file, not a folder: check the path",
    errno.EISDIR: "it is a folder, not a file: check the path",
}


def os_error_message(error: OSError) -> str:
    """One line for a person: which file, what happened, what to do."""
    where = error.filename if error.filename is not None else "a file"
    advice = _OS_ADVICE.get(error.errno, error.strerror or str(error))
    return f"{where}: {advice}"


class FaqError(Exception):
    """The source cannot be published; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
