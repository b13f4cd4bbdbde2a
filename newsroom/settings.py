"""Settings for newsroom, read from the environment (see .env.example).

Every variable has a default that runs the demo on SQLite with no `.env` at all; production sets DEBUG=false
and gets refused at start-up when a setting would be unsafe there.
"""

import re
from datetime import timedelta
from importlib.util import find_spec
from ipaddress import ip_network
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# A key that only ever signs development sessions: production must set SECRET_KEY.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="") or _DEV_SECRET_KEY
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

_LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", ".localhost", "testserver"}
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY를 설정하세요: DEBUG=false에서는 개발용 키로 시작할 수 없습니다.")
if not DEBUG and len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("SECRET_KEY가 너무 짧습니다: 40자 이상의 임의 문자열을 쓰세요.")
if DEBUG and set(ALLOWED_HOSTS) - _LOCAL_HOSTS:
    raise ImproperlyConfigured(
        "DEBUG=true로 공개 호스트를 서비스할 수 없습니다: 운영 환경에서는 DEBUG=false로 설정하세요 "
        f"(ALLOWED_HOSTS={','.join(ALLOWED_HOSTS)})."
    )

SITE_NAME = env.str("SITE_NAME", default="뉴스스페이스")
# The public address of the site, e.g. https://news.example.kr: canonical links, feeds, sitemaps and sharing
# metadata use it. Empty: the address the request came in on (behind a proxy, set it).
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", SITE_URL):
    raise ImproperlyConfigured(f"SITE_URL은 https://news.example.kr처럼 http(s)://로 시작해야 합니다 ({SITE_URL}).")
# Whether RSS feeds carry each article's whole body (true) or only its summary, which sends readers to the site.
FEED_FULL_TEXT = env.bool("FEED_FULL_TEXT", default=False)
# The registration facts an internet newspaper must show on every page (신문 등의 진흥에 관한 법률 제21조), in the
# footer beside the 제호 (SITE_NAME). Shown as written; an empty one is left out. The defaults are placeholders.
NEWSPAPER_REGISTRATION_NUMBER = env.str("NEWSPAPER_REGISTRATION_NUMBER", default="서울 아00000")
NEWSPAPER_REGISTERED_ON = env.str("NEWSPAPER_REGISTERED_ON", default="2020-01-01")
NEWSPAPER_PUBLISHER = env.str("NEWSPAPER_PUBLISHER", default="홍길동")
NEWSPAPER_EDITOR = env.str("NEWSPAPER_EDITOR", default="홍길동")
NEWSPAPER_YOUTH_OFFICER = env.str("NEWSPAPER_YOUTH_OFFICER", default="홍길동")
NEWSPAPER_ADDRESS = env.str("NEWSPAPER_ADDRESS", default="서울특별시 ○○구 ○○로 00")
NEWSPAPER_PHONE = env.str("NEWSPAPER_PHONE", default="02-000-0000")
NEWSPAPER_EMAIL = env.str("NEWSPAPER_EMAIL", default="news@newsspace.example")
_REGISTRATION = ["REGISTRATION_NUMBER", "REGISTERED_ON", "PUBLISHER", "EDITOR", "YOUTH_OFFICER", "ADDRESS", "PHONE"]
if not DEBUG and (unset := [f"NEWSPAPER_{name}" for name in _REGISTRATION if f"NEWSPAPER_{name}" not in env]):
    # The demo's placeholders must never reach a public footer: the law requires the paper's real facts.
    raise ImproperlyConfigured(f"운영 환경에서는 신문 등록 사항을 설정하세요: {', '.join(unset)} (.env.example 참고).")
# How many teasers the 관련기사 box shows under an article.
RELATED_ARTICLES_LIMIT = env.int("RELATED_ARTICLES_LIMIT", default=5)
# Articles per page on section, series, reporter and related lists.
ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=20)
# Seconds between two autosaves of an article form being edited (while something changed), as a kept copy.
ARTICLE_AUTOSAVE_SECONDS = env.int("ARTICLE_AUTOSAVE_SECONDS", default=25)

# Photo uploads: the largest file and the most pixels accepted (a decompression bomb is refused before decoding).
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=20 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=40_000_000)
# Widths in pixels of the resized copies (WebP and JPEG) made of every photo; none is wider than the original.
PHOTO_RENDITION_WIDTHS = env.list("PHOTO_RENDITION_WIDTHS", cast=int, default=[320, 640, 1024, 1600])

