"""Side by side under load: our site, stock django-oscar 4.2.1 and stock Wagtail 8, in one run.

    .venv/bin/python benchmarks/compare.py --products 2000
    .venv/bin/python benchmarks/compare.py --products 10000 \\
        --database-url postgres://postgres@127.0.0.1:5432/h18 --redis-url redis://127.0.0.1:6379/13
    (any empty Redis database: a Redis with the default 16 databases has no /18)

What it does, all on this machine and on loopback only:
1. Peers in their own virtualenvs under benchmarks/results/peers/ (gitignored), installed from PyPI
   by pip: django-oscar 4.2.1 with Whoosh (a project set up like Oscar's sandbox: its apps,
   middleware, ATOMIC_REQUESTS, local-memory cache, Haystack on a Whoosh index), and Wagtail 8 from
   `wagtail start` with an index page of 500 child pages listing 24 of them.
2. Data: ours from `seed_demo --products` (demo catalogue + bulk products, in `h18` when a
   PostgreSQL URL is given); stock Oscar gets the same products (titles, descriptions, prices,
   stock, categories; no images), indexed with `update_index`. Same database engine for all three
   (PostgreSQL: databases h18_oscar and h18_wagtail beside ours).
3. Each site under gunicorn with 2 sync workers; ours twice: as configured (anonymous page cache
   on) and with PAGE_CACHE_SECONDS=0 (every page rendered). Every URL is requested once to warm
   (thumbnails, renditions, connections), then `wrk -t2 -c8 -d<duration>s --latency`.
4. One Markdown table: req/s, p50, p95, p99 and non-2xx per page, with the ratios the issue asks for
   (ours uncached / peer; ours cached / floor, the floor being our /robots.txt through the same
   middleware), and the load average when each server started. Saved to
   benchmarks/results/compare-<engine>-<products>.md; wrk's own output is appended to
   benchmarks/results/wrk.log, 500 tracebacks go to benchmarks/results/gunicorn-<server>.log.

Numbers depend on the machine and its load; compare ratios from the same run only.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PEERS = RESULTS / "peers"
OUR_PYTHON = ROOT / ".venv" / "bin" / "python"

# The sandbox's own extras: sorl-thumbnail for product images, Whoosh for Haystack.
OSCAR_REQUIREMENTS = ["django-oscar==4.2.1", "Django>=5.2,<5.3", "sorl-thumbnail", "whoosh", "gunicorn", "psycopg[binary]"]
WAGTAIL_REQUIREMENTS = ["wagtail==8.0.1", "gunicorn", "psycopg[binary]"]


# --- small helpers ---------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list, *, env: dict | None = None, cwd: Path | None = None, timeout: int = 3600) -> str:
    result = subprocess.run([str(a) for a in args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, args))}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def venv(name: str, requirements: list[str]) -> Path:
    """A virtualenv of the peer's own, with its pinned stock packages."""
    path = PEERS / name
    python = path / "bin" / "python"
    marker = path / ".installed"
    if not marker.exists() or marker.read_text() != "\n".join(requirements):
        log(f"installing {name}: {' '.join(requirements)}")
        run([sys.executable, "-m", "venv", path])
        run([python, "-m", "pip", "install", "-q", *requirements], timeout=1800)
        marker.write_text("\n".join(requirements))
    return python


def database_url(base: str | None, suffix: str, sqlite_dir: Path) -> str:
    """Same engine for every site: a database of its own on the same server, or an SQLite file."""
    if not base:
        return f"sqlite:///{sqlite_dir / f'{suffix}.sqlite3'}"
    parsed = urllib.parse.urlsplit(base)
    name = parsed.path.lstrip("/") or "h18"
    return urllib.parse.urlunsplit(parsed._replace(path=f"/{name}{'_' + suffix if suffix != 'ours' else ''}"))


