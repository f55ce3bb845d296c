"""常温快递 / 冷链配送: cold-chain only for chilled produce, charged by weight, free above a threshold."""

from decimal import Decimal

import pytest
from django.test import Client
from oscar.core.loading import get_model

from shipping.methods import Ambient, ColdChain, basket_weight_grams
from tests.checkout_helpers import GUANGZHOU_ADDRESS, add_to_basket

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def cheapest(storage: str):
    return StockRecord.objects.filter(product__storage=storage, num_in_stock__gt=20).select_related("product").order_by("price")[0]


def methods_offered(client: Client) -> list[str]:
    client.post("/shop/checkout/", {"username": "guest@example.com", "options": "anonymous"})
    client.post("/shop/checkout/shipping-address/", GUANGZHOU_ADDRESS)
    response = client.get("/shop/checkout/shipping-method/")
    if response.status_code == 302:  # only one method: Oscar picks it and moves on
        preview = client.get(response["Location"], follow=True)
        return [preview.context["shipping_method"].code]
    return [method.code for method in response.context["methods"]]


def test_ambient_basket_may_choose_either_method(client):
    add_to_basket(client, cheapest("ambient").product)
    assert methods_offered(client) == ["ambient-express", "cold-chain"]


def test_chilled_product_ships_cold_chain_only(client):
    add_to_basket(client, cheapest("ambient").product)
    add_to_basket(client, cheapest("chilled").product)
    assert methods_offered(client) == ["cold-chain"]


def test_charge_by_weight_and_free_above_the_threshold(client):
    record = cheapest("ambient")
    product = record.product
    product.net_weight_grams = 2500
    product.save()
    add_to_basket(client, product)
    basket = client.get("/shop/basket/").context["basket"]
    assert basket_weight_grams(basket) == 2500
    if basket.total_incl_tax < Ambient.free_threshold:
        # 3 kg started: first kilogram plus two more.
        assert Ambient().calculate(basket).incl_tax == Ambient.first_kg + 2 * Ambient.extra_kg
        assert ColdChain().calculate(basket).incl_tax == ColdChain.first_kg + 2 * ColdChain.extra_kg
    quantity = int(Ambient.free_threshold // record.price) + 1
    add_to_basket(client, product, quantity)
    basket = client.get("/shop/basket/").context["basket"]
    assert basket.total_incl_tax >= Ambient.free_threshold
    assert Ambient().calculate(basket).incl_tax == Decimal("0.00")


def test_buyer_emails_go_through_the_celery_task(settings, mailoutbox, django_capture_on_commit_callbacks):
    """The task is what sends, after commit: with a broker it runs on a worker, here inline (always eager)."""
    from unittest import mock

    from core.tasks import send_email
    from stripe_payments import emails

    settings.EMAIL_BACKEND = "core.mail.TaskEmailBackend"  # production's backend; delivery stays locmem
    with mock.patch.object(send_email, "delay", wraps=send_email.delay) as delay:
        with django_capture_on_commit_callbacks(execute=True):
            emails._send("shipped", "chen@example.com", "zh-hans", {"order": mock.MagicMock(number="100042"), "tracking_number": "SF123"})
    delay.assert_called_once()
    assert mailoutbox[-1].to == ["chen@example.com"]
    assert "SF123" in mailoutbox[-1].body
