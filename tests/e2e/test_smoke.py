from tests import conformance


def test_a_sync_job_is_listed_with_its_metrics(kendra_client, index_id, custom_source):
    execution_id = kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)[
        "ExecutionId"
    ]
    history = kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)[
        "History"
    ]
    assert [job["ExecutionId"] for job in history] == [execution_id]
    # Kendra doesn't return DocumentsScanned for a CUSTOM data source.
    assert set(history[0]["Metrics"]) == {
        "DocumentsAdded",
        "DocumentsModified",
        "DocumentsDeleted",
        "DocumentsFailed",
    }
    assert conformance.checked["responses"] >= 4