# KMA (기상청) weather: the API Hub key and address, patience with KMA, and how long a reading stays on the strip.
KMA_APIHUB_KEY = env.str("KMA_APIHUB_KEY", default="")
KMA_APIHUB_URL = env.str("KMA_APIHUB_URL", default="https://apihub.kma.go.kr/api/typ01/url/kma_sfctm2.php")
KMA_TIMEOUT = env.float("KMA_TIMEOUT", default=10.0)
KMA_RETRIES = env.int("KMA_RETRIES", default=3)
WEATHER_STALE_HOURS = env.int("WEATHER_STALE_HOURS", default=3)

INSTALLED_APPS = [
    # Django's admin on the desk's site: its home is the desk dashboard, each page the user's unread notifications.
    "desk.admin_site.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "newsroom",  # the connections' set-up (newsroom.apps)
    "reversion",
    "django_prose_editor",
    "photos",
    "articles",
    "ads",
    "audience",
    "weather",
    "search",
    "caching",
    "desk",
    # Before accounts, whose admin takes the place of theirs.
    "accounts.apps.SignInRecordsConfig",  # django-axes
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "demo",
    "django_celery_results",
]

# django-migration-linter is a dev dependency (`pip install .[dev]`), not installed in production: its
# `manage.py lintmigrations` joins the apps only where the package is there. `make test` runs it on PostgreSQL.
if find_spec("django_migration_linter"):
    INSTALLED_APPS.append("django_migration_linter")
MIGRATION_LINTER_OPTIONS = {
    # Only the migrations added since the last release: the released ones have already run on the papers' databases.
    # By commit rather than by a list of names, which could not tell the released photos 0001_initial from ads',
    # and so every new migration is linted without anyone adding it anywhere. Move it on at each release.
    "git_commit_id": "c51a694d925826fa45db4da97f0d393f4a30a081",  # the last commit of the previous release
    "project_root_path": str(BASE_DIR),  # git diff runs here; the default (newsroom/) would see no app's migrations
    "no_cache": True,  # a cached verdict outlives a change of these options
}

# Whether a notification (반려, 출고, 예약 출고) is also mailed to its recipient, after the save commits, through
# Django's mail settings (EMAIL_HOST…); a mail that cannot go out is logged and never fails the save.
DESK_NOTIFY_EMAIL = env.bool("DESK_NOTIFY_EMAIL", default=False)
# Where mail goes out: smtp+tls://user:password@smtp.example.com:587 (the password percent-encoded), or
# consolemail:// to print each mail instead of sending it.
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=NEWSPAPER_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# How long caches keep an anonymous public page (newsroom.middleware.CacheHeadersMiddleware), in seconds: browsers
# max-age; shared caches (a CDN, a proxy) s-maxage, then serve it stale while fetching it again for
# stale-while-revalidate more. A withdrawn story is gone from every cache within s-maxage + stale-while-revalidate.
PAGE_MAX_AGE = env.int("PAGE_MAX_AGE", default=0)
PAGE_S_MAXAGE = env.int("PAGE_S_MAXAGE", default=30)
PAGE_STALE_WHILE_REVALIDATE = env.int("PAGE_STALE_WHILE_REVALIDATE", default=30)
# How long a shared cache may go on serving its copy while the site answers errors (a database outage).
PAGE_STALE_IF_ERROR = env.int("PAGE_STALE_IF_ERROR", default=86400)
# How long a reader's browser keeps search results for a query; never in shared caches.
SEARCH_MAX_AGE = env.int("SEARCH_MAX_AGE", default=60)

