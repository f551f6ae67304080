"""CreateFeaturedResultsSet, DescribeFeaturedResultsSet, ListFeaturedResultsSets,
UpdateFeaturedResultsSet and BatchDeleteFeaturedResultsSet through boto3; and the
documents a set features for a query."""

from __future__ import annotations

import base64
import time

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend.featured_results import featured_documents, query_key
from tests import raw_http
from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of


def create(kendra_client, index_id: str, name: str = "new products", **extra) -> dict:
    return kendra_client.create_featured_results_set(
        IndexId=index_id, FeaturedResultsSetName=name, **extra
    )["FeaturedResultsSet"]


def documents(*ids: str) -> list[dict]:
    return [{"Id": doc_id} for doc_id in ids]


def put_documents(kendra_client, index_id: str, *specs: dict) -> None:
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {"Blob": base64.b64encode(b"text").decode(), "ContentType": "PLAIN_TEXT", **spec}
            for spec in specs
        ],
    )


def now_ms() -> int:
    return int(time.time() * 1000)


# -- CreateFeaturedResultsSet ----------------------------------------------------------------------


def test_a_set_is_created_with_what_was_given(kendra_client, index_id):
    before = now_ms()
    featured = create(
        kendra_client,
        index_id,
        Description="What's new and coming soon",
        QueryTexts=["new products 2023", "new products available"],
        FeaturedDocuments=documents("doc-id-1", "doc-id-2"),
    )

    assert len(featured["FeaturedResultsSetId"]) == 36
    assert featured["FeaturedResultsSetName"] == "new products"
    assert featured["Description"] == "What's new and coming soon"
    assert featured["Status"] == "ACTIVE"  # the mock's default (see the reference)
    assert featured["QueryTexts"] == ["new products 2023", "new products available"]
    assert featured["FeaturedDocuments"] == documents("doc-id-1", "doc-id-2")
    # Longs: milliseconds since the epoch.
    assert before - 1000 <= featured["CreationTimestamp"] <= now_ms() + 1000
    assert featured["LastUpdatedTimestamp"] == featured["CreationTimestamp"]


def test_a_set_can_be_created_inactive_and_empty(kendra_client, index_id):
    featured = create(kendra_client, index_id, Status="INACTIVE")
    assert featured["Status"] == "INACTIVE"
    assert featured["QueryTexts"] == [] and featured["FeaturedDocuments"] == []


def test_a_repeated_client_token_returns_the_first_set(kendra_client, index_id):
    first = create(kendra_client, index_id, ClientToken="token", QueryTexts=["kendra"])
    again = create(kendra_client, index_id, "other", ClientToken="token", QueryTexts=["kendra"])
    assert again == first
    listed = kendra_client.list_featured_results_sets(IndexId=index_id)
    assert len(listed["FeaturedResultsSetSummaryItems"]) == 1


def test_a_set_is_tagged_under_the_index_arn(kendra_client, index_id):
    tags = [{"Key": "team", "Value": "search"}]
    set_id = create(kendra_client, index_id, Tags=tags)["FeaturedResultsSetId"]
    region = kendra_client.meta.region_name
    arn = f"arn:aws:kendra:{region}:123456789012:index/{index_id}/featured-results-set/{set_id}"
    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == tags


def test_an_unknown_index_is_not_found(kendra_client):
    with pytest.raises(ClientError) as caught:
        create(kendra_client, UNKNOWN_ID)
    assert error_of(caught)[:2] == ("ResourceNotFoundException", 400)


# -- conflicts -------------------------------------------------------------------------------------


def test_a_query_text_of_another_set_is_a_conflict(kendra_client, index_id):
    first = create(kendra_client, index_id, "first", QueryTexts=["New products", "kendra"])
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, "second", QueryTexts=["pricing", "  new   PRODUCTS "])

    code, status, message = error_of(caught)
    assert (code, status) == ("FeaturedResultsConflictException", 400)
    assert f"first ({first['FeaturedResultsSetId']})" in message
    assert caught.value.response["ConflictingItems"] == [
        {
            "QueryText": "  new   PRODUCTS ",
            "SetName": "first",
            "SetId": first["FeaturedResultsSetId"],
        }
    ]
    listed = kendra_client.list_featured_results_sets(IndexId=index_id)
    assert len(listed["FeaturedResultsSetSummaryItems"]) == 1


