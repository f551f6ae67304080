"""A backend's state to JSON and back (``KendraBackend.snapshot``/``restore``, the
``/moto-api/kendra/state`` route): what Describe and List show is the same after."""

from __future__ import annotations

import json
from collections import OrderedDict
from datetime import datetime, timezone
from typing import Any

import boto3
import pytest
import requests

from moto_kendra.backend import persistence
from moto_kendra.backend.persistence import StateError
from tests import fake_clock
from tests.conftest import ROLE_ARN

STATE_URL = "http://motoapi.amazonaws.com/moto-api/kendra/state"


def job_attributes(source_id: str, execution_id: str) -> list[dict[str, Any]]:
    return [
        {"Key": "_data_source_id", "Value": {"StringValue": source_id}},
        {"Key": "_data_source_sync_job_execution_id", "Value": {"StringValue": execution_id}},
    ]


def make_state(client: Any) -> dict[str, str]:
    """An index with tags, a CUSTOM source with a job and documents, an S3 source with
    a finished crawl and one still running."""
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="persisted-docs")
    s3.put_object(Bucket="persisted-docs", Key="guide.txt", Body=b"how to restart")
    index_id = client.create_index(
        Name="docs", RoleArn=ROLE_ARN, Tags=[{"Key": "team", "Value": "search"}]
    )["Id"]
    custom = client.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")["Id"]
    crawled = client.create_data_source(
        IndexId=index_id,
        Name="s3",
        Type="S3",
        RoleArn=ROLE_ARN,
        Configuration={"S3Configuration": {"BucketName": "persisted-docs"}},
    )["Id"]
    execution = client.start_data_source_sync_job(Id=custom, IndexId=index_id)["ExecutionId"]
    client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {
                "Id": f"doc-{n}",
                "Blob": b"some text",
                "Attributes": job_attributes(custom, execution),
            }
            for n in range(3)
        ],
    )
    client.start_data_source_sync_job(Id=crawled, IndexId=index_id)
    for _ in range(3):
        client.list_data_source_sync_jobs(Id=crawled, IndexId=index_id)
    client.start_data_source_sync_job(Id=crawled, IndexId=index_id)
    return {"index": index_id, "custom": custom, "crawled": crawled}


def view(client: Any, ids: dict[str, str]) -> str:
    """What Describe and List show of the state (a read: statuses may move on)."""
    index_id = ids["index"]
    arn = client.describe_index(Id=index_id)["Id"] and (
        f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}"
    )
    answers = [
        client.describe_index(Id=index_id),
        client.list_indices(),
        client.list_data_sources(IndexId=index_id),
        client.describe_data_source(Id=ids["crawled"], IndexId=index_id),
        client.list_data_source_sync_jobs(Id=ids["custom"], IndexId=index_id),
        client.list_data_source_sync_jobs(Id=ids["crawled"], IndexId=index_id),
        client.list_tags_for_resource(ResourceARN=arn),
        client.batch_get_document_status(
            IndexId=index_id,
            DocumentInfoList=[
                {"DocumentId": "doc-1"},
                {"DocumentId": "s3://persisted-docs/guide.txt"},
            ],
        ),
    ]
    for answer in answers:
        answer.pop("ResponseMetadata")
    return json.dumps(answers, default=str, sort_keys=True)


def test_a_restored_backend_answers_as_the_saved_one_did(kendra_client, kendra_backend):
    ids = make_state(kendra_client)
    saved = json.loads(json.dumps(kendra_backend.snapshot()))
    before = view(kendra_client, ids)

    kendra_backend.restore(saved)

    assert view(kendra_client, ids) == before
    # And it goes on from there: a new job on the restored data source.
    kendra_client.stop_data_source_sync_job(Id=ids["custom"], IndexId=ids["index"])
    kendra_client.start_data_source_sync_job(Id=ids["custom"], IndexId=ids["index"])
    jobs = kendra_client.list_data_source_sync_jobs(Id=ids["custom"], IndexId=ids["index"])
    assert len(jobs["History"]) == 2


def test_every_service_through_the_http_route(kendra_client):
    ids = make_state(kendra_client)
    saved = requests.get(STATE_URL, timeout=30)
    assert saved.status_code == 200
    document = saved.json()
    assert (document["format"], document["version"]) == ("moto-kendra-state", 1)
    before = view(kendra_client, ids)

    restored = requests.put(STATE_URL, data=json.dumps(document), timeout=30)

    assert restored.json() == {"restored": len(document["services"])}
    assert view(kendra_client, ids) == before