# Purges (caching.purge): when a change readers would see commits, the public addresses it shows on are dropped from
# the proxy or CDN in front by one background job, so that it need not wait out s-maxage. PURGE_BACKEND: none (the
# default: nothing is sent), http (a PURGE request per address to PURGE_PROXY_URL: Varnish, Fastly, nginx with the
# cache-purge module as in deploy/nginx.conf), cloudflare, or the dotted path of a caching.purge.PurgeBackend.
PURGE_BACKEND = env.str("PURGE_BACKEND", default="none")
# The public origin readers use, which the proxy's cache is keyed on (the Host of each PURGE); SITE_URL by default.
PURGE_SITE_URL = env.str("PURGE_SITE_URL", default=SITE_URL).rstrip("/")
PURGE_PROXY_URL = env.str("PURGE_PROXY_URL", default="http://127.0.0.1:80")
# Seconds to connect to and hear from the proxy or Cloudflare, per request.
PURGE_TIMEOUT = env.float("PURGE_TIMEOUT", default=5.0)
# A purge that fails for a reason that may pass (unreachable, a timeout, 5xx, 429) is tried again this many times,
# after a pause drawn up to PURGE_RETRY_BACKOFF seconds, doubled each time, at most PURGE_RETRY_BACKOFF_MAX.
PURGE_RETRIES = env.int("PURGE_RETRIES", default=5)
PURGE_RETRY_BACKOFF = env.float("PURGE_RETRY_BACKOFF", default=2.0)
PURGE_RETRY_BACKOFF_MAX = env.float("PURGE_RETRY_BACKOFF_MAX", default=300.0)
# Cloudflare (PURGE_BACKEND=cloudflare): the zone's id and an API token allowed Zone > Cache Purge (never logged).
CLOUDFLARE_ZONE_ID = env.str("CLOUDFLARE_ZONE_ID", default="")
CLOUDFLARE_API_TOKEN = env.str("CLOUDFLARE_API_TOKEN", default="")
CLOUDFLARE_API_URL = env.str("CLOUDFLARE_API_URL", default="https://api.cloudflare.com/client/v4")
if PURGE_BACKEND.strip().lower() not in ("", "none") and not PURGE_SITE_URL:
    raise ImproperlyConfigured(
        f"PURGE_BACKEND={PURGE_BACKEND}에는 독자가 쓰는 주소 PURGE_SITE_URL(또는 SITE_URL)이 필요합니다: "
        "예: https://news.example.kr"
    )
if PURGE_BACKEND.strip().lower() == "cloudflare" and not (CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN):
    raise ImproperlyConfigured("PURGE_BACKEND=cloudflare에는 CLOUDFLARE_ZONE_ID와 CLOUDFLARE_API_TOKEN이 필요합니다.")

# What every public page shows around its own content (newsroom.pages.render_page), in this order: each app puts
# in its part, as context processors do, so that the page shell needs to know none of them.
PAGE_PARTS = [
    "audience.pages.most_read_box",  # 많이 본 뉴스 beside the pages that show it (views: the beacon)
    "weather.pages.weather_strip",
    "articles.pages.section_menu",
    "ads.pages.banners",
]

# The page cache (caching.pages): public pages as anonymous readers get them, kept under the content version, so
# that a change is seen at once; a kept page lives at most PAGE_CACHE_SECONDS and never past the next change by the
# clock. Off (PAGE_CACHE=off) every page is rendered for every request.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
PAGE_CACHE_ALIAS = "pages"
# Who says when the pages next change by the clock alone, with no save (caching.pages.clock_change_after); the
# next midnight's date line is always one.
PAGE_CLOCK = [
    "articles.pages.next_clock_change",  # a scheduled release, or the end of one
    "ads.pages.next_clock_change",  # a banner starting or ending
    "weather.pages.next_clock_change",  # the oldest reading on the strip going stale
    "audience.pages.next_clock_change",  # the next ranking of 많이 본 뉴스
]

