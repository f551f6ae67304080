"""Tests of the application's sync helper, against moto-kendra's fixtures."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from kendra_sync import SyncFailed, find_job, push_documents, sync_and_wait

ROLE = "arn:aws:iam::123456789012:role/kendra"


@pytest.fixture
def index_id(kendra_client):
    return kendra_client.create_index(Name="handbook", RoleArn=ROLE)["Id"]


@pytest.fixture
def webcrawler(kendra_client, index_id):
    return kendra_client.create_data_source(
        IndexId=index_id,
        Name="intranet",
        Type="WEBCRAWLER",
        RoleArn=ROLE,
        Configuration={
            "WebCrawlerConfiguration": {
                "Urls": {"SeedUrlConfiguration": {"SeedUrls": ["https://intranet.example.com"]}}
            }
        },
    )["Id"]


def test_waits_through_each_status_until_the_sync_succeeds(kendra_client, index_id, webcrawler):
    sleeps = []
    job = sync_and_wait(kendra_client, index_id, webcrawler, sleep=sleeps.append)
    assert job["Status"] == "SUCCEEDED"
    assert job["EndTime"] >= job["StartTime"]
    # Polls read SYNCING, then SYNCING_INDEXING, then SUCCEEDED: two sleeps in between.
    assert sleeps == [30.0, 30.0]


def test_an_immediate_progression_needs_no_polling(kendra_client, index_id, webcrawler):
    state_manager.set_transition("kendra::sync_job", {"progression": "immediate"})
    sleeps = []
    job = sync_and_wait(kendra_client, index_id, webcrawler, sleep=sleeps.append)
    assert job["Status"] == "SUCCEEDED"
    assert sleeps == []


def test_gives_up_after_max_polls(kendra_client, index_id, webcrawler):
    with pytest.raises(TimeoutError, match="still running after 2 polls"):
        sync_and_wait(kendra_client, index_id, webcrawler, max_polls=2, sleep=lambda s: None)


def test_a_second_sync_while_one_runs_is_refused(kendra_client, index_id, webcrawler):
    kendra_client.start_data_source_sync_job(Id=webcrawler, IndexId=index_id)
    with pytest.raises(ClientError) as error:
        sync_and_wait(kendra_client, index_id, webcrawler, sleep=lambda s: None)
    assert error.value.response["Error"]["Code"] == "ResourceInUseException"


def test_a_stopped_sync_is_reported_as_failed(kendra_client, index_id, webcrawler):
    def stop_while_waiting(seconds):
        if seconds_slept == []:
            kendra_client.stop_data_source_sync_job(Id=webcrawler, IndexId=index_id)
        seconds_slept.append(seconds)

    seconds_slept = []
    with pytest.raises(SyncFailed, match="ended ABORTED") as error:
        sync_and_wait(kendra_client, index_id, webcrawler, sleep=stop_while_waiting)
    assert error.value.job["Status"] == "ABORTED"
    assert seconds_slept == [30.0, 30.0]  # read SYNCING, then STOPPING, then ABORTED


def test_a_custom_connector_run_reports_its_documents(kendra_client, index_id):
    source = kendra_client.create_data_source(IndexId=index_id, Name="wiki", Type="CUSTOM")["Id"]
    pages = {f"page-{n}": f"text of page {n}" for n in range(12)}

    first = push_documents(kendra_client, index_id, source, pages)
    assert first["FailedDocuments"] == []
    pages["page-0"] = "edited"
    pages["page-12"] = "new page"
    second = push_documents(kendra_client, index_id, source, pages)

    metrics = [
        find_job(kendra_client, index_id, source, run["ExecutionId"])["Metrics"]
        for run in (first, second)
    ]
    assert metrics[0]["DocumentsAdded"] == "12"
    assert metrics[1]["DocumentsAdded"] == "1"
    assert metrics[1]["DocumentsModified"] == "12"
    statistics = kendra_client.describe_index(Id=index_id)["IndexStatistics"]
    assert statistics["TextDocumentStatistics"]["IndexedTextDocumentsCount"] == 13


def test_every_test_starts_with_no_indices(kendra_client):
    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
