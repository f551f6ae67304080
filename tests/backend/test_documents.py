"""BatchPutDocument, BatchDeleteDocument and BatchGetDocumentStatus through boto3,
following the CUSTOM data source flow of data-source-custom.md.

Documents are indexed asynchronously (``kendra::document``, default manual, times 1):
the first read of a new or replaced document shows PROCESSING, the next its outcome.
"""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of, start

#: A CUSTOM job's metrics: Kendra doesn't return DocumentsScanned for them.
ZERO = {
    "DocumentsAdded": "0",
    "DocumentsModified": "0",
    "DocumentsDeleted": "0",
    "DocumentsFailed": "0",
}


def job_attributes(source_id: str, execution_id: str | None = None) -> list[dict]:
    attributes = [{"Key": "_data_source_id", "Value": {"StringValue": source_id}}]
    if execution_id is not None:
        attributes.append(
            {"Key": "_data_source_sync_job_execution_id", "Value": {"StringValue": execution_id}}
        )
    return attributes


def doc(
    doc_id: str,
    source_id: str | None = None,
    execution_id: str | None = None,
    blob: bytes | None = b"content",
) -> dict:
    document: dict = {"Id": doc_id, "ContentType": "PLAIN_TEXT"}
    if blob is not None:
        document["Blob"] = blob
    if source_id is not None and execution_id is not None:
        document["Attributes"] = job_attributes(source_id, execution_id)
    return document


def stop(kendra_client, index_id: str, source_id: str) -> None:
    kendra_client.stop_data_source_sync_job(Id=source_id, IndexId=index_id)


def job_of(kendra_client, index_id: str, source_id: str, execution_id: str) -> dict:
    jobs = kendra_client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"]
    (job,) = [job for job in jobs if job["ExecutionId"] == execution_id]
    return job


def metrics(kendra_client, index_id: str, source_id: str, execution_id: str) -> dict:
    return job_of(kendra_client, index_id, source_id, execution_id)["Metrics"]


def counts(kendra_client, index_id, source_id, execution_id) -> dict:
    return {
        name: int(value)
        for name, value in metrics(kendra_client, index_id, source_id, execution_id).items()
        if value != "0"
    }


def put(kendra_client, index_id: str, *documents: dict) -> list[dict]:
    return kendra_client.batch_put_document(IndexId=index_id, Documents=list(documents))[
        "FailedDocuments"
    ]


def entries(kendra_client, index_id: str, *doc_ids: str) -> list[dict]:
    result = kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": doc_id} for doc_id in doc_ids]
    )
    assert result["Errors"] == []
    return result["DocumentStatusList"]


def status_of(kendra_client, index_id: str, *doc_ids: str) -> dict[str, str]:
    """One read of the documents' statuses."""
    return {
        item["DocumentId"]: item["DocumentStatus"]
        for item in entries(kendra_client, index_id, *doc_ids)
    }


def outcome_of(kendra_client, index_id: str, *doc_ids: str) -> dict[str, str]:
    """The statuses once no document is PROCESSING (a poll, as an application does)."""
    for _ in range(5):
        statuses = status_of(kendra_client, index_id, *doc_ids)
        if "PROCESSING" not in statuses.values():
            return statuses
    raise AssertionError(f"still processing: {statuses}")


def text_statistics(kendra_client, index_id: str) -> dict:
    return kendra_client.describe_index(Id=index_id)["IndexStatistics"]["TextDocumentStatistics"]


# -- BatchPutDocument metrics -----------------------------------------------------------


def test_new_documents_count_as_added(kendra_client, index_id, custom_source):
    execution_id = start(kendra_client, index_id, custom_source)

    failed = put(
        kendra_client,
        index_id,
        *(doc(f"doc-{n}", custom_source, execution_id) for n in range(3)),
    )

    assert failed == []
    assert metrics(kendra_client, index_id, custom_source, execution_id) == {
        **ZERO,
        "DocumentsAdded": "3",
    }
    assert set(outcome_of(kendra_client, index_id, "doc-0", "doc-1", "doc-2").values()) == {
        "INDEXED"
    }


