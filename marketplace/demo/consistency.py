"""Make the demo data agree with itself, after every other demo module has run (idempotent).

- a harvest batch is dated inside its product's harvest months (明前 tea before Qingming);
- a route's "from" price is its cheapest upcoming departure;
- every product's gallery shows its own picture and its county's scene.
"""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from oscar.core.loading import get_model

from marketplace.demo.images import draw_picture

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")


def latest_harvest_day(months: list[int], today: date, *, before_qingming: bool = False) -> date:
    """The most recent day on or before today that lies in one of the harvest months."""
    for back in range(0, 13):
        year, month = today.year, today.month - back
        while month < 1:
            month += 12
            year -= 1
        if month in months:
            day = 25 if before_qingming and month == 3 else 15
            candidate = today if back == 0 and today.day <= day else date(year, month, day)
            if candidate <= today:
                return candidate
    return today


def fix_harvest_dates(today: date | None = None) -> int:
    from traceability.models import HarvestBatch

    today = today or date.today()
    fixed = 0
    for batch in HarvestBatch.objects.select_related("product"):
        early_tea = "明前" in batch.product.title  # picked before Qingming (early April): March
        months = [3] if early_tea else batch.product.harvest_month_list()
        if not months or batch.harvest_date.month in months:
            continue
        batch.harvest_date = latest_harvest_day(months, today, before_qingming=early_tea)
        batch.save(update_fields=["harvest_date"])
        fixed += 1
    return fixed


def fix_route_prices(today: date | None = None) -> int:
    """"¥1,680.00 起" must be a price someone can book: the cheapest upcoming departure, in every language."""
    from tourism.models import Departure, RoutePage

    today = today or date.today()
    fixed = 0
    for route in RoutePage.objects.filter(locale__language_code="zh-hans"):
        prices = list(Departure.objects.filter(route=route, date__gte=today).values_list("price", flat=True))
        if not prices:
            continue
        for page in RoutePage.objects.filter(translation_key=route.translation_key):
            if page.price_from != min(prices):
                page.price_from = min(prices)
                page.save_revision().publish()
                fixed += 1
    return fixed


def add_galleries() -> int:
    """Each demo product's gallery gets a second picture: its county's scene (one file per county, shared,
    so the seed draws 22 scenes and thumbnails each once, not one per product)."""
    added = 0
    scene_files: dict[int, str] = {}
    for product in Product.objects.filter(upc__startswith="QH").select_related("origin_county").prefetch_related("images").order_by("upc"):
        county = product.origin_county
        if len(product.images.all()) != 1 or county is None:
            continue
        image = ProductImage(product=product, display_order=1, caption="")
        if county.pk in scene_files:
            image.original = scene_files[county.pk]
            image.save()
        else:
            picture = draw_picture(county.name_en or county.slug, theme="landscape", size=(800, 600))
            image.original.save(f"county-{county.slug}.jpg", ContentFile(picture), save=True)
            scene_files[county.pk] = image.original.name
        added += 1
    return added


def make_consistent(stdout=None) -> None:
    harvests, routes, pictures = fix_harvest_dates(), fix_route_prices(), add_galleries()
    if stdout is not None:
        stdout.write(f"Demo consistency: {harvests} harvest dates, {routes} route prices, {pictures} gallery pictures.")
