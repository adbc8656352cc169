"""Styr's one settings module; everything that differs between machines comes from the env."""

from pathlib import Path
from urllib.parse import urlparse

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from styr.core.logs import logging_config
from styr.env import (
    database_from_url,
    email_backend,
    env_bool,
    env_days,
    env_int,
    env_list,
    env_str,
    proxy_ssl_header,
    secret_key,
)

# Generic admin and QuerySet classes (ModelAdmin[Plan]) need this at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(env_str("STYR_HOME", str(Path.cwd())))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(debug=DEBUG, base_dir=BASE_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# HTTPS unless Styr is served over plain HTTP on this machine (`make run`, the tests):
# redirect to HTTPS, cookies only over HTTPS, and browsers told to come back over HTTPS only
# (HSTS). Behind a TLS proxy, SECURE_PROXY_SSL_HEADER names the header that says so.
PLAIN_HTTP = env_bool("PLAIN_HTTP", DEBUG)
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER", ""))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not PLAIN_HTTP)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not PLAIN_HTTP)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not PLAIN_HTTP)
# Pages hand htmx the token themselves; no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if PLAIN_HTTP else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not PLAIN_HTTP)
# Only once the domain is on the browsers' preload list (hstspreload.org).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves static files under runserver too, as it does in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "styr.audit",
    "styr.scales",
    "styr.organisation",
    "styr.access",
    "styr.sso",
    "styr.steering",
    "styr.plans",
    "styr.indicators",
    "styr.assignments",
    "styr.activities",
    "styr.finance",
    "styr.internal_control",
    "styr.planfiles",
    "styr.excel",
    "styr.documents",
    "styr.kolada",
    "styr.reminders",
    "styr.web",
    "styr.portal",
    "styr.proposals",
    "styr.api",
    # The API docs (Swagger UI) served from our own static files, never a CDN.
    "ninja",
    "styr.opendata",
    "styr.demo",
    "styr.backup",
    "styr.tasks",
]

MIDDLEWARE = [
    "styr.web.views.health.HealthMiddleware",
    "styr.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "styr.core.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "styr.access.permissions.RolesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "styr.urls"

LOGGING = logging_config(
    log_format=env_str("LOG_FORMAT", "text" if DEBUG else "json"),
    level=env_str("LOG_LEVEL", "INFO"),
)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "styr.web.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "styr.wsgi.application"

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "sqlite:///var/styr.sqlite3"), base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Background jobs go through Procrastinate's queue, which lives in PostgreSQL. On SQLite the web
# process runs them itself, and Procrastinate (with psycopg, a tenth of a second at every start
# of a command) is not loaded at all.
QUEUE_IN_DATABASE = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if QUEUE_IN_DATABASE:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("styr.tasks"), "procrastinate.contrib.django")

# Background jobs (styr.tasks.queue): "worker" (PostgreSQL's default) queues them for
# `styr worker`, "thread" (SQLite's default) runs them in the web process itself, "immediate"
# runs them before the request goes on (tests). Empty: the database decides.
TASK_RUNNER = env_str("TASK_RUNNER", "")
if TASK_RUNNER not in ("", "worker", "thread", "immediate"):
    raise ImproperlyConfigured(f"TASK_RUNNER={TASK_RUNNER!r}: use worker, thread or immediate")
if TASK_RUNNER == "worker" and not QUEUE_IN_DATABASE:
    raise ImproperlyConfigured(
        "TASK_RUNNER=worker needs PostgreSQL (DATABASE_URL=postgresql://…): the queue is kept "
        "there. On SQLite leave TASK_RUNNER empty and the web process runs the jobs."
    )
