# 黔货进穗 — the two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint audit messages makemessages lock migrate seed benchmark

## Create .venv and install the pinned dependencies (re-runs only when the lock file changes).
install: $(VENV)/.installed
$(VENV)/.installed: requirements.lock package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@# axe-core for the browser tests' accessibility check (skipped with that reason without npm).
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; fi
	touch $@

## Compile the zh_Hans and en translation catalogues (pure Python, no gettext needed).
messages: install
	$(BIN)/pybabel compile --domain django --directory locale --statistics
	$(BIN)/pybabel compile --domain django --directory locale_oscar --statistics

## Serve the demo site on http://127.0.0.1:8000 with SQLite and the local-memory cache.
run: install messages
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo
	DEBUG=true SITE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Lint, check migrations, run the whole suite (on DATABASE_URL when it is set).
test: install messages lint audit
	$(BIN)/python -m pytest

## Known vulnerabilities in the installed packages (pip-audit); says "skipped: <reason>" without network.
audit: install
	$(BIN)/python scripts/audit_dependencies.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports  # the floors (pyproject.toml [tool.importlinter], README "Code layout")

## Developers: extract new strings (needs GNU gettext), re-pin dependencies.
makemessages: install
	DEBUG=true $(BIN)/python manage.py makemessages --locale zh_Hans --locale en --ignore '.venv/*' --ignore 'tests/*' --ignore 'staticfiles/*' --no-obsolete
	@# Chinese is the source language: its catalogue keeps no guesses, so gettext falls back to the msgid.
	msgattrib --clear-fuzzy --empty -o locale/zh_Hans/LC_MESSAGES/django.po locale/zh_Hans/LC_MESSAGES/django.po
lock: install
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links requirements.in -o requirements.lock

benchmark: install
	$(BIN)/python benchmarks/pages.py $(ARGS)
