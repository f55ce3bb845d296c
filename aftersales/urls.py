from django.urls import path

from aftersales import views

app_name = "aftersales"

# The buyer's screens, mounted at /aftersales/.
urlpatterns = [
    path("lines/<int:line_id>/claim/", views.claim_create, name="claim-create"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/add/", views.claim_add, name="claim-add"),
    path("photos/<int:pk>/", views.claim_photo, name="claim-photo"),
]

# The cooperative's (and staff's) screens, mounted at /dashboard/cooperative/claims/.
seller_patterns = (
    [
        path("", views.seller_claim_list, name="claim-list"),
        path("<int:pk>/", views.seller_claim_detail, name="claim-detail"),
        path("<int:pk>/approve/", views.seller_approve, name="claim-approve"),
        path("<int:pk>/more-photos/", views.seller_more_photos, name="claim-more-photos"),
        path("<int:pk>/decline/", views.seller_decline, name="claim-decline"),
    ],
    "aftersales_seller",
)
