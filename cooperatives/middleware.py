"""A cooperative never lands on a stock Oscar dashboard page: it is sent to the seller centre.

Staff keep Oscar's dashboard for platform work. A cooperative user (``partner.dashboard_access``,
not staff) who opens ``/dashboard/`` — the site header's 管理后台 link, an old bookmark, Oscar's
own redirects after login — goes to ``/dashboard/cooperative/``; an Oscar product page goes to
the seller centre's editor for the same product when it is the cooperative's own.
"""

import re

from django.shortcuts import redirect
from django.urls import reverse

OWN_PREFIXES = ("/dashboard/cooperative/", "/dashboard/traceability/")
OSCAR_PRODUCT = re.compile(r"^/dashboard/catalogue/products/(?P<pk>\d+)/$")
LANGUAGE_PREFIX = re.compile(r"^/(?P<code>en)(?=/)")


def is_cooperative_user(user) -> bool:
    return user.is_authenticated and not user.is_staff and user.has_perm("partner.dashboard_access")


class SellerCentreRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        match = LANGUAGE_PREFIX.match(path)
        bare = path[match.end() :] if match else path
        if bare.startswith("/dashboard/") and not bare.startswith(OWN_PREFIXES) and is_cooperative_user(request.user):
            return redirect(self._target(request, bare))  # LocaleMiddleware has set the language: reverse() keeps /en/
        return self.get_response(request)

    def _target(self, request, bare: str) -> str:
        from oscar.core.loading import get_model

        product = OSCAR_PRODUCT.match(bare)
        if product:
            record = (
                get_model("partner", "StockRecord")
                .objects.filter(product_id=product["pk"], partner__users=request.user)
                .values_list("pk", flat=True)
                .first()
            )
            if record:
                return reverse("cooperatives_dashboard:coop-product-edit", kwargs={"pk": record})
        if bare.startswith("/dashboard/catalogue/products/create/"):
            return reverse("cooperatives_dashboard:coop-product-create")
        if bare.startswith("/dashboard/catalogue/"):
            return reverse("cooperatives_dashboard:coop-product-list")
        return reverse("cooperatives_dashboard:coop-home")