def create_postgres_database(url: str) -> None:
    parsed = urllib.parse.urlsplit(url)
    name = parsed.path.lstrip("/")
    env = dict(os.environ, PGPASSWORD=parsed.password or "")
    base = ["psql", "-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432), "-U", parsed.username or "postgres"]
    query = f"SELECT 1 FROM pg_database WHERE datname='{name}'"
    exists = subprocess.run([*base, "-tAc", query, "postgres"], env=env, capture_output=True, text=True)
    if "1" not in exists.stdout:
        run([*base, "-c", f'CREATE DATABASE "{name}"', "postgres"], env=env)


# --- our site --------------------------------------------------------------------------------


def our_env(db_url: str, redis_url: str, *, page_cache: bool) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": db_url,
            "SECRET_KEY": "benchmark-only-secret-key",
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "MEDIA_ROOT": str(RESULTS / "media"),
            "PAGE_CACHE_DIR": str(RESULTS / "pagecache"),
            "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        }
    )
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def build_ours(db_url: str, redis_url: str, products: int, *, seed: bool = True) -> None:
    env = our_env(db_url, redis_url, page_cache=True)
    log(f"ours: migrate{' + seed_demo' if seed else ''} ({products} products in all)")
    run([OUR_PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT)
    if not seed:
        return
    run([OUR_PYTHON, "manage.py", "seed_demo", "--products", max(products - 76, 0), "-v0"], env=env, cwd=ROOT, timeout=3600)


EXPORT_PRODUCTS = """
import json, sys
import django
django.setup()
from oscar.core.loading import get_model
Product = get_model("catalogue", "Product")
rows = []
for p in Product.objects.browsable().prefetch_related("stockrecords", "categories").order_by("pk"):
    record = next(iter(p.stockrecords.all()), None)
    category = next(iter(p.categories.all()), None)
    rows.append({"upc": p.upc, "title": p.title, "description": p.description or "",
                 "price": str(record.price) if record else "10.00", "stock": record.num_in_stock if record else 0,
                 "category": category.name if category else "其他"})
json.dump(rows, sys.stdout, ensure_ascii=False)
"""


def our_urls(db_url: str, redis_url: str) -> dict:
    script = """
import json, django
django.setup()
from oscar.core.loading import get_model
p = get_model("catalogue", "Product").objects.get(upc="QH0290")
print(json.dumps({"product": p.get_absolute_url(), "title": p.title}))
"""
    return json.loads(run([OUR_PYTHON, "-c", script], env=our_env(db_url, redis_url, page_cache=True), cwd=ROOT).strip().splitlines()[-1])


# --- stock Oscar -------------------------------------------------------------------------------

OSCAR_SETTINGS = '''"""Stock django-oscar 4.2.1, set up as its sandbox is: Oscar's apps, Haystack on Whoosh."""
import os
from pathlib import Path
from urllib.parse import urlsplit

from oscar.defaults import *  # noqa

BASE_DIR = Path(__file__).resolve().parent
DEBUG = False
SECRET_KEY = "benchmark-only-stock-oscar"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
url = urlsplit(os.environ["PEER_DATABASE_URL"])
if url.scheme == "sqlite":
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": url.path, "ATOMIC_REQUESTS": True}}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": url.path.lstrip("/"), "USER": url.username or "postgres",
                             "PASSWORD": url.password or "", "HOST": url.hostname, "PORT": url.port or 5432, "ATOMIC_REQUESTS": True}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_CODE = "zh-hans"
SITE_ID = 1
ROOT_URLCONF = "urls"
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
    "django.contrib.messages", "django.contrib.staticfiles", "django.contrib.sites", "django.contrib.flatpages",
    "oscar.config.Shop", "oscar.apps.analytics.apps.AnalyticsConfig", "oscar.apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig", "oscar.apps.shipping.apps.ShippingConfig",
    "oscar.apps.catalogue.apps.CatalogueConfig", "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig", "oscar.apps.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig", "oscar.apps.payment.apps.PaymentConfig", "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig", "oscar.apps.customer.apps.CustomerConfig", "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig", "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig", "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig", "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig", "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig", "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig", "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks", "haystack", "treebeard", "sorl.thumbnail", "django_tables2",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [], "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.debug", "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth", "django.template.context_processors.i18n",
        "django.contrib.messages.context_processors.messages",
        "oscar.apps.search.context_processors.search_form", "oscar.apps.checkout.context_processors.checkout",
        "oscar.apps.communication.notifications.context_processors.notifications",
        "oscar.core.context_processors.metadata",
    ]},
}]
AUTHENTICATION_BACKENDS = ["oscar.apps.customer.auth_backends.EmailBackend", "django.contrib.auth.backends.ModelBackend"]
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
                                     "PATH": os.environ.get("PEER_WHOOSH_PATH", str(BASE_DIR / "whoosh_index"))}}
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
OSCAR_DEFAULT_CURRENCY = "CNY"
OSCAR_PRODUCTS_PER_PAGE = 24
# Tracebacks of 500s to stderr (the gunicorn log), as ours logs them; without this DEBUG=False hides them.
LOGGING = {"version": 1, "disable_existing_loggers": False, "handlers": {"console": {"class": "logging.StreamHandler"}},
           "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}}}
'''

# As the sandbox's urls.py: Oscar's templates link to set_language (the language picker).
OSCAR_URLS = """from django.apps import apps
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(apps.get_app_config("oscar").urls[0])),
]
"""

OSCAR_BUILD = """
import json, sys
from decimal import Decimal
import django
django.setup()
from django.db import transaction
from oscar.core.loading import get_model
Product = get_model("catalogue", "Product"); ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category"); ProductCategory = get_model("catalogue", "ProductCategory")
Partner = get_model("partner", "Partner"); StockRecord = get_model("partner", "StockRecord")
rows = json.load(open(sys.argv[1]))
if Product.objects.count() >= len(rows):
    sys.exit(0)
with transaction.atomic():
    produce, _ = ProductClass.objects.get_or_create(name="Produce", defaults={"track_stock": True})
    partner, _ = Partner.objects.get_or_create(name="Cooperative")
    categories = {}
    for name in sorted({r["category"] for r in rows}):
        categories[name] = Category.objects.filter(name=name).first() or Category.add_root(name=name, slug=f"c{len(categories)}")
    done = set(Product.objects.values_list("upc", flat=True))
    todo = [r for r in rows if r["upc"] not in done]
    for start in range(0, len(todo), 1000):
        chunk = todo[start:start + 1000]
        Product.objects.bulk_create([Product(upc=r["upc"], title=r["title"], slug=f"p-{r['upc'].lower()}", description=r["description"],
                                             product_class=produce, is_public=True) for r in chunk])
        saved = {p.upc: p for p in Product.objects.filter(upc__in=[r["upc"] for r in chunk])}
        StockRecord.objects.bulk_create([StockRecord(product=saved[r["upc"]], partner=partner, partner_sku=r["upc"],
                                                     price=Decimal(r["price"]), price_currency="CNY", num_in_stock=r["stock"])
                                         for r in chunk])
        ProductCategory.objects.bulk_create([ProductCategory(product=saved[r["upc"]], category=categories[r["category"]]) for r in chunk])
p = Product.objects.get(upc=sys.argv[2])
print(json.dumps({"product": p.get_absolute_url()}))
"""


def build_oscar(python: Path, db_url: str, products_file: Path) -> dict:
    site = PEERS / "oscar_site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "settings.py").write_text(OSCAR_SETTINGS)
    (site / "urls.py").write_text(OSCAR_URLS)
    (site / "build.py").write_text(OSCAR_BUILD)
    # The Whoosh index lives beside this run's database (one per engine and size), not in the shared site.
    index = products_file.parent / "whoosh_index"
    env = dict(os.environ, PEER_DATABASE_URL=db_url, PEER_WHOOSH_PATH=str(index), DJANGO_SETTINGS_MODULE="settings", PYTHONPATH=str(site))
    log("stock Oscar: migrate, products, Whoosh index")
    run([python, "-m", "django", "migrate", "--noinput", "-v0"], env=env, cwd=site)
    out = run([python, "build.py", products_file, "QH0290"], env=env, cwd=site)
    if out.strip() or not (index / ".built").exists():  # products were added, or no complete index yet
        run([python, "-m", "django", "rebuild_index", "--noinput", "-v0"], env=env, cwd=site, timeout=3600)
        index.mkdir(parents=True, exist_ok=True)
        (index / ".built").write_text("")
    urls = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    if not urls:
        out = run(
            [
                python,
                "-c",
                "import django,json;django.setup();from oscar.core.loading import get_model;"
                "print(json.dumps({'product': get_model('catalogue','Product').objects.get(upc='QH0290').get_absolute_url()}))",
            ],
            env=env,
            cwd=site,
        )
        urls = json.loads(out.strip().splitlines()[-1])
    return {"env": env, "cwd": site, "wsgi": "django.core.wsgi:get_wsgi_application()", "product": urls["product"]}


# --- stock Wagtail ---------------------------------------------------------------------------

WAGTAIL_LOCAL = """import os
from urllib.parse import urlsplit

from .base import STORAGES

SECRET_KEY = "benchmark-only-stock-wagtail"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
url = urlsplit(os.environ["PEER_DATABASE_URL"])
if url.scheme != "sqlite":
    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": url.path.lstrip("/"), "USER": url.username or "postgres",
                             "PASSWORD": url.password or "", "HOST": url.hostname, "PORT": url.port or 5432}}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": url.path}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "handlers": {"console": {"class": "logging.StreamHandler"}},
           "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}}}
"""

WAGTAIL_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}
<h1>{{ page.title }}</h1>
<ul>
{% for child in page.get_children.live|slice:":24" %}<li><a href="{% pageurl child %}">{{ child.title }}</a></li>
{% endfor %}
</ul>
{% endblock %}
"""

WAGTAIL_BUILD = """
import django
django.setup()
from home.models import HomePage
home = HomePage.objects.get(depth=2)
have = home.get_children().count()
for number in range(have, 500):
    home.add_child(instance=HomePage(title=f"Child page {number}", slug=f"child-{number}"))
