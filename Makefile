# Two commands for a new machine: `make run` (the embedded setup with a demo year) and
# `make test` (the whole suite on PostgreSQL and Redis). See README.md and docs/deployment.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Written after a successful install: the venv is re-installed only when one of its
# prerequisites is newer than it.
STAMP := $(VENV)/.installed

.PHONY: venv run test lint migrations-check vendor

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@# Debian ships venv's ensurepip in a separate package.
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || bash scripts/system-deps.sh --venv
	@test -x $(PY) || { echo "make: creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "make: installing Python packages into $(VENV) (pinned by requirements.lock)"
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	@touch $@

# The embedded setup: the SQLite default (or whatever DATABASE_URL says), tasks inline, served
# as production serves (DEBUG off, Chinese error pages) over plain HTTP on 127.0.0.1
# (office/settings/embedded.py). WhiteNoise serves the static files collected into var/staticfiles.
run: export DJANGO_SETTINGS_MODULE ?= office.settings.embedded
run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py runserver --noreload 127.0.0.1:8000

# Tests always use the test settings, whatever the shell has exported. They run in one process per
# core (pytest-xdist, each with its own test database); `make test PYTEST_WORKERS=` runs them in one.
PYTEST_WORKERS ?= --numprocesses=auto
test: export DJANGO_SETTINGS_MODULE := office.settings.test
test:
	bash scripts/system-deps.sh
	bash scripts/services.sh
	@$(MAKE) --no-print-directory venv
	$(VENV)/bin/pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .

migrations-check: venv
	$(PY) manage.py makemigrations --check --dry-run

vendor:
	bash scripts/vendor-static.sh
