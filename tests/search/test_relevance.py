from datetime import datetime, timedelta, timezone

from moto_kendra.search.engine import Hit, SearchIndex
from moto_kendra.search.relevance import (
    DEFAULT_DURATION,
    apply_relevance,
    effective_tunings,
    score_confidence,
)

NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)
CONFIGURATIONS: list = [
    {
        "Name": "_last_updated_at",
        "Type": "DATE_VALUE",
        "Relevance": {"Freshness": True, "Importance": 5},
    },
    {
        "Name": "department",
        "Type": "STRING_VALUE",
        "Relevance": {"Importance": 2, "ValueImportanceMap": {"HR": 3, "Legal": 1}},
    },
    {
        "Name": "rating",
        "Type": "LONG_VALUE",
        "Relevance": {"Importance": 4, "RankOrder": "DESCENDING"},
    },
    {"Name": "tags", "Type": "STRING_LIST_VALUE", "Relevance": {"Importance": 3}},
    {"Name": "plain", "Type": "STRING_VALUE"},
]


def by_name(tunings):
    return {t.name: t for t in tunings}


def test_index_tunings():
    tunings = by_name(effective_tunings(CONFIGURATIONS))
    assert set(tunings) == {"_last_updated_at", "department", "rating", "tags"}
    assert (
        tunings["_last_updated_at"].freshness
        and tunings["_last_updated_at"].duration == DEFAULT_DURATION
    )
    assert tunings["department"].value_importance == {"HR": 3, "Legal": 1}


def test_overrides_replace_named_fields_and_set_the_others_to_importance_1():
    overrides = [
        {
            "Name": "department",
            "Relevance": {"Importance": 2, "ValueImportanceMap": {"HR": 2, "Legal": 8}},
        },
        {"Name": "tags", "Relevance": {"Importance": 9}},  # string lists: index level only
        {"Name": "unknown", "Relevance": {"Importance": 9}},
    ]
    tunings = by_name(effective_tunings(CONFIGURATIONS, overrides))
    assert tunings["department"].value_importance == {"HR": 2, "Legal": 8}
    assert tunings["rating"].importance == 1 and tunings["rating"].rank_order == "DESCENDING"
    assert tunings["tags"].importance == 1
    assert "unknown" not in tunings


def test_overrides_do_nothing_without_index_tuning():
    untuned = [{"Name": "department", "Type": "STRING_VALUE"}]
    overrides = [{"Name": "department", "Relevance": {"Importance": 10}}]
    assert effective_tunings(untuned, overrides) == []


def ranked(tunings, attributes, query="report", scores=None):
    hits = [Hit(doc_id, (scores or {}).get(doc_id, 1.0)) for doc_id in sorted(attributes)]
    matcher = SearchIndex().prepare(query).matcher
    return [
        h.document_id
        for h in apply_relevance(hits, attributes.get, tunings, matcher=matcher, now=NOW)
    ]


def test_freshness_boosts_recent_documents_and_decays_beyond_the_duration():
    tunings = effective_tunings(CONFIGURATIONS[:1])
    attributes = {
        "old": {"_last_updated_at": {"DateValue": NOW - timedelta(days=400)}},
        "recent": {"_last_updated_at": {"DateValue": NOW - timedelta(days=10)}},
        "older": {"_last_updated_at": {"DateValue": NOW - timedelta(days=200)}},
        "none": {},
    }
    assert ranked(tunings, attributes) == ["recent", "older", "old", "none"]


def test_value_importance_and_query_terms_in_string_fields():
    tunings = effective_tunings(CONFIGURATIONS[1:2])
    attributes = {
        "a-legal": {"department": {"StringValue": "Legal"}},
        "b-hr": {"department": {"StringValue": "HR"}},
        "c-other": {"department": {"StringValue": "Sales"}},
        "d-match": {"department": {"StringValue": "Quarterly report"}},
    }
    assert ranked(tunings, attributes) == ["b-hr", "d-match", "a-legal", "c-other"]


def test_rank_order_on_numbers():
    tunings = effective_tunings(CONFIGURATIONS[2:3])
    attributes = {
        "low": {"rating": {"LongValue": 1}},
        "high": {"rating": {"LongValue": 9}},
        "mid": {"rating": {"LongValue": 5}},
    }
    assert ranked(tunings, attributes) == ["low", "mid", "high"]


def test_tuning_reorders_but_keeps_every_match_and_lexical_score_still_counts():
    tunings = effective_tunings(CONFIGURATIONS[1:2])
    attributes = {"hr": {"department": {"StringValue": "HR"}}, "strong": {}}
    assert ranked(tunings, attributes, scores={"hr": 1.0, "strong": 10.0}) == ["strong", "hr"]
    assert apply_relevance([], lambda _: {}, tunings, now=NOW) == []


def test_confidence_bands():
    assert score_confidence(10.0, 10.0, 1.0) == "VERY_HIGH"
    assert score_confidence(10.0, 10.0, 0.5) == "HIGH"
    assert score_confidence(6.0, 10.0, 1.0) == "HIGH"
    assert score_confidence(4.0, 10.0, 1.0) == "MEDIUM"
    assert score_confidence(9.0, 10.0, 0.25) == "MEDIUM"
    assert score_confidence(1.0, 10.0, 1.0) == "LOW"
    assert score_confidence(0.0, 0.0, 0.0) == "NOT_AVAILABLE"
