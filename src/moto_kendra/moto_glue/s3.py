"""Reading moto's S3: what an S3 data source crawls, and what a document's S3Path names.

Relies on ``moto.s3.models.s3_backends`` (``get_bucket``, which also finds a bucket
of another account, ``MissingBucket``, ``AccessDeniedByLock``), ``FakeBucket``
(``region_name``, ``account_id``, ``keys``) and ``FakeKey`` (``etag``, ``size``,
``value``, ``metadata``; a delete marker is no object).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class S3Bucket:
    """A bucket of moto's S3: its name, the region it was created in, its owner."""

    name: str
    region: str
    account_id: str


@dataclass(frozen=True)
class S3Object:
    """An object of a bucket: its key, ETag, size in bytes and Content-Type."""

    key: str
    etag: str
    size: int
    content_type: str


def _fake_bucket(account_id: str, partition: str, bucket_name: str) -> Any:
    from moto.s3.exceptions import AccessDeniedByLock, MissingBucket
    from moto.s3.models import s3_backends

    try:
        return s3_backends[account_id][partition].get_bucket(bucket_name)
    except (MissingBucket, AccessDeniedByLock):
        return None


def _object(key: str, value: Any) -> S3Object | None:
    from moto.s3.models import FakeKey

    if not isinstance(value, FakeKey):
        return None
    content_type = value.metadata.get("Content-Type") or "binary/octet-stream"
    return S3Object(key, value.etag, value.size, str(content_type))


def find_bucket(account_id: str, partition: str, bucket_name: str) -> S3Bucket | None:
    """The bucket as ``account_id`` sees it (its own, or another account's), or None."""
    bucket = _fake_bucket(account_id, partition, bucket_name)
    if bucket is None:
        return None
    return S3Bucket(bucket.name, bucket.region_name, bucket.account_id)


def list_bucket(account_id: str, partition: str, bucket_name: str) -> list[S3Object] | None:
    """Every current object of a bucket in moto's S3; None if the bucket doesn't exist."""
    bucket = _fake_bucket(account_id, partition, bucket_name)
    if bucket is None:
        return None
    objects = (_object(key, value) for key, value in bucket.keys.items())
    return [obj for obj in objects if obj is not None]


def head_object(account_id: str, partition: str, bucket_name: str, key: str) -> S3Object | None:
    """The current object ``key`` of a bucket; None if it (or the bucket) doesn't exist."""
    bucket = _fake_bucket(account_id, partition, bucket_name)
    if bucket is None or key not in bucket.keys:
        return None
    return _object(key, bucket.keys[key])


def read_object(account_id: str, partition: str, bucket_name: str, key: str) -> bytes | None:
    """The bytes of the current object ``key``; None if it (or the bucket) doesn't exist."""
    from moto.s3.models import FakeKey

    bucket = _fake_bucket(account_id, partition, bucket_name)
    if bucket is None or key not in bucket.keys:
        return None
    value = bucket.keys[key]
    return bytes(value.value) if isinstance(value, FakeKey) else None
