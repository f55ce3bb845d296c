from django.contrib import admin

from stripe_payments.models import CheckoutPayment, ProcessedEvent, Refund, RefundLine, StockReservation


class StockReservationInline(admin.TabularInline):
    model = StockReservation
    extra = 0
    readonly_fields = ["stockrecord", "quantity", "state", "created_at"]


@admin.register(CheckoutPayment)
class CheckoutPaymentAdmin(admin.ModelAdmin):
    list_display = ["order_number", "status", "amount", "amount_refunded", "email", "created_at"]
    list_filter = ["status"]
    search_fields = ["order_number", "stripe_session_id", "stripe_payment_intent", "email"]
    readonly_fields = ["order", "stripe_session_id", "stripe_payment_intent", "amount", "amount_refunded"]
    inlines = [StockReservationInline]


@admin.register(ProcessedEvent)
class ProcessedEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "type", "processed_at"]
    search_fields = ["event_id"]


class RefundLineInline(admin.TabularInline):
    model = RefundLine
    extra = 0
    readonly_fields = ["line", "quantity", "amount", "restocked"]
    can_delete = False


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    """Read only: refunds are made through stripe_payments.refunds, never edited by hand."""

    list_display = ["order", "amount", "source", "status", "created_by", "created_at"]
    list_filter = ["source", "status"]
    search_fields = ["order__number", "key", "stripe_refund_id"]
    readonly_fields = ["order", "key", "amount", "reason", "source", "status", "stripe_refund_id", "failure_message", "created_by"]
    inlines = [RefundLineInline]

    def has_add_permission(self, request) -> bool:
        return False
