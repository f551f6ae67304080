"""The AWS CLI (awscli from PyPI) against moto-kendra-server, end to end."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.kendra_server import RunningServer, running_server

ROLE_ARN = "arn:aws:iam::123456789012:role/kendra-role"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server() as running:
        yield running


@pytest.fixture
def aws(server: RunningServer) -> Iterator[Any]:
    """``aws(*args)``: run ``aws <args>`` against a freshly reset server; JSON out."""
    server.reset()

    def run(*args: str) -> Any:
        result = server.aws(*args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout) if result.stdout.strip() else None

    run.fails = server.aws  # type: ignore[attr-defined]
    yield run


def _index(aws: Any) -> str:
    return str(aws("kendra", "create-index", "--name", "docs", "--role-arn", ROLE_ARN)["Id"])


def _custom_source(aws: Any, index_id: str) -> str:
    created = aws(
        "kendra",
        "create-data-source",
        "--index-id",
        index_id,
        "--name",
        "custom",
        "--type",
        "CUSTOM",
    )
    return str(created["Id"])


def test_create_describe_and_list_an_index(aws: Any) -> None:
    index_id = _index(aws)

    described = aws("kendra", "describe-index", "--id", index_id)
    listed = aws("kendra", "list-indices")

    assert described["Name"] == "docs"
    assert described["Status"] == "ACTIVE"
    assert [item["Id"] for item in listed["IndexConfigurationSummaryItems"]] == [index_id]


def test_data_sources_are_created_and_listed(aws: Any) -> None:
    index_id = _index(aws)
    custom = _custom_source(aws, index_id)
    s3 = aws(
        "kendra",
        "create-data-source",
        "--index-id",
        index_id,
        "--name",
        "s3",
        "--type",
        "S3",
        "--role-arn",
        ROLE_ARN,
        "--configuration",
        json.dumps({"S3Configuration": {"BucketName": "docs-bucket"}}),
    )["Id"]

    listed = aws("kendra", "list-data-sources", "--index-id", index_id)

    assert {item["Id"]: item["Type"] for item in listed["SummaryItems"]} == {
        custom: "CUSTOM",
        s3: "S3",
    }
    described = aws("kendra", "describe-data-source", "--index-id", index_id, "--id", s3)
    assert described["Configuration"] == {"S3Configuration": {"BucketName": "docs-bucket"}}


def test_a_custom_sync_job_counts_pushed_documents_and_ends_when_stopped(aws: Any) -> None:
    index_id = _index(aws)
    source = _custom_source(aws, index_id)
    execution_id = aws(
        "kendra", "start-data-source-sync-job", "--index-id", index_id, "--id", source
    )["ExecutionId"]
    documents = [
        {
            "Id": document_id,
            "Blob": "hello",
            "ContentType": "PLAIN_TEXT",
            "Attributes": [
                {"Key": "_data_source_id", "Value": {"StringValue": source}},
                {
                    "Key": "_data_source_sync_job_execution_id",
                    "Value": {"StringValue": execution_id},
                },
            ],
        }
        for document_id in ("a", "b")
    ]

    put = aws(
        "kendra", "batch-put-document", "--index-id", index_id, "--documents", json.dumps(documents)
    )
    deleted = aws(
        "kendra",
        "batch-delete-document",
        "--index-id",
        index_id,
        "--document-id-list",
        "b",
        "--data-source-sync-job-metric-target",
        json.dumps({"DataSourceId": source, "DataSourceSyncJobId": execution_id}),
    )
    statuses = aws(
        "kendra",
        "batch-get-document-status",
        "--index-id",
        index_id,
        "--document-info-list",
        json.dumps([{"DocumentId": "a"}, {"DocumentId": "b"}]),
    )
    running = aws("kendra", "list-data-source-sync-jobs", "--index-id", index_id, "--id", source)[
        "History"
    ]
    stopped = aws("kendra", "stop-data-source-sync-job", "--index-id", index_id, "--id", source)
    history = [
        aws("kendra", "list-data-source-sync-jobs", "--index-id", index_id, "--id", source)
        for _ in range(2)
    ]

    assert put == {"FailedDocuments": []}
    assert deleted == {"FailedDocuments": []}
    assert stopped is None  # StopDataSourceSyncJob has no output members
    assert [(job["ExecutionId"], job["Status"]) for job in running] == [(execution_id, "SYNCING")]
    assert running[0]["Metrics"]["DocumentsAdded"] == "2"
    # Each document counts once per job: "b", added in this job, is not also deleted.
    assert running[0]["Metrics"]["DocumentsDeleted"] == "0"
    # Indexing is asynchronous: the first read of a new document shows PROCESSING.
    assert {
        item["DocumentId"]: item["DocumentStatus"] for item in statuses["DocumentStatusList"]
    } == {"a": "PROCESSING", "b": "NOT_FOUND"}
    final = history[-1]["History"][0]
    assert final["Status"] == "SUCCEEDED"
    assert "EndTime" in final
    assert final["Metrics"]["DocumentsAdded"] == "2"
    # The job has ended: its documents are indexed.
    indexed = aws(
        "kendra",
        "batch-get-document-status",
        "--index-id",
        index_id,
        "--document-info-list",
        json.dumps([{"DocumentId": "a"}]),
    )
    assert indexed["DocumentStatusList"] == [{"DocumentId": "a", "DocumentStatus": "INDEXED"}]


def test_an_unknown_index_is_a_resource_not_found_exception(aws: Any) -> None:
    result = aws.fails("kendra", "describe-index", "--id", "0" * 36)

    assert result.returncode != 0
    assert (
        "An error occurred (ResourceNotFoundException) when calling the DescribeIndex"
        " operation" in result.stderr
    )


def test_an_unknown_data_source_is_a_resource_not_found_exception(aws: Any) -> None:
    index_id = _index(aws)

    result = aws.fails(
        "kendra", "start-data-source-sync-job", "--index-id", index_id, "--id", "missing"
    )

    assert result.returncode != 0
    assert "(ResourceNotFoundException) when calling the StartDataSourceSyncJob" in result.stderr


def test_the_server_validates_what_the_cli_does_not(aws: Any) -> None:
    # botocore checks types and minimums on the client; the name pattern is the
    # server's to check.
    result = aws.fails("kendra", "create-index", "--name", "bad name!", "--role-arn", ROLE_ARN)

    assert result.returncode != 0
    assert (
        "An error occurred (ValidationException) when calling the CreateIndex operation"
        in result.stderr
    )
    assert "failed to satisfy constraint" in result.stderr
    assert aws("kendra", "list-indices")["IndexConfigurationSummaryItems"] == []


def test_scripted_outcomes_set_over_http_end_cli_sync_jobs(aws: Any, server: RunningServer) -> None:
    import requests

    index_id = _index(aws)
    source = _custom_source(aws, index_id)
    scripted = requests.post(
        f"{server.url}/moto-api/kendra/sync-outcomes",
        json={
            "status": "FAILED",
            "error_code": "InternalError",
            "error_message": "crawler crashed",
            "data_source_id": source,
        },
        timeout=30,
    )
    assert scripted.status_code == 200, scripted.text

    aws("kendra", "start-data-source-sync-job", "--index-id", index_id, "--id", source)
    aws("kendra", "stop-data-source-sync-job", "--index-id", index_id, "--id", source)
    history = [
        aws("kendra", "list-data-source-sync-jobs", "--index-id", index_id, "--id", source)
        for _ in range(2)
    ]

    job = history[-1]["History"][0]
    assert (job["Status"], job["ErrorCode"], job["ErrorMessage"]) == (
        "FAILED",
        "InternalError",
        "crawler crashed",
    )


def test_an_injected_fault_shows_in_the_cli_error_output(aws: Any, server: RunningServer) -> None:
    import requests

    injected = requests.post(
        f"{server.url}/moto-api/kendra/faults",
        json={"operation": "ListIndices", "error_code": "AccessDeniedException"},
        timeout=30,
    )
    assert injected.status_code == 200, injected.text

    failed = aws.fails("kendra", "list-indices")

    assert failed.returncode != 0
    assert "(AccessDeniedException) when calling the ListIndices operation" in failed.stderr
    assert aws("kendra", "list-indices") == {"IndexConfigurationSummaryItems": []}


def test_kendra_intelligent_ranking_through_the_cli(aws: Any) -> None:
    plan = aws("kendra-ranking", "create-rescore-execution-plan", "--name", "ranker")
    rescored = aws(
        "kendra-ranking",
        "rescore",
        "--rescore-execution-plan-id",
        plan["Id"],
        "--search-query",
        "intelligent systems",
        "--documents",
        json.dumps(
            [
                {"Id": "DocId1", "Title": "Cooking", "Body": "pasta", "OriginalScore": 2.0},
                {
                    "Id": "DocId2",
                    "Title": "Smart",
                    "Body": "intelligent systems",
                    "OriginalScore": 1.0,
                },
            ]
        ),
    )
    listed = aws("kendra-ranking", "list-rescore-execution-plans")
    missing = aws.fails("kendra-ranking", "describe-rescore-execution-plan", "--id", "0" * 36)

    assert [item["DocumentId"] for item in rescored["ResultItems"]] == ["DocId2", "DocId1"]
    assert [item["Id"] for item in listed["SummaryItems"]] == [plan["Id"]]
    assert missing.returncode != 0
    assert "ResourceNotFoundException" in missing.stderr


def test_documents_put_through_the_cli_are_found_by_aws_kendra_query(
    aws: Any, tmp_path: Any
) -> None:
    index_id = _index(aws)
    documents = tmp_path / "documents.json"
    documents.write_text(
        json.dumps(
            [
                {
                    "Id": "guide",
                    "Title": "Deploying Amazon Kendra",
                    "ContentType": "PLAIN_TEXT",
                    # awscli v1 sends a blob given as text as its bytes (base64-encoded).
                    "Blob": "To deploy Amazon Kendra, create an index.",
                }
            ]
        )
    )
    put = aws(
        "kendra", "batch-put-document", "--index-id", index_id, "--documents", f"file://{documents}"
    )
    assert put["FailedDocuments"] == []
    for _ in range(2):  # a read shows PROCESSING, the next INDEXED
        aws("kendra", "describe-index", "--id", index_id)

    found = aws("kendra", "query", "--index-id", index_id, "--query-text", "deploy kendra")

    (item,) = found["ResultItems"]
    assert item["DocumentId"] == "guide"
    assert item["DocumentTitle"]["Text"] == "Deploying Amazon Kendra"
    assert item["DocumentExcerpt"]["Text"] == "To deploy Amazon Kendra, create an index."
    assert found["TotalNumberOfResults"] == 1
