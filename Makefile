# Two commands for everyone: `make run` serves the demo, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install setup lint clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 이상이 필요합니다. 예: make run PYTHON=python3.12")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_demo_editor --site http://$(HOST):$(PORT)

run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
ifneq ($(filter postgres% pgsql% psql% postgis%,$(DATABASE_URL)),)
	$(BIN)/python manage.py lintmigrations
else
	@echo "*** 마이그레이션 린터(lintmigrations)는 PostgreSQL에서만 돕니다: DATABASE_URL=postgres://… make test"
endif
	@test -x /usr/bin/chromium || echo "*** Chromium(/usr/bin/chromium)이 없어 브라우저 테스트(tests/e2e)를 건너뜁니다. 설치: apt-get install chromium"
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
