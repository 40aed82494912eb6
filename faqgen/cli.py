"""Command line: the only place that prints. Exit codes: 0 fine, 1 content errors, 2 usage errors."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .pipeline import check, generate
from .problems import FaqError
from .schema import SCHEMA_FILE, schema_text
from .write import HandWrittenPageError

ROOT = Path(__file__).resolve().parent.parent


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date written YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="build_faq.py",
        description="Generate the bilingual FAQ pages in content/ from faq.yaml.",
    )
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="check faq.yaml and regenerate the pages (the default)")
    build.add_argument("file", nargs="?", default="faq.yaml", help="the FAQ source (default: faq.yaml)")
    build.add_argument("--content", default=str(ROOT / "content"), help="where pages go (default: content/)")
    build.add_argument("--as-of", type=_date, help="draw the timeline for this date (default: document.as_of)")
    check_command = commands.add_parser("check", help="check faq.yaml without writing anything")
    check_command.add_argument("file", nargs="?", default="faq.yaml", help="the FAQ source (default: faq.yaml)")
    schema = commands.add_parser("schema", help=f"write {SCHEMA_FILE}, the JSON Schema editors use")
    schema.add_argument("--output", default=str(ROOT / SCHEMA_FILE), help=f"where to write it (default: {SCHEMA_FILE})")
    return main


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    arguments = parser().parse_args(argv)
    if arguments.command is None:  # `build` is the default command
        arguments = parser().parse_args(["build", *argv])
    command = arguments.command
    if command == "schema":
        Path(arguments.output).write_text(schema_text(), encoding="utf-8")
        print(f"wrote {arguments.output}")
        return 0
    file = Path(getattr(arguments, "file", "faq.yaml"))
    if not file.is_file():
        print(f"build_faq.py: error: {file}: no such file", file=sys.stderr)
        return 2
    try:
        if command == "check":
            faq = check(file, str(file))
            print(f"{file}: OK, {sum(1 for _ in faq.questions())} questions in {len(faq.audiences)} audiences")
            return 0
        result = generate(file, Path(arguments.content), as_of=arguments.as_of, display_name=str(file))
    except FaqError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.errors)
        print(f"{count} error{'s' if count != 1 else ''}; nothing was written.", file=sys.stderr)
        return 1
    except HandWrittenPageError as error:
        print(f"build_faq.py: error: {error}", file=sys.stderr)
        return 1
    report = result.report
    print(
        f"{arguments.content}: {len(report.written)} written, {len(report.removed)} removed, "
        f"{len(report.unchanged)} unchanged"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
