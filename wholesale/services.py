"""State changes for business accounts."""

from decimal import Decimal

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from wholesale.models import BusinessAccount


def approve_account(*, account: BusinessAccount, reviewer, payment_terms_days: int, credit_limit: Decimal) -> BusinessAccount:
    """Approve a business account with its credit terms and tell the buyer."""
    account.status = BusinessAccount.Status.APPROVED
    account.payment_terms_days = payment_terms_days
    account.credit_limit = credit_limit
    account.rejection_reason = ""
    account.reviewed_by = reviewer
    account.reviewed_at = timezone.now()
    account.save()
    send_mail(
        _("【黔货进穗】企业采购账户已开通"),
        _("%(company)s：您的企业采购账户已通过审核，登录后即可看到批发阶梯价并使用快速下单。") % {"company": account.company_name},
        None,
        [account.user.email],
    )
    return account


def reject_account(*, account: BusinessAccount, reviewer, reason: str) -> BusinessAccount:
    account.status = BusinessAccount.Status.REJECTED
    account.rejection_reason = reason
    account.reviewed_by = reviewer
    account.reviewed_at = timezone.now()
    account.save()
    send_mail(
        _("【黔货进穗】企业采购账户申请未通过"),
        _("%(company)s：很抱歉，您的申请未通过审核。原因：%(reason)s") % {"company": account.company_name, "reason": reason},
        None,
        [account.user.email],
    )
    return account