# A finished job's file (a draft document) is kept this many days, the job itself this many.
JOB_FILE_DAYS = env_int("JOB_FILE_DAYS", 7)
JOB_KEEP_DAYS = env_int("JOB_KEEP_DAYS", 90)
# Unfinished jobs one user may have at once (renders asked for again and again).
JOB_MAX_UNFINISHED = env_int("JOB_MAX_UNFINISHED", 5)
# A worker without a heartbeat for this long counts as gone on the health page (seconds).
WORKER_ALIVE_SECONDS = env_int("WORKER_ALIVE_SECONDS", 120)
# The queue's own tables are read by Styr only through Procrastinate.
PROCRASTINATE_READONLY_MODELS = True

# New and changed passwords: at least 12 characters, not a common one, not the username.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# How long a sign-in lasts (seconds; default eight hours, a working day) and whether it ends
# when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# Swedish first, English second.
LANGUAGE_CODE = "sv"
# Each language is named in itself, as the switch in the page header shows it.
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
# styr.core is a library of the apps, not an app: its English catalogue is named here.
LOCALE_PATHS = [Path(__file__).resolve().parent / "core" / "locale"]
USE_TZ = True
# Numbers are formatted by Styr itself (styr.core.formatting), never by the template engine:
# years must not read "2 024".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# `make serve` collects them into STATIC_ROOT with STATIC_COLLECTED=true: names with their
# content's hash (cached by browsers for good) and compressed copies. Otherwise (`make run`,
# the tests) WhiteNoise serves them from the apps as they are, with no collecting.
STATIC_COLLECTED = env_bool("STATIC_COLLECTED", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise reads it at start, collected or not

# Scripts, styles, images and forms only from Styr itself; no frames, no plugins. Inline
# style attributes carry the municipality's status colours.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The open portal (styr.portal): how long a page is kept at most (it is dropped at once when
# anything changes), and what its accessibility statement names: where to report a barrier
# and the date the statement was last reviewed (the law asks for both).
PORTAL_CACHE_SECONDS = env_int("PORTAL_CACHE_SECONDS", 3600)
# E-förslag (styr.proposals): how long a published proposal can be signed, how many signatures
# take it to a committee, how long an inactive resident's e-mail is kept, how long a sign-in
# link works, and how many sign-in e-mails an address or an IP address may ask for an hour.
PROPOSAL_SIGNING_DAYS = env_int("PROPOSAL_SIGNING_DAYS", 90)
PROPOSAL_THRESHOLD = env_int("PROPOSAL_THRESHOLD", 50)
PROPOSAL_RETENTION_DAYS = env_int("PROPOSAL_RETENTION_DAYS", 730)
PROPOSAL_LINK_HOURS = env_int("PROPOSAL_LINK_HOURS", 24)
PROPOSAL_MAILS_PER_ADDRESS = env_int("PROPOSAL_MAILS_PER_ADDRESS", 3)
PROPOSAL_MAILS_PER_IP = env_int("PROPOSAL_MAILS_PER_IP", 20)
PORTAL_ACCESSIBILITY_CONTACT = env_str("PORTAL_ACCESSIBILITY_CONTACT", "")
PORTAL_ACCESSIBILITY_ASSESSED_ON = env_str("PORTAL_ACCESSIBILITY_ASSESSED_ON", "2026-12-02")
LANGUAGE_COOKIE_SECURE = not PLAIN_HTTP
# Open data (styr.opendata, docs/open-data.md): the licence every dataset and the catalogue
# carry (a URL; CC0 by default: no conditions on reuse), and the e-mail address the DCAT
# catalogue gives as contact point (empty: the portal's page of the municipality instead).
OPEN_DATA_LICENCE = env_str(
    "OPEN_DATA_LICENCE", "http://creativecommons.org/publicdomain/zero/1.0/"
).strip()
OPEN_DATA_CONTACT = env_str("OPEN_DATA_CONTACT", "").strip()

# The REST API (styr.api): requests a minute per address without a token and per token
# ("120/m"; s, m, h or d), and how many proxies in front of Styr add X-Forwarded-For (0: the
# connecting address is the caller's; behind one proxy 1, so callers are told apart).
API_RATE_ANONYMOUS = env_str("API_RATE_ANONYMOUS", "120/m")
# Two caches. Pages (the portal, a plan's check) in each process's memory: their keys carry
# the newest change (web.overview.newest_change), so a copy is never stale, and a process
# without one builds it once. Rate limits (the API's, e-förslag's sign-in mails) in a table of
# the database, so every process and server counts the same requests.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "limits": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "styr_rate_limits",
        # Every write names its own expiry. Past MAX_ENTRIES Django deletes the expired counts
        # first, then a third of the rest; each write counts the rows, so the table is kept
        # small rather than large: far above the callers of one window, far below a slow count.
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
}
API_RATE_TOKEN = env_str("API_RATE_TOKEN", "600/m")
NINJA_NUM_PROXIES = env_int("API_TRUSTED_PROXIES", 0)

