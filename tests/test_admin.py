"""The editors' page, /admin/: Sveltia CMS over faq.yaml, driven in Chromium as an editor uses it
(a folder of the test's own, picked through a stubbed folder picker: the CMS's local-repository
mode), its configuration made from the model, its bundle what faqgen/admin/ builds."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from helpers import ROOT, build_faq, changed_lines
from playwright.sync_api import expect

from bench.harness import AdminEditor as Editor
from faqgen.cms import LABELS, config
from faqgen.editor import BUILT, MANIFEST
from faqgen.hints_fr import HINTS_FR
from faqgen.schema import schema
from faqgen.translations import FOLLOWED_TEXTS

ADMIN = ROOT / "faqgen" / "admin"
ANSWER = "audiences.0.questions.0.answer"  # provider-inside-prototype-region's
FAQ = (ROOT / "faq.yaml").read_text(encoding="utf-8")

@pytest.fixture
def editor_page(browser, site_url):
    context = browser.new_context(locale="fr-CA", viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    yield page, requests
    context.close()


def test_an_editor_changes_a_word_confirms_it_adds_a_question_and_removes_it_in_the_browser(editor_page, site_url, tmp_path):
    page, requests = editor_page
    editor = Editor(page, site_url, FAQ)
    # One word of a French answer: one line of faq.yaml changes, and the form and the check both
    # say the English may be out of date.
    expect(editor.reveal(f'[data-key-path="{ANSWER}.fr"]')).to_contain_text("Le texte français.")  # hints in French
    answer = editor.field(f"{ANSWER}.fr")
    answer.fill(answer.input_value().replace("progressive", "graduelle"))
    expect(editor.reveal(f'[data-key-path="{ANSWER}.confirmed"]').get_by_role("status")).to_have_text(
        "Français\u202f: à jour · Anglais\u202f: peut-être périmé")
    edited = editor.save()
    [(tag, [old], [new])] = changed_lines(FAQ, edited)
    assert tag == "replace" and new == old.replace("progressive", "graduelle")
    file = tmp_path / "faq.yaml"
    file.write_text(edited, encoding="utf-8")
    checked = build_faq("check", "--strict", str(file))
    assert checked.returncode == 1
    [problem] = [line for line in checked.stderr.splitlines() if ": error: " in line]
    assert "the English answer may be out of date" in problem and "provider-inside-prototype-region" in problem

    # "Confirm translation" writes what `build_faq.py confirm` writes.
    editor.reveal(f'[data-key-path="{ANSWER}.confirmed"]').get_by_role("button", name="Confirmer la traduction").click()
    confirmed = editor.save()
    assert build_faq("confirm", str(file), "--question", "provider-inside-prototype-region").returncode == 0
    assert confirmed == file.read_text(encoding="utf-8")
    assert build_faq("check", "--strict", str(file)).returncode == 0

    # The word back, confirmed again: the file as it was.
    answer = editor.field(f"{ANSWER}.fr")
    answer.fill(answer.input_value().replace("graduelle", "progressive"))
    editor.reveal(f'[data-key-path="{ANSWER}.confirmed"]').get_by_role("button", name="Confirmer la traduction").click()
    assert editor.save() == FAQ

    # A new question at the end of an audience: the file only gains its lines.
    questions = len(re.findall(r"^      - id: ", FAQ.split("  - id: service-providers", 1)[1].split("\n  - id: ", 1)[0], re.M))
    # By keyboard: where the list ends, the audiences' own sticky "Add" bar covers this one.
    editor.reveal('[data-key-path="audiences.0.questions"]').get_by_role("button", name=re.compile("^Ajouter")).last.press("Enter")
    new = f"audiences.0.questions.{questions}"
    for key, text in [("id", "a-new-question"), ("question.fr", "Une nouvelle question?"), ("question.en", "A new question?"),
                      ("answer.fr", "Une réponse.\n\nEn deux paragraphes."), ("answer.en", "An answer.\n\nIn two paragraphs.")]:  # fmt: skip
        editor.field(f"{new}.{key}").fill(text)
    added = editor.save()
    [(tag, [], lines)] = changed_lines(FAQ, added)
    assert tag == "insert" and lines[0].endswith("- id: a-new-question") and "          fr: Une nouvelle question?" in lines
    file.write_text(added, encoding="utf-8")
    assert build_faq("confirm", str(file), "--question", "a-new-question").returncode == 0
    assert build_faq("check", "--strict", str(file)).returncode == 0

    # Removed again: the file as it was, byte for byte.
    item = editor.reveal(f'[data-key-path="{new}.id"]').locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' item ')][1]")
    item.get_by_role("button", name="Supprimer").first.click()
    assert editor.save() == FAQ

    hosts = {urlsplit(url).netloc for url in requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {urlsplit(site_url).netloc}, sorted(requests)


@pytest.mark.parametrize("locale, sign_in", [("fr-CA", "Travailler avec un dépôt local"), ("en-CA", "Work with Local Repository")])
def test_the_editors_page_speaks_the_browsers_language_and_asks_nothing_of_other_hosts(browser, site_url, locale, sign_in):
    context = browser.new_context(locale=locale)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(site_url + "admin/")
    page.get_by_role("button", name=sign_in).wait_for()
    page.wait_for_timeout(1000)  # what it fetches after showing itself (a status check, fonts)
    assert {urlsplit(url).netloc for url in requests if url.startswith("http")} == {urlsplit(site_url).netloc}, requests
    assert page.evaluate("[...document.querySelectorAll('meta[name=viewport]')].map(m => m.content)") == [
        "width=device-width, initial-scale=1, interactive-widget=resizes-content"]  # zoom allowed (WCAG 1.4.4)
    context.close()


def test_the_editors_page_has_no_serious_accessibility_violation(editor_page, site_url):
    page, _ = editor_page
    Editor(page, site_url, FAQ)
    results = Axe().run(page)
    serious = [violation["id"] for violation in results.response["violations"] if violation["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()


def test_the_configuration_has_a_field_for_every_key_of_the_model_and_no_other():
    document = schema()

    def keys(definition: dict, prefix: str) -> set[str]:
        found = set()
        for name, spec in definition["properties"].items():
            found.add(prefix + name)
            options = spec.get("anyOf", [spec])
            for option in options:
                target = option.get("items", option)
                if "$ref" in target:
                    found |= keys(document["$defs"][target["$ref"].split("/")[-1]], f"{prefix}{name}.")
        return found

    def fields(items: list[dict], prefix: str) -> set[str]:
        found = set()
        for field in items:
            found.add(prefix + field["name"])
            found |= fields(field.get("fields", []), f"{prefix}{field['name']}.")
        return found

    [collection] = config("ministry/faq")["collections"]
    [entry] = collection["files"]
    assert entry["file"] == "faq.yaml" and entry["format"] == "faq-yaml"
    assert fields(entry["fields"], "") == keys(document, "")
    assert set(LABELS) == {key.rsplit(".", 1)[-1] for key in keys(document, "")}


def test_every_described_field_has_its_hint_in_both_languages():
    document = schema()
    described = {f"{'Faq' if model is document else model['title']}.{name}"
                 for model in (document, *document["$defs"].values()) if model.get("title") != "RichText"
                 for name, spec in model.get("properties", {}).items() if spec.get("description")}  # fmt: skip
    assert set(HINTS_FR) == described
    hints = re.findall(r'"hint": (\{[^{}]*\})', json.dumps(config(None), ensure_ascii=False))
    assert hints and all(set(json.loads(hint)) == {"fr", "en"} and all(json.loads(hint).values()) for hint in hints)


def test_every_text_is_a_plain_text_area_that_keeps_double_brackets_as_typed():
    [entry] = config(None)["collections"][0]["files"]
    audiences = next(field for field in entry["fields"] if field["name"] == "audiences")
    questions = next(field for field in audiences["fields"] if field["name"] == "questions")
    for name in ("question", "answer"):
        fields = next(field for field in questions["fields"] if field["name"] == name)["fields"]
        assert [(field["name"], field["widget"]) for field in fields] == [("fr", "text"), ("en", "text"), ("confirmed", "faq-confirmed")]
    title = next(field for field in entry["fields"] if field["name"] == "document")["fields"][0]
    assert [(field["name"], field["widget"]) for field in title["fields"]] == [("fr", "text"), ("en", "text"), ("confirmed", "string")]
    # The translation status and its "confirm" where the check follows it (FOLLOWED_TEXTS), and only there.
    assert json.dumps(config(None)).count('"faq-confirmed"') == len(FOLLOWED_TEXTS)
    assert not re.search(r'"widget": "(markdown|richtext)"', json.dumps(config(None)))


def test_the_bundle_is_what_its_sources_build():
    """dist/ is kept in git: a change to src/, the build or the lock without `make admin` fails here,
    and so does a file of dist/ edited by hand."""
    built_from = json.loads((BUILT / MANIFEST).read_text())

    def sha256(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    sources = ["build.mjs", "package.json", "package-lock.json", *(p.relative_to(ADMIN).as_posix() for p in sorted((ADMIN / "src").iterdir()))]
    assert {name: sha256(ADMIN / name) for name in sources} == built_from["sources"], "run `make admin`"
    outputs = {p.relative_to(ADMIN).as_posix(): sha256(p) for p in sorted(BUILT.rglob("*")) if p.is_file() and p.name != MANIFEST}
    assert outputs == built_from["outputs"]
    lock = json.loads((ADMIN / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/@sveltia/cms"]["version"] == json.loads((ADMIN / "package.json").read_text())["dependencies"]["@sveltia/cms"]


def test_the_editors_page_is_not_a_page_of_the_faq(built_site):
    admin = built_site / "admin"
    assert (admin / "index.html").is_file() and json.loads((admin / "config.json").read_text())["load_config_file"] is False
    page = (admin / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in page and "<script>" not in page
    assert "connect-src 'self' data: https://api.github.com;" in page
    sitemap = (built_site / "sitemap.xml").read_text()
    assert "/admin" not in sitemap
    assert not any("admin" in path.name for path in (built_site / "pagefind").rglob("*"))
    assert all("/admin" not in (built_site / name / "index.html").read_text() for name in ("", "en"))