MIDDLEWARE = [
    # Before anything reads the scheme: X-Forwarded-Proto only from TRUSTED_PROXIES (newsroom.clients).
    "newsroom.clients.UntrustedForwardingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so that a kept page gets the policy as a rendered one does.
    "newsroom.csp.PolicyMiddleware",
    # Outside the three below, which compress, validate and label what the rest made: public pages alone.
    "newsroom.middleware.PublicGZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # an ETag from the content, and 304 when it matches
    # Outside those that set cookies and Vary: Cookie, so it sees them all before calling a page public.
    "newsroom.middleware.CacheHeadersMiddleware",
    # Before anything reads the request (the page cache, the session, a view): a NUL in it is a 400 here.
    "newsroom.middleware.NulCharacterMiddleware",
    # A kept page for an anonymous reader goes out from here, past what only editors' requests need.
    "caching.pages.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who passed the second factor (request.user.is_verified()), and the admin closed to a desk account until then.
    "django_otp.middleware.OTPMiddleware",
    "accounts.twofactor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth and messages: signs out a session idle past STAFF_SESSION_IDLE_SECONDS, with a message to sign in.
    "accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last but for axes, so that a view's lost database connection becomes the 503 page before any other handler
    # sees it.
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    # After the rest, as django-axes asks: it answers a locked-out sign-in with accounts.views.locked_out.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves the collected static files itself (`manage.py collectstatic`), compressed and cached.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Off by default: a check is one more round trip (SELECT 1) at the start of every request, as much as a kept page's
# own query. A connection lost in between (a database restart) fails the one request that finds it (503 with
# Retry-After, newsroom.middleware), is closed at its end, and the next request connects again; TCP keepalives find
# a silent peer (DATABASE_CONNECT_TIMEOUT below).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("DATABASE_HEALTH_CHECKS", default=False)
# Seconds to wait for PostgreSQL to accept a connection and answer its start-up; psycopg waits 2 at the least.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=2)
# Seconds PostgreSQL lets one statement run before cancelling it; 0 lets it run (long migrations need that).
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=0)
# Seconds a reader (or a CDN) is asked to wait, in Retry-After, when the database cannot be reached.
DATABASE_RETRY_AFTER = env.int("DATABASE_RETRY_AFTER", default=30)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that never answers costs a worker DATABASE_CONNECT_TIMEOUT, never more. On a kept connection,
    # keepalives find a server gone quiet (a failover, a cut link) within ~10 s idle, and tcp_user_timeout gives up
    # on a query the server never acknowledged after the same seconds as a connection.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": DATABASE_CONNECT_TIMEOUT,
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 3,
            "tcp_user_timeout": DATABASE_CONNECT_TIMEOUT * 1000,
        }
    )
    if DATABASE_STATEMENT_TIMEOUT:
        DATABASES["default"]["OPTIONS"]["options"] = f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one editor writes; IMMEDIATE takes the write lock at BEGIN, so two editors
    # saving at once queue up for `timeout` seconds instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    if DATABASES["default"]["NAME"] != ":memory:":
        DATABASES["default"]["NAME"] = BASE_DIR / DATABASES["default"]["NAME"]  # relative to the project
        DATABASES["default"]["NAME"].parent.mkdir(parents=True, exist_ok=True)

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Seconds to wait for Redis to connect or answer: a cache gone quiet must not hold a page (or /readyz) for long.
CACHE_TIMEOUT = env.float("CACHE_TIMEOUT", default=1.0)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": CACHE_TIMEOUT, "socket_timeout": CACHE_TIMEOUT}
    )
# Kept pages: in the same Redis as the rest when CACHE_URL names one (every server shares them), else in each
# process, at most PAGE_CACHE_ENTRIES of them (an article page is about 50 KB).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": env.int("PAGE_CACHE_ENTRIES", default=2000)},
    }
else:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Signing in (accounts; django-axes): a username is locked out from one address after LOGIN_FAILURE_LIMIT wrong
# passwords in a row, for LOGIN_COOLOFF_MINUTES after the last one. By the pair, so that a guesser behind a newsroom's
# shared address locks out only the account guessed at, and a reporter's typos lock out only themselves; the address
# is the client's (newsroom.clients, TRUSTED_PROXIES). 관리자 see and lift lockouts in the admin (로그인 잠금).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_COOLOFF_MINUTES = env.int("LOGIN_COOLOFF_MINUTES", default=15)
if LOGIN_FAILURE_LIMIT < 1 or LOGIN_COOLOFF_MINUTES < 1:
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT와 LOGIN_COOLOFF_MINUTES는 1 이상이어야 합니다.")
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "newsroom.clients.client_address"
AXES_USERNAME_CALLABLE = "accounts.logins.typed_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True  # "a few failures in a row": a right password clears the count
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # each failure kept for 관리자 to read (로그인 실패 기록), without the password
AXES_ENABLE_ADMIN = False  # accounts.admin shows them, in Korean
AXES_VERBOSE = False  # accounts.signals logs each sign-in and failure in one line
AXES_USE_ATTEMPT_EXPIRATION = False