# The Kolada API that `styr kolada fetch` reads; a mirror or a test server can stand in.
KOLADA_API_URL = env_str("KOLADA_API_URL", "https://api.kolada.se/v3")

# E-mail (the reminders to reporters, styr.reminders; see docs/production.md, "E-mail").
# With EMAIL_HOST set, mail goes by SMTP to that server; without it, it is written to the
# console log, so a machine that was never told where to send mail sends none.
# EMAIL_USE_TLS is STARTTLS (port 587); EMAIL_USE_SSL is TLS from the start (port 465).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = email_backend(host=EMAIL_HOST)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL exclude each other: set one")
# A server that does not answer must not hold the nightly reminders up for ever (seconds).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# Where Django's file back end (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend)
# writes each e-mail: the e-förslag browser test reads its sign-in link there.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Styr <styr@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address Styr is reached at, for the links in e-mails (no request to take it from).
STYR_BASE_URL = env_str("STYR_BASE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
# Reminders go out this many days before a report occasion's deadline (each once).
REMINDER_DAYS_BEFORE = env_days("REMINDER_DAYS_BEFORE", [7, 1])

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

# --- Single sign-on with OpenID Connect (styr.sso, mozilla-django-oidc; docs/sso.md) ---------
# Off unless OIDC_RP_CLIENT_ID is set: then the login page offers "Logga in med
# <OIDC_PROVIDER_NAME>" beside the local form, which goes on working for local accounts.
# Endpoints are given one by one (the provider's discovery document lists them), so that
# Styr starts without asking the provider anything.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "").strip()
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "Microsoft")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER", "")  # every ID token's iss must be exactly this
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
# Optional: Entra ID's ID token already holds what Styr needs; other providers may not.
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
# The end_session_endpoint: signing out of Styr ends the provider's session too.
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
# The claim a new account's username is taken from (preferred_username is Entra ID's UPN;
# email or oid also work). Accounts are found again by the provider's subject, not by this.
OIDC_USERNAME_CLAIM = env_str("OIDC_USERNAME_CLAIM", "preferred_username")
# Whether a first sign-in may take over a local account of the same username.
OIDC_LINK_EXISTING_ACCOUNTS = env_bool("OIDC_LINK_EXISTING_ACCOUNTS", False)
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the provider's sign-out
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)  # seconds per call to the provider
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
if SSO_ENABLED:
    _missing = [
        name
        for name in ("OIDC_RP_CLIENT_SECRET", "OIDC_OP_ISSUER", "OIDC_OP_AUTHORIZATION_ENDPOINT",
                     "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT")
        if not globals()[name]
    ]  # fmt: skip
    if _missing:
        raise ImproperlyConfigured(
            f"OIDC_RP_CLIENT_ID is set, so single sign-on needs {', '.join(_missing)} too "
            "(docs/sso.md)"
        )
    AUTHENTICATION_BACKENDS.append("styr.sso.backend.SsoBackend")
    # A form's redirect counts as its action in Chromium: signing out (a form post) goes on
    # to the provider's end_session_endpoint, which `form-action 'self'` would stop.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += sorted(
        {
            f"{url.scheme}://{url.netloc}"
            for url in map(urlparse, [OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_LOGOUT_ENDPOINT])
            if url.scheme and url.netloc
        }
    )
