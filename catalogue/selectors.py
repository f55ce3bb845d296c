"""Read-only product queries for the storefront.

Listings cost the same number of queries whatever the catalogue size: filters and
facet counts are single aggregate queries, product cards are fetched in bulk.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import QueryDict
from django.utils import translation
from oscar.core.loading import get_model

from catalogue import search_index
from catalogue.search import normalise_query, search_products
from core.site_version import site_version
from regions.models import County, Prefecture
from traceability.models import Certificate
from traceability.selectors import certificates_in_force

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

SORT_ORDERS = {
    "newest": ("-date_created", "-id"),
    "price-asc": ("min_price", "id"),
    "price-desc": ("-min_price", "-id"),
    "title": ("title", "id"),
}


def _decimal(value: str | None) -> Decimal | None:
    try:
        number = Decimal(value) if value else None
    except InvalidOperation:
        return None
    return number if number is not None and number.is_finite() and number >= 0 else None


@dataclass
class ProductFilters:
    """What the shopper asked for, parsed from the URL so every combination can be linked."""

    counties: list[str] = field(default_factory=list)
    prefecture: str = ""
    poverty: bool = False
    cold_chain: str = ""
    certification: str = ""
    geo_indication: bool = False
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    query: str = ""
    sort: str = "newest"
    _cluster_ids: list[int] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_querydict(cls, params: QueryDict) -> "ProductFilters":
        sort = params.get("sort", "newest")
        return cls(
            counties=[slug for slug in params.getlist("county") if slug][:30],
            prefecture=params.get("prefecture", ""),
            poverty=params.get("poverty") == "1",
            cold_chain=params.get("storage", "") if params.get("storage") in Product.Storage.values else "",
            certification=params.get("cert", "") if params.get("cert") in Certificate.CertType.values else "",
            geo_indication=params.get("gi") == "1",
            price_min=_decimal(params.get("price_min")),
            price_max=_decimal(params.get("price_max")),
            query=params.get("q", "").strip()[:100],
            sort=sort if sort in SORT_ORDERS else "newest",
        )

    def matching(self, products: QuerySet) -> QuerySet:
        """Products matching the search words; a search cluster is asked once per request, not per facet."""
        if not search_index.enabled():
            return search_products(products, self.query)
        if self._cluster_ids is None:
            self._cluster_ids = search_index.search_ids(normalise_query(self.query))
        return products.filter(pk__in=self._cluster_ids)

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.counties
            or self.prefecture
            or self.poverty
            or self.cold_chain
            or self.geo_indication
            or self.price_min is not None
            or self.price_max is not None
        )


def _base_products() -> QuerySet:
    return Product.objects.browsable()


def _apply(products: QuerySet, filters: ProductFilters, *, skip: str = "") -> QuerySet:
    """Apply every filter except `skip` (facet counts leave out their own dimension)."""
    if filters.counties and skip != "county":
        products = products.filter(origin_county__slug__in=filters.counties)
    if filters.prefecture and skip != "prefecture":
        products = products.filter(origin_county__prefecture__slug=filters.prefecture)
    if filters.poverty and skip != "poverty":
        products = products.filter(origin_county__is_national_poverty_county=True)
    if filters.cold_chain and skip != "storage":
        products = products.filter(storage=filters.cold_chain)
    if filters.certification and skip != "cert":
        in_force = certificates_in_force().filter(cert_type=filters.certification)
        products = products.filter(certificates__in=in_force)
    if filters.geo_indication and skip != "gi":
        products = products.filter(is_geographical_indication=True)
    if filters.price_min is not None:
        products = products.filter(stockrecords__price__gte=filters.price_min)
    if filters.price_max is not None:
        products = products.filter(stockrecords__price__lte=filters.price_max)
    if filters.query:
        products = filters.matching(products)
    return products


def with_card_data(products: QuerySet) -> QuerySet:
    """Everything includes/product_card.html shows, fetched in a fixed number of queries."""
    # Stock records carry their wholesale case pack and tiers: the partner strategy prices
    # an approved buyer's cards from them without a query per card.
    stockrecords = StockRecord.objects.select_related("wholesale_terms").prefetch_related("price_tiers")
    return products.select_related("origin_county__paired_district", "origin_county__prefecture", "product_class").prefetch_related(
        "images",
        Prefetch("stockrecords", queryset=stockrecords),
        Prefetch("certificates", queryset=certificates_in_force(), to_attr="certificates_in_force"),
    )


def storefront_products(*, filters: ProductFilters | None = None, categories=None, sort: str | None = None) -> QuerySet:
    """Public products for listings, with everything a product card shows fetched in bulk."""
    filters = filters or ProductFilters()
    products = _base_products()
    if categories is not None:
        products = products.filter(categories__in=categories)
    products = _apply(products, filters)
    ids = products.values("pk")
    # A price per product from its own stock records (one index lookup per row) instead of grouping
    # every product in the catalogue to compute MIN(price) before taking the 24 on the page.
    cheapest = StockRecord.objects.filter(product=OuterRef("pk")).order_by("price").values("price")[:1]
    ordered = with_card_data(Product.objects.filter(pk__in=ids)).annotate(min_price=Subquery(cheapest))
    return ordered.order_by(*SORT_ORDERS.get(sort or filters.sort, SORT_ORDERS["newest"]))


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


def selection_digest(filters: ProductFilters, categories=None) -> str:
    """A short digest of which products a listing shows (its filters and categories, not its order)."""
    category_ids = sorted(c.pk for c in categories) if categories is not None else None
    raw = repr((sorted(filters.counties), filters.prefecture, filters.poverty, filters.cold_chain, filters.certification,
                filters.geo_indication, filters.price_min, filters.price_max, filters.query, category_ids))
    return hashlib.sha256(raw.encode()).hexdigest()


def _summary_key(kind: str, filters: ProductFilters, categories) -> str | None:
    """A cache key for a per-catalogue-version summary, or None when there is no site version."""
    version = site_version()
    if not version:
        return None
    return f"catalogue:{kind}:{version}:{translation.get_language()}:{selection_digest(filters, categories)}"


def facet_counts(*, filters: ProductFilters, categories=None) -> dict[str, list[FacetOption]]:
    """Facet counts, kept per catalogue version: recounted only after the catalogue changed."""
    key = _summary_key("facets", filters, categories)
    counts = cache.get(key) if key else None
    if counts is None:
        counts = _count_facets(filters=filters, categories=categories)
        if key:
            cache.set(key, counts, timeout=24 * 60 * 60)
    return counts


def matching_count(queryset: QuerySet, *, filters: ProductFilters, categories=None) -> int:
    """The number of products a listing has, kept per catalogue version like the facets."""
    key = _summary_key("count", filters, categories)
    count = cache.get(key) if key else None
    if count is None:
        count = queryset.count()
        if key:
            cache.set(key, count, timeout=24 * 60 * 60)
    return count


def _count_facets(*, filters: ProductFilters, categories=None) -> dict[str, list[FacetOption]]:
    """Counts for each facet value given the other active filters: one query per facet."""
    base = _base_products()
    if categories is not None:
        base = base.filter(categories__in=categories)

    county_counts = dict(_apply(base, filters, skip="county").values_list("origin_county__slug").annotate(n=Count("pk", distinct=True)))
    prefecture_counts = dict(
        _apply(base, filters, skip="prefecture").values_list("origin_county__prefecture__slug").annotate(n=Count("pk", distinct=True))
    )
    flags = _apply(base, filters, skip="poverty").aggregate(
        poverty=Count("pk", filter=Q(origin_county__is_national_poverty_county=True), distinct=True),
    )
    gi = _apply(base, filters, skip="gi").aggregate(gi=Count("pk", filter=Q(is_geographical_indication=True), distinct=True))
    cert_counts = dict(
        _apply(base, filters, skip="cert")
        .filter(certificates__in=certificates_in_force())
        .values_list("certificates__cert_type")
        .annotate(n=Count("pk", distinct=True))
    )
    storage_counts = dict(_apply(base, filters, skip="storage").values_list("storage").annotate(n=Count("pk", distinct=True)))

    counties = County.objects.select_related("prefecture").order_by("prefecture__sort_order", "sort_order")
    return {
        "prefecture": [
            FacetOption(p.slug, p.display_name, prefecture_counts.get(p.slug, 0), p.slug == filters.prefecture)
            for p in Prefecture.objects.all()
        ],
        "county": [
            FacetOption(c.slug, c.display_short_name, county_counts.get(c.slug, 0), c.slug in filters.counties)
            for c in counties
            if county_counts.get(c.slug) or c.slug in filters.counties
        ],
        "poverty": [FacetOption("1", "", flags["poverty"], filters.poverty)],
        "gi": [FacetOption("1", "", gi["gi"], filters.geo_indication)],
        "cert": [
            FacetOption(value, label, cert_counts.get(value, 0), value == filters.certification)
            for value, label in Certificate.CertType.choices
            if cert_counts.get(value) or value == filters.certification
        ],
        "storage": [
            FacetOption(value, label, storage_counts.get(value, 0), value == filters.cold_chain) for value, label in Product.Storage.choices
        ],
    }


def products_from_county(*, county: County) -> QuerySet:
    """Browsable products grown or made in the county, newest first, ready for product cards."""
    return with_card_data(Product.objects.browsable().filter(origin_county=county)).order_by("-date_created")
