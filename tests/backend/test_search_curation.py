"""What curation changes in search, through boto3: featured results sets put their
documents in Query's FeaturedResultsItems (featured-results.md), thesauri expand
Query's, Retrieve's and FAQ questions' terms with THESAURUS_SYNONYM highlights
(index-synonyms-enabling-synonyms-in-results.md)."""

from __future__ import annotations

import boto3
import pytest
from moto.moto_api import state_manager

from moto_kendra.backend.feedback import Feedback
from tests.conftest import ROLE_ARN
from tests.search_calls import attribute, ids, index_now, text_doc


def highlighted(text_with_highlights: dict) -> list[tuple[str, str]]:
    text = text_with_highlights["Text"]
    return [
        (text[h["BeginOffset"] : h["EndOffset"]], h["Type"])
        for h in text_with_highlights["Highlights"]
    ]


# -- featured results ----------------------------------------------------------------------


@pytest.fixture
def products(kendra_client, index_id):
    index_now(
        kendra_client,
        index_id,
        text_doc(
            "whats-new",
            "New products this year: a faster index.",
            title="What's new",
            Attributes=[attribute("_source_uri", StringValue="https://example.com/new")],
        ),
        text_doc("coming-soon", "Products coming soon.", title="Coming soon"),
        text_doc("catalog", "Every product we sell, new products included.", title="Catalog"),
        text_doc("pricing", "What new products cost.", title="Pricing"),
    )
    kendra_client.create_featured_results_set(
        IndexId=index_id,
        FeaturedResultsSetName="new products",
        QueryTexts=["new products 2023", "new products"],
        FeaturedDocuments=[{"Id": "coming-soon"}, {"Id": "whats-new"}, {"Id": "not-indexed"}],
    )
    return index_id


def test_an_exact_query_text_features_the_sets_documents_in_order(kendra_client, products):
    response = kendra_client.query(IndexId=products, QueryText="New  Products")

    featured = response["FeaturedResultsItems"]
    # In the set's order; a document the index doesn't hold is left out.
    assert [item["DocumentId"] for item in featured] == ["coming-soon", "whats-new"]
    whats_new = featured[1]
    assert whats_new["Type"] == "DOCUMENT"
    assert whats_new["Id"].startswith(response["QueryId"] + "-")
    assert whats_new["DocumentURI"] == "https://example.com/new"
    assert whats_new["DocumentTitle"]["Text"] == "What's new"
    assert highlighted(whats_new["DocumentExcerpt"]) == [
        ("New", "STANDARD"),
        ("products", "STANDARD"),
    ]
    assert whats_new["DocumentAttributes"] == [
        {"Key": "_source_uri", "Value": {"StringValue": "https://example.com/new"}}
    ]
    assert whats_new["FeedbackToken"].endswith("." + whats_new["Id"])
    # Featured documents are not repeated among the results, nor counted there.
    assert sorted(ids(response)) == ["catalog", "pricing"]
    assert response["TotalNumberOfResults"] == 2


def test_only_an_exact_query_text_features_documents(kendra_client, products):
    response = kendra_client.query(IndexId=products, QueryText="new products coming")

    assert response["FeaturedResultsItems"] == []
    assert "whats-new" in ids(response)


def test_featured_results_are_on_the_first_page_only(kendra_client, products):
    def page(number: int) -> dict:
        return kendra_client.query(
            IndexId=products, QueryText="new products", PageNumber=number, PageSize=1
        )

    first, second = page(1), page(2)

    assert len(first["FeaturedResultsItems"]) == 2
    assert second["FeaturedResultsItems"] == []
    assert sorted(ids(first) + ids(second)) == ["catalog", "pricing"]
    assert second["TotalNumberOfResults"] == 2


def test_an_inactive_set_features_nothing(kendra_client, products):
    (summary,) = kendra_client.list_featured_results_sets(IndexId=products)[
        "FeaturedResultsSetSummaryItems"
    ]
    kendra_client.update_featured_results_set(
        IndexId=products, FeaturedResultsSetId=summary["FeaturedResultsSetId"], Status="INACTIVE"
    )

    response = kendra_client.query(IndexId=products, QueryText="new products")

    assert response["FeaturedResultsItems"] == []
    assert "whats-new" in ids(response)


def test_access_control_is_honoured_for_featured_documents(kendra_client, index_id):
    secret = text_doc("secret", "Project falcon ships soon.")
    secret["AccessControlList"] = [{"Name": "Interns", "Type": "GROUP", "Access": "DENY"}]
    index_now(kendra_client, index_id, secret, text_doc("public", "Project falcon news."))
    kendra_client.create_featured_results_set(
        IndexId=index_id,
        FeaturedResultsSetName="falcon",
        QueryTexts=["project falcon"],
        FeaturedDocuments=[{"Id": "secret"}, {"Id": "public"}],
    )

    def featured(**extra) -> list[str]:
        response = kendra_client.query(IndexId=index_id, QueryText="project falcon", **extra)
        return [item["DocumentId"] for item in response["FeaturedResultsItems"]]

    assert featured() == ["secret", "public"]
    assert featured(UserContext={"UserId": "ann", "Groups": ["Interns"]}) == ["public"]


