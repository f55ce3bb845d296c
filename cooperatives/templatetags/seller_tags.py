"""The seller centre's frame: who is working, the navigation, the expiry banners."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from aftersales.services import claims_to_answer
from cooperatives import reminders, selectors

register = template.Library()


def _nav(request, items: list[tuple[str, str, int]]) -> list[dict]:
    path = request.path
    home = reverse("cooperatives_dashboard:coop-home")
    best = max((url for _label, url, _count in items if path.startswith(url) and url != home), key=len, default=home)
    return [{"label": label, "url": url, "count": count, "current": url == best and path.startswith(url)} for label, url, count in items]


@register.simple_tag
def seller_context(request) -> dict:
    user = request.user
    if user.is_staff:
        items = [
            (_("工作台"), reverse("cooperatives_dashboard:coop-home"), 0),
            (_("入驻申请"), reverse("cooperatives_dashboard:coop-application-list"), 0),
            (_("订单发货"), reverse("cooperatives_dashboard:coop-order-list"), 0),
            (_("月度结算"), reverse("cooperatives_dashboard:coop-statement-list"), 0),
            (_("付款批次"), reverse("cooperatives_dashboard:coop-payout-list"), 0),
            (_("售后申请"), reverse("aftersales_seller:claim-list"), claims_to_answer(user)),
            (_("商品评价"), reverse("productreviews_seller:list"), 0),
            (_("平台管理后台"), reverse("dashboard:index"), 0),
        ]
        return {"partner": None, "nav": _nav(request, items), "banners": []}
    partners = list(selectors.partners_for_user(user))
    to_ship = selectors.lines_to_ship(partners).count() if partners else 0
    items = [
        (_("工作台"), reverse("cooperatives_dashboard:coop-home"), 0),
        (_("订单发货"), reverse("cooperatives_dashboard:coop-order-list"), to_ship),
        (_("售后"), reverse("aftersales_seller:claim-list"), claims_to_answer(user)),
        (_("评价"), reverse("productreviews_seller:list"), 0),
        (_("商品"), reverse("cooperatives_dashboard:coop-product-list"), 0),
        (_("证书"), reverse("traceability_cooperative:certificate_list"), 0),
        (_("采收批次"), reverse("traceability_cooperative:batch_list"), 0),
        (_("批量导入"), reverse("cooperatives_dashboard:coop-import"), 0),
        (_("结算"), reverse("cooperatives_dashboard:coop-statement-list"), 0),
        (_("合作社简介"), reverse("cooperatives_dashboard:coop-my-profile"), 0),
    ]
    return {
        "partner": partners[0] if partners else None,
        "nav": _nav(request, items),
        "banners": reminders.banners_for(partners) if partners else [],
    }
