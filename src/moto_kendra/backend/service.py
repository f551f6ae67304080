"""The Kendra backend of one account and region, and ``kendra_backends``.

``KendraBackend`` is the root of the state: its indices (which hold their data sources,
sync jobs, documents and every other per-index resource), the tags and ARNs of
taggable resources, the NextToken key and the lock every call runs under. The
operations live in the resource modules (``indices``, ``data_sources``, ...), each one
function declared with ``@operation``; this class doesn't grow with the API.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from moto.core.base_backend import BackendDict, BaseBackend
from moto.utilities.tagging_service import TaggingService

from .controls import Controls
from .paging import Pages

if TYPE_CHECKING:
    from ..testing.controls import TestControls
    from .indices import Index


def _no_controls(backend: KendraBackend) -> Controls:
    return Controls()


class KendraBackend(BaseBackend):
    """Kendra's state in one account and region."""

    #: Makes ``controls`` when first asked for. ``import moto_kendra`` sets it to the
    #: test controls (scripted sync outcomes, injected faults).
    controls_factory: ClassVar[Callable[[KendraBackend], Controls]] = _no_controls

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.indices: dict[str, Index] = {}
        self.tagger = TaggingService(tag_name="Tags", key_name="Key", value_name="Value")
        #: Every taggable resource by ARN (TagResource & co. find them here).
        self.arns: dict[str, Any] = {}
        self.pages = Pages()
        # Every call of this backend runs under this lock: a status read can advance
        # a progression, so reads mutate too.
        self.lock = threading.RLock()
        self._controls: Controls | None = None

    @property
    def controls(self) -> TestControls:
        """The test controls of this backend: scripted sync outcomes and faults
        (``moto_kendra.testing.controls.TestControls``). moto's reset clears them."""
        if self._controls is None:
            self._controls = type(self).controls_factory(self)
        return cast("TestControls", self._controls)

    @property
    def active_controls(self) -> Controls | None:
        """The controls, if a test has asked for them (None: nothing scripted)."""
        return self._controls

    def reset(self) -> None:
        """moto's reset: the indices' stores free what they hold outside Python (the
        search index's SQLite databases) before the state starts over."""
        for index in list(getattr(self, "indices", {}).values()):
            index.close_stores()
        super().reset()

    def arn(self, resource_path: str) -> str:
        """The ARN of a Kendra resource of this account and region."""
        return f"arn:{self.partition}:kendra:{self.region_name}:{self.account_id}:{resource_path}"


kendra_backends = BackendDict(KendraBackend, "kendra")
