"""Operation faults: make the next calls of an operation fail, to test retry logic.

A fault makes the next N calls of one Kendra operation (or every call, until cleared)
fail with ThrottlingException (HTTP 400), InternalServerException (HTTP 500) or
AccessDeniedException (HTTP 400), the statuses the Kendra API reference gives. The
response layer checks for a fault before it calls the backend, so a faulted call
changes nothing. botocore's retry modes retry ThrottlingException and HTTP 500 and
give up on AccessDeniedException at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..exceptions import FAULTS
from ..spec.service import service_model


@dataclass(frozen=True)
class Fault:
    """One fault to inject. Build it with keywords only; values are checked at once."""

    operation: str
    error_code: str
    times: int | None  # None: every call until cleared

    def __init__(
        self,
        *,
        operation: str,
        error_code: str = "ThrottlingException",
        times: int | None = 1,
    ) -> None:
        model = service_model()
        if operation not in model.operation_names:
            raise ValueError(
                f"{operation!r} is not a Kendra operation (as botocore's model names them, e.g. 'StartDataSourceSyncJob')"
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
        if times is not None and (
            isinstance(times, bool) or not isinstance(times, int) or times < 1
        ):
            raise ValueError(f"times must be a positive integer or None, not {times!r}")
        object.__setattr__(self, "operation", operation)
        object.__setattr__(self, "error_code", error_code)
        object.__setattr__(self, "times", times)


@dataclass
class _Fault:
    error_code: str
    remaining: int | None  # None: every call until cleared


class Faults:
    """Faults waiting for the calls of one backend, per operation."""

    def __init__(self) -> None:
        self._faults: dict[str, _Fault] = {}

    def inject(self, operation: str, error_code: str, times: int | None = 1) -> None:
        """Fail the next ``times`` calls of ``operation`` (every call if None).

        Injecting for an operation again replaces its waiting fault.
        """
        fault = Fault(operation=operation, error_code=error_code, times=times)
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
