"""faq.schema.json: generated from the model, committed up to date, and accepting the real file."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from helpers import ROOT
from test_bad_files import BAD

from faqgen.loader import load_bytes, load_file
from faqgen.problems import FaqError
from faqgen.schema import SCHEMA_FILE, schema_text


def as_json(value):
    """YAML dates become the ISO text JSON Schema expects."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_committed_schema_is_up_to_date():
    assert (ROOT / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(), "run: python build_faq.py schema"


def test_faq_yaml_points_editors_to_the_schema():
    assert (ROOT / "faq.yaml").read_text().startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n")


def test_schema_accepts_the_real_faq():
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()), format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(as_json(load_file(ROOT / "faq.yaml").data))] == []


@pytest.mark.parametrize("name", ["unknown-key", "missing-translation", "id-not-kebab-case", "yes-no-as-text"])
def test_schema_rejects_what_the_validator_rejects(name):
    path = next(p for p in BAD if p.stem == name)
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    try:
        data = load_bytes(path.read_bytes()).data
    except FaqError:  # pragma: no cover - these files all load
        raise
    assert list(validator.iter_errors(as_json(data)))
