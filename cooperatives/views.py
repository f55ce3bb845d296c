"""Public pages: the application form and a cooperative's profile."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from oscar.core.loading import get_model

from catalogue.selectors import with_card_data
from cooperatives.forms import ApplicationForm
from cooperatives.models import CooperativeProfile
from core.security import rate_limited

Product = get_model("catalogue", "Product")


@rate_limited("cooperative-application")
def apply(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("cooperatives:apply_thanks")
    return render(request, "cooperatives/apply.html", {"form": form}, status=400 if form.errors else 200)


def apply_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "cooperatives/apply_thanks.html")


def profile(request: HttpRequest, code: str) -> HttpResponse:
    profile = get_object_or_404(
        CooperativeProfile.objects.select_related("partner__county__prefecture", "partner__county__paired_district").prefetch_related(
            "photos"
        ),
        partner__code=code,
    )
    own = Product.objects.browsable().filter(stockrecords__partner=profile.partner).values("pk")
    products = with_card_data(Product.objects.filter(pk__in=own)).order_by("title")[:48]
    return render(
        request,
        "cooperatives/profile.html",
        {"profile": profile, "partner": profile.partner, "county": profile.partner.county, "products": products},
    )
