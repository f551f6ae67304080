"""A compact text table of Kendra's state, for the report of a failing test.

The pytest plugin adds it as a report section ("Kendra state") when a test that used
the fixtures fails: every index with its document statistics, every data source, and
each sync job's ExecutionId, Status, times, error fields and metrics; every Kendra
Intelligent Ranking rescore execution plan. Statuses are read as the API would answer
them now (a read can move a time progression on).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..backend import kendra_backends
from ..backend.ranking import kendraranking_backends
from ..backend.ranking.plans import live_plans
from ..backend.sync_jobs import METRIC_NAMES

if TYPE_CHECKING:
    from ..backend.ranking.service import KendraRankingBackend
    from ..backend.service import KendraBackend
    from ..backend.sync_jobs import SyncJob

_JOB_COLUMNS = (
    "ExecutionId",
    "Status",
    "StartTime",
    "EndTime",
    "ErrorCode",
    "ErrorMessage",
    "DataSourceErrorCode",
    "Added",
    "Modified",
    "Deleted",
    "Failed",
    "Scanned",
)


def _time(value: datetime | None) -> str:
    return "-" if value is None else value.strftime("%H:%M:%S.%f")[:-3]


def _job_row(job: SyncJob) -> list[str]:
    status = job.status
    return [
        job.execution_id,
        status,
        _time(job.start_time),
        _time(job.end_time),
        job.error_code or "-",
        job.error_message or "-",
        job.data_source_error_code or "-",
        *(str(job.counts[name]) for name in METRIC_NAMES),
    ]


def _table(header: Iterable[str], rows: list[list[str]], indent: str) -> list[str]:
    header = list(header)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return [
        indent + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
        for row in [header, *rows]
    ]


def render_backend(backend: KendraBackend) -> list[str]:
    lines: list[str] = []
    for index in backend.indices.values():
        stats = index.statistics()["TextDocumentStatistics"]
        lines.append(
            f"index {index.id} {index.name!r} {index.status} "
            f"(documents: {stats['IndexedTextDocumentsCount']}, "
            f"bytes: {stats['IndexedTextBytes']})"
        )
        for source in index.data_sources.values():
            lines.append(f"  data source {source.id} {source.name!r} {source.type} {source.status}")
            if source.history.jobs:
                rows = [_job_row(job) for job in reversed(source.history.jobs)]
                lines.extend(_table(_JOB_COLUMNS, rows, "    "))
            else:
                lines.append("    (no sync jobs)")
    waiting: list[str] = []
    controls = backend.active_controls
    if controls is not None:
        for script in backend.controls.list_sync_outcomes():
            waiting.append(f"scripted outcome waiting: {script}")
        for fault in backend.controls.list_faults():
            waiting.append(f"fault waiting: {fault}")
    return lines + waiting


def render_ranking_backend(backend: KendraRankingBackend) -> list[str]:
    with backend.lock:
        lines = [
            f"rescore execution plan {plan.id} {plan.name!r} {plan.status}"
            for plan in live_plans(backend)
        ]
        if backend.active_controls is not None:
            lines += [f"fault waiting: {fault}" for fault in backend.controls.list_faults()]
    return lines


def render(backends: Any = None, ranking_backends: Any = None) -> str:
    """The state of every Kendra and Kendra Intelligent Ranking backend that holds
    something (account/region headed)."""
    if backends is None:
        backends = kendra_backends
    if ranking_backends is None:
        ranking_backends = kendraranking_backends
    parts: list[str] = []
    for account_id, regions in list(backends.items()):
        for region, backend in list(regions.items()):
            lines = render_backend(backend)
            if lines:
                parts.append(f"account {account_id}, region {region}:")
                parts.extend(lines)
    for account_id, regions in list(ranking_backends.items()):
        for region, ranking in list(regions.items()):
            lines = render_ranking_backend(ranking)
            if lines:
                parts.append(f"account {account_id}, region {region} (Kendra Intelligent Ranking):")
                parts.extend(lines)
    return "\n".join(parts) if parts else "(no Kendra resources)"
