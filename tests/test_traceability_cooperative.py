"""A cooperative manages its own certificates and batches, and nobody else's."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from traceability.models import Certificate, HarvestBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def duyun_user():
    return get_user_model().objects.get(username="coop-duyun")


def pdf(name="cert.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%scan\n", content_type="application/pdf")


def test_cooperative_submits_a_certificate_for_review(client, cooperative_user):
    product = cooperative_user.partners.first().stockrecords.first().product
    client.force_login(cooperative_user)
    response = client.post(
        "/dashboard/traceability/certificates/",
        {
            "cert_type": "green_food",
            "number": "GF520100123456",
            "issuing_body": "中国绿色食品发展中心",
            "valid_from": "2026-01-01",
            "valid_until": "2028-12-31",
            "document": pdf(),
            "products": [product.pk],
        },
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get(number="GF520100123456")
    assert certificate.status == "pending" and certificate.cooperative.users.filter(pk=cooperative_user.pk).exists()


def test_bad_certificate_number_is_refused_and_nothing_saved(client, cooperative_user):
    client.force_login(cooperative_user)
    response = client.post(
        "/dashboard/traceability/certificates/",
        {
            "cert_type": "green_food",
            "number": "GF12",
            "issuing_body": "x",
            "valid_from": "2026-01-01",
            "valid_until": "2025-01-01",
            "document": pdf(),
        },
    )
    assert response.status_code == 200
    assert not Certificate.objects.filter(number="GF12").exists()


def test_cooperative_registers_a_batch_of_its_own_product(client, cooperative_user):
    partner = cooperative_user.partners.first()
    product = partner.stockrecords.first().product
    client.force_login(cooperative_user)
    response = client.post(
        "/dashboard/traceability/batches/",
        {"product": product.pk, "township_village": "幺站镇测试村", "harvest_date": "2026-09-20", "quantity": "500", "unit": "公斤"},
    )
    assert response.status_code == 302
    batch = HarvestBatch.objects.get(township_village="幺站镇测试村")
    assert batch.cooperative == partner and batch.county == partner.county


def test_another_cooperatives_product_cannot_be_chosen(client, cooperative_user, duyun_user):
    other_product = duyun_user.partners.first().stockrecords.first().product
    client.force_login(cooperative_user)
    response = client.post(
        "/dashboard/traceability/batches/",
        {"product": other_product.pk, "township_village": "偷梁换柱", "harvest_date": "2026-09-20", "quantity": "1", "unit": "公斤"},
    )
    assert response.status_code == 200
    assert not HarvestBatch.objects.filter(township_village="偷梁换柱").exists()


def test_a_cooperative_cannot_open_or_change_another_cooperatives_batch_or_certificate(client, cooperative_user, duyun_user):
    other_batch = HarvestBatch.objects.filter(cooperative__users=duyun_user).first()
    other_certificate = Certificate.objects.filter(cooperative__users=duyun_user).first()
    Certificate.objects.filter(pk=other_certificate.pk).update(status="pending")
    client.force_login(cooperative_user)
    assert client.get(f"/dashboard/traceability/batches/{other_batch.pk}/").status_code == 404
    assert client.post(f"/dashboard/traceability/batches/{other_batch.pk}/", {"township_village": "x"}).status_code == 404
    assert client.post(f"/dashboard/traceability/certificates/{other_certificate.pk}/delete/").status_code == 404
    assert Certificate.objects.filter(pk=other_certificate.pk).exists()
    own = client.get("/dashboard/traceability/batches/").content.decode()
    assert other_batch.code not in own


def test_consumers_have_no_traceability_dashboard(client, consumer_user):
    client.force_login(consumer_user)
    assert client.get("/dashboard/traceability/batches/").status_code == 403
