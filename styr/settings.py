"""Styr's one settings module; everything that differs between machines comes from the env."""

from pathlib import Path

import django_stubs_ext

from styr.core.logs import logging_config
from styr.env import (
    database_from_url,
    env_bool,
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
    "styr.web",
    "styr.demo",
    "styr.backup",
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
# Uploaded workbooks wait here between preview and confirmation (shared by every web process
# that serves the same STYR_HOME).
UPLOAD_DIR = Path(env_str("STYR_UPLOAD_DIR", str(BASE_DIR / "var" / "uploads")))

# The Kolada API that `styr kolada fetch` reads; a mirror or a test server can stand in.
KOLADA_API_URL = env_str("KOLADA_API_URL", "https://api.kolada.se/v3")

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"