def test_documents_already_indexed_count_as_modified(kendra_client, index_id, custom_source):
    first = start(kendra_client, index_id, custom_source)
    put(kendra_client, index_id, doc("a", custom_source, first), doc("b", custom_source, first))
    stop(kendra_client, index_id, custom_source)
    second = start(kendra_client, index_id, custom_source)

    failed = put(
        kendra_client, index_id, doc("a", custom_source, second), doc("c", custom_source, second)
    )

    assert failed == []
    assert counts(kendra_client, index_id, custom_source, second) == {
        "DocumentsAdded": 1,
        "DocumentsModified": 1,
    }
    assert counts(kendra_client, index_id, custom_source, first) == {"DocumentsAdded": 2}
    assert outcome_of(kendra_client, index_id, "a", "b", "c") == {
        "a": "UPDATED",
        "b": "INDEXED",
        "c": "INDEXED",
    }


def test_a_document_indexed_without_a_job_counts_as_modified_in_a_job(
    kendra_client, index_id, custom_source
):
    put(kendra_client, index_id, doc("a"))
    execution_id = start(kendra_client, index_id, custom_source)

    put(kendra_client, index_id, doc("a", custom_source, execution_id))

    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsModified": 1}


def test_refused_documents_come_back_failed_and_are_not_counted(
    kendra_client, index_id, custom_source
):
    # data-source-custom.md: DocumentsFailed counts documents Kendra accepted that then
    # failed; a document it didn't accept is returned in FailedDocuments instead.
    execution_id = start(kendra_client, index_id, custom_source)

    failed = put(
        kendra_client,
        index_id,
        doc("good", custom_source, execution_id),
        doc("empty", custom_source, execution_id, blob=None),
    )

    (entry,) = failed
    assert entry["Id"] == "empty"
    assert entry["DataSourceId"] == custom_source
    assert entry["ErrorCode"] == "InvalidRequest"
    assert "Blob" in entry["ErrorMessage"] and "S3Path" in entry["ErrorMessage"]
    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsAdded": 1}
    assert outcome_of(kendra_client, index_id, "good", "empty") == {
        "good": "INDEXED",
        "empty": "NOT_FOUND",
    }


def test_a_document_refused_then_accepted_in_the_job_counts_as_accepted(
    kendra_client, index_id, custom_source
):
    execution_id = start(kendra_client, index_id, custom_source)
    assert len(put(kendra_client, index_id, doc("a", custom_source, execution_id, blob=None))) == 1

    assert put(kendra_client, index_id, doc("a", custom_source, execution_id)) == []

    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsAdded": 1}


def test_each_document_counts_once_per_job(kendra_client, index_id, custom_source):
    execution_id = start(kendra_client, index_id, custom_source)

    put(kendra_client, index_id, doc("a", custom_source, execution_id))
    put(kendra_client, index_id, doc("a", custom_source, execution_id))
    put(
        kendra_client,
        index_id,
        doc("a", custom_source, execution_id),
        doc("b", custom_source, execution_id),
    )
    kendra_client.batch_delete_document(
        IndexId=index_id,
        DocumentIdList=["b"],
        DataSourceSyncJobMetricTarget={
            "DataSourceId": custom_source,
            "DataSourceSyncJobId": execution_id,
        },
    )

    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsAdded": 2}
    # The later puts of "a" replaced the document the index held: an update.
    assert outcome_of(kendra_client, index_id, "a", "b") == {"a": "UPDATED", "b": "NOT_FOUND"}


def test_metrics_stay_after_the_job_ends(kendra_client, index_id, custom_source):
    execution_id = start(kendra_client, index_id, custom_source)
    put(kendra_client, index_id, doc("a", custom_source, execution_id))
    stop(kendra_client, index_id, custom_source)

    jobs = [
        kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)["History"][0]
        for _ in range(3)
    ]

    assert [job["Status"] for job in jobs] == ["SYNCING_INDEXING", "SUCCEEDED", "SUCCEEDED"]
    assert all(job["Metrics"]["DocumentsAdded"] == "1" for job in jobs)