# Two-factor sign-in (accounts.twofactor; django-otp): a code from an authenticator app (TOTP) after the password,
# or a one-time backup code. Required for 데스크 and 관리자 (and superusers); for 기자 when TWO_FACTOR_FOR_REPORTERS
# is true, and otherwise for the reporters who set it up themselves. An account that must and has no device yet is
# taken to set one up after its password.
TWO_FACTOR_FOR_REPORTERS = env.bool("TWO_FACTOR_FOR_REPORTERS", default=False)
OTP_TOTP_ISSUER = SITE_NAME  # the name authenticator apps list the account under
OTP_TOTP_THROTTLE_FACTOR = 1  # after each wrong code, twice as long to wait before the next try: 1, 2, 4… seconds
OTP_STATIC_THROTTLE_FACTOR = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="ko-kr")
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Seoul")
USE_I18N = True
# Korean for the packages that ship none (django-celery-results' admin).
LOCALE_PATHS = [BASE_DIR / "newsroom" / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]  # times on the 24-hour clock (newsroom/formats/ko/formats.py)
USE_TZ = True

# Background jobs (Celery, newsroom/celery.py; docs/jobs.md): purges, the hourly KMA fetch, 많이 본 뉴스 re-ranking
# and search re-indexing. A broker (redis://127.0.0.1:6379/0) sends them to `celery -A newsroom worker`; with none,
# as in the demo, each job runs at once in the process that queued it, and a failing one is logged and recorded
# (eager_propagates off), never raised into the editor's request that queued it.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"  # nothing is sent, but an eager job still takes a producer from somewhere
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_STORE_EAGER_RESULT = True  # the demo's failed jobs show in the admin too
# Seconds `.delay()` may wait for the broker: a broker gone quiet costs an editor's save this, then the job is
# logged as not queued. The worker keeps trying to reconnect on its own.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_TIMEOUT", default=2.0)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
        "socket_timeout": 3,  # more than the 1 s a worker waits on the queue
        # A job taken with acks_late and not acknowledged within this is given to another worker: longer than any
        # job's hard time limit and any retry's countdown, or a long job would run twice.
        "visibility_timeout": 2 * 3600,
    }
# Outcomes in the database (django-celery-results), shown in the admin under 작업 결과. Jobs that run often keep no
# result unless they fail; those worth reading (the hourly fetch, a rebuild) keep theirs. Kept a week, cleaned by
# beat's nightly `celery.backend_cleanup`.
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True  # the job's name, arguments and worker in the admin; no job takes a secret
CELERY_RESULT_EXPIRES = 7 * 24 * 3600
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_STORE_ERRORS_EVEN_IF_IGNORED = True
# No job runs away with a worker: a soft limit the job can clean up after, then a hard one (prefork pool).
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a long rebuild does not hold quick purges queued behind it
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# How often 많이 본 뉴스 is ranked again (audience.popular): beat's job does it, readers only when it has not run.
RANKING_CACHE_SECONDS = env.int("RANKING_CACHE_SECONDS", default=300)
# The hourly KMA fetch as a job: how many times it tries again when KMA is down or slow (each fetch already retries
# KMA_RETRIES times within seconds), after a pause that doubles from KMA_JOB_RETRY_BACKOFF seconds.
KMA_JOB_RETRIES = env.int("KMA_JOB_RETRIES", default=3)
KMA_JOB_RETRY_BACKOFF = env.int("KMA_JOB_RETRY_BACKOFF", default=120)
# What beat sends, and when: exactly one `celery -A newsroom beat` runs for the site, however many app servers.
CELERY_BEAT_SCHEDULE = {
    "weather-fetch-hourly": {
        "task": "weather.fetch_observations",
        "schedule": crontab(minute=10),  # KMA publishes an hour's observations a few minutes after it
        "options": {"expires": 50 * 60},  # a run the workers could not start within the hour is dropped
    },
    "search-flush-pending": {
        "task": "search.flush_pending",
        "schedule": 60.0,  # a minute of saves is a short list for every search to read (search/tasks.py)
        "options": {"expires": 60},
    },
    "audience-rank-most-viewed": {
        "task": "audience.rank_most_viewed",
        "schedule": float(RANKING_CACHE_SECONDS),
        "options": {"expires": RANKING_CACHE_SECONDS},
    },
}

