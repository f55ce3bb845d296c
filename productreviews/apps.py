from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductReviewsConfig(AppConfig):
    """Verified reviews: only buyers who received the goods review them (Oscar's own `reviews` app is hidden)."""

    name = "productreviews"
    label = "productreviews"
    verbose_name = _("商品评价")
    default_auto_field = "django.db.models.BigAutoField"
