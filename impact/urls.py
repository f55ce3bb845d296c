from django.urls import path

from impact import views

app_name = "impact"

urlpatterns = [path("", views.public_impact, name="public")]

dashboard_patterns = ([path("", views.staff_report, name="report")], "impact_dashboard")
