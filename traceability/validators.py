"""Checks on uploaded certificates and inspection reports.

Cooperatives upload scans and phone photos from the field. A file that claims to be an
image is opened with Pillow before it is stored, so that a corrupt file or a decompression
bomb (a tiny PNG that expands to gigabytes of pixels) is refused at upload time instead of
crashing the thumbnailer or a staff member's browser later.
"""

import warnings
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "pdf")
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "webp"})
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def validate_document_upload(file: File) -> None:
    """Accept only JPEG/PNG/WebP images and PDFs of at most 10 MB that really are what they claim."""
    extension = _extension(getattr(file, "name", ""))
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("不支持的文件类型“%(extension)s”。请上传 JPG、PNG、WebP 图片或 PDF 文件。"),
            code="invalid_extension",
            params={"extension": extension or "?"},
        )
    size = getattr(file, "size", None) or 0
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("文件过大（%(size)s）。单个文件不能超过 %(limit)s。"),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    if extension in IMAGE_EXTENSIONS:
        _validate_image(file)
    else:
        _validate_pdf(file)


def _validate_image(file: File) -> None:
    """Open the image header and verify the data, refusing oversized pixel counts before decoding."""
    corrupt = ValidationError(_("图片文件已损坏或不是有效的图片，请重新拍摄或扫描后上传。"), code="invalid_image")
    bomb = ValidationError(
        _("图片像素过多（超过 %(limit)s 像素），可能是恶意文件。请压缩后重新上传。"),
        code="image_too_large",
        params={"limit": f"{Image.MAX_IMAGE_PIXELS:,}"},
    )
    try:
        file.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat the warning as fatal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                if Image.MAX_IMAGE_PIXELS and width * height > Image.MAX_IMAGE_PIXELS:
                    raise bomb
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise bomb from exc
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise corrupt from exc
    finally:
        file.seek(0)


def _validate_pdf(file: File) -> None:
    """A PDF must start with the PDF signature; anything else is a renamed file."""
    try:
        file.seek(0)
        head = file.read(1024)
    finally:
        file.seek(0)
    if b"%PDF-" not in head:
        raise ValidationError(_("PDF 文件无效或已损坏，请重新导出后上传。"), code="invalid_pdf")
