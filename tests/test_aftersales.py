"""After-sale claims: a buyer claims on a line from the order page, the line's cooperative answers, money goes
back once through the refund service, and nobody else sees any of it."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from aftersales import services
from aftersales.models import Claim, ClaimEvent
from stripe_payments.models import Refund, RefundLine
from tests.aftersales_helpers import cold_chain_product, delivered_order, photo, product_of, shipped_order
from tests.checkout_helpers import committed_in_own_thread

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

WEINING = "coop-weining"


@pytest.fixture
def buyer(consumer_user):
    return consumer_user


@pytest.fixture
def weining_order(buyer):
    """The consumer bought 3 of a 威宁 cooperative's ambient product, shipped today."""
    return shipped_order(buyer, product_of(WEINING), quantity=3)


def file_claim(client, line, **data):
    payload = {"reason": "damaged", "quantity": 1, "note": "外箱压坏，摔裂了一个", "photos": [photo()], **data}
    return client.post(reverse("aftersales:claim-create", kwargs={"line_id": line.pk}), payload)


def line_of(order):
    return order.lines.get()


# --- filing ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_buyer_files_a_claim_with_a_photo_from_the_order_page(client, buyer, weining_order, django_capture_on_commit_callbacks):
    client.force_login(buyer)
    page = client.get(reverse("customer:order", kwargs={"order_number": weining_order.number}))
    line = line_of(weining_order)
    claim_url = reverse("aftersales:claim-create", kwargs={"line_id": line.pk})
    assert claim_url in page.content.decode(), "the order page offers 申请售后 per line"

    with django_capture_on_commit_callbacks(execute=True):
        response = file_claim(client, line, reason="spoiled", quantity=2)

    claim = Claim.objects.get(line=line)
    assert response.status_code == 302 and response["Location"] == claim.get_absolute_url()
    assert (claim.reason, claim.quantity, claim.status, claim.partner.code) == ("spoiled", 2, "open", WEINING)
    assert claim.photos.count() == 1
    assert claim.events.get().kind == ClaimEvent.Kind.FILED
    assert claim.response_due_at - claim.created_at == dt.timedelta(hours=48)
    assert [message.to for message in mail.outbox] == [[buyer.email]]
    assert str(weining_order.number) in mail.outbox[0].subject

    detail = client.get(claim.get_absolute_url()).content.decode()
    assert "变质／解冻" in detail and claim.photos.get().get_absolute_url() in detail
    assert client.get(claim.photos.get().get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_deadline_is_shown_before_filing(client, buyer, weining_order):
    client.force_login(buyer)
    line = line_of(weining_order)
    window = services.claim_window(line)
    assert window.closes_at - window.opens_at == dt.timedelta(days=7)
    page = client.get(reverse("aftersales:claim-create", kwargs={"line_id": line.pk})).content.decode()
    assert timezone.localtime(window.closes_at).strftime("%Y-%m-%d %H:%M") in page


@pytest.mark.django_db
def test_a_claim_past_its_deadline_is_refused_with_a_clear_message(client, buyer, weining_order):
    client.force_login(buyer)
    line = line_of(weining_order)
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, hours=1)):
        response = file_claim(client, line)
    assert response.status_code == 400
    assert "已超过售后期限" in response.content.decode()
    assert not Claim.objects.filter(line=line).exists()


@pytest.mark.django_db
def test_cold_chain_goods_can_be_claimed_for_48_hours_after_delivery(client, buyer):
    order = delivered_order(buyer, cold_chain_product(), quantity=1)
    client.force_login(buyer)
    line = line_of(order)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=47)):
        assert services.claim_window(line).is_open(timezone.now())
    with time_machine.travel(timezone.now() + dt.timedelta(hours=49)):
        response = file_claim(client, line, reason="spoiled")
    assert response.status_code == 400 and "已超过售后期限" in response.content.decode()


