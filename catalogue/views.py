"""Storefront browsing and search served from the database.

Oscar 4 browses through Haystack; with Haystack's simple backend the catalogue comes
out empty and facets are impossible. These views list from the ORM instead (same URL
names and template names), with facets for county, prefecture, poverty county,
storage, geographical indication and price, all expressed in the query string.
"""

import json
from functools import partial

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from catalogue.cards import CardIds
from catalogue.selectors import ProductFilters, facet_counts, matching_count, selection_digest, storefront_products
from catalogue.view_counts import VIEW_COUNT_ATTR, count_product_view
from core.fragments import remembered
from traceability.selectors import certificates_in_force, current_batch

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
StockRecord = get_model("partner", "StockRecord")

SORT_LABELS = {
    "newest": _("最新上架"),
    "price-asc": _("价格从低到高"),
    "price-desc": _("价格从高到低"),
    "title": _("名称"),
}


class ProductListView(ListView):
    """All public products, or one category's, filtered by the query string."""

    context_object_name = "products"
    paginate_by = 24
    template_name = "oscar/catalogue/browse.html"
    category = None

    def get(self, request, *args, **kwargs):
        self.filters = ProductFilters.from_querydict(request.GET)
        return super().get(request, *args, **kwargs)

    def categories(self):
        # Evaluated once: the listing, its count and the facets all filter by the same categories.
        if not hasattr(self, "_categories"):
            self._categories = list(self.category.get_descendants_and_self()) if self.category else None
        return self._categories

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # The count is kept per catalogue version (a COUNT over the whole filtered catalogue otherwise).
        paginator.count = matching_count(queryset, filters=self.filters, categories=self.categories())
        return paginator

    def get_queryset(self):
        return storefront_products(filters=self.filters, categories=self.categories())

    def page_ids(self, page) -> CardIds:
        """The ids of the products on `page`, remembered per site version, filters, order and page.

        Filtered and sorted, finding them is the listing's costliest query; cards render from ids.
        """
        digest = selection_digest(self.filters, self.categories())
        ids = page.object_list.select_related(None).prefetch_related(None).values_list("pk", flat=True)
        return remembered("listing-page", (digest, self.filters.sort, page.number), lambda: CardIds(ids))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["card_ids"] = self.page_ids(context["page_obj"])  # what the page shows; `products` stays lazy
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            {
                "filters": self.filters,
                # Read only when the facets fragment is rendered (once per catalogue version and URL).
                "facets": SimpleLazyObject(lambda: facet_counts(filters=self.filters, categories=self.categories())),
                "sort_options": SORT_LABELS.items(),
                "top_categories": Category.get_root_nodes().filter(is_public=True),
                "category": self.category,
                "summary": self.category.localized("name") if self.category else _("全部商品"),
                "query_without_page": params.urlencode(),
            }
        )
        return context


class CatalogueView(ProductListView):
    pass


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        if request.path != self.category.get_absolute_url():
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            return HttpResponsePermanentRedirect(self.category.get_absolute_url() + query)
        return super().get(request, *args, **kwargs)


class ProductSearchView(ProductListView):
    """`/shop/search/?q=`: Chinese characters, pinyin, initials and county names."""

    template_name = "oscar/search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("搜索“%(query)s”") % {"query": self.filters.query} if self.filters.query else _("搜索商品")
        return context


class ProductDetailView(OscarProductDetailView):
    """Oscar's product page plus origin, cooperative and schema.org data."""

    def get_queryset(self):
        # One query for what the price and buy box need; images, categories and the rest are read
        # only when the page's shared fragments are rendered (once per site version: core.fragments).
        # The two EXISTS answer Product.has_options (the add-to-basket form) without a query of its own.
        return (
            super()
            .get_queryset()
            .select_related("origin_county__prefecture", "origin_county__paired_district", "product_class")
            .annotate(
                has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
                has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            )
            .prefetch_related(Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")))  # one query
        )

    def get_object(self, queryset=None):
        # Oscar's get() and Django's DetailView.get() both ask: load the product once.
        if not hasattr(self, "object"):
            self.object = super().get_object(queryset)
        return self.object

    def send_signal(self, request, response, product) -> None:
        """No product_viewed signal: Oscar's receivers write a row and set a history cookie per view (a GET).

        The view is counted in the cache instead, also when the page cache answers.
        """
        count_product_view(product.pk)
        setattr(response, VIEW_COUNT_ATTR, product.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        stockrecords = list(product.stockrecords.all())
        context["stockrecord"] = stockrecords[0] if stockrecords else None
        context["cooperative"] = stockrecords[0].partner if stockrecords else None
        # Called by the template when shown: they sit in the page's shared fragments.
        context["product_jsonld"] = partial(product_json_ld, self.request, product, context["stockrecord"])
        context["certificates"] = lambda: list(certificates_in_force().filter(products=product).order_by("cert_type", "-valid_until"))
        context["current_batch"] = partial(current_batch, product=product)
        return context


def product_json_ld(request, product, stockrecord) -> str:
    """schema.org Product markup, escaped for a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "sku": stockrecord.partner_sku if stockrecord else product.upc,
        "description": strip_tags(product.description or "").strip()[:500],
        "url": request.build_absolute_uri(product.get_absolute_url()),
    }
    image = product.primary_image()
    if getattr(image, "original", None) and not isinstance(image, dict):
        data["image"] = request.build_absolute_uri(image.original.url)
    if product.origin_county:
        data["countryOfOrigin"] = "CN"
        data["additionalProperty"] = [
            {"@type": "PropertyValue", "name": "产地", "value": f"{product.origin_county.prefecture.name}{product.origin_county.name}"}
        ]
    if stockrecord:
        data["brand"] = {"@type": "Organization", "name": stockrecord.partner.localized("name")}
        data["offers"] = {
            "@type": "Offer",
            "price": str(stockrecord.price),
            "priceCurrency": stockrecord.price_currency,
            "availability": "https://schema.org/InStock" if (stockrecord.net_stock_level or 0) > 0 else "https://schema.org/OutOfStock",
        }
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))  # noqa: S308 — escaped above
