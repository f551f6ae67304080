"""GetQuerySuggestions through boto3: suggestions learned from the queries Query received
(with the settings, block lists and clears that shape them), and suggestions from
document fields (API_GetQuerySuggestions.md, query-suggestions.md)."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of
from tests.search_calls import attribute, declare, field, index_now, text_doc


def search(client, index_id: str, text: str, times: int = 5, **extra) -> None:
    for _ in range(times):
        client.query(IndexId=index_id, QueryText=text, **extra)


def suggest(client, index_id: str, text: str, **extra) -> list[str]:
    response = client.get_query_suggestions(IndexId=index_id, QueryText=text, **extra)
    return [s["Value"]["Text"]["Text"] for s in response["Suggestions"]]


def refused(client, index_id: str, text: str = "upc", **extra) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as err:
        client.get_query_suggestions(IndexId=index_id, QueryText=text, **extra)
    return error_of(err)


@pytest.fixture
def events(kendra_client, index_id):
    index_now(
        kendra_client,
        index_id,
        text_doc("calendar", "Upcoming events and upcoming holidays of the month."),
        text_doc("events", "Events: concerts, talks."),
    )
    return index_id


# -- from the query history ----------------------------------------------------------------


def test_queries_searched_often_enough_are_suggested_with_the_typed_text_highlighted(
    kendra_client, events
):
    search(kendra_client, events, "Upcoming  Events", times=6)
    search(kendra_client, events, "upcoming holidays")
    search(kendra_client, events, "zeppelin parades")  # no result: never suggested

    response = kendra_client.get_query_suggestions(IndexId=events, QueryText="UPC")

    assert len(response["QuerySuggestionsId"]) == 36
    assert [s["Value"]["Text"] for s in response["Suggestions"]] == [
        {"Text": "upcoming events", "Highlights": [{"BeginOffset": 0, "EndOffset": 3}]},
        {"Text": "upcoming holidays", "Highlights": [{"BeginOffset": 0, "EndOffset": 3}]},
    ]
    assert all(len(s["Id"]) == 36 for s in response["Suggestions"])
    assert suggest(kendra_client, events, "upcoming e") == ["upcoming events"]
    assert suggest(kendra_client, events, "upcoming ") == ["upcoming events", "upcoming holidays"]
    assert suggest(kendra_client, events, "events") == []  # a prefix, not a word inside
    assert suggest(kendra_client, events, "zeppelin") == []


def test_a_query_needs_the_minimum_count_and_a_word_of_five_letters(kendra_client, events):
    search(kendra_client, events, "upcoming events", times=4)
    search(kendra_client, events, "up events")  # "events" has six letters: suggestible
    assert suggest(kendra_client, events, "up") == ["up events"]

    kendra_client.update_query_suggestions_config(IndexId=events, MinimumQueryCount=4)
    assert suggest(kendra_client, events, "up") == ["up events", "upcoming events"]


def test_with_user_information_only_enough_distinct_users_make_a_suggestion(kendra_client, events):
    kendra_client.update_query_suggestions_config(
        IndexId=events,
        IncludeQueriesWithoutUserInformation=False,
        MinimumNumberOfQueryingUsers=2,
        MinimumQueryCount=2,
    )
    search(kendra_client, events, "upcoming events", UserContext={"UserId": "alice"})
    search(kendra_client, events, "upcoming events", times=3)
    assert suggest(kendra_client, events, "upc") == []

    search(kendra_client, events, "upcoming events", times=1, VisitorId="visitor-2")
    assert suggest(kendra_client, events, "upc") == ["upcoming events"]


@pytest.mark.parametrize("typed", ["u", " u ", "x" * 61])
def test_typed_text_under_two_or_over_sixty_characters_gets_nothing(kendra_client, events, typed):
    search(kendra_client, events, "upcoming events")

    assert suggest(kendra_client, events, typed) == []


def test_learn_only_mode_learns_and_suggests_nothing(kendra_client, events):
    kendra_client.update_query_suggestions_config(IndexId=events, Mode="LEARN_ONLY")
    search(kendra_client, events, "upcoming events")

    code, status, message = refused(kendra_client, events)
    assert (code, status) == ("ValidationException", 400)
    assert "LEARN_ONLY" in message

    kendra_client.update_query_suggestions_config(IndexId=events, Mode="ENABLED")
    assert suggest(kendra_client, events, "upc") == ["upcoming events"]


def test_a_block_list_keeps_its_words_out_of_suggestions(kendra_client, events):
    search(kendra_client, events, "upcoming events")
    search(kendra_client, events, "upcoming holidays")
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="blocked")
    s3.put_object(Bucket="blocked", Key="block.txt", Body=b"holidays\n")

    kendra_client.create_query_suggestions_block_list(
        IndexId=events,
        Name="no-holidays",
        RoleArn=ROLE_ARN,
        SourceS3Path={"Bucket": "blocked", "Key": "block.txt"},
    )

    assert suggest(kendra_client, events, "upc") == ["upcoming events"]


def test_clearing_forgets_the_queries_made_before(kendra_client, events):
    search(kendra_client, events, "upcoming events")
    kendra_client.clear_query_suggestions(IndexId=events)
    assert suggest(kendra_client, events, "upc") == []

    search(kendra_client, events, "upcoming events")
    assert suggest(kendra_client, events, "upc") == ["upcoming events"]


def test_max_suggestions_count_keeps_the_most_searched(kendra_client, events):
    search(kendra_client, events, "upcoming holidays", times=6)
    search(kendra_client, events, "upcoming events", times=7)

    assert suggest(kendra_client, events, "upc", MaxSuggestionsCount=1) == ["upcoming events"]


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"MaxSuggestionsCount": 0}, "ValidationException"),
        ({"MaxSuggestionsCount": 11}, "ServiceQuotaExceededException"),
        ({"SuggestionTypes": ["QUERY", "DOCUMENT_ATTRIBUTES"]}, "ValidationException"),
    ],
)
def test_requests_kendra_refuses(kendra_client, events, extra, code):
    assert refused(kendra_client, events, **extra)[:2] == (code, 400)


def test_an_unknown_index_is_not_found_and_one_being_created_a_conflict(kendra_client):
    assert refused(kendra_client, UNKNOWN_ID)[0] == "ResourceNotFoundException"

    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 1})
    creating = kendra_client.create_index(Name="new", RoleArn=ROLE_ARN)["Id"]
    assert refused(kendra_client, creating)[0] == "ConflictException"


# -- from document fields ------------------------------------------------------------------


@pytest.fixture
def topics(kendra_client, index_id):
    declare(
        kendra_client,
        index_id,
        field("topic", "STRING_VALUE"),
        field("tags", "STRING_LIST_VALUE"),
        field("team", "STRING_VALUE"),
    )
    secret = text_doc(
        "secret",
        "Secret.",
        Attributes=[
            attribute("topic", StringValue="Budget cuts"),
            attribute("team", StringValue="hr"),
        ],
    )
    secret["AccessControlList"] = [{"Name": "alice", "Type": "USER", "Access": "ALLOW"}]
    index_now(
        kendra_client,
        index_id,
        text_doc(
            "plan",
            "Plan.",
            Attributes=[
                attribute("topic", StringValue="Budget planning"),
                attribute("tags", StringListValue=["finance", "yearly budget"]),
                attribute("team", StringValue="finance"),
            ],
        ),
        text_doc(
            "review",
            "Review.",
            Attributes=[
                attribute("topic", StringValue="Budget planning"),
                attribute("team", StringValue="audit"),
            ],
        ),
        secret,
    )
    kendra_client.update_query_suggestions_config(
        IndexId=index_id,
        AttributeSuggestionsConfig={
            "SuggestableConfigList": [
                {"AttributeName": "topic", "Suggestable": True},
                {"AttributeName": "tags", "Suggestable": True},
                {"AttributeName": "team", "Suggestable": False},
            ]
        },
    )
    return index_id


def fields(client, index_id: str, text: str, **config) -> dict:
    return client.get_query_suggestions(
        IndexId=index_id,
        QueryText=text,
        SuggestionTypes=["DOCUMENT_ATTRIBUTES"],
        AttributeSuggestionsConfig=config,
    )


def texts(response: dict) -> list[str]:
    return [s["Value"]["Text"]["Text"] for s in response["Suggestions"]]


def test_suggestible_field_values_starting_with_the_text_are_suggested(kendra_client, topics):
    response = fields(kendra_client, topics, "Budget", AdditionalResponseAttributes=["team"])

    # The value held by the most documents first; a value whose word starts with the text.
    assert texts(response) == ["budget planning", "budget cuts", "yearly budget"]
    planning, _, yearly = response["Suggestions"]
    assert planning["Value"]["Text"]["Highlights"] == [{"BeginOffset": 0, "EndOffset": 6}]
    assert yearly["Value"]["Text"]["Highlights"] == [{"BeginOffset": 7, "EndOffset": 13}]
    assert planning["SourceDocuments"] == [
        {
            "DocumentId": "plan",
            "SuggestionAttributes": ["topic"],
            "AdditionalAttributes": [{"Key": "team", "Value": {"StringValue": "finance"}}],
        },
        {
            "DocumentId": "review",
            "SuggestionAttributes": ["topic"],
            "AdditionalAttributes": [{"Key": "team", "Value": {"StringValue": "audit"}}],
        },
    ]
    # A field not marked Suggestable is never suggested.
    assert texts(fields(kendra_client, topics, "fina")) == ["finance"]
    assert texts(fields(kendra_client, topics, "aud")) == []


def test_the_user_context_and_attribute_filter_choose_the_documents(kendra_client, topics):
    def suggested(**config) -> list[str]:
        return texts(fields(kendra_client, topics, "budget", **config))

    assert "budget cuts" not in suggested(UserContext={"UserId": "bob"})
    assert "budget cuts" in suggested(UserContext={"UserId": "alice"})
    assert suggested(
        AttributeFilter={"EqualsTo": {"Key": "team", "Value": {"StringValue": "audit"}}}
    ) == ["budget planning"]
    assert suggested(SuggestionAttributes=["tags"]) == ["yearly budget"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"SuggestionAttributes": ["team"]}, "don't mark Suggestable"),
        ({"AdditionalResponseAttributes": ["colour"]}, "not a field"),
    ],
)
def test_field_suggestions_kendra_refuses(kendra_client, topics, config, message):
    with pytest.raises(ClientError) as err:
        fields(kendra_client, topics, "budget", **config)

    assert error_of(err)[0] == "ValidationException"
    assert message in error_of(err)[2]


def test_inactive_field_suggestions_are_refused(kendra_client, topics):
    kendra_client.update_query_suggestions_config(
        IndexId=topics, AttributeSuggestionsConfig={"AttributeSuggestionsMode": "INACTIVE"}
    )

    with pytest.raises(ClientError) as err:
        fields(kendra_client, topics, "budget")

    assert error_of(err)[0] == "ValidationException"
    assert "INACTIVE" in error_of(err)[2]
