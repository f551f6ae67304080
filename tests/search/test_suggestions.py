from datetime import datetime, timedelta, timezone

from moto_kendra.search.suggestions import (
    LoggedQuery,
    SuggestionSettings,
    attribute_suggestions,
    normalize_prefix,
    normalize_text,
    query_suggestions,
)

NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)


def log(text, times, users=None, results=1, age_days=1):
    return [
        LoggedQuery(
            text,
            NOW - timedelta(days=age_days),
            (users or [None] * times)[i % len(users or [None])],
            results,
        )
        for i in range(times)
    ]


def texts(suggestions):
    return [s.text for s in suggestions]


def test_popular_queries_matching_the_prefix_are_suggested_by_count():
    entries = (
        log("Upcoming events 2050", 7) + log('upcoming  "events"', 5) + log("upcoming holidays", 2)
    )
    suggestions = query_suggestions("Upcoming ev", entries, now=NOW)
    assert texts(suggestions) == ["upcoming events 2050", "upcoming events"]
    assert suggestions[0].highlights == ((0, 11),)
    assert suggestions[0].value() == {
        "Text": {
            "Text": "upcoming events 2050",
            "Highlights": [{"BeginOffset": 0, "EndOffset": 11}],
        }
    }


def test_thresholds_time_window_results_and_long_words():
    settings = SuggestionSettings(minimum_query_count=2, look_back_days=30)
    entries = (
        log("upcoming events", 2, age_days=40)  # outside the window
        + log("upcoming talks", 2, results=0)  # never had a result
        + log("up up up", 3)  # no word of more than four characters
        + log("upcoming games", 1)  # searched once
        + log("upcoming races", 2)
    )
    assert texts(query_suggestions("up", entries, now=NOW, settings=settings)) == ["upcoming races"]


def test_unique_users_count_only_without_queries_lacking_user_information():
    settings = SuggestionSettings(
        minimum_query_count=1, minimum_users=3, include_queries_without_user=False
    )
    entries = log("upcoming events", 5, users=["a", "b"]) + log(
        "upcoming races", 3, users=["a", "b", "c"]
    )
    entries += log("upcoming games", 9)  # no user information
    assert texts(query_suggestions("upcoming", entries, now=NOW, settings=settings)) == [
        "upcoming races"
    ]
    everyone = SuggestionSettings(minimum_query_count=1)
    assert set(texts(query_suggestions("upcoming", entries, now=NOW, settings=everyone))) == {
        "upcoming events",
        "upcoming races",
        "upcoming games",
    }


def test_block_list_prefix_length_and_max_suggestions():
    entries = log("secret launch plans", 5) + log("second launch", 5) + log("seconds later", 6)
    assert texts(query_suggestions("se", entries, now=NOW, block_list=["Secret"])) == [
        "seconds later",
        "second launch",
    ]
    assert query_suggestions("s", entries, now=NOW) == []
    assert query_suggestions("s" * 61, entries, now=NOW) == []
    assert len(query_suggestions("se", entries, now=NOW, max_suggestions=1)) == 1


def test_normalization():
    assert normalize_text(' "Hello"   World\'s ') == "hello worlds"
    assert normalize_prefix("  Up ") == "up "
    assert normalize_prefix(" a") is None


def test_attribute_suggestions_from_field_values():
    values = [
        ("d1", "_document_title", "Upcoming events: What's happening in 2050"),
        ("d2", "_document_title", "Upcoming events: what's happening in 2050"),
        ("d3", "_document_title", "Past events"),
        ("d3", "topic", "Event planning"),
    ]
    suggestions = attribute_suggestions("event", values)
    assert texts(suggestions) == [
        "upcoming events: whats happening in 2050",
        "event planning",
        "past events",
    ]
    first = suggestions[0]
    assert first.sources == (("d1", "_document_title"), ("d2", "_document_title"))
    begin, end = first.highlights[0]
    assert first.text[begin:end] == "event"
    assert attribute_suggestions("e", values) == []
