"""Read-only queries about certificates and batches, shared by the shop and the trace pages."""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from traceability.models import Certificate, HarvestBatch


def certificates_in_force(*, on: date | None = None) -> QuerySet[Certificate]:
    """Verified certificates whose validity covers the day.

    Evaluated at query time rather than by a nightly job flipping a flag, so a
    certificate stops counting the day after it expires even if nobody touches it.
    """
    on = on or timezone.localdate()
    return Certificate.objects.filter(status=Certificate.Status.VERIFIED, valid_from__lte=on, valid_until__gte=on)


def product_badges(product, *, on: date | None = None) -> list[Certificate.CertType]:
    """The distinct certificate types in force for a product, in the order the choices declare them."""
    types = set(
        certificates_in_force(on=on).filter(products=product).order_by().values_list("cert_type", flat=True).distinct()
    )
    return [cert_type for cert_type in Certificate.CertType if cert_type.value in types]


def batch_for_trace_page(*, code: str) -> HarvestBatch | None:
    """One batch with everything the public trace page shows, in a single query."""
    return (
        HarvestBatch.objects.select_related(
            "product",
            "cooperative",
            "county__prefecture",
            "county__paired_district",
            "certificate",
        )
        .filter(code=code)
        .first()
    )


def current_batch(*, product) -> HarvestBatch | None:
    """The batch a buyer gets now: the most recent harvest of the product."""
    return (
        HarvestBatch.objects.select_related("county", "certificate")
        .filter(product=product)
        .order_by("-harvest_date", "-created_at")
        .first()
    )


def printable_batches(*, user) -> QuerySet[HarvestBatch] | None:
    """Batches whose labels the user may print: staff all, a cooperative's users their own, others none."""
    if user.is_staff:
        return HarvestBatch.objects.order_by("-harvest_date")
    if user.has_perm("partner.dashboard_access"):
        return HarvestBatch.objects.filter(cooperative__users=user).order_by("-harvest_date")
    return None
