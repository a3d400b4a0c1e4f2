# Interview Desk — set-up, run, test, bench, bundle.
# Every target that needs the environment depends on `setup`, which is
# idempotent: stamps make a second run cost a few file checks.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
NPM ?= npm
STAMPS := .make

WEBUI_SOURCES := $(shell find webui -path webui/node_modules -prune -o -path webui/dist -prune -o -type f -print 2>/dev/null)

.PHONY: setup system-deps run serve test lint typecheck test-python bench bench-relay bench-ui \
	bench-runners bench-app bundle clean

setup: $(STAMPS)/venv $(STAMPS)/webui-build $(STAMPS)/pyodide $(STAMPS)/node-tools

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

# npm ci checks every file against the lock's integrity hash; the relay then
# serves the gzip copies made here to browsers that accept them.
$(STAMPS)/pyodide: pyodide_bundle/package.json pyodide_bundle/package-lock.json | $(STAMPS)
	cd pyodide_bundle && $(NPM) ci --no-audit --no-fund
	find pyodide_bundle/node_modules/pyodide -type f -size +8k \( -name '*.wasm' -o -name '*.js' \
		-o -name '*.mjs' -o -name '*.json' -o -name '*.zip' \) -exec gzip -k -f -9 {} \;
	touch $@

$(STAMPS)/node-tools: tests/node/package.json tests/node/package-lock.json | $(STAMPS)
	cd tests/node && $(NPM) ci --no-audit --no-fund
	touch $@

# Debian packages: Qt's runtime libraries for the window; Chromium and Xvfb for tests.
system-deps:
	bash scripts/system-deps.sh test

run: setup
	bash scripts/system-deps.sh run
	$(PY) -m desktop

serve: setup
	$(PY) -m desktop serve

lint: setup
	$(VENV)/bin/ruff check desktop tests
	$(VENV)/bin/ruff format --check desktop tests
	$(VENV)/bin/mypy
	cd webui && $(NPM) exec -- tsc --noEmit

test: setup system-deps lint
	PY=$(PY) bash scripts/test-tiers.sh

bench: bench-relay bench-ui bench-runners bench-app

bench-relay: setup system-deps
	$(PY) -m tests.bench.relay_bench

bench-ui: setup system-deps
	$(PY) -m tests.bench.ui_latency

bench-runners: setup system-deps
	$(PY) -m tests.bench.runners_bench

bench-app: setup system-deps
	$(PY) -m tests.bench.app_bench

bundle: setup
	bash scripts/system-deps.sh run
	$(VENV)/bin/pyinstaller app.spec --noconfirm --workpath .pyinstaller/work --distpath dist

clean:
	rm -rf $(STAMPS) webui/dist .pyinstaller dist .mypy_cache .ruff_cache .pytest_cache
