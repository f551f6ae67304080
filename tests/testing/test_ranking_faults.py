"""Operation faults of Kendra Intelligent Ranking: the Python API, the marker, retries
and the HTTP control route, with the statuses its model gives the errors."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_kendra.testing.faults import Fault
from tests import ranking_calls
from tests.kendra_calls import error_of

FAULTS = "http://motoapi.amazonaws.com/moto-api/kendra/faults"


def no_retries(protocol: str = "json") -> Any:
    return ranking_calls.client(
        protocol, config=Config(retries={"mode": "standard", "total_max_attempts": 1})
    )


@pytest.mark.parametrize("protocol", ranking_calls.PROTOCOLS)
@pytest.mark.parametrize(
    ("error_code", "http_status"),
    [
        ranking_calls.error("ThrottlingException"),
        ("InternalServerException", 500),
        ranking_calls.error("AccessDeniedException"),
    ],
)
def test_an_injected_fault_fails_the_next_call_with_the_models_status(
    kendra_ranking_backend, protocol, error_code, http_status
):
    kendra_ranking_backend.controls.inject_fault(
        operation="CreateRescoreExecutionPlan", error_code=error_code
    )
    client = no_retries(protocol)

    with pytest.raises(ClientError) as raised:
        client.create_rescore_execution_plan(Name="plan")

    assert error_of(raised) == (
        error_code,
        http_status,
        f"Injected fault: CreateRescoreExecutionPlan fails with {error_code}.",
    )
    # The faulted call changed nothing; the fault was for one call only.
    assert client.list_rescore_execution_plans()["SummaryItems"] == []
    assert kendra_ranking_backend.controls.list_faults() == []
    client.create_rescore_execution_plan(Name="plan")


@pytest.mark.kendra_fault(operation="Rescore", service="kendra-ranking", times=None)
@pytest.mark.kendra_fault(operation="ListTagsForResource")
def test_the_marker_injects_into_the_service_it_names(kendra_ranking_client, kendra_backend):
    plan = kendra_ranking_client.create_rescore_execution_plan(Name="plan")
    client = no_retries()

    for _ in range(2):
        with pytest.raises(ClientError) as raised:
            client.rescore(
                RescoreExecutionPlanId=plan["Id"],
                SearchQuery="q",
                Documents=[{"Id": "d", "Body": "b", "OriginalScore": 1.0}],
            )
        assert error_of(raised)[:2] == ranking_calls.error("ThrottlingException")
    # Kendra's ListTagsForResource is faulted; Kendra Intelligent Ranking's is not.
    assert client.list_tags_for_resource(ResourceARN=plan["Arn"])["Tags"] == []
    assert kendra_backend.controls.list_faults() == [
        {"operation": "ListTagsForResource", "error_code": "ThrottlingException", "times": 1}
    ]


def test_standard_retries_get_past_a_throttled_call(kendra_ranking_backend):
    kendra_ranking_backend.controls.inject_fault(
        operation="ListRescoreExecutionPlans", error_code="ThrottlingException", times=2
    )
    client = ranking_calls.client(
        "json", config=Config(retries={"mode": "standard", "max_attempts": 3})
    )

    answer = client.list_rescore_execution_plans()

    assert answer["ResponseMetadata"]["RetryAttempts"] == 2
    assert kendra_ranking_backend.controls.list_faults() == []


@pytest.mark.parametrize(
    ("keywords", "words"),
    [
        ({"operation": "StartDataSourceSyncJob"}, "not a Kendra Intelligent Ranking operation"),
        ({"operation": "Rescore", "error_code": "SlowDown"}, "error_code must be one of"),
        ({"operation": "Rescore", "times": 0}, "times must be a positive integer"),
        ({"operation": "Rescore", "service": "kendra-rank"}, "service must be one of"),
    ],
)
def test_a_fault_the_model_does_not_allow_is_refused(keywords, words):
    with pytest.raises(ValueError, match=words):
        Fault(**{"service": "kendra-ranking", **keywords})


def test_the_http_route_takes_the_service(kendra_ranking_client):
    injected = requests.post(
        FAULTS,
        json={"operation": "DescribeRescoreExecutionPlan", "service": "kendra-ranking", "times": 1},
    )
    listed_kendra = requests.get(FAULTS).json()
    listed = requests.get(f"{FAULTS}?service=kendra-ranking").json()
    with pytest.raises(ClientError) as raised:
        no_retries().describe_rescore_execution_plan(Id="0" * 36)
    outcomes = requests.get(
        "http://motoapi.amazonaws.com/moto-api/kendra/sync-outcomes?service=kendra-ranking"
    )

    assert injected.status_code == 200
    assert listed_kendra == {"faults": []}
    assert listed == {
        "faults": [
            {
                "operation": "DescribeRescoreExecutionPlan",
                "error_code": "ThrottlingException",
                "times": 1,
            }
        ]
    }
    assert error_of(raised)[:2] == ranking_calls.error("ThrottlingException")
    assert outcomes.status_code == 400
    assert "only faults" in outcomes.json()["message"]