def test_a_click_on_a_featured_result_is_feedback_on_the_query(
    kendra_client, kendra_backend, products
):
    response = kendra_client.query(IndexId=products, QueryText="new products")
    clicked = response["FeaturedResultsItems"][0]["Id"]

    kendra_client.submit_feedback(
        IndexId=products,
        QueryId=response["QueryId"],
        ClickFeedbackItems=[{"ResultId": clicked, "ClickTime": 1_700_000_000}],
    )

    (click,) = kendra_backend.indices[products].store(Feedback).clicks
    assert click.result_id == clicked


# -- thesauri ----------------------------------------------------------------------------


@pytest.fixture
def s3(kendra_client):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="synonyms")
    return client


def thesaurus(kendra_client, s3, index_id: str, body: bytes) -> str:
    s3.put_object(Bucket="synonyms", Key="synonyms.txt", Body=body)
    return kendra_client.create_thesaurus(
        IndexId=index_id,
        Name="synonyms",
        RoleArn=ROLE_ARN,
        SourceS3Path={"Bucket": "synonyms", "Key": "synonyms.txt"},
    )["Id"]


@pytest.fixture
def dns(kendra_client, index_id):
    index_now(
        kendra_client,
        index_id,
        text_doc("route53", "Route 53 answers the queries of your domain.", title="Route 53"),
        text_doc("other", "Nothing about names here."),
    )
    return index_id


def test_a_thesaurus_expands_query_terms_and_highlights_synonyms(kendra_client, s3, dns):
    assert ids(kendra_client.query(IndexId=dns, QueryText="DNS")) == []

    thesaurus(kendra_client, s3, dns, b"DNS, Route53, Route 53\n")

    response = kendra_client.query(IndexId=dns, QueryText="DNS")
    (item,) = response["ResultItems"]
    assert item["DocumentId"] == "route53"
    assert highlighted(item["DocumentExcerpt"]) == [("Route 53", "THESAURUS_SYNONYM")]
    assert highlighted(item["DocumentTitle"]) == [("Route 53", "THESAURUS_SYNONYM")]


def test_retrieve_finds_synonyms_too(kendra_client, s3, dns):
    thesaurus(kendra_client, s3, dns, b"DNS, Route 53\n")

    (passage,) = kendra_client.retrieve(IndexId=dns, QueryText="DNS")["ResultItems"]

    assert passage["DocumentId"] == "route53"


def test_synonyms_follow_the_thesaurus_as_it_changes(kendra_client, s3, dns):
    thesaurus_id = thesaurus(kendra_client, s3, dns, b"DNS, Route 53\n")
    assert ids(kendra_client.query(IndexId=dns, QueryText="DNS")) == ["route53"]

    s3.put_object(Bucket="synonyms", Key="synonyms.txt", Body=b"DNS => names\n")
    kendra_client.update_thesaurus(IndexId=dns, Id=thesaurus_id)
    assert ids(kendra_client.query(IndexId=dns, QueryText="DNS")) == ["other"]

    kendra_client.delete_thesaurus(IndexId=dns, Id=thesaurus_id)
    kendra_client.list_thesauri(IndexId=dns)  # DELETING -> gone
    assert ids(kendra_client.query(IndexId=dns, QueryText="DNS")) == []


def test_a_thesaurus_being_created_doesnt_expand_queries_yet(kendra_client, s3, dns):
    state_manager.set_transition("kendra::thesaurus", {"progression": "manual", "times": 1})
    thesaurus_id = thesaurus(kendra_client, s3, dns, b"DNS, Route 53\n")
    assert ids(kendra_client.query(IndexId=dns, QueryText="DNS")) == []

    kendra_client.describe_thesaurus(IndexId=dns, Id=thesaurus_id)  # CREATING -> ACTIVE
    assert ids(kendra_client.query(IndexId=dns, QueryText="DNS")) == ["route53"]


def test_faq_questions_are_matched_through_synonyms(kendra_client, s3, index_id):
    s3.put_object(
        Bucket="synonyms", Key="faq.csv", Body=b"How do I configure Route 53?,Use the console.\n"
    )
    kendra_client.create_faq(
        IndexId=index_id,
        Name="faq",
        S3Path={"Bucket": "synonyms", "Key": "faq.csv"},
        RoleArn=ROLE_ARN,
    )
    assert kendra_client.query(IndexId=index_id, QueryText="DNS")["ResultItems"] == []

    thesaurus(kendra_client, s3, index_id, b"DNS, Route 53\n")

    (answer,) = kendra_client.query(IndexId=index_id, QueryText="DNS")["ResultItems"]
    assert answer["Type"] == "QUESTION_ANSWER"
    assert ("Route 53", "THESAURUS_SYNONYM") in highlighted(answer["DocumentTitle"])
