from django.urls import path

from wholesale import buyer_views, views
from wholesale.document_views import licence as licence_view

app_name = "wholesale"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("apply/", views.apply, name="apply"),
    path("quick-order/", views.quick_order, name="quick_order"),
    path("quotes/", buyer_views.quote_list, name="quote_list"),
    path("quotes/new/", buyer_views.quote_new, name="quote_new"),
    path("quotes/<int:pk>/", buyer_views.quote_detail, name="quote_detail"),
    path("quotes/<int:pk>/accept/", buyer_views.quote_accept, name="quote_accept"),
    path("lists/", buyer_views.template_list, name="template_list"),
    path("lists/from-basket/", buyer_views.template_from_basket, name="template_from_basket"),
    path("lists/<int:pk>/use/", buyer_views.template_use, name="template_use"),
    path("lists/<int:pk>/delete/", buyer_views.template_delete, name="template_delete"),
    path("invoices/", buyer_views.invoice_list, name="invoice_list"),
    path("accounts/<int:pk>/licence/", licence_view, name="account_licence"),
    path("invoices/<str:number>.pdf", buyer_views.invoice_pdf, name="invoice_pdf"),
    # /wholesale/budget/… (budget units' progress) is impact's: impact.institution_views.buyer_patterns
]

# Staff review, mounted under /dashboard/wholesale/ (see marketplace/urls.py).
dashboard_patterns = (
    [
        path("accounts/", views.review_list, name="review_list"),
        path("accounts/<int:pk>/", views.review_detail, name="review_detail"),
        path("accounts/<int:pk>/approve/", views.review_approve, name="review_approve"),
        path("accounts/<int:pk>/reject/", views.review_reject, name="review_reject"),
        path("quotes/", views.quote_review_list, name="quote_list"),
        path("quotes/<int:pk>/", views.quote_review_detail, name="quote_detail"),
        path("invoices/", views.invoice_review_list, name="invoice_list"),
        path("invoices/<int:pk>/paid/", views.invoice_mark_paid, name="invoice_mark_paid"),
    ],
    "wholesale_dashboard",
)
