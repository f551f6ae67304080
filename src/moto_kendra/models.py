"""The Kendra backend: indices, data sources, sync jobs and documents, per account and region.

The backend knows nothing of HTTP or JSON. Its methods take Kendra's own parameter
names (as the model spells them) and return plain dicts shaped like the model's output
members, with ``datetime`` for timestamps; the response layer puts them on the wire.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any, TypeVar, cast

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState
from moto.utilities.tagging_service import TaggingService

from . import connectors
from .exceptions import (
    ConflictException,
    ResourceAlreadyExistException,
    ResourceInUseException,
    ResourceNotFoundException,
    ResourceUnavailableException,
    ValidationException,
)
from .faults import Faults
from .outcomes import END_STATUSES, METRIC_NAMES, Outcomes, SyncOutcome

INDEX_MODEL = "kendra::index"
DATA_SOURCE_MODEL = "kendra::data_source"
SYNC_JOB_MODEL = "kendra::sync_job"

state_manager.register_default_transition(INDEX_MODEL, {"progression": "immediate"})
state_manager.register_default_transition(DATA_SOURCE_MODEL, {"progression": "immediate"})
state_manager.register_default_transition(SYNC_JOB_MODEL, {"progression": "manual", "times": 1})

#: Statuses that block a new StartDataSourceSyncJob on the same data source.
BLOCKING_STATUSES = frozenset({"SYNCING", "STOPPING"})
#: BatchPutDocument rejects a Blob larger than this (Kendra's documented limit).
MAX_BLOB_BYTES = 50 * 1024 * 1024
DATA_SOURCE_ID_ATTRIBUTE = "_data_source_id"
EXECUTION_ID_ATTRIBUTE = "_data_source_sync_job_execution_id"


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _locked(method: _Method) -> _Method:
    """Run a backend method under the backend's lock (the test controls: requests
    already run under it)."""

    @functools.wraps(method)
    def locked(self: KendraBackend, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            return method(self, *args, **kwargs)

    return cast(_Method, locked)


def _digest(listing: str) -> str:
    return hashlib.sha256(listing.encode()).hexdigest()[:16]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _prune(values: dict[str, Any]) -> dict[str, Any]:
    """Drop members that are not set, as Kendra omits them on the wire."""
    return {key: value for key, value in values.items() if value is not None}


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


class SyncJob(BaseModel, ManagedState):
    """One run of a data source sync (Kendra's DataSourceSyncJob).

    Connector jobs: SYNCING -> SYNCING_INDEXING -> end status (SUCCEEDED unless a
    scripted outcome says otherwise); Stop: STOPPING -> ABORTED.
    CUSTOM jobs: SYNCING until Stop, then SYNCING_INDEXING -> end status.
    """

    def __init__(
        self, data_source: DataSource, sequence: int, outcome: dict[str, Any] | None
    ) -> None:
        self.data_source = data_source
        self.sequence = sequence
        self.execution_id = str(mock_random.uuid4())
        self.start_time = utcnow()
        self.end_time: datetime | None = None
        self.error_code: str | None = None
        self.error_message: str | None = None
        self.data_source_error_code: str | None = None
        self.outcome = outcome or {}
        self.end_status: str = self.outcome.get("Status", "SUCCEEDED")
        self.counts = dict.fromkeys(METRIC_NAMES, 0)
        # Each document counts once per job (data-source-custom.md, "Viewing metrics").
        self.counted: set[str] = set()
        self.stopped = False
        # Called with (job, end status) when the job reaches its end, before the
        # scripted outcome is applied (a connector applies its crawl here).
        self.on_end: list[Callable[[SyncJob, str], None]] = []
        if data_source.is_custom:
            transitions: list[tuple[str | None, str]] = [("SYNCING", "SYNCING")]
        else:
            transitions = [
                ("SYNCING", "SYNCING_INDEXING"),
                ("SYNCING_INDEXING", self.end_status),
            ]
        ManagedState.__init__(self, SYNC_JOB_MODEL, transitions)

    # -- status ---------------------------------------------------------------

    @property
    def status(self) -> str:
        previous = self._status
        current = ManagedState.status.fget(self)  # type: ignore[attr-defined]
        if current != previous and current in END_STATUSES:
            self._finish(current)
        return str(current)

    @status.setter
    def status(self, value: str) -> None:
        self._status = value

    def _restart_progression(self, transitions: list[tuple[str | None, str]]) -> None:
        self._transitions = transitions
        self._status = transitions[0][0]
        self._tick = 0
        self._time_progressed = datetime.now()

    def _finish(self, status: str) -> None:
        self.end_time = utcnow()
        self.data_source.index.open_jobs.pop(self.execution_id, None)
        for hook in self.on_end:
            hook(self, status)
        if self.stopped and not self.data_source.is_custom:
            return  # a Stop aborts a connector job; its scripted outcome doesn't apply
        outcome = self.outcome
        self.error_code = outcome.get("ErrorCode", self.error_code)
        self.error_message = outcome.get("ErrorMessage", self.error_message)
        self.data_source_error_code = outcome.get(
            "DataSourceErrorCode", self.data_source_error_code
        )
        for name, value in outcome.get("Metrics", {}).items():
            self.counts[name] = int(value)

    def fail(self, error_code: str, message: str, data_source_error_code: str) -> None:
        """End the job FAILED at its next step (a connector that could not crawl)."""
        self.end_status = "FAILED"
        self.error_code = error_code
        self.error_message = message
        self.data_source_error_code = data_source_error_code
        self._transitions = [
            (status, "FAILED" if nxt in END_STATUSES else nxt) for status, nxt in self._transitions
        ]

    @property
    def ticks(self) -> int:
        """How often the job was listed since its last step (moto's manual progression)."""
        return self._tick

    @property
    def accepts_documents(self) -> bool:
        """A CUSTOM job takes BatchPutDocument/BatchDeleteDocument until it is stopped."""
        return self.data_source.is_custom and not self.stopped

    def stop(self) -> None:
        self.stopped = True
        if self.data_source.is_custom:
            self._restart_progression([("SYNCING_INDEXING", self.end_status)])
        else:
            # Aborted by the caller: a crawl failure noted for its end no longer applies.
            self.error_code = self.error_message = self.data_source_error_code = None
            self._restart_progression([("STOPPING", "ABORTED")])

    # -- metrics --------------------------------------------------------------

    def count(self, document_id: str, metric: str) -> None:
        if document_id in self.counted:
            return
        self.counted.add(document_id)
        self.counts[metric] += 1

    def describe(self) -> dict[str, Any]:
        status = self.status
        # The error fields give the reason a job failed: they show once it is over.
        over = self.end_time is not None
        return _prune(
            {
                "ExecutionId": self.execution_id,
                "StartTime": self.start_time,
                "EndTime": self.end_time,
                "Status": status,
                "ErrorCode": self.error_code if over else None,
                "ErrorMessage": self.error_message if over else None,
                "DataSourceErrorCode": self.data_source_error_code if over else None,
                "Metrics": {name: str(value) for name, value in self.counts.items()},
            }
        )


class DataSource(BaseModel, ManagedState):
    def __init__(self, index: Index, params: dict[str, Any]) -> None:
        ManagedState.__init__(self, DATA_SOURCE_MODEL, [("CREATING", "ACTIVE")])
        self.index = index
        self.id = str(mock_random.uuid4())
        self.name: str = params["Name"]
        self.type: str = params["Type"]
        self.client_token: str | None = params.get("ClientToken")
        self.settings: dict[str, Any] = {}
        self.update(params)
        self.created_at = self.updated_at = utcnow()
        self.arn = f"{index.arn}/data-source/{self.id}"
        # Every job ever started, oldest first; a job's sequence is its position.
        self.jobs: list[SyncJob] = []
        self.jobs_by_id: dict[str, SyncJob] = {}

    UPDATABLE = (
        "Name",
        "Configuration",
        "VpcConfiguration",
        "Description",
        "Schedule",
        "RoleArn",
        "LanguageCode",
        "CustomDocumentEnrichmentConfiguration",
    )

    def update(self, params: dict[str, Any]) -> None:
        for key in self.UPDATABLE:
            if key in params:
                self.settings[key] = params[key]
        self.name = self.settings["Name"]
        self.updated_at = utcnow()

    @property
    def is_custom(self) -> bool:
        return self.type == "CUSTOM"

    def latest_job(self) -> SyncJob | None:
        return self.jobs[-1] if self.jobs else None

    def describe(self) -> dict[str, Any]:
        return _prune(
            {
                "Id": self.id,
                "IndexId": self.index.id,
                "Type": self.type,
                "CreatedAt": self.created_at,
                "UpdatedAt": self.updated_at,
                "Status": self.status,
                "LanguageCode": self.settings.get("LanguageCode", "en"),
                **self.settings,
            }
        )

    def summary(self) -> dict[str, Any]:
        return {
            "Name": self.name,
            "Id": self.id,
            "Type": self.type,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "Status": self.status,
            "LanguageCode": self.settings.get("LanguageCode", "en"),
        }


class Index(BaseModel, ManagedState):
    UPDATABLE = (
        "Name",
        "RoleArn",
        "Description",
        "CapacityUnits",
        "UserTokenConfigurations",
        "UserContextPolicy",
        "UserGroupResolutionConfiguration",
    )

    def __init__(self, backend: KendraBackend, params: dict[str, Any]) -> None:
        ManagedState.__init__(self, INDEX_MODEL, [("CREATING", "ACTIVE")])
        self.id = str(mock_random.uuid4())
        self.arn = (
            f"arn:{backend.partition}:kendra:{backend.region_name}:"
            f"{backend.account_id}:index/{self.id}"
        )
        self.edition: str = params.get("Edition", "ENTERPRISE_EDITION")
        self.client_token: str | None = params.get("ClientToken")
        self.settings: dict[str, Any] = {"UserContextPolicy": "ATTRIBUTE_FILTER"}
        if "ServerSideEncryptionConfiguration" in params:
            self.settings["ServerSideEncryptionConfiguration"] = params[
                "ServerSideEncryptionConfiguration"
            ]
        if self.edition != "DEVELOPER_EDITION":
            self.settings["CapacityUnits"] = {
                "StorageCapacityUnits": 0,
                "QueryCapacityUnits": 0,
            }
        self.metadata: dict[str, dict[str, Any]] = {}
        self.update(params)
        self.created_at = self.updated_at = utcnow()
        self.data_sources: dict[str, DataSource] = {}
        self.documents: dict[str, Document] = {}
        # Sync jobs of this index that have not reached their end, by execution id.
        self.open_jobs: dict[str, SyncJob] = {}

    @property
    def name(self) -> str:
        return str(self.settings["Name"])

    def update(self, params: dict[str, Any]) -> None:
        if "CapacityUnits" in params and self.edition == "DEVELOPER_EDITION":
            raise ValidationException(
                "CapacityUnits can't be set for an index of the DEVELOPER_EDITION"
            )
        for key in self.UPDATABLE:
            if key in params:
                self.settings[key] = params[key]
        for config in params.get("DocumentMetadataConfigurationUpdates", []):
            self.metadata[config["Name"]] = config
        self.updated_at = utcnow()

    def data_source(self, data_source_id: str) -> DataSource:
        try:
            return self.data_sources[data_source_id]
        except KeyError:
            raise ResourceNotFoundException(
                f"Data source {data_source_id} doesn't exist in index {self.id}."
            ) from None

    def settle(self) -> None:
        """Let sync jobs that have reached their end apply it (a crawl indexes then):
        a job's status moves when it is read."""
        transition = state_manager.get_transition(SYNC_JOB_MODEL)
        manual_times = transition["times"] if transition["progression"] == "manual" else None
        for job in list(self.open_jobs.values()):
            # Under a manual progression a read moves only a job listed often enough.
            if manual_times is None or job.ticks >= manual_times:
                job.status  # noqa: B018 - the read moves the progression

    def statistics(self) -> dict[str, Any]:
        self.settle()
        return {
            "FaqStatistics": {"IndexedQuestionAnswersCount": 0},
            "TextDocumentStatistics": {
                "IndexedTextDocumentsCount": len(self.documents),
                "IndexedTextBytes": sum(doc.size for doc in self.documents.values()),
            },
        }

    def describe(self) -> dict[str, Any]:
        result = {
            "Id": self.id,
            "Edition": self.edition,
            "Status": self.status,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "IndexStatistics": self.statistics(),
            **self.settings,
        }
        if self.metadata:
            result["DocumentMetadataConfigurations"] = list(self.metadata.values())
        return result

    def summary(self) -> dict[str, Any]:
        return {
            "Name": self.name,
            "Id": self.id,
            "Edition": self.edition,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "Status": self.status,
        }

    def remove_documents_of(self, data_source_id: str) -> None:
        for doc_id in [
            doc_id for doc_id, doc in self.documents.items() if doc.data_source_id == data_source_id
        ]:
            del self.documents[doc_id]


class KendraBackend(BaseBackend):
    """Kendra's state in one account and region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.indices: dict[str, Index] = {}
        self.tagger = TaggingService(tag_name="Tags", key_name="Key", value_name="Value")
        # Every call of this backend runs under this lock: a status read can advance
        # a progression, so reads mutate too.
        self.lock = threading.RLock()
        # NextToken -> (listing it belongs to, position to resume from).
        # NextTokens carry their listing's digest and position, signed with this key:
        # nothing is stored per token, and a token of another backend doesn't verify.
        self._token_key = os.urandom(16)
        self.outcomes = Outcomes()
        self.faults = Faults()

    # -- test controls: scripted outcomes and faults (Python API) ---------------
    # Keyword-only and JSON-friendly, so the same calls can be exposed over HTTP for
    # moto's server mode. Bad values raise ValueError. moto's reset re-creates the
    # backend, which clears them.

    @_locked
    def script_sync_outcome(
        self,
        *,
        status: str = "SUCCEEDED",
        error_code: str | None = None,
        error_message: str | None = None,
        data_source_error_code: str | None = None,
        metrics: dict[str, int] | None = None,
        data_source_id: str | None = None,
        times: int | None = None,
    ) -> None:
        """Make sync jobs started from now on end this way when they reach their end.

        ``status`` is SUCCEEDED, FAILED, INCOMPLETE or ABORTED; ``error_code`` one of
        the model's ErrorCode values (InternalError, InvalidRequest); ``metrics`` maps
        DataSourceSyncJobMetrics members to counts that replace the computed ones (the
        members left out keep their computed values). ``data_source_id``: only jobs of
        that data source (None: every data source; a data source's own script wins).
        ``times``: the next N jobs (None: every job until cleared). Scripting the same
        target again replaces its script.
        """
        outcome = SyncOutcome(
            status=status,
            error_code=error_code,
            error_message=error_message,
            data_source_error_code=data_source_error_code,
            metrics=metrics,
        )
        if data_source_id is not None and not any(
            data_source_id in index.data_sources for index in self.indices.values()
        ):
            raise ValueError(
                f"Data source {data_source_id} doesn't exist in account "
                f"{self.account_id} and region {self.region_name}."
            )
        self.outcomes.script(outcome, data_source_id=data_source_id, times=times)

    @_locked
    def clear_sync_outcomes(self, *, data_source_id: str | None = None) -> None:
        """Drop the script of one data source, or every script (None)."""
        self.outcomes.clear(data_source_id)

    @_locked
    def list_sync_outcomes(self) -> list[dict[str, Any]]:
        """The waiting scripts: their keywords plus ``data_source_id`` and ``times``."""
        return self.outcomes.listing()

    @_locked
    def inject_fault(
        self,
        *,
        operation: str,
        error_code: str = "ThrottlingException",
        times: int | None = 1,
    ) -> None:
        """Make the next ``times`` calls of ``operation`` (None: every call) fail.

        ``operation`` as the model names it (``StartDataSourceSyncJob``);
        ``error_code``: ThrottlingException (HTTP 400), InternalServerException (HTTP
        500) or AccessDeniedException (HTTP 400). A faulted call changes nothing.
        Injecting for the same operation again replaces its fault.
        """
        self.faults.inject(operation, error_code, times)

    @_locked
    def clear_faults(self, *, operation: str | None = None) -> None:
        """Drop the fault of one operation, or every fault (None)."""
        self.faults.clear(operation)

    @_locked
    def list_faults(self) -> list[dict[str, Any]]:
        """The waiting faults: ``operation``, ``error_code`` and ``times`` left."""
        return self.faults.listing()

    # -- lookups ----------------------------------------------------------------

    def index(self, index_id: str) -> Index:
        try:
            return self.indices[index_id]
        except KeyError:
            raise ResourceNotFoundException(
                f"Index {index_id} doesn't exist in account {self.account_id} "
                f"and region {self.region_name}."
            ) from None

    def _resource(self, arn: str) -> Index | DataSource:
        parts = arn.split(":", 5)
        if len(parts) != 6 or parts[0] != "arn" or parts[2] != "kendra":
            raise ValidationException(
                f"1 validation error detected: Value '{arn}' at 'resourceARN' failed "
                "to satisfy constraint: Member must be a valid Amazon Kendra ARN"
            )
        path = parts[5].split("/")
        resource: Index | DataSource | None = None
        if parts[3] == self.region_name and parts[4] == self.account_id:
            if len(path) == 2 and path[0] == "index":
                resource = self.indices.get(path[1])
            elif len(path) == 4 and path[0] == "index" and path[2] == "data-source":
                index = self.indices.get(path[1])
                resource = index.data_sources.get(path[3]) if index else None
        if resource is None:
            raise ResourceUnavailableException(
                f"The resource {arn} doesn't exist or isn't available."
            )
        return resource

    # -- pagination -------------------------------------------------------------

    def _token_mac(self, payload: str) -> str:
        return hmac.new(self._token_key, payload.encode(), hashlib.sha256).hexdigest()[:24]

    def _issue_token(self, listing: str, position: int) -> str:
        payload = f"{position}.{_digest(listing)}"
        token = f"{payload}.{self._token_mac(payload)}".encode()
        return base64.urlsafe_b64encode(token).decode().rstrip("=")

    def _resume(self, listing: str, next_token: str | None) -> int | None:
        if next_token is None:
            return None
        try:
            padded = next_token + "=" * (-len(next_token) % 4)
            position, digest, mac = base64.urlsafe_b64decode(padded).decode().split(".")
            if digest == _digest(listing) and hmac.compare_digest(
                mac, self._token_mac(f"{position}.{digest}")
            ):
                return int(position)
        except ValueError:  # not base64, not UTF-8, not three parts, not a number
            pass
        raise ValidationException(
            "The NextToken is invalid: it was not issued for this listing. "
            "Pass the NextToken of the previous response to the same request."
        )

    def _page(
        self,
        listing: str,
        items: Sequence[Any],
        next_token: str | None,
        max_results: int | None,
        default_size: int,
    ) -> tuple[list[Any], str | None]:
        start = self._resume(listing, next_token) or 0
        end = start + (max_results or default_size)
        token = self._issue_token(listing, end) if end < len(items) else None
        return list(items[start:end]), token

    # -- indices ----------------------------------------------------------------

    def create_index(self, params: dict[str, Any]) -> dict[str, Any]:
        token = params.get("ClientToken")
        if token is not None:
            for existing in self.indices.values():
                if existing.client_token == token:
                    return {"Id": existing.id}
        index = Index(self, params)
        self.indices[index.id] = index
        if params.get("Tags"):
            self.tagger.tag_resource(index.arn, params["Tags"])
        return {"Id": index.id}

    def describe_index(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["Id"])
        result = index.describe()
        index.advance()
        return result

    def list_indices(self, params: dict[str, Any]) -> dict[str, Any]:
        page, token = self._page(
            "ListIndices",
            list(self.indices.values()),
            params.get("NextToken"),
            params.get("MaxResults"),
            100,
        )
        items = []
        for index in page:
            items.append(index.summary())
            index.advance()
        return _prune({"IndexConfigurationSummaryItems": items, "NextToken": token})

    def update_index(self, params: dict[str, Any]) -> dict[str, Any]:
        self.index(params["Id"]).update(params)
        return {}

    def delete_index(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["Id"])
        del self.indices[index.id]
        self.tagger.delete_all_tags_for_resource(index.arn)
        for data_source in index.data_sources.values():
            self.tagger.delete_all_tags_for_resource(data_source.arn)
        return {}

    # -- data sources -----------------------------------------------------------

    def create_data_source(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["IndexId"])
        token = params.get("ClientToken")
        for existing in index.data_sources.values():
            if token is not None and existing.client_token == token:
                return {"Id": existing.id}
            if existing.name == params["Name"]:
                raise ResourceAlreadyExistException(
                    f"A data source named {params['Name']} already exists in index {index.id}."
                )
        connectors.check_settings(params["Type"], params)
        data_source = DataSource(index, params)
        index.data_sources[data_source.id] = data_source
        if params.get("Tags"):
            self.tagger.tag_resource(data_source.arn, params["Tags"])
        return {"Id": data_source.id}

    def describe_data_source(self, params: dict[str, Any]) -> dict[str, Any]:
        data_source = self.index(params["IndexId"]).data_source(params["Id"])
        result = data_source.describe()
        data_source.advance()
        return result

    def list_data_sources(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["IndexId"])
        page, token = self._page(
            f"ListDataSources:{index.id}",
            list(index.data_sources.values()),
            params.get("NextToken"),
            params.get("MaxResults"),
            100,
        )
        items = []
        for data_source in page:
            items.append(data_source.summary())
            data_source.advance()
        return _prune({"SummaryItems": items, "NextToken": token})

    def update_data_source(self, params: dict[str, Any]) -> dict[str, Any]:
        data_source = self.index(params["IndexId"]).data_source(params["Id"])
        merged = {**data_source.settings, **params}
        connectors.check_settings(data_source.type, merged)
        if "Name" in params and params["Name"] != data_source.name:
            for other in data_source.index.data_sources.values():
                if other.name == params["Name"]:
                    # UpdateDataSource's model lists no ResourceAlreadyExistException.
                    raise ConflictException(
                        f"A data source named {params['Name']} already exists in "
                        f"index {data_source.index.id}."
                    )
        data_source.update(params)
        return {}

    def delete_data_source(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["IndexId"])
        data_source = index.data_source(params["Id"])
        del index.data_sources[data_source.id]
        for job in data_source.jobs:
            index.open_jobs.pop(job.execution_id, None)
        index.remove_documents_of(data_source.id)
        self.tagger.delete_all_tags_for_resource(data_source.arn)
        return {}

    # -- sync jobs --------------------------------------------------------------

    def start_data_source_sync_job(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["IndexId"])
        data_source = index.data_source(params["Id"])
        status = data_source.status
        if status != "ACTIVE":
            raise ConflictException(
                f"Data source {data_source.id} is {status}; a sync job can only start "
                "on an ACTIVE data source."
            )
        latest = data_source.latest_job()
        if latest is not None and latest.status in BLOCKING_STATUSES:
            raise ResourceInUseException(
                f"Data source {data_source.id} already has a sync job "
                f"{latest.execution_id} in status {latest.status}. Wait for it to "
                "finish or stop it before starting a new one."
            )
        job = SyncJob(
            data_source,
            len(data_source.jobs),
            self.outcomes.take(data_source.id),
        )
        connectors.run(self, data_source, job)  # before the job is recorded: it may fail
        data_source.jobs.append(job)
        data_source.jobs_by_id[job.execution_id] = job
        index.open_jobs[job.execution_id] = job
        return {"ExecutionId": job.execution_id}

    def stop_data_source_sync_job(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["IndexId"])
        data_source = index.data_source(params["Id"])
        job = data_source.latest_job()
        stoppable = {"SYNCING"} if data_source.is_custom else {"SYNCING", "SYNCING_INDEXING"}
        if job is None or job.stopped or job.status not in stoppable:
            raise ValidationException(
                f"No sync job is running for data source {data_source.id}, so there "
                "is nothing to stop."
            )
        job.stop()
        return {}

    def list_data_source_sync_jobs(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["IndexId"])
        data_source = index.data_source(params["Id"])
        status_filter = params.get("StatusFilter")
        time_filter = params.get("StartTimeFilter") or {}
        after = time_filter.get("StartTime")
        before = time_filter.get("EndTime")
        listing = (
            f"ListDataSourceSyncJobs:{index.id}:{data_source.id}:{status_filter}:{after}:{before}"
        )
        jobs = data_source.jobs
        position = self._resume(listing, params.get("NextToken"))
        if position is None:
            position = len(jobs) - 1
        limit = params.get("MaxResults") or 10

        def matches(job: SyncJob) -> bool:
            if after is not None and job.start_time < after:
                return False
            if before is not None and job.start_time > before:
                return False
            return status_filter is None or job.status == status_filter

        def newest_first(start: int) -> Iterator[SyncJob]:
            for seq in range(start, -1, -1):
                job = jobs[seq]
                if matches(job):
                    yield job

        history: list[dict[str, Any]] = []
        token = None
        for job in newest_first(position):
            if len(history) == limit:
                token = self._issue_token(listing, job.sequence)
                break
            history.append(job.describe())
            job.advance()
        return _prune({"History": history, "NextToken": token})

    # -- documents --------------------------------------------------------------

    def _job_for_documents(
        self, index: Index, data_source_id: str | None, execution_id: str | None
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
            return None, (
                f"Sync job {execution_id} doesn't exist for data source {data_source_id}."
            )
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

    def batch_put_document(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["IndexId"])
        failed: list[dict[str, Any]] = []
        for document in params["Documents"]:
            doc_id = document["Id"]
            attributes = {
                attribute["Key"]: attribute.get("Value", {}).get("StringValue")
                for attribute in document.get("Attributes", [])
            }
            data_source_id = attributes.get(DATA_SOURCE_ID_ATTRIBUTE)
            job, problem = self._job_for_documents(
                index, data_source_id, attributes.get(EXECUTION_ID_ATTRIBUTE)
            )
            if problem is None:
                problem = _content_problem(document)
                if problem is not None and job is not None:
                    job.count(doc_id, "DocumentsFailed")
            if problem is not None:
                failed.append(
                    _prune(
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

    def batch_delete_document(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["IndexId"])
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
                job, problem = self._job_for_documents(index, data_source.id, execution_id)
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

    def batch_get_document_status(self, params: dict[str, Any]) -> dict[str, Any]:
        index = self.index(params["IndexId"])
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

    # -- tags -------------------------------------------------------------------

    def tag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        resource = self._resource(params["ResourceARN"])
        tags = {**self.tagger.get_tag_dict_for_resource(resource.arn)}
        tags.update({tag["Key"]: tag["Value"] for tag in params["Tags"]})
        if len(tags) > 200:
            raise ValidationException(
                f"A resource can have at most 200 tags; {resource.arn} would have {len(tags)}."
            )
        self.tagger.tag_resource(resource.arn, params["Tags"])
        return {}

    def untag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        resource = self._resource(params["ResourceARN"])
        self.tagger.untag_resource_using_names(resource.arn, params["TagKeys"])
        return {}

    def list_tags_for_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        resource = self._resource(params["ResourceARN"])
        return self.tagger.list_tags_for_resource(resource.arn)


def _error_message(text: str) -> str:
    """A FailedDocument ErrorMessage: at most 2048 characters, none of them control or
    format characters (its model pattern is ``^\\P{C}*$``); ids from the request
    are echoed in messages and may hold any character."""
    printable = "".join(char for char in text if not unicodedata.category(char).startswith("C"))
    return printable[:2048] or "The document could not be indexed."


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


kendra_backends = BackendDict(KendraBackend, "kendra")
