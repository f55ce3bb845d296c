from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from oscar.apps.partner.admin import StockRecordAdmin
from oscar.core.loading import get_model

from wholesale.models import BusinessAccount, InstitutionBudget, Invoice, PriceTier, QuoteRequest, WholesaleTerms
from wholesale.pricing import Tier, validate_tier_table

StockRecord = get_model("partner", "StockRecord")


class InstitutionBudgetInline(admin.TabularInline):
    """A budget unit's canteen budget and reserved share, one row per year (staff may correct them)."""

    model = InstitutionBudget
    extra = 0
    fields = ["year", "canteen_food_budget", "reserved_share_percent"]


@admin.register(BusinessAccount)
class BusinessAccountAdmin(admin.ModelAdmin):
    list_display = ["company_name", "buyer_type", "status", "payment_terms_days", "credit_limit", "created_at"]
    list_filter = ["status", "buyer_type"]
    search_fields = ["company_name", "credit_code", "user__email"]
    inlines = [InstitutionBudgetInline]


class PriceTierFormSet(BaseInlineFormSet):
    """The whole tier table is checked together: from 1 case, no gaps, no overlaps."""

    def clean(self):
        super().clean()
        tiers = [
            Tier(form.cleaned_data["min_cases"], form.cleaned_data.get("max_cases"), form.cleaned_data["unit_price"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("min_cases")
        ]
        try:
            validate_tier_table(tiers)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class PriceTierInline(admin.TabularInline):
    model = PriceTier
    formset = PriceTierFormSet
    extra = 0


class WholesaleTermsInline(admin.StackedInline):
    model = WholesaleTerms
    extra = 0


# Staff set case packs and volume tiers on the stock record they belong to.
admin.site.unregister(StockRecord)


@admin.register(StockRecord)
class StockRecordWithTiersAdmin(StockRecordAdmin):
    inlines = [WholesaleTermsInline, PriceTierInline]


@admin.register(QuoteRequest)
class QuoteRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "account", "status", "delivery_date", "valid_until"]
    list_filter = ["status"]


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "account", "po_number", "amount", "due_date", "status"]
    list_filter = ["status"]
