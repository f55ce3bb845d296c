from django.urls import path

from stripe_payments import views

app_name = "payments"

urlpatterns = [
    path("stripe/return/", views.checkout_return, name="stripe_return"),
    path("stripe/cancel/", views.checkout_cancel, name="stripe_cancel"),
    path("refund/<str:number>/", views.refund_order, name="refund"),
]
