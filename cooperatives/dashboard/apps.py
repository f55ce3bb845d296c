"""The cooperatives' part of the Oscar dashboard, mounted at /dashboard/cooperative/.

This is the seller centre: our own screens in the site's look (``cooperatives/seller/base.html``),
never Oscar's dashboard templates. Staff: review applications, settle statements, export payout
batches. Cooperative users (partner users with ``partner.dashboard_access``): today's work, their
products and photos, orders and packages, statements. Every view filters by the user's partners.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class CooperativesDashboardConfig(OscarDashboardConfig):
    label = "cooperatives_dashboard"
    name = "cooperatives.dashboard"
    verbose_name = _("合作社管理")

    default_permissions = ["is_staff"]

    def configure_permissions(self) -> None:
        staff_or_partner = (["is_staff"], ["partner.dashboard_access"])
        self.permissions_map = {
            name: staff_or_partner
            for name in (
                "coop-home",
                "coop-order-list",
                "coop-order-detail",
                "coop-package-create",
                "coop-package-ship",
                "coop-package-unpack",
                "coop-package-label",
                "coop-package-slip",
                "coop-product-list",
                "coop-product-create",
                "coop-product-edit",
                "coop-product-quick",
                "coop-photo-add",
                "coop-photo-move",
                "coop-photo-main",
                "coop-photo-delete",
                "coop-statement-line",
                "coop-statement-list",
                "coop-statement-detail",
                "coop-statement-export",
                "coop-import",
                "coop-import-detail",
                "coop-import-apply",
                "coop-product-export",
                "coop-profile",
                "coop-my-profile",
            )
        }

    def ready(self) -> None:
        self.configure_permissions()

    def get_urls(self) -> list:
        from cooperatives.dashboard import seller_views, views

        urls = [
            path("", seller_views.home, name="coop-home"),
            path("products/", seller_views.product_list, name="coop-product-list"),
            path("products/new/", seller_views.product_edit, name="coop-product-create"),
            path("products/<int:pk>/", seller_views.product_edit, name="coop-product-edit"),
            path("products/<int:pk>/quick/", seller_views.product_quick_edit, name="coop-product-quick"),
            path("products/<int:pk>/photos/", seller_views.photo_add, name="coop-photo-add"),
            path("products/<int:pk>/photos/<int:photo_id>/move/", seller_views.photo_move, name="coop-photo-move"),
            path("products/<int:pk>/photos/<int:photo_id>/main/", seller_views.photo_main, name="coop-photo-main"),
            path("products/<int:pk>/photos/<int:photo_id>/delete/", seller_views.photo_delete, name="coop-photo-delete"),
            path("orders/<str:number>/packages/", seller_views.package_create, name="coop-package-create"),
            path("packages/<int:pk>/ship/", seller_views.package_ship, name="coop-package-ship"),
            path("packages/<int:pk>/unpack/", seller_views.package_unpack, name="coop-package-unpack"),
            path("packages/<int:pk>/label.pdf", seller_views.package_label, name="coop-package-label"),
            path("packages/<int:pk>/packing-slip.pdf", seller_views.package_slip, name="coop-package-slip"),
            path("applications/", views.ApplicationListView.as_view(), name="coop-application-list"),
            path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="coop-application-detail"),
            path("applications/<int:pk>/approve/", views.approve, name="coop-application-approve"),
            path("applications/<int:pk>/reject/", views.reject, name="coop-application-reject"),
            path("applications/<int:pk>/licence/", views.licence, name="coop-application-licence"),
            path("applications/<int:pk>/documents/<int:document_id>/", views.document, name="coop-application-document"),
            path("orders/", views.OrderListView.as_view(), name="coop-order-list"),
            path("orders/<str:number>/", views.order_detail, name="coop-order-detail"),
            path("statements/", views.statement_list, name="coop-statement-list"),
            path("statements/<int:pk>/", views.statement_detail, name="coop-statement-detail"),
            path("statements/<int:pk>/lines/<int:line_pk>/", views.statement_line, name="coop-statement-line"),
            path("statements/<int:pk>/paid/", views.statement_paid, name="coop-statement-paid"),
            path("payouts/", views.payout_list, name="coop-payout-list"),
            path("payouts/<int:pk>/", views.payout_detail, name="coop-payout-detail"),
            path("payouts/<int:pk>/export.<str:fmt>", views.payout_export, name="coop-payout-export"),
            path("payouts/<int:pk>/paid/", views.payout_paid, name="coop-payout-paid"),
            path("statements/<int:pk>/export.<str:fmt>", views.statement_export, name="coop-statement-export"),
            path("import/", views.import_upload, name="coop-import"),
            path("import/<int:pk>/", views.import_detail, name="coop-import-detail"),
            path("import/<int:pk>/apply/", views.import_apply, name="coop-import-apply"),
            path("export/<int:partner_id>/products.<str:fmt>", views.product_export, name="coop-product-export"),
            path("profile/", views.my_profile, name="coop-my-profile"),
            path("profile/<int:partner_id>/", views.profile_edit, name="coop-profile"),
        ]
        return self.post_process_urls(urls)
