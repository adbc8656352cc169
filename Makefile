# Styr: `make run` serves the demo, `make test` runs every check. Both set up what they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install tools run test lint types pytest clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Styr needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# The tests read rendered PDFs with pdftotext, from Debian's poppler-utils. As root (CI, a
# fresh machine) it is installed; otherwise say what to install.
tools:
	@command -v pdftotext >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing poppler-utils (pdftotext)"; \
	    apt-get install -y -qq poppler-utils >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null && apt-get install -y -qq poppler-utils >/dev/null; }; \
	  else \
	    echo "make test needs pdftotext: sudo apt-get install poppler-utils"; exit 1; \
	  fi; }

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

pytest: install tools
	$(BIN)/pytest

test: lint types pytest

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
