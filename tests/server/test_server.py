"""moto-kendra-server, and moto's ThreadedMotoServer, serving Kendra over HTTP."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from typing import Any

import boto3
import cbor2
import pytest
import requests
from moto.server import ThreadedMotoServer

import moto_kendra  # noqa: F401 - registers Kendra with moto, for ThreadedMotoServer
from moto_kendra import server as kendra_server
from moto_kendra.spec.service import service_model
from tests import conformance, ranking_calls
from tests.kendra_server import (
    ACCESS_KEY,
    REGION,
    SECRET_KEY,
    SERVER,
    RunningServer,
    clean_env,
    running_server,
)

ROLE_ARN = "arn:aws:iam::123456789012:role/kendra-role"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server() as running:
        yield running


@pytest.fixture
def fresh(server: RunningServer) -> RunningServer:
    server.reset()
    return server


def _client(service: str, url: str) -> Any:
    return boto3.client(
        service,
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


def _raw(url: str, operation: str, params: dict[str, Any]) -> requests.Response:
    """An unsigned JSON 1.1 Kendra request (moto routes it by X-Amz-Target's host)."""
    return requests.post(
        f"{url}/",
        data=json.dumps(params),
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSKendraFrontendService.{operation}",
            "Authorization": (
                f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20240101/{REGION}/kendra/"
                "aws4_request, SignedHeaders=host, Signature=0"
            ),
        },
        timeout=30,
    )


def _violations(operation: str, response: requests.Response) -> list[str]:
    return conformance.violations(
        service_model().operation_model(operation), response.status_code, response.content
    )


# -- the command ------------------------------------------------------------------


