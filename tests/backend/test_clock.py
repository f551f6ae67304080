"""Time progression for sync jobs, and polling loops tested without real sleeping.

moto's ManagedState reads ``datetime.now()`` from its own module; moto-kendra's models
read it for StartTime/EndTime and when a Stop restarts a progression. Replacing
``datetime`` in both modules with a class whose ``now()`` reads a fake clock makes a
``{"progression": "time", "seconds": N}`` transition move exactly when the fake clock
says N seconds have passed. No test here sleeps or measures real time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest
from moto.moto_api import state_manager
from moto.moto_api._internal import managed_state_model

from moto_kendra.backend import clock as kendra_clock

END = {"SUCCEEDED", "FAILED", "INCOMPLETE", "ABORTED"}


class FakeClock:
    """A clock that moves only when ``sleep`` is called."""

    def __init__(self) -> None:
        self.now = datetime(2024, 1, 1, 12, 0, 0)

    def sleep(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()

    class FakeDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            return (
                clock.now if tz is None else clock.now.replace(tzinfo=timezone.utc).astimezone(tz)
            )

    monkeypatch.setattr(managed_state_model, "datetime", FakeDatetime)
    monkeypatch.setattr(kendra_clock, "datetime", FakeDatetime)
    return clock


@pytest.fixture
def seconds_per_step(kendra_client) -> int:
    # The fixtures undo this after the test (moto's reset does not).
    state_manager.set_transition("kendra::sync_job", {"progression": "time", "seconds": 30})
    return 30


def wait_for_sync(
    client,
    index_id: str,
    source_id: str,
    sleep: Callable[[float], None],
    interval: float = 10,
    attempts: int = 60,
) -> dict:
    """An application's polling loop: the function under test, with ``sleep`` injectable."""
    for _ in range(attempts):
        job = client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"][0]
        if job["Status"] in END:
            return job
        sleep(interval)
    raise TimeoutError("the sync job did not finish")


def latest(client, index_id: str, source_id: str) -> dict:
    return client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"][0]


def test_a_connector_job_moves_one_step_every_n_seconds(
    kendra_client, clock, seconds_per_step, index_id, template_source
):
    kendra_client.start_data_source_sync_job(Id=template_source, IndexId=index_id)
    observed = []
    for step in (0, 29, 2, 29, 2, 100):
        clock.sleep(step)
        observed.append(latest(kendra_client, index_id, template_source)["Status"])
    assert observed == [
        "SYNCING",
        "SYNCING",
        "SYNCING_INDEXING",
        "SYNCING_INDEXING",
        "SUCCEEDED",
        "SUCCEEDED",
    ]
    job = latest(kendra_client, index_id, template_source)
    assert job["EndTime"] - job["StartTime"] == timedelta(seconds=62)


@pytest.mark.kendra_sync(status="FAILED", error_code="InternalError", error_message="Scripted.")
def test_a_polling_loop_runs_without_real_sleeping(
    kendra_client, clock, seconds_per_step, index_id, template_source
):
    kendra_client.start_data_source_sync_job(Id=template_source, IndexId=index_id)
    job = wait_for_sync(kendra_client, index_id, template_source, sleep=clock.sleep)
    assert (job["Status"], job["ErrorCode"], job["ErrorMessage"]) == (
        "FAILED",
        "InternalError",
        "Scripted.",
    )
    # A step happens at the first read *more* than 30 s after the previous one: polled
    # every 10 s, SYNCING_INDEXING at 40 s and FAILED at 80 s (simulated).
    assert clock.now == datetime(2024, 1, 1, 12, 1, 20)
    assert job["EndTime"] - job["StartTime"] == timedelta(seconds=80)


def test_stop_moves_to_aborted_after_n_seconds(
    kendra_client, clock, seconds_per_step, index_id, template_source
):
    kendra_client.start_data_source_sync_job(Id=template_source, IndexId=index_id)
    clock.sleep(10)
    kendra_client.stop_data_source_sync_job(Id=template_source, IndexId=index_id)
    observed = []
    for step in (0, 29, 2):
        clock.sleep(step)
        observed.append(latest(kendra_client, index_id, template_source)["Status"])
    assert observed == ["STOPPING", "STOPPING", "ABORTED"]


def test_a_custom_job_syncs_until_stop_then_ends_n_seconds_later(
    kendra_client, clock, seconds_per_step, index_id, custom_source
):
    kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)
    clock.sleep(3600)
    assert latest(kendra_client, index_id, custom_source)["Status"] == "SYNCING"
    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    job = wait_for_sync(kendra_client, index_id, custom_source, sleep=clock.sleep)
    assert job["Status"] == "SUCCEEDED"


def test_an_s3_crawl_is_indexed_when_the_time_progression_ends_it(
    kendra_client, clock, seconds_per_step, index_id, s3_source
):
    import boto3

    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="docs-bucket")
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    kendra_client.start_data_source_sync_job(Id=s3_source, IndexId=index_id)
    statistics = kendra_client.describe_index(Id=index_id)["IndexStatistics"][
        "TextDocumentStatistics"
    ]
    assert statistics["IndexedTextDocumentsCount"] == 0
    clock.sleep(31)
    kendra_client.describe_index(Id=index_id)  # SYNCING -> SYNCING_INDEXING
    clock.sleep(31)
    # DescribeIndex alone lets the job reach its end: no job listing needed.
    statistics = kendra_client.describe_index(Id=index_id)["IndexStatistics"][
        "TextDocumentStatistics"
    ]
    assert statistics == {"IndexedTextDocumentsCount": 1, "IndexedTextBytes": 5}
    assert latest(kendra_client, index_id, s3_source)["Metrics"]["DocumentsAdded"] == "1"