# -- asynchronous indexing --------------------------------------------------------------


def test_a_new_document_shows_processing_then_indexed(kendra_client, index_id):
    put(kendra_client, index_id, doc("a"), doc("b"))

    reads = [status_of(kendra_client, index_id, "a", "b") for _ in range(3)]

    assert reads == [
        {"a": "PROCESSING", "b": "PROCESSING"},
        {"a": "INDEXED", "b": "INDEXED"},
        {"a": "INDEXED", "b": "INDEXED"},
    ]


def test_each_document_moves_when_it_is_read(kendra_client, index_id):
    put(kendra_client, index_id, doc("a"), doc("b"))

    assert status_of(kendra_client, index_id, "a") == {"a": "PROCESSING"}

    assert status_of(kendra_client, index_id, "a", "b", "a") == {
        "a": "INDEXED",
        "b": "PROCESSING",
    }
    assert status_of(kendra_client, index_id, "b") == {"b": "INDEXED"}


def test_a_replaced_document_shows_processing_then_updated(kendra_client, index_id):
    put(kendra_client, index_id, doc("a"))
    assert outcome_of(kendra_client, index_id, "a") == {"a": "INDEXED"}

    put(kendra_client, index_id, doc("a", blob=b"new content"))

    assert [status_of(kendra_client, index_id, "a")["a"] for _ in range(2)] == [
        "PROCESSING",
        "UPDATED",
    ]


def test_an_immediate_progression_skips_processing(kendra_client, index_id):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})

    put(kendra_client, index_id, doc("a"))

    assert status_of(kendra_client, index_id, "a") == {"a": "INDEXED"}
    assert text_statistics(kendra_client, index_id)["IndexedTextDocumentsCount"] == 1


def test_a_manual_progression_with_more_times_takes_more_reads(kendra_client, index_id):
    state_manager.set_transition("kendra::document", {"progression": "manual", "times": 3})
    put(kendra_client, index_id, doc("a"))

    reads = [status_of(kendra_client, index_id, "a")["a"] for _ in range(4)]

    assert reads == ["PROCESSING"] * 3 + ["INDEXED"]


def test_describe_index_is_a_read_of_the_documents_being_indexed(kendra_client, index_id):
    put(kendra_client, index_id, doc("a", blob=b"12345"), doc("b", blob=b"123"))

    first, second = (text_statistics(kendra_client, index_id) for _ in range(2))

    # IndexStatistics count indexed documents only: the first DescribeIndex shows them
    # still processing (and moves them on), the second counts them.
    assert first == {"IndexedTextDocumentsCount": 0, "IndexedTextBytes": 0}
    assert second == {"IndexedTextDocumentsCount": 2, "IndexedTextBytes": 8}
    assert status_of(kendra_client, index_id, "a", "b") == {"a": "INDEXED", "b": "INDEXED"}


def test_the_end_of_a_custom_job_ends_the_indexing_of_its_documents(
    kendra_client, index_id, custom_source
):
    execution_id = start(kendra_client, index_id, custom_source)
    put(kendra_client, index_id, doc("a", custom_source, execution_id))
    stop(kendra_client, index_id, custom_source)

    # SYNCING_INDEXING: "some documents are still being indexed" (data-source-custom.md).
    assert job_of(kendra_client, index_id, custom_source, execution_id)["Status"] == (
        "SYNCING_INDEXING"
    )
    assert job_of(kendra_client, index_id, custom_source, execution_id)["Status"] == "SUCCEEDED"

    assert status_of(kendra_client, index_id, "a") == {"a": "INDEXED"}


def test_the_version_being_replaced_stays_searchable(kendra_client, index_id):
    put(kendra_client, index_id, doc("a", blob=b"old"))
    assert outcome_of(kendra_client, index_id, "a") == {"a": "INDEXED"}

    put(kendra_client, index_id, doc("a", blob=b"newer"))

    assert text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 1,
        "IndexedTextBytes": 3,
    }
    assert text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 1,
        "IndexedTextBytes": 5,
    }


