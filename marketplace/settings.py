"""Settings, taken from the environment (12-factor).

Embedded default: SQLite and the local-memory cache, so the site runs on a bare
machine. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and
the Stripe keys; nothing else changes between the two.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403 — Oscar's documented way to get its defaults

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Our apps first so that their templates and translations win.
    "core",  # the shared kernel: imports no app of ours
    "marketplace",
    "regions",
    "traceability",
    "cms",
    "tourism",
    "cooperatives",
    "wholesale",
    "impact",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.locales",
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
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "axes",  # failed-login throttling (core.security.AxesBackend)
    # Oscar; forked apps (catalogue, partner, checkout, shipping, order, search) replace Oscar's own: each says why at its top.
    "marketplace.shop.ShopConfig",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "order.apps.OrderConfig",
    "addressbook.apps.CustomerConfig",  # Oscar's customer app; the address book on our Chinese address form
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "dashboard.apps.DashboardConfig",  # forked root: lets dashboard.catalogue and dashboard.orders override modules
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "dashboard.orders.apps.OrdersDashboardConfig",  # forked: staff only (cooperatives use cooperatives.dashboard)
    "dashboard.catalogue.apps.CatalogueDashboardConfig",  # forked: products get an origin county
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "cooperatives.dashboard.apps.CooperativesDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Stripe payments, webhooks and stock reservations (and its local Stripe test double).
    "stripe_payments.apps.PaymentsConfig",
    # After-sale claims and verified reviews (Oscar's own unverified reviews are hidden: OSCAR_HIDDEN_FEATURES).
    "aftersales",
    "productreviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous page cache (marketplace/pagecache.py): before sessions, so it sees every cookie set.
    "marketplace.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "marketplace.visitor.ConfirmedActionMiddleware",  # a form re-sent from the CSRF confirmation page
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cooperatives.middleware.SellerCentreRedirectMiddleware",  # cooperatives never see Oscar's dashboard
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "cms.routing.CachedSiteMiddleware",  # Wagtail's Site per host, kept per site version
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into core.security.lockout_response
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "marketplace.context_processors.site_navigation",
                "marketplace.visitor.csrf_token_for_page",  # no token on pages rendered for the page cache
            ],
        },
    },
]

# Database: SQLite unless DATABASE_URL says otherwise (postgres://user@host:5432/name).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Persistent connections (a new PostgreSQL connection per request cost more than most pages);
# health checks drop a connection the server closed instead of failing the next request.
# Not under DEBUG: runserver answers each request on a new thread, which never reuses a
# persistent connection and leaves it open until PostgreSQL runs out of connections.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0 if DEBUG else 60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL: readers never block the writer nor each other; a writer waits up to 20 s for the lock
    # instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Cache and sessions: Redis when REDIS_URL is set, otherwise process-local memory.
# The cache is an optimisation: core.cache.ResilientRedisCache answers a miss (and logs) when Redis
# is down, with short socket timeouts; sessions live in the database, read through the cache.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="qhjs"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (marketplace/pagecache.py) and its site version must be shared by every
# process that serves pages: Redis when there is one, otherwise files on this machine.
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Product thumbnails and CMS renditions made by a task after upload (marketplace/renditions.py).
RENDITIONS_ON_UPLOAD = env.bool("RENDITIONS_ON_UPLOAD", default=True)
if REDIS_URL:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="qhjs") + "-pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env.str("PAGE_CACHE_DIR", default=str(BASE_DIR / "var" / "pagecache")),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
# Rendered product cards, keyed by the site version (catalogue/cards.py): in each process, no round trip.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
# Each process keeps copies of the pages it served last (marketplace/pagecache.py): a hit then costs one
# read of the site version, not a round trip for the whole page. Keys hold the version: never stale.
CACHES["page-copies"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "page-copies",
    "OPTIONS": {"MAX_ENTRIES": env.int("PAGE_COPIES", default=300)},
}
# Public pages served from the page cache to cookie-less visitors (paths without the /en prefix).
PAGE_CACHE_PATHS = ["/", "/tourism/", "/counties/", "/events/", "/culture/", "/impact/", "/about/", "/shop/catalogue/", "/shop/search/"]
PAGE_CACHE_EXCLUDED_PATHS = ["/impact/report", "/impact/export"]
# Any of these cookies means the page may differ for this visitor: never served from or stored in the cache.
PAGE_CACHE_SKIP_COOKIES = ["sessionid", "oscar_open_basket", "messages", "oscar_history"]
# A form from a cached page posted without JavaScript has no token: one confirmation step (marketplace/visitor.py).
CSRF_FAILURE_VIEW = "marketplace.visitor.csrf_failure"

AUTHENTICATION_BACKENDS = [
    "core.security.AxesBackend",  # first: a locked-out account or IP is refused before any password check
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "customer:login"
# A page an editor restricts to logged-in visitors sends them to the shop's own login, not Wagtail's stock one.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"

# Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# locale_oscar/: our Chinese for Oscar's own msgids (see its README); both win over Oscar's catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_oscar"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded media: local disk, or an S3-compatible bucket when MEDIA_STORAGE=s3 / AWS_* are set (marketplace/storage.py).
from marketplace.storage import media_storage  # noqa: E402 — a plain function, no models

STORAGES = {
    "default": media_storage(env.ENVIRON),
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Private documents (licences, certificate scans, application files): outside MEDIA_ROOT, never
# served by the web server; only core.private_files views that check the owner or staff read them.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Every message goes through a Celery task after commit (core/mail.py); the task sends it with EMAIL_URL's backend.
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND  # noqa: F405 — set by EMAIL_CONFIG above
EMAIL_BACKEND = "core.mail.TaskEmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="黔货进穗 <noreply@qianhuo.example>")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Stripe: the platform company's account. Empty keys: the local sandbox in development (DEBUG, or
# STRIPE_SANDBOX — which `check --deploy` reports as an error); otherwise no card payments.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_SANDBOX = env.bool("STRIPE_SANDBOX", default=False)
# The sandbox only: answer "create a Checkout Session" this much later, as a slow Stripe would
# (benchmarks/faults.py uses it to kill workers between the stock hold and the session).
STRIPE_SANDBOX_LATENCY_MS = env.int("STRIPE_SANDBOX_LATENCY_MS", default=0)
# One Stripe call, retry included, must end before gunicorn's 30 s worker timeout (tested).
STRIPE_TIMEOUT_SECONDS = env.int("STRIPE_TIMEOUT_SECONDS", default=10)
GUNICORN_TIMEOUT_SECONDS = env.int("GUNICORN_TIMEOUT_SECONDS", default=30)

# Security: strict unless DEBUG. A proxy in front terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Login throttling (django-axes): per account and per IP, on every login form (shop, seller
# dashboard, Wagtail, Django admin); a success resets the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
# The client's address for both limits (core.security.client_ip): REMOTE_ADDR, or behind
# PROXY_COUNT reverse proxies the entry that many from the right of X-Forwarded-For.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
RATELIMIT_IP_META_KEY = "core.security.client_ip"

# Public forms (applications, inquiries, sign-ups): POSTs per client IP, counted on the shared cache.
PUBLIC_POST_RATE = env.str("PUBLIC_POST_RATE", default="5/10m")
RATELIMIT_USE_CACHE = "default"
# A cooperative application's files together (each file: UPLOAD_MAX_BYTES).
COOPERATIVE_APPLICATION_MAX_TOTAL_BYTES = 25 * 1024 * 1024

# Content-Security-Policy (django-csp) and Permissions-Policy (core.security): scripts only from
# our static files or with the response's nonce; Stripe Checkout is the one outside form target.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp_constants.NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'", "https://checkout.stripe.com"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Staff back offices whose own templates carry inline scripts (Wagtail, Django admin, Oscar's dashboard).
CSP_BACKOFFICE_PREFIXES = ["/cms-admin/", "/django-admin/", "/dashboard/", "/en/dashboard/"]
CSP_STRICT_PREFIXES = ["/dashboard/cooperative/", "/en/dashboard/cooperative/"]  # the seller centre is ours
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
    "serial",
    "xr-spatial-tracking",
    "browsing-topics",
]
# Wagtail's live preview shows our own pages in a same-origin frame, so not DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Wagtail logs every background task at INFO; only problems matter here.
    "loggers": {name: {"level": "WARNING"} for name in ("django_tasks", "wagtail", "oscar.alerts")},
}

# Wagtail
WAGTAIL_SITE_NAME = "黔货进穗"
WAGTAILADMIN_BASE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
# No Gravatar: editors' addresses are not sent to a third party (unreachable from mainland China
# anyway), and the CSP allows no plain-http images; Wagtail shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin ask releases.wagtail.org for new versions (connect-src is 'self'): upgrades
# come through requirements.lock and `make test`.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000

# Oscar
OSCAR_SHOP_NAME = _("黔货进穗")
OSCAR_SHOP_TAGLINE = _("毕节·黔南绿色好物直达广州")
OSCAR_HOMEPAGE = "/shop/catalogue/"
OSCAR_DEFAULT_CURRENCY = "CNY"
# "¥" in both languages (babel would write "CN¥" for English visitors).
OSCAR_CURRENCY_FORMAT = {"CNY": {"format": "¥#,##0.00", "currency_digits": True}}
OSCAR_SLUG_FUNCTION = "core.slugs.pinyin_slugify"
OSCAR_SLUG_ALLOW_UNICODE = False
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
# Oscar's reviews let anyone review anything: its URLs and form are off; productreviews/ has verified reviews.
OSCAR_HIDDEN_FEATURES = ["reviews"]
# Seams the shop loads by configuration, so that it imports nothing from the floors above it:
# the strategy selector (retail vs wholesale prices, tour departures) and pay on invoice.
SHOP_STRATEGY_SELECTOR = "wholesale.strategy.Selector"
CHECKOUT_INVOICE_PAYMENT = "wholesale.invoicing"
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION  # noqa: F405 — extended by apps later

HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
THUMBNAIL_DEBUG = False
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# Maps
# Tile URL template for route maps, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png. Empty: no tiles,
# the map draws only the stops and the line on a plain background.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")

# Uploads (core/uploads.py): every image and document a user uploads, one limit each.
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_MAX_IMAGE_PIXELS = 40_000_000

# Cooperatives (cooperatives/): settlement, dashboard navigation.
COOPERATIVE_PLATFORM_FEE_PERCENT = env.str("COOPERATIVE_PLATFORM_FEE_PERCENT", default="5.00")
# Oscar payment-event type codes counted as refunds on a statement (stripe_payments/ records Stripe refunds as "refund");
# orders in these statuses are not settled.
COOPERATIVE_REFUND_EVENT_CODES = ("refund", "refunded")
COOPERATIVE_EXCLUDED_ORDER_STATUSES = ("Cancelled", "已取消")
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,
    {
        "label": _("合作社"),
        "icon": "fas fa-seedling",
        "children": [
            {"label": _("入驻申请"), "url_name": "cooperatives_dashboard:coop-application-list"},
            {"label": _("合作社订单"), "url_name": "cooperatives_dashboard:coop-order-list"},
            {"label": _("月度结算"), "url_name": "cooperatives_dashboard:coop-statement-list"},
            {"label": _("商品批量导入"), "url_name": "cooperatives_dashboard:coop-import"},
            {"label": _("合作社简介"), "url_name": "cooperatives_dashboard:coop-my-profile"},
        ],
    },
]

# Checkout and Stripe payments (stripe_payments/). Empty STRIPE_SECRET_KEY: the stripe library
# talks to the local test double mounted at /stripe-sandbox/ (see stripe_payments/sandbox/).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Oscar writes absolute links in mails (password reset…) from django.contrib.sites' row and this
# scheme; `migrate` keeps that row on SITE_URL and the shop name (marketplace.apps.sync_site).
OSCAR_URL_SCHEMA = SITE_URL.split("://", 1)[0] if "://" in SITE_URL else "https"
STRIPE_SANDBOX_API_BASE = env.str("STRIPE_SANDBOX_API_BASE", default=f"{SITE_URL.rstrip('/')}/stripe-sandbox")
# Empty: Stripe offers the methods enabled in the Dashboard (card, Alipay, WeChat Pay …).
STRIPE_PAYMENT_METHOD_TYPES = env.list("STRIPE_PAYMENT_METHOD_TYPES", default=[])
# How long the payment page stays open (Stripe's minimum is 30); stock is held 5 minutes longer.
STRIPE_CHECKOUT_MINUTES = env.int("STRIPE_CHECKOUT_MINUTES", default=30)
# A payment that never got its Stripe session (the worker died first) holds stock this long at most.
STRIPE_SESSIONLESS_SECONDS = env.int("STRIPE_SESSIONLESS_SECONDS", default=120)
# The sandbox's sessions: files on this machine, shared by every worker and independent of Redis.
CACHES["stripe_sandbox"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": env.str("STRIPE_SANDBOX_DIR", default=str(BASE_DIR / "var" / "stripe-sandbox")),
}
# Chinese addresses: one full name (last_name), street (line1), city (line4), province (state).
OSCAR_REQUIRED_ADDRESS_FIELDS = ("last_name", "line1", "line4", "state", "country")
OSCAR_INITIAL_ORDER_STATUS = "待发货"
OSCAR_INITIAL_LINE_STATUS = "待发货"
OSCAR_ORDER_STATUS_PIPELINE = {
    "待发货": ("部分发货", "已发货", "已取消", "已退款"),
    "部分发货": ("已发货", "已退款"),  # some of its packages have shipped (cooperatives/shipping.py)
    "已发货": ("已完成", "已退款"),
    "已完成": ("已退款",),
    "已取消": (),
    "已退款": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE

# Wholesale (wholesale/): staff review business accounts in the dashboard.
from marketplace.dashboard_access import cooperative_only, cooperative_or_staff, staff_only  # noqa: E402 — plain functions, no models

OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,
    {
        "label": _("批发采购"),
        "icon": "fas fa-truck",
        "children": [
            {"label": _("企业采购账户"), "url_name": "wholesale_dashboard:review_list", "access_fn": staff_only},
            {"label": _("询价单"), "url_name": "wholesale_dashboard:quote_list", "access_fn": staff_only},
            {"label": _("账期发票"), "url_name": "wholesale_dashboard:invoice_list", "access_fn": staff_only},
        ],
    },
    {"label": _("帮扶成效"), "icon": "fas fa-chart-bar", "url_name": "impact_dashboard:report", "access_fn": staff_only},
    {"label": _("缺少英文的内容"), "icon": "fas fa-language", "url_name": "translations_dashboard:untranslated", "access_fn": staff_only},
    {"label": _("证书核验"), "icon": "fas fa-certificate", "url_name": "traceability_dashboard:certificate_list", "access_fn": staff_only},
    {"label": _("售后申请"), "icon": "fas fa-undo", "url_name": "aftersales_seller:claim-list", "access_fn": staff_only},
    {"label": _("商品评价"), "icon": "fas fa-star", "url_name": "productreviews_seller:list", "access_fn": staff_only},
    {
        "label": _("我的证书"),
        "icon": "fas fa-award",
        "url_name": "traceability_cooperative:certificate_list",
        "access_fn": cooperative_only,
    },
    {"label": _("采收批次"), "icon": "fas fa-leaf", "url_name": "traceability_cooperative:batch_list", "access_fn": cooperative_only},
    {"label": _("打印溯源标签"), "icon": "fas fa-qrcode", "url_name": "traceability:batch_labels_pdf", "access_fn": cooperative_or_staff},
]

# Sales figures (impact/, settlements): orders in these statuses never count as sold;
# Oscar payment events with these type codes are refunds.
UNSOLD_ORDER_STATUSES = ("已取消",)
REFUND_EVENT_CODES = ("refund", "refunded")

# Pay on invoice (wholesale/invoicing.py): who issues the invoices and where buyers transfer to.
INVOICE_SELLER = {
    "name": env.str("INVOICE_SELLER_NAME", default="黔货进穗平台运营公司"),
    "address": env.str("INVOICE_SELLER_ADDRESS", default="广州市天河区"),
    "bank": env.str("INVOICE_SELLER_BANK", default="（请在 INVOICE_SELLER_BANK 中设置开户行）"),
    "account": env.str("INVOICE_SELLER_ACCOUNT", default="（请设置 INVOICE_SELLER_ACCOUNT）"),
}

# Celery (marketplace/celery.py): Redis is the broker when REDIS_URL is set; otherwise tasks
# run inline, so the embedded default needs no worker.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
# A broker that is down must not hold a request: one quick retry, then core.mail sends inline.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# Periodic tasks (run `celery -A marketplace beat`); each is also a management command.
CELERY_BEAT_SCHEDULE = {
    "flush-product-views": {"task": "catalogue.tasks.flush_product_views", "schedule": 5 * 60},
    "cooperative-expiry-reminders": {"task": "cooperatives.tasks.send_expiry_reminders", "schedule": 24 * 60 * 60},
    "aftersales-escalate-claims": {"task": "aftersales.tasks.escalate_claims", "schedule": 15 * 60},
    "payments-release-stale-holds": {"task": "stripe_payments.tasks.release_stale_holds", "schedule": 60},
}

# After-sale (aftersales/): claims from shipment until N days after delivery (cold-chain goods: hours);
# a claim the cooperative leaves unanswered this long goes to staff. Reviews open 7 days after shipping.
AFTERSALES_CLAIM_DAYS = env.int("AFTERSALES_CLAIM_DAYS", default=7)
AFTERSALES_COLD_CHAIN_HOURS = env.int("AFTERSALES_COLD_CHAIN_HOURS", default=48)
AFTERSALES_RESPONSE_HOURS = env.int("AFTERSALES_RESPONSE_HOURS", default=48)
REVIEWS_AFTER_SHIPPING_DAYS = 7

# Product search: the database by default; an Elasticsearch/OpenSearch cluster when SEARCH_URL
# is set (e.g. https://user:password@search-host:9200). `manage.py search_index` fills it.
SEARCH_URL = env.str("SEARCH_URL", default="")
SEARCH_INDEX = env.str("SEARCH_INDEX", default="qhjs-products")
