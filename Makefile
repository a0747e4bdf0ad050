# The one entry point: `make test` checks everything CI checks.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# The suite runs on the newest Python installed here and again on the 3.9 floor.
NEWEST := $(shell ls -d /root/.pyenv/versions/3.* 2>/dev/null | sort -V | tail -n 1)
PYTHON ?= $(if $(NEWEST),$(NEWEST)/bin/python3,python3)
VENV := .venv
VPY := $(VENV)/bin/python
# The supported floor: the suite runs again on it when it is installed.
PY39 := $(firstword $(wildcard /root/.pyenv/versions/3.9*/bin/python3))
VENV39 := .venv-py39
# The declared floors: every direct dependency at its lowest version, on the 3.9 floor too.
VENVLOW := .venv-lowest
UV := $(VENV)/bin/uv
PIP_QUIET := --quiet --disable-pip-version-check

.PHONY: help install demo generate check-generated lint test test-default test-py39 test-lowest bench bench-venvs cassettes incumbent

help:
	@echo "make demo             a streamed workflow with a file, through the CLI, on the local emulator"
	@echo "make relay-demo       the chat page and the AG-UI relay (sketricgen relay) on the local emulator"
	@echo "make install          create .venv with the project and its dev tools"
	@echo "make test             everything CI checks (lint, generated code, tests on every Python)"
	@echo "make test-lowest      the suite on Python 3.9 with every dependency at its declared floor"
	@echo "make incumbent        install sketricgen 0.3.0 alone into .incumbent/ (the equivalence tests run it)"
	@echo "make generate         regenerate generated/ from openapi/sketricgen.yaml"
	@echo "make check-generated  fail if generated/ is stale"
	@echo "make lint             ruff and mypy --strict"
	@echo "make bench            the SDK against plain httpx and the incumbent: bench/results/latest.md (not in test)"
	@echo "make cassettes        re-record cassettes/ against the local emulator (deterministic)"
	@echo "make mutation         mutation scores of the sans-IO cores: bench/results/mutation.md (not in test)"

$(VENV)/.installed: pyproject.toml
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install $(PIP_QUIET) --upgrade pip
	$(VPY) -m pip install $(PIP_QUIET) -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

# The incumbent sketricgen 0.3.0 alone in .incumbent/ (it imports as `sketricgen` too, so
# it shares no venv with this SDK): tests/admin/test_incumbent_equivalence.py runs it in a
# child process with PYTHONPATH=.incumbent, on the test venv's httpx and pydantic.
INCUMBENT_DIR := .incumbent

$(INCUMBENT_DIR)/.installed: | $(VENV)/.installed
	rm -rf $(INCUMBENT_DIR)
	$(VPY) -m pip install $(PIP_QUIET) --no-deps --no-compile --target $(INCUMBENT_DIR) 'sketricgen==0.3.0' || \
		{ echo "could not install sketricgen 0.3.0 from PyPI into $(INCUMBENT_DIR): the incumbent equivalence tests cannot run"; exit 1; }
	@touch $@

incumbent: $(INCUMBENT_DIR)/.installed

demo: install
	@$(VPY) scripts/demo.py

generate: install
	$(VPY) scripts/generate.py

check-generated: install
	$(VPY) scripts/generate.py --check

# The replay scenarios against a fresh emulator; recording twice changes nothing.
cassettes: install
	$(VPY) scripts/record_cassettes.py

lint: install
	$(VENV)/bin/ruff check src tests scripts bench
	$(VENV)/bin/ruff format --check src tests scripts bench
	$(VENV)/bin/mypy --strict

test-default: install incumbent
	$(VPY) -m pytest
	@$(VPY) -c 'import sys; print("suite ran on Python", sys.version.split()[0], "(" + sys.executable + ")")' | tee -a .tested-interpreters

# The 3.9 environment installs the project as a wheel would (not editable).
test-py39: incumbent
ifneq ($(PY39),)
	@test -x $(VENV39)/bin/python || $(PY39) -m venv $(VENV39)
	$(VENV39)/bin/python -m pip install $(PIP_QUIET) --upgrade pip
	$(VENV39)/bin/python -m pip install $(PIP_QUIET) --force-reinstall --no-deps .
	$(VENV39)/bin/python -m pip install $(PIP_QUIET) '.[test,testing]'
	cd tests && ../$(VENV39)/bin/python -m pytest -c ../pyproject.toml --rootdir .. -m 'not wheel and not frontend' .
	@$(VENV39)/bin/python -c 'import sys; print("suite ran on Python", sys.version.split()[0], "(" + sys.executable + ")")' | tee -a .tested-interpreters
else
	@echo "no Python 3.9 under /root/.pyenv/versions: skipped the floor run" | tee -a .tested-interpreters
endif

# uv's lowest-direct resolution installs the lowest version each requirement allows.
# First pass: the SDK's own floors (pydantic, httpx...) with the emulator and the test
# tools, on the whole suite but the tests that need the relay extra: ag-ui-protocol asks
# for a newer pydantic than the SDK's floor. Second pass: the test extra at its floors
# (the relay extra too), on those tests and the README's examples (they show the relay).
# The cassette check is left out: httpx < 0.28 writes JSON bodies with spaces, so
# re-recorded cassettes differ byte for byte.
RELAY_TESTS = relay test_readme.py $(shell grep -rlE '^\s*(from|import) (ag_ui|playwright)|sketricgen[.]relay|from sketricgen import .*relay' tests --include='*.py' | grep -v '^tests/relay/' | sed 's|^tests/||' | sort)
LOWPY := $(VENVLOW)/bin/python
LOW_PYTEST := cd tests && ../$(LOWPY) -m pytest -c ../pyproject.toml --rootdir .. -m 'not wheel and not frontend'
LOW_INSTALL := $(UV) pip install --quiet --python $(LOWPY) --resolution lowest-direct
LOW_SHOWN := ^(httpx|httpcore|pydantic|pydantic-core|typing-extensions|attrs|starlette|uvicorn|python-multipart|pytest|pytest-timeout|openapi-spec-validator|pyyaml|vcrpy|ag-ui-protocol|playwright)==

