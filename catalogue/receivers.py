"""Keep each product's search document in step with its categories."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from catalogue import search_index
from catalogue.search import build_search_document
from catalogue.tasks import reindex_product
from core.sanitize import clean_fields_on_save

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")

# Descriptions are written by cooperatives (dashboard, import, admin, shell): data, never markup.
clean_fields_on_save(Product, "description", "description_en")
clean_fields_on_save(Category, "description", "description_en")


@receiver(post_save, sender=Category)
def refresh_category_products(sender, instance, created: bool, **kwargs) -> None:
    """A category's (English) name is part of its products' search documents ("tea", "fruit")."""
    if created or kwargs.get("raw"):
        return
    products = list(instance.product_set.select_related("origin_county__prefecture").prefetch_related("categories"))
    for product in products:
        product.search_document = build_search_document(product)
    Product.objects.bulk_update(products, ["search_document"], batch_size=500)
    for product in products:
        _reindex_on_commit(product.pk)


@receiver([post_save, post_delete], sender=ProductCategory)
def refresh_search_document(sender, instance, **kwargs) -> None:
    product = Product.objects.select_related("origin_county__prefecture").filter(pk=instance.product_id).first()
    if product is not None:
        product.search_document = build_search_document(product)
        Product.objects.filter(pk=product.pk).update(search_document=product.search_document)
        _reindex_on_commit(product.pk)


@receiver(post_save, sender=Product)
def index_saved_product(sender, instance, **kwargs) -> None:
    _reindex_on_commit(instance.pk)


@receiver(post_delete, sender=Product)
def unindex_deleted_product(sender, instance, **kwargs) -> None:
    if search_index.enabled():
        pk = instance.pk
        transaction.on_commit(lambda: search_index.remove_product(pk))


def _reindex_on_commit(pk: int) -> None:
    """With a search cluster, send the product's document after the transaction commits."""
    if search_index.enabled():
        transaction.on_commit(lambda: reindex_product.delay(pk))
