"""Fault drill: the shop under gunicorn on PostgreSQL, with workers killed mid-checkout and Redis stopped.

    .venv/bin/python benchmarks/faults.py                      # database `faults`, Redis on 6390
    .venv/bin/python benchmarks/faults.py --reuse-db           # skip migrate + seed_demo

What it does, all on the loopback interface and in bounded loops:

1. (Re)creates the PostgreSQL database ``faults`` and loads the demo site into it.
2. Starts its own ``redis-server`` on port 6390 (never the machine's 6379) and gunicorn with three
   sync workers (timeout 30 s) serving the shop with the development Stripe sandbox
   (``STRIPE_SANDBOX``, answering 1.5 s late like a slow Stripe), ``REDIS_URL`` on that Redis,
   and SMTP pointed at a closed port.
3. Load: 12 buyers check out at once against 3 workers (the sandbox must not need a free worker).
4. Kill: buyers press "pay" while every worker is sent SIGKILL; stranded holds and frozen baskets
   are counted, then the every-minute release job runs (as Celery beat would) and they are counted again.
5. Redis: the drill's redis-server is stopped; pages, a full checkout and /healthz are tried.
6. Stock: for the drill's product, units in stock, allocated, held and sold must add up.

Prints a Markdown report for the README.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT, REDIS_PORT = "127.0.0.1", 8790, 6390
BASE = f"http://{HOST}:{PORT}"
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/faults"
SESSIONLESS_SECONDS = 5
ADDRESS = {
    "name": "陈小姐",
    "mobile": "13812345678",
    "province": "广东省",
    "city": "广州市",
    "district": "天河区",
    "street": "天河路385号",
    "postcode": "510620",
    "notes": "",
}


def server_env(redis: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=f"redis://{HOST}:{REDIS_PORT}/0",
        SECRET_KEY="fault-drill-only-secret-key",
        DEBUG="false",
        STRIPE_SANDBOX="true",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS=HOST,
        SITE_URL=BASE,
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        EMAIL_URL="smtp://127.0.0.1:2/",  # nothing listens: SMTP is down for the whole drill
        STRIPE_SESSIONLESS_SECONDS=str(SESSIONLESS_SECONDS),
        # Stripe answers "create session" after 1.5 s (the sandbox's latency knob), so that the
        # SIGKILL lands between holding the stock and reaching Stripe, as a slow call would.
        STRIPE_SANDBOX_LATENCY_MS="1500",
        STRIPE_SANDBOX_DIR=str(Path(tempfile.gettempdir()) / "qhjs-faults-sandbox"),
        PAGE_CACHE_DIR=str(Path(tempfile.gettempdir()) / "qhjs-faults-pages"),
        DJANGO_SETTINGS_MODULE="marketplace.settings",
        LOG_LEVEL="ERROR",
    )
    return env


def manage(*args: str, env=None, timeout: int = 1800) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env or server_env(), capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def recreate_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS faults WITH (FORCE)")
        connection.execute("CREATE DATABASE faults")


def wait_for(url: str, seconds: float = 60) -> bool:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            return True
        except requests.RequestException:
            time.sleep(0.3)
    return False


class Drill:
    def __init__(self) -> None:
        self.redis: subprocess.Popen | None = None
        self.gunicorn: subprocess.Popen | None = None
        self.lines: list[str] = []

    # --- processes -------------------------------------------------------------------------------
    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", HOST, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)

    def stop_redis(self) -> None:
        if self.redis is not None and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(timeout=10)

    def start_gunicorn(self) -> None:
        self.gunicorn = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "marketplace.wsgi", "-b", f"{HOST}:{PORT}", "-w", "3", "--timeout", "30"],
            cwd=ROOT,
            env=server_env(),
            stdout=subprocess.DEVNULL,
            stderr=open(Path(tempfile.gettempdir()) / "qhjs-faults-gunicorn.log", "w"),  # noqa: SIM115 — lives as long as the server
        )
        if not wait_for(f"{BASE}/healthz"):
            raise SystemExit("gunicorn did not start")

    def workers(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.gunicorn.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in out.split()]

    def stop(self) -> None:
        if self.gunicorn is not None and self.gunicorn.poll() is None:
            self.gunicorn.send_signal(signal.SIGTERM)
            try:
                self.gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.gunicorn.kill()
        self.stop_redis()

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)


class Buyer:
    """One shopper's browser: cookies, CSRF token, the checkout steps.

    The site runs as in production (DEBUG off), so its cookies are marked Secure; this browser
    speaks plain HTTP on the loopback, so it keeps sending them (as a TLS proxy in front would).
    """

    def __init__(self, email: str) -> None:
        import requests

        self.http = requests.Session()
        self.email = email
        self.csrf = ""

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 60, hops: int = 6):
        url = path if path.startswith("http") else BASE + path
        for _hop in range(hops):
            for cookie in self.http.cookies:
                cookie.secure = False
            response = self.http.request(method, url, data=data, timeout=timeout, allow_redirects=False)
            if response.status_code not in (301, 302, 303) or method == "POST" and data and data.get("action") == "place_order":
                return response
            url, method, data = requests_join(url, response.headers["Location"]), "GET", None
        return response

    def token(self) -> str:
        """The CSRF token as the site's own script gets it: pages served from the page cache carry
        none, /visitor.json gives this visitor's (marketplace/visitor.py)."""
        if not self.csrf:
            self.csrf = self.request("GET", "/visitor.json").json()["csrf_token"]
        return self.csrf

    def post(self, path: str, data: dict, timeout: float = 60):
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": self.token()}, timeout=timeout)

    def to_preview(self, product_id: int) -> None:
        """Basket, then the one-screen checkout (/shop/checkout/confirm/) as a guest opens it."""
        self.post(f"/shop/basket/add/{product_id}/", {"quantity": 1})
        self.request("GET", "/shop/checkout/confirm/")

    def place_order(self, timeout: float = 60) -> str:
        """Press "place order" on the one-screen checkout; returns the sandbox payment page's URL (or '' when refused)."""
        form = {"action": "place_order", "contact-email": self.email, "method_code": "ambient-express", "notes": ""}
        form.update({f"address-{name}": value for name, value in ADDRESS.items()})
        response = self.post("/shop/checkout/confirm/", form, timeout=timeout)
        location = response.headers.get("Location", "")
        return location if "/stripe-sandbox/pay/" in location else ""

    def pay(self, url: str) -> bool:
        html = self.request("GET", url).text
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        response = self.request("POST", url, {"outcome": "succeed", "csrfmiddlewaretoken": found.group(1) if found else self.token()})
        return "thank-you" in response.url


