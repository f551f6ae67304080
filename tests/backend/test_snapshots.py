"""GetSnapshots: search metrics computed from the query log, per MetricType and
Interval (backend/snapshots.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend.query_log import record_click, record_query, record_relevance
from moto_kendra.backend.snapshots import HEADERS, window
from tests import fake_clock
from tests.kendra_calls import UNKNOWN_ID, error_of

#: A Wednesday: this week began on Sunday 2024-05-05, this month on 2024-05-01.
NOW = datetime(2024, 5, 8, 12, 0, tzinfo=timezone.utc)
MONDAY = datetime(2024, 5, 6, 9, 0, tzinfo=timezone.utc)
TUESDAY = datetime(2024, 5, 7, 23, 59, 59, tzinfo=timezone.utc)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0):
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("today", "interval", "first", "end"),
    [
        (date(2024, 5, 8), "THIS_WEEK", date(2024, 5, 5), date(2024, 5, 8)),
        (date(2024, 5, 8), "ONE_WEEK_AGO", date(2024, 4, 28), date(2024, 5, 5)),
        (date(2024, 5, 8), "TWO_WEEKS_AGO", date(2024, 4, 21), date(2024, 4, 28)),
        (date(2024, 5, 8), "THIS_MONTH", date(2024, 5, 1), date(2024, 5, 8)),
        (date(2024, 5, 8), "ONE_MONTH_AGO", date(2024, 4, 1), date(2024, 5, 1)),
        (date(2024, 5, 8), "TWO_MONTHS_AGO", date(2024, 3, 1), date(2024, 4, 1)),
        # A Sunday: this week has no day before today yet.
        (date(2024, 5, 5), "THIS_WEEK", date(2024, 5, 5), date(2024, 5, 5)),
        (date(2024, 5, 5), "ONE_WEEK_AGO", date(2024, 4, 28), date(2024, 5, 5)),
        # A Saturday.
        (date(2024, 5, 11), "THIS_WEEK", date(2024, 5, 5), date(2024, 5, 11)),
        # January: the months before are last year's.
        (date(2024, 1, 1), "THIS_MONTH", date(2024, 1, 1), date(2024, 1, 1)),
        (date(2024, 1, 15), "ONE_MONTH_AGO", date(2023, 12, 1), date(2024, 1, 1)),
        (date(2024, 1, 15), "TWO_MONTHS_AGO", date(2023, 11, 1), date(2023, 12, 1)),
        (date(2024, 3, 31), "ONE_MONTH_AGO", date(2024, 2, 1), date(2024, 3, 1)),
    ],
)
def test_intervals_are_whole_days_as_the_docs_define_them(today, interval, first, end):
    assert window(interval, today) == (first, end)


@pytest.fixture
def clock(monkeypatch):
    return fake_clock.install(monkeypatch, NOW)


def doc(result_id: str, document_id: str, kind="DOCUMENT", confidence=None) -> dict:
    item = {"Id": result_id, "DocumentId": document_id, "Type": kind}
    if confidence:
        item["ScoreAttributes"] = {"ScoreConfidence": confidence}
    return item


@pytest.fixture
def logged(kendra_backend, index_id, clock):
    """Queries of last week, this week and today, with clicks and votes."""
    index = kendra_backend.indices[index_id]

    def query(query_id, text, time, result_count=3, results=()):
        record_query(
            index,
            query_id=query_id,
            query_text=text,
            user_id=None,
            result_count=result_count,
            time=time,
            results=results,
        )

    query(
        "q1",
        "Upcoming events",
        MONDAY,
        results=[doc("r1", "doc-a", confidence="HIGH"), doc("r2", "doc-b", confidence="MEDIUM")],
    )
    query("q2", "upcoming  EVENTS", MONDAY, results=[doc("r1", "doc-a", "ANSWER", "VERY_HIGH")])
    query("q3", "upcoming events", MONDAY, results=[doc("r1", "doc-a")])
    query("q4", "Lost badge", MONDAY, result_count=0)
    query("q5", "lost badge", MONDAY, result_count=2, results=[doc("r1", "doc-c")])
    query("q6", None, MONDAY, result_count=1, results=[doc("r1", "doc-d")])  # no text
    query("q7", "parking", TUESDAY, result_count=1, results=[doc("r1", "doc-a")])
    query("q8", "today only", NOW - timedelta(hours=1), result_count=1)
    query("q9", "last week", utc(2024, 4, 30, 8, 0), result_count=1)
    record_click(index, query_id="q1", result_id="r2", time=MONDAY)
    record_click(index, query_id="q3", result_id="r1", time=MONDAY)
    record_click(index, query_id="q7", result_id="r1", time=TUESDAY)
    record_relevance(index, query_id="q1", result_id="r2", relevant=True, time=MONDAY)
    record_relevance(index, query_id="q3", result_id="r1", relevant=False, time=MONDAY)
    record_relevance(index, query_id="q2", result_id="r1", relevant=True, time=MONDAY)
    record_relevance(index, query_id="q5", result_id="r1", relevant=True, time=MONDAY)
    return index


def snapshot(client, index_id, metric, interval="THIS_WEEK", **extra) -> dict:
    return client.get_snapshots(IndexId=index_id, MetricType=metric, Interval=interval, **extra)


def test_top_queries(kendra_client, index_id, logged):
    answer = snapshot(kendra_client, index_id, "QUERIES_BY_COUNT")
    assert answer["SnapshotsDataHeader"] == HEADERS["QUERIES_BY_COUNT"]
    assert answer["SnapShotTimeFilter"] == {
        "StartTime": utc(2024, 5, 5),
        "EndTime": utc(2024, 5, 7, 23, 59, 59),
    }
    # Today's query and last week's are out of the window; a query without text has
    # no row of its own.
    assert answer["SnapshotsData"] == [
        ["upcoming events", "3", "0.6667", "0.3333", "1.50", "0.3333", "HIGH"],
        ["lost badge", "2", "0.0000", "0.5000", "N/A", "0.0000", "N/A"],
        ["parking", "1", "1.0000", "0.0000", "1.00", "0.0000", "N/A"],
    ]
    assert "NextToken" not in answer
    assert snapshot(kendra_client, index_id, "QUERIES_BY_COUNT", "ONE_WEEK_AGO")[
        "SnapshotsData"
    ] == [["last week", "1", "0.0000", "1.0000", "N/A", "0.0000", "N/A"]]


def test_top_zero_click_and_zero_result_queries(kendra_client, index_id, logged):
    zero_click = snapshot(kendra_client, index_id, "QUERIES_BY_ZERO_CLICK_RATE")
    assert zero_click["SnapshotsDataHeader"] == HEADERS["QUERIES_BY_ZERO_CLICK_RATE"]
    assert zero_click["SnapshotsData"] == [
        ["lost badge", "1", "0.5000", "0.0000", "N/A"],
        ["upcoming events", "1", "0.3333", "0.3333", "HIGH"],
    ]
    zero_result = snapshot(kendra_client, index_id, "QUERIES_BY_ZERO_RESULT_RATE")
    assert zero_result["SnapshotsDataHeader"] == HEADERS["QUERIES_BY_ZERO_RESULT_RATE"]
    # 2 of the window's 7 queries were "lost badge".
    assert zero_result["SnapshotsData"] == [["lost badge", "1", "0.5000", "0.2857"]]


def test_top_clicked_documents(kendra_client, index_id, logged):
    answer = snapshot(kendra_client, index_id, "DOCS_BY_CLICK_COUNT")
    assert answer["SnapshotsDataHeader"] == HEADERS["DOCS_BY_CLICK_COUNT"]
    # doc-c has a vote and no click: not a clicked document.
    assert answer["SnapshotsData"] == [["doc-a", "2", "1", "1"], ["doc-b", "1", "1", "0"]]
    assert (
        snapshot(kendra_client, index_id, "DOCS_BY_CLICK_COUNT", "ONE_WEEK_AGO")["SnapshotsData"]
        == []
    )


def test_aggregate_metrics(kendra_client, index_id, logged):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    kendra_client.batch_put_document(
        IndexId=index_id, Documents=[{"Id": "d1", "Blob": b"one"}, {"Id": "d2", "Blob": b"two"}]
    )
    answer = snapshot(kendra_client, index_id, "AGG_QUERY_DOC_METRICS")
    assert answer["SnapshotsDataHeader"] == [
        "total_queries",
        "click_through_rate",
        "zero_click_rate",
        "zero_result_rate",
        "instant_answer_rate",
        "total_documents",
    ]
    # 7 queries: 3 clicked, 1 without results, 3 with results and no click, 1 answer.
    assert answer["SnapshotsData"] == [["7", "0.4286", "0.4286", "0.1429", "0.1429", "2"]]
    assert snapshot(kendra_client, index_id, "AGG_QUERY_DOC_METRICS", "TWO_WEEKS_AGO")[
        "SnapshotsData"
    ] == [["0", "N/A", "N/A", "N/A", "N/A", "2"]]


def test_trends_have_a_row_per_day(kendra_client, index_id, logged):
    answer = snapshot(kendra_client, index_id, "TREND_QUERY_DOC_METRICS")
    assert answer["SnapshotsDataHeader"] == HEADERS["TREND_QUERY_DOC_METRICS"]
    assert answer["SnapshotsData"] == [
        ["2024-05-05", "0", "N/A", "N/A", "N/A", "N/A"],
        ["2024-05-06", "6", "0.3333", "0.5000", "0.1667", "0.1667"],
        ["2024-05-07", "1", "1.0000", "0.0000", "0.0000", "0.0000"],
    ]
    month = snapshot(kendra_client, index_id, "TREND_QUERY_DOC_METRICS", "ONE_MONTH_AGO")
    assert len(month["SnapshotsData"]) == 30
    assert month["SnapshotsData"][29] == ["2024-04-30", "1", "0.0000", "1.0000", "0.0000", "0.0000"]


def test_todays_queries_show_tomorrow(kendra_client, index_id, logged, clock):
    clock.advance(days=1)
    rows = snapshot(kendra_client, index_id, "QUERIES_BY_COUNT")["SnapshotsData"]
    assert ["today only", "1", "0.0000", "1.0000", "N/A", "0.0000", "N/A"] in rows


def test_on_the_first_day_of_a_week_this_week_is_empty(kendra_client, index_id, clock, logged):
    clock.set(utc(2024, 5, 12, 10, 0))  # a Sunday
    answer = snapshot(kendra_client, index_id, "TREND_QUERY_DOC_METRICS")
    assert answer["SnapShotTimeFilter"] == {
        "StartTime": utc(2024, 5, 12),
        "EndTime": utc(2024, 5, 12),
    }
    assert answer["SnapshotsData"] == []
    assert (
        len(
            snapshot(kendra_client, index_id, "TREND_QUERY_DOC_METRICS", "ONE_WEEK_AGO")[
                "SnapshotsData"
            ]
        )
        == 7
    )


def test_rows_page(kendra_client, index_id, logged):
    first = snapshot(kendra_client, index_id, "TREND_QUERY_DOC_METRICS", MaxResults=2)
    assert [row[0] for row in first["SnapshotsData"]] == ["2024-05-05", "2024-05-06"]
    second = snapshot(
        kendra_client,
        index_id,
        "TREND_QUERY_DOC_METRICS",
        MaxResults=2,
        NextToken=first["NextToken"],
    )
    assert [row[0] for row in second["SnapshotsData"]] == ["2024-05-07"]
    assert second["SnapshotsDataHeader"] == first["SnapshotsDataHeader"]
    assert "NextToken" not in second

    # A token of another metric or interval isn't this listing's.
    for metric, interval in (
        ("QUERIES_BY_COUNT", "THIS_WEEK"),
        ("TREND_QUERY_DOC_METRICS", "THIS_MONTH"),
    ):
        with pytest.raises(ClientError) as excinfo:
            snapshot(kendra_client, index_id, metric, interval, NextToken=first["NextToken"])
        code, status, message = error_of(excinfo)
        assert (code, status) == ("InvalidRequestException", 400)
        assert "NextToken is invalid" in message


@pytest.mark.parametrize("size", [0, -1])
def test_max_results_must_be_positive(kendra_client, index_id, size):
    with pytest.raises(ClientError) as excinfo:
        snapshot(kendra_client, index_id, "QUERIES_BY_COUNT", MaxResults=size)
    code, status, message = error_of(excinfo)
    assert (code, status) == ("InvalidRequestException", 400)
    assert f"not {size}" in message


def test_an_unknown_index_has_no_snapshots(kendra_client):
    with pytest.raises(ClientError) as excinfo:
        snapshot(kendra_client, UNKNOWN_ID, "QUERIES_BY_COUNT")
    assert error_of(excinfo)[:2] == ("ResourceNotFoundException", 400)


def test_top_lists_hold_at_most_100_rows(kendra_client, kendra_backend, index_id, clock):
    index = kendra_backend.indices[index_id]
    for n in range(120):
        record_query(
            index,
            query_id=f"q{n}",
            query_text=f"query {n:03d}",
            user_id=None,
            result_count=0,
            time=MONDAY,
        )
    rows = snapshot(kendra_client, index_id, "QUERIES_BY_ZERO_RESULT_RATE", MaxResults=1000)[
        "SnapshotsData"
    ]
    assert len(rows) == 100
    assert rows[0] == ["query 000", "1", "1.0000", "0.0083"]
