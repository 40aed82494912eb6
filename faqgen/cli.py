"""Command line: the only place that prints. Exit codes: 0 fine, 1 content errors, 2 usage errors."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from . import processes, translations, xliff
from .addresses import Addresses
from .changes import report, unreadable
from .confirm import confirm, to_confirm
from .languages import LANGUAGES, NAMES, folders, project_root_language
from .loader import load_bytes, load_file, load_text
from .model import iso_date
from .pipeline import check, generate
from .problems import FaqError, Problem, os_error_message
from .publish import PublishError, build_site
from .schema import SCHEMA_FILE, schema_text
from .validate import validate
from .write import HandWrittenPageError, editing, replace_file

ROOT = Path(__file__).resolve().parent.parent


def _date(text: str) -> dt.date:
    try:
        return iso_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _preview_label(text: str) -> str:
    """What a preview's banner names (a pull request, a branch): one short line of text."""
    label = text.strip()
    if not label or len(label) > 80 or not label.isprintable():
        raise argparse.ArgumentTypeError("a preview's label is one line of text, 1 to 80 characters, e.g. \"pull request #12\"")
    return label


def _site_address(text: str) -> str:
    """A site's address, as FAQ_SITE_URL gives one: https://…/, ending with a slash."""
    if not re.fullmatch(r"https?://[^\s/?#\\]+(/[^\s?#\\]*)?", text):
        raise argparse.ArgumentTypeError(f"`{text}` is not a site's address, such as https://example.github.io/faq-previews/pr-12/")
    return text.rstrip("/") + "/"


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="build_faq.py",
        description="Generate the bilingual FAQ pages in content/ from faq.yaml.",
    )
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("file", nargs="?", default="faq.yaml", help="the FAQ source (default: faq.yaml)")
        sub.add_argument("--format", choices=FORMATS, default="auto",
                         help="how problems are shown: plain lines, GitHub annotations or JSON "
                              "(default: github under GitHub Actions, else plain)")  # fmt: skip
        return sub

    build = command("build", "check faq.yaml and regenerate the pages in content/ (the default command)")
    build.add_argument(
        "--content", default=os.path.relpath(ROOT / "content"), help="where pages go (default: content/)"
    )
    build.add_argument("--as-of", type=_date, help="draw the timeline for this date (default: document.as_of)")
    check_command = command("check", "check faq.yaml without writing anything")
    check_command.add_argument("--strict", action="store_true", help="treat warnings (stale translations) as errors")
    status_command = command("status", "list the texts whose translation is missing, stale or not confirmed")
    status_command.add_argument("--markdown", action="store_true",
                                help="as a Markdown table (for a pull request's job summary)")  # fmt: skip
    confirm_command = command("confirm", "record that the two languages of texts are equivalent (writes faq.yaml)")
    confirm_command.add_argument("--question", action="append", metavar="ID", help="only this question (repeatable)")
    export_command = command("export-xliff", "write the texts to translate as XLIFF, for a translation service")
    export_command.add_argument("--target", choices=LANGUAGES, required=True, help="the language to translate into")
    export_command.add_argument("--all", action="store_true",
                                help="every text, not only those whose translation is missing, stale or unconfirmed")  # fmt: skip
    export_command.add_argument("--version", choices=xliff.VERSIONS, default="1.2", help="XLIFF version (default: 1.2)")
    export_command.add_argument("-o", "--output", help="the file to write (default: standard output)")
    import_command = command("import-xliff", "put the translations of an XLIFF file into faq.yaml (writes faq.yaml)")
    import_command.add_argument("xliff", metavar="XLIFF", help="the translated XLIFF file")
    import_command.add_argument("--partial", action="store_true",
                                help="write the accepted units even if others are refused (listed)")  # fmt: skip
    site = command("site", "build the publishable site: check strictly, build, verify, then replace site/")
    site.add_argument("--output", default="site", help="where the site goes (default: site/)")
    site.add_argument("--preview", metavar="LABEL", type=_preview_label,
                      help="a reviewers' preview: a banner naming LABEL on every page, not indexed, no sitemap or feeds")  # fmt: skip
    diff = commands.add_parser("diff", help="what changed for readers since a git revision (for reviews)")
    diff.add_argument("revision", metavar="REV", help="a git revision, e.g. origin/main")
    diff.add_argument("file", nargs="?", default="faq.yaml", help="the FAQ source (default: faq.yaml)")
    diff.add_argument("--preview", metavar="URL", type=_site_address,
                      help="the address of this change's preview: each question added or changed links to itself there")  # fmt: skip
    schema = commands.add_parser("schema", help=f"write {SCHEMA_FILE}, the JSON Schema editors use")
    schema.add_argument("--output", default=str(ROOT / SCHEMA_FILE), help=f"where to write it (default: {SCHEMA_FILE})")
    return main


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    arguments = parser().parse_args(argv)
    if arguments.command is None:  # `build` is the default command
        arguments = parser().parse_args(["build", *argv])
    if arguments.command == "schema":
        try:
            replace_file(Path(arguments.output), schema_text())
        except OSError as error:
            print(f"build_faq.py: error: {os_error_message(error)}; nothing was changed.", file=sys.stderr)
            return 1
        print(f"wrote {arguments.output}")
        return 0
    file = Path(arguments.file)
    if not file.is_file():
        print(f"build_faq.py: error: {file}: no such file", file=sys.stderr)
        return 2
    # A polite stop (Ctrl-C, or SIGTERM from CI or a supervisor) still runs the clean-ups.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        return COMMANDS[arguments.command](file, arguments)
    except FaqError as error:
        _print_problems(error.problems, arguments)
        count = len(error.errors)
        print(f"{count} error{'s' if count != 1 else ''}; nothing was written.", file=sys.stderr)
        return 1
    except (HandWrittenPageError, PublishError, processes.ChildFailed) as error:
        print(f"build_faq.py: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"build_faq.py: error: {os_error_message(error)}; nothing was changed.", file=sys.stderr)
        return 1


def run() -> int:
    """The command line's entry point (build_faq.py, `faqgen`): main(), its objects then left to
    the end of the process. On its way out Python runs one more cycle collection over every
    object still held, 0.25 s of `site` at 5,000 questions; frozen, they are skipped by it (and
    freed as usual). Not in main() itself: the tests call it many times in one process."""
    code = main()
    gc.freeze()
    return code


FORMATS = ("auto", "plain", "github", "json")


def _print_problems(problems: list[Problem], arguments) -> None:
    """Problems as lines (stderr), as GitHub workflow annotations on the pull request's lines
    (stdout, where GitHub reads them) or as one JSON array (stdout)."""
    chosen = getattr(arguments, "format", "plain")
    if chosen == "auto":  # as yamllint chooses: annotations where GitHub Actions will show them
        chosen = "github" if "GITHUB_ACTIONS" in os.environ and "GITHUB_WORKFLOW" in os.environ else "plain"
    if chosen == "json":
        print(json.dumps([asdict(problem) for problem in problems], ensure_ascii=False, indent=2))
    elif chosen == "github":
        for problem in problems:
            print(_annotation(problem))
    else:
        for problem in problems:
            print(problem, file=sys.stderr)


def _say(arguments, text: str) -> None:
    """A command's closing line: on stdout, unless stdout carries JSON."""
    print(text, file=sys.stderr if getattr(arguments, "format", "plain") == "json" else sys.stdout)


def _annotation(problem: Problem) -> str:
    """::error file=…,line=…,col=…::message (GitHub's workflow command, its special characters escaped)."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    where = f" ({problem.context})" if problem.context else ""
    return (f"::{problem.severity} file={prop(problem.file)},line={problem.line},col={problem.column},"
            f"title={prop(Path(problem.file).name + ' ' + problem.severity)}::{data(problem.message + where)}")  # fmt: skip


def _build(file: Path, arguments) -> int:
    result = generate(file, Path(arguments.content), as_of=arguments.as_of, display_name=str(file))
    _print_problems(result.warnings, arguments)
    report = result.report
    _say(arguments, f"{arguments.content}: {len(report.written)} written, {len(report.removed)} removed, "
                    f"{len(report.unchanged)} unchanged")  # fmt: skip
    return 0


def _check(file: Path, arguments) -> int:
    checked = check(file, str(file), strict=arguments.strict)
    _print_problems(checked.warnings, arguments)
    questions = sum(1 for _ in checked.faq.questions())
    warnings = (
        f", {len(checked.warnings)} warning{'s' if len(checked.warnings) != 1 else ''}" if checked.warnings else ""
    )
    _say(arguments, f"{file}: OK, {questions} questions in {len(checked.faq.audiences)} audiences{warnings}")
    return 0


def _status(file: Path, arguments) -> int:
    try:
        source = load_file(file, str(file))
    except FaqError as error:
        if not arguments.markdown:
            raise
        print(translations.unreadable_summary(str(file), len(error.errors)), end="")
        _print_problems(error.problems, argparse.Namespace(format="plain"))
        return 1
    statuses = translations.statuses(source)
    if arguments.markdown:
        print(translations.summary(statuses, str(file)), end="")
        return 0
    counts = dict.fromkeys(translations.State, 0)
    for status in statuses:
        counts[status.state] += 1
        if not status.ok:
            languages = ", ".join(
                f"{NAMES[lang]} {state.value}"
                for lang, state in status.states.items()
                if state is not translations.State.OK
            )
            print(f"{status.owner}: {status.field}: {languages}")
    summary = ", ".join(f"{counts[state]} {state.value}" for state in translations.State)
    print(f"{len(statuses)} texts followed: {summary}")
    return 0


def _waiting_for(file: Path) -> Callable[[], None]:
    return lambda: print(f"{file}: another command is changing it; waiting for it", file=sys.stderr)


def _confirm(file: Path, arguments) -> int:
    with editing(file, _waiting_for(file)):
        source = load_file(file, str(file))
        chosen = to_confirm(source, set(arguments.question) if arguments.question else None)
        if chosen:
            replace_file(file, confirm(source, chosen))
    print(f"{file}: {len(chosen)} text{'s' if len(chosen) != 1 else ''} confirmed")
    return 0


def _export_xliff(file: Path, arguments) -> int:
    source = load_file(file, str(file))
    text = xliff.export(source, arguments.target, everything=arguments.all, version=arguments.version,
                        site_url=os.environ.get("FAQ_SITE_URL"), language_dirs=folders(project_root_language(file.resolve().parent))
                        if (file.resolve().parent / "mkdocs.yml").is_file() else None)  # fmt: skip
    if arguments.output:
        output = Path(arguments.output)
        if output.resolve() in {file.resolve(), file.resolve().parent / "mkdocs.yml"}:
            print(f"build_faq.py: error: {output} is the FAQ's own {output.name}, not a place for the XLIFF: name "
                  "another file, such as to-translate.xlf; nothing was changed.", file=sys.stderr)  # fmt: skip
            return 2
        replace_file(output, text)
        count = text.count("<trans-unit ") + text.count("<unit ")
        print(f"{arguments.output}: {count} text{'s' if count != 1 else ''} to translate into {NAMES[arguments.target]}",
              file=sys.stderr)  # fmt: skip
    else:
        print(text, end="")
    return 0


def _import_xliff(file: Path, arguments) -> int:
    translated = Path(arguments.xliff)
    with editing(file, _waiting_for(file)):
        source = load_file(file, str(file))
        imported = xliff.import_xliff(source, xliff.read(translated), str(translated), partial=arguments.partial)
        if imported.accepted:
            validate(load_text(imported.text, str(file)))  # what is written must pass `check`
            replace_file(file, imported.text)
    _print_problems(imported.refused, arguments)
    _say(arguments, f"{file}: {len(imported.accepted)} translation{'s' if len(imported.accepted) != 1 else ''} "
                    f"imported and confirmed" + (f", {len(imported.refused)} refused" if imported.refused else ""))  # fmt: skip
    return 1 if imported.refused else 0


def _site(file: Path, arguments) -> int:
    if file.name != "faq.yaml":  # the MkDocs hook reads faq.yaml beside mkdocs.yml
        print("build_faq.py: error: the site is built from faq.yaml beside mkdocs.yml", file=sys.stderr)
        return 2

    def waiting() -> None:
        print(f"{arguments.output}: another build is publishing there; waiting for it", file=sys.stderr)

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs builds in this process: no theme banner
    published = build_site(file.resolve().parent, Path(arguments.output), on_wait=waiting, preview=arguments.preview)
    kind = f"a preview ({arguments.preview}), not indexed" if arguments.preview else "published"
    print(f"{arguments.output}: {published.pages} pages built, verified and {kind}")
    if published.site_url is None:
        print(f"{arguments.output}: built without the site's public address (FAQ_SITE_URL), so it has no canonical "
              "addresses, no sitemap and no feeds; CI sets it from the Pages settings (docs/publishing.md)",
              file=sys.stderr)  # fmt: skip
    return 0


def _diff(file: Path, arguments) -> int:
    folder = file.resolve().parent
    commit = _commit(arguments.revision, folder)
    if commit is None:
        print(f"build_faq.py: error: `{arguments.revision}` is not a git revision of {folder} (a branch, tag or "
              "commit, such as origin/main)", file=sys.stderr)  # fmt: skip
        return 2
    # Only the commit's id reaches git: nothing a person typed is read as one of its options.
    shown = subprocess.run(["git", "show", f"{commit}:./{file.name}"], cwd=folder, capture_output=True)
    if shown.returncode != 0:
        print(f"build_faq.py: error: git: {shown.stderr.decode(errors='replace').strip()}", file=sys.stderr)
        return 2
    old = load_bytes(shown.stdout, f"{arguments.revision}:{file.name}")
    try:
        new = load_file(file, str(file))
    except FaqError as error:  # the report says so; the check's annotations place each error
        print(unreadable(arguments.revision, str(file), len(error.errors)), end="")
        _print_problems(error.problems, argparse.Namespace(format="plain"))
        return 1
    preview = None
    if arguments.preview:
        if not (folder / "mkdocs.yml").is_file():
            print(f"build_faq.py: error: --preview needs the site's mkdocs.yml beside {file} (it says which language "
                  "is at the site's root)", file=sys.stderr)  # fmt: skip
            return 2
        root = project_root_language(folder)
        preview = Addresses(arguments.preview, folders(root), root)
    print(report(old, new, arguments.revision, preview), end="")
    return 0


def _commit(revision: str, folder: Path) -> str | None:
    """The id of the commit `revision` names in `folder`'s repository, or None if it names none."""
    found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
                           cwd=folder, capture_output=True, text=True)  # fmt: skip
    commit = found.stdout.strip()
    return commit if found.returncode == 0 and re.fullmatch(r"[0-9a-f]{40,64}", commit) else None


COMMANDS = {"diff": _diff, "site": _site, "build": _build, "check": _check, "status": _status, "confirm": _confirm,
            "export-xliff": _export_xliff, "import-xliff": _import_xliff}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
