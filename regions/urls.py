from django.urls import path

from regions import views

app_name = "regions"

urlpatterns = [
    path("", views.county_index, name="county_index"),
    path("<slug:slug>/", views.county_detail, name="county_detail"),
]
