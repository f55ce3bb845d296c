"""Validation of what applicants type and upload: credit codes, phone numbers, documents."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from PIL import Image

# GB 32100-2015: 统一社会信用代码 uses the digits and 21 capital letters (no I, O, Z, S, V).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_CODE_SHAPE = re.compile(rf"^[{CREDIT_CODE_CHARSET}]{{2}}\d{{6}}[{CREDIT_CODE_CHARSET}]{{10}}$")

mainland_mobile_validator = RegexValidator(r"^1[3-9]\d{9}$", _("请输入11位中国大陆手机号码，例如13800138000。"))


def credit_code_check_character(first17: str) -> str:
    """The 18th character (校验码) of a unified social credit code, from its first 17."""
    total = sum(CREDIT_CODE_CHARSET.index(char) * weight for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_credit_code(value: str) -> None:
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(_("统一社会信用代码应为18位。"), code="length")
    if not _CREDIT_CODE_SHAPE.match(code):
        raise ValidationError(_("统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）。"), code="charset")
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对营业执照。"), code="checksum")


def _max_upload_bytes() -> int:
    return getattr(settings, "COOPERATIVE_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)


def _max_image_pixels() -> int:
    return getattr(settings, "COOPERATIVE_UPLOAD_MAX_PIXELS", 40_000_000)


IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}
ALLOWED_EXTENSIONS = (*IMAGE_FORMATS, "pdf")


def validate_document(upload: UploadedFile) -> None:
    """A licence or certificate: a real JPEG/PNG image or PDF, small enough, not a decompression bomb."""
    name = (upload.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(_("只接受 JPG、PNG 或 PDF 文件。"), code="extension")
    limit = _max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(_("文件过大（上限 %(limit)s MB）。"), code="size", params={"limit": limit // (1024 * 1024)})
    upload.seek(0)
    try:
        if extension == "pdf":
            if upload.read(5) != b"%PDF-":
                raise ValidationError(_("文件不是有效的PDF。"), code="invalid_pdf")
            return
        _check_image(upload, IMAGE_FORMATS[extension])
    finally:
        upload.seek(0)


def _check_image(upload: UploadedFile, expected_format: str) -> None:
    invalid = ValidationError(_("图片文件已损坏或格式与扩展名不符。"), code="invalid_image")
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > _max_image_pixels():
                raise ValidationError(_("图片像素过大，请压缩后再上传。"), code="too_many_pixels")
            if image.format != expected_format:
                raise invalid
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("图片像素过大，请压缩后再上传。"), code="too_many_pixels") from None
    except Exception:  # Pillow raises many kinds of errors on broken files
        raise invalid from None
