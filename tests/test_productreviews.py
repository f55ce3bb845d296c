"""Verified reviews: only buyers who received the goods review them, once per purchase; the cooperative
replies once; staff hide with a reason; the product page shows the average, photos first, and the JSON-LD agrees."""

import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from productreviews import services
from productreviews.models import ProductReview
from tests.aftersales_helpers import delivered_order, photo, placed_order, product_of, shipped_order

WEINING = "coop-weining"

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return product_of(WEINING)


def write_url(product):
    return reverse("productreviews:write", kwargs={"product_pk": product.pk})


def post_review(client, product, **data):
    return client.post(write_url(product), {"rating": 5, "body": "洋芋粉糯，个头均匀，包装很用心", "photos": [photo()], **data})


def json_ld(html: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == "Product":
            return data
    raise AssertionError("no Product JSON-LD on the page")


def make_buyer(username: str):
    return get_user_model().objects.create_user(username=username, email=f"{username}@example.com", password="x", first_name="李")


def test_a_review_from_someone_who_did_not_buy_is_refused(client, product, consumer_user):
    stranger = make_buyer("stranger")
    client.force_login(stranger)
    page = client.get(write_url(product))
    assert page.status_code == 403 and "只有购买并收到这件商品的买家才能评价" in page.content.decode()
    response = post_review(client, product)
    assert response.status_code == 403
    assert "只有购买并收到这件商品的买家才能评价" in response.content.decode()
    assert not ProductReview.objects.filter(user=stranger).exists()


def test_a_buyer_whose_goods_have_not_arrived_cannot_review_yet(client, product):
    buyer = make_buyer("waiting")
    placed_order(buyer, product, quantity=1)
    shipped_order(buyer, product, quantity=1)
    client.force_login(buyer)
    before = ProductReview.objects.filter(product=product).count()
    response = post_review(client, product)
    assert response.status_code == 403 and "收到商品后才能评价" in response.content.decode()
    assert ProductReview.objects.filter(product=product).count() == before
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1)):
        assert services.reviewable_lines(buyer, product), "a week after shipping counts as received"


def test_buyer_reviews_a_delivered_product_once_and_sees_it_on_the_product_page(client, product):
    buyer = make_buyer("reviewer")
    order = delivered_order(buyer, product, quantity=1)
    client.force_login(buyer)
    response = post_review(client, product, body="第一次买，非常新鲜")
    review = ProductReview.objects.get(user=buyer)
    assert response.status_code == 302 and response["Location"].endswith(f"#review-{review.pk}")
    assert (review.line_id, review.rating, review.partner.code, review.photos.count()) == (order.lines.get().pk, 5, WEINING, 1)

    client.logout()
    html = client.get(product.get_absolute_url()).content.decode()
    assert "第一次买，非常新鲜" in html and review.photos.get().image.url in html
    assert "李**" in html and buyer.email not in html

    client.force_login(buyer)
    again = post_review(client, product, body="再评一次")
    assert again.status_code == 403
    assert ProductReview.objects.filter(user=buyer).count() == 1


def test_the_rating_in_the_json_ld_equals_the_average_of_visible_reviews(client, product, staff_user):
    ratings = [5, 4, 4, 2]
    for number, rating in enumerate(ratings):
        buyer = make_buyer(f"rater{number}")
        delivered_order(buyer, product, quantity=1)
        services.post_review(user=buyer, product=product, rating=rating, body=f"评分 {rating}")
    reviews = ProductReview.objects.filter(product=product)

    def expected():
        visible = [review.rating for review in reviews.filter(status="visible")]
        return str((Decimal(sum(visible)) / len(visible)).quantize(Decimal("0.1"), ROUND_HALF_UP)), len(visible)

    rating = json_ld(client.get(product.get_absolute_url()).content.decode())["aggregateRating"]
    assert (rating["ratingValue"], rating["reviewCount"]) == expected()
    assert (rating["bestRating"], rating["worstRating"]) == (5, 1)

    services.hide(review=reviews.get(body="评分 2"), actor=staff_user, reason="与商品无关的广告")
    html = client.get(product.get_absolute_url()).content.decode()
    rating = json_ld(html)["aggregateRating"]
    assert (rating["ratingValue"], rating["reviewCount"]) == expected()
    assert "评分 2" not in html


