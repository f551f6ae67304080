"""Scripted sync outcomes: the kendra_sync marker and the backend's Python API."""

from __future__ import annotations

import pytest

from moto_kendra.backend import KendraBackend
from tests.conftest import ROLE_ARN

END = {"SUCCEEDED", "FAILED", "INCOMPLETE", "ABORTED"}


def run_to_end(client, index_id: str, source_id: str) -> dict:
    """Poll ListDataSourceSyncJobs until the latest job ends (manual progression)."""
    for _ in range(10):
        job = client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"][0]
        if job["Status"] in END:
            return job
    raise AssertionError(f"the sync job did not end: {job}")


def sync(client, index_id: str, source_id: str) -> dict:
    client.start_data_source_sync_job(Id=source_id, IndexId=index_id)
    return run_to_end(client, index_id, source_id)


ZERO = {
    "DocumentsAdded": "0",
    "DocumentsModified": "0",
    "DocumentsDeleted": "0",
    "DocumentsFailed": "0",
    "DocumentsScanned": "0",
}


def test_an_unscripted_connector_job_succeeds_with_zero_metrics(
    kendra_client, index_id, template_source
):
    job = sync(kendra_client, index_id, template_source)
    assert job["Status"] == "SUCCEEDED"
    assert job["Metrics"] == ZERO
    assert {"ErrorCode", "ErrorMessage", "DataSourceErrorCode"}.isdisjoint(job)
    assert job["EndTime"] >= job["StartTime"]


@pytest.mark.kendra_sync(
    status="FAILED",
    error_code="InvalidRequest",
    error_message="The connector could not reach the site.",
    data_source_error_code="ConnectionTimeout",
    metrics={"DocumentsScanned": 12, "DocumentsFailed": 12},
)
def test_the_marker_scripts_how_every_job_ends(kendra_client, index_id, template_source):
    for _ in range(2):
        job = sync(kendra_client, index_id, template_source)
        assert job["Status"] == "FAILED"
        assert job["ErrorCode"] == "InvalidRequest"
        assert job["ErrorMessage"] == "The connector could not reach the site."
        assert job["DataSourceErrorCode"] == "ConnectionTimeout"
        assert job["Metrics"] == {**ZERO, "DocumentsScanned": "12", "DocumentsFailed": "12"}
        assert "EndTime" in job


@pytest.mark.parametrize("status", ["SUCCEEDED", "FAILED", "INCOMPLETE", "ABORTED"])
def test_every_end_status_can_be_scripted(
    kendra_client, kendra_backend, index_id, template_source, status
):
    kendra_backend.controls.script_sync_outcome(status=status, metrics={"DocumentsAdded": 3})
    kendra_client.start_data_source_sync_job(Id=template_source, IndexId=index_id)
    seen = [
        kendra_client.list_data_source_sync_jobs(Id=template_source, IndexId=index_id)["History"][0]
        for _ in range(3)
    ]
    assert [job["Status"] for job in seen] == ["SYNCING", "SYNCING_INDEXING", status]
    assert [job["Metrics"]["DocumentsAdded"] for job in seen] == ["0", "0", "3"]
    assert ["EndTime" in job for job in seen] == [False, False, True]


