"""A data source's sync history, kept for the reads ListDataSourceSyncJobs makes.

Jobs are kept oldest first (a job's sequence is its position). Besides the list, the
history keeps the jobs that haven't ended, and the sequences of the ended ones by the
status they ended in (an ended job's status never changes again), so a StatusFilter
reads only the jobs that can match, and a StartTimeFilter finds its range by binary
search while start times are in order (they are, unless a test's clock went back).
At 100,000 jobs a filter that matches nothing costs what it costs at 1,000.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from .index_state import pop_compact

if TYPE_CHECKING:
    from .sync_jobs import SyncJob


class JobHistory:
    """Every sync job of one data source, oldest first."""

    def __init__(self) -> None:
        self.jobs: list[SyncJob] = []
        self.by_id: dict[str, SyncJob] = {}
        #: The jobs that haven't ended, by execution id.
        self.open: dict[str, SyncJob] = {}
        self._ended: dict[str, list[int]] = {}
        self._starts_in_order = True

    def __len__(self) -> int:
        return len(self.jobs)

    def add(self, job: SyncJob) -> None:
        if self.jobs and job.start_time < self.jobs[-1].start_time:
            self._starts_in_order = False
        self.jobs.append(job)
        self.by_id[job.execution_id] = job
        self.open[job.execution_id] = job

    def ended(self, job: SyncJob, status: str) -> None:
        """``job`` reached its end status: file it under it."""
        pop_compact(self.open, job.execution_id)
        bisect.insort(self._ended.setdefault(status, []), job.sequence)

    def latest(self) -> SyncJob | None:
        return self.jobs[-1] if self.jobs else None

    def newest_first(
        self,
        position: int,
        status: str | None,
        after: datetime | None,
        before: datetime | None,
    ) -> Iterator[SyncJob]:
        """The jobs at or before ``position`` (a sequence), newest first, that have
        ``status`` (any if None) and started within [after, before] (open bounds if
        None). Open jobs' statuses are read as they are now."""
        if status is None:
            sequences: list[int] | range = range(len(self.jobs))
        else:
            open_matching = [job.sequence for job in self.open.values() if job.status == status]
            ended = self._ended.get(status, [])
            sequences = sorted(ended + open_matching) if open_matching else ended
        low, high = 0, bisect.bisect_right(sequences, position)
        if self._starts_in_order:
            if after is not None:
                low = self._first_at_or_after(sequences, low, high, after)
            if before is not None:
                high = self._first_after(sequences, low, high, before)
        for place in range(high - 1, low - 1, -1):
            job = self.jobs[sequences[place]]
            if after is not None and job.start_time < after:
                continue
            if before is not None and job.start_time > before:
                continue
            if status is not None and job.status != status:
                continue  # an open job that moved on since
            yield job

    def _first_at_or_after(
        self, sequences: list[int] | range, low: int, high: int, when: datetime
    ) -> int:
        while low < high:
            middle = (low + high) // 2
            if self.jobs[sequences[middle]].start_time < when:
                low = middle + 1
            else:
                high = middle
        return low

    def _first_after(
        self, sequences: list[int] | range, low: int, high: int, when: datetime
    ) -> int:
        while low < high:
            middle = (low + high) // 2
            if self.jobs[sequences[middle]].start_time <= when:
                low = middle + 1
            else:
                high = middle
        return low
