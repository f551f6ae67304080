"""StartDataSourceSyncJob, StopDataSourceSyncJob and ListDataSourceSyncJobs through boto3.

By default (state manager ``kendra::sync_job`` = manual, times 1) every
ListDataSourceSyncJobs that returns a job shows its status, then advances it one step.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of, start

METRICS = {
    "DocumentsAdded",
    "DocumentsModified",
    "DocumentsDeleted",
    "DocumentsFailed",
    "DocumentsScanned",
}


# One session for the extra clients: a new session reads botocore's data again (slow).
_S3_SESSION = boto3.session.Session(
    aws_access_key_id="FOOBARKEY", aws_secret_access_key="FOOBARSECRET"
)


@pytest.fixture
def s3_source(s3_source, kendra_client) -> str:
    """The conftest's S3 data source, with its bucket 'docs-bucket' in moto's S3 (the
    crawl fails a job whose bucket doesn't exist)."""
    _S3_SESSION.client("s3", region_name="us-east-1").create_bucket(Bucket="docs-bucket")
    return s3_source


def history(kendra_client, index_id: str, source_id: str, **kwargs) -> list[dict]:
    return kendra_client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id, **kwargs)[
        "History"
    ]


def only_job(kendra_client, index_id: str, source_id: str) -> dict:
    (job,) = history(kendra_client, index_id, source_id)
    return job


def statuses(kendra_client, index_id: str, source_id: str, lists: int) -> list[str]:
    return [only_job(kendra_client, index_id, source_id)["Status"] for _ in range(lists)]


# -- starting -------------------------------------------------------------------


def test_execution_ids_are_unique_uuids(kendra_client, index_id, custom_source):
    ids = []
    for _ in range(3):
        ids.append(start(kendra_client, index_id, custom_source))
        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)

    for execution_id in ids:
        assert str(uuid.UUID(execution_id)) == execution_id
    assert len(set(ids)) == 3


def test_a_started_job_has_a_start_time_and_no_end_time(kendra_client, index_id, s3_source):
    before = datetime.now(timezone.utc) - timedelta(seconds=1)
    execution_id = start(kendra_client, index_id, s3_source)

    job = only_job(kendra_client, index_id, s3_source)

    assert job["ExecutionId"] == execution_id
    assert job["Status"] == "SYNCING"
    assert before <= job["StartTime"] <= datetime.now(timezone.utc) + timedelta(seconds=1)
    assert "EndTime" not in job
    for absent in ("ErrorCode", "ErrorMessage", "DataSourceErrorCode"):
        assert absent not in job


def test_metrics_are_decimal_strings_without_documents_scanned_for_custom_sources(
    kendra_client, index_id, s3_source, custom_source
):
    start(kendra_client, index_id, s3_source)
    start(kendra_client, index_id, custom_source)
    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)

    # data-source-custom.md: Kendra doesn't return DocumentsScanned for custom sources.
    for source, members in ((s3_source, METRICS), (custom_source, METRICS - {"DocumentsScanned"})):
        for _ in range(4):
            job = only_job(kendra_client, index_id, source)
            assert set(job["Metrics"]) == members
            for value in job["Metrics"].values():
                assert isinstance(value, str)
                assert re.fullmatch(r"0|[1-9][0-9]*", value)


# -- default progression ----------------------------------------------------------


def test_connector_job_progresses_one_step_per_listing(kendra_client, index_id, s3_source):
    start(kendra_client, index_id, s3_source)

    seen = [only_job(kendra_client, index_id, s3_source) for _ in range(4)]

    assert [job["Status"] for job in seen] == [
        "SYNCING",
        "SYNCING_INDEXING",
        "SUCCEEDED",
        "SUCCEEDED",
    ]
    assert "EndTime" not in seen[0] and "EndTime" not in seen[1]
    assert seen[2]["EndTime"] >= seen[2]["StartTime"]
    # Once over, the job stays as it ended.
    assert seen[3]["EndTime"] == seen[2]["EndTime"]
    assert len({job["StartTime"] for job in seen}) == 1


