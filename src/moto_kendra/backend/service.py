"""The Kendra backend of one account and region, and ``kendra_backends``.

``KendraBackend`` is the root of the state: its indices (which hold their data sources,
sync jobs, documents and every other per-index resource), and what every service's
backend has (``base.ServiceBackend``: tags and ARNs, NextTokens, the lock, the test
controls, snapshots). The operations live in the resource modules (``indices``,
``data_sources``, ...), each one function declared with ``@operation``; this class
doesn't grow with the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto.core.base_backend import BackendDict

from . import persistence
from .base import ServiceBackend

if TYPE_CHECKING:
    from ..testing.controls import TestControls  # noqa: F401 - named in the base class below
    from .indices import Index


class KendraBackend(ServiceBackend["TestControls"]):
    """Kendra's state in one account and region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.indices: dict[str, Index] = {}

    def reset(self) -> None:
        """moto's reset: the indices' stores free what they hold outside Python (the
        search index's SQLite databases) before the state starts over."""
        for index in list(getattr(self, "indices", {}).values()):
            index.close_stores()
        super().reset()

    def restore(self, state: Any) -> None:
        """Replace this backend's state with a snapshot's (then the search databases of
        the state it replaced are closed; a snapshot that can't be read back leaves the
        state, and its databases, as they were)."""
        with self.lock:
            replaced = list(self.indices.values())
            super().restore(state)
            for index in replaced:
                index.close_stores()


kendra_backends = BackendDict(KendraBackend, "kendra")
persistence.register_service("kendra", kendra_backends)
