"""SubmitFeedback through boto3: clicks and relevance for results a query returned
(API_SubmitFeedback.md, submitting-feedback.md), inspectable from the backend."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError

from moto_kendra.backend import feedback
from moto_kendra.backend.feedback import AnsweredQueries, Feedback
from tests.kendra_calls import UNKNOWN_ID, error_of
from tests.search_calls import index_now, text_doc


@pytest.fixture
def searched(kendra_client, index_id):
    index_now(kendra_client, index_id, text_doc("a", "alpha report"), text_doc("b", "alpha memo"))
    return kendra_client.query(IndexId=index_id, QueryText="alpha")


def test_feedback_is_recorded_for_the_test_to_read(
    kendra_client, kendra_backend, index_id, searched
):
    first, second = (item["Id"] for item in searched["ResultItems"])
    clicked = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)

    kendra_client.submit_feedback(
        IndexId=index_id,
        QueryId=searched["QueryId"],
        ClickFeedbackItems=[{"ResultId": first, "ClickTime": clicked}],
        RelevanceFeedbackItems=[{"ResultId": second, "RelevanceValue": "NOT_RELEVANT"}],
    )

    received = kendra_backend.indices[index_id].store(Feedback)
    (click,) = received.clicks
    (judgement,) = received.relevance
    assert (click.query_id, click.result_id, click.click_time) == (
        searched["QueryId"],
        first,
        clicked,
    )
    assert (judgement.result_id, judgement.relevance) == (second, "NOT_RELEVANT")


def test_retrieve_results_take_feedback_too(kendra_client, kendra_backend, index_id, searched):
    retrieved = kendra_client.retrieve(IndexId=index_id, QueryText="memo")
    result_id = retrieved["ResultItems"][0]["Id"]
    kendra_client.submit_feedback(
        IndexId=index_id,
        QueryId=retrieved["QueryId"],
        RelevanceFeedbackItems=[{"ResultId": result_id, "RelevanceValue": "RELEVANT"}],
    )
    assert [i.result_id for i in kendra_backend.indices[index_id].store(Feedback).items] == [
        result_id
    ]


def test_an_unknown_query_is_not_found(kendra_client, index_id, searched):
    with pytest.raises(ClientError) as caught:
        kendra_client.submit_feedback(IndexId=index_id, QueryId="not-a-query")
    code, status, message = error_of(caught)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert "not-a-query" in message


def test_a_result_the_query_didnt_return_is_refused(kendra_client, index_id, searched):
    with pytest.raises(ClientError) as caught:
        kendra_client.submit_feedback(
            IndexId=index_id,
            QueryId=searched["QueryId"],
            ClickFeedbackItems=[{"ResultId": "other-result", "ClickTime": 0}],
        )
    assert error_of(caught)[:2] == ("ValidationException", 400)


def test_an_unknown_index_is_not_found(kendra_client):
    with pytest.raises(ClientError) as caught:
        kendra_client.submit_feedback(IndexId=UNKNOWN_ID, QueryId="q")
    assert error_of(caught)[0] == "ResourceNotFoundException"


def test_only_the_latest_searches_are_remembered(
    kendra_client, kendra_backend, index_id, searched, monkeypatch
):
    monkeypatch.setattr(feedback, "MAX_ANSWERED_QUERIES", 2)
    later = [kendra_client.query(IndexId=index_id, QueryText="memo")["QueryId"] for _ in range(2)]

    assert list(kendra_backend.indices[index_id].store(AnsweredQueries).queries) == later
    with pytest.raises(ClientError) as caught:
        kendra_client.submit_feedback(IndexId=index_id, QueryId=searched["QueryId"])
    assert error_of(caught)[0] == "ResourceNotFoundException"
