"""faq.schema.json, generated from the content model, for editors (VS Code and others
read it through the `yaml-language-server` line at the top of faq.yaml)."""

from __future__ import annotations

import json

from .model import Faq

SCHEMA_FILE = "faq.schema.json"


def schema() -> dict:
    document = Faq.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "Bilingual FAQ (faq.yaml)"
    return document


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