# -- failures while indexing --------------------------------------------------------------


def undeclared(doc_id: str, source_id: str | None = None, execution_id: str | None = None):
    document = doc(doc_id, source_id, execution_id)
    document["Attributes"] = document.get("Attributes", []) + [
        {"Key": "Department", "Value": {"StringValue": "HR"}}
    ]
    return document


def test_a_document_that_fails_indexing_shows_failed_with_the_reason(kendra_client, index_id):
    assert put(kendra_client, index_id, undeclared("a")) == []

    assert entries(kendra_client, index_id, "a") == [
        {"DocumentId": "a", "DocumentStatus": "PROCESSING"}
    ]
    assert entries(kendra_client, index_id, "a") == [
        {
            "DocumentId": "a",
            "DocumentStatus": "FAILED",
            "FailureCode": "InvalidRequest",
            "FailureReason": "Attribute Department is not defined at the index level",
        }
    ]
    for _ in range(2):
        assert text_statistics(kendra_client, index_id)["IndexedTextDocumentsCount"] == 0


def test_a_failed_replacement_is_update_failed_and_the_old_version_stays(kendra_client, index_id):
    put(kendra_client, index_id, doc("a", blob=b"old"))
    assert outcome_of(kendra_client, index_id, "a") == {"a": "INDEXED"}

    put(kendra_client, index_id, undeclared("a"))

    assert outcome_of(kendra_client, index_id, "a") == {"a": "UPDATE_FAILED"}
    assert text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 1,
        "IndexedTextBytes": 3,
    }


def test_a_failed_document_put_again_correctly_is_indexed(kendra_client, index_id):
    put(kendra_client, index_id, undeclared("a"))
    assert outcome_of(kendra_client, index_id, "a") == {"a": "FAILED"}

    put(kendra_client, index_id, doc("a"))

    assert outcome_of(kendra_client, index_id, "a") == {"a": "INDEXED"}


def test_documents_failing_in_a_custom_job_count_as_failed_and_the_job_is_incomplete(
    kendra_client, index_id, custom_source
):
    execution_id = start(kendra_client, index_id, custom_source)
    put(
        kendra_client,
        index_id,
        doc("good", custom_source, execution_id),
        undeclared("bad", custom_source, execution_id),
    )
    stop(kendra_client, index_id, custom_source)

    statuses = [
        job_of(kendra_client, index_id, custom_source, execution_id)["Status"] for _ in range(2)
    ]

    # troubleshooting-data-sources.md: a job with document-level errors is INCOMPLETE.
    assert statuses == ["SYNCING_INDEXING", "INCOMPLETE"]
    assert counts(kendra_client, index_id, custom_source, execution_id) == {
        "DocumentsAdded": 1,
        "DocumentsFailed": 1,
    }
    assert status_of(kendra_client, index_id, "good", "bad") == {
        "good": "INDEXED",
        "bad": "FAILED",
    }


@pytest.fixture
def s3(kendra_client):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="docs-bucket")
    client.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"from the bucket")
    return client


def from_s3(doc_id: str, bucket: str, key: str) -> dict:
    return {"Id": doc_id, "S3Path": {"Bucket": bucket, "Key": key}, "ContentType": "PLAIN_TEXT"}


def test_a_document_with_an_s3_path_to_an_object_is_indexed(kendra_client, index_id, s3):
    assert put(kendra_client, index_id, from_s3("s3-doc", "docs-bucket", "a.txt")) == []

    assert outcome_of(kendra_client, index_id, "s3-doc") == {"s3-doc": "INDEXED"}
    assert text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 1,
        "IndexedTextBytes": len(b"from the bucket"),
    }


