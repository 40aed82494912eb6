# Two commands for a fresh machine (see README.md):
#   make site    set up, then build, verify and publish the site into site/   (make serve: live preview)
#   make test    set up, then run the linter, check faq.yaml strictly, run the tests
#   make bench   set up, then measure build and downloads at 1,000-10,000 questions (bench/RESULTS.md)
#   make shots   screenshots for a reviewer (bench/shots/); make lighthouse: mobile Lighthouse scores
VENV   := .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# The browser tests drive this Chromium; Debian's package is installed when it is missing.
export CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup browser pango site serve check test bench shots lighthouse
setup: $(VENV)/installed

browser:
	@test -x "$(CHROMIUM)" || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# WeasyPrint (the PDFs) needs the system's Pango and a font; Debian's packages, when missing.
pango:
	@/sbin/ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -q . || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; }

# The pinned lock, then faqgen itself (editable: its CLI `faqgen` and MkDocs plugin `faq`).
$(VENV)/installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --requirement requirements.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	touch $@

site: setup pango
	$(PYTHON) build_faq.py site

serve: setup pango
	$(VENV)/bin/mkdocs serve

check: setup
	$(PYTHON) build_faq.py check

test: setup browser pango
	$(VENV)/bin/ruff check .
	$(PYTHON) build_faq.py check --strict
	$(PYTHON) -m pytest

bench: setup browser pango
	$(PYTHON) -m bench.run

# For a reviewer: screenshots of the home and an audience page, both languages, 375 and 1280 px
# (bench/shots/), and Lighthouse's mobile scores of the same pages (in `make bench` too).
shots: setup browser pango
	$(PYTHON) -m bench.shots

lighthouse: setup browser pango
	$(PYTHON) -m bench.lighthouse