@pytest.mark.kendra_sync(
    status="INCOMPLETE", error_message="2 documents were too large.", metrics={"DocumentsFailed": 2}
)
def test_a_custom_job_ends_as_scripted_after_stop_and_keeps_unscripted_metrics(
    kendra_client, index_id, custom_source
):
    execution_id = kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)[
        "ExecutionId"
    ]
    attributes = [
        {"Key": "_data_source_id", "Value": {"StringValue": custom_source}},
        {"Key": "_data_source_sync_job_execution_id", "Value": {"StringValue": execution_id}},
    ]
    response = kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[{"Id": f"doc-{n}", "Blob": b"text", "Attributes": attributes} for n in range(3)],
    )
    assert response["FailedDocuments"] == []
    # SYNCING until Stop: the scripted end waits for it.
    for _ in range(3):
        job = kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)[
            "History"
        ][0]
        assert job["Status"] == "SYNCING"
    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    job = run_to_end(kendra_client, index_id, custom_source)
    assert job["Status"] == "INCOMPLETE"
    assert job["ErrorMessage"] == "2 documents were too large."
    assert "ErrorCode" not in job
    # DocumentsAdded is computed (3 puts), DocumentsFailed scripted; a CUSTOM job has
    # no DocumentsScanned (data-source-custom.md).
    custom_zero = {name: value for name, value in ZERO.items() if name != "DocumentsScanned"}
    assert job["Metrics"] == {**custom_zero, "DocumentsAdded": "3", "DocumentsFailed": "2"}


def test_the_python_api_scripts_one_data_source_for_the_next_n_jobs(
    kendra_client, kendra_backend, index_id, template_source
):
    other = kendra_client.create_data_source(
        IndexId=index_id,
        Name="other",
        Type="TEMPLATE",
        RoleArn=ROLE_ARN,
        Configuration={"TemplateConfiguration": {"Template": {"type": "JIRA"}}},
    )["Id"]
    kendra_backend.controls.script_sync_outcome(
        status="FAILED",
        error_code="InternalError",
        error_message="Boom.",
        data_source_id=template_source,
        times=2,
    )
    assert kendra_backend.controls.list_sync_outcomes() == [
        {
            "status": "FAILED",
            "error_code": "InternalError",
            "error_message": "Boom.",
            "data_source_id": template_source,
            "times": 2,
        }
    ]
    assert sync(kendra_client, index_id, other)["Status"] == "SUCCEEDED"
    assert [sync(kendra_client, index_id, template_source)["Status"] for _ in range(3)] == [
        "FAILED",
        "FAILED",
        "SUCCEEDED",
    ]
    assert kendra_backend.controls.list_sync_outcomes() == []


def test_a_data_sources_own_script_wins_over_the_script_for_all(
    kendra_client, kendra_backend, index_id, template_source
):
    kendra_backend.controls.script_sync_outcome(status="INCOMPLETE")
    kendra_backend.controls.script_sync_outcome(
        status="ABORTED", data_source_id=template_source, times=1
    )
    assert sync(kendra_client, index_id, template_source)["Status"] == "ABORTED"
    assert sync(kendra_client, index_id, template_source)["Status"] == "INCOMPLETE"
    kendra_backend.controls.clear_sync_outcomes()
    assert sync(kendra_client, index_id, template_source)["Status"] == "SUCCEEDED"


def test_a_script_applies_to_jobs_started_after_it_and_until_cleared(
    kendra_client, kendra_backend, index_id, template_source
):
    kendra_client.start_data_source_sync_job(Id=template_source, IndexId=index_id)
    kendra_backend.controls.script_sync_outcome(status="FAILED", error_code="InternalError")
    assert run_to_end(kendra_client, index_id, template_source)["Status"] == "SUCCEEDED"
    assert [sync(kendra_client, index_id, template_source)["Status"] for _ in range(3)] == [
        "FAILED"
    ] * 3
    kendra_backend.controls.clear_sync_outcomes(data_source_id=None)
    assert sync(kendra_client, index_id, template_source)["Status"] == "SUCCEEDED"


def test_stopping_a_connector_job_aborts_it_whatever_the_script(
    kendra_client, kendra_backend, index_id, template_source
):
    kendra_backend.controls.script_sync_outcome(
        status="FAILED", error_code="InternalError", metrics={"DocumentsScanned": 5}
    )
    kendra_client.start_data_source_sync_job(Id=template_source, IndexId=index_id)
    kendra_client.stop_data_source_sync_job(Id=template_source, IndexId=index_id)
    job = run_to_end(kendra_client, index_id, template_source)
    assert job["Status"] == "ABORTED"
    assert "ErrorCode" not in job
    assert job["Metrics"] == ZERO