print(home.get_children().first().url)
"""


def build_wagtail(python: Path, db_url: str) -> dict:
    site = PEERS / "wagtail_site"
    if not (site / "manage.py").exists():
        site.mkdir(parents=True, exist_ok=True)
        run([python.parent / "wagtail", "start", "peersite", site])
    (site / "peersite" / "settings" / "local.py").write_text(WAGTAIL_LOCAL)
    (site / "home" / "templates" / "home" / "home_page.html").write_text(WAGTAIL_TEMPLATE)
    (site / "build.py").write_text(WAGTAIL_BUILD)
    env = dict(os.environ, PEER_DATABASE_URL=db_url, DJANGO_SETTINGS_MODULE="peersite.settings.production", PYTHONPATH=str(site))
    log("stock Wagtail: migrate, 500 child pages")
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=site)
    child = run([python, "build.py"], env=env, cwd=site).strip().splitlines()[-1]
    return {"env": env, "cwd": site, "wsgi": "peersite.wsgi:application", "child": child}


# --- serving and measuring -------------------------------------------------------------------


class Server:
    def __init__(self, name: str, python: Path, wsgi: str, env: dict, cwd: Path):
        self.name, self.port = name, free_port()
        gunicorn = python.parent / "gunicorn"
        self.log = open(RESULTS / f"gunicorn-{name}.log", "w")
        self.process = subprocess.Popen(
            [str(gunicorn), "--workers", "2", "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", wsgi],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.5)
        raise SystemExit(f"{name} did not start; see {self.log.name}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is reported as such (wrk counts it as non-2xx), not followed


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def warm(url: str) -> int:
    """One request, no redirects followed: the status wrk's requests will get."""
    try:
        with urllib.request.build_opener(_NoRedirect).open(url, timeout=120) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def to_ms(value: str) -> float:
    number = float(re.match(r"[\d.]+", value).group())
    return number * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[re.search(r"(us|ms|s|m)$", value).group(1)]


