from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from regions.models import County, Prefecture
from regions.selectors import public_products_for_county


def county_index(request: HttpRequest) -> HttpResponse:
    prefectures = Prefecture.objects.prefetch_related("counties__paired_district")
    return render(request, "regions/county_index.html", {"prefectures": prefectures})


def county_detail(request: HttpRequest, slug: str) -> HttpResponse:
    from tourism.selectors import county_story, routes_through_county

    county = get_object_or_404(County.objects.select_related("prefecture", "paired_district"), slug=slug)
    products = public_products_for_county(county=county)[:24]
    story = county_story(county=county)
    context = {
        "county": county,
        "products": products,
        "story": story,
        "routes": list(routes_through_county(county=county)),
        "og_title": county.display_name,
        "og_description": story.headline if story and story.headline else "",
        "json_ld": {
            "@context": "https://schema.org",
            "@type": "TouristDestination",
            "name": county.display_name,
            "description": story.headline if story else "",
            "url": request.build_absolute_uri(),
            "geo": {"@type": "GeoCoordinates", "latitude": float(county.latitude), "longitude": float(county.longitude)},
            "containedInPlace": {"@type": "AdministrativeArea", "name": county.prefecture.display_name},
        },
    }
    if story and story.hero_image:
        context["og_image"] = request.build_absolute_uri(story.hero_image.get_rendition("fill-1200x630|format-jpeg").url)
    return render(request, "regions/county_detail.html", context)