def test_restoring_replaces_what_was_there(kendra_client):
    empty = requests.get(STATE_URL, timeout=30).json()
    kendra_client.create_index(Name="later", RoleArn=ROLE_ARN)
    requests.put(STATE_URL, data=json.dumps(empty), timeout=30).raise_for_status()
    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"format": "something else"}, "This is not a moto-kendra state file"),
        ({"format": "moto-kendra-state", "version": 99, "services": []}, "version 99"),
        (
            {
                "format": "moto-kendra-state",
                "version": 1,
                "services": [
                    {
                        "service": "kendra",
                        "account": "123456789012",
                        "region": "us-east-1",
                        "state": {
                            "$object": 0,
                            "class": "subprocess.Popen",
                            "state": {"$dict": 1, "items": []},
                        },
                    }
                ],
            },
            "The state names class 'subprocess.Popen', which a state file may not hold.",
        ),
    ],
)
def test_a_state_that_is_not_ours_is_refused(kendra_client, document, message):
    response = requests.put(STATE_URL, data=json.dumps(document), timeout=30)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_shared_and_cyclic_structure_survives():
    shared = {"a": 1}
    value: dict[str, Any] = {"first": shared, "second": shared, "list": [shared], "self": None}
    value["self"] = value
    encoded = json.loads(json.dumps(persistence.Encoder().encode(value)))
    decoded = persistence.Decoder().decode(encoded)
    assert decoded["first"] is decoded["second"] is decoded["list"][0]
    assert decoded["self"] is decoded
    assert decoded["first"] == {"a": 1}


def test_what_cannot_be_written_is_named():
    with pytest.raises(StateError) as raised:
        persistence.Encoder().encode({"hook": len})
    assert "state['hook']" in str(raised.value)


def test_what_was_searchable_is_searchable_after_a_restore(kendra_client, kendra_backend):
    index_id = kendra_client.create_index(Name="search", RoleArn=ROLE_ARN)["Id"]
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {"Id": "guide", "Title": "Restart guide", "Blob": b"How a restart keeps the index."},
            {"Id": "other", "Blob": b"Nothing about it here."},
        ],
    )
    kendra_client.describe_index(Id=index_id)  # a read: the documents are indexed

    def found() -> list[tuple[str, str]]:
        items = kendra_client.query(IndexId=index_id, QueryText="restart")["ResultItems"]
        return [(item["DocumentId"], item["DocumentExcerpt"]["Text"]) for item in items]

    before = found()
    kendra_backend.restore(json.loads(json.dumps(kendra_backend.snapshot())))

    assert before == [("guide", "How a restart keeps the index.")]
    assert found() == before


def _service_state(state: Any) -> dict[str, Any]:
    return {
        "format": "moto-kendra-state",
        "version": 1,
        "services": [
            {"service": "kendra", "account": "123456789012", "region": "us-east-1", "state": state}
        ],
    }


def _backend_state(attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "$object": 0,
        "class": "moto_kendra.backend.service.KendraBackend",
        "state": {"$dict": 1, "items": [[name, value] for name, value in attributes.items()]},
    }


@pytest.mark.parametrize(
    ("value", "named"),
    [
        # A class reached through a module a moto-kendra module imports is not one of
        # moto-kendra's classes: never made, let alone called with the file's arguments.
        (
            {"$namedtuple": "moto_kendra.backend.faq_files.io.FileIO", "items": ["{path}", "w"]},
            "moto_kendra.backend.faq_files.io.FileIO",
        ),
        (
            {"$enum": "moto_kendra.backend.faq_files.io.FileIO", "value": "{path}"},
            "moto_kendra.backend.faq_files.io.FileIO",
        ),
        (
            {
                "$object": 5,
                "class": "moto_kendra.backend.paging.os.DirEntry",
                "state": {"$dict": 6, "items": []},
            },
            "moto_kendra.backend.paging.os.DirEntry",
        ),
    ],
)
def test_a_state_names_only_moto_kendras_own_classes(kendra_client, tmp_path, value, named):
    path = tmp_path / "made-by-a-state-file"
    crafted = json.loads(json.dumps(value).replace("{path}", str(path)))

    response = requests.put(
        STATE_URL, data=json.dumps(_service_state(_backend_state({"x": crafted}))), timeout=30
    )

    assert response.status_code == 400
    assert f"The state names class {named!r}" in response.json()["message"]
    assert not path.exists()


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("$enum", "moto_kendra.backend.indices.Index"),  # a class, but no enum
        ("$namedtuple", "moto_kendra.backend.indices.Index"),  # a class, but no NamedTuple
    ],
)
def test_enums_and_named_tuples_must_be_what_they_say(tag, name):
    member = "value" if tag == "$enum" else "items"
    with pytest.raises(StateError, match=f"{name!r} is not a"):
        persistence.Decoder().decode({tag: name, member: {"$tuple": []}})


