from django.urls import path

from productreviews import views

app_name = "productreviews"

# The buyer's screens, mounted at /reviews/.
urlpatterns = [
    path("product/<int:product_pk>/write/", views.write, name="write"),
]

# The cooperative's (and staff's) screens, mounted at /dashboard/cooperative/reviews/.
seller_patterns = (
    [
        path("", views.seller_list, name="list"),
        path("<int:pk>/reply/", views.seller_reply, name="reply"),
        path("<int:pk>/hide/", views.staff_hide, name="hide"),
        path("<int:pk>/restore/", views.staff_restore, name="restore"),
    ],
    "productreviews_seller",
)
