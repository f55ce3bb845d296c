"""The cooperatives' part of the Oscar dashboard, mounted at /dashboard/cooperative/.

Staff: review applications, settle monthly statements. Cooperative users (partner
users with ``partner.dashboard_access``): their own order lines and fulfilment,
their own statements. Every view filters by the user's partners.
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
                "coop-order-list",
                "coop-order-detail",
                "coop-line-pack",
                "coop-line-ship",
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
        from cooperatives.dashboard import views

        urls = [
            path("applications/", views.ApplicationListView.as_view(), name="coop-application-list"),
            path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="coop-application-detail"),
            path("applications/<int:pk>/approve/", views.approve, name="coop-application-approve"),
            path("applications/<int:pk>/reject/", views.reject, name="coop-application-reject"),
            path("applications/<int:pk>/licence/", views.licence, name="coop-application-licence"),
            path("applications/<int:pk>/documents/<int:document_id>/", views.document, name="coop-application-document"),
            path("orders/", views.OrderListView.as_view(), name="coop-order-list"),
            path("orders/<str:number>/", views.order_detail, name="coop-order-detail"),
            path("orders/<str:number>/lines/<int:line_id>/pack/", views.pack_line, name="coop-line-pack"),
            path("orders/<str:number>/lines/<int:line_id>/ship/", views.ship_line, name="coop-line-ship"),
            path("statements/", views.statement_list, name="coop-statement-list"),
            path("statements/<int:pk>/", views.statement_detail, name="coop-statement-detail"),
            path("statements/<int:pk>/paid/", views.statement_paid, name="coop-statement-paid"),
            path("statements/<int:pk>/export.<str:fmt>", views.statement_export, name="coop-statement-export"),
            path("import/", views.import_upload, name="coop-import"),
            path("import/<int:pk>/", views.import_detail, name="coop-import-detail"),
            path("import/<int:pk>/apply/", views.import_apply, name="coop-import-apply"),
            path("export/<int:partner_id>/products.<str:fmt>", views.product_export, name="coop-product-export"),
            path("profile/", views.my_profile, name="coop-my-profile"),
            path("profile/<int:partner_id>/", views.profile_edit, name="coop-profile"),
        ]
        return self.post_process_urls(urls)
