"""Page latency benchmark: p50/p95 of the main public pages on a large catalogue.

    .venv/bin/python benchmarks/pages.py --products 10000 --runs 50
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/pages.py

Builds the demo site plus N bulk products in its own database (SQLite file under
benchmarks/results/ unless DATABASE_URL says otherwise), warms each page once
(thumbnails, renditions), then times requests through Django's full stack in-process
(middleware, templates, database; no network). Prints a Markdown table for the README.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def configure(database_url: str | None) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", database_url or f"sqlite:///{RESULTS / 'bench.sqlite3'}")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
    os.environ.setdefault("MEDIA_ROOT", str(RESULTS / "media"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10_000, help="bulk products on top of the demo catalogue")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    configure(args.database_url)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from oscar.core.loading import get_model

    print(f"database: {connection.vendor}; building the catalogue ({args.products} extra products)…", flush=True)
    call_command("migrate", verbosity=0)
    call_command("seed_demo", products=args.products, verbosity=0)
    Product = get_model("catalogue", "Product")
    product = Product.objects.get(upc="QH0290")
    print(f"catalogue: {Product.objects.count()} products", flush=True)

    pages = {
        "home": "/",
        "catalogue": "/shop/catalogue/",
        "catalogue, filtered": "/shop/catalogue/?prefecture=qiannan&poverty=1&sort=price-asc",
        "catalogue, page 50": "/shop/catalogue/?page=50",
        "product page": product.get_absolute_url(),
        "search 毛尖": "/shop/search/?q=%E6%AF%9B%E5%B0%96",
        "search maojian": "/shop/search/?q=maojian",
        "search dymj": "/shop/search/?q=dymj",
        "county page": "/counties/weining/",
        "tourism index": "/tourism/",
        "tourism index, filtered": "/tourism/?county=libo&theme=ecology",
        "route page": "/tourism/libo-xiaoqikong/",
        "route page (English)": "/en/tourism/libo-xiaoqikong/",
        "impact (public)": "/impact/",
        "site search 荔波": "/search/?q=%E8%8D%94%E6%B3%A2",
    }
    client = Client()
    rows = []
    for name, url in pages.items():
        status = client.get(url).status_code  # warm-up: thumbnails, renditions, caches
        samples = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        rows.append((name, status, statistics.median(samples), percentile(samples, 0.95)))
        print(f"  {name}: p50 {rows[-1][2]:.1f} ms, p95 {rows[-1][3]:.1f} ms", flush=True)

    table = ["| page | status | p50 ms | p95 ms |", "|---|---|---|---|"]
    table += [f"| {name} | {status} | {p50:.1f} | {p95:.1f} |" for name, status, p50, p95 in rows]
    report = "\n".join(table)
    (RESULTS / f"pages-{connection.vendor}-{args.products}.md").write_text(report + "\n", encoding="utf-8")
    print()
    print(report)


if __name__ == "__main__":
    main()
