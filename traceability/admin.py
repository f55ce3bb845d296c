from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from traceability.models import Certificate, HarvestBatch
from traceability.services import verify_certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "cert_type", "cooperative", "issuing_body", "valid_from", "valid_until", "status", "verified_at"]
    list_filter = ["cert_type", "status"]
    search_fields = ["number", "issuing_body", "cooperative__name"]
    autocomplete_fields = ["cooperative", "products"]
    readonly_fields = ["verified_by", "verified_at", "created_at"]
    date_hierarchy = "valid_until"
    actions = ["verify_selected"]

    @admin.action(description=_("核验所选证书"))
    def verify_selected(self, request, queryset) -> None:
        count = 0
        for certificate in queryset:
            try:
                verify_certificate(certificate=certificate, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{certificate}: {'; '.join(error.messages)}", messages.ERROR)
            else:
                count += 1
        self.message_user(request, _("已核验 %(count)d 份证书。") % {"count": count}, messages.SUCCESS)

    def save_model(self, request, obj, form, change) -> None:
        # Setting the status by hand must still record who verified it and when.
        super().save_model(request, obj, form, change)
        if obj.status == Certificate.Status.VERIFIED and obj.verified_by_id is None:
            verify_certificate(certificate=obj, user=request.user)


@admin.register(HarvestBatch)
class HarvestBatchAdmin(admin.ModelAdmin):
    list_display = ["code", "product", "cooperative", "county", "harvest_date", "quantity", "unit", "scan_count"]
    list_filter = ["county", "harvest_date"]
    search_fields = ["code", "product__title", "product__upc", "cooperative__name"]
    autocomplete_fields = ["product", "cooperative", "certificate"]
    readonly_fields = ["code", "scan_count", "created_at"]
    list_select_related = ["product", "cooperative", "county"]
