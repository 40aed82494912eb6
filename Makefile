# Two commands for a fresh machine (see README.md):
#   make site    set up, then build, verify and publish the site into site/   (make serve: live preview)
#   make test    set up, then run the linter, check faq.yaml strictly, run the tests
VENV   := .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site serve check test
setup: $(VENV)/installed

$(VENV)/installed: requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --requirement requirements.txt
	touch $@

site: setup
	$(PYTHON) build_faq.py site

serve: setup
	$(VENV)/bin/mkdocs serve

check: setup
	$(PYTHON) build_faq.py check

test: setup
	$(VENV)/bin/ruff check .
	$(PYTHON) build_faq.py check --strict
	$(PYTHON) -m pytest
