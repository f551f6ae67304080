"""Documents: BatchPutDocument, BatchDeleteDocument, BatchGetDocumentStatus, and the
documents a connector's crawl indexes (``apply_crawl``).

Documents sent with ``_data_source_id`` and ``_data_source_sync_job_execution_id``
count toward that CUSTOM data source's sync job (data-source-custom.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel

from .indices import Index, find_index
from .operations import Params, Result, operation
from .values import printable, prune

if TYPE_CHECKING:
    from ..connectors import CrawledDocument
    from .service import KendraBackend
    from .sync_jobs import SyncJob

#: BatchPutDocument rejects a Blob larger than this (Kendra's documented limit).
MAX_BLOB_BYTES = 50 * 1024 * 1024
DATA_SOURCE_ID_ATTRIBUTE = "_data_source_id"
EXECUTION_ID_ATTRIBUTE = "_data_source_sync_job_execution_id"


class Document(BaseModel):
    """A document in an index, put through BatchPutDocument or crawled by a connector."""

    def __init__(
        self,
        document_id: str,
        size: int,
        data_source_id: str | None,
        status: str,
        fingerprint: str | None = None,
    ) -> None:
        self.id = document_id
        self.size = size
        self.data_source_id = data_source_id
        self.status = status
        # What identifies this version of the document (an S3 ETag for crawled ones).
        self.fingerprint = fingerprint


def _error_message(text: str) -> str:
    """A FailedDocument ErrorMessage: at most 2048 characters, none of them control or
    format characters (its model pattern is ``^\\P{C}*$``)."""
    return printable(text, 2048, "The document could not be indexed.")


def _content_size(document: dict[str, Any]) -> int:
    blob = document.get("Blob")
    # The Blob arrives base64-encoded; its decoded size is 3/4 of that, less padding.
    return (len(blob) * 3) // 4 - blob.count("=") if blob else 0


def _content_problem(document: dict[str, Any]) -> str | None:
    if document.get("Blob") is None and document.get("S3Path") is None:
        return f"Document {document['Id']} has neither a Blob nor an S3Path to index."
    if _content_size(document) > MAX_BLOB_BYTES:
        return (
            f"Document {document['Id']} is larger than the {MAX_BLOB_BYTES} bytes "
            "Amazon Kendra accepts in a Blob."
        )
    return None


def _job_for_documents(
    index: Index, data_source_id: str | None, execution_id: str | None
) -> tuple[SyncJob | None, str | None]:
    """The CUSTOM job documents are sent with, or why they can't be."""
    if data_source_id is None and execution_id is None:
        return None, None
    if data_source_id is None or execution_id is None:
        return None, (
            f"A document sent for a sync job needs both the {DATA_SOURCE_ID_ATTRIBUTE} "
            f"and the {EXECUTION_ID_ATTRIBUTE} attributes."
        )
    data_source = index.data_sources.get(data_source_id)
    if data_source is None:
        return None, f"Data source {data_source_id} doesn't exist in index {index.id}."
    job = data_source.jobs_by_id.get(execution_id)
    if job is None:
        return None, f"Sync job {execution_id} doesn't exist for data source {data_source_id}."
    if not data_source.is_custom:
        return None, (
            f"Data source {data_source_id} is of type {data_source.type}; only CUSTOM "
            "data sources take documents through this API."
        )
    if not job.accepts_documents:
        return None, (
            f"Sync job {execution_id} has been stopped; its execution id is no longer valid."
        )
    return job, None


@operation("BatchPutDocument")
def batch_put_document(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    failed: list[Result] = []
    for document in params["Documents"]:
        doc_id = document["Id"]
        attributes = {
            attribute["Key"]: attribute.get("Value", {}).get("StringValue")
            for attribute in document.get("Attributes", [])
        }
        data_source_id = attributes.get(DATA_SOURCE_ID_ATTRIBUTE)
        job, problem = _job_for_documents(
            index, data_source_id, attributes.get(EXECUTION_ID_ATTRIBUTE)
        )
        if problem is None:
            problem = _content_problem(document)
            if problem is not None and job is not None:
                job.count(doc_id, "DocumentsFailed")
        if problem is not None:
            failed.append(
                prune(
                    {
                        "Id": doc_id,
                        # Only a real data source id: the attribute can hold anything.
                        "DataSourceId": (
                            data_source_id if data_source_id in index.data_sources else None
                        ),
                        "ErrorCode": "InvalidRequest",
                        "ErrorMessage": _error_message(problem),
                    }
                )
            )
            continue
        existed = doc_id in index.documents
        index.documents[doc_id] = Document(
            doc_id,
            _content_size(document),
            data_source_id,
            "UPDATED" if existed else "INDEXED",
        )
        if job is not None:
            job.count(doc_id, "DocumentsModified" if existed else "DocumentsAdded")
    return {"FailedDocuments": failed}


@operation("BatchDeleteDocument")
def batch_delete_document(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    target = params.get("DataSourceSyncJobMetricTarget")
    job: SyncJob | None = None
    if target is not None:
        data_source = index.data_source(target["DataSourceId"])
        execution_id = target.get("DataSourceSyncJobId")
        if execution_id is None:
            latest = data_source.latest_job()
            if latest is not None and latest.accepts_documents:
                job = latest
        else:
            job, problem = _job_for_documents(index, data_source.id, execution_id)
            if problem is not None:
                return {
                    "FailedDocuments": [
                        {
                            "Id": doc_id,
                            "DataSourceId": data_source.id,
                            "ErrorCode": "InvalidRequest",
                            "ErrorMessage": _error_message(problem),
                        }
                        for doc_id in params["DocumentIdList"]
                    ]
                }
    for doc_id in params["DocumentIdList"]:
        if index.documents.pop(doc_id, None) is not None and job is not None:
            job.count(doc_id, "DocumentsDeleted")
    return {"FailedDocuments": []}


@operation("BatchGetDocumentStatus")
def batch_get_document_status(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    index.settle()
    statuses = []
    for info in params["DocumentInfoList"]:
        document = index.documents.get(info["DocumentId"])
        statuses.append(
            {
                "DocumentId": info["DocumentId"],
                "DocumentStatus": document.status if document else "NOT_FOUND",
            }
        )
    return {"Errors": [], "DocumentStatusList": statuses}


def apply_crawl(
    index: Index,
    data_source_id: str,
    counts: dict[str, int],
    documents: Iterable[CrawledDocument],
) -> None:
    """Index a connector's crawl, comparing it with what the data source's previous
    crawls left in the index, and count it in the job's metrics: DocumentsScanned for
    every document, Added for new ids, Modified for changed fingerprints, Deleted for
    documents the crawl no longer finds (they leave the index)."""
    previous = {
        doc_id: doc.fingerprint
        for doc_id, doc in index.documents.items()
        if doc.data_source_id == data_source_id
    }
    seen: set[str] = set()
    for crawled in documents:
        seen.add(crawled.id)
        counts["DocumentsScanned"] += 1
        if crawled.id not in previous:
            counts["DocumentsAdded"] += 1
            status = "INDEXED"
        elif previous[crawled.id] != crawled.fingerprint:
            counts["DocumentsModified"] += 1
            status = "UPDATED"
        else:
            continue
        index.documents[crawled.id] = Document(
            crawled.id, crawled.size, data_source_id, status, crawled.fingerprint
        )
    for doc_id in previous:
        if doc_id not in seen:
            del index.documents[doc_id]
            counts["DocumentsDeleted"] += 1