def test_a_conflict_body_carries_the_conflicting_items(kendra_client, index_id):
    first = create(kendra_client, index_id, "first", QueryTexts=["kendra"])
    response = raw_http.call(
        "CreateFeaturedResultsSet",
        {"IndexId": index_id, "FeaturedResultsSetName": "second", "QueryTexts": ["Kendra"]},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["__type"] == "FeaturedResultsConflictException"
    assert body["message"].startswith(
        f"1 query text already used by another featured results set of the index: first "
        f"({first['FeaturedResultsSetId']})."
    )
    assert body["ConflictingItems"] == [
        {"QueryText": "Kendra", "SetName": "first", "SetId": first["FeaturedResultsSetId"]}
    ]


def test_many_conflicts_are_listed_within_a_bounded_body(kendra_client, index_id):
    texts = [f"{n:04d} " + "🔍" * 990 for n in range(49)]
    create(kendra_client, index_id, "first", QueryTexts=texts)
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, "second", QueryTexts=texts)
    items = caught.value.response["ConflictingItems"]
    assert 0 < len(items) < 49
    assert [item["QueryText"] for item in items] == texts[: len(items)]
    assert error_of(caught)[2].startswith(f"49 query texts ({len(items)} listed) already used")


def test_an_inactive_set_holds_its_query_texts_too(kendra_client, index_id):
    create(kendra_client, index_id, "inactive", Status="INACTIVE", QueryTexts=["kendra"])
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, "active", QueryTexts=["kendra"])
    assert error_of(caught)[0] == "FeaturedResultsConflictException"


def test_queries_differing_in_punctuation_do_not_conflict(kendra_client, index_id):
    create(kendra_client, index_id, "first", QueryTexts=["kendra"])
    create(kendra_client, index_id, "second", QueryTexts=["kendra?"])


def test_a_query_text_given_twice_is_a_validation_error(kendra_client, index_id):
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, QueryTexts=["Kendra pricing", "kendra  pricing"])
    code, _, message = error_of(caught)
    assert code == "ValidationException" and "same query" in message
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, QueryTexts=["   "])
    assert error_of(caught)[0] == "ValidationException"


# -- limits ----------------------------------------------------------------------------------------


def test_a_set_features_at_most_four_documents(kendra_client, index_id):
    create(kendra_client, index_id, "four", FeaturedDocuments=documents("a", "b", "c", "d"))
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, "five", FeaturedDocuments=documents(*"abcde"))
    code, _, message = error_of(caught)
    assert code == "ValidationException"
    assert message == "A featured results set can feature at most 4 documents; 5 were given."


def test_featured_documents_need_an_id_and_appear_once(kendra_client, index_id):
    given: list[dict]
    for given in ([{}], documents("a", "a")):
        with pytest.raises(ClientError) as caught:
            create(kendra_client, index_id, FeaturedDocuments=given)
        assert error_of(caught)[0] == "ValidationException"


def test_a_set_has_at_most_49_query_texts(kendra_client, index_id):
    create(kendra_client, index_id, "49", QueryTexts=[f"query {n}" for n in range(49)])
    with pytest.raises(ClientError) as caught:
        kendra_client.create_featured_results_set(
            IndexId=index_id,
            FeaturedResultsSetName="50",
            QueryTexts=[f"other {n}" for n in range(50)],
        )
    assert error_of(caught)[0] == "ValidationException"


def test_an_index_has_at_most_50_sets(kendra_client, index_id):
    for n in range(50):
        create(kendra_client, index_id, f"set {n}")
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, "one too many")
    code, _, message = error_of(caught)
    assert code == "ValidationException" and "at most 50" in message


# -- DescribeFeaturedResultsSet ----------------------------------------------------------------------


