"""The README cannot drift from the tools: every command and option of the CLI is in its
Commands section, every command the README names exists, and so does every make target."""

from __future__ import annotations

import argparse
import re

from helpers import ROOT

from faqgen.cli import parser

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS_SECTION = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_readme_has_one_commands_section():
    assert README.count("\n## Commands\n") == 1


def test_every_command_and_option_is_in_the_commands_section():
    rows = {line for line in COMMANDS_SECTION.splitlines() if line.startswith("| `build_faq.py")}
    for name, command in subcommands().items():
        row = next((r for r in rows if re.match(rf"\| `build_faq\.py \[?{name}\b", r)), None)
        assert row is not None, f"`build_faq.py {name}` is not in README's Commands"
        for action in command._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in row or option in COMMANDS_SECTION.split("| command |")[0], (name, option)


def test_every_command_the_readme_names_exists():
    named = set(re.findall(r"build_faq\.py (?:\[)?([a-z][a-z-]+)", README))
    assert named <= set(subcommands()), named - set(subcommands())
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    assert set(re.findall(r"\bmake ([a-z][a-z-]+)", README)) <= targets


GUIDES = {"en": ROOT / "docs" / "editors.en.md", "fr": ROOT / "docs" / "editors.fr.md"}


def message_kinds() -> set[str]:
    """Every kind of message the tool gives an editor that has a name: the YAML mistakes, the
    rules, the translation states."""
    from faqgen.rules import RULES
    from faqgen.translations import State
    from faqgen.yaml_mistakes import KINDS

    return set(KINDS) | {rule.ID for rule in RULES} | {state.value for state in State if state is not State.OK}


def test_each_editors_guide_explains_every_kind_of_message_and_no_other():
    for lang, guide in GUIDES.items():
        text = guide.read_text(encoding="utf-8")
        table = text.split("\n## Messages\n" if lang == "en" else "\n## Les messages\n", 1)[1].split("\n## ", 1)[0]
        rows = set(re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE))
        assert rows == message_kinds(), (lang, rows ^ message_kinds())


def test_the_editors_guides_give_commands_that_exist():
    for guide in GUIDES.values():
        text = guide.read_text(encoding="utf-8")
        named = set(re.findall(r"build_faq\.py ([a-z][a-z-]+)", text))
        assert named and named <= set(subcommands()), named - set(subcommands())
        options = set(re.findall(r"build_faq\.py [a-z-]+[^`\n]*?(--[a-z-]+)", text))
        known = {option for command in subcommands().values() for action in command._actions for option in action.option_strings}
        assert options <= known, options - known
        makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
        assert set(re.findall(r"`make ([a-z][a-z-]+)", text)) <= set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
        for link in re.findall(r"\]\(([^)#:]+\.md)\)", text):  # the guides' links to each other and to the notes
            assert (guide.parent / link).is_file(), link


def test_the_architecture_page_names_every_module():
    import pkgutil

    import faqgen

    table = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").split("## How it works", 1)[1].split("\n\n", 3)[2]
    named = set(re.findall(r"`(?:faqgen/)?([a-z_]+)\.py`", table))
    modules = {info.name for info in pkgutil.iter_modules(faqgen.__path__) if not info.ispkg}
    assert modules <= named, modules - named
