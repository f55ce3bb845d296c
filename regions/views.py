from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from regions.models import County, Prefecture
from regions.selectors import public_products_for_county


def county_index(request: HttpRequest) -> HttpResponse:
    prefectures = Prefecture.objects.prefetch_related("counties__paired_district")
    return render(request, "regions/county_index.html", {"prefectures": prefectures})


def county_detail(request: HttpRequest, slug: str) -> HttpResponse:
    county = get_object_or_404(County.objects.select_related("prefecture", "paired_district"), slug=slug)
    products = public_products_for_county(county=county)[:24]
    return render(request, "regions/county_detail.html", {"county": county, "products": products})
