"""Service functions of the cooperatives context: review, fulfilment, settlement."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cooperatives.models import CooperativeApplication, CooperativeProfile

Partner = get_model("partner", "Partner")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")

COOPERATIVE_GROUP = "合作社"
CENT = Decimal("0.01")


class ReviewError(Exception):
    """The application cannot be approved or rejected as asked (message is user-facing)."""


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def cooperative_group() -> Group:
    group, _created = Group.objects.get_or_create(name=COOPERATIVE_GROUP)
    group.permissions.add(Permission.objects.get(codename="dashboard_access", content_type__app_label="partner"))
    return group


def _unique_code(base: str) -> str:
    User = get_user_model()
    code, number = base, 1
    while Partner.objects.filter(code=code).exists() or User.objects.filter(username=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code


@transaction.atomic
def approve_application(application: CooperativeApplication, *, reviewer) -> Partner:
    """Create the partner (with county), its user (in the 合作社 group) and profile; email a password-set link."""
    application = CooperativeApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != CooperativeApplication.Status.PENDING:
        raise ReviewError(_("该申请已审核，不能重复处理。"))
    User = get_user_model()
    if User.objects.filter(email__iexact=application.email).exists():
        raise ReviewError(_("邮箱 %(email)s 已有账户，请与申请人确认后再审核。") % {"email": application.email})

    code = _unique_code(f"coop-{application.county.slug}")
    partner = Partner.objects.create(code=code, name=application.name, county=application.county)
    user = User(username=code, email=application.email, first_name=application.name[:30])
    user.set_unusable_password()
    user.save()
    user.groups.add(cooperative_group())
    partner.users.add(user)
    CooperativeProfile.objects.create(partner=partner, households_supported=application.poor_households)

    application.status = CooperativeApplication.Status.APPROVED
    application.partner = partner
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.save()

    link = site_url(
        reverse(
            "password-reset-confirm",
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
        )
    )
    with translation.override("zh-hans"):
        send_mail(
            _("【黔货进穗】入驻申请已通过"),
            _(
                "%(name)s：\n\n您的入驻申请已通过审核。请打开下面的链接设置登录密码（链接仅可使用一次）：\n%(link)s\n\n"
                "之后用邮箱 %(email)s 登录管理后台：%(dashboard)s\n"
            )
            % {"name": application.name, "link": link, "email": user.email, "dashboard": site_url(reverse("dashboard:index"))},
            None,
            [application.email],
        )
    return partner


@transaction.atomic
def reject_application(application: CooperativeApplication, *, reviewer, reason: str) -> None:
    application = CooperativeApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != CooperativeApplication.Status.PENDING:
        raise ReviewError(_("该申请已审核，不能重复处理。"))
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("请填写驳回原因。"))
    application.status = CooperativeApplication.Status.REJECTED
    application.rejection_reason = reason
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.save()
    with translation.override("zh-hans"):
        send_mail(
            _("【黔货进穗】入驻申请未通过"),
            _("%(name)s：\n\n很遗憾，您的入驻申请未通过审核，原因如下：\n%(reason)s\n\n修改后可重新提交申请：%(apply)s\n")
            % {"name": application.name, "reason": reason, "apply": site_url(reverse("cooperatives:apply"))},
            None,
            [application.email],
        )


# --- fulfilment ---------------------------------------------------------------
def lines_for_user(user) -> QuerySet:
    """Order lines the user may see: staff all, a cooperative user only its partners' lines."""
    lines = Line.objects.select_related("order", "partner", "package_line__package", "order__shipping_address")
    if user.is_staff:
        return lines
    return lines.filter(partner__users=user)
