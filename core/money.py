"""Money is Decimal in CNY: parsed once, rounded once (half-up to the fen), formatted one way.

Every form field, import, webhook and report goes through these functions, so ¥0.025 is ¥0.03
everywhere (not 2 fen at Stripe and 3 in our books) and NaN, infinity or "1e9999" never reach a
model. The one display format is ``¥2,280.00`` in both languages (the sign and the grouping are
what Chinese and English shoppers both read).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FEN = Decimal("0.01")
#: The largest amount a DecimalField(max_digits=12, decimal_places=2) can hold.
MAX_AMOUNT = Decimal("9999999999.99")


def quantize_fen(amount: Decimal | int | str) -> Decimal:
    """Round to the fen, half-up: the one rounding rule of the shop."""
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def parse_money(value: object, *, allow_zero: bool = False, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """A user's or a file's amount as Decimal yuan to the fen, or a ValidationError that says why.

    Accepts "18", "18.5", "¥1,280.00", Decimals and ints; refuses NaN, infinities, negatives and
    (unless allowed) zero. Anything finer than the fen is rounded half-up once, here.
    """
    if isinstance(value, float):
        value = repr(value)
    text = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
    text = text.removeprefix("¥").removeprefix("￥").strip()
    if not text:
        raise ValidationError(_("请填写金额。"), code="required")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("金额格式不正确，请填写数字，例如 18.50。"), code="invalid") from None
    if not amount.is_finite():
        raise ValidationError(_("金额格式不正确，请填写数字，例如 18.50。"), code="invalid")
    if amount.copy_abs() > maximum:
        raise ValidationError(_("金额超出允许范围。"), code="max_value")
    amount = quantize_fen(amount)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError(_("金额必须大于零。"), code="min_value")
    return amount


def to_fen(amount: Decimal) -> int:
    """Stripe counts CNY in fen (分), the smallest unit; rounded by the shop's one rule."""
    return int(quantize_fen(amount) * 100)


def from_fen(fen: int) -> Decimal:
    return (Decimal(int(fen)) / 100).quantize(FEN)


def format_cny(amount: Decimal | int | str | None) -> str:
    """``¥2,280.00`` — the one display format (templates use the ``cny`` filter)."""
    if amount is None or amount == "":
        return ""
    value = quantize_fen(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}¥{value.copy_abs():,.2f}"
