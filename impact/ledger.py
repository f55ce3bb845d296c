"""Write the impact ledger: one ``SaleLine`` per order line, with the assessment's dimensions as of the sale.

Called from Oscar's ``order_placed`` signal (``impact/receivers.py``), so the shop never imports
impact; ``record_order`` is idempotent, so the backfill (``manage.py impact_backfill``) can run
over every order and only fills what is missing.
"""

import hashlib
import logging
from datetime import date

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from impact.models import CategoryKind, Channel, ProductKind, SaleLine

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")
ProductCategory = get_model("catalogue", "ProductCategory")


def buyer_key(order) -> str:
    """Who bought, for counting distinct buyers: the account, or a hash of a guest's e-mail."""
    if order.user_id:
        return f"u{order.user_id}"
    email = (order.guest_email or "").strip().lower()
    return "g" + hashlib.sha256(email.encode()).hexdigest()[:32] if email else f"o{order.pk}"


def into_guangzhou(order) -> bool:
    """Delivered into Guangzhou: the checkout found the district, or the address says 广州."""
    if order.guangzhou_district_id:
        return True
    address = order.shipping_address
    return bool(address and "广州" in (address.line4 or "") and "广东" in (address.state or "广东"))


def kind_rules() -> dict[str, str]:
    """Staff's category mapping as {category path: kind}; a rule covers its whole subtree."""
    return dict(CategoryKind.objects.values_list("category__path", "kind"))


def product_kind(product, rules: dict[str, str]) -> str:
    """农畜牧产品 or 特色手工艺产品 from the nearest mapped category; tourism departures are their own kind."""
    from tourism.booking import is_departure_product

    if product is None:
        return ProductKind.AGRICULTURAL
    if is_departure_product(product):
        return ProductKind.TOURISM
    owner = product.parent if product.parent_id else product
    best_depth, best_kind = -1, ProductKind.AGRICULTURAL  # unmapped produce counts as 农畜牧产品
    paths = ProductCategory.objects.filter(product=owner).values_list("category__path", flat=True)
    for path in paths:
        for rule_path, kind in rules.items():
            if path.startswith(rule_path) and len(rule_path) > best_depth:
                best_depth, best_kind = len(rule_path), kind
    return best_kind


def poverty_certificate(product, on: date):
    """The verified 帮扶产品认定 covering the product on the day of sale, if any."""
    from traceability.models import Certificate
    from traceability.selectors import certificates_in_force

    if product is None:
        return None
    owner = product.parent if product.parent_id else product
    return (
        certificates_in_force(on=on)
        .filter(cert_type=Certificate.CertType.POVERTY_PRODUCT, products=owner)
        .order_by("-valid_until", "pk")
        .first()
    )


def channel_and_account(order, has_departure: bool):
    from wholesale.models import BusinessAccount

    account = None
    if order.user_id:
        account = BusinessAccount.objects.filter(user_id=order.user_id, status=BusinessAccount.Status.APPROVED).first()
    if has_departure:
        return Channel.TOURISM, account
    if account is None:
        return Channel.CONSUMER, None
    return (Channel.INSTITUTIONAL if account.is_institution else Channel.WHOLESALE), account


def record_order(order) -> int:
    """Write the ledger rows an order is missing; returns how many were written."""
    lines = list(order.lines.select_related("product__parent", "product__product_class", "product__parent__product_class"))
    done = set(SaleLine.objects.filter(order=order).values_list("line_id", flat=True))
    todo = [line for line in lines if line.pk not in done]
    if not todo:
        return 0
    from regions.models import County

    placed_at = order.date_placed or timezone.now()
    sale_day = timezone.localdate(placed_at)
    rules = kind_rules()
    kinds = {line.pk: product_kind(line.product, rules) for line in lines}
    has_departure = ProductKind.TOURISM in kinds.values()
    channel, account = channel_and_account(order, has_departure)
    destination = into_guangzhou(order)
    counties = {c.pk: c for c in County.objects.filter(pk__in={_origin(line) for line in todo} - {None})}
    rows = []
    for line in todo:
        county = counties.get(_origin(line))
        certificate = poverty_certificate(line.product, sale_day) if kinds[line.pk] != ProductKind.TOURISM else None
        rows.append(
            SaleLine(
                line=line,
                order=order,
                placed_at=placed_at,
                product=line.product,
                partner_id=line.partner_id,
                county=county,
                poverty_county=bool(county and county.is_national_poverty_county),
                county_paired_district_id=county.paired_district_id if county else None,
                kind=kinds[line.pk],
                certified=certificate is not None,
                certificate=certificate,
                households=(certificate.households_involved or 0) if certificate else 0,
                poor_households=(certificate.poor_households or 0) if certificate else 0,
                into_guangzhou=destination,
                district_id=order.guangzhou_district_id,
                channel=channel,
                business_account=account,
                buyer=buyer_key(order),
                quantity=line.quantity,
                amount=line.line_price_incl_tax,
            )
        )
    SaleLine.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _origin(line):
    product = line.product
    if product is None:
        return None
    return product.origin_county_id or (product.parent.origin_county_id if product.parent_id else None)


def record_order_safely(order) -> None:
    """The signal's entry point: a ledger failure is logged and backfilled later, never fails the sale."""
    try:
        with transaction.atomic():
            record_order(order)
    except Exception:  # the buyer has paid; the report can be repaired by impact_backfill
        logger.exception("Impact ledger: order #%s not recorded; run manage.py impact_backfill", order.number)


def backfill(orders=None) -> int:
    """Record every order that has lines without a ledger row (orders placed before the ledger, or missed)."""
    orders = orders if orders is not None else Order.objects.all()
    missing = orders.filter(lines__impact_entry__isnull=True).distinct().order_by("pk")
    return sum(record_order(order) for order in missing.iterator(chunk_size=200))
