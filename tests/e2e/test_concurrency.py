"""One backend driven from many threads, each with its own boto3 client.

Every request of a backend runs under its lock (``moto_kendra.responses.handle``), so
threads interleave whole requests. What must hold afterwards: execution ids are unique,
a data source never had two running jobs, each history holds exactly the jobs that were
started on it, and each job's metrics add up to the documents sent with it.
"""

from __future__ import annotations

import random
import threading
from collections import Counter, defaultdict
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_kendra.spec import checks
from tests.conftest import ROLE_ARN

THREADS = 10
ROUNDS = 40
SOURCES = 3
ALLOWED = {
    "start": {"ResourceInUseException"},
    # Stop with nothing to stop succeeds: no error is expected from it.
}


def make_clients(count: int, region: str = "us-east-1") -> list[Any]:
    """One client per thread, each from its own session (sessions aren't thread-safe)."""
    return [
        boto3.session.Session(
            aws_access_key_id="FOOBARKEY",
            aws_secret_access_key="FOOBARSECRET",
            region_name=region,
        ).client("kendra", config=Config(retries={"total_max_attempts": 1}))
        for _ in range(count)
    ]


def run_threads(work: Any, clients: list[Any]) -> list[BaseException]:
    barrier = threading.Barrier(len(clients))
    failures: list[BaseException] = []

    def target(number: int, client: Any) -> None:
        barrier.wait()
        try:
            work(number, client)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)

    threads = [
        threading.Thread(target=target, args=(number, client))
        for number, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


class Record:
    """What the threads saw succeed, to check the backend against."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started: dict[str, list[str]] = defaultdict(list)  # source -> execution ids
        self.touched: dict[str, dict[str, str]] = defaultdict(dict)  # execution -> doc -> metric
        self.put: set[str] = set()
        self.deleted: set[str] = set()
        self.unexpected: list[str] = []

    def first_touch(self, execution_id: str, doc_id: str, metric: str) -> None:
        with self.lock:
            # A job counts each document once, by what happened to it first.
            self.touched[execution_id].setdefault(doc_id, metric)


def running_job(client: Any, index_id: str, source: str) -> str | None:
    history = client.list_data_source_sync_jobs(IndexId=index_id, Id=source, MaxResults=1)
    jobs = history["History"]
    if jobs and jobs[0]["Status"] == "SYNCING":
        return str(jobs[0]["ExecutionId"])
    return None


def workload(index_id: str, sources: list[str], record: Record) -> Any:
    def work(number: int, client: Any) -> None:
        rng = random.Random(number)
        mine: list[str] = []  # documents this thread put and has not deleted
        for step in range(ROUNDS):
            source = rng.choice(sources)
            action = rng.choice(["start", "stop", "put", "put", "delete", "list", "churn"])
            try:
                if action == "start":
                    execution = client.start_data_source_sync_job(IndexId=index_id, Id=source)
                    with record.lock:
                        record.started[source].append(execution["ExecutionId"])
                elif action == "stop":
                    client.stop_data_source_sync_job(IndexId=index_id, Id=source)
                elif action == "put":
                    execution_id = running_job(client, index_id, source)
                    if execution_id is None:
                        continue
                    docs = [f"t{number}-s{step}-d{n}" for n in range(2)]
                    answer = client.batch_put_document(
                        IndexId=index_id,
                        Documents=[
                            {
                                "Id": doc,
                                "Blob": b"hello",
                                "Attributes": [
                                    {"Key": "_data_source_id", "Value": {"StringValue": source}},
                                    {
                                        "Key": "_data_source_sync_job_execution_id",
                                        "Value": {"StringValue": execution_id},
                                    },
                                ],
                            }
                            for doc in docs
                        ],
                    )
                    failed = {item["Id"] for item in answer["FailedDocuments"]}
                    for doc in docs:
                        if doc not in failed:
                            mine.append(doc)
                            record.first_touch(execution_id, doc, "DocumentsAdded")
                            with record.lock:
                                record.put.add(doc)
                elif action == "delete":
                    execution_id = running_job(client, index_id, source)
                    if execution_id is None or not mine:
                        continue
                    doc = mine.pop(rng.randrange(len(mine)))
                    answer = client.batch_delete_document(
                        IndexId=index_id,
                        DocumentIdList=[doc],
                        DataSourceSyncJobMetricTarget={
                            "DataSourceId": source,
                            "DataSourceSyncJobId": execution_id,
                        },
                    )
                    # Deleted either way; counted only while the job takes documents.
                    with record.lock:
                        record.deleted.add(doc)
                    if not answer["FailedDocuments"]:
                        record.first_touch(execution_id, doc, "DocumentsDeleted")
                    else:
                        # The job was stopped meanwhile: nothing deleted, try again later.
                        mine.append(doc)
                        with record.lock:
                            record.deleted.discard(doc)
                elif action == "list":
                    for page in pages(client.list_data_sources, IndexId=index_id, MaxResults=2):
                        assert len(page["SummaryItems"]) <= 2
                else:
                    name = f"churn-{number}-{step}"
                    created = client.create_data_source(IndexId=index_id, Name=name, Type="CUSTOM")
                    client.start_data_source_sync_job(IndexId=index_id, Id=created["Id"])
                    client.delete_data_source(IndexId=index_id, Id=created["Id"])
            except ClientError as error:
                code = error.response["Error"]["Code"]
                if code not in ALLOWED.get(action, set()):
                    with record.lock:
                        record.unexpected.append(f"{action}: {code}: {error}")

    return work


def pages(method: Any, **params: Any) -> Any:
    """Every page of a listing (botocore has no Kendra paginators)."""
    while True:
        page = method(**params)
        yield page
        if "NextToken" not in page:
            return
        params["NextToken"] = page["NextToken"]


def full_history(client: Any, index_id: str, source: str) -> list[dict[str, Any]]:
    jobs: list[dict[str, Any]] = []
    for page in pages(client.list_data_source_sync_jobs, IndexId=index_id, Id=source):
        jobs.extend(page["History"])
    return jobs


def test_threads_driving_one_backend_keep_jobs_and_metrics_consistent(
    kendra_client, kendra_backend, index_id
):
    sources = [
        kendra_client.create_data_source(IndexId=index_id, Name=f"custom-{n}", Type="CUSTOM")["Id"]
        for n in range(SOURCES)
    ]
    record = Record()
    failures = run_threads(workload(index_id, sources, record), make_clients(THREADS))
    assert failures == []
    assert record.unexpected == []

    started = [execution for executions in record.started.values() for execution in executions]
    assert started, "the threads started jobs"
    assert record.put and record.deleted, "the threads sent and deleted documents"
    assert len(started) == len(set(started)), "execution ids are unique"

    for source in sources:
        history = full_history(kendra_client, index_id, source)
        listed = [job["ExecutionId"] for job in history]
        # Exactly the jobs that were started, each once. The record's order is not the
        # backend's: a thread appends after its answer arrives, and by then another
        # thread may have stopped that job and started the next one.
        assert sorted(listed) == sorted(record.started[source])
        assert len(listed) == len(set(listed))
        # Newest first, by start time.
        starts = [job["StartTime"] for job in history]
        assert starts == sorted(starts, reverse=True)
        # Never two running jobs: every job but the latest was stopped before the next.
        jobs = kendra_backend.indices[index_id].data_sources[source].history.jobs
        assert [job.execution_id for job in jobs] == list(reversed(listed))
        assert all(job.stopped for job in jobs[:-1])
        assert sum(1 for job in history if job["Status"] == "SYNCING") <= 1
        for job in history:
            expected = Counter(record.touched[job["ExecutionId"]].values())
            metrics = {name: int(value) for name, value in job["Metrics"].items()}
            assert metrics["DocumentsAdded"] == expected["DocumentsAdded"], job
            assert metrics["DocumentsDeleted"] == expected["DocumentsDeleted"], job
            assert metrics["DocumentsModified"] == 0
            assert metrics["DocumentsFailed"] == 0

    added = sum(
        int(job["Metrics"]["DocumentsAdded"])
        for s in sources
        for job in full_history(kendra_client, index_id, s)
    )
    assert added == len(record.put)
    remaining = record.put - record.deleted
    assert set(kendra_backend.indices[index_id].documents) == remaining
    statuses = kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": doc} for doc in sorted(record.put)[:10]]
    )["DocumentStatusList"]
    for status in statuses:
        assert (status["DocumentStatus"] == "NOT_FOUND") == (status["DocumentId"] in record.deleted)
    # The churned data sources are all gone again.
    names = {
        item["Name"] for item in kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"]
    }
    assert names == {f"custom-{n}" for n in range(SOURCES)}


def test_concurrent_starts_on_one_data_source_start_exactly_one_job(
    kendra_client, index_id, custom_source
):
    outcomes: list[str] = []
    lock = threading.Lock()

    def work(number: int, client: Any) -> None:
        try:
            execution = client.start_data_source_sync_job(IndexId=index_id, Id=custom_source)
            result = execution["ExecutionId"]
        except ClientError as error:
            result = error.response["Error"]["Code"]
        with lock:
            outcomes.append(result)

    assert run_threads(work, make_clients(12)) == []
    assert outcomes.count("ResourceInUseException") == 11
    [winner] = [outcome for outcome in outcomes if outcome != "ResourceInUseException"]
    history = kendra_client.list_data_source_sync_jobs(IndexId=index_id, Id=custom_source)[
        "History"
    ]
    assert [job["ExecutionId"] for job in history] == [winner]


def test_threads_in_different_regions_do_not_mix(kendra_client):
    regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"]
    clients = [client for region in regions for client in make_clients(2, region)]
    created: dict[str, list[str]] = defaultdict(list)
    lock = threading.Lock()

    def work(number: int, client: Any) -> None:
        for step in range(10):
            index = client.create_index(Name=f"t{number}-{step}", RoleArn=ROLE_ARN)["Id"]
            client.tag_resource(
                ResourceARN=arn(client, index),
                Tags=[{"Key": "thread", "Value": str(number)}],
            )
            tags = client.list_tags_for_resource(ResourceARN=arn(client, index))["Tags"]
            assert tags == [{"Key": "thread", "Value": str(number)}]
            with lock:
                created[client.meta.region_name].append(index)

    assert run_threads(work, clients) == []
    for region in regions:
        client = boto3.client(
            "kendra",
            region_name=region,
            aws_access_key_id="FOOBARKEY",
            aws_secret_access_key="FOOBARSECRET",
        )
        listed = {
            item["Id"]
            for page in pages(client.list_indices, MaxResults=3)
            for item in page["IndexConfigurationSummaryItems"]
        }
        assert listed == set(created[region])
        assert len(created[region]) == 20


def arn(client: Any, index_id: str) -> str:
    return f"arn:aws:kendra:{client.meta.region_name}:123456789012:index/{index_id}"


def test_first_use_of_an_operation_from_many_threads_compiles_once(monkeypatch):
    """Validation is compiled lazily per operation; threads racing to the first request
    of an operation must all get a complete validator."""
    checks._compiler.cache_clear()
    checks._request_check.cache_clear()
    params = {
        "IndexId": "0" * 36,
        "Name": "docs",
        "Type": "CUSTOM",
        "Configuration": {"S3Configuration": {"BucketName": "bucket"}},
    }
    barrier = threading.Barrier(16)
    errors: list[BaseException] = []

    def work() -> None:
        barrier.wait()
        try:
            checks.validate_request("CreateDataSource", dict(params))
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    checks._request_check.cache_clear()
    assert errors == []


@pytest.fixture(autouse=True)
def _fresh_validators():
    yield
    checks._request_check.cache_clear()
