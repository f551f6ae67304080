"""Scripted sync outcomes: how the next sync jobs end, set from tests."""

from __future__ import annotations

from typing import Any


class Outcomes:
    """Outcomes waiting for the sync jobs a backend starts, per data source or for all."""

    def __init__(self) -> None:
        self._scripts: list[dict[str, Any]] = []

    def take(self, data_source_id: str) -> dict[str, Any] | None:
        """The outcome for a job starting now on ``data_source_id``, if one is scripted."""
        return None