def test_custom_job_keeps_syncing_until_stopped(kendra_client, index_id, custom_source):
    start(kendra_client, index_id, custom_source)

    assert statuses(kendra_client, index_id, custom_source, 6) == ["SYNCING"] * 6

    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)

    seen = [only_job(kendra_client, index_id, custom_source) for _ in range(3)]
    assert [job["Status"] for job in seen] == ["SYNCING_INDEXING", "SUCCEEDED", "SUCCEEDED"]
    assert "EndTime" not in seen[0]
    assert seen[1]["EndTime"] >= seen[1]["StartTime"]


def test_stopping_a_connector_job_aborts_it(kendra_client, index_id, s3_source):
    start(kendra_client, index_id, s3_source)

    kendra_client.stop_data_source_sync_job(Id=s3_source, IndexId=index_id)

    seen = [only_job(kendra_client, index_id, s3_source) for _ in range(3)]
    assert [job["Status"] for job in seen] == ["STOPPING", "ABORTED", "ABORTED"]
    assert "EndTime" not in seen[0]
    assert seen[1]["EndTime"] >= seen[1]["StartTime"]


def test_error_fields_show_only_once_the_job_failed(kendra_client, index_id):
    source = kendra_client.create_data_source(
        IndexId=index_id,
        Name="no-bucket",
        Type="S3",
        RoleArn=ROLE_ARN,
        Configuration={"S3Configuration": {"BucketName": "missing-bucket"}},
    )["Id"]
    start(kendra_client, index_id, source)

    seen = [only_job(kendra_client, index_id, source) for _ in range(3)]

    assert [job["Status"] for job in seen] == ["SYNCING", "SYNCING_INDEXING", "FAILED"]
    for running in seen[:2]:
        for absent in ("ErrorCode", "ErrorMessage", "DataSourceErrorCode", "EndTime"):
            assert absent not in running
    assert seen[2]["ErrorCode"] == "InvalidRequest"
    assert "missing-bucket" in seen[2]["ErrorMessage"]
    assert seen[2]["DataSourceErrorCode"] == "NoSuchBucket"
    assert "EndTime" in seen[2]


def test_a_connector_job_can_be_stopped_while_syncing_indexing(kendra_client, index_id, s3_source):
    start(kendra_client, index_id, s3_source)
    assert statuses(kendra_client, index_id, s3_source, 1) == ["SYNCING"]

    kendra_client.stop_data_source_sync_job(Id=s3_source, IndexId=index_id)

    assert statuses(kendra_client, index_id, s3_source, 2) == ["STOPPING", "ABORTED"]


def test_immediate_progression_ends_a_connector_job_at_once(kendra_client, index_id, s3_source):
    state_manager.set_transition("kendra::sync_job", {"progression": "immediate"})
    try:
        start(kendra_client, index_id, s3_source)

        job = only_job(kendra_client, index_id, s3_source)

        assert job["Status"] == "SUCCEEDED"
        assert job["EndTime"] >= job["StartTime"]
    finally:
        state_manager.unset_transition("kendra::sync_job")


def test_immediate_progression_ends_a_custom_job_once_stopped(
    kendra_client, index_id, custom_source
):
    state_manager.set_transition("kendra::sync_job", {"progression": "immediate"})
    try:
        start(kendra_client, index_id, custom_source)
        assert statuses(kendra_client, index_id, custom_source, 2) == ["SYNCING", "SYNCING"]

        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)

        job = only_job(kendra_client, index_id, custom_source)
        assert job["Status"] == "SUCCEEDED"
        assert "EndTime" in job
    finally:
        state_manager.unset_transition("kendra::sync_job")


def test_manual_progression_with_more_times_waits_longer(kendra_client, index_id, s3_source):
    state_manager.set_transition("kendra::sync_job", {"progression": "manual", "times": 2})
    try:
        start(kendra_client, index_id, s3_source)

        assert statuses(kendra_client, index_id, s3_source, 5) == [
            "SYNCING",
            "SYNCING",
            "SYNCING_INDEXING",
            "SYNCING_INDEXING",
            "SUCCEEDED",
        ]
    finally:
        state_manager.unset_transition("kendra::sync_job")


# -- what blocks a new start ----------------------------------------------------------


