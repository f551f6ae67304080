"""Operation faults: the kendra_fault marker, the backend's Python API, retries."""

from __future__ import annotations

from typing import Any

import botocore.endpoint
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_kendra.backend import KendraBackend
from tests.kendra_calls import error_of


@pytest.mark.parametrize(
    ("error_code", "http_status"),
    [
        ("ThrottlingException", 400),
        ("InternalServerException", 500),
        ("AccessDeniedException", 400),
    ],
)
def test_an_injected_fault_fails_the_next_call_with_the_documented_status(
    kendra_client, kendra_backend, index_id, custom_source, error_code, http_status
):
    kendra_backend.controls.inject_fault(operation="StartDataSourceSyncJob", error_code=error_code)
    no_retries = no_retry_client(kendra_client)
    with pytest.raises(ClientError) as raised:
        no_retries.start_data_source_sync_job(Id=custom_source, IndexId=index_id)
    assert error_of(raised) == (
        error_code,
        http_status,
        f"Injected fault: StartDataSourceSyncJob fails with {error_code}.",
    )
    # The faulted call changed nothing; the fault was for one call only.
    assert (
        kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)["History"]
        == []
    )
    assert kendra_backend.controls.list_faults() == []
    kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)


def no_retry_client(kendra_client):
    """A client like ``kendra_client`` that doesn't retry."""
    import boto3

    return boto3.client(
        "kendra",
        region_name=kendra_client.meta.region_name,
        aws_access_key_id="FOOBARKEY",
        aws_secret_access_key="FOOBARSECRET",
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
    )


@pytest.mark.kendra_fault(operation="DescribeIndex", error_code="AccessDeniedException", times=2)
def test_the_marker_fails_the_next_n_calls(kendra_client, index_id):
    client = no_retry_client(kendra_client)
    for _ in range(2):
        with pytest.raises(ClientError) as raised:
            client.describe_index(Id=index_id)
        assert error_of(raised) == (
            "AccessDeniedException",
            400,
            "Injected fault: DescribeIndex fails with AccessDeniedException.",
        )
    assert client.describe_index(Id=index_id)["Id"] == index_id


@pytest.mark.kendra_fault(operation="ListIndices", error_code="InternalServerException", times=None)
@pytest.mark.kendra_fault(operation="CreateIndex")
def test_markers_stack_and_times_none_fails_every_call(kendra_client, kendra_backend):
    client = no_retry_client(kendra_client)
    assert sorted(kendra_backend.controls.list_faults(), key=lambda fault: fault["operation"]) == [
        {"operation": "CreateIndex", "error_code": "ThrottlingException", "times": 1},
        {"operation": "ListIndices", "error_code": "InternalServerException", "times": None},
    ]
    for _ in range(5):
        with pytest.raises(ClientError) as raised:
            client.list_indices()
        assert error_of(raised)[:2] == ("InternalServerException", 500)
    with pytest.raises(ClientError) as raised:
        client.create_index(Name="docs", RoleArn="arn:aws:iam::123456789012:role/r")
    assert error_of(raised)[:2] == ("ThrottlingException", 400)
    kendra_backend.controls.clear_faults(operation="ListIndices")
    assert client.list_indices()["IndexConfigurationSummaryItems"] == []


def standard_retry_client() -> Any:
    """A Kendra client in botocore's standard retry mode, 3 attempts at most."""
    import boto3

    return boto3.client(
        "kendra",
        region_name="us-east-1",
        aws_access_key_id="FOOBARKEY",
        aws_secret_access_key="FOOBARSECRET",
        config=Config(retries={"mode": "standard", "total_max_attempts": 3}),
    )


def test_standard_retry_mode_retries_a_throttled_start_then_succeeds(
    kendra_client, kendra_backend, index_id, custom_source, monkeypatch
):
    delays: list[float] = []
    # botocore sleeps between attempts; record the delays instead of sleeping.
    monkeypatch.setattr(botocore.endpoint.time, "sleep", delays.append)
    client = standard_retry_client()
    kendra_backend.controls.inject_fault(
        operation="StartDataSourceSyncJob", error_code="ThrottlingException", times=2
    )
    response = client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert len(delays) == 2
    history = client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)["History"]
    assert [job["ExecutionId"] for job in history] == [response["ExecutionId"]]


def test_standard_retry_mode_gives_up_on_access_denied_at_once(
    kendra_client, kendra_backend, index_id, monkeypatch
):
    delays: list[float] = []
    monkeypatch.setattr(botocore.endpoint.time, "sleep", delays.append)
    client = standard_retry_client()
    kendra_backend.controls.inject_fault(
        operation="DescribeIndex", error_code="AccessDeniedException", times=None
    )
    with pytest.raises(ClientError) as raised:
        client.describe_index(Id=index_id)
    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert delays == []


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        (
            {"operation": "StartSync"},
            "'StartSync' is not a Kendra operation (as botocore's model names them, e.g. 'StartDataSourceSyncJob')",
        ),
        (
            {"operation": "Query", "error_code": "ValidationException"},
            "error_code must be one of AccessDeniedException, InternalServerException, ThrottlingException, not 'ValidationException'",
        ),
        (
            {"operation": "GetSnapshots"},
            "GetSnapshots can't fail with ThrottlingException (botocore's model lists AccessDeniedException, "
            "InternalServerException, InvalidRequestException, ResourceNotFoundException)",
        ),
        (
            {"operation": "Query", "times": 0},
            "times must be a positive integer or None (null in JSON), not 0",
        ),
    ],
)
def test_the_python_api_rejects_what_the_model_does_not_allow(
    kendra_backend: KendraBackend, keywords, message
):
    with pytest.raises(ValueError) as raised:
        kendra_backend.controls.inject_fault(**keywords)
    assert str(raised.value) == message
    assert kendra_backend.controls.list_faults() == []


def test_a_wrong_fault_marker_is_an_error_at_collection(pytester):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.kendra_fault(operation="StartDataSourceSyncJob", error_code="SlowDown")
        def test_bad_code(kendra_client):
            pass

        @pytest.mark.kendra_fault(error_code="ThrottlingException")
        def test_no_operation(kendra_client):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: test_a_wrong_fault_marker_is_an_error_at_collection.py::test_bad_code: "
            "@pytest.mark.kendra_fault: error_code must be one of AccessDeniedException, "
            "InternalServerException, ThrottlingException, not 'SlowDown'",
            "test_a_wrong_fault_marker_is_an_error_at_collection.py::test_no_operation: "
            "@pytest.mark.kendra_fault needs the keyword operation",
        ]
    )
