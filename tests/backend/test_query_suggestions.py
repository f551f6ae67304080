"""Query suggestions settings, ClearQuerySuggestions, and the suggestions learned from
the query log (backend/query_suggestions.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import count

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend.clock import utcnow
from moto_kendra.backend.query_log import QueryLog, record_query
from moto_kendra.backend.query_suggestions import suggestion_candidates, suggestion_settings
from tests import fake_clock
from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of

START = datetime(2024, 5, 8, 12, 0, tzinfo=timezone.utc)
MODEL = "kendra::query_suggestions_config"
_ids = count()


@pytest.fixture
def clock(monkeypatch):
    return fake_clock.install(monkeypatch, START)


@pytest.fixture
def index(kendra_backend, index_id):
    return kendra_backend.indices[index_id]


def search(
    index, text: str, *, times: int = 1, user: str | None = None, users=None, results=3, at=None
):
    """``times`` queries of ``text`` (by ``user``, or one each of ``users``)."""
    moment = at or utcnow()  # the fake clock's now
    who = list(users) if users is not None else [user] * times
    for person in who:
        record_query(
            index,
            query_id=f"q-{next(_ids)}",
            query_text=text,
            user_id=person,
            result_count=results,
            time=moment,
        )


def config(client, index_id: str) -> dict:
    return client.describe_query_suggestions_config(IndexId=index_id)


def total(client, index_id: str) -> int:
    return config(client, index_id)["TotalSuggestionsCount"]


def test_an_index_has_kendras_default_settings(kendra_client, kendra_backend, clock, index_id):
    described = config(kendra_client, index_id)
    described.pop("ResponseMetadata")
    assert described == {
        "Mode": "ENABLED",
        "Status": "ACTIVE",
        "QueryLogLookBackWindowInDays": 180,
        "IncludeQueriesWithoutUserInformation": True,
        "MinimumNumberOfQueryingUsers": 3,
        "MinimumQueryCount": 5,
        "LastSuggestionsBuildTime": START,
        "TotalSuggestionsCount": 0,
        "AttributeSuggestionsConfig": {
            "SuggestableConfigList": [],
            "AttributeSuggestionsMode": "ACTIVE",
        },
    }
    assert suggestion_settings(kendra_backend.indices[index_id]) == {
        key: value
        for key, value in described.items()
        if key not in ("Status", "LastSuggestionsBuildTime", "TotalSuggestionsCount")
    }


def test_suggestions_are_learned_from_the_query_log(kendra_client, clock, index, index_id):
    search(index, "Upcoming  Events 2050", times=5)
    search(index, "upcoming events 2050", times=1)  # the same query, normalized
    search(index, "holiday calendar", times=4)  # too few: 5 searches by default
    search(index, "gym", times=9)  # no word of more than four characters
    search(index, "vacation policy", times=6, results=0)  # no result
    clock.advance(minutes=1)
    assert suggestion_candidates(index, clock.now) == [("upcoming events 2050", 6, 0)]
    described = config(kendra_client, index_id)
    assert described["TotalSuggestionsCount"] == 1
    assert described["LastSuggestionsBuildTime"] == START

    kendra_client.update_query_suggestions_config(IndexId=index_id, MinimumQueryCount=4)
    assert [text for text, _, _ in suggestion_candidates(index, clock.now)] == [
        "upcoming events 2050",
        "holiday calendar",
    ]
    assert total(kendra_client, index_id) == 2
    # Settings applied: suggestions were built again.
    assert config(kendra_client, index_id)["LastSuggestionsBuildTime"] == clock.now


def test_user_information_counts_only_when_queries_without_it_are_left_out(
    kendra_client, clock, index, index_id
):
    search(index, "quarterly report", users=["a", "b", "c", "a", "b"])
    search(index, "expense policy", users=["a", "a", "a", "a", "a"])
    search(index, "travel booking", times=5)  # no user information
    # Included (the default): "Amazon Kendra ignores all user information".
    assert sorted(text for text, _, _ in suggestion_candidates(index, clock.now)) == [
        "expense policy",
        "quarterly report",
        "travel booking",
    ]
    kendra_client.update_query_suggestions_config(
        IndexId=index_id, IncludeQueriesWithoutUserInformation=False
    )
    # Only queries with a user, searched by at least 3 unique users.
    assert suggestion_candidates(index, clock.now) == [("quarterly report", 5, 3)]
    kendra_client.update_query_suggestions_config(IndexId=index_id, MinimumNumberOfQueryingUsers=1)
    # As often searched: the one more users searched comes first.
    assert suggestion_candidates(index, clock.now) == [
        ("quarterly report", 5, 3),
        ("expense policy", 5, 1),
    ]


def test_only_queries_within_the_look_back_window_count(kendra_client, clock, index, index_id):
    search(index, "onboarding checklist", times=5, at=START - timedelta(days=31))
    search(index, "benefits enrollment", times=5, at=START - timedelta(days=2))
    assert total(kendra_client, index_id) == 2
    kendra_client.update_query_suggestions_config(IndexId=index_id, QueryLogLookBackWindowInDays=30)
    assert [text for text, _, _ in suggestion_candidates(index, clock.now)] == [
        "benefits enrollment"
    ]
    clock.advance(days=29)
    assert total(kendra_client, index_id) == 0
    # Queries logged after "now" don't count yet.
    search(index, "parental leave", times=5, at=clock.now + timedelta(hours=1))
    assert total(kendra_client, index_id) == 0


def test_clear_deletes_suggestions_not_the_log(
    kendra_client, kendra_backend, clock, index, index_id
):
    search(index, "security training", times=5)
    assert total(kendra_client, index_id) == 1
    clock.advance(minutes=5)
    kendra_client.clear_query_suggestions(IndexId=index_id)
    described = config(kendra_client, index_id)
    assert described["LastClearTime"] == clock.now
    assert described["TotalSuggestionsCount"] == 0
    assert len(index.store(QueryLog).records) == 5
    # Only re-occurrences after the clear are learned from.
    clock.advance(minutes=1)
    search(index, "security training", times=4)
    assert total(kendra_client, index_id) == 0
    search(index, "security training", times=1)
    assert suggestion_candidates(index, clock.now) == [("security training", 5, 0)]


def test_block_lists_keep_queries_out_of_suggestions(kendra_client, clock, index, index_id):
    search(index, "project falcon launch", times=5)
    search(index, "falconry club meeting", times=5)
    assert total(kendra_client, index_id) == 2
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="lists")
    s3.put_object(Bucket="lists", Key="block.txt", Body=b"Falcon\n")
    clock.advance(minutes=3)
    block_list_id = kendra_client.create_query_suggestions_block_list(
        IndexId=index_id,
        Name="unreleased",
        RoleArn=ROLE_ARN,
        SourceS3Path={"Bucket": "lists", "Key": "block.txt"},
    )["Id"]
    assert [text for text, _, _ in suggestion_candidates(index, clock.now)] == [
        "falconry club meeting"
    ]
    described = config(kendra_client, index_id)
    assert described["TotalSuggestionsCount"] == 1
    assert described["LastSuggestionsBuildTime"] == clock.now
    clock.advance(minutes=3)
    kendra_client.delete_query_suggestions_block_list(IndexId=index_id, Id=block_list_id)
    described = config(kendra_client, index_id)
    assert described["TotalSuggestionsCount"] == 2
    assert described["LastSuggestionsBuildTime"] == clock.now


def test_learn_only_keeps_learning(kendra_client, kendra_backend, clock, index, index_id):
    kendra_client.update_query_suggestions_config(IndexId=index_id, Mode="LEARN_ONLY")
    search(index, "cafeteria menu", times=5)
    described = config(kendra_client, index_id)
    assert described["Mode"] == "LEARN_ONLY"
    assert described["TotalSuggestionsCount"] == 1
    assert suggestion_settings(index)["Mode"] == "LEARN_ONLY"


def test_settings_apply_when_active_and_updates_wait(kendra_client, clock, index, index_id):
    state_manager.set_transition(MODEL, {"progression": "manual", "times": 1})
    search(index, "holiday calendar", times=3)
    kendra_client.update_query_suggestions_config(IndexId=index_id, MinimumQueryCount=3)
    # UPDATING: the previous settings apply, another update waits...
    assert suggestion_settings(index)["MinimumQueryCount"] == 5
    with pytest.raises(ClientError) as excinfo:
        kendra_client.update_query_suggestions_config(
            IndexId=index_id, QueryLogLookBackWindowInDays=10
        )
    code, status, message = error_of(excinfo)
    assert (code, status) == ("ConflictException", 400) and "being updated" in message
    # ... but the Mode changes at any time, at once.
    kendra_client.update_query_suggestions_config(IndexId=index_id, Mode="LEARN_ONLY")
    assert suggestion_settings(index)["Mode"] == "LEARN_ONLY"
    described = config(kendra_client, index_id)
    assert (described["Status"], described["MinimumQueryCount"]) == ("UPDATING", 3)
    assert described["TotalSuggestionsCount"] == 0
    described = config(kendra_client, index_id)
    assert (described["Status"], described["TotalSuggestionsCount"]) == ("ACTIVE", 1)
    assert suggestion_settings(index)["MinimumQueryCount"] == 3
    assert suggestion_settings(index)["Mode"] == "LEARN_ONLY"


def test_attribute_suggestions_settings(kendra_client, index_id):
    kendra_client.update_index(
        Id=index_id,
        DocumentMetadataConfigurationUpdates=[{"Name": "department", "Type": "STRING_VALUE"}],
    )
    kendra_client.update_query_suggestions_config(
        IndexId=index_id,
        AttributeSuggestionsConfig={
            "SuggestableConfigList": [
                {"AttributeName": "_document_title", "Suggestable": True},
                {"AttributeName": "department", "Suggestable": True},
            ]
        },
    )
    # Each entry replaces its field's; the mode stays.
    kendra_client.update_query_suggestions_config(
        IndexId=index_id,
        AttributeSuggestionsConfig={
            "AttributeSuggestionsMode": "INACTIVE",
            "SuggestableConfigList": [{"AttributeName": "department", "Suggestable": False}],
        },
    )
    assert config(kendra_client, index_id)["AttributeSuggestionsConfig"] == {
        "SuggestableConfigList": [
            {"AttributeName": "_document_title", "Suggestable": True},
            {"AttributeName": "department", "Suggestable": False},
        ],
        "AttributeSuggestionsMode": "INACTIVE",
    }


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"QueryLogLookBackWindowInDays": 0}, "at least 1, not 0"),
        ({"QueryLogLookBackWindowInDays": -3}, "at least 1, not -3"),
        (
            {"AttributeSuggestionsConfig": {"SuggestableConfigList": [{"AttributeName": "nope"}]}},
            "The field nope in SuggestableConfigList is not a field of index",
        ),
        (
            {
                "AttributeSuggestionsConfig": {
                    "SuggestableConfigList": [
                        {"AttributeName": "_category"},
                        {"AttributeName": "_category"},
                    ]
                }
            },
            "appears twice",
        ),
    ],
)
def test_settings_kendra_refuses(kendra_client, index_id, update, message):
    with pytest.raises(ClientError) as excinfo:
        kendra_client.update_query_suggestions_config(IndexId=index_id, Mode="LEARN_ONLY", **update)
    code, status, text = error_of(excinfo)
    assert (code, status) == ("ValidationException", 400)
    assert message in text
    # Nothing of a refused update applies, the Mode included.
    assert config(kendra_client, index_id)["Mode"] == "ENABLED"


def test_a_window_longer_than_the_calendar_takes_every_query(kendra_client, clock, index, index_id):
    search(index, "ancient history", times=5, at=START - timedelta(days=3000))
    kendra_client.update_query_suggestions_config(
        IndexId=index_id, QueryLogLookBackWindowInDays=2**31 - 1
    )
    assert total(kendra_client, index_id) == 1


def test_unknown_and_deleting_indices(kendra_client, index_id):
    for call in (
        lambda: kendra_client.describe_query_suggestions_config(IndexId=UNKNOWN_ID),
        lambda: kendra_client.update_query_suggestions_config(IndexId=UNKNOWN_ID, Mode="ENABLED"),
        lambda: kendra_client.clear_query_suggestions(IndexId=UNKNOWN_ID),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo)[:2] == ("ResourceNotFoundException", 400)
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 5})
    kendra_client.delete_index(Id=index_id)
    for call in (
        lambda: kendra_client.update_query_suggestions_config(IndexId=index_id, Mode="ENABLED"),
        lambda: kendra_client.clear_query_suggestions(IndexId=index_id),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo)[0] == "ConflictException"
    assert config(kendra_client, index_id)["Status"] == "ACTIVE"