def test_reviews_with_photos_come_first_then_newest(product):
    now = timezone.now()
    bodies = []
    for number, (with_photo, days_ago) in enumerate([(False, 1), (True, 5), (False, 0), (True, 2)]):
        buyer = make_buyer(f"order{number}")
        delivered_order(buyer, product, quantity=1)
        photos = [photo(f"p{number}.jpg")] if with_photo else []
        services.post_review(
            user=buyer, product=product, rating=4, body=f"评价{number}", photos=photos, now=now - dt.timedelta(days=days_ago)
        )
        bodies.append(f"评价{number}")
    shown = [review.body for review in services.visible_reviews(product) if review.body in bodies]
    assert shown == ["评价3", "评价1", "评价2", "评价0"]


def test_the_cooperative_replies_once_publicly(client, product, cooperative_user):
    buyer = make_buyer("replied")
    delivered_order(buyer, product, quantity=1)
    review = services.post_review(user=buyer, product=product, rating=3, body="有两个小的")
    reply_url = reverse("productreviews_seller:reply", kwargs={"pk": review.pk})

    other = get_user_model().objects.get(username="coop-duyun")
    client.force_login(other)
    assert client.post(reply_url, {"text": "别家回复"}).status_code == 404

    client.force_login(cooperative_user)
    assert review.pk in [r.pk for r in client.get(reverse("productreviews_seller:list")).context["reviews"]]
    client.post(reply_url, {"text": "感谢反馈，下次挑大的发"})
    second = client.post(reply_url, {"text": "再回复一次"}, follow=True)
    assert "每条评价只能回复一次" in second.content.decode()
    review.refresh_from_db()
    assert review.reply == "感谢反馈，下次挑大的发"
    client.logout()
    assert "感谢反馈，下次挑大的发" in client.get(product.get_absolute_url()).content.decode()


def test_only_staff_hide_a_review_and_only_with_a_reason(client, product, cooperative_user, staff_user):
    buyer = make_buyer("hidden")
    delivered_order(buyer, product, quantity=1)
    review = services.post_review(user=buyer, product=product, rating=1, body="加微信领红包")
    hide_url = reverse("productreviews_seller:hide", kwargs={"pk": review.pk})
    client.force_login(cooperative_user)
    client.post(hide_url, {"reason": "不喜欢"})
    review.refresh_from_db()
    assert review.status == "visible"
    client.force_login(staff_user)
    client.post(hide_url, {"reason": ""})
    review.refresh_from_db()
    assert review.status == "visible"
    client.post(hide_url, {"reason": "广告"})
    review.refresh_from_db()
    assert (review.status, review.hidden_reason, review.hidden_by) == ("hidden", "广告", staff_user)


def test_review_text_is_text_not_markup(client, product):
    buyer = make_buyer("markup")
    delivered_order(buyer, product, quantity=1)
    services.post_review(user=buyer, product=product, rating=4, body='<img src=x onerror="alert(1)">好吃')
    html = client.get(product.get_absolute_url()).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_oscars_unverified_review_form_is_off(client, product, consumer_user):
    client.force_login(consumer_user)
    oscar_add = f"{product.get_absolute_url()}reviews/add/"
    assert client.get(oscar_add).status_code == 404
    assert client.post(oscar_add, {"title": "x", "score": 5, "body": "x"}).status_code == 404
    html = client.get(product.get_absolute_url()).content.decode()
    assert "reviews/add/" not in html
    assert write_url(product) in html
