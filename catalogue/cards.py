"""Product cards rendered once per site version and language, then reused by every listing.

A card (templates/includes/product_card.html) shows a product's photo, title, county,
certificates and price: the same for every visitor whose strategy prices alike (consumers and
anonymous visitors), different for an approved wholesale buyer. Rendering 24 of them was most of a
catalogue page's cost (their prefetch queries, thumbnail lookups and template work), so the HTML of
each card is kept in a process-local cache keyed by the site version (core.site_version: bumped by
a price change, stock crossing zero, any edit of a product, image, certificate or county, and daily
for certificates), the language and the product. A listing then costs one query for the ids on
its page and one cache read; only cards not rendered yet in this version are loaded and rendered.
Visitors whose strategy says its prices are not shared (wholesale buyers) always get fresh cards.
"""

from collections.abc import Iterable

from django.core.cache import caches
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template import Context
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from oscar.core.loading import get_model

from catalogue.selectors import with_card_data
from core.site_version import site_version

#: Process-local: a card read costs no network round trip, and the key carries the shared version.
CARDS_CACHE_ALIAS = "fragments"
CARD_TEMPLATE = "includes/product_card.html"
#: Older versions' cards are dropped by the cache's own culling; an hour bounds a quiet process.
CARD_SECONDS = 3600


def _shared_prices(request: HttpRequest | None) -> bool:
    """True when this visitor's card prices are everyone's (the strategy says so; Oscar's Default does not)."""
    strategy = getattr(request, "strategy", None)
    return bool(getattr(strategy, "prices_shared_by_all_visitors", False))


def _render(context: Context, product) -> SafeString:
    # Rendered in the page's own context, as {% include %} would: no context processors run per card.
    template = context.template.engine.get_template(CARD_TEMPLATE)
    with context.push(product=product):
        return template.render(context)


def render_product_cards(context: Context, products: QuerySet | Iterable) -> list[SafeString]:
    """The HTML of one card per product, in order, rendered in (or cached for) the page's context.

    `products` is a queryset built with catalogue.selectors.with_card_data (only its ids are read
    when the cards can be shared) or products already loaded with it.
    """
    request = context.get("request")
    version = site_version() if _shared_prices(request) else ""
    if not version:
        return [_render(context, product) for product in products]

    if isinstance(products, QuerySet):
        ids = list(products.select_related(None).prefetch_related(None).values_list("pk", flat=True))
        loaded_by_id = {}
    else:
        loaded_by_id = {product.pk: product for product in products}
        ids = list(loaded_by_id)
    language = translation.get_language() or ""
    keys = {pk: f"card:{version}:{language}:{pk}" for pk in ids}
    cache = caches[CARDS_CACHE_ALIAS]
    found = cache.get_many(list(keys.values()))

    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        to_load = [pk for pk in missing if pk not in loaded_by_id]
        if to_load:
            Product = get_model("catalogue", "Product")
            loaded_by_id.update((product.pk, product) for product in with_card_data(Product.objects.filter(pk__in=to_load)))
        rendered = {keys[pk]: _render(context, loaded_by_id[pk]) for pk in missing if pk in loaded_by_id}
        cache.set_many(rendered, timeout=CARD_SECONDS)
        found.update(rendered)
    return [mark_safe(found[keys[pk]]) for pk in ids if keys[pk] in found]  # noqa: S308 — rendered templates
