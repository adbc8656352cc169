"""Styr's one settings module; everything that differs between machines comes from the env."""

from pathlib import Path

import django_stubs_ext

from styr.env import database_from_url, env_bool, env_int, env_list, env_str

# Generic admin and QuerySet classes (ModelAdmin[Plan]) need this at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(env_str("STYR_HOME", str(Path.cwd())))

DEBUG = env_bool("DEBUG", False)
# The fallback key is only good for a developer's machine; production sets SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "styr-development-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
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
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "styr.core.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "styr.urls"

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
# Uploaded workbooks wait here between preview and confirmation (shared by every web process
# that serves the same STYR_HOME).
UPLOAD_DIR = Path(env_str("STYR_UPLOAD_DIR", str(BASE_DIR / "var" / "uploads")))

# The Kolada API that `styr kolada fetch` reads; a mirror or a test server can stand in.
KOLADA_API_URL = env_str("KOLADA_API_URL", "https://api.kolada.se/v3")

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"
