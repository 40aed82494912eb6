"""The content model's errors in words an editor can act on, located in faq.yaml.

pydantic reports each error with a `type` (`missing`, `string_type`, `list_type`…); as its
documentation suggests for custom messages, a table maps each type to the sentence we say
instead (MESSAGES), with what the editor wrote quoted as written. A type not in the table
keeps pydantic's own message, after what was written.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass

from .languages import NAMES
from .loader import KeyPath, Scalar, Source
from .model import InLanguage, Translation, model_at
from .problems import Problem, describe
from .translations import CONFIRMED_KEY

FRENCH_KEYS = {
    "reponse": "answer", "réponse": "answer", "titre": "title", "debut": "start", "début": "start", "fin": "end",
    "nom": "name", "lien": "url", "liens": "links", "publie": "published", "publié": "published",
    "gestionnaire": "manager", "jalons": "milestones", "publics": "audiences", "identifiant": "id",
}  # fmt: skip
"""Keys an editor may type in French, and the English key the file uses instead."""


@dataclass(frozen=True)
class ModelError:
    """One of pydantic's errors, with what the editor wrote there."""

    path: KeyPath
    detail: dict
    scalar: Scalar | None

    @property
    def field(self) -> str:
        return str(self.path[-1]) if self.path else ""

    @property
    def value(self) -> object:
        return self.detail.get("input")

    @property
    def written(self) -> str:
        if self.scalar is None:
            return "this value"
        raw = self.scalar.raw
        return f"`{raw if len(raw) <= 40 else raw[:20] + '…'}`"


def _missing(error: ModelError) -> str:
    if error.field in NAMES:
        return (f"the {NAMES[error.field]} text (`{error.field}:`) is missing; "
                "both languages are required (French Language Services Act)")  # fmt: skip
    return f"`{error.field}` is missing"


def _empty(error: ModelError) -> str:
    if error.field in NAMES:
        return f"the {NAMES[error.field]} text (`{error.field}:`) is empty; both languages are required"
    return "this text is empty"


def _not_text(error: ModelError) -> str:
    if error.value is None:
        return _empty(error)
    unquoted = error.scalar.raw if error.scalar is not None else str(error.value)
    return f'{error.written} is {_read_as(error.value)}, not text: put it in quotes, "{unquoted}"'


def _pattern(error: ModelError) -> str:
    if error.field == CONFIRMED_KEY:
        return (f"{error.written} is not a confirmation line: it reads like `fr 3f2a9c1e en 7b1d04aa` "
                "(copy it from `build_faq.py check`)")  # fmt: skip
    if error.field == "email":
        return f"{error.written} is not an e-mail address: write it like `faq@ontario.ca`"
    return f"{error.written} is not a valid id: use lowercase letters, digits and hyphens, like `my-question`"


def _not_a_group(error: ModelError) -> str:
    model = model_at(error.path)
    if model is not None and issubclass(model, Translation):
        return f"expected a French and an English text here (`fr:` and `en:` on the lines below), found {_found(error.value)}"
    return f"expected a group of keys here (`key: value` lines), found {_found(error.value)}"


def _out_of_range(error: ModelError) -> str:
    if error.detail["type"] == "less_than_equal":
        return f"{error.written} is too large: at most {error.detail['ctx']['le']:,}"
    return f"{error.written} is too small: at least {error.detail['ctx']['ge']:,}"


MESSAGES: dict[str, Callable[[ModelError], str]] = {
    "missing": _missing,
    "string_too_short": _empty,
    "string_type": _not_text,
    "string_pattern_mismatch": _pattern,
    "string_too_long": lambda error: f"{error.written} is too long{' for an id' if error.field != 'email' else ''} ({error.detail['ctx']['max_length']} characters at most)",
    "model_type": _not_a_group,
    "model_attributes_type": _not_a_group,
    "list_type": lambda error: f"expected a list here (lines starting with `- `), found {_found(error.value)}",
    "too_short": lambda error: "this list is empty: at least one item is required",
    "int_type": lambda error: f"{error.written} is not a whole number",
    "int_from_float": lambda error: f"{error.written} is not a whole number",
    "int_parsing": lambda error: f"{error.written} is not a whole number",
    "less_than_equal": _out_of_range,
    "greater_than_equal": _out_of_range,
    "literal_error": lambda error: f"{error.written} is not allowed here; {error.detail['msg'].removeprefix('Input should be ')}",
    "value_error": lambda error: str(error.detail["ctx"]["error"]) if "ctx" in error.detail else error.detail["msg"],
}  # fmt: skip


def model_problem(source: Source, detail: dict) -> Problem:
    """One of pydantic's errors as a located problem."""
    path: KeyPath = tuple(detail["loc"])
    if isinstance(cause := detail.get("ctx", {}).get("error"), InLanguage) and (*path, cause.lang) in source.positions:
        path = (*path, cause.lang)  # at the text in that language, not at its first line
    error = ModelError(path, detail, source.scalars.get(path))
    if detail["type"] == "extra_forbidden":
        line, column = source.where(path, key=True)
        message = _unknown_key(error)
    elif detail["type"] == "missing":  # point at the key that lacks the field, not at the line below it
        line, column = source.where(path[:-1], key=True)
        message = _missing(error)
    else:
        line, column = source.where(path)
        reword = MESSAGES.get(detail["type"])
        message = reword(error) if reword else f"{error.written}: {detail['msg'].lower()}"
    return Problem(source.file, line, column, message, describe(source.data, path))


def _unknown_key(error: ModelError) -> str:
    model = model_at(error.path[:-1])
    allowed = list(model.model_fields) if model is not None else []
    close = [FRENCH_KEYS[error.field]] if FRENCH_KEYS.get(error.field) in allowed else []
    close = close or difflib.get_close_matches(error.field, allowed, n=1, cutoff=0.6)
    hint = f": did you mean `{close[0]}`?" if close else f"; the keys allowed here are: {', '.join(allowed)}"
    return f"unknown key `{error.field}`{hint}"


def _read_as(value: object) -> str:
    if isinstance(value, bool):
        return "read by YAML as yes/no (true/false)"
    if isinstance(value, (int, float)):
        return "read by YAML as a number"
    if isinstance(value, dt.date):
        return "read by YAML as a date"
    return _found(value)


def _found(value: object) -> str:
    if isinstance(value, dict):
        return "a group of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "a single text"
    return _read_as(value)
