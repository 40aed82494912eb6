"""The browser editor's configuration (/admin/config.json), made from the content model.

The same JSON Schema that gives editors completion in faq.yaml (faqgen/schema.py) is turned into
Sveltia CMS fields: one file entry, faq.yaml at the repository's root, in faq.yaml's own format
(faqgen/admin/src/in_place.js, registered as `faq-yaml`); each of faq.yaml's keys a field of the
same name, labelled in both languages, its hint the model's description (in French from
faqgen/hints_fr.py; main.js shows the interface's language); a text in both languages
an object of `fr` and `en` in plain text areas (a Markdown editor would re-escape `[[…]]`); ids
and dates with the model's patterns. tests/test_admin.py fails if a field of the
model is not here, or the other way round.
"""

from __future__ import annotations

import re
from typing import Any

from .hints_fr import HINTS_FR
from .model import ID_PATTERN
from .schema import schema
from .translations import FOLLOWED_TEXTS

FORMAT = "faq-yaml"
"""The name main.js registers faq.yaml's in-place writer under."""
CONFIRMED_FIELD = "faq-confirmed"
"""The field type main.js registers for a followed text's `confirmed:`: its status, and a button
that confirms it."""

TRANSLATIONS = ("Translation", "RichText")
"""The model's texts in both languages (faqgen/model.py)."""
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
CONFIRMED_HINT = {"fr": "Une fois le français et l’anglais équivalents : « Confirmer la traduction », ou la valeur que "
                        "donne la vérification.",
                  "en": "Once the French and English say the same: “Confirm translation”, or the value the check gives."}
_SAME_FIELDS = {"RichText": "Translation"}
"""A model whose fields are another's, described alike (faqgen/hints_fr.py names them once)."""
UNCONFIGURED = "repository-not-set/see-docs-publishing"
"""The CMS will not start without a repository: a site built without one (no GITHUB_REPOSITORY,
no `repository:` in mkdocs.yml) can edit a folder on the editor's computer, not GitHub."""

LABELS = {
    "abbreviation": ("Abréviation", "Abbreviation"),
    "answer": ("Réponse", "Answer"),
    "as_of": ("Date du calendrier", "Timeline drawn for"),
    "audiences": ("Publics", "Audiences"),
    "commercial_envelope": ("Enveloppe commerciale", "Commercial envelope"),
    "confirmed": ("Traduction confirmée", "Translation confirmed"),
    "contact": ("Contact", "Contact"),
    "copyright": ("Droit d’auteur", "Copyright"),
    "date": ("Date", "Date"),
    "definition": ("Définition", "Definition"),
    "description": ("Description", "Description"),
    "document": ("Document", "Document"),
    "email": ("Courriel", "E-mail"),
    "en": ("English", "English"),
    "end": ("Fin", "End"),
    "fr": ("Français", "Français"),
    "glossary": ("Glossaire", "Glossary"),
    "id": ("Identifiant", "Id"),
    "key_points": ("Points clés", "Key points"),
    "label": ("Libellé", "Label"),
    "links": ("Liens", "Links"),
    "manager": ("Gestionnaire", "Manager"),
    "milestones": ("Jalons", "Milestones"),
    "minimum_percent": ("Minimum (%)", "Minimum (%)"),
    "minimum_points": ("Minimum (points)", "Minimum (points)"),
    "ministry": ("Ministère", "Ministry"),
    "name": ("Nom", "Name"),
    "nav_title": ("Titre du menu", "Menu title"),
    "number": ("Numéro", "Number"),
    "only_in": ("Seulement en", "Only in"),
    "original": ("Langue d’origine", "Original language"),
    "phase": ("Phase", "Phase"),
    "phases": ("Phases", "Phases"),
    "points": ("Points", "Points"),
    "precision": ("Précision", "Precision"),
    "published": ("Publication", "Published"),
    "publisher": ("Éditeur", "Publisher"),
    "question": ("Question", "Question"),
    "questions": ("Questions", "Questions"),
    "recent_days": ("Jours récents", "Recent days"),
    "regions": ("Régions", "Regions"),
    "scoring": ("Évaluation", "Scoring"),
    "search_only": ("Recherche seulement", "Search only"),
    "stages": ("Étapes", "Stages"),
    "start": ("Début", "Start"),
    "subtitle": ("Sous-titre", "Subtitle"),
    "summary": ("Résumé", "Summary"),
    "synonyms": ("Synonymes", "Synonyms"),
    "technical_envelope": ("Enveloppe technique", "Technical envelope"),
    "term": ("Terme", "Term"),
    "timeline_intro": ("Introduction du calendrier", "Timeline introduction"),
    "title": ("Titre", "Title"),
    "total_points": ("Total des points", "Total points"),
    "touched": ("Éléments touchés", "Touched"),
    "updated": ("Mise à jour", "Updated"),
    "updates": ("Mises à jour", "Updates"),
    "url": ("Adresse", "Address"),
    "when": ("Quand", "When"),
}
"""Every key of faq.yaml, in French and English: the editor's interface follows the browser's
language, the labels are both (an editor of either language reads the same form), once where the
two are the same word."""


