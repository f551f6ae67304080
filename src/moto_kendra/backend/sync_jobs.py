"""Sync jobs: StartDataSourceSyncJob, StopDataSourceSyncJob, ListDataSourceSyncJobs.

A ``SyncJob`` is one run of a data source (Kendra's DataSourceSyncJob). Its status
moves through moto's state manager (``kendra::sync_job``), one step per read by
default. Connector jobs: SYNCING -> SYNCING_INDEXING -> end status (SUCCEEDED unless a
scripted outcome says otherwise); Stop: STOPPING -> ABORTED. CUSTOM jobs: SYNCING
until Stop, then SYNCING_INDEXING -> end status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from .. import connectors
from ..exceptions import ConflictException, ResourceInUseException, ValidationException
from . import clock
from .data_sources import DataSource, find_data_source
from .documents import apply_crawl
from .indices import SETTLE_HOOKS, Index
from .operations import Params, Result, operation
from .values import prune

if TYPE_CHECKING:
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
#: Statuses that block a new StartDataSourceSyncJob on the same data source.
BLOCKING_STATUSES = frozenset({"SYNCING", "STOPPING"})


class SyncJob(BaseModel, ManagedState):
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
        self.end_status: str = self.outcome.get("Status", "SUCCEEDED")
        self.counts = dict.fromkeys(METRIC_NAMES, 0)
        # Each document counts once per job (data-source-custom.md, "Viewing metrics").
        self.counted: set[str] = set()
        self.stopped = False
        # Called with (job, end status) when the job reaches its end, before the
        # scripted outcome is applied (a connector's crawl is applied here).
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

    @property
    def ticks(self) -> int:
        """How often the job was listed since its last step (moto's manual progression)."""
        return self._tick

    def _restart_progression(self, transitions: list[tuple[str | None, str]]) -> None:
        self._transitions = transitions
        self._status = transitions[0][0]
        self._tick = 0
        self._time_progressed = clock.now()

    def _finish(self, status: str) -> None:
        self.end_time = clock.utcnow()
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

    def describe(self) -> Result:
        status = self.status
        # The error fields give the reason a job failed: they show once it is over.
        over = self.end_time is not None
        return prune(
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


def settle_open_jobs(index: Index) -> None:
    """Let an index's open jobs reach the end their progression has come to (an index
    reads them before it counts documents). Under a manual progression only a job
    listed often enough moves."""
    transition = state_manager.get_transition(SYNC_JOB_MODEL)
    manual_times = transition["times"] if transition["progression"] == "manual" else None
    for job in list(index.open_jobs.values()):
        if manual_times is None or job.ticks >= manual_times:
            job.status  # noqa: B018 - the read moves the progression


SETTLE_HOOKS.append(settle_open_jobs)


def _start_crawl(backend: KendraBackend, data_source: DataSource, job: SyncJob) -> None:
    """Do the crawl a starting job stands for, and apply it when the job ends."""
    crawl = connectors.crawl(
        data_source.type,
        data_source.settings,
        data_source.id,
        backend.account_id,
        backend.partition,
    )
    if crawl is None:
        return
    failure = crawl.failure
    if failure is not None:
        # A scripted end other than SUCCEEDED says how the job ends; else it fails.
        if job.outcome.get("Status", "SUCCEEDED") == "SUCCEEDED":
            job.fail(failure.error_code, failure.message, failure.data_source_error_code)
        return

    def apply(finished: SyncJob, status: str) -> None:
        if status in ("SUCCEEDED", "INCOMPLETE"):
            apply_crawl(data_source.index, data_source.id, finished.counts, crawl.documents)

    job.on_end.append(apply)


@operation("StartDataSourceSyncJob")
def start_data_source_sync_job(backend: KendraBackend, params: Params) -> Result:
    data_source = find_data_source(backend, params["IndexId"], params["Id"])
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
    controls = backend.active_controls
    outcome = controls.sync_outcome(data_source.id) if controls is not None else None
    job = SyncJob(data_source, len(data_source.jobs), outcome)
    _start_crawl(backend, data_source, job)  # before the job is recorded: it may fail
    data_source.jobs.append(job)
    data_source.jobs_by_id[job.execution_id] = job
    data_source.index.open_jobs[job.execution_id] = job
    return {"ExecutionId": job.execution_id}


@operation("StopDataSourceSyncJob")
def stop_data_source_sync_job(backend: KendraBackend, params: Params) -> Result:
    data_source = find_data_source(backend, params["IndexId"], params["Id"])
    job = data_source.latest_job()
    stoppable = {"SYNCING"} if data_source.is_custom else {"SYNCING", "SYNCING_INDEXING"}
    if job is None or job.stopped or job.status not in stoppable:
        raise ValidationException(
            f"No sync job is running for data source {data_source.id}, so there is nothing to stop."
        )
    job.stop()
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
    jobs = data_source.jobs
    position = backend.pages.position(listing, params.get("NextToken"))
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

    history: list[Result] = []
    token = None
    for job in newest_first(position):
        if len(history) == limit:
            token = backend.pages.token(listing, job.sequence)
            break
        history.append(job.describe())
        job.advance()
    return prune({"History": history, "NextToken": token})
