# Styr: `make run` serves the demo, `make test` runs every check. Both set up what they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint types pytest clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Styr needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

run: install
	$(BIN)/styr migrate --noinput
	$(BIN)/styr demo --if-empty
	@echo "Styr: http://$(HOST)/admin/  (stop with Ctrl-C)"
	# --insecure serves the admin's CSS and scripts without DEBUG; a production server
	# serves static files itself.
	$(BIN)/styr runserver --insecure $(HOST)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy styr bench

pytest: install
	$(BIN)/pytest

test: lint types pytest

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