def test_start_while_syncing_is_resource_in_use(kendra_client, index_id, custom_source):
    running = start(kendra_client, index_id, custom_source)

    with pytest.raises(ClientError) as err:
        start(kendra_client, index_id, custom_source)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceInUseException", 400)
    assert running in message
    assert "SYNCING" in message
    assert [job["ExecutionId"] for job in history(kendra_client, index_id, custom_source)] == [
        running
    ]


def test_start_while_stopping_is_resource_in_use(kendra_client, index_id, s3_source):
    running = start(kendra_client, index_id, s3_source)
    kendra_client.stop_data_source_sync_job(Id=s3_source, IndexId=index_id)

    with pytest.raises(ClientError) as err:
        start(kendra_client, index_id, s3_source)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceInUseException", 400)
    assert running in message
    assert "STOPPING" in message


def test_syncing_indexing_does_not_block_a_new_start(kendra_client, index_id, custom_source):
    first = start(kendra_client, index_id, custom_source)
    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)

    second = start(kendra_client, index_id, custom_source)

    jobs = history(kendra_client, index_id, custom_source)
    assert [(job["ExecutionId"], job["Status"]) for job in jobs] == [
        (second, "SYNCING"),
        (first, "SYNCING_INDEXING"),
    ]


@pytest.mark.parametrize("source", ["s3_source", "template_source"])
def test_a_connector_job_in_syncing_indexing_blocks_a_new_start(
    kendra_client, index_id, source, request
):
    # API_StartDataSourceSyncJob.md: "If a synchronization job is already in progress,
    # Amazon Kendra returns a ResourceInUseException"; only CUSTOM sources may start
    # while the previous job is SYNCING_INDEXING.
    source_id = request.getfixturevalue(source)
    first = start(kendra_client, index_id, source_id)
    assert statuses(kendra_client, index_id, source_id, 1) == ["SYNCING"]

    with pytest.raises(ClientError) as err:
        start(kendra_client, index_id, source_id)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceInUseException", 400)
    assert first in message and "SYNCING_INDEXING" in message
    assert statuses(kendra_client, index_id, source_id, 1) == ["SYNCING_INDEXING"]
    assert statuses(kendra_client, index_id, source_id, 1) == ["SUCCEEDED"]
    second = start(kendra_client, index_id, source_id)
    assert [job["ExecutionId"] for job in history(kendra_client, index_id, source_id)] == [
        second,
        first,
    ]


def test_an_ended_job_does_not_block(kendra_client, index_id, s3_source):
    first = start(kendra_client, index_id, s3_source)
    kendra_client.stop_data_source_sync_job(Id=s3_source, IndexId=index_id)
    assert statuses(kendra_client, index_id, s3_source, 2) == ["STOPPING", "ABORTED"]

    second = start(kendra_client, index_id, s3_source)

    assert second != first
    assert [job["ExecutionId"] for job in history(kendra_client, index_id, s3_source)] == [
        second,
        first,
    ]


def test_jobs_of_one_data_source_do_not_block_another(
    kendra_client, index_id, custom_source, s3_source
):
    start(kendra_client, index_id, custom_source)

    start(kendra_client, index_id, s3_source)

    assert only_job(kendra_client, index_id, s3_source)["Status"] == "SYNCING"
    assert only_job(kendra_client, index_id, custom_source)["Status"] == "SYNCING"


def test_start_on_a_data_source_still_creating_is_a_conflict(kendra_client, index_id):
    state_manager.set_transition("kendra::data_source", {"progression": "manual", "times": 1})
    try:
        source = kendra_client.create_data_source(IndexId=index_id, Name="new", Type="CUSTOM")["Id"]

        with pytest.raises(ClientError) as err:
            start(kendra_client, index_id, source)

        code, status, message = error_of(err)
        assert (code, status) == ("ConflictException", 400)
        assert "CREATING" in message
        assert kendra_client.describe_data_source(Id=source, IndexId=index_id)["Status"] == (
            "CREATING"
        )
        # The describe advanced it: it is ACTIVE now and takes a job.
        assert start(kendra_client, index_id, source)
    finally:
        state_manager.unset_transition("kendra::data_source")


