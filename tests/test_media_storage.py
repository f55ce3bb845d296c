"""Uploaded media on S3-compatible object storage, against moto's S3 server on a free loopback port."""

import socket
from io import BytesIO

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import override_settings
from django.utils.functional import empty
from PIL import Image
from sorl.thumbnail import default as sorl_default

from marketplace.storage import media_storage


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket_env(s3_server):
    env = {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "qhjs-media",
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    client = boto3.client(
        "s3", endpoint_url=s3_server, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    client.create_bucket(Bucket="qhjs-media")
    return env, client


def jpeg() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (800, 600), (31, 111, 74)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_without_bucket_settings_media_stay_on_local_disk():
    assert media_storage({})["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_s3_without_a_bucket_is_a_clear_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        media_storage({"MEDIA_STORAGE": "s3"})


@pytest.mark.django_db
def test_a_product_photo_and_its_thumbnail_go_to_the_bucket(bucket_env, settings):
    env, client = bucket_env
    sorl_default.storage._wrapped = empty  # sorl keeps its storage object: make it read the settings below
    storage_settings = {**settings.STORAGES, "default": media_storage(env)}
    with override_settings(STORAGES=storage_settings):
        storages._storages.clear()  # the handler caches backends; these settings name a new one
        storage = storages["default"]
        name = storage.save("images/products/tea.jpg", ContentFile(jpeg()))
        keys = [item["Key"] for item in client.list_objects_v2(Bucket="qhjs-media")["Contents"]]
        assert name in keys
        assert storage.url(name) == f"{env['AWS_S3_ENDPOINT_URL']}/qhjs-media/{name}"
        assert "Signature" not in storage.url(name)  # plain URLs: cached pages stay valid

        from sorl.thumbnail import get_thumbnail

        thumb = get_thumbnail(name, "480x480", crop="center", format="WEBP")
        assert thumb.storage.exists(thumb.name)
        keys = [item["Key"] for item in client.list_objects_v2(Bucket="qhjs-media")["Contents"]]
        assert thumb.name in keys
    storages._storages.clear()
    sorl_default.storage._wrapped = empty
