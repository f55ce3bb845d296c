from django.contrib import admin

from wholesale.models import BusinessAccount, PriceTier, WholesaleTerms


@admin.register(BusinessAccount)
class BusinessAccountAdmin(admin.ModelAdmin):
    list_display = ["company_name", "buyer_type", "status", "payment_terms_days", "credit_limit", "created_at"]
    list_filter = ["status", "buyer_type"]
    search_fields = ["company_name", "credit_code", "user__email"]


class PriceTierInline(admin.TabularInline):
    model = PriceTier
    extra = 0


@admin.register(WholesaleTerms)
class WholesaleTermsAdmin(admin.ModelAdmin):
    list_display = ["stockrecord", "case_size", "min_order_quantity"]
    search_fields = ["stockrecord__partner_sku"]