# Counts one machine cannot run up, by the client's address (TRUSTED_PROXIES; newsroom.ceilings). A banner's clicks
# from one address count once per BANNER_CLICK_WINDOW_SECONDS: a reader coming back to click again, or a script, adds
# one click. An address counts at most BEACON_CEILING article views, and as many page loads' banner impressions, per
# BEACON_CEILING_SECONDS: 600 an hour is ten a minute, more than one person reads (an article a minute is a fast
# reader) and room for a hundred readers behind one office's or carrier's address reading six articles each in the
# hour, yet all that a script on one address adds. 0 counts every click, or every view and impression.
BANNER_CLICK_WINDOW_SECONDS = env.int("BANNER_CLICK_WINDOW_SECONDS", default=300)
BEACON_CEILING = env.int("BEACON_CEILING", default=600)
BEACON_CEILING_SECONDS = env.int("BEACON_CEILING_SECONDS", default=3600)
if BEACON_CEILING_SECONDS < 1:
    raise ImproperlyConfigured("BEACON_CEILING_SECONDS는 1 이상이어야 합니다 (상한을 끄려면 BEACON_CEILING=0).")

# The article body editor's own extension module (articles.forms.BODY_EXTENSIONS); it adds no markup.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {"js": [static_lazy("js/body-editor.js")], "extensions": {"BodyEditor": html_tags([])}},
]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / env.str("STATIC_ROOT", default="staticfiles")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = BASE_DIR / env.str("MEDIA_ROOT", default="var/media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Whether Django itself serves MEDIA_URL; off when a proxy or object storage serves the uploads.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# The proxies in front of the app servers (addresses or networks, e.g. 127.0.0.1,10.0.0.0/8): only what they append
# to X-Forwarded-For is believed, for every count and lock that goes by the reader's address (newsroom.clients).
# Empty: every request's address is the peer's, as when readers connect to the app server directly.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES에 주소나 네트워크가 아닌 값이 있습니다: {_proxy}") from None
# Staff sessions (accounts.sessions): one ends after this many seconds without a request its user made (the edit
# lock's heartbeat is not one). 9 hours: a working day with its lunch and a long interview away from the desk goes
# on signed in, a laptop left overnight or lost does not (from an evening's last page to the next morning is more).
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=9 * 3600)
if STAFF_SESSION_IDLE_SECONDS < 60:
    raise ImproperlyConfigured("STAFF_SESSION_IDLE_SECONDS는 60초 이상이어야 합니다 (예: 32400, 9시간).")
# Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto.
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Plain HTTP is sent on to https://, but for the health checks load balancers make over plain HTTP.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# Strict-Transport-Security on every answer over HTTPS: browsers then never ask over plain HTTP for this long.
# Include subdomains and preload only when every subdomain is served over HTTPS (preloading is for good).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# The Content-Security-Policy (django-csp; newsroom.csp.PolicyMiddleware adds a nonce on admin pages and the error
# pages' style hash). Scripts and styles come from the site's own files only, never inline: public pages are cached
# and shared by every reader, so they can carry no nonce. Images from the site, data: URLs (the editor's icons) and
# the uploads' origin when MEDIA_URL is an absolute address (object storage, a CDN); frames only for the articles'
# YouTube videos; no page may be framed, post a form elsewhere, change its base URL or load a plugin.
# CSP_REPORT_ONLY=true sends the same policy as Content-Security-Policy-Report-Only: browsers report what it would
# block, to CSP_REPORT_URI when set, and block nothing; for trying a change of policy on the live site first.
# (Their names here are not CSP_*: django-csp takes settings with those names for its old, pre-4.0 ones.)
_CSP_REPORT_ONLY = env.bool("CSP_REPORT_ONLY", default=False)
_CSP_REPORT_URI = env.str("CSP_REPORT_URI", default="")
_MEDIA = urlsplit(MEDIA_URL)
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([f"{_MEDIA.scheme}://{_MEDIA.netloc}"] if _MEDIA.netloc else [])],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "report-uri": [_CSP_REPORT_URI] if _CSP_REPORT_URI else None,
    }
}
CONTENT_SECURITY_POLICY = None if _CSP_REPORT_ONLY else _CSP
CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP if _CSP_REPORT_ONLY else None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes' own lines say every sign-in again, with the names masked; accounts.logins writes one line each.
    "loggers": {"axes": {"level": "ERROR"}},
}
