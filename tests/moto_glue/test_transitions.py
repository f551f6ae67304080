"""A malformed ``kendra::*`` transition is refused when it is set (Python and HTTP), and
one that arrives another way never makes a read fail."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_server import RunningServer, running_server

MOTO_API = "http://motoapi.amazonaws.com/moto-api/state-manager"

MALFORMED = [
    (
        {"progression": "manual"},
        "a manual progression needs times, a non-negative integer, not None",
    ),
    (
        {"progression": "manual", "times": "x"},
        "a manual progression needs times, a non-negative integer, not 'x'",
    ),
    (
        {"progression": "manual", "times": True},
        "a manual progression needs times, a non-negative integer, not True",
    ),
    ({"progression": "time"}, "a time progression needs seconds, a non-negative number, not None"),
    (
        {"progression": "time", "seconds": "abc"},
        "a time progression needs seconds, a non-negative number, not 'abc'",
    ),
    (
        {"progression": "time", "seconds": -1},
        "a time progression needs seconds, a non-negative number, not -1",
    ),
    (
        {"progression": "time", "seconds": float("inf")},
        "a time progression needs seconds, a non-negative number, not inf",
    ),
    (
        {"progression": "time", "seconds": float("nan")},
        "a time progression needs seconds, a non-negative number, not nan",
    ),
    (
        {"progression": "time", "seconds": 1e300},
        "a time progression needs seconds, at most 3153600000 (a hundred years), not 1e+300",
    ),
    (
        {"progression": "sometimes"},
        "progression must be one of immediate, manual, time, not 'sometimes'",
    ),
    ("manual", "a transition is a JSON object, not str"),
]


@pytest.mark.parametrize(("transition", "problem"), MALFORMED)
def test_the_python_route_refuses_a_malformed_transition(kendra_client, transition, problem):
    before = state_manager.get_transition("kendra::sync_job")
    with pytest.raises(ValueError) as raised:
        state_manager.set_transition("kendra::sync_job", transition)
    assert str(raised.value) == f"Invalid transition for kendra::sync_job: {problem}."
    assert state_manager.get_transition("kendra::sync_job") == before


@pytest.mark.parametrize(("transition", "problem"), MALFORMED[:3])
def test_the_http_route_refuses_a_malformed_transition_in_process(
    kendra_client, transition, problem
):
    response = requests.post(
        f"{MOTO_API}/set-transition",
        data=json.dumps({"model_name": "kendra::index", "transition": transition}),
        timeout=30,
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "InvalidTransition",
        "message": f"Invalid transition for kendra::index: {problem}.",
    }
    assert state_manager.get_transition("kendra::index") == {"progression": "immediate"}


@pytest.mark.parametrize("seconds", ["1e400", "NaN", "1e300"])
def test_a_time_progression_past_any_date_is_refused_and_reads_keep_working(
    kendra_client, index_id, seconds
):
    """JSON reads 1e400 as infinity (and NaN as NaN): no step can be due after them."""
    body = '{"model_name": "kendra::index", "transition": {"progression": "time", "seconds": %s}}'
    response = requests.post(f"{MOTO_API}/set-transition", data=body % seconds, timeout=30)

    assert response.status_code == 400
    assert response.json()["error"] == "InvalidTransition"
    assert kendra_client.describe_index(Id=index_id)["Status"] == "ACTIVE"


def test_valid_transitions_and_other_models_are_untouched(kendra_client):
    state_manager.set_transition("kendra::sync_job", {"progression": "time", "seconds": 0.5})
    state_manager.set_transition("kendra::sync_job", {"progression": "manual", "times": 3})
    response = requests.post(
        f"{MOTO_API}/set-transition",
        data=json.dumps(
            {"model_name": "kendra::index", "transition": {"progression": "manual", "times": 2}}
        ),
        timeout=30,
    )
    assert response.status_code == 201
    assert state_manager.get_transition("kendra::index") == {"progression": "manual", "times": 2}
    # Not ours: moto's business, whatever it holds.
    state_manager.set_transition("batch::job", {"progression": "manual"})
    state_manager.unset_transition("batch::job")


def test_a_malformed_transition_that_slipped_in_reads_as_the_default(
    kendra_client, index_id, custom_source
):
    state_manager._transitions["kendra::sync_job"] = {"progression": "time", "seconds": "abc"}
    state_manager._transitions["kendra::index"] = {"progression": "manual", "times": "x"}
    try:
        kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)
        history = kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)
        described = kendra_client.describe_index(Id=index_id)
    finally:
        state_manager.unset_transition("kendra::sync_job")
        state_manager.unset_transition("kendra::index")
    assert history["History"][0]["Status"] == "SYNCING"
    assert described["Status"] == "ACTIVE"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server() as running:
        yield running


def test_the_servers_route_refuses_it_and_reads_keep_working(server):
    url = f"{server.url}/moto-api/state-manager"
    refused = requests.post(
        f"{url}/set-transition",
        data=json.dumps(
            {"model_name": "kendra::sync_job", "transition": {"progression": "manual"}}
        ),
        timeout=30,
    )
    current = requests.get(f"{url}/get-transition?model_name=kendra::sync_job", timeout=30)
    listed = requests.post(
        server.url,
        data=json.dumps({}),
        headers={
            "X-Amz-Target": "AWSKendraFrontendService.ListIndices",
            "Content-Type": "application/x-amz-json-1.1",
            "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/kendra/aws4_request, SignedHeaders=host, Signature=0",
        },
        timeout=30,
    )
    assert refused.status_code == 400
    assert refused.json()["error"] == "InvalidTransition"
    assert current.json() == {"progression": "manual", "times": 1}
    assert listed.status_code == 200


def test_index_create_with_a_valid_manual_index_transition(kendra_client):
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 1})
    index_id = kendra_client.create_index(Name="docs", RoleArn=ROLE_ARN)["Id"]
    assert kendra_client.describe_index(Id=index_id)["Status"] == "CREATING"
    assert kendra_client.describe_index(Id=index_id)["Status"] == "ACTIVE"