# wrk's --latency prints 50/75/90/99 %; the latency goal is a p95.
P95_SCRIPT = 'done = function(summary, latency, requests) io.write(string.format("p95 %.3fms\\n", latency:percentile(95.0) / 1000)) end\n'


def measure(url: str, duration: int, connections: int) -> dict:
    status = warm(url)
    script = RESULTS / "p95.lua"
    script.write_text(P95_SCRIPT)
    wrk = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", "-s", str(script), url]
    out = run(wrk, timeout=duration + 60)
    with open(RESULTS / "wrk.log", "a") as raw:  # wrk's own output, to check the table against
        raw.write(f"=== {time.strftime('%H:%M:%S')} {url} (warm-up status {status})\n{out}\n")
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "status": status,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        # The latency distribution's own lines ("    50%   12.34ms"), not a "+/- Stdev" column ending in 50%.
        "p50": to_ms(re.search(r"^\s*50%\s+(\S+)", out, re.MULTILINE).group(1)),
        "p95": to_ms(re.search(r"^p95 (\S+)", out, re.MULTILINE).group(1)),
        "p99": to_ms(re.search(r"^\s*99%\s+(\S+)", out, re.MULTILINE).group(1)),
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
        "requests": total,
    }


def cell(result: dict | None) -> str:
    if not result:
        return "—"
    latency = " · ".join(f"{p} {result[p]:.0f} ms" for p in ("p50", "p95", "p99"))
    text = f"{result['rps']:.1f} req/s · {latency} · {result['non2xx']} non-2xx"
    if result["socket_errors"]:
        text += f" · {result['socket_errors']} socket errors"
    if result["status"] != 200:
        text += f" (warm-up answered {result['status']})"
    return text


