from django import template
from django.db.models import prefetch_related_objects
from django.utils import timezone

from aftersales import services
from aftersales.models import Claim

register = template.Library()


@register.simple_tag
def order_aftersales(order) -> list[dict]:
    """Per line of the buyer's order: its claims, the claim deadline and whether a new claim can be filed."""
    now = timezone.now()
    claims_by_line: dict[int, list[Claim]] = {}
    for claim in services.claims_for_order(order):
        claims_by_line.setdefault(claim.line_id, []).append(claim)
    prefetch_related_objects([order], "status_changes")
    rows = []
    for line in order.lines.select_related("product", "package_line__package", "verified_review").order_by("pk"):
        line.order = order  # one order object, its status changes read once
        window = services.claim_window(line)
        claims = claims_by_line.get(line.pk, [])
        has_active = any(claim.is_active for claim in claims)
        rows.append(
            {
                "line": line,
                "claims": claims,
                "window": window,
                "is_open": window.is_open(now),
                "can_claim": window.is_open(now) and not has_active and services.claimable_quantity(line) > 0,
            }
        )
    return rows
