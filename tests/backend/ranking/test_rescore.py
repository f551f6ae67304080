"""Rescore through boto3: properties of the ranking, and the documented limits."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend.ranking.plans import PLAN_MODEL
from tests import ranking_calls
from tests.kendra_calls import UNKNOWN_ID, error_of


def doc(doc_id: str, body: str = "filler text", score: float = 1.0, **more: Any) -> dict[str, Any]:
    return {"Id": doc_id, "Body": body, "OriginalScore": score, **more}


def rescore(ranking: Any, plan_id: str, query: str, documents: list[dict[str, Any]]) -> list:
    answer = ranking.rescore(RescoreExecutionPlanId=plan_id, SearchQuery=query, Documents=documents)
    return [(item["DocumentId"], item["Score"]) for item in answer["ResultItems"]]


def order(ranking: Any, plan_id: str, query: str, documents: list[dict[str, Any]]) -> list[str]:
    return [doc_id for doc_id, _ in rescore(ranking, plan_id, query, documents)]


def refused(ranking: Any, plan_id: str, documents: list[dict[str, Any]]) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as caught:
        ranking.rescore(RescoreExecutionPlanId=plan_id, SearchQuery="query", Documents=documents)
    return error_of(caught)


def test_the_documented_example(ranking, plan_id):
    answer = ranking.rescore(
        RescoreExecutionPlanId=plan_id,
        SearchQuery="intelligent systems",
        Documents=[
            doc("DocId1", "intelligent systems in everyday life", 2.0, Title="Smart systems"),
            doc("DocId2", "living with intelligent systems", 1.0, Title="Smarter systems"),
        ],
    )

    assert len(answer["RescoreId"]) == 36
    assert {item["DocumentId"] for item in answer["ResultItems"]} == {"DocId1", "DocId2"}
    assert all(set(item) == {"DocumentId", "Score"} for item in answer["ResultItems"])


def test_a_document_holding_the_query_terms_outranks_one_that_does_not(ranking, plan_id):
    documents = [
        doc("off-topic", "a recipe for pasta with tomatoes", 9.0),
        doc("on-topic", "how to rotate the access keys of a user", 1.0),
    ]

    ranked = rescore(ranking, plan_id, "rotate access keys", documents)

    assert [doc_id for doc_id, _ in ranked] == ["on-topic", "off-topic"]
    assert ranked[0][1] > ranked[1][1] == 0


def test_the_title_counts(ranking, plan_id):
    documents = [
        doc("body-only", "nothing relevant here", 5.0, Title="General notes"),
        doc("in-title", "nothing relevant here", 1.0, Title="Kubernetes networking"),
    ]

    assert order(ranking, plan_id, "kubernetes", documents) == ["in-title", "body-only"]


def test_the_body_counts(ranking, plan_id):
    documents = [
        doc("neither", "general notes", 5.0, Title="Same title"),
        doc("in-body", "kubernetes networking explained", 1.0, Title="Same title"),
    ]

    assert order(ranking, plan_id, "kubernetes", documents) == ["in-body", "neither"]


def test_more_occurrences_and_rarer_terms_weigh_more(ranking, plan_id):
    documents = [
        doc("once", "cache invalidation is hard", 1.0),
        doc("twice", "cache invalidation: invalidation is hard", 1.0),
        doc("common-only", "cache cache notes", 1.0),
        doc("unrelated", "weather report", 1.0),
    ]

    ranked = order(ranking, plan_id, "invalidation cache", documents)

    # "invalidation" is rarer than "cache" here: it weighs more.
    assert ranked.index("twice") < ranked.index("once") < ranked.index("common-only")
    assert ranked[-1] == "unrelated"


def test_results_are_in_descending_order_of_score(ranking, plan_id):
    documents = [doc(f"d{n}", " ".join(["alpha"] * n + ["beta"] * (5 - n)), 1.0) for n in range(6)]

    scores = [score for _, score in rescore(ranking, plan_id, "alpha", documents)]

    assert scores == sorted(scores, reverse=True)
    assert len(scores) == 6


def test_ties_keep_the_search_services_order(ranking, plan_id):
    documents = [
        doc("low", "same words", 1.0),
        doc("high", "same words", 3.0),
        doc("first-of-equal", "same words", 2.0),
        doc("second-of-equal", "same words", 2.0),
    ]

    # Equal scores: higher OriginalScore first, then the order of the request.
    assert order(ranking, plan_id, "unmatched", documents) == [
        "high",
        "first-of-equal",
        "second-of-equal",
        "low",
    ]


def test_tokenized_title_and_body_are_read_as_tokens(ranking, plan_id):
    documents = [
        {"Id": "plain", "TokenizedBody": ["weather", "report"], "OriginalScore": 5.0},
        {
            "Id": "tokens",
            "TokenizedTitle": ["Serverless"],
            "TokenizedBody": ["functions", "scale", "to", "zero"],
            "OriginalScore": 1.0,
        },
    ]

    assert order(ranking, plan_id, "serverless functions", documents) == ["tokens", "plain"]


def test_documents_of_one_group_are_scored_as_one_document(ranking, plan_id):
    documents = [
        doc("passage-1", "introduction to the topic", 1.0, GroupId="manual"),
        doc("passage-2", "kubernetes networking in depth", 1.0, GroupId="manual"),
        doc("other", "kubernetes for beginners", 2.0),
        doc("unrelated", "gardening", 3.0),
    ]

    scores = dict(rescore(ranking, plan_id, "kubernetes networking", documents))

    assert scores["passage-1"] == scores["passage-2"] > 0
    assert scores["unrelated"] == 0


def test_rescore_ids_are_new_for_each_call(ranking, plan_id):
    documents = [doc("d1")]
    ids = {
        ranking.rescore(RescoreExecutionPlanId=plan_id, SearchQuery="q", Documents=documents)[
            "RescoreId"
        ]
        for _ in range(3)
    }

    assert len(ids) == 3


# -- limits ------------------------------------------------------------------------


def test_at_most_25_documents(ranking, plan_id):
    assert len(order(ranking, plan_id, "q", [doc(f"d{n}") for n in range(25)])) == 25

    code, status, message = refused(ranking, plan_id, [doc(f"d{n}") for n in range(26)])

    assert (code, status) == ("ValidationException", 400)
    assert "at most 25 documents" in message


def test_at_most_3_documents_per_group(ranking, plan_id):
    group = [doc(f"d{n}", GroupId="g") for n in range(3)]
    assert len(order(ranking, plan_id, "q", group)) == 3

    code, status, message = refused(ranking, plan_id, [*group, doc("d3", GroupId="g")])

    assert (code, status) == ("ValidationException", 400)
    assert "GroupId 'g' has more than 3 documents" in message


@pytest.mark.parametrize(
    ("member", "limit", "form"),
    [
        ("Title", 100, "text"),
        ("TokenizedTitle", 100, "tokens"),
        ("Body", 200, "text"),
        ("TokenizedBody", 200, "tokens"),
    ],
)
def test_token_limits_of_titles_and_bodies(ranking, plan_id, member, limit, form):
    def with_tokens(count: int) -> dict[str, Any]:
        words = [f"w{n}" for n in range(count)]
        value: Any = " ".join(words) if form == "text" else words
        document = {"Id": "d", "OriginalScore": 1.0, member: value}
        if "Body" not in member:
            document["Body"] = "body"
        return document

    assert order(ranking, plan_id, "w1", [with_tokens(limit)]) == ["d"]
    code, status, message = refused(ranking, plan_id, [with_tokens(limit + 1)])

    assert (code, status) == ("ValidationException", 400)
    assert f"has {limit + 1} tokens" in message and f"at most {limit}" in message


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"Body": "b", "TokenizedBody": ["b"]}, "both Body and TokenizedBody"),
        ({"Body": "b", "Title": "t", "TokenizedTitle": ["t"]}, "both Title and TokenizedTitle"),
        ({"Title": "only a title"}, "no Body or TokenizedBody"),
    ],
)
def test_a_document_gives_its_body_and_title_one_way(ranking, plan_id, document, words):
    code, status, message = refused(
        ranking, plan_id, [{"Id": "d", "OriginalScore": 1.0, **document}]
    )

    assert (code, status) == ("ValidationException", 400)
    assert words in message


def test_document_ids_are_unique_in_a_request(ranking, plan_id):
    code, status, message = refused(ranking, plan_id, [doc("same"), doc("same")])

    assert (code, status) == ("ValidationException", 400)
    assert "'same' appears more than once" in message


def test_an_original_score_out_of_range_is_a_validation_error(ranking, plan_id):
    code, status, _ = refused(ranking, plan_id, [doc("d", score=100001.0)])

    assert (code, status) == ("ValidationException", 400)


# -- the plan --------------------------------------------------------------------------


def test_an_unknown_plan_is_not_found(ranking):
    code, status, message = refused(ranking, UNKNOWN_ID, [doc("d")])

    assert (code, status) == ranking_calls.error("ResourceNotFoundException")
    assert UNKNOWN_ID in message


def test_a_plan_still_creating_does_not_rescore(ranking):
    state_manager.set_transition(PLAN_MODEL, {"progression": "manual", "times": 1})
    plan_id = ranking.create_rescore_execution_plan(Name="plan")["Id"]

    code, status, message = refused(ranking, plan_id, [doc("d")])
    ranking.describe_rescore_execution_plan(Id=plan_id)
    ranking.describe_rescore_execution_plan(Id=plan_id)

    assert (code, status) == ranking_calls.error("ConflictException")
    assert "is CREATING" in message
    assert order(ranking, plan_id, "q", [doc("d")]) == ["d"]
