"""Requests for quote: a buyer asks, staff price it until a date, the buyer accepts into the basket.

Accepted prices are locked: while the quote is valid, WholesaleStrategy charges the quoted
unit price for those stock records, whatever the tier table says. Placing an order uses the
quote up.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from wholesale.models import BusinessAccount, QuoteLine, QuoteRequest

StockRecord = get_model("partner", "StockRecord")
MAX_QUOTE_LINES = 200


def _staff_emails() -> list[str]:
    return list(get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="").values_list("email", flat=True))


@transaction.atomic
def request_quote(*, account: BusinessAccount, rows: list[tuple[int, list[str]]], delivery_date: date, note: str = "") -> QuoteRequest:
    """Create a quote request from 'SKU quantity' rows; every bad row is reported, nothing is saved."""
    if delivery_date <= timezone.localdate():
        raise ValidationError(_("期望送达日期须晚于今天。"))
    if not rows:
        raise ValidationError(_("请至少填写一个商品。"))
    if len(rows) > MAX_QUOTE_LINES:
        raise ValidationError(_("一次最多询价 %(max)s 个商品。") % {"max": MAX_QUOTE_LINES})
    # Only products on sale can be quoted: an unpublished product's SKU is "not found", as on its page.
    skus = [cells[0] for _n, cells in rows]
    records = {r.partner_sku: r for r in StockRecord.objects.filter(partner_sku__in=skus, product__is_public=True)}
    errors, lines, seen = [], [], set()
    for number, cells in rows:
        sku = cells[0]
        quantity = cells[1] if len(cells) > 1 else ""
        if not quantity.isdigit() or int(quantity) <= 0:
            errors.append(_("第 %(row)s 行：数量“%(value)s”不是正整数。") % {"row": number, "value": quantity})
        elif sku not in records:
            errors.append(_("第 %(row)s 行：找不到商品编号 %(sku)s。") % {"row": number, "sku": sku})
        elif sku in seen:
            errors.append(_("第 %(row)s 行：商品编号 %(sku)s 重复。") % {"row": number, "sku": sku})
        else:
            seen.add(sku)
            lines.append((records[sku], int(quantity)))
    if errors:
        raise ValidationError(errors)
    quote = QuoteRequest.objects.create(account=account, delivery_date=delivery_date, note=note)
    QuoteLine.objects.bulk_create([QuoteLine(quote=quote, stockrecord=record, quantity=qty) for record, qty in lines])
    send_mail(
        _("【黔货进穗】新询价单 %(ref)s") % {"ref": quote.reference},
        _("%(company)s 提交了询价单 %(ref)s，共 %(count)s 个商品，期望 %(date)s 送达。")
        % {"company": account.company_name, "ref": quote.reference, "count": len(lines), "date": delivery_date},
        None,
        _staff_emails(),
    )
    return quote


@transaction.atomic
def answer_quote(*, quote: QuoteRequest, prices: dict[int, Decimal], valid_until: date, user) -> QuoteRequest:
    """Staff price every line; the buyer is told."""
    if quote.status not in (QuoteRequest.Status.REQUESTED, QuoteRequest.Status.QUOTED):
        raise ValidationError(_("该询价单已被接受或已过期，不能再修改报价。"))
    if valid_until < timezone.localdate():
        raise ValidationError(_("报价有效期不能早于今天。"))
    lines = list(quote.lines.all())
    missing = [line for line in lines if not prices.get(line.pk) or prices[line.pk] <= 0]
    if missing:
        raise ValidationError(_("每个商品都需要一个大于 0 的报价。"))
    for line in lines:
        line.unit_price = prices[line.pk]
    QuoteLine.objects.bulk_update(lines, ["unit_price"])
    quote.status, quote.valid_until, quote.quoted_by, quote.quoted_at = QuoteRequest.Status.QUOTED, valid_until, user, timezone.now()
    quote.save()
    send_mail(
        _("【黔货进穗】询价单 %(ref)s 已报价") % {"ref": quote.reference},
        _("您的询价单 %(ref)s 已报价，有效期至 %(date)s。请登录后确认并加入购物车。") % {"ref": quote.reference, "date": valid_until},
        None,
        [quote.account.user.email],
    )
    return quote


def accept_quote(*, quote: QuoteRequest, basket, strategy) -> QuoteRequest:
    """Put the quoted lines in the basket at the quoted prices, or refuse and change nothing.

    An expired quote is marked expired (that is kept) and refused.
    """
    if quote.status == QuoteRequest.Status.QUOTED and quote.valid_until < timezone.localdate():
        QuoteRequest.objects.filter(pk=quote.pk).update(status=QuoteRequest.Status.EXPIRED)
        raise ValidationError(_("报价已于 %(date)s 过期，请重新询价。") % {"date": quote.valid_until})
    with transaction.atomic():
        quote = QuoteRequest.objects.select_for_update().get(pk=quote.pk)
        if quote.status != QuoteRequest.Status.QUOTED:
            raise ValidationError(_("只有已报价的询价单可以接受。"))
        lines = list(quote.lines.select_related("stockrecord__product"))
        problems = []
        for line in lines:
            record = line.stockrecord
            if record.net_stock_level < line.quantity:
                problems.append(
                    _("%(title)s 库存只剩 %(stock)s 件。") % {"title": record.product.get_title(), "stock": record.net_stock_level}
                )
            elif not _on_sale(strategy.fetch_for_product(record.product, record)):
                problems.append(_("%(title)s 已下架。") % {"title": record.product.get_title()})
        if problems:
            raise ValidationError(problems)
        quote.status, quote.accepted_at = QuoteRequest.Status.ACCEPTED, timezone.now()
        quote.save()
        if not basket.id:
            basket.save()
        for line in lines:
            basket.add_product(line.stockrecord.product, quantity=line.quantity)
    return quote


def _on_sale(info) -> bool:
    """Priced and not withdrawn (the strategy refuses unpublished products: partner/strategy.py NotPublic)."""
    return info.price.exists and info.availability.code != "not_public"


def quoted_prices(*, account: BusinessAccount) -> dict[int, Decimal]:
    """Unit prices locked by the account's accepted, still-valid quotes, by stock record id."""
    lines = QuoteLine.objects.filter(
        quote__account=account, quote__status=QuoteRequest.Status.ACCEPTED, quote__valid_until__gte=timezone.localdate()
    ).values_list("stockrecord_id", "unit_price")
    return dict(lines)


def use_up_quotes(*, user) -> int:
    """An order was placed: accepted quotes have done their job."""
    return QuoteRequest.objects.filter(account__user=user, status=QuoteRequest.Status.ACCEPTED).update(status=QuoteRequest.Status.ORDERED)
