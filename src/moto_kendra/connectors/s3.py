"""S3 data sources crawl the bucket in moto's S3.

When a sync job of an S3 data source starts, the connector lists the bucket named in
``Configuration.S3Configuration.BucketName`` in moto's S3 of the same account and
keeps the objects that pass the data source's filters (``selects``). The backend
applies the crawl when the job reaches its end (``backend.documents.apply_crawl``).
Crawled documents have the id ``s3://<bucket>/<key>``.

A bucket that doesn't exist fails the crawl: ErrorCode InvalidRequest, an ErrorMessage
naming the bucket and DataSourceErrorCode NoSuchBucket.
"""

from __future__ import annotations

import re
from typing import Any

from ..exceptions import ValidationException
from ..moto_glue import s3 as moto_s3
from .crawls import Crawl, CrawledDocument, CrawlFailure
from .globs import compile_glob, matches_glob

#: The DataSourceErrorCode of a job whose bucket doesn't exist (S3's own error code).
MISSING_BUCKET_ERROR_CODE = "NoSuchBucket"


def check_patterns(configuration: dict[str, Any]) -> None:
    """ValidationException for a glob of the S3 configuration that can't be read."""
    for member in ("InclusionPatterns", "ExclusionPatterns"):
        for pattern in configuration.get(member) or []:
            try:
                compile_glob(pattern)
            except re.error as error:
                raise ValidationException(
                    f"The pattern {pattern!r} in S3Configuration.{member} is not a valid "
                    f"glob: {error}."
                ) from None


def selects(configuration: dict[str, Any], key: str) -> bool:
    """Whether an S3 configuration indexes the object ``key``.

    InclusionPrefixes (if any): the key starts with one of them. InclusionPatterns (if
    any): the key matches one of them. ExclusionPatterns: a key that matches one is
    not indexed, even if it is included. The metadata files under
    DocumentsMetadataConfiguration.S3Prefix and the access control list file are not
    documents.
    """
    prefixes = configuration.get("InclusionPrefixes") or []
    if prefixes and not any(key.startswith(prefix) for prefix in prefixes):
        return False
    patterns = configuration.get("InclusionPatterns") or []
    if patterns and not any(matches_glob(pattern, key) for pattern in patterns):
        return False
    if any(matches_glob(pattern, key) for pattern in configuration.get("ExclusionPatterns") or []):
        return False
    metadata_prefix = (configuration.get("DocumentsMetadataConfiguration") or {}).get("S3Prefix")
    if metadata_prefix and key.startswith(metadata_prefix):
        return False
    acl_path = (configuration.get("AccessControlListConfiguration") or {}).get("KeyPath")
    return not (acl_path and key == acl_path.lstrip("/"))


def document_id(bucket: str, key: str) -> str:
    return f"s3://{bucket}/{key}"


def crawl(
    configuration: dict[str, Any], data_source_id: str, account_id: str, partition: str
) -> Crawl:
    """List the bucket now: the documents the sync will index when it ends."""
    bucket_name = configuration["BucketName"]
    objects = moto_s3.list_bucket(account_id, partition, bucket_name)
    if objects is None:
        return Crawl(
            documents=[],
            failure=CrawlFailure(
                "InvalidRequest",
                f"The S3 bucket {bucket_name} doesn't exist in account {account_id}, so "
                f"data source {data_source_id} can't crawl it.",
                MISSING_BUCKET_ERROR_CODE,
            ),
        )
    return Crawl(
        documents=[
            CrawledDocument(document_id(bucket_name, obj.key), obj.etag, obj.size)
            for obj in objects
            if selects(configuration, obj.key)
        ]
    )
