"""Where the test controls plug into a backend.

The backend asks its controls how a sync job that starts now ends, and whether a call
must fail before it runs. This base answers "as the rules say" and "no";
``moto_kendra.testing.controls.TestControls`` (scripted outcomes, injected faults)
replaces it, through ``KendraBackend.controls_factory``: the backend never imports the
testing layer.
"""

from __future__ import annotations

from typing import Any


class Controls:
    """No scripted outcomes and no faults."""

    def sync_outcome(self, data_source_id: str) -> dict[str, Any] | None:
        """How the sync job starting now on ``data_source_id`` ends (None: by the rules)."""
        return None

    def check_call(self, operation: str) -> None:
        """Raise the error this call of ``operation`` must fail with, if any."""
