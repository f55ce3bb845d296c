"""Orders a buyer really placed and a cooperative shipped, for the after-sale and review tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from oscar.test.factories import create_order
from PIL import Image

from partner.strategy import Selector

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")


def product_of(partner_code: str, *, cold_chain: bool = False):
    """A public product the cooperative has in stock, ambient or cold-chain."""
    products = Product.objects.filter(is_public=True, stockrecords__partner__code=partner_code, stockrecords__num_in_stock__gt=10).order_by(
        "pk"
    )
    products = products.exclude(storage="ambient") if cold_chain else products.filter(storage="ambient")
    return products.first()


def cold_chain_product():
    return Product.objects.filter(is_public=True, stockrecords__num_in_stock__gt=10).exclude(storage="ambient").order_by("pk").first()


def placed_order(user, product, quantity: int = 3):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    basket.add_product(product, quantity)
    return create_order(basket=basket, user=user)


def shipped_order(user, product, quantity: int = 3):
    """Placed, then shipped now (Oscar's status change dates the shipment)."""
    order = placed_order(user, product, quantity)
    order.set_status("已发货")
    return order


def delivered_order(user, product, quantity: int = 3):
    order = shipped_order(user, product, quantity)
    order.set_status("已完成")
    return order


def photo(name: str = "box.jpg", color: str = "brown") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