def test_the_command_takes_moto_servers_flags() -> None:
    result = subprocess.run(
        [str(SERVER), "--help"],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    # argparse writes "-H HOST, --host HOST" before Python 3.13, "-H, --host HOST" since.
    help_text = re.sub(r"(-\w) [A-Z_]+, ", r"\1, ", result.stdout)
    for flag in (
        "-H, --host HOST",
        "-p, --port PORT",
        "-r, --reload",
        "-s, --ssl",
        "-c, --ssl-cert SSL_CERT",
        "-k, --ssl-key SSL_KEY",
    ):
        assert flag in help_text


def test_the_command_binds_loopback_port_5000_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import werkzeug.serving

    served: dict[str, Any] = {}
    monkeypatch.setattr(
        werkzeug.serving,
        "run_simple",
        lambda host, port, app, **kwargs: served.update(host=host, port=port),
    )
    monkeypatch.setattr("signal.signal", lambda *args: None)
    monkeypatch.setattr("sys.argv", ["moto-kendra-server"])
    monkeypatch.delenv("MOTO_PORT", raising=False)

    kendra_server.main([])

    assert served == {"host": "127.0.0.1", "port": 5000}


def test_the_command_passes_host_and_port_through(monkeypatch: pytest.MonkeyPatch) -> None:
    import werkzeug.serving

    served: dict[str, Any] = {}
    monkeypatch.setattr(
        werkzeug.serving,
        "run_simple",
        lambda host, port, app, **kwargs: served.update(host=host, port=port),
    )
    monkeypatch.setattr("signal.signal", lambda *args: None)
    monkeypatch.setattr("sys.argv", ["moto-kendra-server"])
    monkeypatch.setenv("MOTO_PORT", "5000")

    kendra_server.main(["-H", "127.0.0.2", "--port", "4566"])

    assert served == {"host": "127.0.0.2", "port": 4566}


# -- serving --------------------------------------------------------------------


def test_kendra_is_served_with_conforming_responses(fresh: RunningServer) -> None:
    kendra = _client("kendra", fresh.url)  # the suite's conformance hook checks it
    index_id = kendra.create_index(Name="docs", RoleArn=ROLE_ARN)["Id"]

    described = _raw(fresh.url, "DescribeIndex", {"Id": index_id})
    missing = _raw(fresh.url, "DescribeIndex", {"Id": "0" * 36})
    invalid = _raw(fresh.url, "ListIndices", {"MaxResults": 1000})

    assert described.status_code == 200
    assert described.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert described.json()["Id"] == index_id
    assert missing.status_code == 400
    assert missing.json()["__type"] == "ResourceNotFoundException"
    assert invalid.status_code == 400
    assert invalid.json()["__type"] == "ValidationException"
    for operation, response in (
        ("DescribeIndex", described),
        ("DescribeIndex", missing),
        ("ListIndices", invalid),
    ):
        assert _violations(operation, response) == []


def test_a_connector_in_another_language_runs_to_completion(fresh: RunningServer) -> None:
    """A custom connector as a non-Python SDK sends it (raw JSON 1.1): Stop before every
    Start, put, Stop, then poll with a StatusFilter until its run is SUCCEEDED."""

    def call(operation: str, **params: Any) -> dict[str, Any]:
        response = _raw(fresh.url, operation, params)
        assert response.status_code == 200, response.text
        assert _violations(operation, response) == []
        return response.json() if response.content else {}

    index_id = call("CreateIndex", Name="wiki", RoleArn=ROLE_ARN)["Id"]
    source_id = call("CreateDataSource", IndexId=index_id, Name="wiki", Type="CUSTOM")["Id"]
    for run in range(2):
        call("StopDataSourceSyncJob", Id=source_id, IndexId=index_id)
        execution_id = call("StartDataSourceSyncJob", Id=source_id, IndexId=index_id)["ExecutionId"]
        attributes = [
            {"Key": "_data_source_id", "Value": {"StringValue": source_id}},
            {"Key": "_data_source_sync_job_execution_id", "Value": {"StringValue": execution_id}},
        ]
        put = call(
            "BatchPutDocument",
            IndexId=index_id,
            Documents=[{"Id": f"page-{run}", "Blob": "dGV4dA==", "Attributes": attributes}],
        )
        assert put == {"FailedDocuments": []}
        call("StopDataSourceSyncJob", Id=source_id, IndexId=index_id)
        polls = 0
        while execution_id not in [
            job["ExecutionId"]
            for job in call(
                "ListDataSourceSyncJobs", Id=source_id, IndexId=index_id, StatusFilter="SUCCEEDED"
            )["History"]
        ]:
            polls += 1
            assert polls < 10, "the poll never ends"
    statuses = call(
        "BatchGetDocumentStatus",
        IndexId=index_id,
        DocumentInfoList=[{"DocumentId": "page-0"}, {"DocumentId": "page-1"}],
    )["DocumentStatusList"]
    assert [status["DocumentStatus"] for status in statuses] == ["INDEXED", "INDEXED"]


def test_every_other_moto_service_is_served_too(fresh: RunningServer) -> None:
    s3 = _client("s3", fresh.url)
    s3.create_bucket(Bucket="docs-bucket")

    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["docs-bucket"]
    assert _client("sts", fresh.url).get_caller_identity()["Account"] == "123456789012"


def test_moto_api_reset_clears_kendra(fresh: RunningServer) -> None:
    kendra = _client("kendra", fresh.url)
    kendra.create_index(Name="docs", RoleArn=ROLE_ARN)

    fresh.reset()

    assert kendra.list_indices()["IndexConfigurationSummaryItems"] == []


def test_moto_api_state_manager_sets_kendra_transitions(fresh: RunningServer) -> None:
    transition = {
        "model_name": "kendra::index",
        "transition": {"progression": "manual", "times": 2},
    }
    set_ = requests.post(
        f"{fresh.url}/moto-api/state-manager/set-transition",
        data=json.dumps(transition),
        timeout=30,
    )
    try:
        # moto reads this query string without percent-decoding it: write it as is.
        got = requests.get(
            f"{fresh.url}/moto-api/state-manager/get-transition?model_name=kendra::index",
            timeout=30,
        )
        kendra = _client("kendra", fresh.url)
        index_id = kendra.create_index(Name="docs", RoleArn=ROLE_ARN)["Id"]
        statuses = [kendra.describe_index(Id=index_id)["Status"] for _ in range(3)]
    finally:
        requests.post(
            f"{fresh.url}/moto-api/state-manager/unset-transition",
            data=json.dumps({"model_name": "kendra::index"}),
            timeout=30,
        ).raise_for_status()

    assert set_.status_code == 201
    assert got.json() == {"progression": "manual", "times": 2}
    assert statuses == ["CREATING", "CREATING", "ACTIVE"]


def test_the_dashboard_data_shows_kendra_models(fresh: RunningServer) -> None:
    kendra = _client("kendra", fresh.url)
    index_id = kendra.create_index(Name="docs", RoleArn=ROLE_ARN)["Id"]
    kendra.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")

    data = requests.get(f"{fresh.url}/moto-api/data.json", timeout=30).json()

    assert {"Index", "DataSource", "SyncJob", "Document"} <= set(data["kendra"])
    assert [index["id"] for index in data["kendra"]["Index"]] == [index_id]
    assert [source["name"] for source in data["kendra"]["DataSource"]] == ["custom"]
    assert "backend" not in data  # not misfiled under our package's name


# -- ThreadedMotoServer -----------------------------------------------------------


def test_moto_threaded_server_serves_kendra_after_importing_moto_kendra() -> None:
    threaded = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    threaded.start()
    try:
        host, port = threaded.get_host_and_port()
        kendra = _client("kendra", f"http://{host}:{port}")
        index_id = kendra.create_index(Name="docs", RoleArn=ROLE_ARN)["Id"]
        described = kendra.describe_index(Id=index_id)
    finally:
        threaded.stop()

    assert host == "127.0.0.1"
    assert described["Status"] == "ACTIVE"


# -- Kendra Intelligent Ranking ---------------------------------------------------------


def _raw_cbor(url: str, operation: str, params: dict[str, Any]) -> requests.Response:
    """An RPC v2 CBOR Kendra Intelligent Ranking request (moto routes it by the scope)."""
    return requests.post(
        f"{url}/service/AWSKendraRerankingFrontendService/operation/{operation}",
        data=cbor2.dumps(params),
        headers={
            "Content-Type": "application/cbor",
            "smithy-protocol": "rpc-v2-cbor",
            "Authorization": (
                f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20240101/{REGION}/kendra-ranking/"
                "aws4_request, SignedHeaders=host, Signature=0"
            ),
        },
        timeout=30,
    )


@pytest.mark.parametrize("protocol", ranking_calls.PROTOCOLS)
def test_kendra_ranking_is_served_in_each_protocol(fresh: RunningServer, protocol: str) -> None:
    ranking = ranking_calls.session(protocol).client(
        "kendra-ranking", region_name=REGION, endpoint_url=fresh.url
    )
    plan = ranking.create_rescore_execution_plan(Name="plan")
    answer = ranking.rescore(
        RescoreExecutionPlanId=plan["Id"],
        SearchQuery="kendra",
        Documents=[
            {"Id": "a", "Body": "unrelated", "OriginalScore": 2.0},
            {"Id": "b", "Body": "kendra ranking", "OriginalScore": 1.0},
        ],
    )

    assert [item["DocumentId"] for item in answer["ResultItems"]] == ["b", "a"]
    assert ranking.describe_rescore_execution_plan(Id=plan["Id"])["Status"] == "ACTIVE"


def test_kendra_ranking_raw_cbor_over_http(fresh: RunningServer) -> None:
    created = ranking_calls.checked(
        "CreateRescoreExecutionPlan",
        _raw_cbor(fresh.url, "CreateRescoreExecutionPlan", {"Name": "p"}),
    )
    described = ranking_calls.checked(
        "DescribeRescoreExecutionPlan",
        _raw_cbor(
            fresh.url, "DescribeRescoreExecutionPlan", {"Id": cbor2.loads(created.content)["Id"]}
        ),
    )
    missing = ranking_calls.checked(
        "DescribeRescoreExecutionPlan",
        _raw_cbor(fresh.url, "DescribeRescoreExecutionPlan", {"Id": "0" * 36}),
    )

    assert created.headers["Content-Type"] == "application/cbor"
    assert cbor2.loads(described.content)["Name"] == "p"
    assert missing.status_code == ranking_calls.status("ResourceNotFoundException")


def test_moto_api_resets_and_shows_kendra_ranking(fresh: RunningServer) -> None:
    ranking = ranking_calls.session("json").client(
        "kendra-ranking", region_name=REGION, endpoint_url=fresh.url
    )
    plan_id = ranking.create_rescore_execution_plan(Name="plan")["Id"]

    data = requests.get(f"{fresh.url}/moto-api/data.json", timeout=30).json()
    fresh.reset()

    assert [plan["id"] for plan in data["kendra-ranking"]["RescoreExecutionPlan"]] == [plan_id]
    assert "RescoreExecutionPlan" not in data.get("kendra", {})
    assert ranking.list_rescore_execution_plans()["SummaryItems"] == []