def ratio(a: dict | None, b: dict | None) -> str:
    return f"{a['rps'] / b['rps']:.2f}×" if a and b and b["rps"] else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=2000, help="products in every shop (ours: demo + bulk)")
    parser.add_argument("--database-url", default="", help="PostgreSQL server URL with our database name (default: SQLite files)")
    parser.add_argument("--redis-url", default="", help="Redis for our cache and page cache (default: none)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--skip-build", action="store_true", help="reuse the data of the previous run (still migrates)")
    parser.add_argument("--build-only", action="store_true", help="build the three sites' data, measure nothing")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    if args.redis_url:  # fail now, not after the build (a Redis with 16 databases has no /18)
        check = subprocess.run(
            [OUR_PYTHON, "-c", f"import redis; redis.Redis.from_url({args.redis_url!r}).ping()"], capture_output=True, text=True
        )
        if check.returncode:
            raise SystemExit(f"Redis at {args.redis_url} does not answer: {check.stderr.strip().splitlines()[-1]}")
    engine = "postgresql" if args.database_url else "sqlite"
    data_dir = RESULTS / f"compare-{engine}-{args.products}"
    data_dir.mkdir(parents=True, exist_ok=True)
    PEERS.mkdir(parents=True, exist_ok=True)
    ours_db = database_url(args.database_url, "ours", data_dir)
    oscar_db = database_url(args.database_url, "oscar", data_dir)
    wagtail_db = database_url(args.database_url, "wagtail", data_dir)
    if args.database_url:
        for url in (ours_db, oscar_db, wagtail_db):
            create_postgres_database(url)

    oscar_python = venv("oscar", OSCAR_REQUIREMENTS)
    wagtail_python = venv("wagtail", WAGTAIL_REQUIREMENTS)
    build_ours(ours_db, args.redis_url, args.products, seed=not args.skip_build)
    products_file = data_dir / "products.json"
    products_file.write_text(run([OUR_PYTHON, "-c", EXPORT_PRODUCTS], env=our_env(ours_db, args.redis_url, page_cache=True), cwd=ROOT))
    ours = our_urls(ours_db, args.redis_url)
    oscar = build_oscar(oscar_python, oscar_db, products_file)
    wagtail = build_wagtail(wagtail_python, wagtail_db)
    if args.build_only:
        log("data built")
        return
    if args.redis_url:
        subprocess.run([OUR_PYTHON, "-c", f"import redis; redis.Redis.from_url({args.redis_url!r}).flushdb()"], check=True)
    shutil.rmtree(RESULTS / "pagecache", ignore_errors=True)

    pages = [
        # (name, our path, peer, peer path)
        ("catalogue list", "/shop/catalogue/", "oscar", "/catalogue/"),
        ("catalogue page 50", "/shop/catalogue/?page=50", "oscar", "/catalogue/?page=50"),
        ("catalogue, filtered", "/shop/catalogue/?prefecture=qiannan&poverty=1&sort=price-asc", None, None),
        ("product page", ours["product"], "oscar", oscar["product"]),
        ("search 毛尖", "/shop/search/?q=%E6%AF%9B%E5%B0%96", "oscar", "/search/?q=%E6%AF%9B%E5%B0%96"),
        ("home", "/", "wagtail", "/"),
        ("route page", "/tourism/libo-xiaoqikong/", "wagtail", wagtail["child"]),
        ("route page (English)", "/en/tourism/libo-xiaoqikong/", "wagtail", wagtail["child"]),
        ("county page", "/counties/weining/", "wagtail", wagtail["child"]),
        ("tourism index", "/tourism/", "wagtail", "/"),
        ("impact (public)", "/impact/", None, None),
        ("floor: /robots.txt", "/robots.txt", None, None),
    ]
    log(f"serving ours (page cache on, off), stock Oscar, stock Wagtail; wrk {args.duration}s × {args.connections} per page")
    results: dict[tuple[str, str], dict] = {}
    servers = {
        "cached": (OUR_PYTHON, "marketplace.wsgi:application", our_env(ours_db, args.redis_url, page_cache=True), ROOT),
        "uncached": (OUR_PYTHON, "marketplace.wsgi:application", our_env(ours_db, args.redis_url, page_cache=False), ROOT),
        "oscar": (oscar_python, oscar["wsgi"], oscar["env"], oscar["cwd"]),
        "wagtail": (wagtail_python, wagtail["wsgi"], wagtail["env"], wagtail["cwd"]),
    }
    # One server at a time: the machine's cores are all the measured one's.
    loads = [f"start {loadavg()}"]
    for name, (python, wsgi, env, cwd) in servers.items():
        loads.append(f"{name} {loadavg()}")
        log(f"{name}: load average {loadavg()}")
        server = Server(name, python, wsgi, env, cwd)
        try:
            measured_peer_paths = set()
            for page, our_path, peer, peer_path in pages:
                if name in ("cached", "uncached"):
                    results[(page, name)] = measure(server.url(our_path), args.duration, args.connections)
                    log(f"{name:9} {page}: {cell(results[(page, name)])}")
                elif peer == name:
                    if peer_path not in measured_peer_paths:
                        measured_peer_paths.add(peer_path)
                        results[("peer", name, peer_path)] = measure(server.url(peer_path), args.duration, args.connections)
                        log(f"{name:9} {peer_path}: {cell(results[('peer', name, peer_path)])}")
                    results[(page, "peer")] = results[("peer", name, peer_path)]
        finally:
            server.stop()

    loads.append(f"end {loadavg()}")
    floor = results.get(("floor: /robots.txt", "cached"))
    peer_names = {"oscar": "stock Oscar", "wagtail": "stock Wagtail"}
    lines = [
        f"{args.products} products, {engine}{' + Redis' if args.redis_url else ''}; gunicorn 2 workers each; "
        f"wrk -t2 -c{args.connections} -d{args.duration}s; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"load average (1, 5, 15 min) when each server started: {'; '.join(loads)}",
        "",
        "| page | ours, page cache (anonymous) | ours, rendered (no page cache) | peer | peer page | rendered ÷ peer | cached ÷ floor |",
        "|---|---|---|---|---|---|---|",
    ]
    for page, _our_path, peer, peer_path in pages:
        peer_result = results.get((page, "peer"))
        lines.append(
            f"| {page} | {cell(results.get((page, 'cached')))} | {cell(results.get((page, 'uncached')))} | "
            f"{cell(peer_result) if peer else '—'} | {peer_names.get(peer, '—')} {peer_path or ''} | "
            f"{ratio(results.get((page, 'uncached')), peer_result)} | {ratio(results.get((page, 'cached')), floor)} |"
        )
    report = "\n".join(lines)
    out = RESULTS / f"compare-{engine}-{args.products}.md"
    out.write_text(report + "\n", encoding="utf-8")
    print()
    print(report)
    print(f"\n(saved to {out.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
