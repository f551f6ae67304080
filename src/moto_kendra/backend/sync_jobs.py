"""Sync jobs: StartDataSourceSyncJob, StopDataSourceSyncJob, ListDataSourceSyncJobs.

A ``SyncJob`` is one run of a data source (Kendra's DataSourceSyncJob). Its status
moves through moto's state manager (``kendra::sync_job``), one step per read by
default. Connector jobs: SYNCING -> SYNCING_INDEXING -> end status; Stop: STOPPING ->
ABORTED. CUSTOM jobs: SYNCING until Stop, then SYNCING_INDEXING -> end status.

The end status is decided when the job gets there: a scripted status other than
SUCCEEDED; else FAILED if the connector couldn't crawl; else INCOMPLETE if documents
failed indexing (troubleshooting-data-sources.md); else SUCCEEDED.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from ..exceptions import ConflictException, ResourceInUseException
from . import clock
from .crawls import apply_crawl, start_crawl
from .data_sources import DataSource, find_data_source
from .indices import SETTLE_HOOKS, Index
from .lifecycle import Lifecycle
from .operations import Params, Result, operation
from .values import prune

if TYPE_CHECKING:
    from ..connectors import Crawl
    from .documents import Document
    from .service import KendraBackend

SYNC_JOB_MODEL = "kendra::sync_job"
state_manager.register_default_transition(SYNC_JOB_MODEL, {"progression": "manual", "times": 1})

#: The statuses a sync job can end in (and a script may ask for).
END_STATUSES = ("SUCCEEDED", "FAILED", "INCOMPLETE", "ABORTED")
#: DataSourceSyncJobMetrics' members, in the model's order.
METRIC_NAMES = (
    "DocumentsAdded",
    "DocumentsModified",
    "DocumentsDeleted",
    "DocumentsFailed",
    "DocumentsScanned",
)
#: Where a job's progression arrives at its end, before the end status is decided.
_END = "END"
#: The statuses of a running job, which block a new start (API_StartDataSourceSyncJob.md);
#: a CUSTOM job in SYNCING_INDEXING doesn't (data-source-custom.md).
RUNNING = frozenset({"SYNCING", "SYNCING_INDEXING", "STOPPING"})
CUSTOM_RUNNING = frozenset({"SYNCING", "STOPPING"})


class SyncJob(BaseModel, Lifecycle):
    """One run of a data source sync (Kendra's DataSourceSyncJob)."""

    def __init__(
        self, data_source: DataSource, sequence: int, outcome: dict[str, Any] | None
    ) -> None:
        self.data_source = data_source
        self.sequence = sequence
        self.execution_id = str(mock_random.uuid4())
        self.start_time = clock.utcnow()
        self.end_time: datetime | None = None
        self.error_code: str | None = None
        self.error_message: str | None = None
        self.data_source_error_code: str | None = None
        self.outcome = outcome or {}
        self.counts = dict.fromkeys(METRIC_NAMES, 0)
        # Each document counts once per job (data-source-custom.md, "Viewing metrics").
        self.counted: set[str] = set()
        self.stopped = False
        # What the connector found when the job started (None: its type crawls nothing).
        self.crawl: Crawl | None = None
        # The documents sent with this CUSTOM job: their indexing ends with the job.
        self.documents: list[Document] = []
        if data_source.is_custom:
            transitions: list[tuple[str | None, str]] = [("SYNCING", "SYNCING")]
        else:
            transitions = [("SYNCING", "SYNCING_INDEXING"), ("SYNCING_INDEXING", _END)]
        ManagedState.__init__(self, SYNC_JOB_MODEL, transitions)

    # -- status ---------------------------------------------------------------

    @property
    def status(self) -> str:
        previous = self._status
        current = str(ManagedState.status.fget(self))  # type: ignore[attr-defined]
        if current != previous:
            if current == "SYNCING_INDEXING" and self.crawl is not None:
                # The crawl is listed: Kendra knows how many documents it scans.
                self.counts["DocumentsScanned"] = len(self.crawl.documents)
            if current == _END or current in END_STATUSES:
                current = self._finish(current)
        return current

    @status.setter
    def status(self, value: str) -> None:
        self._status = value

    @property
    def ticks(self) -> int:
        """How often the job was listed since its last step (moto's manual progression)."""
        return self._tick

    @property
    def ended(self) -> bool:
        return self.end_time is not None

    @property
    def moved_at(self) -> datetime:
        """When the job last stepped (moto's time progression counts from there)."""
        return self._time_progressed

    def can_move_by_reading(self) -> bool:
        """A CUSTOM job is SYNCING until its Stop, however often it is read."""
        return not (self.data_source.is_custom and not self.stopped)

    def advance(self) -> None:
        """A listing read the job: one tick of a manual progression."""
        ManagedState.advance(self)
        self.data_source.index.open_jobs.listed(self)

    def _end_status(self) -> str:
        scripted = str(self.outcome.get("Status", "SUCCEEDED"))
        if scripted != "SUCCEEDED":
            return scripted
        if self.crawl is not None and self.crawl.failure is not None:
            failure = self.crawl.failure
            self.error_code, self.error_message = failure.error_code, failure.message
            self.data_source_error_code = failure.data_source_error_code
            return "FAILED"
        return "SUCCEEDED"

    def _finish(self, reached: str) -> str:
        status = self._ending(reached)
        self.data_source.history.ended(self, status)
        return status

    def _ending(self, reached: str) -> str:
        status = self._end_status() if reached == _END else reached
        self._status = status
        self.end_time = clock.utcnow()
        self.data_source.index.open_jobs.pop(self.execution_id, None)
        crawl = self.crawl
        if crawl is not None and crawl.failure is None and status in ("SUCCEEDED", "INCOMPLETE"):
            apply_crawl(self.data_source.index, self.data_source.id, self.counts, crawl)
        for document in self.documents:
            document.settle()
        self.documents.clear()
        if status == "SUCCEEDED" and self.counts["DocumentsFailed"]:
            status = self._status = "INCOMPLETE"
        if self.stopped and not self.data_source.is_custom:
            return status  # a Stop aborts a connector job; its scripted outcome doesn't apply
        outcome = self.outcome
        self.error_code = outcome.get("ErrorCode", self.error_code)
        self.error_message = outcome.get("ErrorMessage", self.error_message)
        self.data_source_error_code = outcome.get(
            "DataSourceErrorCode", self.data_source_error_code
        )
        for name, value in outcome.get("Metrics", {}).items():
            self.counts[name] = int(value)
        return status

    @property
    def accepts_documents(self) -> bool:
        """A CUSTOM job takes BatchPutDocument/BatchDeleteDocument until it is stopped."""
        return self.data_source.is_custom and not self.stopped and not self.ended

    def running(self) -> bool:
        """Whether the job is running: a new start on its data source must wait."""
        blocking = CUSTOM_RUNNING if self.data_source.is_custom else RUNNING
        return self.status in blocking

    def stop(self) -> None:
        self.stopped = True
        if self.data_source.is_custom:
            self.restart([("SYNCING_INDEXING", _END)])
        else:
            self.restart([("STOPPING", "ABORTED")])

    def stop_if_running(self) -> bool:
        """Stop the job if there is something to stop (StopDataSourceSyncJob): a CUSTOM
        job SYNCING, a connector job SYNCING or SYNCING_INDEXING."""
        status = self.status
        if self.stopped or status not in ("SYNCING", "SYNCING_INDEXING"):
            return False
        if self.data_source.is_custom and status != "SYNCING":
            return False
        self.stop()
        return True

    # -- metrics --------------------------------------------------------------

    def count(self, document_id: str, metric: str) -> None:
        if document_id in self.counted:
            return
        self.counted.add(document_id)
        self.counts[metric] += 1

    def take(self, document: Document) -> None:
        """A document sent with this job: it counts under its outcome, and its indexing
        ends when the job does."""
        self.count(document.id, document.metric)
        self.documents.append(document)

    def metrics(self) -> dict[str, str]:
        """DataSourceSyncJobMetrics "up to now"; Kendra doesn't return DocumentsScanned
        for a CUSTOM data source (data-source-custom.md)."""
        return {
            name: str(value)
            for name, value in self.counts.items()
            if name != "DocumentsScanned" or not self.data_source.is_custom
        }

    def describe(self) -> Result:
        status = self.status
        # The error fields give the reason a job failed: they show once it is over.
        over = self.ended
        return prune(
            {
                "ExecutionId": self.execution_id,
                "StartTime": self.start_time,
                "EndTime": self.end_time,
                "Status": status,
                "ErrorCode": self.error_code if over else None,
                "ErrorMessage": self.error_message if over else None,
                "DataSourceErrorCode": self.data_source_error_code if over else None,
                "Metrics": self.metrics(),
            }
        )


def settle_open_jobs(index: Index) -> None:
    """Let an index's open jobs reach the end their progression has come to (an index
    reads them before it counts documents). Under a manual progression only a job
    listed often enough moves."""
    transition = state_manager.get_transition(SYNC_JOB_MODEL)
    movable = index.open_jobs.movable(transition, clock.now())
    for job in movable:
        job.status  # noqa: B018 - the read moves the progression
    index.open_jobs.read(movable, transition)


SETTLE_HOOKS.append(settle_open_jobs)


@operation("StartDataSourceSyncJob")
def start_data_source_sync_job(backend: KendraBackend, params: Params) -> Result:
    data_source = find_data_source(backend, params["IndexId"], params["Id"])
    data_source.index.check_writable()
    status = data_source.status
    if status != "ACTIVE":
        raise ConflictException(
            f"Data source {data_source.id} is {status}; a sync job can only start "
            "on an ACTIVE data source."
        )
    latest = data_source.latest_job()
    if latest is not None and latest.running():
        raise ResourceInUseException(
            f"Data source {data_source.id} already has a sync job "
            f"{latest.execution_id} in status {latest.status}. Wait for it to "
            "finish or stop it before starting a new one."
        )
    controls = backend.active_controls
    outcome = controls.sync_outcome(data_source.id) if controls is not None else None
    job = SyncJob(data_source, len(data_source.history), outcome)
    job.crawl = start_crawl(data_source)
    data_source.history.add(job)
    data_source.index.open_jobs[job.execution_id] = job
    return {"ExecutionId": job.execution_id}


@operation("StopDataSourceSyncJob")
def stop_data_source_sync_job(backend: KendraBackend, params: Params) -> Result:
    """Stops the running job; with nothing to stop it succeeds and changes nothing
    (connectors call Stop before every Start)."""
    data_source = find_data_source(backend, params["IndexId"], params["Id"])
    job = data_source.latest_job()
    if job is not None:
        job.stop_if_running()
    return {}


@operation("ListDataSourceSyncJobs")
def list_data_source_sync_jobs(backend: KendraBackend, params: Params) -> Result:
    data_source = find_data_source(backend, params["IndexId"], params["Id"])
    status_filter = params.get("StatusFilter")
    time_filter = params.get("StartTimeFilter") or {}
    after = time_filter.get("StartTime")
    before = time_filter.get("EndTime")
    listing = (
        f"ListDataSourceSyncJobs:{data_source.index.id}:{data_source.id}:"
        f"{status_filter}:{after}:{before}"
    )
    history = data_source.history
    # Show: every job of the data source that hasn't ended is read now (the filters
    # and the page see its status as it is).
    unread = list(history.open.values())
    for job in unread:
        job.status  # noqa: B018 - a read moves what is due
    position = backend.pages.position(listing, params.get("NextToken"))
    if position is None:
        position = len(history) - 1
    limit = params.get("MaxResults") or 10
    page: list[Result] = []
    token = None
    for job in history.newest_first(position, status_filter, after, before):
        if len(page) == limit:
            token = backend.pages.token(listing, job.sequence)
            break
        page.append(job.describe())
    # Then advance: every job of the data source that hasn't ended moves on one step,
    # those the filters or the page left out too (ended jobs can't move), so a poll on
    # a StatusFilter ends as it does against Kendra.
    for job in unread:
        job.advance()
    return prune({"History": page, "NextToken": token})