# -- stopping -----------------------------------------------------------------------


def test_stop_with_no_job_succeeds_and_changes_nothing(kendra_client, index_id, custom_source):
    # Public connectors call Stop before every Start: Kendra accepts it.
    assert (
        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)[
            "ResponseMetadata"
        ]["HTTPStatusCode"]
        == 200
    )

    assert history(kendra_client, index_id, custom_source) == []
    execution_id = start(kendra_client, index_id, custom_source)
    assert only_job(kendra_client, index_id, custom_source)["ExecutionId"] == execution_id


def test_stop_twice_succeeds_and_changes_nothing(kendra_client, index_id, custom_source, s3_source):
    for source, after_stop in ((custom_source, "SYNCING_INDEXING"), (s3_source, "STOPPING")):
        start(kendra_client, index_id, source)
        kendra_client.stop_data_source_sync_job(Id=source, IndexId=index_id)

        kendra_client.stop_data_source_sync_job(Id=source, IndexId=index_id)

        assert statuses(kendra_client, index_id, source, 1) == [after_stop]


def test_stop_of_a_connector_job_already_stopping_changes_nothing(
    kendra_client, index_id, s3_source
):
    start(kendra_client, index_id, s3_source)
    kendra_client.stop_data_source_sync_job(Id=s3_source, IndexId=index_id)
    assert statuses(kendra_client, index_id, s3_source, 1) == ["STOPPING"]

    kendra_client.stop_data_source_sync_job(Id=s3_source, IndexId=index_id)

    assert statuses(kendra_client, index_id, s3_source, 2) == ["ABORTED", "ABORTED"]


def test_stop_after_the_job_ended_changes_nothing(kendra_client, index_id, s3_source):
    start(kendra_client, index_id, s3_source)
    assert statuses(kendra_client, index_id, s3_source, 3)[-1] == "SUCCEEDED"

    kendra_client.stop_data_source_sync_job(Id=s3_source, IndexId=index_id)

    job = only_job(kendra_client, index_id, s3_source)
    assert job["Status"] == "SUCCEEDED"
    assert "EndTime" in job


def test_a_connector_that_stops_before_each_start_runs_to_completion(
    kendra_client, index_id, s3_source, custom_source
):
    """Stop before every Start (as public connectors do), then poll with a StatusFilter
    until the run is listed SUCCEEDED: it ends, as it does against Kendra."""
    for source in (s3_source, custom_source):
        for _ in range(2):
            kendra_client.stop_data_source_sync_job(Id=source, IndexId=index_id)
            execution_id = start(kendra_client, index_id, source)
            if source == custom_source:  # a custom connector ends its run with Stop
                kendra_client.stop_data_source_sync_job(Id=source, IndexId=index_id)
            polls = 0
            while execution_id not in [
                job["ExecutionId"]
                for job in history(kendra_client, index_id, source, StatusFilter="SUCCEEDED")
            ]:
                polls += 1
                assert polls < 10, "the poll never ends"
        assert [job["Status"] for job in history(kendra_client, index_id, source)] == [
            "SUCCEEDED",
            "SUCCEEDED",
        ]


# -- listing ----------------------------------------------------------------------


def test_a_data_source_without_jobs_has_an_empty_history(kendra_client, index_id, custom_source):
    result = kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)

    assert result["History"] == []
    assert "NextToken" not in result


def _unvalidated_client(kendra_client):
    return _S3_SESSION.client(
        "kendra",
        region_name=kendra_client.meta.region_name,
        config=Config(parameter_validation=False),
    )


