"""In Chromium, as the 威宁 cooperative: log in, import a small CSV after its preview, ship an order line.

Like tests/test_checkout_browser.py, the site runs in a real server thread without
pytest-django's transactional ``live_server`` (its flush would wipe the session's demo
data): the test writes in autocommit and removes what it created.
"""

import os
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread
from oscar.core.loading import get_model

from cooperatives.models import ProductImport
from tests.test_cooperatives import make_order, sku_of

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Weining-browser-2026"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.mark.django_db
def test_the_browser_test_has_its_cooperative():
    """Also makes pytest-django create the test database when this module runs alone
    (it sets up only the databases that django_db tests ask for)."""
    assert get_user_model().objects.filter(username="coop-weining", partners__code="coop-weining").exists()


@pytest.fixture
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        name = str(connections["default"].settings_dict["NAME"])
        if "test" not in name and "memory" not in name:
            pytest.fail(f"refusing to write to a non-test database: {name}")
        shared = {conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()}
        for conn in shared.values():
            conn.inc_thread_sharing()
        server = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=shared, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        user = get_user_model().objects.get(username="coop-weining")
        user.set_password(PASSWORD)
        user.save()
        record = sku_of("coop-weining")
        before = (record.pk, record.price, record.num_in_stock)
        order = make_order(
            "QH-BROWSER-1", [(record.partner_sku, 2), (sku_of("coop-duyun").partner_sku, 1)], email="browser-buyer@example.com"
        )
        try:
            yield {"url": f"http://127.0.0.1:{server.port}", "order": order, "record": record}
        finally:
            server.terminate()
            for conn in shared.values():
                conn.dec_thread_sharing()
            addresses = (order.shipping_address, order.billing_address)
            Order.objects.filter(pk=order.pk).delete()
            for address in addresses:
                address.delete()
            ProductImport.objects.filter(filename="browser.csv").delete()
            Product.objects.filter(stockrecords__partner_sku="WN-BROWSER-1").delete()
            StockRecord.objects.filter(pk=before[0]).update(price=before[1], num_in_stock=before[2])
            user.set_unusable_password()
            user.save()


def test_cooperative_imports_a_csv_and_ships_a_line(site, django_db_blocker):
    url, order, record = site["url"], site["order"], site["record"]
    with django_db_blocker.unblock():  # no database access once Playwright's event loop runs
        own_title, other_title = record.product.title, sku_of("coop-duyun").product.title
    csv_text = f"SKU,商品名称,单价,库存\n{record.partner_sku},,58.80,222\nWN-BROWSER-1,威宁荞麦面 1kg,26.00,40\n"
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(locale="zh-CN")
        page.set_default_timeout(30_000)
        try:
            page.goto(f"{url}/shop/accounts/login/")
            page.fill("#id_login-username", "coop-weining@example.com")
            page.fill("#id_login-password", PASSWORD)
            page.locator("button[name=login_submit]").click()
            page.wait_for_load_state()

            page.goto(f"{url}/dashboard/cooperative/import/")
            page.set_input_files("#id_file", files=[{"name": "browser.csv", "mimeType": "text/csv", "buffer": csv_text.encode("gbk")}])
            page.get_by_role("button", name="上传并预览").click()
            page.wait_for_url("**/dashboard/cooperative/import/*/")
            assert "威宁荞麦面 1kg" in page.inner_text("body")
            page.get_by_role("button", name="确认导入").click()
            page.wait_for_load_state()
            assert "导入完成" in page.inner_text("body")

            page.goto(f"{url}/dashboard/cooperative/orders/{order.number}/")
            body = page.inner_text("body")
            assert own_title in body and other_title not in body
            page.locator("table a", has_text="发货").first.click()
            page.fill("#id_carrier", "顺丰速运")
            page.fill("#id_tracking_number", "SF20260001")
            page.get_by_role("button", name="确认发货并通知买家").click()
            page.wait_for_url(f"**/dashboard/cooperative/orders/{order.number}/")
            assert "SF20260001" in page.inner_text("body")
        except Exception:
            page.screenshot(path="/tmp/cooperatives-browser-failure.png", full_page=True)
            print(page.url, page.inner_text("body")[:1500])
            raise
        finally:
            browser.close()
    with django_db_blocker.unblock():
        record.refresh_from_db()
        assert (record.price, record.num_in_stock) == (Decimal("58.80"), 222)
        assert StockRecord.objects.get(partner_sku="WN-BROWSER-1").partner == record.partner
        line = order.lines.get(partner=record.partner)
        assert line.fulfilment.status == "shipped" and line.fulfilment.tracking_number == "SF20260001"
        assert not hasattr(order.lines.get(partner__code="coop-duyun"), "fulfilment")
