"""Reading moto's S3: what an S3 data source crawls.

Relies on ``moto.s3.models.s3_backends`` (``get_bucket``, ``MissingBucket``) and
``FakeKey`` (a delete marker is no object).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class S3Object:
    key: str
    etag: str
    size: int


def list_bucket(account_id: str, partition: str, bucket_name: str) -> list[S3Object] | None:
    """Every current object of a bucket in moto's S3; None if the bucket doesn't exist."""
    from moto.s3.exceptions import MissingBucket
    from moto.s3.models import FakeKey, s3_backends

    try:
        bucket = s3_backends[account_id][partition].get_bucket(bucket_name)
    except MissingBucket:
        return None
    return [
        S3Object(key, value.etag, value.size)
        for key, value in bucket.keys.items()
        if isinstance(value, FakeKey)
    ]
