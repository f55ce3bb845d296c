"""Stored XSS: a cooperative's product description is data, never code (issue #12, point 1).

Each write path — the seller centre's product editor, the CSV/Excel import, the Django admin
and a shell — saves a hostile description; the product page a visitor opens must not carry the
script, the event handler or the javascript: link, while the harmless formatting survives.
"""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import BooleanField
from oscar.core.loading import get_model

from core.sanitize import clean_html

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>威宁洋芋，<strong>产地直发</strong></p>'
    '<script>steal("cookie-1")</script>'
    '<img src="x" onerror="steal(\'cookie-2\')">'
    '<a href="javascript:steal(\'cookie-3\')">领取优惠券</a>'
    '<p onmouseover="steal(\'cookie-4\')" style="position:fixed">高山种植</p>'
    '<iframe src="https://evil.example/"></iframe>'
)


class _Markup(HTMLParser):
    """What a browser would execute: script bodies, event-handler attributes, URLs, frames."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.scripts, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        # JSON-LD is data for search engines (its "<" escaped), not a script a browser runs.
        self._in_script = tag == "script" and "json" not in (dict(attrs).get("type") or "")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def assert_harmless(html: str) -> None:
    """Nothing of HOSTILE can run: it may show as text, never as a tag, a handler or a link."""
    markup = _Markup()
    markup.feed(html)
    assert not any("steal(" in script for script in markup.scripts)
    assert not [(tag, name) for tag, name, _value in markup.attributes if name.startswith("on")]
    urls = [value.strip().lower() for _tag, name, value in markup.attributes if name in ("href", "src")]
    assert not [url for url in urls if url.startswith("javascript:") or "evil.example" in url]
    assert "iframe" not in markup.tags
    assert "position:fixed" not in [value.replace(" ", "") for _tag, name, value in markup.attributes if name == "style"]


def product_page(client, product) -> str:
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def own_product(username: str = "coop-weining"):
    return StockRecord.objects.filter(partner__users__username=username).select_related("product").first().product


def form_data(form) -> dict:
    """What the browser would post back for an unchanged, rendered form."""
    data = {}
    for bound in form:
        if bound.field.disabled or bound.widget_type == "file" or bound.widget_type == "clearablefile":
            continue
        value = bound.value()
        if isinstance(bound.field, BooleanField) or bound.widget_type == "checkbox":
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            continue
        data[bound.html_name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
    return data


def formset_data(formset) -> dict:
    data = form_data(formset.management_form)
    for form in formset.forms:
        data.update(form_data(form))
    return data


def test_sanitiser_keeps_formatting_and_drops_code():
    cleaned = clean_html(HOSTILE)
    assert_harmless(cleaned)
    assert "<strong>产地直发</strong>" in cleaned and "高山种植" in cleaned and "领取优惠券" in cleaned
    assert clean_html(cleaned) == cleaned  # cleaning on save and on render agree


def page_forms_data(page) -> dict:
    """Every form and formset the editor page rendered, as the browser would post them back."""
    from django.forms import BaseForm, BaseFormSet

    data = {}
    for context in page.context:
        for value in context.flatten().values():
            if isinstance(value, BaseFormSet):
                data.update(formset_data(value))
            elif isinstance(value, BaseForm):
                data.update(form_data(value))
    return data


def test_description_saved_through_the_seller_centre_editor_is_harmless_on_the_product_page(client, cooperative_user):
    record = StockRecord.objects.filter(partner__users=cooperative_user).select_related("product").first()
    product = record.product
    client.force_login(cooperative_user)
    url = f"/dashboard/cooperative/products/{record.pk}/"  # the seller centre edits by stock record
    page = client.get(url)
    assert page.status_code == 200
    data = page_forms_data(page)
    data["product-description"] = HOSTILE
    response = client.post(url, data)
    assert response.status_code == 302
    product.refresh_from_db()
    assert_harmless(product.description)
    html = product_page(client, product)
    assert_harmless(html)
    assert "<strong>产地直发</strong>" in html


def test_description_from_an_import_is_harmless_on_the_product_page(client, cooperative_user):
    client.force_login(cooperative_user)
    csv_text = "SKU,商品名称,单价,库存,描述\r\nWN-XSS-1,威宁洋芋 5kg,39.90,20," + '"' + HOSTILE.replace('"', '""') + '"\r\n'
    response = client.post("/dashboard/cooperative/import/", {"file": SimpleUploadedFile("xss.csv", csv_text.encode())})
    assert response.status_code == 302
    client.post(response.url + "apply/")
    product = StockRecord.objects.get(partner_sku="WN-XSS-1").product
    html = product_page(client, product)
    assert_harmless(html)


def test_description_saved_through_the_django_admin_is_harmless(client, staff_user):
    product = own_product()
    client.force_login(staff_user)
    url = f"/django-admin/catalogue/product/{product.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        data.update(formset_data(inline.formset))
    data["description"] = HOSTILE
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    product.refresh_from_db()
    assert_harmless(product.description)
    assert_harmless(product_page(client, product))


def test_description_saved_from_a_shell_is_harmless():
    product = own_product()
    product.description = HOSTILE
    product.save()
    product.refresh_from_db()
    assert_harmless(product.description)
    assert "<strong>产地直发</strong>" in product.description


def test_a_row_written_before_the_sanitiser_is_still_rendered_harmless(client):
    product = own_product()
    Product.objects.filter(pk=product.pk).update(description=HOSTILE)  # bypasses save(), like old data
    html = product_page(client, product)
    assert_harmless(html)
    assert "<strong>产地直发</strong>" in html


def test_description_saved_through_oscars_staff_product_form_is_harmless(client, staff_user):
    """Platform staff edit products in Oscar's dashboard: the same sanitiser runs on that save."""
    product = own_product()
    client.force_login(staff_user)
    url = f"/dashboard/catalogue/products/{product.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.context["form"])
    for name in ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset"):
        formset = page.context[name]
        data.update(formset_data(formset))
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())  # no blank extra rows
    data["description"] = HOSTILE
    response = client.post(url, data)
    assert response.status_code == 302, [page.context["form"].errors] + [
        response.context[name].errors for name in ("category_formset", "image_formset", "stockrecord_formset")
    ]
    product.refresh_from_db()
    assert_harmless(product.description)
    assert "<strong>产地直发</strong>" in product.description
    assert_harmless(product_page(client, product))