@pytest.mark.django_db
def test_an_unshipped_line_cannot_be_claimed(client, buyer):
    from tests.aftersales_helpers import placed_order

    order = placed_order(buyer, product_of(WEINING), quantity=1)
    client.force_login(buyer)
    response = file_claim(client, line_of(order))
    assert response.status_code == 400 and "发货后才能申请售后" in response.content.decode()


@pytest.mark.django_db
def test_a_second_claim_on_a_line_with_one_open_is_refused(client, buyer, weining_order):
    client.force_login(buyer)
    line = line_of(weining_order)
    file_claim(client, line)
    response = file_claim(client, line)
    assert response.status_code == 400
    assert Claim.objects.filter(line=line).count() == 1


@pytest.mark.django_db
def test_a_fake_photo_is_refused_and_nothing_is_filed(client, buyer, weining_order):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(buyer)
    line = line_of(weining_order)
    fake = SimpleUploadedFile("box.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = file_claim(client, line, photos=[fake])
    assert response.status_code == 400
    assert not Claim.objects.filter(line=line).exists()


@pytest.mark.django_db
def test_seven_photos_are_too_many(client, buyer, weining_order):
    client.force_login(buyer)
    response = file_claim(client, line_of(weining_order), photos=[photo(f"p{i}.jpg") for i in range(7)])
    assert response.status_code == 400 and "最多上传 6 张照片" in response.content.decode()


@pytest.mark.django_db
def test_claim_text_is_shown_as_text_not_markup(client, buyer, weining_order, cooperative_user):
    client.force_login(buyer)
    file_claim(client, line_of(weining_order), note='<script>alert("x")</script><b>坏了</b>')
    claim = Claim.objects.get(line=line_of(weining_order))
    for viewer, url in (
        (buyer, claim.get_absolute_url()),
        (cooperative_user, reverse("aftersales_seller:claim-detail", kwargs={"pk": claim.pk})),
    ):
        client.force_login(viewer)
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html


# --- the cooperative answers -------------------------------------------------------------------
@pytest.fixture
def open_claim(buyer, weining_order):
    return services.file_claim(line=line_of(weining_order), user=buyer, reason="damaged", quantity=2, note="两个摔裂")


def approve_url(claim):
    return reverse("aftersales_seller:claim-approve", kwargs={"pk": claim.pk})


@pytest.mark.django_db
def test_cooperative_approves_a_partial_refund_once_under_a_double_click(
    client, cooperative_user, open_claim, django_capture_on_commit_callbacks
):
    line = open_claim.line
    record = StockRecord.objects.get(pk=line.stockrecord_id)
    client.force_login(cooperative_user)
    assert open_claim.pk in [claim.pk for claim in client.get(reverse("aftersales_seller:claim-list")).context["claims"]]

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(approve_url(open_claim), {"amount": "5.00", "note": "补偿破损"})
        second = client.post(approve_url(open_claim), {"amount": "5.00", "note": "补偿破损"}, follow=True)

    assert first.status_code == 302
    assert "无需重复操作" in second.content.decode()
    refunds = Refund.objects.filter(order=open_claim.order)
    assert [(refund.amount, refund.source, refund.status) for refund in refunds] == [(Decimal("5.00"), "aftersale", "succeeded")]
    refund_line = RefundLine.objects.get(refund__order=open_claim.order)
    assert (refund_line.line_id, refund_line.amount, refund_line.quantity) == (line.pk, Decimal("5.00"), 0)
    open_claim.refresh_from_db()
    assert (open_claim.status, open_claim.refund_amount, open_claim.refund_id) == ("approved", Decimal("5.00"), refunds[0].pk)
    assert list(open_claim.events.values_list("kind", "role")) == [("filed", "buyer"), ("approved", "cooperative")]
    record_after = StockRecord.objects.get(pk=record.pk)
    assert (record_after.num_in_stock, record_after.num_allocated) == (record.num_in_stock, record.num_allocated), "no return, no restock"
    assert any("同意退款" in message.subject for message in mail.outbox), "the buyer is mailed the decision"


@pytest.mark.django_db
def test_the_same_decision_twice_is_one_refund_at_the_service_level(cooperative_user, open_claim):
    """The SQLite-level idempotency check: the second call finds the claim decided and the key used."""
    services.approve(claim=open_claim, actor=cooperative_user, amount=Decimal("6.50"))
    with pytest.raises(services.ClaimError):
        services.approve(claim=open_claim, actor=cooperative_user, amount=Decimal("6.50"))
    assert Refund.objects.filter(key=f"aftersale-claim-{open_claim.pk}").count() == 1
    assert Refund.objects.get(order=open_claim.order).amount == Decimal("6.50")


@pytest.mark.django_db
def test_a_refund_is_never_more_than_was_paid_for_the_line(client, cooperative_user, open_claim):
    full = services.full_refund_for(open_claim)
    assert full == (open_claim.line.line_price_incl_tax * 2 / 3).quantize(Decimal("0.01"))
    client.force_login(cooperative_user)
    response = client.post(approve_url(open_claim), {"amount": str(full + Decimal("0.01"))}, follow=True)
    assert "退款金额不能超过" in response.content.decode()
    assert not Refund.objects.filter(order=open_claim.order).exists()
    open_claim.refresh_from_db()
    assert open_claim.status == "open"


@pytest.mark.django_db
def test_a_full_refund_with_goods_returned_puts_the_units_back(client, cooperative_user, open_claim):
    record = StockRecord.objects.get(pk=open_claim.line.stockrecord_id)
    client.force_login(cooperative_user)
    client.post(approve_url(open_claim), {"amount": str(services.full_refund_for(open_claim)), "goods_returned": "on"})
    refund_line = RefundLine.objects.get(refund__order=open_claim.order)
    assert refund_line.quantity == 2
    after = StockRecord.objects.get(pk=record.pk)
    assert after.net_stock_level == record.net_stock_level + 2


@pytest.mark.django_db
def test_cooperative_asks_for_more_photos_and_the_buyer_adds_them(client, buyer, cooperative_user, open_claim):
    client.force_login(cooperative_user)
    client.post(reverse("aftersales_seller:claim-more-photos", kwargs={"pk": open_claim.pk}), {"message": "请拍一下外箱和面单"})
    open_claim.refresh_from_db()
    assert open_claim.status == "more_photos"
    client.force_login(buyer)
    assert "请拍一下外箱和面单" in client.get(open_claim.get_absolute_url()).content.decode()
    client.post(reverse("aftersales:claim-add", kwargs={"pk": open_claim.pk}), {"photos": [photo("label.jpg")], "note": "面单在此"})
    open_claim.refresh_from_db()
    assert open_claim.status == "open" and open_claim.photos.count() == 1
    assert open_claim.response_due_at > timezone.now() + dt.timedelta(hours=47)


@pytest.mark.django_db
def test_declining_needs_a_reason_the_buyer_sees(client, buyer, cooperative_user, open_claim):
    client.force_login(cooperative_user)
    empty = client.post(reverse("aftersales_seller:claim-decline", kwargs={"pk": open_claim.pk}), {"reason": ""})
    assert empty.status_code == 400
    client.post(reverse("aftersales_seller:claim-decline", kwargs={"pk": open_claim.pk}), {"reason": "照片显示外箱完好，内部无破损"})
    open_claim.refresh_from_db()
    assert open_claim.status == "declined"
    client.force_login(buyer)
    assert "照片显示外箱完好" in client.get(open_claim.get_absolute_url()).content.decode()
    assert not Refund.objects.filter(order=open_claim.order).exists()


# --- escalation and staff ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_unanswered_claim_goes_to_staff_after_48_hours(client, cooperative_user, staff_user, open_claim):
    with time_machine.travel(timezone.now() + dt.timedelta(hours=47)):
        call_command("escalate_claims")
    open_claim.refresh_from_db()
    assert open_claim.status == "open"
    with time_machine.travel(timezone.now() + dt.timedelta(hours=49)):
        call_command("escalate_claims")
        call_command("escalate_claims")  # twice: still one step in the log
    open_claim.refresh_from_db()
    assert open_claim.status == "escalated"
    assert open_claim.events.filter(kind="escalated").count() == 1

    client.force_login(cooperative_user)
    refused = client.post(approve_url(open_claim), {"amount": "3.00"}, follow=True)
    assert "已转平台客服处理" in refused.content.decode()
    client.force_login(staff_user)
    client.post(approve_url(open_claim), {"amount": "3.00", "note": "平台先行赔付"})
    open_claim.refresh_from_db()
    assert open_claim.status == "approved" and open_claim.events.get(kind="approved").role == "staff"
    assert Refund.objects.get(order=open_claim.order).amount == Decimal("3.00")


@pytest.mark.django_db
def test_escalation_runs_from_celery_beat():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["aftersales-escalate-claims"]
    assert entry["task"] == "aftersales.tasks.escalate_claims"
    from aftersales.tasks import escalate_claims

    assert escalate_claims.name == entry["task"]


# --- who sees what --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_another_cooperative_opening_the_claim_gets_404(client, open_claim):
    other = get_user_model().objects.get(username="coop-duyun")
    client.force_login(other)
    for url in (
        reverse("aftersales_seller:claim-detail", kwargs={"pk": open_claim.pk}),
        reverse("aftersales:claim-detail", kwargs={"pk": open_claim.pk}),
    ):
        assert client.get(url).status_code == 404
    for name in ("claim-approve", "claim-decline", "claim-more-photos"):
        assert (
            client.post(
                reverse(f"aftersales_seller:{name}", kwargs={"pk": open_claim.pk}), {"amount": "1", "reason": "x", "message": "x"}
            ).status_code
            == 404
        )
    assert open_claim.pk not in [
        claim.pk for claim in client.get(reverse("aftersales_seller:claim-list") + "?status=all").context["claims"]
    ]
    open_claim.refresh_from_db()
    assert open_claim.status == "open" and not Refund.objects.filter(order=open_claim.order).exists()


@pytest.mark.django_db
def test_another_buyer_cannot_claim_on_or_see_someone_elses_line(client, open_claim):
    stranger = get_user_model().objects.get(username="buyer")
    client.force_login(stranger)
    assert client.get(reverse("aftersales:claim-create", kwargs={"line_id": open_claim.line_id})).status_code == 404
    assert client.get(open_claim.get_absolute_url()).status_code == 404
    with pytest.raises(services.ClaimError):
        services.add_photos(claim=open_claim, user=stranger, photos=[], note="x")


@pytest.mark.django_db
def test_claim_photos_are_private(client, buyer, weining_order):
    client.force_login(buyer)
    file_claim(client, line_of(weining_order))
    photo_url = Claim.objects.get(line=line_of(weining_order)).photos.get().get_absolute_url()
    client.logout()
    assert client.get(photo_url).status_code == 302  # to the login page
    client.force_login(get_user_model().objects.get(username="coop-duyun"))
    assert client.get(photo_url).status_code == 404
    client.force_login(get_user_model().objects.get(username="coop-weining"))
    assert client.get(photo_url).status_code == 200


@pytest.mark.django_db
def test_the_cooperative_sees_no_phone_address_or_email_through_a_claim(client, buyer, cooperative_user, open_claim):
    address = open_claim.order.shipping_address
    if address is not None:
        address.phone_number = "+8613800138000"
        address.line1 = "天河路385号太古汇"
        address.save()
    client.force_login(cooperative_user)
    html = client.get(reverse("aftersales_seller:claim-detail", kwargs={"pk": open_claim.pk})).content.decode()
    assert buyer.email not in html
    assert "13800138000" not in html and "太古汇" not in html


# --- language -------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_buyer_is_mailed_in_the_language_they_filed_in(client, buyer, weining_order, django_capture_on_commit_callbacks):
    client.force_login(buyer)
    line = line_of(weining_order)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en" + reverse("aftersales:claim-create", kwargs={"line_id": line.pk}),
            {"reason": "short_weight", "quantity": 1, "note": "", "photos": [photo()]},
        )
    claim = Claim.objects.get(line=line)
    assert claim.language == "en"
    assert "after-sale" in mail.outbox[-1].subject.lower()


