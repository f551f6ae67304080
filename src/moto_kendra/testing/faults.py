"""Operation faults: make the next calls of an operation fail, to test retry logic.

A fault makes the next N calls of one operation (or every call, until cleared) fail
with ThrottlingException, InternalServerException or AccessDeniedException. Kendra
answers them with HTTP 400, 500 and 400, the statuses the Kendra API reference gives;
Kendra Intelligent Ranking (``service="kendra-ranking"``) with the statuses its model
gives (429, 500, 403). The response layer checks for a fault before it calls the
backend, so a faulted call changes nothing. botocore's retry modes retry
ThrottlingException and HTTP 500 and give up on AccessDeniedException at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..exceptions import FAULTS
from ..spec.service import KENDRA, KENDRA_RANKING, service_model

#: The services faults can be injected into: their names in messages, and an operation
#: of each as an example.
SERVICES = {
    KENDRA: ("Kendra", "StartDataSourceSyncJob"),
    KENDRA_RANKING: ("Kendra Intelligent Ranking", "Rescore"),
}


def check_times(times: Any) -> None:
    """ValueError unless ``times`` (how often a fault fires or a sync outcome is used)
    is a positive integer, or None for every time."""
    if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
        raise ValueError(f"times must be a positive integer or None (null in JSON), not {times!r}")


@dataclass(frozen=True)
class Fault:
    """One fault to inject. Build it with keywords only; values are checked at once."""

    operation: str
    error_code: str
    times: int | None  # None: every call until cleared
    service: str  # botocore's name: kendra or kendra-ranking

    def __init__(
        self,
        *,
        operation: str,
        error_code: str = "ThrottlingException",
        times: int | None = 1,
        service: str = KENDRA,
    ) -> None:
        if service not in SERVICES:
            raise ValueError(f"service must be one of {', '.join(SERVICES)}, not {service!r}")
        model = service_model(service)
        if operation not in model.operation_names:
            raise ValueError(
                f"{operation!r} is not a {SERVICES[service][0]} operation (as botocore's model names them, e.g. {SERVICES[service][1]!r})"
            )
        if error_code not in FAULTS:
            raise ValueError(
                f"error_code must be one of {', '.join(sorted(FAULTS))}, not {error_code!r}"
            )
        errors = {shape.name for shape in model.operation_model(operation).error_shapes}
        if error_code not in errors:
            raise ValueError(
                f"{operation} can't fail with {error_code} (botocore's model lists {', '.join(sorted(errors))})"
            )
        check_times(times)
        object.__setattr__(self, "operation", operation)
        object.__setattr__(self, "error_code", error_code)
        object.__setattr__(self, "times", times)
        object.__setattr__(self, "service", service)


@dataclass
class _Fault:
    error_code: str
    remaining: int | None  # None: every call until cleared


class Faults:
    """Faults waiting for the calls of one backend (of ``service``), per operation."""

    def __init__(self, service: str = KENDRA) -> None:
        self.service = service
        self._faults: dict[str, _Fault] = {}

    def inject(self, operation: str, error_code: str, times: int | None = 1) -> None:
        """Fail the next ``times`` calls of ``operation`` (every call if None).

        Injecting for an operation again replaces its waiting fault.
        """
        fault = Fault(operation=operation, error_code=error_code, times=times, service=self.service)
        self._faults[fault.operation] = _Fault(fault.error_code, fault.times)

    def clear(self, operation: str | None = None) -> None:
        """Drop the fault of one operation, or (``operation`` None) every fault."""
        if operation is None:
            self._faults.clear()
        else:
            self._faults.pop(operation, None)

    def listing(self) -> list[dict[str, Any]]:
        """The waiting faults, JSON-friendly: operation, error_code, times (None: every call)."""
        return [
            {"operation": operation, "error_code": fault.error_code, "times": fault.remaining}
            for operation, fault in self._faults.items()
        ]

    def check(self, operation: str) -> None:
        """Raise the fault waiting for this call of ``operation``, if any."""
        fault = self._faults.get(operation)
        if fault is None:
            return
        if fault.remaining is not None:
            fault.remaining -= 1
            if fault.remaining == 0:
                del self._faults[operation]
        raise FAULTS[fault.error_code](
            f"Injected fault: {operation} fails with {fault.error_code}."
        )
