from django.contrib import admin

from payments.models import CheckoutPayment, ProcessedEvent, StockReservation


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