# --- PostgreSQL: two real requests at once ------------------------------------------------------------
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real concurrent connections")
def test_two_simultaneous_approvals_refund_once(django_db_blocker):
    """A double click as two concurrent requests: one refund, the other told the claim is decided."""
    committed_in_own_thread(django_db_blocker, concurrent_scenario)


def concurrent_scenario() -> None:
    User = get_user_model()
    buyer, cooperative = User.objects.get(username="consumer"), User.objects.get(username="coop-weining")
    order = shipped_order(buyer, product_of(WEINING), quantity=3)
    record = StockRecord.objects.get(pk=order.lines.get().stockrecord_id)
    saved = (record.num_in_stock, record.num_allocated)
    try:
        claim = services.file_claim(line=order.lines.get(), user=buyer, reason="damaged", quantity=1)
        clients = [Client(), Client()]
        for each in clients:
            each.force_login(cooperative)
        connections.close_all()
        barrier = threading.Barrier(2)
        answers: list = [None, None]

        def click(index: int) -> None:
            try:
                barrier.wait()
                answers[index] = clients[index].post(approve_url(claim), {"amount": "4.00"}, follow=True)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=click, args=(index,)) for index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(answer.status_code == 200 for answer in answers)
        assert sum("无需重复操作" in answer.content.decode() for answer in answers) == 1
        assert [(r.amount, r.status) for r in Refund.objects.filter(order=order)] == [(Decimal("4.00"), "succeeded")]
        claim.refresh_from_db()
        assert claim.status == "approved" and claim.events.filter(kind="approved").count() == 1
    finally:
        Claim.objects.filter(order=order).delete()
        RefundLine.objects.filter(refund__order=order).delete()
        Refund.objects.filter(order=order).delete()
        order.delete()
        StockRecord.objects.filter(pk=record.pk).update(num_in_stock=saved[0], num_allocated=saved[1])


