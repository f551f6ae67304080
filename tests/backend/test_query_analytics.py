"""The query log through boto3: every Query is logged with its user and results,
SubmitFeedback's clicks and votes with it, and GetSnapshots counts them
(search-analytics.md)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from moto_kendra.backend.query_log import QueryLog
from tests import fake_clock
from tests.search_calls import index_now, text_doc

MONDAY = datetime(2024, 5, 6, 9, 0, tzinfo=timezone.utc)
WEDNESDAY = datetime(2024, 5, 8, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock(monkeypatch):
    return fake_clock.install(monkeypatch, MONDAY)


@pytest.fixture
def events(kendra_client, index_id, clock):
    index_now(
        kendra_client,
        index_id,
        text_doc("calendar", "Upcoming events of the month.", title="Upcoming events"),
        text_doc("parking", "Where to park.", title="Parking"),
    )
    return index_id


def snapshot(client, index_id: str, metric: str) -> dict:
    return client.get_snapshots(IndexId=index_id, MetricType=metric, Interval="THIS_WEEK")


def test_queries_are_logged_with_their_user_and_results(kendra_client, kendra_backend, events):
    first = kendra_client.query(
        IndexId=events, QueryText="upcoming events", UserContext={"UserId": "alice"}
    )
    kendra_client.query(IndexId=events, QueryText="Lost badge", VisitorId="visitor-1")
    kendra_client.query(IndexId=events, QueryText="parking")

    records = list(kendra_backend.indices[events].store(QueryLog).records.values())
    assert [(r.query_id, r.key, r.user, r.result_count) for r in records] == [
        (first["QueryId"], "upcoming events", "alice", 1),
        (records[1].query_id, "lost badge", "visitor-1", 0),
        (records[2].query_id, "parking", None, 1),
    ]
    assert records[0].results == ((first["ResultItems"][0]["Id"], "calendar"),)
    assert records[0].time == MONDAY


def test_retrieve_is_not_a_logged_query(kendra_client, kendra_backend, events):
    kendra_client.retrieve(IndexId=events, QueryText="upcoming events")

    assert kendra_backend.indices[events].store(QueryLog).records == {}


def test_snapshots_count_the_queries_made_and_the_feedback_sent(kendra_client, events, clock):
    responses = [kendra_client.query(IndexId=events, QueryText="upcoming events") for _ in range(3)]
    kendra_client.query(IndexId=events, QueryText="lost badge")
    clicked = responses[0]["ResultItems"][0]
    kendra_client.submit_feedback(
        IndexId=events,
        QueryId=responses[0]["QueryId"],
        ClickFeedbackItems=[{"ResultId": clicked["Id"], "ClickTime": MONDAY}],
        RelevanceFeedbackItems=[{"ResultId": clicked["Id"], "RelevanceValue": "RELEVANT"}],
    )
    kendra_client.submit_feedback(
        IndexId=events,
        QueryId=responses[1]["QueryId"],
        RelevanceFeedbackItems=[
            {"ResultId": responses[1]["ResultItems"][0]["Id"], "RelevanceValue": "NOT_RELEVANT"}
        ],
    )
    # This week's numbers count the days before today.
    assert snapshot(kendra_client, events, "QUERIES_BY_COUNT")["SnapshotsData"] == []
    clock.set(WEDNESDAY)

    by_count = snapshot(kendra_client, events, "QUERIES_BY_COUNT")["SnapshotsData"]
    confidence = clicked["ScoreAttributes"]["ScoreConfidence"]
    assert by_count == [
        ["upcoming events", "3", "0.3333", "0.6667", "1.00", "0.0000", confidence],
        ["lost badge", "1", "0.0000", "0.0000", "N/A", "0.0000", "N/A"],
    ]
    assert snapshot(kendra_client, events, "QUERIES_BY_ZERO_RESULT_RATE")["SnapshotsData"] == [
        ["lost badge", "1", "1.0000", "0.2500"]
    ]
    assert snapshot(kendra_client, events, "DOCS_BY_CLICK_COUNT")["SnapshotsData"] == [
        ["calendar", "1", "1", "1"]
    ]
    (totals,) = snapshot(kendra_client, events, "AGG_QUERY_DOC_METRICS")["SnapshotsData"]
    assert totals[0] == "4"  # total_queries