def test_describe_tells_held_documents_from_missing_ones(kendra_client, index_id):
    put_documents(
        kendra_client,
        index_id,
        {
            "Id": "whats-new",
            "Title": "What's new",
            "Attributes": [
                {"Key": "_source_uri", "Value": {"StringValue": "https://example.com/new"}}
            ],
        },
        {"Id": "untitled"},
    )
    set_id = create(
        kendra_client,
        index_id,
        QueryTexts=["new products"],
        FeaturedDocuments=documents("coming-soon", "whats-new", "untitled"),
    )["FeaturedResultsSetId"]

    described = kendra_client.describe_featured_results_set(
        IndexId=index_id, FeaturedResultsSetId=set_id
    )
    assert described["FeaturedDocumentsWithMetadata"] == [
        {"Id": "whats-new", "Title": "What's new", "URI": "https://example.com/new"},
        {"Id": "untitled"},
    ]
    assert described["FeaturedDocumentsMissing"] == [{"Id": "coming-soon"}]
    assert described["QueryTexts"] == ["new products"]
    assert described["Status"] == "ACTIVE"
    assert "FeaturedDocuments" not in described

    # Computed when described: the document put since is held now.
    put_documents(kendra_client, index_id, {"Id": "coming-soon", "Title": "Coming soon"})
    kendra_client.batch_delete_document(IndexId=index_id, DocumentIdList=["untitled"])
    described = kendra_client.describe_featured_results_set(
        IndexId=index_id, FeaturedResultsSetId=set_id
    )
    assert [doc["Id"] for doc in described["FeaturedDocumentsWithMetadata"]] == [
        "coming-soon",
        "whats-new",
    ]
    assert described["FeaturedDocumentsMissing"] == [{"Id": "untitled"}]


def test_a_document_still_processing_is_missing(kendra_client, index_id):
    kendra_client.batch_put_document(
        IndexId=index_id, Documents=[{"Id": "slow", "Blob": base64.b64encode(b"x").decode()}]
    )
    set_id = create(kendra_client, index_id, FeaturedDocuments=documents("slow"))[
        "FeaturedResultsSetId"
    ]
    described = kendra_client.describe_featured_results_set(
        IndexId=index_id, FeaturedResultsSetId=set_id
    )
    assert described["FeaturedDocumentsMissing"] == [{"Id": "slow"}]


def test_describe_an_unknown_set_is_not_found(kendra_client, index_id):
    for index, set_id in ((index_id, UNKNOWN_ID), (UNKNOWN_ID, UNKNOWN_ID)):
        with pytest.raises(ClientError) as caught:
            kendra_client.describe_featured_results_set(IndexId=index, FeaturedResultsSetId=set_id)
        assert error_of(caught)[:2] == ("ResourceNotFoundException", 400)


# -- ListFeaturedResultsSets ----------------------------------------------------------------------


def test_list_pages_through_the_sets_in_creation_order(kendra_client, index_id):
    ids = [create(kendra_client, index_id, f"set {n}")["FeaturedResultsSetId"] for n in range(3)]
    first = kendra_client.list_featured_results_sets(IndexId=index_id, MaxResults=2)
    second = kendra_client.list_featured_results_sets(
        IndexId=index_id, MaxResults=2, NextToken=first["NextToken"]
    )
    items = first["FeaturedResultsSetSummaryItems"] + second["FeaturedResultsSetSummaryItems"]

    assert [item["FeaturedResultsSetId"] for item in items] == ids
    assert "NextToken" not in second
    assert set(items[0]) == {
        "FeaturedResultsSetId",
        "FeaturedResultsSetName",
        "Status",
        "CreationTimestamp",
        "LastUpdatedTimestamp",
    }


def test_list_refuses_a_token_of_another_index(kendra_client, index_id):
    other = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    for n in range(2):
        create(kendra_client, other, f"set {n}")
    token = kendra_client.list_featured_results_sets(IndexId=other, MaxResults=1)["NextToken"]
    with pytest.raises(ClientError) as caught:
        kendra_client.list_featured_results_sets(IndexId=index_id, NextToken=token)
    assert error_of(caught)[0] == "ValidationException"


# -- UpdateFeaturedResultsSet -----------------------------------------------------------------------


