from django.urls import path

from cooperatives import views

app_name = "cooperatives"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.apply_thanks, name="apply_thanks"),
    path("<slug:code>/", views.profile, name="profile"),
]
