import json

from django import template
from django.utils.safestring import mark_safe

from productreviews import services

register = template.Library()

#: How many reviews the product page shows; the rest are on the product's review list.
PAGE_REVIEWS = 10


@register.simple_tag
def product_reviews(product) -> dict:
    """The product page's reviews: summary and the first visible reviews (photos first, newest first)."""
    summary = services.rating_summary(product)
    reviews = list(services.visible_reviews(product)[:PAGE_REVIEWS]) if summary["count"] else []
    return {**summary, "reviews": reviews, "more": summary["count"] > len(reviews)}


@register.filter
def with_aggregate_rating(product_jsonld: str, product) -> str:
    """The product page's schema.org JSON-LD plus ``aggregateRating`` from the visible verified reviews.

    Usage in the product template: ``{{ product_jsonld|with_aggregate_rating:product }}``.
    """
    summary = services.rating_summary(product)
    if not summary["count"]:
        return product_jsonld
    data = json.loads(str(product_jsonld))
    data["aggregateRating"] = {
        "@type": "AggregateRating",
        "ratingValue": str(summary["average"]),
        "reviewCount": summary["count"],
        "bestRating": 5,
        "worstRating": 1,
    }
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))  # noqa: S308 — escaped for <script>


@register.filter
def stars(rating) -> str:
    """★★★★☆ for 4."""
    value = int(round(float(rating or 0)))
    return "★" * value + "☆" * (5 - value)


@register.simple_tag
def line_review(line) -> dict:
    """For the buyer's order page: the line's review, or whether it can be reviewed now."""
    review = getattr(line, "verified_review", None)
    return {"review": review, "can_review": review is None and line.product_id is not None and services.line_is_reviewable(line)}
