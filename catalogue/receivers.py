"""Keep each product's search document in step with its categories."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from catalogue.search import build_search_document

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")


@receiver([post_save, post_delete], sender=ProductCategory)
def refresh_search_document(sender, instance, **kwargs) -> None:
    product = Product.objects.select_related("origin_county__prefecture").filter(pk=instance.product_id).first()
    if product is not None:
        Product.objects.filter(pk=product.pk).update(search_document=build_search_document(product))
