#!/usr/bin/env python3
"""Generate the bilingual FAQ pages from faq.yaml. Run `python build_faq.py --help`."""

import sys

from faqgen.cli import run

if __name__ == "__main__":
    sys.exit(run())