@pytest.mark.parametrize(
    ("bucket", "key", "code", "reason"),
    [
        ("docs-bucket", "missing.txt", "NoSuchKey", "s3://docs-bucket/missing.txt doesn't exist"),
        ("no-such-bucket", "a.txt", "NoSuchBucket", "no-such-bucket of s3://no-such-bucket/a.txt"),
        ("paris-bucket", "a.txt", "PermanentRedirect", "Your bucket must be in the same region"),
        ("their-bucket", "a.txt", "AccessDenied", "belongs to another account"),
    ],
)
def test_an_s3_path_kendra_cannot_read_fails_the_document(
    kendra_client, index_id, custom_source, s3, monkeypatch, bucket, key, code, reason
):
    boto3.client("s3", region_name="eu-west-3").create_bucket(
        Bucket="paris-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
    )
    s3.put_object(Bucket="paris-bucket", Key="a.txt", Body=b"x")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "210987654321")
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="their-bucket")
    boto3.client("s3", region_name="us-east-1").put_object(
        Bucket="their-bucket", Key="a.txt", Body=b"x"
    )
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    execution_id = start(kendra_client, index_id, custom_source)
    document = from_s3("doc", bucket, key)
    document["Attributes"] = job_attributes(custom_source, execution_id)

    assert put(kendra_client, index_id, document) == []

    outcome_of(kendra_client, index_id, "doc")
    (entry,) = entries(kendra_client, index_id, "doc")
    assert (entry["DocumentStatus"], entry["FailureCode"]) == ("FAILED", code)
    assert reason in entry["FailureReason"]
    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsFailed": 1}


# -- documents without a job ------------------------------------------------------------


def test_documents_without_job_attributes_are_indexed_without_metrics(
    kendra_client, index_id, custom_source
):
    execution_id = start(kendra_client, index_id, custom_source)

    failed = put(kendra_client, index_id, doc("plain-1"), doc("plain-2"))

    assert failed == []
    assert outcome_of(kendra_client, index_id, "plain-1", "plain-2") == {
        "plain-1": "INDEXED",
        "plain-2": "INDEXED",
    }
    assert metrics(kendra_client, index_id, custom_source, execution_id) == ZERO


def test_documents_need_no_data_source_at_all(kendra_client, index_id):
    assert put(kendra_client, index_id, doc("plain")) == []
    assert outcome_of(kendra_client, index_id, "plain") == {"plain": "INDEXED"}


def test_the_data_source_id_alone_counts_toward_its_running_job(
    kendra_client, index_id, custom_source
):
    # API_Document.md: the sync job id is optional, "Amazon Kendra will use the ID of
    # a running sync job".
    execution_id = start(kendra_client, index_id, custom_source)
    document = doc("a")
    document["Attributes"] = job_attributes(custom_source)

    assert put(kendra_client, index_id, document) == []

    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsAdded": 1}
    stop(kendra_client, index_id, custom_source)
    for _ in range(2):
        job_of(kendra_client, index_id, custom_source, execution_id)
    assert status_of(kendra_client, index_id, "a") == {"a": "INDEXED"}


def test_the_data_source_id_alone_without_a_running_job_is_a_failed_document(
    kendra_client, index_id, custom_source
):
    document = doc("a")
    document["Attributes"] = job_attributes(custom_source)

    (entry,) = put(kendra_client, index_id, document)

    assert entry["Id"] == "a"
    assert entry["DataSourceId"] == custom_source
    assert entry["ErrorCode"] == "InvalidRequest"
    assert "no sync job running" in entry["ErrorMessage"]
    assert status_of(kendra_client, index_id, "a") == {"a": "NOT_FOUND"}


def test_the_execution_id_alone_is_a_failed_document(kendra_client, index_id, custom_source):
    execution_id = start(kendra_client, index_id, custom_source)
    document = doc("half", custom_source, execution_id)
    document["Attributes"] = document["Attributes"][1:]

    (entry,) = put(kendra_client, index_id, document, doc("fine"))

    assert entry["Id"] == "half"
    assert entry["ErrorCode"] == "InvalidRequest"
    assert "_data_source_id" in entry["ErrorMessage"]
    assert "_data_source_sync_job_execution_id" in entry["ErrorMessage"]
    assert outcome_of(kendra_client, index_id, "half", "fine") == {
        "half": "NOT_FOUND",
        "fine": "INDEXED",
    }
    assert metrics(kendra_client, index_id, custom_source, execution_id) == ZERO


