from django.contrib import admin

from impact.models import CategoryKind, SaleLine


@admin.register(CategoryKind)
class CategoryKindAdmin(admin.ModelAdmin):
    list_display = ["category", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["category"]


@admin.register(SaleLine)
class SaleLineAdmin(admin.ModelAdmin):
    """The ledger is written at the sale and never edited: read-only here."""

    list_display = [
        "order", "line", "placed_at", "county", "kind", "certified", "into_guangzhou", "district", "channel", "quantity", "amount"
    ]
    list_filter = ["kind", "certified", "into_guangzhou", "channel", "poverty_county"]
    search_fields = ["order__number"]
    list_select_related = ["order", "line", "county", "district"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
