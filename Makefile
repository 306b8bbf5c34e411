# Developer entry points. GNU make 4.3+.
# `make run` serves the embedded default (SQLite, storage/, in-process jobs) on 127.0.0.1:8000.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
UV          := $(BIN)/uv
PIP_QUIET   := --quiet --disable-pip-version-check
# The uv that uv.lock pins (the dev extra): bootstrapped with pip, then kept by `uv sync`.
UV_VERSION   = $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock)
HOST        ?= 127.0.0.1
PORT        ?= 8000
PYTEST_ARGS ?= -q

# uv trusts the system's certificate store, as pip does (a TLS-inspecting proxy signs with a
# local CA); a Python it would download is never wanted: the venv's own is used.
export UV_SYSTEM_CERTS ?= 1
export UV_PYTHON_DOWNLOADS ?= never

.PHONY: help venv lock run test lint format schema worker clean

help:
	@echo "make venv     create .venv and install uv.lock's versions (the hub editable, dev extras)"
	@echo "make lock     refresh uv.lock after a change to pyproject.toml's dependencies"
	@echo "make run      migrate, load demo data, serve on $(HOST):$(PORT)"
	@echo "make test     run the test suite (PYTEST_ARGS='$(PYTEST_ARGS)')"
	@echo "make lint     ruff check + ruff format --check + lint-imports (layers, no cycles)"
	@echo "make format   ruff import sorting + ruff format"
	@echo "make schema   write schema.graphql from 'hub export-schema'"
	@echo "make worker   run the arq worker (needs HUB_REDIS_URL)"
	@echo "make clean    remove .venv and caches (never touches storage/)"

venv: $(STAMP)

# Re-syncs whenever pyproject.toml or uv.lock changes; nothing to do (and no uv run) otherwise.
# --locked refuses a uv.lock that no longer matches pyproject.toml (run `make lock`).
$(STAMP): pyproject.toml uv.lock | $(UV)
	@echo "make: installing the versions of uv.lock into $(VENV) (uv sync)"
	@$(UV) sync --locked --extra dev
	@touch $@

# The venv gets no pip of its own (ensurepip alone takes seconds): the outer pip installs uv into
# it (pip 22.3+: --python); without such a pip, the venv's own.
$(UV):
	@echo "make: creating $(VENV) with uv $(UV_VERSION) (pip)"
	@test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	@if $(PYTHON) -m pip --python $(BIN)/python --version >/dev/null 2>&1; then \
		$(PYTHON) -m pip --python $(BIN)/python install $(PIP_QUIET) "uv==$(UV_VERSION)"; \
	else \
		$(BIN)/python -m ensurepip --default-pip >/dev/null \
			&& $(BIN)/python -m pip install $(PIP_QUIET) "uv==$(UV_VERSION)"; \
	fi

lock: | $(UV)
	$(UV) lock

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
