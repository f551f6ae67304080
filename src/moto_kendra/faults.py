"""Operation faults: make the next calls of an operation fail, to test retry logic."""

from __future__ import annotations

from dataclasses import dataclass

from .exceptions import FAULTS


@dataclass
class _Fault:
    error_code: str
    remaining: int | None  # None: every call until cleared


class Faults:
    """Faults waiting for the calls of one backend, per operation."""

    def __init__(self) -> None:
        self._faults: dict[str, _Fault] = {}

    def inject(self, operation: str, error_code: str, times: int | None = 1) -> None:
        """Fail the next ``times`` calls of ``operation`` (every call if None)."""
        if error_code not in FAULTS:
            raise ValueError(
                f"error_code must be one of {sorted(FAULTS)}, not {error_code!r}"
            )
        if times is not None and times < 1:
            raise ValueError(f"times must be at least 1 or None, not {times!r}")
        self._faults[operation] = _Fault(error_code, times)

    def clear(self, operation: str | None = None) -> None:
        if operation is None:
            self._faults.clear()
        else:
            self._faults.pop(operation, None)

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
