"""Private documents: business licences, certificate scans, application files.

They are personal and commercial data, so they are stored on their own storage
(``STORAGES["private"]``: a folder outside MEDIA_ROOT that no web server serves; in production
a private bucket), under random names (``RandomName``: no original file name, nothing to
guess), and read only through views that check the owner or staff and then call ``serve``.
"""

import uuid
from pathlib import PurePath

from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible


def private_storage() -> Storage:
    """The storage of private documents (a callable, so tests and settings can swap it)."""
    return storages["private"]


@deconstructible
class RandomName:
    """``upload_to`` for private files: ``<folder>/<yyyy>/<mm>/<32 random hex>.<ext>``."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = PurePath(filename or "").suffix.lower().lstrip(".")[:8] or "bin"
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder


def serve(field_file, *, download_name: str) -> FileResponse:
    """Send a private file as a download, never cached by a shared cache, never sniffed into HTML."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    extension = PurePath(field_file.name).suffix.lower()
    response = FileResponse(handle, as_attachment=True, filename=f"{download_name}{extension}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def move_to_private_storage(model, field_name: str, folder: str) -> int:
    """Data migration step: files a field stored on the public storage move to the private one.

    Each gets a random name; the public copy is deleted. Rows whose file is already private (or
    missing) are left as they are. Returns how many files moved.
    """
    public, private = storages["default"], private_storage()
    moved = 0
    for row in model.objects.exclude(**{field_name: ""}).exclude(**{f"{field_name}__isnull": True}):
        name = getattr(row, field_name).name
        if private.exists(name) or not public.exists(name):
            continue
        with public.open(name, "rb") as handle:
            new_name = private.save(RandomName(folder)(row, name), handle)
        model.objects.filter(pk=row.pk).update(**{field_name: new_name})
        public.delete(name)
        moved += 1
    return moved
