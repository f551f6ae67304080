"""Scripted sync outcomes and operation faults over HTTP: /moto-api/kendra/..."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_kendra.backend import KendraBackend
from moto_kendra.spec.service import service_model
from tests import conformance
from tests.kendra_server import ACCESS_KEY, REGION, SECRET_KEY, RunningServer, running_server

MOTO_API = "http://motoapi.amazonaws.com/moto-api"  # in-process, under moto's mock
OUTCOMES = f"{MOTO_API}/kendra/sync-outcomes"
FAULTS = f"{MOTO_API}/kendra/faults"
STATE = f"{MOTO_API}/kendra/state"
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def _ended_job(client: Any, index_id: str, source: str) -> dict[str, Any]:
    """Start a CUSTOM sync job, stop it, and read it until it has ended."""
    client.start_data_source_sync_job(Id=source, IndexId=index_id)
    client.stop_data_source_sync_job(Id=source, IndexId=index_id)
    for _ in range(5):
        job = client.list_data_source_sync_jobs(Id=source, IndexId=index_id)["History"][0]
        if "EndTime" in job:
            return dict(job)
    raise AssertionError(f"the job never ended: {job}")


# -- in-process: requests to motoapi.amazonaws.com under moto's mock ----------------


def test_a_scripted_outcome_ends_the_next_job_of_a_data_source(
    kendra_client: Any, index_id: str, custom_source: str
) -> None:
    scripted = requests.post(
        OUTCOMES,
        json={
            "status": "FAILED",
            "error_code": "InternalError",
            "error_message": "the crawler crashed",
            "metrics": {"DocumentsFailed": 3},
            "data_source_id": custom_source,
            "times": 1,
        },
    )

    failed = _ended_job(kendra_client, index_id, custom_source)
    after = _ended_job(kendra_client, index_id, custom_source)

    assert scripted.status_code == 200
    assert scripted.headers["Content-Type"] == "application/json"
    assert scripted.json() == {
        "sync_outcomes": [
            {
                "status": "FAILED",
                "error_code": "InternalError",
                "error_message": "the crawler crashed",
                "metrics": {"DocumentsFailed": 3},
                "data_source_id": custom_source,
                "times": 1,
            }
        ]
    }
    assert (failed["Status"], failed["ErrorCode"], failed["ErrorMessage"]) == (
        "FAILED",
        "InternalError",
        "the crawler crashed",
    )
    assert failed["Metrics"]["DocumentsFailed"] == "3"
    assert after["Status"] == "SUCCEEDED"
    assert requests.get(OUTCOMES).json() == {"sync_outcomes": []}


def test_scripts_are_listed_and_cleared(
    kendra_client: Any, index_id: str, custom_source: str
) -> None:
    requests.post(OUTCOMES, json={"status": "INCOMPLETE"}).raise_for_status()
    requests.post(
        OUTCOMES,
        json={"status": "FAILED", "error_code": "InvalidRequest", "data_source_id": custom_source},
    ).raise_for_status()

    listed = requests.get(OUTCOMES).json()
    one_cleared = requests.delete(OUTCOMES, json={"data_source_id": custom_source}).json()
    job = _ended_job(kendra_client, index_id, custom_source)
    all_cleared = requests.delete(OUTCOMES).json()

    assert sorted(listed["sync_outcomes"], key=lambda s: s["data_source_id"] or "") == [
        {"status": "INCOMPLETE", "data_source_id": None, "times": None},
        {
            "status": "FAILED",
            "error_code": "InvalidRequest",
            "data_source_id": custom_source,
            "times": None,
        },
    ]
    assert one_cleared == {
        "sync_outcomes": [{"status": "INCOMPLETE", "data_source_id": None, "times": None}]
    }
    assert job["Status"] == "INCOMPLETE"  # the script for every data source
    assert all_cleared == {"sync_outcomes": []}


def test_an_injected_fault_fails_the_next_calls_then_clears(kendra_client: Any) -> None:
    client = boto3.client(
        "kendra",
        region_name=REGION,
        config=NO_RETRIES,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    injected = requests.post(
        FAULTS, json={"operation": "ListIndices", "error_code": "ThrottlingException", "times": 2}
    )
    codes = []
    for _ in range(2):
        with pytest.raises(ClientError) as failed:
            client.list_indices()
        codes.append(
            (
                failed.value.response["Error"]["Code"],
                failed.value.response["ResponseMetadata"]["HTTPStatusCode"],
            )
        )

    assert injected.json() == {
        "faults": [{"operation": "ListIndices", "error_code": "ThrottlingException", "times": 2}]
    }
    assert codes == [("ThrottlingException", 400)] * 2
    assert client.list_indices()["IndexConfigurationSummaryItems"] == []
    assert requests.get(FAULTS).json() == {"faults": []}


def test_a_fault_for_every_call_lasts_until_deleted(kendra_client: Any) -> None:
    requests.post(
        FAULTS,
        json={"operation": "CreateIndex", "error_code": "InternalServerException", "times": None},
    ).raise_for_status()
    statuses = []
    for _ in range(2):
        with pytest.raises(ClientError) as failed:
            kendra_client.create_index(Name="docs", RoleArn="arn:aws:iam::123456789012:role/r")
        statuses.append(failed.value.response["ResponseMetadata"]["HTTPStatusCode"])

    deleted = requests.delete(f"{FAULTS}?operation=CreateIndex")
    kendra_client.create_index(Name="docs", RoleArn="arn:aws:iam::123456789012:role/r")

    assert statuses == [500, 500]
    assert deleted.json() == {"faults": []}


def test_account_and_region_are_selectable(kendra_client: Any) -> None:
    elsewhere = {"account_id": "111111111111", "region": "eu-west-1"}
    requests.post(FAULTS, json={"operation": "ListIndices", **elsewhere}).raise_for_status()

    here = kendra_client.list_indices()
    listed_there = requests.get(FAULTS, params=elsewhere).json()
    listed_here = requests.get(FAULTS).json()

    assert here["IndexConfigurationSummaryItems"] == []
    assert listed_there == {
        "faults": [{"operation": "ListIndices", "error_code": "ThrottlingException", "times": 1}]
    }
    assert listed_here == {"faults": []}


@pytest.mark.parametrize(
    ("url", "method", "body", "message"),
    [
        (OUTCOMES, "POST", {"status": "RUNNING"}, "status must be one of"),
        (OUTCOMES, "POST", {"status": "FAILED", "error_code": "Oops"}, "errorCode"),
        (OUTCOMES, "POST", {"metrics": {"DocumentsEaten": 1}}, "not a sync job metric"),
        (OUTCOMES, "POST", {"times": 0}, "times must be a positive integer"),
        (OUTCOMES, "POST", {"data_source_id": "missing"}, "doesn't exist"),
        (OUTCOMES, "POST", {"colour": "red"}, "Unknown member(s) 'colour'"),
        (OUTCOMES, "POST", ["FAILED"], "must be a JSON object"),
        (FAULTS, "POST", {}, "operation"),
        (FAULTS, "POST", {"operation": "Frobnicate"}, "not a Kendra operation"),
        (
            FAULTS,
            "POST",
            {"operation": "ListIndices", "error_code": "ResourceNotFoundException"},
            "error_code must be one of",
        ),
        (
            FAULTS,
            "POST",
            {"operation": "ListIndices", "region": "mars-north-1"},
            "no region 'mars-north-1'",
        ),
        (
            FAULTS,
            "POST",
            {"operation": "ListIndices", "account_id": "42"},
            "account_id must be 12 digits",
        ),
        (FAULTS, "GET", {"operation": "ListIndices"}, "GET takes only account_id, region"),
    ],
)
def test_a_bad_request_is_a_400_that_says_why(
    kendra_client: Any, url: str, method: str, body: Any, message: str
) -> None:
    answer = requests.request(method, url, json=body)

    assert answer.status_code == 400
    assert answer.json()["error"] == "BadRequest"
    assert message in answer.json()["message"]


def test_a_body_that_is_not_json_is_a_400(kendra_client: Any) -> None:
    answer = requests.post(FAULTS, data=b"{operation: ListIndices}")

    assert answer.status_code == 400
    assert "not valid JSON" in answer.json()["message"]


def test_other_methods_are_405(kendra_client: Any) -> None:
    answer = requests.put(FAULTS, json={})

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "GET, POST, DELETE"


def test_moto_api_reset_clears_scripts_and_faults(kendra_client: Any) -> None:
    requests.post(OUTCOMES, json={"status": "FAILED"}).raise_for_status()
    requests.post(FAULTS, json={"operation": "ListIndices"}).raise_for_status()

    requests.post(f"{MOTO_API}/reset").raise_for_status()

    assert requests.get(OUTCOMES).json() == {"sync_outcomes": []}
    assert requests.get(FAULTS).json() == {"faults": []}


@pytest.mark.parametrize(
    ("url", "method"),
    [(OUTCOMES, "POST"), (FAULTS, "POST"), (FAULTS, "DELETE"), (STATE, "PUT")],
)
def test_a_body_nested_too_deeply_is_a_bad_request(kendra_client: Any, url, method) -> None:
    response = requests.request(method, url, data="[" * 100_000 + "]" * 100_000)

    assert response.status_code == 400
    assert response.json() == {
        "error": "BadRequest",
        "message": "The request body is not valid JSON: it is nested too deeply.",
    }


def test_faults_posted_at_once_to_a_new_backend_are_all_kept(
    kendra_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two control requests at once (a threaded server) make a backend's controls once:
    neither fault lands in controls that are then thrown away."""
    made = KendraBackend.controls_factory

    def slow_factory(backend: Any) -> Any:
        time.sleep(0.05)  # widens the window between "no controls yet" and "made"
        return made(backend)

    monkeypatch.setattr(KendraBackend, "controls_factory", staticmethod(slow_factory))
    operations = ["ListIndices", "ListFaqs"]
    posts = [
        threading.Thread(target=requests.post, args=(FAULTS,), kwargs={"json": {"operation": op}})
        for op in operations
    ]
    for post in posts:
        post.start()
    for post in posts:
        post.join()

    waiting = requests.get(FAULTS).json()["faults"]
    assert sorted(fault["operation"] for fault in waiting) == sorted(operations)