@pytest.mark.parametrize(
    ("max_results", "constraint"),
    [
        (0, "Member must have value greater than or equal to 1"),
        (11, "Member must have value less than or equal to 10"),
    ],
)
def test_max_results_out_of_range_is_a_validation_error(
    kendra_client, index_id, custom_source, max_results, constraint
):
    # botocore itself refuses MaxResults below the minimum before sending; Kendra
    # answers the request the same way when it gets there.
    client = _unvalidated_client(kendra_client)

    with pytest.raises(ClientError) as err:
        client.list_data_source_sync_jobs(
            Id=custom_source, IndexId=index_id, MaxResults=max_results
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert message == (
        f"1 validation error detected: Value '{max_results}' at 'maxResults' failed to "
        f"satisfy constraint: {constraint}"
    )


def test_paging_yields_every_job_newest_first(kendra_client, index_id, custom_source):
    started = []
    for _ in range(25):
        started.append(start(kendra_client, index_id, custom_source))
        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)

    seen: list[str] = []
    sizes: list[int] = []
    kwargs = {"Id": custom_source, "IndexId": index_id, "MaxResults": 10}
    while True:
        page = kendra_client.list_data_source_sync_jobs(**kwargs)
        sizes.append(len(page["History"]))
        seen.extend(job["ExecutionId"] for job in page["History"])
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]

    assert sizes == [10, 10, 5]
    assert seen == list(reversed(started))
    assert len(set(seen)) == 25


def test_a_job_started_between_pages_does_not_repeat_or_skip(
    kendra_client, index_id, custom_source
):
    started = []
    for _ in range(3):
        started.append(start(kendra_client, index_id, custom_source))
        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)

    first = kendra_client.list_data_source_sync_jobs(
        Id=custom_source, IndexId=index_id, MaxResults=2
    )
    late = start(kendra_client, index_id, custom_source)
    rest = kendra_client.list_data_source_sync_jobs(
        Id=custom_source, IndexId=index_id, MaxResults=2, NextToken=first["NextToken"]
    )

    seen = [job["ExecutionId"] for job in first["History"] + rest["History"]]
    assert seen == list(reversed(started))
    assert late not in seen
    assert "NextToken" not in rest


def test_default_page_size_is_ten(kendra_client, index_id, custom_source):
    for _ in range(11):
        start(kendra_client, index_id, custom_source)
        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)

    page = kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)

    assert len(page["History"]) == 10
    assert "NextToken" in page


def test_a_next_token_of_another_data_source_is_a_validation_error(
    kendra_client, index_id, custom_source, s3_source
):
    for _ in range(2):
        start(kendra_client, index_id, custom_source)
        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    token = kendra_client.list_data_source_sync_jobs(
        Id=custom_source, IndexId=index_id, MaxResults=1
    )["NextToken"]

    with pytest.raises(ClientError) as err:
        kendra_client.list_data_source_sync_jobs(Id=s3_source, IndexId=index_id, NextToken=token)

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "NextToken" in message


def test_status_filter(kendra_client, index_id, custom_source):
    first = start(kendra_client, index_id, custom_source)
    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    second = start(kendra_client, index_id, custom_source)

    syncing = history(kendra_client, index_id, custom_source, StatusFilter="SYNCING")
    assert [job["ExecutionId"] for job in syncing] == [second]
    # The job the filter left out was read and advanced too: it ended meanwhile.
    assert history(kendra_client, index_id, custom_source, StatusFilter="SYNCING_INDEXING") == []
    succeeded = history(kendra_client, index_id, custom_source, StatusFilter="SUCCEEDED")
    assert [job["ExecutionId"] for job in succeeded] == [first]
    assert history(kendra_client, index_id, custom_source, StatusFilter="FAILED") == []


def test_a_poll_on_a_status_filter_ends(kendra_client, index_id, template_source):
    """API_ListDataSourceSyncJobs.md: a listing advances every job it reads, including
    those its StatusFilter leaves out, so waiting for SUCCEEDED with a filter ends."""
    execution_id = start(kendra_client, index_id, template_source)

    polls = []
    while True:
        found = history(kendra_client, index_id, template_source, StatusFilter="SUCCEEDED")
        polls.append(len(found))
        if found:
            break
        assert len(polls) < 10, "the poll never ends"

    assert polls == [0, 0, 1]
    assert found[0]["ExecutionId"] == execution_id


def test_a_start_time_filter_that_leaves_a_job_out_still_advances_it(
    kendra_client, index_id, template_source
):
    start(kendra_client, index_id, template_source)
    later = {"StartTime": datetime.now(timezone.utc) + timedelta(hours=1)}

    for _ in range(2):
        assert history(kendra_client, index_id, template_source, StartTimeFilter=later) == []

    assert only_job(kendra_client, index_id, template_source)["Status"] == "SUCCEEDED"


