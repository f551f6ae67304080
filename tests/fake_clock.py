"""A clock tests move by hand: what Kendra timestamps read, and what moves statuses by
time (docs/progressions.md shows the same patching)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from moto.moto_api._internal import managed_state_model

from moto_kendra.backend import clock as kendra_clock


class FakeClock:
    """The time (UTC) every Kendra timestamp and time progression reads; moves only
    when a test moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start.replace(tzinfo=timezone.utc) if start.tzinfo is None else start

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.now = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def install(monkeypatch: pytest.MonkeyPatch, start: datetime) -> FakeClock:
    clock = FakeClock(start)

    class FakeDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            moment = clock.now.astimezone(timezone.utc)
            return moment.replace(tzinfo=None) if tz is None else moment.astimezone(tz)

    monkeypatch.setattr(managed_state_model, "datetime", FakeDatetime)
    monkeypatch.setattr(kendra_clock, "datetime", FakeDatetime)
    return clock
