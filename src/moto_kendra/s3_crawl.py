"""S3 data sources crawl the bucket in moto's S3 backend.

When a sync job of an S3 data source starts, the connector lists the bucket named in
``Configuration.S3Configuration.BucketName`` in moto's S3 backend of the same account
and keeps the objects that pass the data source's filters (see ``selects``). When the
job reaches its end:

* SUCCEEDED or INCOMPLETE: the crawl is compared with what the previous successful
  crawls of the data source left in the index (document id -> ETag) and applied:
  DocumentsScanned counts the matching objects, DocumentsAdded the new keys,
  DocumentsModified the keys whose ETag changed, DocumentsDeleted the documents whose
  key is gone (or no longer passes the filters). Crawled documents are indexed with id
  ``s3://<bucket>/<key>``.
* FAILED or ABORTED: the index is left as it was and the metrics stay at zero.

Metrics are visible once the job reaches its end; while it runs they read zero. A
scripted outcome's metrics replace the computed members it names.

A bucket that doesn't exist fails the job: it ends FAILED with ErrorCode
InvalidRequest, an ErrorMessage naming the bucket and DataSourceErrorCode NoSuchBucket
(unless a scripted outcome says how the job ends).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import DataSource, Index, KendraBackend, SyncJob

#: The DataSourceErrorCode of a job whose bucket doesn't exist (S3's own error code).
MISSING_BUCKET_ERROR_CODE = "NoSuchBucket"


# -- filters --------------------------------------------------------------------


def _glob_to_regex(pattern: str) -> str:
    """The regex body for a glob: ``*`` and ``?`` stay within one path segment, ``**``
    crosses segments (``**/`` also matches no directory at all), ``{a,b}`` is an
    alternation, ``[...]`` a character class and ``!(p)`` anything but ``p``."""
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                out.append(re.escape(char))
                i += 1
                continue
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            i = end + 1
        elif char == "{":
            end = pattern.find("}", i)
            if end == -1:
                out.append(re.escape(char))
                i += 1
                continue
            options = pattern[i + 1 : end].split(",")
            out.append("(?:" + "|".join(_glob_to_regex(option) for option in options) + ")")
            i = end + 1
        elif pattern.startswith("!(", i):
            end = pattern.find(")", i)
            if end == -1:
                out.append(re.escape(char))
                i += 1
                continue
            excluded = _glob_to_regex(pattern[i + 2 : end])
            rest = _glob_to_regex(pattern[end + 1 :])
            # Whatever fills this segment, the rest of the key must not read as
            # the excluded pattern followed by the rest of the glob.
            out.append(f"(?!(?:{excluded}){rest}$)[^/]*{rest}")
            return "".join(out)
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """A glob of the S3 configuration, matched against a whole key (a leading ``/``,
    the bucket's root, is dropped)."""
    return re.compile(_glob_to_regex(pattern.lstrip("/")) + r"\Z", re.DOTALL)


def check_patterns(configuration: dict[str, Any]) -> None:
    """ValidationException for a glob of the S3 configuration that can't be read."""
    from .exceptions import ValidationException

    for member in ("InclusionPatterns", "ExclusionPatterns"):
        for pattern in configuration.get(member) or []:
            try:
                compile_glob(pattern)
            except re.error as error:
                raise ValidationException(
                    f"The pattern {pattern!r} in S3Configuration.{member} is not a valid "
                    f"glob: {error}."
                ) from None


def matches_glob(pattern: str, key: str) -> bool:
    return compile_glob(pattern).match(key) is not None


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


# -- the crawl ------------------------------------------------------------------


@dataclass(frozen=True)
class CrawledObject:
    key: str
    etag: str
    size: int


def document_id(bucket: str, key: str) -> str:
    return f"s3://{bucket}/{key}"


def list_bucket(account_id: str, partition: str, bucket_name: str) -> list[CrawledObject] | None:
    """The current objects of a bucket in moto's S3 (None if the bucket doesn't exist)."""
    from .registration import list_s3_bucket

    objects = list_s3_bucket(account_id, partition, bucket_name)
    if objects is None:
        return None
    return [CrawledObject(key, etag, size) for key, etag, size in objects]


def crawl(backend: KendraBackend, data_source: DataSource, job: SyncJob) -> None:
    """List the bucket as the job starts; apply the crawl when the job ends."""
    configuration = data_source.settings["Configuration"]["S3Configuration"]
    bucket_name = configuration["BucketName"]
    objects = list_bucket(backend.account_id, getattr(backend, "partition", "aws"), bucket_name)
    if objects is None:
        # A scripted end other than SUCCEEDED says how the job ends; else it fails.
        if job.outcome.get("Status", "SUCCEEDED") == "SUCCEEDED":
            job.fail(
                "InvalidRequest",
                f"The S3 bucket {bucket_name} doesn't exist in account "
                f"{backend.account_id}, so data source {data_source.id} can't crawl it.",
                MISSING_BUCKET_ERROR_CODE,
            )
        return
    selected = [obj for obj in objects if selects(configuration, obj.key)]

    def finish(finished: SyncJob, status: str) -> None:
        if status in ("SUCCEEDED", "INCOMPLETE"):
            apply(data_source.index, data_source.id, finished, bucket_name, selected)

    job.on_end.append(finish)


def apply(
    index: Index,
    data_source_id: str,
    job: SyncJob,
    bucket_name: str,
    objects: Iterable[CrawledObject],
) -> None:
    """Index a crawl, comparing it with the data source's documents, and count it."""
    from .models import Document

    previous = {
        doc_id: doc.fingerprint
        for doc_id, doc in index.documents.items()
        if doc.data_source_id == data_source_id
    }
    seen: set[str] = set()
    for obj in objects:
        doc_id = document_id(bucket_name, obj.key)
        seen.add(doc_id)
        job.counts["DocumentsScanned"] += 1
        if doc_id not in previous:
            job.counts["DocumentsAdded"] += 1
            status = "INDEXED"
        elif previous[doc_id] != obj.etag:
            job.counts["DocumentsModified"] += 1
            status = "UPDATED"
        else:
            continue
        index.documents[doc_id] = Document(doc_id, obj.size, data_source_id, status, obj.etag)
    for doc_id in previous:
        if doc_id not in seen:
            del index.documents[doc_id]
            job.counts["DocumentsDeleted"] += 1