def test_a_page_size_that_leaves_a_running_job_out_still_advances_it(
    kendra_client, index_id, custom_source
):
    first = start(kendra_client, index_id, custom_source)
    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    second = start(kendra_client, index_id, custom_source)

    page = history(kendra_client, index_id, custom_source, MaxResults=1)

    assert [job["ExecutionId"] for job in page] == [second]
    jobs = history(kendra_client, index_id, custom_source)
    assert [(job["ExecutionId"], job["Status"]) for job in jobs] == [
        (second, "SYNCING"),
        (first, "SUCCEEDED"),
    ]


def test_status_filter_with_an_unknown_status_is_a_validation_error(
    kendra_client, index_id, custom_source
):
    with pytest.raises(ClientError) as err:
        history(kendra_client, index_id, custom_source, StatusFilter="RUNNING")

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "Value 'RUNNING' at 'statusFilter' failed to satisfy constraint" in message


def test_start_time_filter(kendra_client, index_id, custom_source):
    started = []
    for _ in range(2):
        started.append(start(kendra_client, index_id, custom_source))
        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    now = datetime.now(timezone.utc)
    hour = timedelta(hours=1)

    around = history(
        kendra_client,
        index_id,
        custom_source,
        StartTimeFilter={"StartTime": now - hour, "EndTime": now + hour},
    )
    later = history(
        kendra_client, index_id, custom_source, StartTimeFilter={"StartTime": now + hour}
    )
    earlier = history(
        kendra_client, index_id, custom_source, StartTimeFilter={"EndTime": now - hour}
    )

    assert [job["ExecutionId"] for job in around] == list(reversed(started))
    assert later == []
    assert earlier == []


@pytest.mark.parametrize("operation", ["start", "stop", "list"])
def test_unknown_data_source_is_not_found(kendra_client, index_id, operation):
    call = {
        "start": kendra_client.start_data_source_sync_job,
        "stop": kendra_client.stop_data_source_sync_job,
        "list": kendra_client.list_data_source_sync_jobs,
    }[operation]

    with pytest.raises(ClientError) as err:
        call(Id=UNKNOWN_ID, IndexId=index_id)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message
    assert index_id in message


@pytest.mark.parametrize("operation", ["start", "stop", "list"])
def test_unknown_index_is_not_found(kendra_client, index_id, custom_source, operation):
    call = {
        "start": kendra_client.start_data_source_sync_job,
        "stop": kendra_client.stop_data_source_sync_job,
        "list": kendra_client.list_data_source_sync_jobs,
    }[operation]

    with pytest.raises(ClientError) as err:
        call(Id=custom_source, IndexId=UNKNOWN_ID)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


def test_data_source_of_another_index_is_not_found(kendra_client, index_id, custom_source):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]

    with pytest.raises(ClientError) as err:
        kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=other_index)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert custom_source in message


def test_a_next_token_edited_by_hand_is_refused(kendra_client, index_id, custom_source):
    import base64

    for _ in range(3):
        start(kendra_client, index_id, custom_source)
        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    token = kendra_client.list_data_source_sync_jobs(
        Id=custom_source, IndexId=index_id, MaxResults=1
    )["NextToken"]
    position, digest, mac = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).split(b".")
    edited = base64.urlsafe_b64encode(b".".join([b"0", digest, mac])).decode().rstrip("=")
    assert edited != token
    with pytest.raises(ClientError) as raised:
        kendra_client.list_data_source_sync_jobs(
            Id=custom_source, IndexId=index_id, MaxResults=1, NextToken=edited
        )
    code, status, message = error_of(raised)
    assert (code, status) == ("ValidationException", 400)
    assert message.startswith("The NextToken is invalid")
    # The real token still works, however many listings came in between.
    for _ in range(50):
        kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id, MaxResults=1)
    page = kendra_client.list_data_source_sync_jobs(
        Id=custom_source, IndexId=index_id, MaxResults=1, NextToken=token
    )
    assert len(page["History"]) == 1
