"""S3 data sources crawl the bucket in moto's S3.

When a sync job of an S3 data source starts, the connector lists the bucket named in
``Configuration.S3Configuration.BucketName`` in moto's S3 and keeps the objects that
pass the data source's filters (``selects``), with what their metadata files and the
access control list file say of them (``s3_files``). The backend applies the crawl
when the job reaches its end (``backend.crawls.apply_crawl``). A crawled document's id
is ``s3://<bucket>/<key>`` unless its metadata file gives a DocumentId.

The crawl fails (the job ends FAILED, ErrorCode InvalidRequest) when the bucket
doesn't exist (DataSourceErrorCode NoSuchBucket), is in another region than the index
(PermanentRedirect: "Your bucket must be in the same region as your Amazon Kendra
index", data-source-s3.md), or the ACL file is missing (NoSuchKey) or invalid.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from ..exceptions import ValidationException
from ..moto_glue import s3 as moto_s3
from . import s3_files
from .crawls import Crawl, CrawledDocument, CrawlFailure
from .globs import compile_glob, matches_glob

#: The DataSourceErrorCode of a job whose bucket doesn't exist (S3's own error code).
MISSING_BUCKET_ERROR_CODE = "NoSuchBucket"
#: ... whose bucket is in another region (S3's error for a bucket addressed there).
OTHER_REGION_ERROR_CODE = "PermanentRedirect"
#: ... whose ACL file doesn't exist.
MISSING_KEY_ERROR_CODE = "NoSuchKey"


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
    not indexed, even if it is included. Metadata files and the access control list
    file are never documents.
    """
    prefixes = configuration.get("InclusionPrefixes") or []
    if prefixes and not any(key.startswith(prefix) for prefix in prefixes):
        return False
    patterns = configuration.get("InclusionPatterns") or []
    if patterns and not any(matches_glob(pattern, key) for pattern in patterns):
        return False
    if any(matches_glob(pattern, key) for pattern in configuration.get("ExclusionPatterns") or []):
        return False
    if s3_files.is_metadata_file(configuration, key):
        return False
    return s3_files.acl_file(configuration) != (configuration["BucketName"], key)


def document_id(bucket: str, key: str) -> str:
    return f"s3://{bucket}/{key}"


def _failure(message: str, data_source_error_code: str | None) -> Crawl:
    return Crawl(failure=CrawlFailure("InvalidRequest", message, data_source_error_code))


def _acl_rules(
    configuration: dict[str, Any], account_id: str, partition: str
) -> list[s3_files.AclRule] | Crawl:
    """The ACL file's rules, or the failed crawl it makes."""
    location = s3_files.acl_file(configuration)
    if location is None:
        return []
    bucket, key = location
    body = moto_s3.read_object(account_id, partition, bucket, key)
    uri = document_id(bucket, key)
    if body is None:
        return _failure(
            f"The access control list file {uri} (AccessControlListConfiguration.KeyPath) "
            "doesn't exist.",
            MISSING_KEY_ERROR_CODE,
        )
    try:
        return s3_files.parse_acl_file(body, configuration["BucketName"])
    except ValueError as error:
        return _failure(f"The access control list file {uri} is not valid: {error}", None)


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _document(
    configuration: dict[str, Any],
    objects: dict[str, moto_s3.S3Object],
    obj: moto_s3.S3Object,
    rules: list[s3_files.AclRule],
    read: Callable[[str], bytes | None],
) -> CrawledDocument:
    bucket = configuration["BucketName"]
    uri = document_id(bucket, obj.key)
    metadata = s3_files.DocumentMetadata()
    failure = None
    fingerprint = obj.etag
    meta_key = s3_files.metadata_key(configuration, obj.key)
    meta_obj = objects.get(meta_key)
    if meta_obj is not None:
        fingerprint += f"|{meta_obj.etag}"
        try:
            metadata = s3_files.parse_metadata(read(meta_key) or b"")
        except ValueError as error:
            failure = f"Found invalid Metadata file {document_id(bucket, meta_key)}. {error}"
    acl = metadata.access_control_list or s3_files.acl_for(rules, uri)
    if acl:
        fingerprint += f"|{_digest(acl)}"
    return CrawledDocument(
        id=metadata.document_id or uri,
        fingerprint=fingerprint,
        size=obj.size,
        bucket=bucket,
        key=obj.key,
        content_type=obj.content_type,
        title=metadata.title,
        document_content_type=metadata.content_type,
        attributes=metadata.attributes,
        access_control_list=acl,
        access_control_configuration_id=metadata.access_control_configuration_id,
        metadata_key=meta_key if meta_obj is not None else None,
        failure=failure,
    )


def crawl(
    configuration: dict[str, Any],
    data_source_id: str,
    account_id: str,
    partition: str,
    region: str,
) -> Crawl:
    """List the bucket now: the documents the sync will index when it ends."""
    bucket_name = configuration["BucketName"]
    bucket = moto_s3.find_bucket(account_id, partition, bucket_name)
    if bucket is None:
        return _failure(
            f"The S3 bucket {bucket_name} doesn't exist in account {account_id}, so "
            f"data source {data_source_id} can't crawl it.",
            MISSING_BUCKET_ERROR_CODE,
        )
    if bucket.region != region:
        return _failure(
            f"The S3 bucket {bucket_name} is in region {bucket.region}. Your bucket must "
            f"be in the same region as your Amazon Kendra index ({region}).",
            OTHER_REGION_ERROR_CODE,
        )
    rules = _acl_rules(configuration, account_id, partition)
    if isinstance(rules, Crawl):
        return rules
    objects = {
        obj.key: obj for obj in moto_s3.list_bucket(account_id, partition, bucket_name) or []
    }

    def read(key: str) -> bytes | None:
        return moto_s3.read_object(account_id, partition, bucket_name, key)

    return Crawl(
        documents=[
            _document(configuration, objects, obj, rules, read)
            for obj in objects.values()
            if selects(configuration, obj.key)
        ]
    )
