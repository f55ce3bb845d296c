"""Thumbnails and renditions made once, by a task after upload — not by the first visitor's GET.

The sizes are the ones the templates ask for (product cards, gallery, page heroes, Open Graph).
The template tags find them already made: sorl-thumbnail by its key-value store, Wagtail by its
renditions table.
"""

import logging

from celery import shared_task
from django.db import transaction
from django.db.models.signals import post_save
from oscar.core.loading import get_model

logger = logging.getLogger(__name__)

# (geometry, options) as templates/includes/product_card.html and the product page use them.
PRODUCT_THUMBNAILS = [
    ("480x480", {"crop": "center", "format": "WEBP"}),
    ("960x960", {"crop": "center", "format": "WEBP"}),
    ("160x160", {"crop": "center", "format": "WEBP"}),
    ("120x120", {"crop": "center", "format": "WEBP"}),
]
# Wagtail filter specs of the page templates ({% image … %}).
PAGE_RENDITIONS = [
    "fill-640x400|format-webp",
    "fill-1600x700|format-webp",
    "fill-1600x600|format-webp",
    "fill-1200x500|format-webp",
    "fill-1200x630|format-jpeg",
    "width-960|format-webp",
]


def make_product_thumbnails(image) -> None:
    from sorl.thumbnail import get_thumbnail

    if not image.original:
        return
    for geometry, options in PRODUCT_THUMBNAILS:
        try:
            get_thumbnail(image.original, geometry, **options)
        except Exception:  # noqa: BLE001 — a broken upload must not stop the others
            logger.warning("thumbnail %s of %s failed", geometry, image.original.name, exc_info=True)


def make_page_renditions(image) -> None:
    try:
        image.get_renditions(*PAGE_RENDITIONS)
    except Exception:  # noqa: BLE001
        logger.warning("renditions of image %s failed", image.pk, exc_info=True)


@shared_task
def make_thumbnails(product_image_id: int) -> None:
    image = get_model("catalogue", "ProductImage").objects.filter(pk=product_image_id).first()
    if image is not None:
        make_product_thumbnails(image)


@shared_task
def make_renditions(image_id: int) -> None:
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        make_page_renditions(image)


def make_all() -> int:
    """Every product image's thumbnails and every CMS image's renditions (`manage.py make_renditions`)."""
    from wagtail.images import get_image_model

    done = 0
    # Bulk-loaded products share pictures: one file, one set of thumbnails.
    seen = set()
    for image in get_model("catalogue", "ProductImage").objects.order_by("pk").iterator():
        if image.original and image.original.name not in seen:
            seen.add(image.original.name)
            make_product_thumbnails(image)
            done += 1
    for image in get_image_model().objects.order_by("pk").iterator():
        make_page_renditions(image)
        done += 1
    return done


def _product_image_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if not raw:
        pk = instance.pk
        transaction.on_commit(lambda: make_thumbnails.delay(pk))


def _cms_image_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if not raw:
        pk = instance.pk
        transaction.on_commit(lambda: make_renditions.delay(pk))


def connect() -> None:
    from django.conf import settings
    from wagtail.images import get_image_model

    if not getattr(settings, "RENDITIONS_ON_UPLOAD", True):
        return

    post_save.connect(_product_image_saved, sender=get_model("catalogue", "ProductImage"), dispatch_uid="renditions-product-image")
    post_save.connect(_cms_image_saved, sender=get_image_model(), dispatch_uid="renditions-cms-image")
