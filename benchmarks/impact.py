"""Impact report benchmark: 100,000 ledger lines, the assessment report, its exports and /impact/.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_impact .venv/bin/python benchmarks/impact.py

Bulk-writes orders (5 lines each) spread over a year, every county and district, with their
impact ledger rows (``impact.SaleLine``, as the order_placed receiver writes them: certified
or not, 农畜牧/手工艺, into Guangzhou or elsewhere, four channels), some cancelled and 3 % with
a partial refund line by line (``payments.Refund``/``RefundLine``). Then times the staff
report (every table computed fresh), a filtered report, the all-tables Excel export, one CSV,
the budget units' ranking and the public page with a cold and a warm cache.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import configure, percentile  # noqa: E402


def build(lines_wanted: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from oscar.core.loading import get_model

    from impact.models import Channel, ProductKind, SaleLine
    from regions.models import District
    from stripe_payments.models import Refund, RefundLine
    from wholesale.models import BusinessAccount

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    StockRecord = get_model("partner", "StockRecord")

    existing = Line.objects.filter(order__number__startswith="BENCH-").count()
    if existing >= lines_wanted:
        print(f"{existing} benchmark order lines already there")
        return
    rng = random.Random(42)
    records = list(
        StockRecord.objects.filter(partner_sku__startswith="QH").select_related(
            "product__origin_county", "product__product_class", "partner"
        )
    )
    districts = list(District.objects.all())
    users = list(get_user_model().objects.filter(username__in=["consumer", "buyer", "canteen"]))
    accounts = {a.user_id: a for a in BusinessAccount.objects.filter(user__in=users)}
    channel_of = {
        user.pk: (
            Channel.INSTITUTIONAL if user.pk in accounts and accounts[user.pk].is_institution
            else Channel.WHOLESALE if user.pk in accounts else Channel.CONSUMER
        )
        for user in users
    }
    now = timezone.now()
    per_order = 5
    orders_wanted = (lines_wanted - existing) // per_order
    start = Order.objects.filter(number__startswith="BENCH-").count()
    for chunk in range(start, start + orders_wanted, 2000):
        with transaction.atomic():
            orders, picks = [], {}
            for number in range(chunk, min(chunk + 2000, start + orders_wanted)):
                chosen = rng.sample(records, per_order)
                total = sum((r.price * 2 for r in chosen), Decimal("0"))
                into_gz = rng.random() < 0.8
                orders.append(
                    Order(
                        number=f"BENCH-{number:07d}",
                        site_id=1,
                        user=rng.choice(users),
                        currency="CNY",
                        total_incl_tax=total,
                        total_excl_tax=total,
                        shipping_incl_tax=Decimal("0"),
                        shipping_excl_tax=Decimal("0"),
                        status=rng.choice(["已完成"] * 18 + ["已取消", "待发货"]),
                        guangzhou_district=rng.choice(districts) if into_gz else None,
                        date_placed=now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1440)),
                    )
                )
                picks[orders[-1].number] = chosen
            Order.objects.bulk_create(orders, batch_size=1000)
            saved = list(
                Order.objects.filter(number__in=list(picks)).only("pk", "number", "user_id", "guangzhou_district_id", "date_placed")
            )
            lines = []
            for order in saved:
                for record in picks[order.number]:
                    price = record.price * 2
                    lines.append(
                        Line(
                            order=order,
                            partner=record.partner,
                            partner_name=record.partner.name,
                            partner_sku=record.partner_sku,
                            stockrecord=record,
                            product=record.product,
                            title=record.product.title,
                            upc=record.product.upc,
                            quantity=2,
                            num_allocated=0,
                            line_price_incl_tax=price,
                            line_price_excl_tax=price,
                            line_price_before_discounts_incl_tax=price,
                            line_price_before_discounts_excl_tax=price,
                            unit_price_incl_tax=record.price,
                            unit_price_excl_tax=record.price,
                            status="已完成",
                        )
                    )
            Line.objects.bulk_create(lines, batch_size=2000)
            by_order = {order.pk: order for order in saved}
            entries, refunds, refund_lines = [], [], []
            for line in Line.objects.filter(order__in=saved).select_related("product__origin_county", "product__product_class"):
                order, product = by_order[line.order_id], line.product
                county = product.origin_county
                entries.append(
                    SaleLine(
                        line=line,
                        order_id=order.pk,
                        placed_at=order.date_placed,
                        product=product,
                        partner_id=line.partner_id,
                        county=county,
                        poverty_county=bool(county and county.is_national_poverty_county),
                        county_paired_district_id=county.paired_district_id if county else None,
                        kind=ProductKind.HANDICRAFT if product.product_class.name == "手工艺品" else ProductKind.AGRICULTURAL,
                        certified=rng.random() < 0.4,
                        households=rng.randint(20, 300),
                        poor_households=rng.randint(5, 20),
                        into_guangzhou=order.guangzhou_district_id is not None,
                        district_id=order.guangzhou_district_id,
                        channel=channel_of[order.user_id],
                        business_account=accounts.get(order.user_id),
                        buyer=f"u{order.user_id}",
                        quantity=line.quantity,
                        amount=line.line_price_incl_tax,
                    )
                )
                if rng.random() < 0.03 / per_order:  # ≈ 3 % of orders get a refund line
                    refunds.append(Refund(order_id=order.pk, key=f"bench-{line.pk}", amount=Decimal("5.00"), status="succeeded"))
                    refund_lines.append((len(refunds) - 1, line, rng.choice([0, 1])))
            SaleLine.objects.bulk_create(entries, batch_size=2000)
            Refund.objects.bulk_create(refunds)
            RefundLine.objects.bulk_create(
                [RefundLine(refund=refunds[i], line=line, quantity=units, amount=Decimal("5.00")) for i, line, units in refund_lines]
            )
        print(f"  order lines: {Line.objects.filter(order__number__startswith='BENCH-').count()}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    configure(args.database_url)

    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from oscar.core.loading import get_model

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    build(args.lines)
    Line = get_model("order", "Line")
    print(f"database: {connection.vendor}; order lines: {Line.objects.count()}", flush=True)

    today = timezone.localdate()
    year_ago = today - timedelta(days=365)
    staff = Client()
    staff.force_login(get_user_model().objects.get(username="staff"))
    public = Client()
    rows = []
    for name, client, url in [
        ("staff report (all tables)", staff, "/dashboard/impact/"),
        ("staff report, one year", staff, f"/dashboard/impact/?start={year_ago}&end={today}"),
        ("staff report, filtered", staff, "/dashboard/impact/?prefecture=bijie&poverty_only=on&channel=consumer&certified_only=on"),
        ("Excel export, every table", staff, "/dashboard/impact/?export=xlsx"),
        ("CSV export, county table", staff, "/dashboard/impact/?export=csv&table=county"),
        ("budget units ranking", staff, "/dashboard/impact/institutions/"),
        ("/impact/ (cold cache)", public, "/impact/"),
    ]:
        samples = []
        for _ in range(args.runs):
            cache.clear()
            started = time.perf_counter()
            status = client.get(url).status_code
            samples.append((time.perf_counter() - started) * 1000)
        rows.append((name, status, statistics.median(samples), percentile(samples, 0.95)))
        print(f"  {name}: p50 {rows[-1][2]:.0f} ms, p95 {rows[-1][3]:.0f} ms", flush=True)
    cache.clear()
    public.get("/impact/")
    started = time.perf_counter()
    public.get("/impact/")
    rows.append(("/impact/ (cached)", 200, (time.perf_counter() - started) * 1000, (time.perf_counter() - started) * 1000))
    table = ["| page | status | p50 ms | p95 ms |", "|---|---|---|---|"]
    table += [f"| {name} | {status} | {p50:.0f} | {p95:.0f} |" for name, status, p50, p95 in rows]
    print("\n" + "\n".join(table))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    main()
