"""botocore's service models for Kendra and Kendra Intelligent Ranking, loaded once."""

from __future__ import annotations

import functools

from botocore.model import ServiceModel

#: The botocore service name of Amazon Kendra.
KENDRA = "kendra"
#: The botocore service name of Amazon Kendra Intelligent Ranking.
KENDRA_RANKING = "kendra-ranking"


@functools.cache
def service_model(service: str = KENDRA) -> ServiceModel:
    """botocore's model of ``service`` (Kendra unless told otherwise), loaded once."""
    import botocore.session

    return botocore.session.get_session().get_service_model(service)
