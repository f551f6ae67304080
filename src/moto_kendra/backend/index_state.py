"""What an index keeps to answer reads without scanning everything it holds.

- ``OpenJobs``: its sync jobs that haven't ended, and which of them a read could move
  now: under a manual progression only the jobs listed often enough since their last
  step, under a time progression only those whose time has come (a heap by due time),
  under ``immediate`` every one (each ends at that read and leaves). A CUSTOM job
  SYNCING until its Stop never moves by being read. DescribeIndex and
  BatchGetDocumentStatus settle an index's jobs (a finished crawl indexes its
  documents): with 100,000 never-listed open jobs that costs what it costs with 1,000.
- ``IndexedDocuments``: its documents by id, with running totals of the searchable
  ones (count and bytes, IndexStatistics), kept as documents are put, removed or reach
  their outcome (``recount``), instead of a sum over every document at each read.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")


def pop_compact(mapping: dict[_K, _V], key: _K) -> _V | None:
    """``mapping.pop(key, None)``, and a fresh table once the mapping is empty.

    A dict doesn't shrink as entries leave: iterating one that held 100,000 entries
    walks all their slots even when a few, or none, are left. Emptied, it starts over.
    """
    value = mapping.pop(key, None)
    if not mapping:
        mapping.clear()
    return value


if TYPE_CHECKING:
    from .documents import Document
    from .indices import Index
    from .sync_jobs import SyncJob

#: Run with an index and a document id whenever what of that document can be searched
#: may have changed (put, indexed, removed): the search index keeps in step here
#: (``search_index``), without scanning the documents.
SEARCHABLE_HOOKS: list[Callable[[Index, str], None]] = []


class OpenJobs(dict[str, "SyncJob"]):
    """An index's sync jobs that haven't ended, by execution id."""

    def __init__(self) -> None:
        super().__init__()
        self._listed: dict[str, SyncJob] = {}
        self._due: list[tuple[datetime, int, str]] = []
        self._due_seconds: float | None = None
        self._pushes = 0

    def __setitem__(self, execution_id: str, job: SyncJob) -> None:
        super().__setitem__(execution_id, job)
        if self._due_seconds is not None:
            self._push(job, self._due_seconds)

    def pop(self, execution_id: str, default: Any = None) -> Any:
        pop_compact(self._listed, execution_id)
        value = super().pop(execution_id, default)
        if not self:
            super().clear()
            self._due.clear()
        return value

    def __delitem__(self, execution_id: str) -> None:
        if execution_id not in self:
            raise KeyError(execution_id)
        self.pop(execution_id)

    def clear(self) -> None:
        self._listed.clear()
        self._due.clear()
        super().clear()

    def listed(self, job: SyncJob) -> None:
        """``job`` was read by a listing (``advance``): a manual progression may move it."""
        if job.execution_id in self:
            self._listed[job.execution_id] = job

    def _push(self, job: SyncJob, seconds: float) -> None:
        self._pushes += 1
        due = job.moved_at + timedelta(seconds=seconds)
        heapq.heappush(self._due, (due, self._pushes, job.execution_id))

    def movable(self, transition: dict[str, Any], now: datetime) -> list[SyncJob]:
        """The open jobs a read could move under ``transition`` at ``now``."""
        progression = transition["progression"]
        if progression == "manual":
            times = transition["times"]
            movable = []
            for execution_id, job in list(self._listed.items()):
                if job.ticks >= times:
                    movable.append(job)
                elif job.ticks == 0:
                    pop_compact(self._listed, execution_id)  # it stepped: listed again first
            return movable
        if progression == "time":
            seconds = float(transition["seconds"])
            if seconds != self._due_seconds:
                self._due_seconds = seconds
                self._due.clear()
                for job in self.values():
                    self._push(job, seconds)
            movable = []
            while self._due and self._due[0][0] < now:
                _, _, execution_id = heapq.heappop(self._due)
                due = self.get(execution_id)
                if due is not None:
                    movable.append(due)
            return movable
        return [job for job in self.values() if job.can_move_by_reading()]

    def read(self, jobs: list[SyncJob], transition: dict[str, Any]) -> None:
        """After ``jobs`` were read: under a time progression, the ones still open are
        due again one period after their last step."""
        if transition["progression"] == "time" and self._due_seconds is not None:
            for job in jobs:
                if job.execution_id in self:
                    self._push(job, self._due_seconds)


class IndexedDocuments(dict[str, "Document"]):
    """An index's documents by id, and running totals of the searchable versions.

    Whenever what of a document is searchable may have changed (it was put, reached its
    outcome or was removed), ``SEARCHABLE_HOOKS`` run with ``owner`` (its index).
    """

    def __init__(self, owner: Index | None = None) -> None:
        super().__init__()
        self.owner = owner
        #: Documents whose indexing hasn't reached its outcome, by id.
        self.processing: dict[str, Document] = {}
        self._counted: dict[str, int] = {}
        self.count = 0
        self.bytes = 0

    def put(self, document: Document) -> None:
        """``document`` in place of any version with its id."""
        super().__setitem__(document.id, document)
        if document.outcome_or_status() == "PROCESSING":
            self.processing[document.id] = document
        else:
            pop_compact(self.processing, document.id)
        self.recount(document.id)

    def done(self, document: Document) -> None:
        """``document`` reached its outcome: no longer processing; counted as it is now."""
        if self.processing.get(document.id) is document:
            pop_compact(self.processing, document.id)
        self.recount(document.id)

    def remove(self, document_id: str) -> bool:
        """Take a document out; whether it was there."""
        pop_compact(self.processing, document_id)
        found = super().pop(document_id, None) is not None
        self.recount(document_id)
        return found

    def recount(self, document_id: str) -> None:
        """Count what of ``document_id`` is searchable now (after it changed)."""
        document = self.get(document_id)
        version = document.searchable_now() if document is not None else None
        size = version.content.size if version is not None else None
        before = self._counted.pop(document_id, None)
        if before is not None:
            self.count -= 1
            self.bytes -= before
        if size is not None:
            self._counted[document_id] = size
            self.count += 1
            self.bytes += size
        if self.owner is not None:
            for hook in SEARCHABLE_HOOKS:
                hook(self.owner, document_id)
