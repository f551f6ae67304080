"""S3 data sources crawl the bucket in moto's S3: filters, incremental metrics, failures."""

from __future__ import annotations

import boto3
import pytest

from moto_kendra.connectors.globs import matches_glob
from moto_kendra.connectors.s3 import selects
from tests.conftest import ROLE_ARN

END = {"SUCCEEDED", "FAILED", "INCOMPLETE", "ABORTED"}


@pytest.fixture
def s3(kendra_client):
    return boto3.client("s3", region_name="us-east-1")


def run_sync(client, index_id: str, source_id: str) -> dict:
    """Start a sync job and poll ListDataSourceSyncJobs until it ends (manual progression)."""
    execution_id = client.start_data_source_sync_job(Id=source_id, IndexId=index_id)["ExecutionId"]
    for _ in range(10):
        job = client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"][0]
        assert job["ExecutionId"] == execution_id
        if job["Status"] in END:
            return job
    raise AssertionError(f"sync job {execution_id} did not end: {job}")


def metrics(added=0, modified=0, deleted=0, failed=0, scanned=0) -> dict:
    return {
        "DocumentsAdded": str(added),
        "DocumentsModified": str(modified),
        "DocumentsDeleted": str(deleted),
        "DocumentsFailed": str(failed),
        "DocumentsScanned": str(scanned),
    }


def statuses(client, index_id: str, *doc_ids: str) -> dict:
    response = client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": doc_id} for doc_id in doc_ids]
    )
    return {item["DocumentId"]: item["DocumentStatus"] for item in response["DocumentStatusList"]}


def text_statistics(client, index_id: str) -> dict:
    return client.describe_index(Id=index_id)["IndexStatistics"]["TextDocumentStatistics"]


def test_three_syncs_add_modify_delete_with_exact_metrics(kendra_client, s3, index_id, s3_source):
    s3.create_bucket(Bucket="docs-bucket")
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    s3.put_object(Bucket="docs-bucket", Key="dir/b.txt", Body=b"bravo!")

    first = run_sync(kendra_client, index_id, s3_source)
    assert first["Status"] == "SUCCEEDED"
    assert first["Metrics"] == metrics(added=2, scanned=2)
    assert "EndTime" in first and "ErrorCode" not in first
    assert statuses(
        kendra_client, index_id, "s3://docs-bucket/a.txt", "s3://docs-bucket/dir/b.txt"
    ) == {
        "s3://docs-bucket/a.txt": "INDEXED",
        "s3://docs-bucket/dir/b.txt": "INDEXED",
    }
    assert text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 2,
        "IndexedTextBytes": 11,
    }

    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha, second version")
    s3.put_object(Bucket="docs-bucket", Key="c.txt", Body=b"charlie")
    second = run_sync(kendra_client, index_id, s3_source)
    assert second["Metrics"] == metrics(added=1, modified=1, scanned=3)
    assert statuses(
        kendra_client, index_id, "s3://docs-bucket/a.txt", "s3://docs-bucket/c.txt"
    ) == {
        "s3://docs-bucket/a.txt": "UPDATED",
        "s3://docs-bucket/c.txt": "INDEXED",
    }
    assert text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 3,
        "IndexedTextBytes": 21 + 6 + 7,
    }

    s3.delete_object(Bucket="docs-bucket", Key="dir/b.txt")
    third = run_sync(kendra_client, index_id, s3_source)
    assert third["Metrics"] == metrics(deleted=1, scanned=2)
    assert statuses(kendra_client, index_id, "s3://docs-bucket/dir/b.txt") == {
        "s3://docs-bucket/dir/b.txt": "NOT_FOUND"
    }
    assert text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 2,
        "IndexedTextBytes": 21 + 7,
    }

    # An unchanged bucket: everything scanned, nothing changed.
    fourth = run_sync(kendra_client, index_id, s3_source)
    assert fourth["Metrics"] == metrics(scanned=2)
    history = kendra_client.list_data_source_sync_jobs(Id=s3_source, IndexId=index_id)["History"]
    assert [job["Status"] for job in history] == ["SUCCEEDED"] * 4