def test_update_changes_what_is_given(kendra_client, index_id):
    created = create(
        kendra_client, index_id, QueryTexts=["old query"], FeaturedDocuments=documents("a")
    )
    set_id = created["FeaturedResultsSetId"]

    updated = kendra_client.update_featured_results_set(
        IndexId=index_id,
        FeaturedResultsSetId=set_id,
        FeaturedResultsSetName="renamed",
        Status="INACTIVE",
        QueryTexts=["new query"],
        FeaturedDocuments=documents("b", "a"),
    )["FeaturedResultsSet"]

    assert updated["FeaturedResultsSetName"] == "renamed"
    assert updated["Status"] == "INACTIVE"
    assert updated["QueryTexts"] == ["new query"]
    assert updated["FeaturedDocuments"] == documents("b", "a")
    assert updated["CreationTimestamp"] == created["CreationTimestamp"]
    assert updated["LastUpdatedTimestamp"] >= created["LastUpdatedTimestamp"]
    # The old query text is free for another set; the new one isn't.
    create(kendra_client, index_id, "other", QueryTexts=["old query"])
    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, "third", QueryTexts=["new query"])
    assert error_of(caught)[0] == "FeaturedResultsConflictException"


def test_update_keeps_what_is_not_given_and_may_reuse_its_own_texts(kendra_client, index_id):
    set_id = create(kendra_client, index_id, Description="d", QueryTexts=["q1", "q2"])[
        "FeaturedResultsSetId"
    ]
    updated = kendra_client.update_featured_results_set(
        IndexId=index_id, FeaturedResultsSetId=set_id, QueryTexts=["Q2", "q3"]
    )["FeaturedResultsSet"]
    assert (updated["Description"], updated["QueryTexts"]) == ("d", ["Q2", "q3"])


def test_update_to_another_sets_query_is_a_conflict(kendra_client, index_id):
    first = create(kendra_client, index_id, "first", QueryTexts=["kendra"])
    second = create(kendra_client, index_id, "second", QueryTexts=["search"])
    with pytest.raises(ClientError) as caught:
        kendra_client.update_featured_results_set(
            IndexId=index_id,
            FeaturedResultsSetId=second["FeaturedResultsSetId"],
            QueryTexts=["search", "KENDRA"],
        )
    assert error_of(caught)[0] == "FeaturedResultsConflictException"
    assert caught.value.response["ConflictingItems"] == [
        {"QueryText": "KENDRA", "SetName": "first", "SetId": first["FeaturedResultsSetId"]}
    ]
    described = kendra_client.describe_featured_results_set(
        IndexId=index_id, FeaturedResultsSetId=second["FeaturedResultsSetId"]
    )
    assert described["QueryTexts"] == ["search"]


def test_update_checks_documents_and_finds_the_set(kendra_client, index_id):
    set_id = create(kendra_client, index_id)["FeaturedResultsSetId"]
    with pytest.raises(ClientError) as caught:
        kendra_client.update_featured_results_set(
            IndexId=index_id, FeaturedResultsSetId=set_id, FeaturedDocuments=documents(*"abcde")
        )
    assert error_of(caught)[0] == "ValidationException"
    with pytest.raises(ClientError) as caught:
        kendra_client.update_featured_results_set(IndexId=index_id, FeaturedResultsSetId=UNKNOWN_ID)
    assert error_of(caught)[0] == "ResourceNotFoundException"


# -- BatchDeleteFeaturedResultsSet ------------------------------------------------------------------


def test_batch_delete_removes_sets_and_reports_unknown_ids(kendra_client, index_id):
    kept = create(kendra_client, index_id, "kept")["FeaturedResultsSetId"]
    gone = create(
        kendra_client, index_id, "gone", QueryTexts=["kendra"], Tags=[{"Key": "k", "Value": "v"}]
    )["FeaturedResultsSetId"]

    response = kendra_client.batch_delete_featured_results_set(
        IndexId=index_id, FeaturedResultsSetIds=[gone, UNKNOWN_ID, gone]
    )

    assert response["Errors"] == [
        {
            "Id": UNKNOWN_ID,
            "ErrorCode": "InvalidRequest",
            "ErrorMessage": f"Featured results set {UNKNOWN_ID} doesn't exist in index {index_id}.",
        }
    ]
    listed = kendra_client.list_featured_results_sets(IndexId=index_id)
    assert [item["FeaturedResultsSetId"] for item in listed["FeaturedResultsSetSummaryItems"]] == [
        kept
    ]
    create(kendra_client, index_id, "reuses", QueryTexts=["kendra"])
    arn = f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}/featured-results-set/{gone}"
    with pytest.raises(ClientError) as caught:
        kendra_client.list_tags_for_resource(ResourceARN=arn)
    assert error_of(caught)[0] == "ResourceUnavailableException"