def test_an_unknown_execution_id_is_a_failed_document(kendra_client, index_id, custom_source):
    start(kendra_client, index_id, custom_source)

    (entry,) = put(kendra_client, index_id, doc("x", custom_source, UNKNOWN_ID))

    assert entry["Id"] == "x"
    assert entry["DataSourceId"] == custom_source
    assert entry["ErrorCode"] == "InvalidRequest"
    assert UNKNOWN_ID in entry["ErrorMessage"]
    assert status_of(kendra_client, index_id, "x") == {"x": "NOT_FOUND"}


def test_an_unknown_data_source_id_is_a_failed_document(kendra_client, index_id, custom_source):
    execution_id = start(kendra_client, index_id, custom_source)

    (entry,) = put(kendra_client, index_id, doc("x", UNKNOWN_ID, execution_id))

    assert entry["ErrorCode"] == "InvalidRequest"
    assert "DataSourceId" not in entry
    assert UNKNOWN_ID in entry["ErrorMessage"]


def test_an_execution_id_of_another_data_source_is_a_failed_document(
    kendra_client, index_id, custom_source
):
    other = kendra_client.create_data_source(IndexId=index_id, Name="other", Type="CUSTOM")["Id"]
    other_execution = start(kendra_client, index_id, other)
    execution_id = start(kendra_client, index_id, custom_source)

    (entry,) = put(kendra_client, index_id, doc("x", custom_source, other_execution))

    assert entry["ErrorCode"] == "InvalidRequest"
    assert other_execution in entry["ErrorMessage"]
    assert metrics(kendra_client, index_id, custom_source, execution_id) == ZERO
    assert metrics(kendra_client, index_id, other, other_execution) == ZERO


def test_a_connector_job_takes_no_documents(kendra_client, index_id, s3_source):
    execution_id = start(kendra_client, index_id, s3_source)

    (entry,) = put(kendra_client, index_id, doc("x", s3_source, execution_id))

    assert entry["ErrorCode"] == "InvalidRequest"
    assert "CUSTOM" in entry["ErrorMessage"]
    assert status_of(kendra_client, index_id, "x") == {"x": "NOT_FOUND"}


# -- after Stop ---------------------------------------------------------------------


def test_after_stop_every_document_sent_with_the_execution_id_fails(
    kendra_client, index_id, custom_source
):
    execution_id = start(kendra_client, index_id, custom_source)
    put(kendra_client, index_id, doc("kept", custom_source, execution_id))
    stop(kendra_client, index_id, custom_source)

    failed = put(
        kendra_client,
        index_id,
        doc("late-1", custom_source, execution_id),
        doc("kept", custom_source, execution_id),
    )

    assert [entry["Id"] for entry in failed] == ["late-1", "kept"]
    for entry in failed:
        assert entry["ErrorCode"] == "InvalidRequest"
        assert entry["DataSourceId"] == custom_source
        assert execution_id in entry["ErrorMessage"]
        assert "no longer valid" in entry["ErrorMessage"]
    assert outcome_of(kendra_client, index_id, "late-1", "kept") == {
        "late-1": "NOT_FOUND",
        "kept": "INDEXED",
    }
    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsAdded": 1}


def test_after_stop_a_delete_with_the_execution_id_fails_every_document(
    kendra_client, index_id, custom_source
):
    execution_id = start(kendra_client, index_id, custom_source)
    put(
        kendra_client,
        index_id,
        doc("a", custom_source, execution_id),
        doc("b", custom_source, execution_id),
    )
    stop(kendra_client, index_id, custom_source)

    failed = kendra_client.batch_delete_document(
        IndexId=index_id,
        DocumentIdList=["a", "b"],
        DataSourceSyncJobMetricTarget={
            "DataSourceId": custom_source,
            "DataSourceSyncJobId": execution_id,
        },
    )["FailedDocuments"]

    assert [entry["Id"] for entry in failed] == ["a", "b"]
    for entry in failed:
        assert entry["ErrorCode"] == "InvalidRequest"
        assert entry["DataSourceId"] == custom_source
        assert execution_id in entry["ErrorMessage"]
    assert outcome_of(kendra_client, index_id, "a", "b") == {"a": "INDEXED", "b": "INDEXED"}
    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsAdded": 2}