# -- server mode ------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server() as running:
        yield running


def test_server_mode_scripts_and_faults_with_conforming_errors(server: RunningServer) -> None:
    server.reset()
    client = boto3.client(
        "kendra",
        region_name=REGION,
        endpoint_url=server.url,
        config=NO_RETRIES,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    index_id = client.create_index(Name="docs", RoleArn="arn:aws:iam::123456789012:role/r")["Id"]
    source = client.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")["Id"]

    scripted = requests.post(
        f"{server.url}/moto-api/kendra/sync-outcomes",
        timeout=30,
        json={"status": "ABORTED", "data_source_id": source},
    )
    job = _ended_job(client, index_id, source)
    injected = requests.post(
        f"{server.url}/moto-api/kendra/faults",
        timeout=30,
        json={"operation": "StartDataSourceSyncJob", "error_code": "ThrottlingException"},
    )
    faulted = requests.post(
        f"{server.url}/",
        data=json.dumps({"Id": source, "IndexId": index_id}),
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSKendraFrontendService.StartDataSourceSyncJob",
            "Authorization": (
                f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20240101/{REGION}/kendra/"
                "aws4_request, SignedHeaders=host, Signature=0"
            ),
        },
        timeout=30,
    )

    assert scripted.status_code == 200
    assert job["Status"] == "ABORTED"
    assert injected.json()["faults"][0]["operation"] == "StartDataSourceSyncJob"
    assert (faulted.status_code, faulted.json()["__type"]) == (400, "ThrottlingException")
    assert (
        conformance.violations(
            service_model().operation_model("StartDataSourceSyncJob"),
            faulted.status_code,
            faulted.content,
        )
        == []
    )
    assert requests.get(f"{server.url}/moto-api/kendra/faults", timeout=30).json() == {"faults": []}