# --- the books ---------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_approved_claim_lands_in_the_statement_and_after_payment_as_a_deduction(buyer, cooperative_user, staff_user, open_claim):
    from cooperatives import settlement

    services.approve(claim=open_claim, actor=cooperative_user, amount=Decimal("5.00"))
    partner = open_claim.partner
    month = timezone.localdate().replace(day=1)
    statement = settlement.generate_statement(partner, month)
    entries = {
        entry.refund_line.refund.key: (entry.kind, entry.amount) for entry in statement.refund_entries.select_related("refund_line__refund")
    }
    assert entries[f"aftersale-claim-{open_claim.pk}"] == ("refund", Decimal("5.00"))
    settlement.mark_statement_paid(statement, user=staff_user)

    second = services.file_claim(line=open_claim.line, user=buyer, reason="short_weight", quantity=1)
    services.approve(claim=second, actor=cooperative_user, amount=Decimal("3.00"))
    next_month = (month + dt.timedelta(days=32)).replace(day=1)
    following = settlement.generate_statement(partner, next_month)
    entries = {
        entry.refund_line.refund.key: (entry.kind, entry.amount) for entry in following.refund_entries.select_related("refund_line__refund")
    }
    assert entries[f"aftersale-claim-{second.pk}"] == ("deduction", Decimal("3.00"))
    statement.refresh_from_db()
    assert f"aftersale-claim-{second.pk}" not in {entry.refund_line.refund.key for entry in statement.refund_entries.all()}


def test_an_approved_claim_sends_the_buyer_one_mail_with_the_refund(
    client, buyer, cooperative_user, open_claim, django_capture_on_commit_callbacks
):
    client.force_login(cooperative_user)
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve_url(open_claim), {"amount": "5.00", "note": ""})
    sent = [message for message in mail.outbox[before:] if buyer.email in message.to]
    assert len(sent) == 1, [message.subject for message in sent]
    assert "同意退款" in sent[0].subject and "¥5.00" in sent[0].body
