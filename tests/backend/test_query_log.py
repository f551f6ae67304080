"""The query log: what Query and SubmitFeedback record for suggestions and analytics
(backend/query_log.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from moto_kendra.backend import query_log
from moto_kendra.backend.query_log import (
    QueryLog,
    normalize,
    query_user,
    record_click,
    record_query,
    record_relevance,
)

T0 = datetime(2024, 5, 8, 12, 0, tzinfo=timezone.utc)


def item(result_id: str, document_id: str, kind: str = "DOCUMENT", confidence: str | None = None):
    result: dict[str, Any] = {"Id": result_id, "DocumentId": document_id, "Type": kind}
    if confidence is not None:
        result["ScoreAttributes"] = {"ScoreConfidence": confidence}
    return result


@pytest.fixture
def index(kendra_backend, index_id):
    return kendra_backend.indices[index_id]


def log_of(index) -> QueryLog:
    return index.store(QueryLog)


def test_queries_are_normalized_as_suggestions_compare_them():
    assert normalize('  What\'s  "NEW"\tin\n2050? ') == "whats new in 2050?"
    assert normalize("\u201cSmart\u201d \u2018quotes\u2019") == "smart quotes"
    assert normalize("C++ & C#") == "c++ & c#"


def test_the_user_of_a_query_is_its_user_id_else_its_visitor_id():
    assert query_user({"UserContext": {"UserId": "alice"}, "VisitorId": "v-1"}) == "alice"
    assert query_user({"UserContext": {"Groups": ["g"]}, "VisitorId": "v-1"}) == "v-1"
    assert query_user({"QueryText": "anything"}) is None


def test_a_query_is_recorded_with_its_results(index):
    record_query(
        index,
        query_id="q-1",
        query_text="Upcoming Events",
        user_id="alice",
        result_count=42,
        time=datetime(2024, 5, 8, 12, 0),  # naive: UTC
        results=[
            item("r-1", "doc-1", confidence="VERY_HIGH"),
            item("r-2", "doc-2", "ANSWER", confidence="LOW"),
            item("r-3", "doc-3", confidence="NOT_AVAILABLE"),
        ],
    )
    record = log_of(index).records["q-1"]
    assert (record.text, record.key, record.user, record.result_count) == (
        "Upcoming Events",
        "upcoming events",
        "alice",
        42,
    )
    assert record.time == T0
    assert record.answered
    # Mean of VERY_HIGH (3) and LOW (0); NOT_AVAILABLE counts toward no average.
    assert record.confidence == 1.5
    assert record.rank_of("r-2") == 2 and record.rank_of("r-9") is None
    assert record.document_of("r-3") == "doc-3"
    assert log_of(index).last_query_at == T0


def test_clicks_and_votes_attach_to_their_query(index):
    record_query(
        index,
        query_id="q-1",
        query_text="x",
        user_id=None,
        result_count=1,
        time=T0,
        results=[item("r-1", "doc-1")],
    )
    assert record_click(index, query_id="q-1", result_id="r-1", time=T0 + timedelta(seconds=5))
    assert not record_click(index, query_id="unknown", result_id="r-1", time=T0)
    assert record_relevance(index, query_id="q-1", result_id="r-1", relevant=True, time=T0)
    assert record_relevance(index, query_id="q-1", result_id="r-1", relevant=False, time=T0)
    assert not record_relevance(index, query_id="unknown", result_id="r-1", relevant=True, time=T0)
    record = log_of(index).records["q-1"]
    assert record.clicks == [("r-1", T0 + timedelta(seconds=5))]
    # The latest vote on a result counts.
    assert record.relevance == {"r-1": (False, T0)}
    assert not record.answered and record.confidence is None


def test_the_log_is_bounded(index, monkeypatch):
    monkeypatch.setattr(query_log, "MAX_QUERIES", 3)
    monkeypatch.setattr(query_log, "MAX_CLICKS", 2)
    monkeypatch.setattr(query_log, "MAX_RESULTS", 2)
    for n in range(5):
        record_query(
            index,
            query_id=f"q-{n}",
            query_text="x",
            user_id=None,
            result_count=5,
            time=T0 + timedelta(minutes=n),
            results=[item(f"r-{k}", f"doc-{k}") for k in range(5)],
        )
    records = log_of(index).records
    # The oldest queries are dropped first.
    assert list(records) == ["q-2", "q-3", "q-4"]
    assert records["q-4"].results == (("r-0", "doc-0"), ("r-1", "doc-1"))
    for _ in range(4):
        record_click(index, query_id="q-4", result_id="r-0", time=T0)
    assert len(records["q-4"].clicks) == 2
    assert not record_click(index, query_id="q-0", result_id="r-0", time=T0)


def test_a_query_id_logged_again_replaces_the_record(index):
    for count in (1, 7):
        record_query(
            index, query_id="q-1", query_text="x", user_id=None, result_count=count, time=T0
        )
    assert [record.result_count for record in log_of(index).records.values()] == [7]


def test_the_log_goes_with_its_index(kendra_client, kendra_backend, index_id, index):
    record_query(index, query_id="q-1", query_text="x", user_id=None, result_count=1, time=T0)
    kendra_client.delete_index(Id=index_id)
    fresh = kendra_backend.indices[
        kendra_client.create_index(Name="n", RoleArn="arn:aws:iam::123456789012:role/r")["Id"]
    ]
    assert not log_of(fresh).records


def test_the_results_across_the_log_are_bounded_too(index, monkeypatch):
    monkeypatch.setattr(query_log, "MAX_LOGGED_RESULTS", 5)
    for n in range(3):
        record_query(
            index,
            query_id=f"q-{n}",
            query_text="x",
            user_id=None,
            result_count=2,
            time=T0,
            results=[item("r-1", "doc-1"), item("r-2", "doc-2")],
        )
    # 6 results would be one too many: the oldest query went.
    assert list(log_of(index).records) == ["q-1", "q-2"]
    assert log_of(index).result_total == 4
    # A query alone over the budget is still kept (the newest always is).
    record_query(
        index,
        query_id="big",
        query_text="x",
        user_id=None,
        result_count=9,
        time=T0,
        results=[item(f"r-{k}", "doc") for k in range(9)],
    )
    assert list(log_of(index).records) == ["big"]