test-lowest: install incumbent
ifneq ($(PY39),)
	rm -rf $(VENVLOW)
	$(UV) venv --quiet --python $(PY39) $(VENVLOW)
	$(VPY) scripts/extra_requirements.py test --without sketricgen ag-ui-protocol playwright > $(VENVLOW)/test-floors.txt
	$(LOW_INSTALL) -e '.[testing]' -r $(VENVLOW)/test-floors.txt
	@echo "== lowest-direct, the SDK's floors:"; $(UV) pip freeze --python $(LOWPY) | grep -iE '$(LOW_SHOWN)' | paste -sd ' '
	@echo "== left out here: the cassette check (httpx < 0.28 spaces JSON bodies); the relay tests (next pass)"
	$(LOW_PYTEST) $(addprefix --ignore=,$(RELAY_TESTS)) --deselect=tests/emulator/test_emulator_cassettes.py::test_the_cassettes_are_current .
	$(LOW_INSTALL) -e '.[test,testing]'
	@echo "== lowest-direct, the test extra's floors:"; $(UV) pip freeze --python $(LOWPY) | grep -iE '$(LOW_SHOWN)' | paste -sd ' '
	$(LOW_PYTEST) $(RELAY_TESTS)
	@$(LOWPY) -c 'import sys; print("suite ran on Python", sys.version.split()[0], "with the lowest dependencies (" + sys.executable + ")")' | tee -a .tested-interpreters
else
	@echo "no Python 3.9 under /root/.pyenv/versions: skipped the lowest-dependency run" | tee -a .tested-interpreters
endif

test:
	@rm -f .tested-interpreters
	$(MAKE) lint
	$(MAKE) check-generated
	$(MAKE) frontend-deps
	$(MAKE) test-default
	$(MAKE) test-py39
	$(MAKE) test-lowest
	@echo "== interpreters that ran the suite:"; cat .tested-interpreters; rm -f .tested-interpreters

# The benchmark needs only the project and its `bench` extra (not the dev tools).
$(VENV)/.bench-installed: pyproject.toml
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install $(PIP_QUIET) -e '.[bench]'
	@touch $@

# The cold-start rows run each side in a venv with runtime dependencies only: this
# project (editable) in one, the incumbent sketricgen 0.3.0 from PyPI in another (it
# imports as `sketricgen` too). Without PyPI the incumbent's rows say so.
COLD_VENV := bench/.venv-coldstart
INCUMBENT_VENV := bench/.venv-incumbent

$(COLD_VENV)/.installed: pyproject.toml
	@test -x $(COLD_VENV)/bin/python || $(PYTHON) -m venv $(COLD_VENV)
	$(COLD_VENV)/bin/python -m pip install $(PIP_QUIET) -e .
	@touch $@

$(INCUMBENT_VENV)/.installed:
	@test -x $(INCUMBENT_VENV)/bin/python || $(PYTHON) -m venv $(INCUMBENT_VENV)
	$(INCUMBENT_VENV)/bin/python -m pip install $(PIP_QUIET) 'sketricgen==0.3.0' || \
		echo "could not install sketricgen 0.3.0: the cold-start rows have no incumbent"
	@touch $@

bench-venvs: $(COLD_VENV)/.installed $(INCUMBENT_VENV)/.installed

bench: $(VENV)/.bench-installed bench-venvs
	$(VPY) -m bench.run

# Each sans-IO core's mutants against its unit tests (scripts/mutate.py; not part of `make test`).
.PHONY: mutation
mutation: install
	$(VPY) scripts/mutate.py --jobs 2

# The frontend suites (tests/relay, marker `frontend`, newest Python only) drive the relay
# with Node's @ag-ui/client (npm packages pinned by the lockfile) and Debian's Chromium.
RELAY_JS := tests/relay/js
CHROMIUM := /usr/bin/chromium
APT_INSTALL := apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

.PHONY: relay-demo frontend-deps

# Open the printed address; ?agent=hitl-agent (or another built-in agent) switches agents.
relay-demo: install
	@echo "add ?agent=hitl-agent (or agent-123, error-agent, out-of-credits-agent) to the page's address to talk to another agent"
	$(VPY) -m sketricgen relay --agent demo-agent --emulator --allow agent-123 \
		--allow hitl-agent --allow error-agent --allow out-of-credits-agent

frontend-deps: $(RELAY_JS)/node_modules/.package-lock.json $(CHROMIUM)

$(RELAY_JS)/node_modules/.package-lock.json: $(RELAY_JS)/package.json $(RELAY_JS)/package-lock.json
	@command -v npm >/dev/null || { $(APT_INSTALL) nodejs npm; } || \
		{ echo "npm is missing and apt-get could not install it: the Node client suite cannot run"; exit 1; }
	cd $(RELAY_JS) && npm ci
	@touch $@

$(CHROMIUM):
	$(APT_INSTALL) chromium || \
		{ echo "apt-get could not install chromium: the browser suite cannot run"; exit 1; }
	@test -x $@
