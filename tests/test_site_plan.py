"""The site plan (faqgen/site_plan.py) is the one owner of pages and their places: the built site
holds each page where the plan says, and no folder the plan does not know (which an audience's
id could otherwise take)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from helpers import FIXTURES, LANGUAGE_DIRS, ROOT

from faqgen.languages import LANGUAGES, project_root_language, root_language
from faqgen.pipeline import check
from faqgen.rules import Context, reserved_ids
from faqgen.site_plan import RESERVED_PAGE_NAMES, page_names, page_of_source, page_path, source_file

FAQ = check(ROOT / "faq.yaml").faq


def test_every_page_of_the_plan_is_built_where_the_plan_says_and_every_folder_is_known(built_site):
    names = page_names(FAQ)
    for lang in LANGUAGES:
        for name in names:
            assert (built_site / page_path(LANGUAGE_DIRS, lang, name) / "index.html").is_file(), (lang, name)
    for folder in [built_site, *(built_site / folder for folder in LANGUAGE_DIRS.values() if folder)]:
        unknown = {path.name for path in folder.iterdir() if path.is_dir()} - set(names) - RESERVED_PAGE_NAMES
        assert not unknown, f"{folder}: folders the site plan does not reserve: {unknown}"


@pytest.mark.parametrize("name", ["index", "service-providers", "a-1"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_pages_source_file_names_its_page_and_language(name, lang):
    assert page_of_source(f"sub/{source_file(name, lang)}") == (lang, name)


def test_an_audience_cannot_take_a_name_the_plan_keeps():
    faq = check(FIXTURES / "minimal.yaml").faq
    for name in sorted(RESERVED_PAGE_NAMES):
        audience = faq.audiences[0].model_copy(update={"id": name})
        taken = faq.model_copy(update={"audiences": [audience]})
        assert [path for path, _ in reserved_ids.check(Context(taken, None))] == [("audiences", 0, "id")], name


def test_the_root_language_is_the_one_mkdocs_yml_marks_default(tmp_path):
    """The one fact mkdocs.yml holds about the languages (faqgen/languages.py): which is at the root."""
    assert project_root_language(ROOT) == "fr"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("          default: true\n", "")
    config = config.replace("        - locale: en\n", "        - locale: en\n          default: true\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")
    (tmp_path / "content").mkdir()
    (tmp_path / "faq.yaml").write_text("", encoding="utf-8")
    assert project_root_language(tmp_path) == "en"


@pytest.mark.parametrize("defaults", [[], ["fr", "en"], ["de"], None], ids=["none", "two", "another", "no-i18n"])
def test_a_configuration_without_one_known_default_language_is_refused(defaults):
    def language(locale, default):
        return SimpleNamespace(locale=locale, default=default)

    languages = [language(lang, lang in (defaults or [])) for lang in ("fr", "en", "de")]
    plugins = {} if defaults is None else {"i18n": SimpleNamespace(config=SimpleNamespace(languages=languages))}
    with pytest.raises(ValueError, match="^mkdocs.yml: the i18n plugin must mark one of fr, en `default: true`$"):
        root_language(SimpleNamespace(plugins=plugins))
