"""Documents: BatchPutDocument, BatchDeleteDocument, BatchGetDocumentStatus.

A ``Document`` is a version of a document in an index, put through BatchPutDocument
or crawled by a connector (``crawls``). Documents are indexed asynchronously
(API_BatchPutDocument.md): a new or replaced document is PROCESSING, then reaches its
outcome (INDEXED, UPDATED, FAILED or UPDATE_FAILED) through moto's state manager,
``kendra::document`` (default: manual, one read a step). A read of a document is a
BatchGetDocumentStatus that names it, or a DescribeIndex of its index: it shows the
status, then moves the document one step. The end of the sync job a document came
with settles it at once: a job is over when its documents are indexed.

Until a replacement reaches its outcome, the version it replaces stays searchable (and
counted in IndexStatistics); after UPDATE_FAILED too. Documents sent with a CUSTOM
data source's sync job count toward its metrics (data-source-custom.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal.managed_state_model import ManagedState

from . import access_control
from . import document_rules as rules
from .indices import Index, find_index, writable_index
from .operations import Params, Result, operation
from .values import prune

if TYPE_CHECKING:
    from typing_extensions import Self

    from .service import KendraBackend
    from .sync_jobs import SyncJob

DOCUMENT_MODEL = "kendra::document"
state_manager.register_default_transition(DOCUMENT_MODEL, {"progression": "manual", "times": 1})

#: Outcomes whose version can be searched.
SEARCHABLE = frozenset({"INDEXED", "UPDATED"})


@dataclass
class DocumentContent:
    """What a version of a document holds, as a search reads it: its title, Kendra
    ContentType, attributes (name -> DocumentAttributeValue), access control lists,
    the access control configuration it names (whose lists it takes in place of its
    own: ``access_control.effective_acl``), size in bytes, and where its body is (the
    Blob as sent, base64; or an S3 object, with the object's own Content-Type)."""

    title: str | None = None
    content_type: str | None = None
    attributes: dict[str, dict[str, Any]] = field(default_factory=dict)
    access_control_list: list[dict[str, Any]] = field(default_factory=list)
    hierarchical_access_control_list: list[dict[str, Any]] = field(default_factory=list)
    access_control_configuration_id: str | None = None
    size: int = 0
    blob: str | None = None
    s3_bucket: str | None = None
    s3_key: str | None = None
    s3_content_type: str | None = None


class Document(BaseModel, ManagedState):
    """One version of a document in an index, on its way to its outcome."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        # Not in moto's dashboard registry (``BaseModel.__new__`` keeps every instance
        # until a reset): an index replaces document versions all the time, and each
        # holds its content until it is indexed.
        return object.__new__(cls)

    def __init__(
        self,
        index: Index,
        document_id: str,
        content: DocumentContent,
        *,
        data_source_id: str | None = None,
        fingerprint: str | None = None,
        replaces: Document | None = None,
        failure: tuple[str, str] | None = None,
    ) -> None:
        self.index = index
        self.id = document_id
        self.content = content
        self.data_source_id = data_source_id
        # What identifies this version (an S3 ETag, ... for crawled ones).
        self.fingerprint = fingerprint
        #: Whether it replaces a document the index holds (not one that failed).
        self.replacing = replaces is not None and replaces.outcome_or_status() != "FAILED"
        self.failure_code: str | None = failure[0] if failure else None
        self.failure_reason: str | None = failure[1] if failure else None
        if failure is not None:
            self.outcome = "UPDATE_FAILED" if self.replacing else "FAILED"
        else:
            self.outcome = "UPDATED" if self.replacing else "INDEXED"
        # The version searchable until this one is indexed.
        self.previous = replaces.searchable() if replaces is not None else None
        ManagedState.__init__(self, DOCUMENT_MODEL, [("PROCESSING", self.outcome)])

    @property
    def status(self) -> str:
        current = str(ManagedState.status.fget(self))  # type: ignore[attr-defined]
        if current != "PROCESSING" and self.index.processing.get(self.id) is self:
            self._indexed()
        return current

    @status.setter
    def status(self, value: str) -> None:
        self._status = value

    def outcome_or_status(self) -> str:
        return str(self._status)

    @property
    def metric(self) -> str:
        """The sync job metric this document counts under."""
        if self.failure_code is not None:
            return "DocumentsFailed"
        return "DocumentsModified" if self.replacing else "DocumentsAdded"

    def _indexed(self) -> None:
        if self.outcome in SEARCHABLE:
            self.previous = None
        self.index.documents.done(self)

    def settle(self) -> None:
        """Its indexing is over (its sync job ended): it has its outcome now."""
        if self._status == "PROCESSING":
            self._status = self.outcome
            if self.index.processing.get(self.id) is self:
                self._indexed()

    def searchable(self) -> Document | None:
        """The version of this document a search finds now (None: none); a read of a
        document still PROCESSING, which may move it."""
        if self._status == "PROCESSING":
            self.status  # noqa: B018 - the read moves what is due
        return self.searchable_now()

    def searchable_now(self) -> Document | None:
        """The version a search finds, by the status as it is (no read)."""
        status = self._status
        if status in SEARCHABLE:
            return self
        return None if status == "FAILED" else self.previous

    def status_entry(self) -> Result:
        """Its entry of BatchGetDocumentStatus' DocumentStatusList (a read: the status
        may move on first)."""
        status = self.status
        failed = status in ("FAILED", "UPDATE_FAILED")
        return prune(
            {
                "DocumentId": self.id,
                "DocumentStatus": status,
                "FailureCode": self.failure_code if failed else None,
                "FailureReason": self.failure_reason if failed else None,
            }
        )


def store(index: Index, document: Document) -> None:
    """Put ``document`` in the index, in place of any version with its id."""
    index.documents.put(document)


def remove(index: Index, document_id: str) -> bool:
    """Take a document out of the index; whether it was there."""
    return index.documents.remove(document_id)


def _content(
    index: Index, document: dict[str, Any]
) -> tuple[DocumentContent, tuple[str, str] | None]:
    attributes = document.get("Attributes", [])
    content = DocumentContent(
        title=document.get("Title"),
        content_type=document.get("ContentType"),
        attributes={attribute["Key"]: attribute.get("Value", {}) for attribute in attributes},
        access_control_list=list(document.get("AccessControlList", [])),
        hierarchical_access_control_list=list(document.get("HierarchicalAccessControlList", [])),
        access_control_configuration_id=document.get("AccessControlConfigurationId"),
        size=rules.blob_size(document),
        blob=document.get("Blob"),
    )
    problem = index.fields.problem(attributes)
    if problem is not None:
        return content, (rules.INVALID_REQUEST, problem)
    path = document.get("S3Path")
    if path is not None and document.get("Blob") is None:
        content.s3_bucket, content.s3_key = path["Bucket"], path["Key"]
        found, failure = rules.s3_object(index, path)
        if failure is not None:
            return content, failure
        assert found is not None
        content.size, content.s3_content_type = found.size, found.content_type
    return content, None


@operation("BatchPutDocument")
def batch_put_document(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    failed: list[Result] = []
    for document in params["Documents"]:
        target = rules.job_target(index, document)
        problem = (
            target.problem
            or rules.content_problem(document)
            or access_control.configuration_problem(
                index, document.get("AccessControlConfigurationId")
            )
        )
        if problem is not None:
            failed.append(
                prune(
                    {
                        "Id": document["Id"],
                        "DataSourceId": target.data_source_id,
                        "ErrorCode": "InvalidRequest",
                        "ErrorMessage": rules.error_message(problem),
                    }
                )
            )
            continue
        content, failure = _content(index, document)
        new = Document(
            index,
            document["Id"],
            content,
            data_source_id=target.data_source_id,
            replaces=index.documents.get(document["Id"]),
            failure=failure,
        )
        store(index, new)
        if target.job is not None:
            target.job.take(new)
    return {"FailedDocuments": failed}


@operation("BatchDeleteDocument")
def batch_delete_document(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    target = params.get("DataSourceSyncJobMetricTarget")
    job: SyncJob | None = None
    if target is not None:
        data_source = index.data_source(target["DataSourceId"])
        execution_id = target.get("DataSourceSyncJobId")
        problem = None
        if data_source.deleting:
            problem = f"Data source {data_source.id} is being deleted."
        elif execution_id is None:
            latest = data_source.latest_job()
            if latest is not None and latest.accepts_documents:
                job = latest
        else:
            job = data_source.history.by_id.get(execution_id)
            problem = rules.job_problem(data_source, execution_id, job)
        if problem is not None:
            return {
                "FailedDocuments": [
                    {
                        "Id": doc_id,
                        "DataSourceId": data_source.id,
                        "ErrorCode": "InvalidRequest",
                        "ErrorMessage": rules.error_message(problem),
                    }
                    for doc_id in params["DocumentIdList"]
                ]
            }
    for doc_id in params["DocumentIdList"]:
        if remove(index, doc_id) and job is not None:
            job.count(doc_id, "DocumentsDeleted")
    return {"FailedDocuments": []}


@operation("BatchGetDocumentStatus")
def batch_get_document_status(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    index.settle()
    statuses = []
    read: dict[str, Document] = {}
    for info in params["DocumentInfoList"]:
        document = index.documents.get(info["DocumentId"])
        if document is None:
            statuses.append({"DocumentId": info["DocumentId"], "DocumentStatus": "NOT_FOUND"})
            continue
        statuses.append(document.status_entry())
        read[document.id] = document
    for document in read.values():  # show, then advance: one step per call
        document.advance()
    return {"Errors": [], "DocumentStatusList": statuses}
