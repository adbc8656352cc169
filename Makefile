# Styr: `make run` serves the demo, `make test` runs every check. Both set up what they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install tools secret run serve test lint types pytest screenshots messages clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Styr needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# The tests read rendered PDFs with pdftotext (Debian's poppler-utils), drive Debian's
# Chromium, check the English catalogue with xgettext (gettext) and sign in at a real OpenID
# provider under node (the single sign-on tests `npm ci` it themselves). As root (CI, a fresh machine) they are installed; otherwise say what to install.
DEBIAN_TOOLS := pdftotext:poppler-utils chromium:chromium xgettext:gettext node:nodejs npm:npm
tools:
	@for pair in $(DEBIAN_TOOLS); do \
	  tool=$${pair%%:*}; package=$${pair##*:}; \
	  command -v $$tool >/dev/null && continue; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $$package ($$tool)"; \
	    apt-get install -y -qq $$package >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null && apt-get install -y -qq $$package >/dev/null; } || exit 1; \
	  else \
	    echo "make test needs $$tool: sudo apt-get install $$package"; exit 1; \
	  fi; \
	done

# The installation's own secret key (signs sessions and import tokens), random, written once
# and kept in var/ (never in the repository). Production may set SECRET_KEY instead.
SECRET_FILE := $(or $(STYR_HOME),.)/var/secret-key
secret: $(SECRET_FILE)
$(SECRET_FILE):
	@mkdir -p $(dir $@)
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@.new
	@mv $@.new $@
	@echo "wrote a new secret key to $@"

# The demo on this machine, over plain HTTP (PLAIN_HTTP: no redirect to HTTPS, no Secure
# cookies); Django's development server, static files from WhiteNoise.
run: install secret
	$(BIN)/styr migrate --noinput
	$(BIN)/styr demo --if-empty
	@echo "Styr: http://$(HOST)/login/ (the Django admin at /admin/; stop with Ctrl-C)"
	PLAIN_HTTP=true $(BIN)/styr runserver $(HOST)

# Production: migrations, static files collected for WhiteNoise, and gunicorn with WORKERS
# processes on HOST (docs/production.md: the environment, TLS and the proxy in front).
WORKERS ?= 4
serve: export STATIC_COLLECTED = true
serve: install secret
	$(BIN)/styr migrate --noinput
	$(BIN)/styr collectstatic --noinput -v0
	$(BIN)/gunicorn styr.wsgi --bind $(HOST) --workers $(WORKERS) --access-logfile - \
	  --access-logformat '%(h)s "%(r)s" %(s)s %(b)s %(M)sms %({x-request-id}o)s' \
	  --error-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install secret
	$(BIN)/mypy styr bench

pytest: install tools secret
	$(BIN)/pytest

test: lint types pytest

# Screenshots of the main pages for docs/screenshots/, made from the demo.
screenshots: install tools secret
	$(BIN)/python docs/screenshots/make.py

# The English catalogues: the Swedish strings of each app, gathered into its
# locale/en/LC_MESSAGES/django.po (translate the new ones there), then compiled. The compiled
# .mo files are committed so that `make run` needs no gettext tools.
MESSAGE_APPS := $(patsubst %/locale,%,$(wildcard styr/*/locale))
messages: install secret
	@for app in $(MESSAGE_APPS); do \
	  (cd $$app && STYR_HOME=$(CURDIR) $(CURDIR)/$(BIN)/styr makemessages --locale en --add-location file \
	    --ignore 'tests/*' --ignore 'management/*' --no-obsolete) || exit 1; \
	done
	$(BIN)/styr compilemessages --locale en --ignore '.venv'

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
