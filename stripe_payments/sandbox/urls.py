from django.urls import path

from stripe_payments.sandbox import views

app_name = "stripe_sandbox"

urlpatterns = [
    path("v1/checkout/sessions", views.create_session, name="create_session"),
    path("v1/checkout/sessions/<str:session_id>", views.retrieve_session, name="retrieve_session"),
    path("v1/checkout/sessions/<str:session_id>/expire", views.expire_session, name="expire_session"),
    path("v1/refunds", views.create_refund, name="create_refund"),
    path("pay/<str:session_id>/", views.pay, name="pay"),
]
