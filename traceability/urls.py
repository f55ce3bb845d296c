from django.urls import path

from traceability import views

app_name = "traceability"

# No index: trace codes are capabilities, not a catalogue to browse.
urlpatterns = [
    path("labels.pdf", views.batch_labels_pdf, name="batch_labels_pdf"),
    path("<slug:code>/", views.batch_detail, name="batch_detail"),
    path("<slug:code>/qr.png", views.batch_qr_png, name="batch_qr_png"),
    path("<slug:code>/qr.svg", views.batch_qr_svg, name="batch_qr_svg"),
]
