"""A budget unit's procurement progress on the wholesale home (the figures are impact's, net of refunds)."""

from django import template
from django.utils import timezone

from impact.institutions import institution_progress as progress_for

register = template.Library()


@register.inclusion_tag("wholesale/includes/institution_progress.html")
def institution_progress(account) -> dict:
    """`{% institution_progress account %}`: renders nothing unless the account is an approved budget unit."""
    if not (account and account.is_approved and account.is_institution):
        return {"progress": None}
    return {"progress": progress_for(account, year=timezone.localdate().year)}
