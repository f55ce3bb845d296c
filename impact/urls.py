from django.urls import path

from impact import dashboard_views, views

app_name = "impact"

urlpatterns = [path("", views.public_impact, name="public")]

dashboard_patterns = (
    [
        path("", views.staff_report, name="report"),
        path("kinds/", dashboard_views.category_kinds, name="kinds"),
        path("institutions/", dashboard_views.institutions, name="institutions"),
    ],
    "impact_dashboard",
)
