"""Site-wide search page (/search/?q=)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cms.search import site_search


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    results = site_search(query)
    return render(request, "cms/search.html", {"query": results.query, "results": results})