def test_metrics_show_what_is_known_up_to_now(kendra_client, s3, index_id, s3_source):
    # API_DataSourceSyncJobMetrics.md: the numbers "up to now": the documents scanned
    # are known once the crawl is listed (SYNCING_INDEXING), the indexed ones at the end.
    s3.create_bucket(Bucket="docs-bucket")
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    s3.put_object(Bucket="docs-bucket", Key="b.txt", Body=b"bravo")
    kendra_client.start_data_source_sync_job(Id=s3_source, IndexId=index_id)
    seen = []
    for _ in range(3):
        job = kendra_client.list_data_source_sync_jobs(Id=s3_source, IndexId=index_id)["History"][0]
        seen.append(
            (
                job["Status"],
                job["Metrics"]["DocumentsScanned"],
                job["Metrics"]["DocumentsAdded"],
                "EndTime" in job,
            )
        )
    assert seen == [
        ("SYNCING", "0", "0", False),
        ("SYNCING_INDEXING", "2", "0", False),
        ("SUCCEEDED", "2", "2", True),
    ]


def test_filters_prefixes_and_glob_patterns(kendra_client, s3, index_id):
    s3.create_bucket(Bucket="filtered")
    for key in (
        "docs/guide.txt",
        "docs/internal/plan.txt",
        "docs/deep/more/notes.md",
        "docs/logo.png",
        "other/readme.txt",
        "top.txt",
    ):
        s3.put_object(Bucket="filtered", Key=key, Body=b"x")
    source_id = kendra_client.create_data_source(
        IndexId=index_id,
        Name="filtered",
        Type="S3",
        RoleArn=ROLE_ARN,
        Configuration={
            "S3Configuration": {
                "BucketName": "filtered",
                "InclusionPrefixes": ["docs/"],
                "InclusionPatterns": ["**/*.txt", "**/*.md"],
                "ExclusionPatterns": ["**/internal/*"],
            }
        },
    )["Id"]
    job = run_sync(kendra_client, index_id, source_id)
    assert job["Metrics"] == metrics(added=2, scanned=2)
    ids = [
        "s3://filtered/" + key
        for key in (
            "docs/guide.txt",
            "docs/deep/more/notes.md",
            "docs/logo.png",
            "docs/internal/plan.txt",
            "other/readme.txt",
            "top.txt",
        )
    ]
    assert statuses(kendra_client, index_id, *ids) == dict(
        zip(ids, ["INDEXED", "INDEXED", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"])
    )


@pytest.mark.parametrize(
    ("pattern", "key", "expected"),
    [
        ("*.txt", "a.txt", True),
        ("*.txt", "dir/a.txt", False),  # "in a directory": * stays in one segment
        ("**/*.txt", "dir/sub/a.txt", True),
        ("**/*.txt", "a.txt", True),
        ("*tax*", "income_tax", True),
        ("**/*internal*", "a/b/company_internal.doc", True),
        ("/myapp/config/*", "myapp/config/app.yaml", True),
        ("/myapp/config/*", "myapp/config/sub/app.yaml", False),
        ("/**/*.{png,ico,md}", "x/y/icon.ico", True),
        ("/**/*.{png,ico,md}", "x/y/icon.gif", False),
        ("/myapp/src/**/*.ts", "myapp/src/a/b/c.ts", True),
        ("**/!(*.module).ts", "src/app.ts", True),
        ("**/!(*.module).ts", "src/app.module.ts", False),
        ("file?.txt", "file1.txt", True),
        ("file[0-9].txt", "filex.txt", False),
    ],
)
def test_glob_patterns_as_the_guide_describes_them(pattern, key, expected):
    assert matches_glob(pattern, key) is expected


def test_exclusion_wins_over_inclusion_and_metadata_files_are_not_documents():
    configuration = {
        "BucketName": "b",
        "InclusionPatterns": ["*.txt"],
        "ExclusionPatterns": ["secret*"],
        "DocumentsMetadataConfiguration": {"S3Prefix": "meta/"},
    }
    assert selects(configuration, "notes.txt")
    assert not selects(configuration, "secret.txt")
    assert not selects(
        {"BucketName": "b", "DocumentsMetadataConfiguration": {"S3Prefix": "meta/"}},
        "meta/notes.txt.metadata.json",
    )
    assert not selects({"BucketName": "b"}, "notes.txt.metadata.json")
    for path in ("acl.json", "/acl.json", "s3://b/acl.json"):
        acl = {"BucketName": "b", "AccessControlListConfiguration": {"KeyPath": path}}
        assert not selects(acl, "acl.json")
        assert selects(acl, "other.json")


def test_a_missing_bucket_fails_the_job(kendra_client, index_id, s3_source):
    job = run_sync(kendra_client, index_id, s3_source)
    assert job["Status"] == "FAILED"
    assert job["ErrorCode"] == "InvalidRequest"
    assert job["ErrorMessage"] == (
        f"The S3 bucket docs-bucket doesn't exist in account 123456789012, so data source "
        f"{s3_source} can't crawl it."
    )
    assert job["DataSourceErrorCode"] == "NoSuchBucket"
    assert job["Metrics"] == metrics()
    assert "EndTime" in job


def test_a_failed_or_stopped_crawl_leaves_the_index_as_it_was(
    kendra_client, kendra_backend, s3, index_id, s3_source
):
    s3.create_bucket(Bucket="docs-bucket")
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    kendra_backend.controls.script_sync_outcome(
        status="FAILED", error_code="InternalError", error_message="Crawler crashed.", times=1
    )
    failed = run_sync(kendra_client, index_id, s3_source)
    # The crawl was listed before the job failed: it scanned the document, indexed none.
    assert (failed["Status"], failed["ErrorCode"], failed["Metrics"]) == (
        "FAILED",
        "InternalError",
        metrics(scanned=1),
    )
    assert text_statistics(kendra_client, index_id)["IndexedTextDocumentsCount"] == 0

    kendra_client.start_data_source_sync_job(Id=s3_source, IndexId=index_id)
    kendra_client.stop_data_source_sync_job(Id=s3_source, IndexId=index_id)
    history = [
        kendra_client.list_data_source_sync_jobs(Id=s3_source, IndexId=index_id)["History"][0][
            "Status"
        ]
        for _ in range(2)
    ]
    assert history == ["STOPPING", "ABORTED"]
    assert text_statistics(kendra_client, index_id)["IndexedTextDocumentsCount"] == 0

    succeeded = run_sync(kendra_client, index_id, s3_source)
    assert succeeded["Metrics"] == metrics(added=1, scanned=1)


def test_deleting_the_data_source_removes_its_crawled_documents(
    kendra_client, s3, index_id, s3_source
):
    s3.create_bucket(Bucket="docs-bucket")
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    run_sync(kendra_client, index_id, s3_source)
    kendra_client.delete_data_source(Id=s3_source, IndexId=index_id)
    assert text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 0,
        "IndexedTextBytes": 0,
    }


@pytest.mark.parametrize("pattern", ["[z-a]", "[!]"])
def test_a_glob_that_cannot_be_read_is_refused_when_the_data_source_is_saved(
    kendra_client, index_id, pattern
):
    configuration = {
        "S3Configuration": {"BucketName": "docs-bucket", "ExclusionPatterns": [pattern]}
    }
    with pytest.raises(kendra_client.exceptions.ValidationException) as raised:
        kendra_client.create_data_source(
            IndexId=index_id, Name="globs", Type="S3", RoleArn=ROLE_ARN, Configuration=configuration
        )
    message = raised.value.response["Error"]["Message"]
    assert message.startswith(f"The pattern '{pattern}' in S3Configuration.ExclusionPatterns")
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"] == []


def test_a_glob_that_cannot_be_read_is_refused_on_update(kendra_client, index_id, s3_source):
    with pytest.raises(kendra_client.exceptions.ValidationException):
        kendra_client.update_data_source(
            Id=s3_source,
            IndexId=index_id,
            Configuration={
                "S3Configuration": {"BucketName": "docs-bucket", "InclusionPatterns": ["[z-a]"]}
            },
        )
    described = kendra_client.describe_data_source(Id=s3_source, IndexId=index_id)
    assert "InclusionPatterns" not in described["Configuration"]["S3Configuration"]


def test_a_metrics_only_script_does_not_hide_a_missing_bucket(
    kendra_client, kendra_backend, index_id, s3_source
):
    kendra_backend.controls.script_sync_outcome(metrics={"DocumentsFailed": 2})
    job = run_sync(kendra_client, index_id, s3_source)
    assert job["Status"] == "FAILED"
    assert job["ErrorCode"] == "InvalidRequest"
    assert job["DataSourceErrorCode"] == "NoSuchBucket"
    assert job["Metrics"]["DocumentsFailed"] == "2"


def test_a_stopped_job_of_a_missing_bucket_is_aborted_without_error_fields(
    kendra_client, index_id, s3_source
):
    kendra_client.start_data_source_sync_job(Id=s3_source, IndexId=index_id)
    kendra_client.stop_data_source_sync_job(Id=s3_source, IndexId=index_id)
    for _ in range(2):
        (job,) = kendra_client.list_data_source_sync_jobs(Id=s3_source, IndexId=index_id)["History"]
    assert job["Status"] == "ABORTED"
    assert "ErrorCode" not in job and "DataSourceErrorCode" not in job
