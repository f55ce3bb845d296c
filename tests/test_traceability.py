"""Traceability: certificate rules, safe uploads, certificates in force, public trace pages and QR codes."""

import io
import struct
import zlib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

from core.uploads import validate_document as validate_document_upload
from marketplace.demo.traceability import seed_traceability
from traceability.models import CODE_ALPHABET, Certificate, HarvestBatch
from traceability.selectors import certificates_in_force, product_badges
from traceability.services import verify_certificate

pytestmark = pytest.mark.django_db
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
CertType = Certificate.CertType
Status = Certificate.Status


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def bomb_png_bytes(width: int = 40_000, height: int = 40_000) -> bytes:
    """A valid small PNG whose header claims 1.6 gigapixels: a decompression bomb."""
    data = bytearray(png_bytes())
    ihdr = data[16:29]  # width, height, depth, colour type, compression, filter, interlace
    ihdr[0:8] = struct.pack(">II", width, height)
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(ihdr)) & 0xFFFFFFFF)
    return bytes(data)


@pytest.fixture
def cooperative():
    return Partner.objects.get(code="coop-weining")


def certificate(cooperative, **fields) -> Certificate:
    today = timezone.localdate()
    values = {
        "cert_type": CertType.GREEN_FOOD,
        "number": "GF520100123456",
        "issuing_body": "中国绿色食品发展中心",
        "valid_from": today - timedelta(days=10),
        "valid_until": today + timedelta(days=300),
    }
    values.update(fields)
    return Certificate(cooperative=cooperative, **values)


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as info:
        instance.full_clean(exclude=["document"])
    return info.value.message_dict


# --- certificate rules ------------------------------------------------------
@pytest.mark.parametrize("number", ["GF520100123456", "gf520100123456", " GF000000000001 "])
def test_green_food_numbers_accepted(cooperative, number):
    cert = certificate(cooperative, number=number)
    cert.full_clean(exclude=["document"])
    assert cert.number.startswith("GF")


@pytest.mark.parametrize("number", ["GF52010012345", "GF5201001234567", "520100123456", "GF５２０１００１２３４５６", "LB-12-345"])
def test_green_food_numbers_rejected(cooperative, number):
    assert "number" in errors_of(certificate(cooperative, number=number))


def test_organic_number_is_exactly_17_digits(cooperative):
    certificate(cooperative, cert_type=CertType.ORGANIC, number="12345678901234567").full_clean(exclude=["document"])
    for number in ["1234567890123456", "123456789012345678", "1234567890123456X"]:
        messages = errors_of(certificate(cooperative, cert_type=CertType.ORGANIC, number=number))["number"]
        assert "17 位数字" in messages[0]


def test_other_types_have_free_numbers(cooperative):
    certificate(cooperative, cert_type=CertType.GEO_INDICATION, number="AGI02345").full_clean(exclude=["document"])


def test_pollution_free_is_legacy_after_2018(cooperative):
    legacy = {"cert_type": CertType.POLLUTION_FREE, "number": "WGH-15-01234"}
    certificate(cooperative, valid_from=date(2016, 3, 1), valid_until=date(2019, 2, 28), **legacy).full_clean(exclude=["document"])
    errors = errors_of(certificate(cooperative, valid_from=date(2019, 1, 1), valid_until=date(2022, 1, 1), **legacy))
    assert "2018" in errors["valid_from"][0]


def test_valid_until_before_valid_from_rejected(cooperative):
    errors = errors_of(certificate(cooperative, valid_from=date(2025, 6, 1), valid_until=date(2025, 5, 31)))
    assert errors["valid_until"] == ["有效期至不能早于有效期起。"]


