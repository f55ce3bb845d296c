"""Product cards rendered once per site version and language, then reused by every listing.

A card (templates/includes/product_card.html) shows a product's photo, title, county,
certificates and price: the same for every visitor whose strategy prices alike (consumers and
anonymous visitors), different for an approved wholesale buyer. Rendering 24 of them was most of a
catalogue page's cost (their prefetch queries, thumbnail lookups and template work), so the HTML of
each card is kept as a shared fragment (core.fragments: process-local, keyed by the site version,
the language and the product). A listing then costs one query for the ids on
its page and one cache read; only cards not rendered yet in this version are loaded and rendered.
Visitors whose strategy says its prices are not shared (wholesale buyers) always get fresh cards.
"""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.template import Context
from django.utils.safestring import SafeString, mark_safe
from oscar.core.loading import get_model

from catalogue.selectors import with_card_data
from core.fragments import fragment_key, fragment_key_prefix, shared_many, shares_prices, store_many

CARD_TEMPLATE = "includes/product_card.html"


class CardIds(tuple):
    """Ids of the products to show as cards, in order (a listing remembered per site version)."""


def _render(context: Context, product) -> SafeString:
    # Rendered in the page's own context, as {% include %} would: no context processors run per card.
    template = context.template.engine.get_template(CARD_TEMPLATE)
    with context.push(product=product):
        return template.render(context)


def render_product_cards(context: Context, products: QuerySet | CardIds | Iterable) -> list[SafeString]:
    """The HTML of one card per product, in order, rendered in (or cached for) the page's context.

    `products` is a queryset built with catalogue.selectors.with_card_data (only its ids are read
    when the cards can be shared), CardIds, or products already loaded with with_card_data.
    """
    request = context.get("request")
    prefix = fragment_key_prefix(request) if shares_prices(request) else ""
    if isinstance(products, CardIds):
        if not prefix:
            Product = get_model("catalogue", "Product")
            by_id = with_card_data(Product.objects.filter(pk__in=products)).in_bulk()
            return [_render(context, by_id[pk]) for pk in products if pk in by_id]
        ids, loaded_by_id = list(products), {}
    elif not prefix:
        return [_render(context, product) for product in products]
    elif isinstance(products, QuerySet):
        ids = list(products.select_related(None).prefetch_related(None).values_list("pk", flat=True))
        loaded_by_id = {}
    else:
        loaded_by_id = {product.pk: product for product in products}
        ids = list(loaded_by_id)
    keys = {pk: fragment_key(prefix, "card", pk) for pk in ids}
    found = shared_many(keys.values())

    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        to_load = [pk for pk in missing if pk not in loaded_by_id]
        if to_load:
            Product = get_model("catalogue", "Product")
            loaded_by_id.update((product.pk, product) for product in with_card_data(Product.objects.filter(pk__in=to_load)))
        rendered = {keys[pk]: _render(context, loaded_by_id[pk]) for pk in missing if pk in loaded_by_id}
        store_many(rendered)
        found.update(rendered)
    return [mark_safe(found[keys[pk]]) for pk in ids if keys[pk] in found]  # noqa: S308 — rendered templates
