"""The Kendra Intelligent Ranking backend of one account and region.

``KendraRankingBackend`` holds the rescore execution plans, the tags and ARNs of
taggable resources, the NextToken key and the lock every call runs under, as
``KendraBackend`` does for Kendra. ``kendraranking_backends`` is the ``BackendDict``
moto's ``get_backend("kendra-ranking")`` finds (moto names it after the service, less
its hyphen); its regions are botocore's for ``kendra-ranking``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from moto.core.base_backend import BackendDict, BaseBackend
from moto.utilities.tagging_service import TaggingService

from ...spec.service import KENDRA_RANKING
from ..controls import Controls
from ..paging import Pages

if TYPE_CHECKING:
    from ...testing.controls import RankingControls
    from .plans import RescoreExecutionPlan


def _no_controls(backend: KendraRankingBackend) -> Controls:
    return Controls()


class KendraRankingBackend(BaseBackend):
    """Kendra Intelligent Ranking's state in one account and region."""

    #: Makes ``controls`` when first asked for. ``import moto_kendra`` sets it to the
    #: test controls of this service (injected faults).
    controls_factory: ClassVar[Callable[[KendraRankingBackend], Controls]] = _no_controls

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.plans: dict[str, RescoreExecutionPlan] = {}
        self.tagger = TaggingService(tag_name="Tags", key_name="Key", value_name="Value")
        #: Every taggable resource by ARN (TagResource & co. find them here).
        self.arns: dict[str, Any] = {}
        self.pages = Pages()
        # Every call runs under this lock: a status read can advance a progression.
        self.lock = threading.RLock()
        self._controls: Controls | None = None

    @property
    def controls(self) -> RankingControls:
        """The test controls of this backend: injected faults
        (``moto_kendra.testing.controls.RankingControls``). moto's reset clears them."""
        if self._controls is None:
            self._controls = type(self).controls_factory(self)
        return cast("RankingControls", self._controls)

    @property
    def active_controls(self) -> Controls | None:
        """The controls, if a test has asked for them (None: nothing injected)."""
        return self._controls

    def arn(self, resource_path: str) -> str:
        """The ARN of a Kendra Intelligent Ranking resource of this account and region."""
        return (
            f"arn:{self.partition}:{KENDRA_RANKING}:{self.region_name}:"
            f"{self.account_id}:{resource_path}"
        )


kendraranking_backends = BackendDict(KendraRankingBackend, KENDRA_RANKING)