# --- uploads ---------------------------------------------------------------
def test_valid_image_and_pdf_uploads_pass():
    validate_document_upload(SimpleUploadedFile("scan.png", png_bytes(), content_type="image/png"))
    pdf = io.BytesIO()
    Image.new("RGB", (20, 20)).save(pdf, format="PDF")
    validate_document_upload(SimpleUploadedFile("report.pdf", pdf.getvalue(), content_type="application/pdf"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64, "不支持的文件类型"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"not really a png" * 8, "已损坏"),
        ("scan.png", bomb_png_bytes(), "像素过多"),
        ("renamed.pdf", b"MZ\x90\x00 not a pdf", "PDF 文件无效"),
        ("huge.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "文件过大"),
    ],
    ids=["exe", "corrupt-png", "bomb-png", "fake-pdf", "too-large"],
)
def test_bad_upload_rejected_and_nothing_saved(client, staff_user, cooperative, name, content, message):
    client.force_login(staff_user)
    before = Certificate.objects.count()
    response = client.post(
        "/django-admin/traceability/certificate/add/",
        {
            "cooperative": cooperative.pk,
            "cert_type": CertType.GREEN_FOOD,
            "number": "GF520199000001",
            "issuing_body": "中国绿色食品发展中心",
            "valid_from": "2025-01-01",
            "valid_until": "2027-12-31",
            "status": Status.PENDING,
            "document": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert message in response.content.decode()
    assert Certificate.objects.count() == before
    assert not list(Path(settings.MEDIA_ROOT).rglob(Path(name).stem + "*"))


def test_good_upload_through_admin_is_saved(client, staff_user, cooperative):
    client.force_login(staff_user)
    response = client.post(
        "/django-admin/traceability/certificate/add/",
        {
            "cooperative": cooperative.pk,
            "cert_type": CertType.GREEN_FOOD,
            "number": "GF520199000002",
            "issuing_body": "中国绿色食品发展中心",
            "valid_from": "2025-01-01",
            "valid_until": "2027-12-31",
            "status": Status.VERIFIED,
            "document": SimpleUploadedFile("good-scan.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    saved = Certificate.objects.get(number="GF520199000002")
    assert saved.document.name.endswith(".png")
    assert saved.verified_by == staff_user and saved.verified_at is not None  # verifying by hand is recorded


# --- certificates in force ---------------------------------------------------
def test_certificates_in_force_drop_expired_and_pending(cooperative):
    today = timezone.localdate()
    base = {"document": "traceability/certificates/x.png"}
    in_force = certificate(cooperative, number="GF529900000001", status=Status.VERIFIED, **base)
    expired = certificate(
        cooperative,
        number="GF529900000002",
        status=Status.VERIFIED,
        valid_from=today - timedelta(days=400),
        valid_until=today - timedelta(days=1),
        **base,
    )
    pending = certificate(cooperative, number="GF529900000003", status=Status.PENDING, **base)
    future = certificate(cooperative, number="GF529900000004", status=Status.VERIFIED, valid_from=today + timedelta(days=1), **base)
    for cert in (in_force, expired, pending, future):
        cert.save()
    numbers = set(certificates_in_force().filter(cooperative=cooperative).values_list("number", flat=True))
    assert "GF529900000001" in numbers
    assert numbers.isdisjoint({"GF529900000002", "GF529900000003", "GF529900000004"})
    # Query-time rule: yesterday the expired one was still in force; nothing had to be updated.
    yesterday = set(certificates_in_force(on=today - timedelta(days=1)).values_list("number", flat=True))
    assert "GF529900000002" in yesterday


def test_demo_has_expired_and_pending_certificates_that_do_not_count():
    in_force = certificates_in_force()
    expired = Certificate.objects.filter(status=Status.VERIFIED, valid_until__lt=timezone.localdate())
    pending = Certificate.objects.filter(status=Status.PENDING)
    assert expired.exists() and pending.exists()
    assert in_force.count() > expired.count() + pending.count()  # mostly verified and in force
    assert not in_force.filter(pk__in=expired).exists()
    assert not in_force.filter(pk__in=pending).exists()


def test_product_badges_list_types_in_force(cooperative):
    product = Product.objects.filter(stockrecords__partner=cooperative).first()
    base = {"document": "traceability/certificates/x.png"}
    organic = certificate(cooperative, cert_type=CertType.ORGANIC, number="52000000000099999", status=Status.VERIFIED, **base)
    organic.save()
    organic.products.add(product)
    badges = product_badges(product)
    assert CertType.ORGANIC in badges and len(badges) == len(set(badges))
    organic.status = Status.REJECTED
    organic.save()
    assert CertType.ORGANIC not in product_badges(product)


def test_verify_certificate_records_who_and_when(cooperative, staff_user, consumer_user):
    cert = certificate(cooperative, number="GF529900000010", document="traceability/certificates/x.png")
    cert.save()
    with pytest.raises(PermissionDenied):
        verify_certificate(certificate=cert, user=consumer_user)
    verify_certificate(certificate=cert, user=staff_user)
    cert.refresh_from_db()
    assert cert.status == Status.VERIFIED and cert.verified_by == staff_user and cert.verified_at is not None
    assert certificates_in_force().filter(pk=cert.pk).exists()


# --- harvest batches and trace pages -----------------------------------------
def test_every_demo_product_has_one_batch_and_reseeding_keeps_codes():
    demo_products = Product.objects.filter(upc__startswith="QH")
    codes = dict(HarvestBatch.objects.values_list("product_id", "code"))
    assert set(codes) == set(demo_products.values_list("pk", flat=True))
    certificates = Certificate.objects.count()
    seed_traceability()
    assert dict(HarvestBatch.objects.values_list("product_id", "code")) == codes
    assert Certificate.objects.count() == certificates


def test_codes_are_unique_random_and_not_sequential():
    codes = list(HarvestBatch.objects.order_by("pk").values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    assert all(len(code) >= 10 and set(code) <= set(CODE_ALPHABET) for code in codes)
    # Consecutive batches share no structure: no common prefix worth the name.
    shared = sum(a[:4] == b[:4] for a, b in zip(codes, codes[1:], strict=False))
    assert shared <= 1


def test_no_list_view_of_batches(client):
    assert client.get("/trace/").status_code == 404


def test_trace_page_shows_the_batch_and_counts_scans(client):
    batch = HarvestBatch.objects.select_related("product", "county", "cooperative").exclude(certificate=None).first()
    before = batch.scan_count
    response = client.get(batch.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert batch.get_absolute_url() == f"/trace/{batch.code}/"
    assert batch.product.title in body and batch.product.get_absolute_url() in body
    assert batch.county.name in body and batch.county.get_absolute_url() in body
    assert batch.county.paired_district.name in body
    assert batch.cooperative.name in body
    assert batch.certificate.number in body and batch.certificate.issuing_body in body
    assert batch.township_village in body
    client.get(batch.get_absolute_url())
    batch.refresh_from_db()
    assert batch.scan_count == before + 2
    client.head(batch.get_absolute_url())  # link previews are not scans
    batch.refresh_from_db()
    assert batch.scan_count == before + 2


def test_trace_page_marks_expired_certificate(client):
    batch = HarvestBatch.objects.filter(certificate__valid_until__lt=timezone.localdate()).first()
    assert batch is not None
    body = client.get(batch.get_absolute_url()).content.decode()
    assert "已过期" in body


def test_trace_page_in_english(client):
    batch = HarvestBatch.objects.select_related("county").first()
    response = client.get(f"/en/trace/{batch.code}/")
    assert response.status_code == 200
    assert batch.county.name_en in response.content.decode()


def test_unknown_code_is_a_friendly_404(client):
    response = client.get("/trace/zzzzzzzzzzzz/")
    assert response.status_code == 404
    assert "抱歉，没有找到这个页面" in response.content.decode()
    assert client.get("/trace/zzzzzzzzzzzz/qr.png").status_code == 404


def test_qr_codes_png_and_svg(client):
    batch = HarvestBatch.objects.first()
    png = client.get(f"/trace/{batch.code}/qr.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png.content)).size[0] > 100
    svg = client.get(f"/en/trace/{batch.code}/qr.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    assert batch.scan_count == HarvestBatch.objects.get(pk=batch.pk).scan_count  # QR downloads are not scans


def test_trace_page_query_count_is_constant(client, django_assert_max_num_queries, cooperative):
    with_certificate = HarvestBatch.objects.exclude(certificate=None).exclude(inspection_report="").first()
    bare = HarvestBatch.objects.create(
        product=with_certificate.product,
        cooperative=cooperative,
        county=cooperative.county,
        township_village="草海镇",
        harvest_date=timezone.localdate(),
        quantity=Decimal("12.50"),
    )
    for batch in (with_certificate, bare):
        client.get(batch.get_absolute_url())  # warm anything cached per process
        with django_assert_max_num_queries(6):
            assert client.get(batch.get_absolute_url()).status_code == 200


def test_batch_rejects_another_cooperatives_certificate(cooperative):
    other = Certificate.objects.exclude(cooperative=cooperative).first()
    batch = HarvestBatch(
        product=Product.objects.filter(upc__startswith="QH").first(),
        cooperative=cooperative,
        county=cooperative.county,
        township_village="草海镇",
        harvest_date=timezone.localdate() + timedelta(days=1),
        quantity=Decimal("1"),
        certificate=other,
    )
    with pytest.raises(ValidationError) as info:
        batch.full_clean()
    assert {"certificate", "harvest_date"} <= set(info.value.message_dict)