def _label(name: str) -> str:
    french, english = LABELS[name]
    return french if french == english else f"{french} · {english}"


def config(repository: str | None, branch: str = "main") -> dict[str, Any]:
    """Sveltia CMS's configuration (CMS.init's `config`): GitHub with a pull request per change,
    and the one file entry."""
    document = schema()
    return {
        "load_config_file": False,  # main.js hands this configuration over; no config.yml to fetch
        "backend": {
            "name": "github",
            "repo": repository or UNCONFIGURED,
            "branch": branch,
            "open_authoring": False,
        },
        "publish_mode": "editorial_workflow",  # each change a branch and a pull request that CI checks
        "media_folder": "content/media",  # required by the CMS; faq.yaml has no images
        "show_preview_links": False,
        "collections": [{
            "name": "faq",
            "label": "FAQ",
            "files": [{
                "name": "faq",
                "label": "faq.yaml",
                "file": "faq.yaml",
                "format": FORMAT,
                "editor": {"preview": False},
                "fields": _fields(document, document, "", "Faq"),
            }],
        }],
    }


def _fields(definition: dict, document: dict, at: str, model: str) -> list[dict]:
    """The fields of a mapping (of `model`); `at`: its key path, `*` for a list's items ("audiences.*.")."""
    required = set(definition.get("required", ()))
    return [_field(name, spec, document, name in required, f"{at}{name}", model)
            for name, spec in definition["properties"].items()]  # fmt: skip


def _field(name: str, spec: dict, document: dict, required: bool, at: str, model: str) -> dict:
    field: dict[str, Any] = {"name": name, "label": _label(name), "required": required}
    if spec.get("description"):  # in the interface's language: main.js picks one
        field["hint"] = {"fr": HINTS_FR[f"{_SAME_FIELDS.get(model, model)}.{name}"], "en": spec["description"]}
    spec = _resolved(spec, document)
    if spec.get("type") == "object":
        field.update(widget="object", fields=_translation(spec, document, at) if spec.get("title") in TRANSLATIONS
                     else _fields(spec, document, f"{at}.", spec["title"]))
    elif spec.get("type") == "array":
        items = _resolved(spec["items"], document)
        if items.get("type") == "object":
            field.update(widget="list", fields=_translation(items, document, f"{at}.*") if items.get("title") in TRANSLATIONS
                         else _fields(items, document, f"{at}.*.", items["title"]))
        else:
            field.update(widget="list", field={"name": "item", "label": _label(name), **_scalar(items)})
        if spec.get("minItems"):
            field["min"] = spec["minItems"]
    else:
        field.update(_scalar(spec))
    return field


def _translation(spec: dict, document: dict, at: str) -> list[dict]:
    """`fr` above `en`, each in a plain text area that shows the whole text (a question is a long
    line; the check refuses a line break where a text is shown on one line), then `confirmed`:
    for a text whose translation status is followed, its status and a "confirm" button
    (faqgen/admin/src/confirmed_field.js)."""
    fields = []
    for name, item in spec["properties"].items():
        field = _field(name, item, document, name in spec.get("required", ()), f"{at}.{name}", spec["title"])
        if name == "confirmed":
            if at in FOLLOWED_TEXTS:
                field.update(widget=CONFIRMED_FIELD, hint=CONFIRMED_HINT)
        else:
            field["widget"] = "text"
        fields.append(field)
    return fields


def _scalar(spec: dict) -> dict:
    if "enum" in spec:
        return {"widget": "select", "options": spec["enum"]}
    if spec.get("type") == "boolean":
        return {"widget": "boolean"}
    if spec.get("type") == "integer":
        limits = {key: spec[source] for key, source in (("min", "minimum"), ("max", "maximum")) if source in spec}
        return {"widget": "number", "value_type": "int", **limits}
    if spec.get("format") == "date":
        return {"widget": "string", "pattern": [DATE_PATTERN, "AAAA-MM-JJ · YYYY-MM-DD"]}
    field: dict[str, Any] = {"widget": "string"}
    if spec.get("pattern") == ID_PATTERN:
        field["pattern"] = [ID_PATTERN, "minuscules-avec-traits-d-union · lowercase-with-hyphens"]
    elif spec.get("pattern"):
        field["pattern"] = [spec["pattern"], spec["pattern"]]
    return field


def _resolved(spec: dict, document: dict) -> dict:
    """A field's own schema: its `$ref` followed, `X | None` read as X (the field is optional)."""
    if "anyOf" in spec:
        spec = next(option for option in spec["anyOf"] if option.get("type") != "null")
    if "$ref" in spec:
        name = re.sub("^#/\\$defs/", "", spec["$ref"])
        return document["$defs"][name]
    return spec
