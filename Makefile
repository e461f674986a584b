# Every target installs what it needs first, so a fresh clone needs only `make dev` / `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHECKOV_VENV := .tools/checkov
CHECKOV := $(CHECKOV_VENV)/bin/checkov

.PHONY: install dev test lint bench eval schemas token clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

# checkov pins its own dependency tree, so it lives in a venv of its own.
$(CHECKOV_VENV)/.installed:
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install --quiet --disable-pip-version-check checkov==3.3.30
	touch $@

dev: install
	$(PY) -m scripts.dev

test: install $(CHECKOV_VENV)/.installed
	CHECKOV_BIN=$(CURDIR)/$(CHECKOV) $(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m scripts.check_layers

bench: install
	$(PY) -m scripts.bench $(ARGS)

eval: install
	$(PY) -m scripts.eval

schemas: install
	$(PY) -m scripts.export_schemas

token: install
	$(PY) -m scripts.mint_token $(ARGS)

clean:
	rm -rf $(VENV) .tools .local .pytest_cache .mypy_cache .ruff_cache
