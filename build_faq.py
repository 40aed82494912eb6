#!/usr/bin/env python3
"""Generate the bilingual FAQ pages from faq.yaml. Run `make check`, or `.venv/bin/python build_faq.py --help`."""

import sys

try:
    from faqgen.cli import run
except ModuleNotFoundError as missing:  # run by a Python without the project's packages
    print(f"build_faq.py: this Python ({sys.executable}) does not have the project's packages ({missing.name} is "
          "missing): run `make check` (or `make serve`, `make site`), which sets them up in .venv/ first, or "
          "`.venv/bin/python build_faq.py …` once they are", file=sys.stderr)  # fmt: skip
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(run())
