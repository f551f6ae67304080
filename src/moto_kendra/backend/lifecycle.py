"""The statuses of Kendra resources: moto's ManagedState, restarted for an update or a
deletion, and gone once a deletion has run its course.

A resource created CREATING -> ACTIVE (as its ``kendra::<resource>`` state-manager model
progresses) is restarted at an update (UPDATING -> ACTIVE, or what the file it reads
says) and at a delete (DELETING -> gone: the next read after that finds it gone, and its
module forgets it). Every restart counts its progression from now.
"""

from __future__ import annotations

from moto.moto_api._internal.managed_state_model import ManagedState

from .clock import now

#: Where a DELETING resource's progression ends: not a status of any model, the
#: resource is gone (ResourceNotFoundException).
GONE = "GONE"


class Lifecycle(ManagedState):
    """A ManagedState that can be restarted and deleted."""

    def restart(self, transitions: list[tuple[str | None, str]]) -> None:
        """Start a new progression now: its first status, counted from now."""
        self._transitions = transitions
        self._status = transitions[0][0]
        self._tick = 0
        self._time_progressed = now()

    @property
    def deleting(self) -> bool:
        """Its Delete was called: DELETING (or already gone)."""
        return self._status in ("DELETING", GONE)

    def start_deleting(self) -> None:
        """DELETING, then gone as its model progresses."""
        self.restart([("DELETING", GONE)])

    def gone(self) -> bool:
        """Whether its deletion has run its course (a read: the status may move)."""
        return self.deleting and self.status == GONE