def requests_join(base: str, location: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, location)


def run_threads(count: int, target) -> list:
    results: list = [None] * count
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=60)
            results[index] = target(index)
        except Exception as error:  # noqa: BLE001 — a failed buyer is a finding, not a crash of the drill
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse-db", action="store_true", help="keep the `faults` database as it is (already seeded)")
    parser.add_argument("--buyers", type=int, default=12)
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server is needed (apt-get install redis-server)")

    os.environ.update({k: v for k, v in server_env().items() if k not in ("REDIS_URL",)})
    drill = Drill()
    drill.start_redis()
    try:
        if not args.reuse_db:
            print("creating the `faults` database and loading the demo site…", flush=True)
            recreate_database()
            manage("migrate", "--no-input")
            manage("seed_demo")
        run(drill, args)
    finally:
        drill.stop()


def run(drill: Drill, args) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from oscar.core.loading import get_model

    from stripe_payments.models import CheckoutPayment, StockReservation

    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    Basket = get_model("basket", "Basket")
    OrderLine = get_model("order", "Line")

    product = Product.objects.filter(is_public=True, storage="ambient", stockrecords__isnull=False).order_by("pk").first()
    record = StockRecord.objects.get(product=product)
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=200, num_allocated=0)
    sold_before = OrderLine.objects.filter(stockrecord=record).count()
    CheckoutPayment.objects.all().delete()

    drill.start_gunicorn()
    drill.say(f"Fault drill — gunicorn 3 sync workers (timeout 30 s), PostgreSQL `faults`, Redis :{REDIS_PORT}, SMTP down")
    drill.say(f"product: {product.title} (200 units)")
    drill.say()
    drill.say("| fault | what happened | held |")
    drill.say("|---|---|---|")

    # 1. Load: more buyers than workers, all through the sandbox at once.
    buyers = [Buyer(f"load{i}@example.com") for i in range(args.buyers)]
    for buyer in buyers:
        buyer.to_preview(product.pk)
    started = time.monotonic()
    pages = run_threads(len(buyers), lambda i: buyers[i].place_order())
    paid = run_threads(len(buyers), lambda i: buyers[i].pay(pages[i]) if isinstance(pages[i], str) and pages[i] else False)
    seconds = time.monotonic() - started
    reached = sum(1 for page in pages if isinstance(page, str) and page)
    placed = sum(1 for ok in paid if ok is True)
    drill.say(
        f"| {args.buyers} buyers check out at once on 3 workers | {reached} reached the payment page, {placed} orders placed "
        f"in {seconds:.1f} s (no worker timeout) | {'yes' if placed == args.buyers else 'NO'} |"
    )

    # 2. Kill every worker while buyers press "place order".
    victims = [Buyer(f"kill{i}@example.com") for i in range(6)]
    for buyer in victims:
        buyer.to_preview(product.pk)
    payments_before = set(CheckoutPayment.objects.values_list("pk", flat=True))

    def press(index: int):
        try:
            return victims[index].place_order(timeout=40)
        except Exception as error:  # noqa: BLE001
            return error

    threads = [threading.Thread(target=lambda i=i: press(i)) for i in range(len(victims))]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 10
    while (
        time.monotonic() < deadline
        and not StockReservation.objects.exclude(payment__in=payments_before).filter(payment__stripe_session_id__isnull=True).exists()
    ):
        time.sleep(0.01)
    killed = drill.workers()
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    for thread in threads:
        thread.join(timeout=60)
    new = CheckoutPayment.objects.exclude(pk__in=payments_before)
    # Taken now, as lists: the release job below changes the very rows a lazy queryset would select.
    stranded = list(new.filter(stripe_session_id__isnull=True, status="open").values_list("pk", flat=True))
    stranded_baskets = list(CheckoutPayment.objects.filter(pk__in=stranded).values_list("basket_id", flat=True))
    stranded_units = sum(StockReservation.objects.filter(payment__in=stranded, state="held").values_list("quantity", flat=True))
    frozen = Basket.objects.filter(pk__in=stranded_baskets, status="Frozen").count()
    wait_for(f"{BASE}/healthz")
    time.sleep(SESSIONLESS_SECONDS + 1)
    released = manage("release_expired_stock")  # what Celery beat runs every minute
    still = StockReservation.objects.filter(payment__in=stranded, state="held").count()
    thawed = Basket.objects.filter(pk__in=stranded_baskets, status="Open").count()
    drill.say(
        f"| SIGKILL to all {len(killed)} workers during 6 checkouts | {len(stranded)} payments left without a Stripe session "
        f"holding {stranded_units} units, {frozen} baskets frozen; the release job ({released.strip()}) left {still} held, "
        f"{thawed} baskets open again; gunicorn replaced the workers | {'yes' if still == 0 and thawed == frozen else 'NO'} |"
    )

    # 3. Redis stopped.
    drill.stop_redis()
    import requests

    statuses = {path: requests.get(BASE + path, timeout=30).status_code for path in ("/", "/tourism/", "/impact/", "/shop/catalogue/")}
    buyer = Buyer("noredis@example.com")
    buyer.to_preview(product.pk)
    page = buyer.place_order()
    ordered = buyer.pay(page) if page else False
    health = requests.get(BASE + "/healthz", timeout=30)
    pages_ok = all(code == 200 for code in statuses.values())
    drill.say(
        f"| Redis stopped | pages {', '.join(f'{p} {c}' for p, c in statuses.items())}; checkout "
        f"{'placed an order' if ordered else 'FAILED'}; /healthz {health.status_code} {health.json()} "
        f"| {'yes' if pages_ok and ordered and health.status_code == 503 else 'NO'} |"
    )
    drill.start_redis()
    time.sleep(1)
    health = requests.get(BASE + "/healthz", timeout=30)
    drill.say(f"| Redis back | /healthz {health.status_code} {health.json()} | {'yes' if health.status_code == 200 else 'NO'} |")

    # 4. Stock adds up.
    record.refresh_from_db()
    held = sum(StockReservation.objects.filter(stockrecord=record, state="held").values_list("quantity", flat=True))
    sold = OrderLine.objects.filter(stockrecord=record).count() - sold_before
    adds_up = record.num_allocated == held + sold and record.num_in_stock == 200
    drill.say(
        f"| stock afterwards | in stock {record.num_in_stock}, allocated {record.num_allocated} = "
        f"{sold} sold + {held} held by open payments | {'yes' if adds_up else 'NO'} |"
    )


if __name__ == "__main__":
    main()