# -- BatchDeleteDocument ------------------------------------------------------------


def test_delete_with_a_job_target_counts_deleted(kendra_client, index_id, custom_source):
    put(kendra_client, index_id, doc("a"), doc("b"), doc("c"))
    execution_id = start(kendra_client, index_id, custom_source)

    result = kendra_client.batch_delete_document(
        IndexId=index_id,
        DocumentIdList=["a", "b"],
        DataSourceSyncJobMetricTarget={
            "DataSourceId": custom_source,
            "DataSourceSyncJobId": execution_id,
        },
    )

    assert result["FailedDocuments"] == []
    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsDeleted": 2}
    assert outcome_of(kendra_client, index_id, "a", "b", "c") == {
        "a": "NOT_FOUND",
        "b": "NOT_FOUND",
        "c": "INDEXED",
    }


def test_delete_counts_each_document_once(kendra_client, index_id, custom_source):
    put(kendra_client, index_id, doc("a"))
    execution_id = start(kendra_client, index_id, custom_source)
    target = {"DataSourceId": custom_source, "DataSourceSyncJobId": execution_id}

    kendra_client.batch_delete_document(
        IndexId=index_id, DocumentIdList=["a"], DataSourceSyncJobMetricTarget=target
    )
    put(kendra_client, index_id, doc("a"))
    kendra_client.batch_delete_document(
        IndexId=index_id, DocumentIdList=["a"], DataSourceSyncJobMetricTarget=target
    )

    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsDeleted": 1}
    assert status_of(kendra_client, index_id, "a") == {"a": "NOT_FOUND"}


def test_a_document_deleted_while_processing_is_gone(kendra_client, index_id):
    put(kendra_client, index_id, doc("a"))
    assert status_of(kendra_client, index_id, "a") == {"a": "PROCESSING"}

    kendra_client.batch_delete_document(IndexId=index_id, DocumentIdList=["a"])

    assert status_of(kendra_client, index_id, "a") == {"a": "NOT_FOUND"}
    assert text_statistics(kendra_client, index_id)["IndexedTextDocumentsCount"] == 0


def test_delete_without_a_job_id_counts_for_the_running_job(kendra_client, index_id, custom_source):
    execution_id = start(kendra_client, index_id, custom_source)
    put(kendra_client, index_id, doc("a", custom_source, execution_id), doc("b"))

    kendra_client.batch_delete_document(
        IndexId=index_id,
        DocumentIdList=["b"],
        DataSourceSyncJobMetricTarget={"DataSourceId": custom_source},
    )

    assert counts(kendra_client, index_id, custom_source, execution_id) == {
        "DocumentsAdded": 1,
        "DocumentsDeleted": 1,
    }


def test_delete_without_a_job_id_and_no_job_running_only_deletes(
    kendra_client, index_id, custom_source
):
    execution_id = start(kendra_client, index_id, custom_source)
    put(kendra_client, index_id, doc("a", custom_source, execution_id), doc("b"))
    stop(kendra_client, index_id, custom_source)

    result = kendra_client.batch_delete_document(
        IndexId=index_id,
        DocumentIdList=["a", "b"],
        DataSourceSyncJobMetricTarget={"DataSourceId": custom_source},
    )

    assert result["FailedDocuments"] == []
    assert status_of(kendra_client, index_id, "a", "b") == {"a": "NOT_FOUND", "b": "NOT_FOUND"}
    assert counts(kendra_client, index_id, custom_source, execution_id) == {"DocumentsAdded": 1}


