# Interview Desk — set-up, run, test, bench, bundle.
# Every target that needs the environment depends on `setup`, which is
# idempotent: stamps make a second run cost a few file checks.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The GTK window test needs Debian's own Python (its PyGObject is built for it).
GTK_VENV := .venv-gtk
GTK_PY := $(GTK_VENV)/bin/python
SYSTEM_PYTHON ?= /usr/bin/python3
NPM ?= npm
STAMPS := .make

WEBUI_SOURCES := $(shell find webui -path webui/node_modules -prune -o -path webui/dist -prune -o -type f -print 2>/dev/null)

.PHONY: setup system-deps run serve test lint typecheck test-python bench bench-relay bench-ui \
	bench-runners bench-app bench-hostile bundle clean screenshots

setup: $(STAMPS)/venv $(STAMPS)/webui-build $(STAMPS)/pyodide $(STAMPS)/pyodide-snapshot $(STAMPS)/node-tools

$(STAMPS):
	mkdir -p $(STAMPS)

$(STAMPS)/venv: pyproject.toml requirements.lock | $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(STAMPS)/webui-deps: webui/package.json webui/package-lock.json | $(STAMPS)
	cd webui && $(NPM) ci --no-audit --no-fund
	touch $@

$(STAMPS)/webui-build: $(STAMPS)/webui-deps $(WEBUI_SOURCES)
	cd webui && $(NPM) run build
	touch $@

# npm ci checks every file against the lock's integrity hash (and empties the folder,
# so the snapshot below is made again whenever the lock changes).
$(STAMPS)/pyodide: pyodide_bundle/package.json pyodide_bundle/package-lock.json | $(STAMPS)
	cd pyodide_bundle && $(NPM) ci --no-audit --no-fund
	touch $@

# A memory snapshot of Pyodide with the runner's helper imported, written next to the
# Pyodide files; then brotli and gzip copies of every runtime file (Pyodide's and those
# desktop/languages.json lists), which the relay sends to browsers that accept them
# (a few minutes on a fresh clone: see the script for the brotli qualities).
$(STAMPS)/pyodide-snapshot: $(STAMPS)/pyodide scripts/make-pyodide-snapshot.mjs \
		scripts/precompress-runtimes.mjs desktop/languages.json \
		webui/src/runners/python/helper.py webui/src/runners/python/snapshot_prepare.py | $(STAMPS)
	node scripts/make-pyodide-snapshot.mjs
	node scripts/precompress-runtimes.mjs
	touch $@

# puppeteer-core drives Debian's Firefox ESR: it must never download a browser of its own.
$(STAMPS)/node-tools: tests/node/package.json tests/node/package-lock.json | $(STAMPS)
	cd tests/node && PUPPETEER_SKIP_DOWNLOAD=1 $(NPM) ci --no-audit --no-fund
	touch $@

# A venv of Debian's Python that sees the system's PyGObject and WebKitGTK bindings, with the
# app's runtime dependencies (not Qt) pinned by requirements.lock: only the GTK window test uses it.
$(STAMPS)/venv-gtk: pyproject.toml requirements.lock $(STAMPS)/venv | $(STAMPS) system-deps
	test -x $(GTK_PY) || $(SYSTEM_PYTHON) -m venv --system-site-packages $(GTK_VENV)
	$(GTK_PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock \
		$$($(PY) -c 'import re, tomllib; deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]; print(" ".join(sorted({re.split(r"[;\[ ]", d)[0] for d in deps})))')
	$(GTK_PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Debian packages: Qt's runtime libraries for the window; for tests Chromium, Firefox ESR,
# WebKitGTK's WebDriver and GTK bindings, Xvfb.
system-deps:
	bash scripts/system-deps.sh test

run: setup
	bash scripts/system-deps.sh run
	$(PY) -m desktop

serve: setup
	$(PY) -m desktop serve

lint: setup
	$(VENV)/bin/ruff check desktop tests webui/src/runners
	$(VENV)/bin/ruff format --check desktop tests webui/src/runners
	$(VENV)/bin/mypy
	cd webui && $(NPM) exec -- tsc --noEmit && $(NPM) exec -- tsc --noEmit -p tsconfig.worker.json

test: setup system-deps $(STAMPS)/venv-gtk lint
	PY=$(PY) bash scripts/test-tiers.sh

# README's screenshots, taken by the browser test that `make test` points at a temporary folder.
screenshots: setup system-deps
	INTERVIEW_DESK_SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/browser/test_screenshots.py -q

bench: bench-relay bench-ui bench-runners bench-app

bench-relay: setup system-deps
	$(PY) -m tests.bench.relay_bench

bench-ui: setup system-deps
	$(PY) -m tests.bench.ui_latency

bench-runners: setup system-deps
	$(PY) -m tests.bench.runners_bench
	$(PY) -m tests.bench.startup_bench
	$(PY) -m tests.bench.tests_bench

bench-app: setup system-deps
	$(PY) -m tests.bench.app_bench

bench-hostile: setup
	$(PY) -m tests.bench.hostile_bench

bundle: setup
	bash scripts/system-deps.sh run
	$(VENV)/bin/pyinstaller app.spec --noconfirm --workpath .pyinstaller/work --distpath dist

clean:
	rm -rf $(STAMPS) $(GTK_VENV) webui/dist .pyinstaller dist .mypy_cache .ruff_cache .pytest_cache
