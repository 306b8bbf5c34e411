# Developer entry points. GNU make 4.3+.
# `make run` serves the embedded default (SQLite, storage/, in-process jobs) on 127.0.0.1:8000.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
HOST        ?= 127.0.0.1
PORT        ?= 8000
PYTEST_ARGS ?= -q

.PHONY: help venv run test lint format schema worker clean

help:
	@echo "make venv     create .venv and install the hub with its dev extras"
	@echo "make run      migrate, load demo data, serve on $(HOST):$(PORT)"
	@echo "make test     run the test suite (PYTEST_ARGS='$(PYTEST_ARGS)')"
	@echo "make lint     ruff check + ruff format --check + lint-imports (layers, no cycles)"
	@echo "make format   ruff import sorting + ruff format"
	@echo "make schema   write schema.graphql from 'hub export-schema'"
	@echo "make worker   run the arq worker (needs HUB_REDIS_URL)"
	@echo "make clean    remove .venv and caches (never touches storage/)"

venv: $(STAMP)

# Re-installs whenever pyproject.toml changes. pip stays quiet; its errors still show.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# seed-demo migrates the embedded database first. The links in notices and uploads name
# HUB_PUBLIC_URL: unless it is set, it follows HOST and PORT.
run: export HUB_PUBLIC_URL ?= http://$(HOST):$(PORT)
run: venv
	$(BIN)/hub seed-demo
	$(BIN)/hub serve --host $(HOST) --port $(PORT)

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: venv
	$(BIN)/ruff check --select I --fix .
	$(BIN)/ruff format .

# Written through a temporary file so a failed export never leaves a truncated schema.
schema: venv
	$(BIN)/hub export-schema > schema.graphql.tmp
	mv schema.graphql.tmp schema.graphql

worker: venv
	$(BIN)/hub worker

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist *.egg-info schema.graphql.tmp
	find . -path ./storage -prune -o -path ./.git -prune -o \
		-type d -name __pycache__ -prune -exec rm -rf {} +