def test_batch_delete_in_an_unknown_index_is_not_found(kendra_client):
    with pytest.raises(ClientError) as caught:
        kendra_client.batch_delete_featured_results_set(
            IndexId=UNKNOWN_ID, FeaturedResultsSetIds=[UNKNOWN_ID]
        )
    assert error_of(caught)[0] == "ResourceNotFoundException"


def test_an_index_being_deleted_refuses_changes_to_its_sets(kendra_client, index_id):
    set_id = create(kendra_client, index_id)["FeaturedResultsSetId"]
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 1})
    kendra_client.delete_index(Id=index_id)

    with pytest.raises(ClientError) as caught:
        create(kendra_client, index_id, "late")
    assert error_of(caught)[0] == "ConflictException"
    with pytest.raises(ClientError) as caught:
        kendra_client.update_featured_results_set(
            IndexId=index_id, FeaturedResultsSetId=set_id, Status="INACTIVE"
        )
    code, _, message = error_of(caught)
    assert code == "ValidationException" and "being deleted" in message
    response = kendra_client.batch_delete_featured_results_set(
        IndexId=index_id, FeaturedResultsSetIds=[set_id]
    )
    assert [error["Id"] for error in response["Errors"]] == [set_id]
    arn = f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}/featured-results-set/{set_id}"
    with pytest.raises(ClientError) as caught:
        kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert error_of(caught)[0] == "ResourceUnavailableException"
    described = kendra_client.describe_featured_results_set(
        IndexId=index_id, FeaturedResultsSetId=set_id
    )
    assert described["Status"] == "ACTIVE"


# -- the contract with search: featured_documents(index, query_text) --------------------------------


def test_featured_documents_for_an_exact_query(kendra_client, kendra_backend, index_id):
    create(
        kendra_client,
        index_id,
        QueryTexts=["New products 2023", "kendra?"],
        FeaturedDocuments=documents("whats-new", "coming-soon"),
    )
    index = kendra_backend.indices[index_id]

    assert featured_documents(index, "new products 2023") == ["whats-new", "coming-soon"]
    assert featured_documents(index, "  NEW\tproducts   2023 ") == ["whats-new", "coming-soon"]
    assert featured_documents(index, "kendra?") == ["whats-new", "coming-soon"]
    # The whole query, every other character as it is.
    assert featured_documents(index, "kendra") == []
    assert featured_documents(index, "new products") == []
    assert featured_documents(index, "what are the new products 2023") == []
    assert featured_documents(index, "new-products 2023") == []


def test_only_an_active_set_features(kendra_client, kendra_backend, index_id):
    set_id = create(
        kendra_client, index_id, QueryTexts=["kendra"], FeaturedDocuments=documents("a")
    )["FeaturedResultsSetId"]
    index = kendra_backend.indices[index_id]

    kendra_client.update_featured_results_set(
        IndexId=index_id, FeaturedResultsSetId=set_id, Status="INACTIVE"
    )
    assert featured_documents(index, "kendra") == []
    kendra_client.update_featured_results_set(
        IndexId=index_id,
        FeaturedResultsSetId=set_id,
        Status="ACTIVE",
        FeaturedDocuments=documents("b", "a"),
    )
    assert featured_documents(index, "kendra") == ["b", "a"]
    kendra_client.batch_delete_featured_results_set(
        IndexId=index_id, FeaturedResultsSetIds=[set_id]
    )
    assert featured_documents(index, "kendra") == []


def test_query_key_folds_case_and_white_space_only():
    assert query_key("  New\u00a0Products\n2023  ") == "new products 2023"
    assert query_key("Kendra?") == "kendra?"
    assert query_key("KENDRA") != query_key("KENDRA!")
