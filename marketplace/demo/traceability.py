"""Demo traceability data: certificates per cooperative and one harvest batch per demo product.

Idempotent: certificates are keyed on (cooperative, type, number) and batches on the
product, so re-running seed_demo neither duplicates rows nor changes printed trace codes.
Validity dates are relative to today so the demo always shows certificates in force,
a few expired ones (still "verified": the query-time rule is what drops them) and a few
awaiting verification.
"""

import io
from datetime import date, timedelta
from decimal import Decimal
from typing import TextIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image, ImageDraw

from traceability.models import Certificate, HarvestBatch
from traceability.services import verify_certificate

CertType = Certificate.CertType
Status = Certificate.Status

ISSUING_BODIES = {
    CertType.GREEN_FOOD: "中国绿色食品发展中心",
    CertType.ORGANIC: "中绿华夏有机产品认证中心",
    CertType.GEO_INDICATION: "中华人民共和国农业农村部",
    CertType.POVERTY_PRODUCT: "贵州省扶贫开发办公室",
}
# Only places we are sure of; the rest get a generic base name.
TOWNSHIPS = {
    "duyun": "毛尖镇",
    "weining": "草海镇",
    "qianxi": "新仁苗族乡化屋村",
}


def _sample_document(label: str, *, fmt: str) -> bytes:
    """A plain placeholder scan drawn locally (PNG for certificates, PDF for reports)."""
    image = Image.new("RGB", (420, 300), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, 409, 289], outline=(31, 111, 74), width=4)
    draw.text((30, 40), "SAMPLE / DEMO ONLY", fill=(31, 111, 74))
    draw.text((30, 80), label, fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def _certificate(
    cooperative, cert_type: str, number: str, *, valid_from: date, valid_until: date, status: str, products, staff, extra=None
):
    certificate = Certificate.objects.filter(cooperative=cooperative, cert_type=cert_type, number=number).first()
    if certificate is None:
        certificate = Certificate(cooperative=cooperative, cert_type=cert_type, number=number)
        certificate.document.save(f"{cert_type}-{number}.png", ContentFile(_sample_document(number, fmt="PNG")), save=False)
    certificate.issuing_body = ISSUING_BODIES.get(cert_type, cooperative.name)
    for field, value in (extra or {}).items():
        setattr(certificate, field, value)
    certificate.valid_from, certificate.valid_until = valid_from, valid_until
    if status != Status.VERIFIED:
        certificate.status, certificate.verified_by, certificate.verified_at = status, None, None
    certificate.full_clean(exclude=["document", "products"], validate_unique=False)
    certificate.save()
    certificate.products.set(products)
    if status == Status.VERIFIED and certificate.status != Status.VERIFIED and staff is not None:
        verify_certificate(certificate=certificate, user=staff)
    return certificate


def _poverty_product_fields(index: int) -> dict:
    """帮扶产品认定 details: catalogue batch, 带贫方式 and households (of which 脱贫户), varied by cooperative."""
    modes = [Certificate.BenefitMode.PURCHASE, Certificate.BenefitMode.WAGES, Certificate.BenefitMode.DIVIDENDS]
    households = 60 + index * 23 % 240
    return {
        "catalogue_batch": f"贵州省扶贫产品目录 2020 年第 {index % 5 + 1} 批",
        "benefit_modes": modes[: 1 + index % 3],
        "households_involved": households,
        "poor_households": households * 2 // 5,
    }


def seed_traceability(stdout: TextIO | None = None) -> None:
    """Certificates for every cooperative and one batch per demo product (upc "QH…")."""
    Product = get_model("catalogue", "Product")
    Partner = get_model("partner", "Partner")
    today = timezone.localdate()
    staff = get_user_model().objects.filter(username="staff", is_staff=True).first()
    products = list(
        Product.objects.filter(upc__startswith="QH")
        .select_related("origin_county", "product_class")
        .prefetch_related("stockrecords__partner")
        .order_by("upc")
    )
    by_partner: dict[int, list] = {}
    for product in products:
        for record in product.stockrecords.all():
            by_partner.setdefault(record.partner_id, []).append(product)

    with transaction.atomic():
        green_food = {}
        cooperatives = Partner.objects.filter(code__startswith="coop-").select_related("county").order_by("code")
        for index, cooperative in enumerate(cooperatives):
            covered = by_partner.get(cooperative.pk, [])
            in_force = {"valid_from": today - timedelta(days=365), "valid_until": today + timedelta(days=730)}
            expired = {"valid_from": today - timedelta(days=3 * 365 + 30), "valid_until": today - timedelta(days=30)}
            # Mostly in force; every sixth cooperative's green-food certificate lapsed last month.
            green_food[cooperative.pk] = _certificate(
                cooperative,
                CertType.GREEN_FOOD,
                f"GF52{index + 1:02d}2024{index * 37 % 10000:04d}",
                **(expired if index % 6 == 5 else in_force),
                status=Status.VERIFIED,
                products=covered,
                staff=staff,
            )
            if index % 3 == 0:  # organic: every third; a few still awaiting verification
                _certificate(
                    cooperative,
                    CertType.ORGANIC,
                    f"{520_000_000_000_000_00 + index * 7919:017d}",
                    **in_force,
                    status=Status.PENDING if index % 9 == 3 else Status.VERIFIED,
                    products=covered,
                    staff=staff,
                )
            if index % 4 == 1:
                _certificate(
                    cooperative,
                    CertType.GEO_INDICATION,
                    f"AGI{2000 + index:05d}",
                    **in_force,
                    status=Status.VERIFIED,
                    products=covered,
                    staff=staff,
                )
            if index % 4 == 2:
                _certificate(
                    cooperative,
                    CertType.POVERTY_PRODUCT,
                    f"GZFP-2020-{index + 1:04d}",
                    **in_force,
                    status=Status.PENDING if index % 8 == 6 else Status.VERIFIED,
                    products=covered,
                    staff=staff,
                    extra=_poverty_product_fields(index),
                )

        with_batch = set(HarvestBatch.objects.filter(product__in=products).values_list("product_id", flat=True))
        created = 0
        for index, product in enumerate(products):
            records = list(product.stockrecords.all())
            if product.pk in with_batch or not records or product.origin_county is None:
                continue
            cooperative, county = records[0].partner, product.origin_county
            is_craft = product.product_class is not None and product.product_class.name == "手工艺品"
            batch = HarvestBatch(
                product=product,
                cooperative=cooperative,
                county=county,
                township_village=TOWNSHIPS.get(county.slug, f"{county.short_name}合作社示范基地"),
                harvest_date=today - timedelta(days=3 + index % 40),
                quantity=Decimal(200 + index * 37 % 800),
                unit="件" if is_craft else "公斤",
                certificate=green_food.get(cooperative.pk),
            )
            if index % 3 == 0:
                report = _sample_document(f"Inspection report {product.upc}", fmt="PDF")
                batch.inspection_report.save(f"report-{product.upc.lower()}.pdf", ContentFile(report), save=False)
            batch.save()
            created += 1
    if stdout is not None:
        stdout.write(f"Traceability: {Certificate.objects.count()} certificates, {created} new harvest batches.")
