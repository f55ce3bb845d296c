"""The one upload validator for images and documents (licences, certificates, scans, photos).

Every image and document a user uploads is checked here before it is stored, so a renamed
executable, a corrupt file or a decompression bomb (a 17 KB PNG of 12000×12000 px that takes a
thumbnailer past 700 MB) is refused at upload time with a clear message, instead of crashing
the thumbnailer or a staff member's browser later:

* the extension is one we accept, and the content really is that format (Pillow identifies the
  image, ``verify()`` reads it through; a PDF starts with its signature);
* the pixel count is read from the header and capped *before* any decoding
  (``settings.UPLOAD_MAX_IMAGE_PIXELS``);
* the file size is capped (``settings.UPLOAD_MAX_BYTES``) from ``file.size``, never by reading it.

``read_limited`` reads an upload in chunks and stops as soon as it passes a limit: for parsers
(imports, quick orders) that need the bytes.
"""

import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

#: Extension → the format Pillow must find inside.
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
DOCUMENT_EXTENSIONS = (*IMAGE_FORMATS, "pdf")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000


def max_upload_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_image_pixels() -> int:
    return getattr(settings, "UPLOAD_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS)


def _extension(name: str | None) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def _check_size(file, max_bytes: int | None) -> None:
    limit = max_bytes or max_upload_bytes()
    size = getattr(file, "size", None) or 0
    if size > limit:
        raise ValidationError(
            _("文件过大（%(size)s）。单个文件不能超过 %(limit)s。"),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )


def validate_image(file, *, max_bytes: int | None = None) -> None:
    """A real JPEG, PNG or WebP image, not too large in bytes or pixels; raises ValidationError."""
    extension = _extension(getattr(file, "name", ""))
    if extension not in IMAGE_FORMATS:
        raise ValidationError(
            _("不支持的文件类型“%(extension)s”。请上传 JPG、PNG 或 WebP 图片。"),
            code="invalid_extension",
            params={"extension": extension or "?"},
        )
    _check_size(file, max_bytes)
    _check_image_content(file, IMAGE_FORMATS[extension])


def validate_document(file, *, max_bytes: int | None = None) -> None:
    """A licence or certificate: a real PDF, JPEG, PNG or WebP file, small enough; raises ValidationError."""
    extension = _extension(getattr(file, "name", ""))
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("不支持的文件类型“%(extension)s”。请上传 JPG、PNG、WebP 图片或 PDF 文件。"),
            code="invalid_extension",
            params={"extension": extension or "?"},
        )
    _check_size(file, max_bytes)
    if extension == "pdf":
        _check_pdf_signature(file)
    else:
        _check_image_content(file, IMAGE_FORMATS[extension])


def _check_image_content(file, expected_format: str) -> None:
    """Read the header, refuse too many pixels before decoding, then let Pillow verify the data."""
    limit = max_image_pixels()
    corrupt = ValidationError(_("图片文件已损坏或不是有效的图片，请重新拍摄或扫描后上传。"), code="invalid_image")
    mismatch = ValidationError(_("图片文件已损坏或格式与扩展名不符。"), code="invalid_image")
    bomb = ValidationError(
        _("图片像素过多（超过 %(limit)s 像素），可能是恶意文件。请压缩后重新上传。"),
        code="image_too_large",
        params={"limit": f"{limit:,}"},
    )
    try:
        file.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; a warning is a refusal here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                if width * height > limit:
                    raise bomb
                if image.format != expected_format:
                    raise mismatch
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise bomb from exc
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise corrupt from exc
    finally:
        file.seek(0)


def _check_pdf_signature(file) -> None:
    """A PDF starts with ``%PDF-`` (within its first KB, as readers allow); anything else was renamed."""
    try:
        file.seek(0)
        head = file.read(1024)
    finally:
        file.seek(0)
    if b"%PDF-" not in head:
        raise ValidationError(_("PDF 文件无效或已损坏，请重新导出后上传。"), code="invalid_pdf")


class UploadTooLarge(ValueError):
    """Raised by ``read_limited`` when an upload passes its byte limit."""


def read_limited(file, limit: int) -> bytes:
    """The whole upload, read in chunks; ``UploadTooLarge`` as soon as it passes ``limit`` bytes.

    ``file.size`` is checked first (free), then the chunks are counted, so a lying size or a
    stream without one cannot make us hold more than ``limit`` bytes.
    """
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise UploadTooLarge(size)
    if hasattr(file, "seek"):
        file.seek(0)
    chunks, total = [], 0
    reader = file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(64 * 1024), b"")
    for chunk in reader:
        total += len(chunk)
        if total > limit:
            raise UploadTooLarge(total)
        chunks.append(chunk)
    return b"".join(chunks)
