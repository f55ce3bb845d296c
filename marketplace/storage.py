"""Where uploaded media live: local disk by default, S3-compatible object storage for N app servers.

`MEDIA_STORAGE=s3` (or just `AWS_STORAGE_BUCKET_NAME`) puts product photos, thumbnails, Wagtail
images and renditions in a bucket (AWS S3, MinIO, Ceph, Aliyun OSS, Tencent COS…) through
django-storages, so no app server keeps state on its own disk.

    MEDIA_STORAGE=s3  AWS_STORAGE_BUCKET_NAME=qhjs-media  AWS_S3_ENDPOINT_URL=https://s3.example.com
    AWS_ACCESS_KEY_ID=…  AWS_SECRET_ACCESS_KEY=…  [AWS_S3_REGION_NAME=…]  [AWS_S3_CUSTOM_DOMAIN=cdn.example.com]
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured


def media_storage(environ: Mapping[str, str]) -> dict:
    """The STORAGES["default"] entry for these environment variables."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    kind = environ.get("MEDIA_STORAGE", "s3" if bucket else "local").lower()
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {kind!r}.")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    options = {
        "bucket_name": bucket,
        # Public product photos: plain URLs (no expiring signatures), so cached pages stay valid.
        "querystring_auth": environ.get("AWS_QUERYSTRING_AUTH", "false").lower() in ("1", "true", "yes"),
        "file_overwrite": False,
        "default_acl": environ.get("AWS_DEFAULT_ACL") or None,
        "object_parameters": {"CacheControl": "public, max-age=31536000"},
    }
    for variable, option in (
        ("AWS_S3_ENDPOINT_URL", "endpoint_url"),
        ("AWS_S3_REGION_NAME", "region_name"),
        ("AWS_S3_CUSTOM_DOMAIN", "custom_domain"),
        ("AWS_ACCESS_KEY_ID", "access_key"),
        ("AWS_SECRET_ACCESS_KEY", "secret_key"),
        ("AWS_LOCATION", "location"),
    ):
        if environ.get(variable):
            options[option] = environ[variable]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
