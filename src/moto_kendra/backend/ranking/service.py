"""The Kendra Intelligent Ranking backend of one account and region.

``KendraRankingBackend`` holds the rescore execution plans, the tags and ARNs of
taggable resources, the NextToken key and the lock every call runs under, as
``KendraBackend`` does for Kendra. ``kendraranking_backends`` is the ``BackendDict``
moto's ``get_backend("kendra-ranking")`` finds (moto names it after the service, less
its hyphen); its regions are botocore's for ``kendra-ranking``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from moto.core.base_backend import BackendDict

from ...spec.service import KENDRA_RANKING
from .. import persistence
from ..base import ServiceBackend

if TYPE_CHECKING:
    from ...testing.controls import RankingControls  # noqa: F401 - named in the base class below
    from .plans import RescoreExecutionPlan


class KendraRankingBackend(ServiceBackend["RankingControls"]):
    """Kendra Intelligent Ranking's state in one account and region."""

    arn_service = KENDRA_RANKING

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.plans: dict[str, RescoreExecutionPlan] = {}


kendraranking_backends = BackendDict(KendraRankingBackend, KENDRA_RANKING)
persistence.register_service(KENDRA_RANKING, kendraranking_backends)
