"""Write operations on certificates: the only place their verification state changes."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from traceability.models import Certificate


def verify_certificate(*, certificate: Certificate, user) -> Certificate:
    """Mark a certificate as checked against its original by platform staff.

    Who checked it and when is recorded, because a verified certificate is shown to
    buyers as a guarantee; the rules in Certificate.clean() are re-checked so that a
    malformed number cannot be verified through a path that skipped the form.
    """
    if not (user and user.is_active and user.is_staff):
        raise PermissionDenied("Only platform staff can verify certificates.")
    certificate.clean()
    certificate.status = Certificate.Status.VERIFIED
    certificate.verified_by = user
    certificate.verified_at = timezone.now()
    certificate.save(update_fields=["number", "status", "verified_by", "verified_at"])
    return certificate


def reject_certificate(*, certificate: Certificate, user) -> Certificate:
    """Staff found the certificate does not match its original: it never shows a badge."""
    if not (user and user.is_active and user.is_staff):
        raise PermissionDenied("Only platform staff can reject certificates.")
    certificate.status = Certificate.Status.REJECTED
    certificate.verified_by = user
    certificate.verified_at = timezone.now()
    certificate.save(update_fields=["status", "verified_by", "verified_at"])
    return certificate
