"""Storefront browsing served from the database.

Oscar 4 browses through Haystack; with Haystack's simple backend the catalogue comes
out empty. These views list from the ORM instead (same URLs and template names).
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView  # noqa: F401 — kept as Oscar's
from oscar.core.loading import get_model

from catalogue.selectors import SORT_ORDERS, storefront_products

Category = get_model("catalogue", "Category")

SORT_LABELS = {
    "newest": _("最新上架"),
    "price-asc": _("价格从低到高"),
    "price-desc": _("价格从高到低"),
    "title": _("名称"),
}


class ProductListMixin(ListView):
    context_object_name = "products"
    paginate_by = 24

    @property
    def sort(self) -> str:
        sort = self.request.GET.get("sort", "newest")
        return sort if sort in SORT_ORDERS else "newest"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sort"] = self.sort
        context["sort_options"] = SORT_LABELS.items()
        context["top_categories"] = Category.get_root_nodes().filter(is_public=True)
        return context


class CatalogueView(ProductListMixin):
    template_name = "oscar/catalogue/browse.html"

    def get_queryset(self):
        return storefront_products(sort=self.sort)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("全部商品")
        return context


class ProductCategoryView(ProductListMixin):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        if request.path != self.category.get_absolute_url():
            return HttpResponsePermanentRedirect(self.category.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return storefront_products(categories=self.category.get_descendants_and_self(), sort=self.sort)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context
