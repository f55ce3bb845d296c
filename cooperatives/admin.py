from django.contrib import admin

from cooperatives.models import (
    ApplicationDocument,
    CooperativeApplication,
    CooperativePhoto,
    CooperativeProfile,
    ExpiryReminder,
    Package,
    PayoutBatch,
    Statement,
)


class ApplicationDocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0


@admin.register(CooperativeApplication)
class CooperativeApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "county", "credit_code", "status", "created_at"]
    list_filter = ["status", "county__prefecture"]
    search_fields = ["name", "credit_code", "email"]
    readonly_fields = ["status", "reviewed_at", "reviewed_by", "partner", "rejection_reason"]
    inlines = [ApplicationDocumentInline]


class CooperativePhotoInline(admin.TabularInline):
    model = CooperativePhoto
    extra = 0


@admin.register(CooperativeProfile)
class CooperativeProfileAdmin(admin.ModelAdmin):
    list_display = ["partner", "households_supported"]
    search_fields = ["partner__name", "partner__code"]
    inlines = [CooperativePhotoInline]


@admin.register(Package)
class PackageAdmin(admin.ModelAdmin):
    list_display = ["order", "partner", "status", "carrier", "tracking_number", "shipped_at"]
    list_filter = ["status", "carrier"]
    search_fields = ["order__number", "tracking_number"]
    raw_id_fields = ["order"]


@admin.register(PayoutBatch)
class PayoutBatchAdmin(admin.ModelAdmin):
    list_display = ["pk", "created_at", "total", "status", "paid_at"]
    list_filter = ["status"]


@admin.register(ExpiryReminder)
class ExpiryReminderAdmin(admin.ModelAdmin):
    list_display = ["partner", "title", "valid_until", "days", "sent_at"]
    list_filter = ["days"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["partner", "period", "gross", "refunds", "deductions", "fee", "payable", "status"]
    list_filter = ["status", "period"]
