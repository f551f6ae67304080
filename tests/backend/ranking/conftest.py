"""Kendra Intelligent Ranking's tests run in every protocol botocore can speak here."""

from __future__ import annotations

from typing import Any

import pytest

from tests import ranking_calls


@pytest.fixture(params=ranking_calls.PROTOCOLS)
def ranking(request: pytest.FixtureRequest, kendra_ranking_client: Any) -> Any:
    """A kendra-ranking client in the kept mock, fresh state, speaking JSON 1.0 (botocore's
    default: the plugin's ``kendra_ranking_client``) or RPC v2 CBOR."""
    if request.param == "json":
        return kendra_ranking_client
    return ranking_calls.client(request.param)


@pytest.fixture
def plan_id(ranking: Any) -> str:
    """An ACTIVE rescore execution plan."""
    return str(ranking.create_rescore_execution_plan(Name="plan")["Id"])
