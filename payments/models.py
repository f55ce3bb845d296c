"""One Stripe Checkout Session per checkout attempt, the stock it holds, and the webhooks we have seen.

The order is placed only when Stripe confirms the payment, so everything needed to
place it (address, shipping method, amount) is stored here when the buyer leaves for
Stripe's payment page — the webhook may arrive after the browser is long gone.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckoutPayment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("待支付")
        PROCESSING = "processing", _("支付处理中")
        PAID = "paid", _("已支付")
        FAILED = "failed", _("支付失败")
        EXPIRED = "expired", _("已过期")
        CANCELED = "canceled", _("已取消")
        UNFILLABLE = "unfillable", _("库存不足，已自动退款")
        REJECTED = "rejected", _("金额不符，已拒绝")

    order_number = models.CharField(_("订单号"), max_length=128, db_index=True)
    basket = models.ForeignKey("basket.Basket", on_delete=models.SET_NULL, null=True, related_name="stripe_payments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    email = models.EmailField(_("电子邮箱"), blank=True)
    language = models.CharField(_("语言"), max_length=16, default="zh-hans")
    amount = models.DecimalField(_("应付金额"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("币种"), max_length=3, default="CNY")
    shipping_method_code = models.CharField(_("配送方式"), max_length=64)
    shipping_address = models.JSONField(_("收货地址"), default=dict)
    guangzhou_district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("广州市辖区")
    )
    stripe_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_payment_intent = models.CharField(max_length=255, blank=True, db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True)
    order = models.OneToOneField("order.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="stripe_payment")
    amount_refunded = models.DecimalField(_("已退款"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    expires_at = models.DateTimeField(_("库存保留至"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Stripe 支付")
        verbose_name_plural = _("Stripe 支付")

    def __str__(self) -> str:
        return f"{self.order_number} · {self.get_status_display()}"

    @property
    def amount_fen(self) -> int:
        """Stripe counts CNY in fen (分), the smallest unit."""
        return to_fen(self.amount)


def to_fen(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal("1")))


class StockReservation(models.Model):
    """Units held for a buyer while they pay: counted in StockRecord.num_allocated, so Oscar sees them as taken."""

    class State(models.TextChoices):
        HELD = "held", _("保留中")
        CONVERTED = "converted", _("已转为订单")
        RELEASED = "released", _("已释放")

    payment = models.ForeignKey(CheckoutPayment, on_delete=models.CASCADE, related_name="reservations")
    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.CASCADE, related_name="reservations")
    quantity = models.PositiveIntegerField(_("数量"))
    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.HELD, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("库存预留")
        verbose_name_plural = _("库存预留")

    def __str__(self) -> str:
        return f"{self.stockrecord} × {self.quantity} ({self.get_state_display()})"


class ProcessedEvent(models.Model):
    """Each Stripe event id is handled once, however often Stripe (or an attacker) replays it."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=128)
    processed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("已处理的 Stripe 事件")
        verbose_name_plural = _("已处理的 Stripe 事件")

    def __str__(self) -> str:
        return f"{self.event_id} ({self.type})"
