"""What every service's per account/region backend is: ``ServiceBackend``.

Kendra's and Kendra Intelligent Ranking's backends share it: the tags and ARNs of
taggable resources, the NextToken key, the lock every call runs under, the test
controls the layer above plugs in (``controls_factory``), and ``snapshot``/``restore``
for state that survives a restart (``persistence``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar, cast

from moto.core.base_backend import BaseBackend
from moto.utilities.tagging_service import TaggingService

from . import persistence
from .controls import Controls
from .paging import Pages

#: The type of a backend's test controls (what ``controls`` returns).
C = TypeVar("C", bound=Controls)


def _no_controls(backend: Any) -> Controls:
    return Controls()


class ServiceBackend(BaseBackend, Generic[C]):
    """One service's state in one account and region."""

    #: Makes ``controls`` when first asked for. ``import moto_kendra`` sets it to the
    #: test controls of the service (scripted outcomes, injected faults).
    controls_factory: ClassVar[Callable[[Any], Controls]] = _no_controls
    #: The service in ARNs (``kendra``, ``kendra-ranking``).
    arn_service: ClassVar[str] = "kendra"

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.tagger = TaggingService(tag_name="Tags", key_name="Key", value_name="Value")
        #: Every taggable resource by ARN (TagResource & co. find them here).
        self.arns: dict[str, Any] = {}
        self.pages = Pages()
        # Every call of this backend runs under this lock: a status read can advance
        # a progression, so reads mutate too.
        self.lock = threading.RLock()
        self._controls: Controls | None = None

    @property
    def controls(self) -> C:
        """The test controls of this backend (``moto_kendra.testing.controls``):
        scripted outcomes and injected faults. moto's reset clears them."""
        if self._controls is None:
            with self.lock:  # made once, even when two threads ask at once
                if self._controls is None:
                    self._controls = type(self).controls_factory(self)
        return cast(C, self._controls)

    @property
    def active_controls(self) -> Controls | None:
        """The controls, if a test has asked for them (None: nothing scripted)."""
        return self._controls

    def arn(self, resource_path: str) -> str:
        """The ARN of a resource of this service, account and region."""
        return (
            f"arn:{self.partition}:{self.arn_service}:{self.region_name}:"
            f"{self.account_id}:{resource_path}"
        )

    def snapshot(self) -> Any:
        """This backend's state, JSON-ready (``backend.persistence``): what a restart
        keeps. The test controls (scripted outcomes, faults) aren't state."""
        with self.lock:
            return persistence.encode_root(self)

    def restore(self, state: Any) -> None:
        """Replace this backend's state with what ``snapshot`` returned."""
        lock = self.lock
        with lock:
            persistence.decode_into(self, state)
            self.lock = lock
            self._controls = None