def test_delete_without_a_job_id_on_a_source_that_never_synced(
    kendra_client, index_id, custom_source
):
    put(kendra_client, index_id, doc("a"))

    result = kendra_client.batch_delete_document(
        IndexId=index_id,
        DocumentIdList=["a"],
        DataSourceSyncJobMetricTarget={"DataSourceId": custom_source},
    )

    assert result["FailedDocuments"] == []
    assert status_of(kendra_client, index_id, "a") == {"a": "NOT_FOUND"}


def test_delete_without_a_target_counts_nothing(kendra_client, index_id, custom_source):
    execution_id = start(kendra_client, index_id, custom_source)
    put(kendra_client, index_id, doc("a"))

    result = kendra_client.batch_delete_document(IndexId=index_id, DocumentIdList=["a"])

    assert result["FailedDocuments"] == []
    assert status_of(kendra_client, index_id, "a") == {"a": "NOT_FOUND"}
    assert metrics(kendra_client, index_id, custom_source, execution_id) == ZERO


def test_deleting_a_document_not_in_the_index_counts_nothing(
    kendra_client, index_id, custom_source
):
    execution_id = start(kendra_client, index_id, custom_source)

    result = kendra_client.batch_delete_document(
        IndexId=index_id,
        DocumentIdList=["never-put"],
        DataSourceSyncJobMetricTarget={
            "DataSourceId": custom_source,
            "DataSourceSyncJobId": execution_id,
        },
    )

    assert result["FailedDocuments"] == []
    assert metrics(kendra_client, index_id, custom_source, execution_id) == ZERO


def test_delete_with_an_unknown_data_source_target_is_not_found(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.batch_delete_document(
            IndexId=index_id,
            DocumentIdList=["a"],
            DataSourceSyncJobMetricTarget={"DataSourceId": UNKNOWN_ID},
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


# -- BatchGetDocumentStatus -----------------------------------------------------------


def test_document_status_is_indexed_updated_or_not_found(kendra_client, index_id):
    put(kendra_client, index_id, doc("once"), doc("twice"))
    outcome_of(kendra_client, index_id, "once", "twice")
    put(kendra_client, index_id, doc("twice", blob=b"new content"))
    outcome_of(kendra_client, index_id, "twice")

    result = kendra_client.batch_get_document_status(
        IndexId=index_id,
        DocumentInfoList=[
            {"DocumentId": "once"},
            {"DocumentId": "twice"},
            {"DocumentId": "missing"},
        ],
    )

    assert result["Errors"] == []
    assert result["DocumentStatusList"] == [
        {"DocumentId": "once", "DocumentStatus": "INDEXED"},
        {"DocumentId": "twice", "DocumentStatus": "UPDATED"},
        {"DocumentId": "missing", "DocumentStatus": "NOT_FOUND"},
    ]


def test_document_status_is_per_index(kendra_client, index_id):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    put(kendra_client, index_id, doc("a"))

    assert status_of(kendra_client, other_index, "a") == {"a": "NOT_FOUND"}
    assert outcome_of(kendra_client, index_id, "a") == {"a": "INDEXED"}


# -- unknown index ----------------------------------------------------------------------


def test_document_operations_on_an_unknown_index_are_not_found(kendra_client):
    calls = [
        lambda: kendra_client.batch_put_document(IndexId=UNKNOWN_ID, Documents=[doc("a")]),
        lambda: kendra_client.batch_delete_document(IndexId=UNKNOWN_ID, DocumentIdList=["a"]),
        lambda: kendra_client.batch_get_document_status(
            IndexId=UNKNOWN_ID, DocumentInfoList=[{"DocumentId": "a"}]
        ),
    ]
    for call in calls:
        with pytest.raises(ClientError) as err:
            call()
        code, status, message = error_of(err)
        assert (code, status) == ("ResourceNotFoundException", 400)
        assert UNKNOWN_ID in message


def test_a_document_id_too_long_is_a_validation_error(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.batch_delete_document(IndexId=index_id, DocumentIdList=["x" * 2049])

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "at 'documentIdList.1.member' failed to satisfy constraint" in message
    assert "Member must have length less than or equal to 2048" in message
