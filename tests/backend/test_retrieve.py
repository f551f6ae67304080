"""Retrieve through boto3: passages of up to 200 words, paging, filters, attributes,
relevance overrides (Retrieve's reference in botocore's model)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.kendra_calls import error_of
from tests.search_calls import attribute, declare, field, ids, index_now, text_doc

LONG = " ".join(f"Filler sentence number {i} says nothing much." for i in range(60))


@pytest.fixture
def manual(kendra_client, index_id):
    declare(
        kendra_client,
        index_id,
        field("team", "STRING_VALUE"),
        field("secret", "STRING_VALUE", Displayable=False),
    )
    index_now(
        kendra_client,
        index_id,
        text_doc(
            "manual",
            LONG + " The reset button restores the factory settings. " + LONG,
            title="Device manual",
            Attributes=[
                attribute("team", StringValue="hardware"),
                attribute("secret", StringValue="x"),
                attribute("_source_uri", StringValue="https://example.com/manual"),
            ],
        ),
        text_doc(
            "faq",
            "Press reset to restart.",
            title="FAQ",
            Attributes=[attribute("team", StringValue="support")],
        ),
    )
    return index_id


def test_passages_hold_the_query_words_and_every_member(kendra_client, manual):
    response = kendra_client.retrieve(IndexId=manual, QueryText="reset factory settings")

    first = response["ResultItems"][0]
    assert first["DocumentId"] == "manual"
    assert first["Id"].startswith(response["QueryId"] + "-")
    assert "The reset button restores the factory settings." in first["Content"]
    assert len(first["Content"].split()) <= 200
    assert first["DocumentTitle"] == "Device manual"
    assert first["DocumentURI"] == "https://example.com/manual"
    assert [a["Key"] for a in first["DocumentAttributes"]] == ["team", "_source_uri"]
    assert first["ScoreAttributes"]["ScoreConfidence"] == "VERY_HIGH"
    assert set(ids(response)) == {"manual", "faq"}


def test_filters_and_requested_attributes(kendra_client, manual):
    response = kendra_client.retrieve(
        IndexId=manual,
        QueryText="reset",
        AttributeFilter={"EqualsTo": attribute("team", StringValue="support")},
        RequestedDocumentAttributes=["team"],
    )
    (item,) = response["ResultItems"]
    assert item["DocumentId"] == "faq"
    assert item["DocumentAttributes"] == [{"Key": "team", "Value": {"StringValue": "support"}}]


def test_paging_passages(kendra_client, index_id):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    index_now(kendra_client, index_id, *(text_doc(f"d{i:03d}", "alpha beta") for i in range(130)))

    first = kendra_client.retrieve(IndexId=index_id, QueryText="alpha")
    last = kendra_client.retrieve(IndexId=index_id, QueryText="alpha", PageNumber=4, PageSize=30)
    beyond = kendra_client.retrieve(IndexId=index_id, QueryText="alpha", PageNumber=2, PageSize=100)

    assert len(first["ResultItems"]) == 10
    assert len(last["ResultItems"]) == 10
    assert beyond["ResultItems"] == []


def test_relevance_overrides_apply_as_in_query(kendra_client, index_id):
    declare(
        kendra_client,
        index_id,
        {
            "Name": "rank",
            "Type": "LONG_VALUE",
            "Relevance": {"Importance": 10, "RankOrder": "ASCENDING"},
        },
    )
    index_now(
        kendra_client,
        index_id,
        text_doc("low", "same words here", Attributes=[attribute("rank", LongValue=1)]),
        text_doc("high", "same words here", Attributes=[attribute("rank", LongValue=9)]),
    )

    tuned = kendra_client.retrieve(IndexId=index_id, QueryText="same words")
    overridden = kendra_client.retrieve(
        IndexId=index_id,
        QueryText="same words",
        DocumentRelevanceOverrideConfigurations=[
            {"Name": "rank", "Relevance": {"Importance": 10, "RankOrder": "DESCENDING"}}
        ],
    )
    assert ids(tuned) == ["high", "low"]
    assert ids(overridden) == ["low", "high"]


def test_refusals(kendra_client, manual):
    with pytest.raises(ClientError) as caught:
        kendra_client.retrieve(IndexId=manual, QueryText="x" * 1001)
    assert error_of(caught)[0] == "ValidationException"
    with pytest.raises(ClientError) as caught:
        kendra_client.retrieve(IndexId=manual, QueryText="reset", PageSize=0)
    assert error_of(caught)[0] == "ValidationException"
    with pytest.raises(ClientError) as caught:
        kendra_client.retrieve(
            IndexId=manual,
            QueryText="reset",
            AttributeFilter={"ContainsAll": attribute("team", StringValue="x")},
        )
    assert error_of(caught)[0] == "ValidationException"
