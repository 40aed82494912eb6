# Two commands for a fresh machine (see README.md):
#   make site    set up, then build, verify and publish the site into site/   (make serve: live preview)
#   make test    set up, then run the linter, check faq.yaml strictly, run the tests
#   make bench   set up, then measure build and downloads at 1,000-10,000 questions (bench/RESULTS.md)
#   make shots   screenshots for a reviewer (bench/shots/); make lighthouse: mobile Lighthouse scores
VENV   := .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# The browser tests drive this Chromium: Debian's (installed when missing), or the Chrome that
# GitHub's Ubuntu runners come with (their apt's chromium is only a stub for a snap).
export CHROMIUM ?= $(firstword $(wildcard /usr/bin/chromium /usr/bin/google-chrome) /usr/bin/chromium)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Another apt run (unattended upgrades, a second build) holds dpkg's lock: wait for it, not fail.
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600

.PHONY: setup lock lock-mutate browser node site serve check test bench shots lighthouse admin mutate
setup: $(VENV)/installed

browser:
	@test -x "$(CHROMIUM)" || { $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium; }

# The editors' page's writer is tested as published, in Node (tests/test_in_place.py): Debian's
# nodejs where there is no `node` (GitHub's runners bring one).
node:
	@command -v node >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq nodejs; }

# The lock (every package pinned with its hashes, wheels only: no build step runs unpinned code),
# then faqgen itself (editable: its CLI `faqgen` and MkDocs plugin `faq`).
$(VENV)/installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes --only-binary :all: \
	  --requirement requirements.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	touch $@

# requirements.txt from pyproject.toml, the pins it has kept (`make lock UPGRADE=--upgrade` moves
# them all; Dependabot proposes one at a time). pip-tools runs from a throwaway environment.
lock:
	python3 -m venv .venv-lock && .venv-lock/bin/python -m pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile --quiet --extra dev --generate-hashes --allow-unsafe --no-strip-extras \
	  --no-emit-index-url --no-emit-find-links $(UPGRADE) --output-file requirements.txt pyproject.toml
	rm -rf .venv-lock

site: setup
	$(PYTHON) build_faq.py site

serve: setup
	$(VENV)/bin/mkdocs serve

check: setup
	$(PYTHON) build_faq.py check

test: setup browser node
	$(VENV)/bin/ruff check .
	$(PYTHON) build_faq.py check --strict
	$(PYTHON) -m pytest

# How many small breakages of the modules that keep readers safe the tests notice (bench/mutate.py:
# mutmut, pinned in its own lock beside the project's). Slow: not part of `make test`.
mutate: setup node
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes --only-binary :all: \
	  --requirement bench/requirements-mutate.txt
	$(PYTHON) -m bench.mutate

lock-mutate:
	python3 -m venv .venv-lock && .venv-lock/bin/python -m pip install --quiet pip-tools==7.6.2
	cd bench && ../.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
	  --no-emit-index-url --no-emit-find-links $(UPGRADE) --output-file requirements-mutate.txt requirements-mutate.in
	rm -rf .venv-lock

bench: setup browser
	$(PYTHON) -m bench.run

# For a reviewer: screenshots of the home and an audience page, both languages, 375 and 1280 px
# (bench/shots/), and Lighthouse's mobile scores of the same pages (in `make bench` too).
shots: setup browser
	$(PYTHON) -m bench.shots

lighthouse: setup browser
	$(PYTHON) -m bench.lighthouse

# The editors' page's CMS, faqgen/admin/dist/ (kept in git: publishing needs neither Node nor the
# network), rebuilt from faqgen/admin/package-lock.json after a change to faqgen/admin/src/ or an
# upgrade of Sveltia CMS (docs/publishing.md). tests/test_admin.py fails when dist/ is stale.
admin:
	npm ci --prefix faqgen/admin --ignore-scripts --no-audit --no-fund
	node faqgen/admin/build.mjs
