"""Cooperatives print A4 sheets of QR labels for their own batches only."""

import re

import pytest

from traceability.models import HarvestBatch

pytestmark = pytest.mark.django_db


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_cooperative_prints_labels_for_its_own_batches(client, cooperative_user):
    client.force_login(cooperative_user)
    response = client.get("/trace/labels.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    own = HarvestBatch.objects.filter(cooperative__users=cooperative_user).count()
    assert own > 0
    assert page_count(response.content) == -(-own // 24)


def test_a_cooperative_cannot_print_another_cooperatives_labels(client, cooperative_user):
    other = HarvestBatch.objects.exclude(cooperative__users=cooperative_user).first()
    client.force_login(cooperative_user)
    with_other = client.get("/trace/labels.pdf", {"batch": other.code})
    own = HarvestBatch.objects.filter(cooperative__users=cooperative_user).first()
    with_own = client.get("/trace/labels.pdf", {"batch": own.code})
    # The other cooperative's code is silently dropped: an empty sheet, smaller than one with a label.
    assert len(with_other.content) < len(with_own.content)


def test_many_batches_make_several_pages(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/trace/labels.pdf")
    assert page_count(response.content) == -(-min(HarvestBatch.objects.count(), 240) // 24)


def test_consumers_and_visitors_cannot_print_labels(client, consumer_user):
    assert client.get("/trace/labels.pdf").status_code == 302
    client.force_login(consumer_user)
    assert client.get("/trace/labels.pdf").status_code == 403


def test_staff_verify_a_pending_certificate_in_the_dashboard(client, staff_user):
    from traceability.models import Certificate

    pending = Certificate.objects.filter(status="pending").first()
    client.force_login(staff_user)
    assert pending.number in client.get("/dashboard/certificates/").content.decode()
    client.post(f"/dashboard/certificates/{pending.pk}/decide/", {"decision": "verify"})
    pending.refresh_from_db()
    assert pending.status == "verified" and pending.verified_by == staff_user


def test_staff_reject_a_certificate_and_cooperatives_cannot_decide(client, staff_user, cooperative_user):
    from traceability.models import Certificate

    pending = Certificate.objects.filter(status="pending").first()
    client.force_login(cooperative_user)
    assert client.post(f"/dashboard/certificates/{pending.pk}/decide/", {"decision": "verify"}).status_code == 302
    pending.refresh_from_db()
    assert pending.status == "pending"
    client.force_login(staff_user)
    client.post(f"/dashboard/certificates/{pending.pk}/decide/", {"decision": "reject"})
    pending.refresh_from_db()
    assert pending.status == "rejected"