def test_an_ordered_dict_keeps_its_items_and_order():
    value = OrderedDict([("b", 1), ("a", 2)])
    decoded = persistence.Decoder().decode(
        json.loads(json.dumps(persistence.Encoder().encode(value)))
    )
    assert list(decoded.items()) == [("b", 1), ("a", 2)]
    decoded.move_to_end("b")
    assert list(decoded) == ["a", "b"]


def test_the_query_log_survives_a_restore(kendra_client, kendra_backend, monkeypatch):
    clock = fake_clock.install(monkeypatch, datetime(2024, 5, 8, 12, tzinfo=timezone.utc))
    index_id = kendra_client.create_index(Name="logged", RoleArn=ROLE_ARN)["Id"]
    kendra_client.batch_put_document(
        IndexId=index_id, Documents=[{"Id": "guide", "Blob": b"How a restart keeps the log."}]
    )
    kendra_client.describe_index(Id=index_id)
    for text in ("restart", "restart", "log"):
        kendra_client.query(IndexId=index_id, QueryText=text)
    kendra_backend.restore(json.loads(json.dumps(kendra_backend.snapshot())))
    kendra_client.query(IndexId=index_id, QueryText="log")
    clock.advance(days=1)  # THIS_WEEK shows the days before today

    top = kendra_client.get_snapshots(
        IndexId=index_id, Interval="THIS_WEEK", MetricType="QUERIES_BY_COUNT"
    )["SnapshotsData"]

    assert [row[:2] for row in top] == [["log", "2"], ["restart", "2"]]


BACKEND = "moto_kendra.backend.service.KendraBackend"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        # A backend without its attributes (every later call would fail on it).
        ({"state": _backend_state({})}, "lacks"),
        ({"state": _backend_state({"indices": {"$datetime": "not a time"}})}, "can't be read"),
        ({"state": _backend_state({"indices": {"$ref": 99}})}, "before it is written"),
        ({"state": {"$object": 0, "class": BACKEND, "state": "x"}}, "can't be read"),
        ({"state": {**_backend_state({}), "class": "moto_kendra.backend.indices.Index"}}, "Index"),
        ({"state": _backend_state({}), "account": "abc"}, "12 digits"),
        ({}, "state"),
    ],
)
def test_a_state_that_cant_be_read_back_changes_nothing(kendra_client, entry, message):
    kendra_client.create_index(Name="kept", RoleArn=ROLE_ARN)
    document = _service_state(None)
    document["services"][0].update(entry)

    response = requests.put(STATE_URL, data=json.dumps(document), timeout=30)

    assert response.status_code == 400, response.text
    assert message in response.json()["message"]
    indices = kendra_client.list_indices()["IndexConfigurationSummaryItems"]
    assert [index["Name"] for index in indices] == ["kept"]


def test_a_restore_that_fails_half_way_restores_nothing(kendra_client):
    index_id = kendra_client.create_index(Name="before", RoleArn=ROLE_ARN)["Id"]
    kendra_client.batch_put_document(
        IndexId=index_id, Documents=[{"Id": "guide", "Blob": b"How a restart keeps it."}]
    )
    kendra_client.describe_index(Id=index_id)
    saved = requests.get(STATE_URL, timeout=30).json()
    kendra_client.create_index(Name="after", RoleArn=ROLE_ARN)
    bad = dict(saved["services"][0], region="us-west-2", state=_backend_state({}))
    document = {**saved, "services": [*saved["services"], bad]}

    response = requests.put(STATE_URL, data=json.dumps(document), timeout=30)

    assert response.status_code == 400
    names = [i["Name"] for i in kendra_client.list_indices()["IndexConfigurationSummaryItems"]]
    assert sorted(names) == ["after", "before"]
    found = kendra_client.query(IndexId=index_id, QueryText="restart")["ResultItems"]
    assert [item["DocumentId"] for item in found] == ["guide"]


def test_a_backend_keeps_searching_when_its_restore_fails(kendra_client, kendra_backend):
    index_id = kendra_client.create_index(Name="search", RoleArn=ROLE_ARN)["Id"]
    kendra_client.batch_put_document(
        IndexId=index_id, Documents=[{"Id": "guide", "Blob": b"How a restart keeps it."}]
    )
    kendra_client.describe_index(Id=index_id)

    with pytest.raises(StateError):
        kendra_backend.restore(_backend_state({"indices": {"$datetime": "not a time"}}))

    found = kendra_client.query(IndexId=index_id, QueryText="restart")["ResultItems"]
    assert [item["DocumentId"] for item in found] == ["guide"]
