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
