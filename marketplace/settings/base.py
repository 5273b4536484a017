"""Settings shared by every environment.

Everything that differs between a laptop, CI and production comes from the
environment, with defaults that are safe for local development (SQLite, the
database search executor, no external services).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, *, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, *, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "marketplace.core",
    "marketplace.accounts",
    "frameworks",
    "suppliers",
    "listings",
    "direct_award",
    "feedback",
    "search",
    "orders",
    "strategies",
    "questions",
    "marketplace.demo",
    "api",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "ocds",
    "spend",
    "govuk_frontend_django",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",  # the queue table production's worker reads (settings.production)
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, so a redirect or an error under /api/ still carries CORS.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Content-Security-Policy with a per-request nonce; no-store for signed-in users.
    "marketplace.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so a lockout sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "marketplace.core.context_processors.service",
            ],
        },
    },
]

WSGI_APPLICATION = "marketplace.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses to authenticate a locked-out e-mail address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
# A small dispatcher sends each kind of user to their own next steps.
LOGIN_REDIRECT_URL = "next-steps"

# Login throttling, one rule for the site's sign-in page and the CCS admin's:
# five failures for one account (existing or not) from one IP address lock that
# pair out for 15 minutes, even for the right password. Keying on the pair stops
# one attacker locking a real buyer out from elsewhere, and a colleague at the same
# office is not locked by someone else's failures. Both forms' address fields
# (``email`` and Wagtail's ``username``) are read as the same account.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "marketplace.accounts.throttle.sign_in_account_key"
AXES_LOCKOUT_CALLABLE = "marketplace.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
# The service's CSS is compiled from assets/scss by `npm run build`; GOV.UK Frontend's
# JavaScript and images are served straight from the pinned npm package.
STATICFILES_DIRS = [
    BASE_DIR / "assets" / "build",
    ("govuk-frontend", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Uploads that are not public (listing documents): never served by path, only
# through views that check who is asking, so keep this outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Essential cookies only: the session and CSRF cookies. Nothing for analytics.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (set by marketplace.core.middleware; "{nonce}" is replaced
# per request). Only the layout's two inline scripts carry the nonce: the one that
# marks the body for GOV.UK Frontend and the module that starts it, which loads
# from 'self'. The one style hash is the inline `overflow-x: auto` that keeps the
# strategies pipeline table scrollable on a phone.
CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce-{nonce}'"],
    "style-src": [
        "'self'",
        "'unsafe-hashes'",
        "'sha256-ZFu7Yqx/BePxaHtvO/lE6JCmUS2BBLANRa21sLclR3Y='",
    ],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    # Chromium applies form-action to the redirect after a POST too, and paying
    # by card redirects to Stripe's hosted checkout.
    "form-action": ["'self'", "https://checkout.stripe.com", "https://connect.stripe.com"],
    "frame-ancestors": ["'none'"],
}
# No Gravatar in the admin: it would send a hash of each CCS user's e-mail address
# to a third party, and the admin's policy need not allow its images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor its upgrade check, which calls releases.wagtail.org from staff's browsers;
# upgrades follow requirements.lock, not a banner.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The Wagtail admin still writes inline scripts, inline styles and event handlers
# into its own pages and shows user avatars and embeds from other sites, so a strict
# policy would break it; it gets a policy that still refuses plugins, other sites'
# scripts, a changed <base> and framing by other sites. Only signed-in CCS staff see it.
CSP_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https:"],
    "media-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "marketplace@example.gov.uk")

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Search: which executor answers buyer searches, and where the engine lives.
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "database")  # database | opensearch | elasticsearch
# One node's address, or a cluster's nodes separated by commas (the client retries
# a request on another node when one is down).
SEARCH_ENGINE_URL = os.environ.get("SEARCH_ENGINE_URL", "http://127.0.0.1:9200")
# One shard keeps term statistics, and so scores, exact. A cluster of three runs one
# replica, so losing any one node loses no data and no search.
SEARCH_INDEX_SHARDS = int(os.environ.get("SEARCH_INDEX_SHARDS", "1"))
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "marketplace")
# A buyer's search waits this long (seconds) for the engine before the database
# answers; indexing and rebuilds keep the client's longer timeout.
SEARCH_ENGINE_TIMEOUT = float(os.environ.get("SEARCH_ENGINE_TIMEOUT", "1.0"))
# After this many failures in a row searches skip the engine for the cool-off
# (seconds), then one search probes it (search/breaker.py).
SEARCH_ENGINE_BREAKER_FAILURES = int(os.environ.get("SEARCH_ENGINE_BREAKER_FAILURES", "3"))
SEARCH_ENGINE_BREAKER_COOLOFF = float(os.environ.get("SEARCH_ENGINE_BREAKER_COOLOFF", "30"))

# Stripe: the API base is configurable so tests talk to stripe-mock.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
# Signs the events Stripe posts to the webhook endpoint (orders/webhooks.py).
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# Card orders: unit prices exclude VAT, which is added at this rate.
ORDERS_VAT_RATE = os.environ.get("ORDERS_VAT_RATE", "0.20")
# The largest card order (whole pounds, including VAT) for a buyer organisation that
# CCS has given no limit of its own in the admin; above it, buyers use direct award.
ORDERS_DEFAULT_MAX_ORDER_POUNDS = int(os.environ.get("ORDERS_DEFAULT_MAX_ORDER_POUNDS", "10000"))
# The platform's share of each card payment, in percent; none unless CCS sets one.
ORDERS_PLATFORM_FEE_PERCENT = os.environ.get("ORDERS_PLATFORM_FEE_PERCENT", "0")
# Listings offer "buy online" only for a supplier this says can take card payments
# (a setting, so the listings app does not import the orders app).
LISTINGS_CARD_PAYMENTS_CHECK = "orders.selectors.supplier_takes_card_payments"

WAGTAIL_SITE_NAME = "Open Procurement Marketplace"

# The OCDS ocid prefix. "ocds-xxxxxx" is a placeholder for testing: a real
# publisher registers its own prefix with the Open Contracting Partnership and sets it here.
OCDS_OCID_PREFIX = os.environ.get("OCDS_OCID_PREFIX", "ocds-xxxxxx")
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_USER_EDIT_FORM = "marketplace.accounts.forms.WagtailUserEditForm"
WAGTAIL_USER_CREATION_FORM = "marketplace.accounts.forms.WagtailUserCreationForm"
WAGTAIL_USER_CUSTOM_FIELDS = ["buyer_organisation", "supplier_organisation"]
# No Gravatar: the admin would fetch every avatar from gravatar.com, which sends a
# hash of each staff e-mail address to a third party and shows a broken image
# wherever that site cannot be reached. Wagtail then shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's own search covers CMS pages and the admin, under its own index prefix;
# the buyer catalogue lives in the search app.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SERVICE_NAME = "Open Procurement Marketplace"
SERVICE_PHASE = "beta"
FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "marketplace-feedback@example.gov.uk")

# Questions to suppliers: how many one buyer may send in 24 hours, so the site
# cannot be used to flood a small supplier's inbox.
QUESTIONS_PER_BUYER_PER_DAY = int(os.environ.get("QUESTIONS_PER_BUYER_PER_DAY", "10"))
# The public API (api/): read-only JSON for anyone, documented by the OpenAPI
# document drf-spectacular generates from the code.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/minute")
API_PAGE_SIZE = 50
API_LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Anonymous and read-only: no session, so no CSRF and no signed-in differences.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    # Clients are told apart by address: by default the connecting one, since an
    # X-Forwarded-For header is the client's to forge. Behind N trusted proxies, set N.
    "NUM_PROXIES": int(os.environ.get("API_NUM_PROXIES", "0")),
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StableCursorPagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    "EXCEPTION_HANDLER": "api.errors.json_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Open Procurement Marketplace API",
    "DESCRIPTION": (
        "Read-only public data: frameworks, suppliers, live listings, search, published "
        "feedback, procurement pipelines and direct awards. Open Government Licence v3.0."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "Open Government Licence v3.0", "url": API_LICENCE_URL},
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["api.schema.api_paths_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.error_responses",
    ],
}
# Anyone may read the API from a web page on any site; nothing else is shared.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Link", "Retry-After")
