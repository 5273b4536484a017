"""Production: every secret comes from the environment, and the site refuses to
start without them rather than fall back to something guessable."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list


def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [required_env("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
required_env("DATABASE_URL")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Index updates and e-mail wait in the database for `manage.py db_worker` (started
# by scripts/serve-production) instead of running inside a buyer's or supplier's request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.backend.DatabaseBackend"),
    }
}
# WhiteNoise serves hashed static files with a year's cache and pre-compressed
# copies (CompressedManifestStaticFilesStorage, settings.base).

# Persistent database connections: each gunicorn worker (and the task worker) keeps
# its connection for up to DATABASE_CONN_MAX_AGE seconds instead of opening one a
# request (TCP connect, authentication and a new PostgreSQL backend: 3-10 ms of
# every page here, more on a busy machine). Health checks test a reused connection
# before a request uses it, so a restarted or failed-over database costs one
# reconnect, not an error page. Workers x 1 connection stays far below max_connections.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Templates: with no "loaders" option Django (4.1+) already wraps the filesystem and
# app loaders in the cached loader, so each template is parsed once a worker; the
# project's one engine in settings.base sets none, so nothing to add here. The GOV.UK
# components' Jinja macros are compiled once a process too (marketplace/core/apps.py).
