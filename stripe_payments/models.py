"""One Stripe Checkout Session per checkout attempt, the stock it holds, and the webhooks we have seen.

The order is placed only when Stripe confirms the payment, so everything needed to
place it (address, shipping method, amount) is stored here when the buyer leaves for
Stripe's payment page — the webhook may arrive after the browser is long gone.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import money


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
        DEPARTED = "departed", _("团期已出发，已自动退款")

    #: Money arrived for something we could not deliver: refunded in full, never an order.
    GIVEN_UP = (Status.UNFILLABLE, Status.REJECTED, Status.DEPARTED)

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


# One rounding rule everywhere (half-up to the fen): Stripe is sent exactly what our books record.
to_fen = money.to_fen


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


class Refund(models.Model):
    """Money given back on an order: one row per refund action, whoever starts it.

    ``key`` makes a refund idempotent: a staff form renders a fresh key, a cancellation uses
    the order's, an after-sale claim its claim's — the same key twice is the same refund, so a
    double click or a retried request never pays twice. Only ``succeeded`` refunds count in
    the books; ``pending`` ones count against what may still be refunded while they run.
    """

    class Source(models.TextChoices):
        STAFF = "staff", _("客服退款")
        CANCEL = "cancel", _("取消订单")
        AFTERSALE = "aftersale", _("售后退款")
        STRIPE = "stripe", _("Stripe 后台退款")

    class Status(models.TextChoices):
        PENDING = "pending", _("处理中")
        SUCCEEDED = "succeeded", _("已退款")
        FAILED = "failed", _("退款失败")

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="refunds", verbose_name=_("订单"))
    key = models.CharField(_("幂等键"), max_length=200, unique=True)
    amount = models.DecimalField(_("退款金额"), max_digits=12, decimal_places=2)
    reason = models.CharField(_("退款原因"), max_length=500, blank=True)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices, default=Source.STAFF)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    stripe_refund_id = models.CharField(_("Stripe 退款编号"), max_length=255, blank=True)
    failure_message = models.CharField(_("失败原因"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("操作人")
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("退款")
        verbose_name_plural = _("退款")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_amount_positive")]

    def __str__(self) -> str:
        return f"{self.order_id} · {self.amount} · {self.get_status_display()}"

    @property
    def shipping_amount(self) -> Decimal:
        """The part of the refund that is not any line's money (the shipping charge)."""
        return self.amount - sum((line.amount for line in self.lines.all()), Decimal("0.00"))


class RefundLine(models.Model):
    """One order line's share of a refund: its money and the units that came back (0 for money only)."""

    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="lines", verbose_name=_("退款"))
    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="refund_lines", verbose_name=_("订单行"))
    quantity = models.PositiveIntegerField(_("退货数量"), default=0)
    amount = models.DecimalField(_("退款金额"), max_digits=12, decimal_places=2)
    restocked = models.BooleanField(_("已退回库存"), default=False)

    class Meta:
        verbose_name = _("退款明细")
        verbose_name_plural = _("退款明细")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="refund_line_amount_not_negative"),
            models.UniqueConstraint(fields=["refund", "line"], name="refund_line_once_per_refund"),
        ]

    def __str__(self) -> str:
        return f"{self.line_id} × {self.quantity} · {self.amount}"