@pytest.mark.kendra_sync(status="SUCCEEDED", metrics={"DocumentsScanned": 100})
def test_scripted_metrics_replace_an_s3_crawls_computed_members(kendra_client, index_id, s3_source):
    import boto3

    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="docs-bucket")
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    job = sync(kendra_client, index_id, s3_source)
    assert job["Metrics"] == {**ZERO, "DocumentsAdded": "1", "DocumentsScanned": "100"}


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        (
            {"status": "FAILED", "error_code": "Timeout"},
            "The sync outcome doesn't fit Kendra's DataSourceSyncJob: Value 'Timeout' at "
            "'errorCode' failed to satisfy constraint: Member must satisfy enum value set: "
            "[InternalError, InvalidRequest]",
        ),
        (
            {"status": "SYNCING"},
            "status must be one of SUCCEEDED, FAILED, INCOMPLETE, ABORTED (the statuses a sync "
            "job ends in), not 'SYNCING'",
        ),
        (
            {"metrics": {"DocumentsIndexed": 1}},
            "'DocumentsIndexed' is not a sync job metric; the metrics are DocumentsAdded, "
            "DocumentsModified, DocumentsDeleted, DocumentsFailed, DocumentsScanned",
        ),
        (
            {"metrics": {"DocumentsAdded": -1}},
            "metrics['DocumentsAdded'] must be a non-negative integer, not -1",
        ),
        ({"times": 0}, "times must be a positive integer or None (null in JSON), not 0"),
        (
            {"data_source_id": "nope"},
            "Data source nope doesn't exist in account 123456789012 and region us-east-1.",
        ),
    ],
)
def test_the_python_api_rejects_what_the_model_does_not_allow(
    kendra_backend: KendraBackend, keywords, message
):
    with pytest.raises(ValueError) as raised:
        kendra_backend.controls.script_sync_outcome(**keywords)
    assert str(raised.value) == message
    assert kendra_backend.controls.list_sync_outcomes() == []


def test_a_wrong_marker_is_an_error_at_collection(pytester):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.kendra_sync(status="FAILED", error_code="Timeout")
        def test_bad_code(kendra_client):
            pass

        @pytest.mark.kendra_sync(stauts="FAILED")
        def test_misspelt_keyword(kendra_client):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: test_a_wrong_marker_is_an_error_at_collection.py::test_bad_code: "
            "@pytest.mark.kendra_sync: The sync outcome doesn't fit Kendra's DataSourceSyncJob: "
            "Value 'Timeout' at 'errorCode' failed to satisfy constraint: Member must satisfy "
            "enum value set: [InternalError, InvalidRequest]",
            "test_a_wrong_marker_is_an_error_at_collection.py::test_misspelt_keyword: "
            "@pytest.mark.kendra_sync has no keyword 'stauts'; its keywords are status, "
            "error_code, error_message, data_source_error_code, metrics",
        ]
    )
    result.stdout.no_fnmatch_line("*passed*")


def test_the_markers_are_registered_with_their_keywords(pytester):
    result = pytester.runpytest_subprocess("--markers")
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.kendra_sync(*, status='SUCCEEDED', error_code=None, error_message=None, "
            "data_source_error_code=None, metrics=None):*",
            "@pytest.mark.kendra_fault(*, operation, error_code='ThrottlingException', times=1, "
            "service='kendra'):*",
        ]
    )


def test_outcomes_do_not_leak_into_the_next_test_part_1(kendra_backend):
    kendra_backend.controls.script_sync_outcome(status="FAILED", error_code="InternalError")
    kendra_backend.controls.inject_fault(operation="ListIndices", times=None)


def test_outcomes_do_not_leak_into_the_next_test_part_2(kendra_client, kendra_backend):
    assert kendra_backend.controls.list_sync_outcomes() == []
    assert kendra_backend.controls.list_faults() == []
    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
