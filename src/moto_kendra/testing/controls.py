"""The test controls of one backend: scripted sync outcomes and operation faults.

``backend.controls`` (``KendraBackend.controls``) is a ``TestControls``: keyword-only,
JSON-friendly methods (the HTTP control routes expose the same calls for moto's server
mode); bad values raise ``ValueError``. A Kendra Intelligent Ranking backend's
(``KendraRankingBackend.controls``) is a ``RankingControls``: its faults. moto's reset
re-creates the backends' state, which drops their controls; the pytest fixtures clear
them after every test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..backend.controls import Controls
from ..spec.service import KENDRA_RANKING
from .faults import Faults
from .outcomes import Outcomes, SyncOutcome

if TYPE_CHECKING:
    from ..backend.ranking.service import KendraRankingBackend
    from ..backend.service import KendraBackend


class FaultControls(Controls):
    """Injected faults of one backend (its ``lock`` guards them)."""

    _backend: KendraBackend | KendraRankingBackend
    faults: Faults

    def check_call(self, operation: str) -> None:
        self.faults.check(operation)

    def inject_fault(
        self,
        *,
        operation: str,
        error_code: str = "ThrottlingException",
        times: int | None = 1,
    ) -> None:
        """Make the next ``times`` calls of ``operation`` (None: every call) fail.

        ``operation`` as the service's model names it (``StartDataSourceSyncJob``,
        ``Rescore``); ``error_code``: ThrottlingException, InternalServerException or
        AccessDeniedException, with the HTTP status the service gives it (Kendra: 400,
        500, 400; Kendra Intelligent Ranking: 429, 500, 403). A faulted call changes
        nothing. Injecting for the same operation again replaces its fault.
        """
        with self._backend.lock:
            self.faults.inject(operation, error_code, times)

    def clear_faults(self, *, operation: str | None = None) -> None:
        """Drop the fault of one operation, or every fault (None)."""
        with self._backend.lock:
            self.faults.clear(operation)

    def list_faults(self) -> list[dict[str, Any]]:
        """The waiting faults: ``operation``, ``error_code`` and ``times`` left."""
        with self._backend.lock:
            return self.faults.listing()


class RankingControls(FaultControls):
    """Injected faults of one Kendra Intelligent Ranking backend."""

    def __init__(self, backend: KendraRankingBackend) -> None:
        self._backend = backend
        self.faults = Faults(KENDRA_RANKING)

    def clear(self) -> None:
        """Drop every fault."""
        with self._backend.lock:
            self.faults.clear()


class TestControls(FaultControls):
    """Scripted sync outcomes and injected faults of one Kendra backend."""

    __test__ = False  # not a pytest test class

    _backend: KendraBackend

    def __init__(self, backend: KendraBackend) -> None:
        self._backend = backend
        self.outcomes = Outcomes()
        self.faults = Faults()

    # -- what the backend asks -----------------------------------------------------

    def sync_outcome(self, data_source_id: str) -> dict[str, Any] | None:
        return self.outcomes.take(data_source_id)

    # -- the Python API --------------------------------------------------------------

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
        backend = self._backend
        with backend.lock:
            if data_source_id is not None and not any(
                data_source_id in index.data_sources for index in backend.indices.values()
            ):
                raise ValueError(
                    f"Data source {data_source_id} doesn't exist in account "
                    f"{backend.account_id} and region {backend.region_name}."
                )
            self.outcomes.script(outcome, data_source_id=data_source_id, times=times)

    def clear_sync_outcomes(self, *, data_source_id: str | None = None) -> None:
        """Drop the script of one data source, or every script (None)."""
        with self._backend.lock:
            self.outcomes.clear(data_source_id)

    def list_sync_outcomes(self) -> list[dict[str, Any]]:
        """The waiting scripts: their keywords plus ``data_source_id`` and ``times``."""
        with self._backend.lock:
            return self.outcomes.listing()

    def clear(self) -> None:
        """Drop every scripted outcome and fault."""
        with self._backend.lock:
            self.outcomes.clear()
            self.faults.clear()
