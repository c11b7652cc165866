# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run test setup lint mypy migrate seed messages makemessages clean

# The stamp is rebuilt whenever pyproject.toml changes, so new dependencies install themselves.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed messages

# Compiled catalogues are build products (not committed): compile them from locale/*.po.
messages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv -v 0

makemessages: $(VENV)/.installed
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=tests --no-obsolete

migrate: setup
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

# The web server, one worker of the task queue and the scheduler (Procfile, run by honcho).
run: seed
	HOST=$(HOST) $(VENV)/bin/honcho start -f Procfile

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) tools/module_size.py

# Types: cchc, reports and every app's services and selectors ([tool.mypy] in pyproject.toml). The cache
# (.mypy_cache) makes a second run a few seconds.
mypy: setup
	$(VENV)/bin/mypy

# The suite runs on every core (pytest-xdist: one test database per worker; --dist loadfile gives each worker
# whole test files, so a module's seeded demo data and its browser stay on one worker). PYTEST_WORKERS=0 runs
# it in one process; PYTEST_ARGS adds pytest options (e.g. PYTEST_ARGS="-k seed"). The workers must collect the
# same tests in the same order, and parametrize ids print sets in hash order: one PYTHONHASHSEED for the run,
# random unless given (pytest's header prints it, to reproduce a run).
PYTEST_WORKERS ?= auto

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) tools/module_size.py
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	PYTHONHASHSEED=$${PYTHONHASHSEED:-$$(shuf -i 0-4294967295 -n 1)} \
		$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts
