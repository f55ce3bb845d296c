from django.contrib import admin

from cooperatives.models import ApplicationDocument, CooperativeApplication, CooperativePhoto, CooperativeProfile, LineFulfilment, Statement


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


@admin.register(LineFulfilment)
class LineFulfilmentAdmin(admin.ModelAdmin):
    list_display = ["line", "status", "carrier", "tracking_number", "shipped_at"]
    list_filter = ["status"]
    raw_id_fields = ["line"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["partner", "period", "gross", "refunds", "fee", "payable", "status"]
    list_filter = ["status", "period"]
