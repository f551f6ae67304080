"""Scripted sync outcomes: how the next sync jobs end, set from tests.

A ``SyncOutcome`` says how a sync job ends once it reaches its end (a connector job
after SYNCING_INDEXING, a CUSTOM job after StopDataSourceSyncJob): its Status, the
error fields, and metrics that replace the computed ones member by member. Every value
is checked against botocore's Kendra model when the outcome is made, so a misspelt
ErrorCode fails where it is written, not as a silently passing test.

``Outcomes`` holds the scripts of one backend: per data source or for all of them, for
the next N jobs or until cleared. The backend takes one when a job starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..backend.sync_jobs import END_STATUSES, METRIC_NAMES
from ..spec.checks import shape_violations
from ..spec.service import service_model
from .faults import check_times

_FIELD_KEYWORDS = {
    "status": "Status",
    "error_code": "ErrorCode",
    "error_message": "ErrorMessage",
    "data_source_error_code": "DataSourceErrorCode",
}


@dataclass(frozen=True)
class SyncOutcome:
    """How a sync job ends. Build it with keywords only; values are checked at once.

    ``metrics`` maps DataSourceSyncJobMetrics members (DocumentsAdded, ...) to
    non-negative integers; the members it leaves out keep their computed values.
    """

    status: str
    error_code: str | None
    error_message: str | None
    data_source_error_code: str | None
    metrics: Mapping[str, int]

    def __init__(
        self,
        *,
        status: str = "SUCCEEDED",
        error_code: str | None = None,
        error_message: str | None = None,
        data_source_error_code: str | None = None,
        metrics: Mapping[str, int | str] | None = None,
    ) -> None:
        values = {
            "status": status,
            "error_code": error_code,
            "error_message": error_message,
            "data_source_error_code": data_source_error_code,
        }
        if status not in END_STATUSES:
            raise ValueError(
                f"status must be one of {', '.join(END_STATUSES)} (the statuses a sync "
                f"job ends in), not {status!r}"
            )
        checked_metrics = _check_metrics(metrics or {})
        wire: dict[str, Any] = {
            _FIELD_KEYWORDS[key]: value for key, value in values.items() if value is not None
        }
        wire["Metrics"] = {name: str(value) for name, value in checked_metrics.items()}
        errors = shape_violations(service_model().shape_for("DataSourceSyncJob"), wire)
        if errors:
            raise ValueError(
                "The sync outcome doesn't fit Kendra's DataSourceSyncJob: " + "; ".join(errors)
            )
        for key, value in values.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "metrics", checked_metrics)

    def to_dict(self) -> dict[str, Any]:
        """The outcome as the model spells it (what ``SyncJob.outcome`` reads)."""
        result: dict[str, Any] = {"Status": self.status}
        for key, name in _FIELD_KEYWORDS.items():
            value = getattr(self, key)
            if value is not None:
                result[name] = value
        if self.metrics:
            result["Metrics"] = dict(self.metrics)
        return result

    def keywords(self) -> dict[str, Any]:
        """The keywords this outcome was made with (JSON-friendly)."""
        result: dict[str, Any] = {
            key: getattr(self, key) for key in _FIELD_KEYWORDS if getattr(self, key) is not None
        }
        if self.metrics:
            result["metrics"] = dict(self.metrics)
        return result


def _check_metrics(metrics: Mapping[str, Any]) -> dict[str, int]:
    if not isinstance(metrics, Mapping):
        raise ValueError(f"metrics must be a mapping of metric names to counts, not {metrics!r}")
    names = METRIC_NAMES
    result: dict[str, int] = {}
    for name, value in metrics.items():
        if name not in names:
            raise ValueError(
                f"{name!r} is not a sync job metric; the metrics are {', '.join(names)}"
            )
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError(f"metrics[{name!r}] must be a non-negative integer, not {value!r}")
        if isinstance(value, str):
            if not value.isdigit():
                raise ValueError(f"metrics[{name!r}] must be a non-negative integer, not {value!r}")
            value = int(value)
        if value < 0:
            raise ValueError(f"metrics[{name!r}] must be a non-negative integer, not {value!r}")
        result[name] = value
    return result


@dataclass
class _Script:
    outcome: SyncOutcome
    remaining: int | None  # None: every job until cleared


class Outcomes:
    """Outcomes waiting for the sync jobs a backend starts, per data source or for all.

    One script per target: scripting a data source (or all of them) again replaces its
    script. A job takes the script of its own data source first, then the one for all.
    """

    ALL = None

    def __init__(self) -> None:
        self._scripts: dict[str | None, _Script] = {}

    def script(
        self,
        outcome: SyncOutcome,
        *,
        data_source_id: str | None = None,
        times: int | None = None,
    ) -> None:
        """End the next ``times`` jobs (every job if None) of a data source (all if None)."""
        check_times(times)
        self._scripts[data_source_id] = _Script(outcome, times)

    def clear(self, data_source_id: str | None = None) -> None:
        """Drop the script of one data source, or (``data_source_id`` None) every script."""
        if data_source_id is None:
            self._scripts.clear()
        else:
            self._scripts.pop(data_source_id, None)

    def take(self, data_source_id: str) -> dict[str, Any] | None:
        """The outcome for a job starting now on ``data_source_id``, if one is scripted."""
        for target in (data_source_id, self.ALL):
            script = self._scripts.get(target)
            if script is None:
                continue
            if script.remaining is not None:
                script.remaining -= 1
                if script.remaining == 0:
                    del self._scripts[target]
            return script.outcome.to_dict()
        return None

    def listing(self) -> list[dict[str, Any]]:
        """The waiting scripts, JSON-friendly: keywords plus data_source_id and times."""
        return [
            {
                **script.outcome.keywords(),
                "data_source_id": target,
                "times": script.remaining,
            }
            for target, script in self._scripts.items()
        ]
