"""The backend's clock: every timestamp Kendra reports (CreatedAt, StartTime, ...).

One place to read the time, so a test can replace it: patch ``datetime`` here (and in
``moto.moto_api._internal.managed_state_model``, for status progressions by time).
"""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    """Now, in UTC (timezone-aware)."""
    return datetime.now(timezone.utc)


def now() -> datetime:
    """Now, naive, as moto's ManagedState reads it for time progressions."""
    return datetime.now()
