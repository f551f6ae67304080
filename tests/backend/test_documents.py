"""BatchPutDocument, BatchDeleteDocument and BatchGetDocumentStatus through boto3,
following the CUSTOM data source flow of data-source-custom.md."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of, start

ZERO = {
    "DocumentsAdded": "0",
    "DocumentsModified": "0",
    "DocumentsDeleted": "0",
    "DocumentsFailed": "0",
    "DocumentsScanned": "0",
}


def job_attributes(source_id: str, execution_id: str) -> list[dict]:
    return [
        {"Key": "_data_source_id", "Value": {"StringValue": source_id}},
        {"Key": "_data_source_sync_job_execution_id", "Value": {"StringValue": execution_id}},
    ]


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


def metrics(kendra_client, index_id: str, source_id: str, execution_id: str) -> dict:
    jobs = kendra_client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"]
    (job,) = [job for job in jobs if job["ExecutionId"] == execution_id]
    return job["Metrics"]


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


def status_of(kendra_client, index_id: str, *doc_ids: str) -> dict[str, str]:
    result = kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": doc_id} for doc_id in doc_ids]
    )
    assert result["Errors"] == []
    return {item["DocumentId"]: item["DocumentStatus"] for item in result["DocumentStatusList"]}


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
    assert set(status_of(kendra_client, index_id, "doc-0", "doc-1", "doc-2").values()) == {
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
    assert status_of(kendra_client, index_id, "a", "b", "c") == {
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


def test_rejected_documents_come_back_failed_and_count_as_failed(
    kendra_client, index_id, custom_source
):
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
    assert counts(kendra_client, index_id, custom_source, execution_id) == {
        "DocumentsAdded": 1,
        "DocumentsFailed": 1,
    }
    assert status_of(kendra_client, index_id, "good", "empty") == {
        "good": "INDEXED",
        "empty": "NOT_FOUND",
    }


def test_a_document_with_an_s3_path_is_accepted(kendra_client, index_id, custom_source):
    execution_id = start(kendra_client, index_id, custom_source)
    document = doc("from-s3", custom_source, execution_id, blob=None)
    document["S3Path"] = {"Bucket": "docs-bucket", "Key": "a.txt"}

    assert put(kendra_client, index_id, document) == []
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
    # The second put of "a" in the job still updated it in the index.
    assert status_of(kendra_client, index_id, "a", "b") == {"a": "UPDATED", "b": "NOT_FOUND"}


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


# -- documents without a job ------------------------------------------------------------


def test_documents_without_job_attributes_are_indexed_without_metrics(
    kendra_client, index_id, custom_source
):
    execution_id = start(kendra_client, index_id, custom_source)

    failed = put(kendra_client, index_id, doc("plain-1"), doc("plain-2"))

    assert failed == []
    assert status_of(kendra_client, index_id, "plain-1", "plain-2") == {
        "plain-1": "INDEXED",
        "plain-2": "INDEXED",
    }
    assert metrics(kendra_client, index_id, custom_source, execution_id) == ZERO


def test_documents_need_no_data_source_at_all(kendra_client, index_id):
    assert put(kendra_client, index_id, doc("plain")) == []
    assert status_of(kendra_client, index_id, "plain") == {"plain": "INDEXED"}


@pytest.mark.parametrize("kept", ["_data_source_id", "_data_source_sync_job_execution_id"])
def test_only_one_job_attribute_is_a_failed_document(kendra_client, index_id, custom_source, kept):
    execution_id = start(kendra_client, index_id, custom_source)
    document = doc("half", custom_source, execution_id)
    document["Attributes"] = [a for a in document["Attributes"] if a["Key"] == kept]

    (entry,) = put(kendra_client, index_id, document, doc("fine"))

    assert entry["Id"] == "half"
    assert entry["ErrorCode"] == "InvalidRequest"
    assert "_data_source_id" in entry["ErrorMessage"]
    assert "_data_source_sync_job_execution_id" in entry["ErrorMessage"]
    assert status_of(kendra_client, index_id, "half", "fine") == {
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
    assert status_of(kendra_client, index_id, "late-1", "kept") == {
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
    assert status_of(kendra_client, index_id, "a", "b") == {"a": "INDEXED", "b": "INDEXED"}
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
    assert status_of(kendra_client, index_id, "a", "b", "c") == {
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
    put(kendra_client, index_id, doc("twice", blob=b"new content"))

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
    assert status_of(kendra_client, index_id, "a") == {"a": "INDEXED"}


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
