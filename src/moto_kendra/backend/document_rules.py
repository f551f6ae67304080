"""What a document put with BatchPutDocument must pass, and what decides its outcome.

Refused at once (returned in FailedDocuments, ErrorCode InvalidRequest, never indexed
nor counted): job attributes that name no sync job taking documents, neither a Blob
nor an S3Path, a Blob over 50 MB, a data source being deleted, an
AccessControlConfigurationId the index doesn't have (``access_control``).

Accepted, then failed while indexing (BatchGetDocumentStatus FAILED or UPDATE_FAILED
with FailureCode and FailureReason; DocumentsFailed for its job): an attribute the
index has no field for, or of another type (``index_fields``), and an S3Path whose
object doesn't exist in moto's S3 (FailureCode NoSuchBucket or NoSuchKey) or whose
bucket is another account's (AccessDenied) or in another region than the index
(PermanentRedirect).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..moto_glue import s3 as moto_s3
from .values import printable

if TYPE_CHECKING:
    from .data_sources import DataSource
    from .indices import Index
    from .sync_jobs import SyncJob

#: BatchPutDocument rejects a Blob larger than this (Kendra's documented limit).
MAX_BLOB_BYTES = 50 * 1024 * 1024
DATA_SOURCE_ID_ATTRIBUTE = "_data_source_id"
EXECUTION_ID_ATTRIBUTE = "_data_source_sync_job_execution_id"
#: The FailureCode of a document whose attributes or metadata the index refuses.
INVALID_REQUEST = "InvalidRequest"


@dataclass(frozen=True)
class JobTarget:
    """Which data source and sync job a put document belongs to (both None: neither)."""

    data_source_id: str | None = None
    job: SyncJob | None = None
    problem: str | None = None


def error_message(text: str) -> str:
    """A FailedDocument ErrorMessage: at most 2048 characters, none of them control or
    format characters (its model pattern is ``^\\P{C}*$``)."""
    return printable(text, 2048, "The document could not be indexed.")


def string_attribute(document: dict[str, Any], name: str) -> str | None:
    for attribute in document.get("Attributes", []):
        if attribute["Key"] == name:
            value = attribute.get("Value", {}).get("StringValue")
            return str(value) if value is not None else None
    return None


def job_target(index: Index, document: dict[str, Any]) -> JobTarget:
    """The CUSTOM sync job a document is sent with (data-source-custom.md), or why it
    can't be. ``_data_source_id`` alone counts toward the data source's running job
    (API_Document.md: "Amazon Kendra will use the ID of a running sync job")."""
    data_source_id = string_attribute(document, DATA_SOURCE_ID_ATTRIBUTE)
    execution_id = string_attribute(document, EXECUTION_ID_ATTRIBUTE)
    if data_source_id is None and execution_id is None:
        return JobTarget()
    if data_source_id is None:
        return JobTarget(
            problem=f"A document sent with {EXECUTION_ID_ATTRIBUTE} also needs "
            f"{DATA_SOURCE_ID_ATTRIBUTE}, the data source of that sync job."
        )
    data_source = index.data_sources.get(data_source_id)
    if data_source is None:
        return JobTarget(problem=f"Data source {data_source_id} doesn't exist in index {index.id}.")
    if not data_source.is_custom:
        return JobTarget(
            data_source_id,
            problem=f"Data source {data_source_id} is of type {data_source.type}; only "
            "CUSTOM data sources take documents through this API.",
        )
    if data_source.deleting:
        return JobTarget(data_source_id, problem=f"Data source {data_source_id} is being deleted.")
    if execution_id is None:
        latest = data_source.latest_job()
        if latest is None or not latest.accepts_documents:
            return JobTarget(
                data_source_id,
                problem=f"Data source {data_source_id} has no sync job running to take the "
                f"document: start one, or send {EXECUTION_ID_ATTRIBUTE} with a running "
                "job's execution id.",
            )
        return JobTarget(data_source_id, latest)
    job = data_source.history.by_id.get(execution_id)
    problem = job_problem(data_source, execution_id, job)
    if problem is not None:
        return JobTarget(data_source_id, problem=problem)
    return JobTarget(data_source_id, job)


def job_problem(data_source: DataSource, execution_id: str, job: SyncJob | None) -> str | None:
    """Why the sync job ``execution_id`` of ``data_source`` takes no documents now."""
    if job is None:
        return f"Sync job {execution_id} doesn't exist for data source {data_source.id}."
    if not data_source.is_custom:
        return (
            f"Data source {data_source.id} is of type {data_source.type}; only CUSTOM "
            "data sources take documents through this API."
        )
    if not job.accepts_documents:
        return f"Sync job {execution_id} has been stopped; its execution id is no longer valid."
    return None


def blob_size(document: dict[str, Any]) -> int:
    blob = document.get("Blob")
    if not blob:
        return 0
    # The Blob arrives base64-encoded; its decoded size is 3/4 of that, less padding
    # (at most two "=", which validation checked).
    padding = 2 if blob.endswith("==") else 1 if blob.endswith("=") else 0
    return (len(blob) * 3) // 4 - padding


def content_problem(document: dict[str, Any]) -> str | None:
    """Why a document is refused at once for its content."""
    if document.get("Blob") is None and document.get("S3Path") is None:
        return f"Document {document['Id']} has neither a Blob nor an S3Path to index."
    if blob_size(document) > MAX_BLOB_BYTES:
        return (
            f"Document {document['Id']} is larger than the {MAX_BLOB_BYTES} bytes "
            "Amazon Kendra accepts in a Blob."
        )
    return None


def s3_object(
    index: Index, path: dict[str, str]
) -> tuple[moto_s3.S3Object | None, tuple[str, str] | None]:
    """The object an S3Path names, or (None, its FailureCode and FailureReason)."""
    backend = index.backend
    bucket_name, key = path["Bucket"], path["Key"]
    uri = f"s3://{bucket_name}/{key}"
    bucket = moto_s3.find_bucket(backend.account_id, backend.partition, bucket_name)
    if bucket is None:
        return None, ("NoSuchBucket", f"The S3 bucket {bucket_name} of {uri} doesn't exist.")
    if bucket.account_id != backend.account_id:
        return None, (
            "AccessDenied",
            f"The S3 bucket {bucket_name} of {uri} belongs to another account than "
            f"the index ({backend.account_id}).",
        )
    if bucket.region != backend.region_name:
        return None, (
            "PermanentRedirect",
            f"The S3 bucket {bucket_name} of {uri} is in region {bucket.region}. Your "
            f"bucket must be in the same region as your Amazon Kendra index "
            f"({backend.region_name}).",
        )
    found = moto_s3.head_object(backend.account_id, backend.partition, bucket_name, key)
    if found is None:
        return None, ("NoSuchKey", f"The S3 object {uri} doesn't exist.")
    return found, None
