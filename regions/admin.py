from django.contrib import admin

from regions.models import County, District, ParkPairing, Prefecture


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "sort_order"]


@admin.register(Prefecture)
class PrefectureAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "province", "slug"]


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "prefecture", "paired_district", "programme", "is_national_poverty_county"]
    list_filter = ["prefecture", "paired_district", "programme", "is_national_poverty_county"]
    search_fields = ["name", "short_name", "name_en", "slug"]


@admin.register(ParkPairing)
class ParkPairingAdmin(admin.ModelAdmin):
    list_display = ["guangzhou_park", "partner_park", "prefecture"]
