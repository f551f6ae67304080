"""FAQs through boto3: CreateFaq reads the file from moto's S3 (CSV, CSV_WITH_HEADER,
JSON), statuses, DescribeFaq, ListFaqs, DeleteFaq, tags, FaqStatistics, and the
QUESTION_ANSWER results of Query (in-creating-faq.md, query-responses-types.md)."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of
from tests.search_calls import attribute, declare, field, index_now, text_doc

CLINICS = b"""How many free clinics are in Spokane WA?, 13, https://www.freeclinics.com/
How many free clinics are there in Mountain View Missouri?, 7, https://www.freeclinics.com/
"""


@pytest.fixture
def s3(kendra_client):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="faq-bucket")
    return client


def create(kendra_client, s3, index_id, body, key="faq.csv", **params):
    s3.put_object(Bucket="faq-bucket", Key=key, Body=body)
    return kendra_client.create_faq(
        IndexId=index_id,
        Name=params.pop("Name", "clinics"),
        S3Path={"Bucket": "faq-bucket", "Key": key},
        RoleArn=ROLE_ARN,
        **params,
    )["Id"]


def describe(kendra_client, index_id, faq_id):
    return kendra_client.describe_faq(IndexId=index_id, Id=faq_id)


def answers(kendra_client, index_id, text, **params):
    response = kendra_client.query(
        IndexId=index_id, QueryText=text, QueryResultTypeFilter="QUESTION_ANSWER", **params
    )
    return response["ResultItems"]


def test_a_basic_csv_faq_answers_queries(kendra_client, s3, index_id):
    faq_id = create(kendra_client, s3, index_id, CLINICS, Description="Free clinics")

    described = describe(kendra_client, index_id, faq_id)
    item, other = answers(kendra_client, index_id, "free clinics in Spokane")

    assert described["Status"] == "ACTIVE"
    assert described["FileFormat"] == "CSV"
    assert described["LanguageCode"] == "en"
    assert described["Description"] == "Free clinics"
    assert described["S3Path"] == {"Bucket": "faq-bucket", "Key": "faq.csv"}
    assert item["Type"] == "QUESTION_ANSWER"
    question, answer = item["AdditionalAttributes"]
    assert question["Key"] == "QuestionText" and answer["Key"] == "AnswerText"
    question_text = question["Value"]["TextWithHighlightsValue"]
    assert question_text["Text"] == "How many free clinics are in Spokane WA?"
    assert [
        question_text["Text"][h["BeginOffset"] : h["EndOffset"]]
        for h in question_text["Highlights"]
    ] == ["free", "clinics", "Spokane"]
    assert answer["Value"]["TextWithHighlightsValue"] == {"Text": "13", "Highlights": []}
    assert item["DocumentExcerpt"]["Text"] == "13"
    assert item["DocumentURI"] == "https://www.freeclinics.com/"
    assert item["ScoreAttributes"]["ScoreConfidence"] == "VERY_HIGH"
    assert item["DocumentId"].endswith(faq_id)
    assert other["ScoreAttributes"]["ScoreConfidence"] in ("HIGH", "MEDIUM")


def test_faq_answers_come_before_documents(kendra_client, s3, index_id):
    index_now(kendra_client, index_id, text_doc("doc", "Spokane has many free clinics."))
    create(kendra_client, s3, index_id, CLINICS)

    response = kendra_client.query(IndexId=index_id, QueryText="free clinics Spokane")

    types = [item["Type"] for item in response["ResultItems"]]
    assert types[0] == "QUESTION_ANSWER" and types[-1] == "DOCUMENT"
    assert response["TotalNumberOfResults"] == len(types)
    no_faqs = kendra_client.query(
        IndexId=index_id, QueryText="free clinics Spokane", QueryResultTypeFilter="DOCUMENT"
    )
    assert [item["Type"] for item in no_faqs["ResultItems"]] == ["DOCUMENT"]


def test_at_most_four_answers(kendra_client, s3, index_id):
    body = "".join(f"What is clinic number {i}?, Clinic {i}\n" for i in range(8)).encode()
    create(kendra_client, s3, index_id, body)
    assert len(answers(kendra_client, index_id, "clinic number")) == 4


def test_csv_with_header_has_attributes_for_facets_and_filters(kendra_client, s3, index_id):
    declare(kendra_client, index_id, field("department", "STRING_VALUE", Facetable=True))
    body = b"""_question,_answer,_last_updated_at,department,_acl_user_allow
How do I reset my password?,Use the portal.,2012-03-25T12:30:10+01:00,IT,"alice, bob"
How do I book leave?,Ask your manager.,2012-03-25T12:30:10+01:00,HR,
"""
    create(kendra_client, s3, index_id, body, key="faq-header.csv", FileFormat="CSV_WITH_HEADER")

    response = kendra_client.query(
        IndexId=index_id,
        QueryText="how do I",
        QueryResultTypeFilter="QUESTION_ANSWER",
        Facets=[{"DocumentAttributeKey": "department"}],
    )
    filtered = answers(
        kendra_client,
        index_id,
        "how do I",
        AttributeFilter={"EqualsTo": attribute("department", StringValue="HR")},
    )

    pairs = response["FacetResults"][0]["DocumentAttributeValueCountPairs"]
    assert sorted(p["DocumentAttributeValue"]["StringValue"] for p in pairs) == ["HR", "IT"]
    assert [
        a["AdditionalAttributes"][0]["Value"]["TextWithHighlightsValue"]["Text"] for a in filtered
    ] == ["How do I book leave?"]


def test_a_json_faq(kendra_client, s3, index_id):
    body = json.dumps(
        {
            "SchemaVersion": 1,
            "FaqDocuments": [
                {"Question": "How many free clinics are in Spokane WA?", "Answer": "13"},
                {
                    "Question": "How many free clinics are there in Mountain View Missouri?",
                    "Answer": "7",
                    "Attributes": {
                        "_source_uri": "https://www.freeclinics.com",
                        "_category": "Charitable Clinics",
                    },
                    "AccessControlList": [{"Name": "Admin", "Type": "GROUP", "Access": "ALLOW"}],
                },
            ],
        }
    ).encode()
    faq_id = create(kendra_client, s3, index_id, body, key="faq.json", FileFormat="JSON")

    (item,) = answers(kendra_client, index_id, "Mountain View")

    assert describe(kendra_client, index_id, faq_id)["Status"] == "ACTIVE"
    assert item["DocumentURI"] == "https://www.freeclinics.com"
    assert kendra_client.describe_index(Id=index_id)["IndexStatistics"]["FaqStatistics"] == {
        "IndexedQuestionAnswersCount": 2
    }


def test_a_json_question_with_a_lone_surrogate_answers(kendra_client, s3, index_id):
    """JSON can escape a lone UTF-16 surrogate (UTF-8 can't encode it): the question is
    searchable, and shown as the file gives it."""
    body = b'{"FaqDocuments": [{"Question": "Where is the \\udc80 depot?", "Answer": "North"}]}'
    create(kendra_client, s3, index_id, body, key="faq.json", FileFormat="JSON")

    (item,) = answers(kendra_client, index_id, "depot")

    assert item["DocumentTitle"]["Text"] == "Where is the \udc80 depot?"
    assert item["DocumentExcerpt"]["Text"] == "North"


@pytest.mark.parametrize(
    ("body", "file_format", "message"),
    [
        (b"only a question\n", "CSV", "Row 1 of the CSV FAQ file has 1 fields"),
        (b"q,a\nWhat?,This\n", "CSV_WITH_HEADER", "lacks _question and _answer"),
        (
            b"_question,_answer,nope\nWhat?,This,x\n",
            "CSV_WITH_HEADER",
            "Attribute nope is not defined at the index level",
        ),
        (
            b"_question,_answer,_view_count\nWhat?,This,ten\n",
            "CSV_WITH_HEADER",
            "is of type LONG_VALUE",
        ),
        (
            b"_question,_answer,_acl_user_allow,_acl_user_deny\nWhat?,This,ann,ann\n",
            "CSV_WITH_HEADER",
            "both allowed and denied",
        ),
        (b"{not json", "JSON", "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON", "not valid JSON: it is nested too deeply"),
        (b'{"FaqDocuments": [{"Question": "What?"}]}', "JSON", "has no answer"),
    ],
)
def test_a_malformed_file_fails_the_faq(kendra_client, s3, index_id, body, file_format, message):
    faq_id = create(kendra_client, s3, index_id, body, FileFormat=file_format)

    described = describe(kendra_client, index_id, faq_id)

    assert described["Status"] == "FAILED"
    assert message in described["ErrorMessage"]
    assert answers(kendra_client, index_id, "what") == []


def test_a_missing_object_or_bucket_fails_the_faq(kendra_client, s3, index_id):
    missing_key = kendra_client.create_faq(
        IndexId=index_id,
        Name="a",
        RoleArn=ROLE_ARN,
        S3Path={"Bucket": "faq-bucket", "Key": "no.csv"},
    )["Id"]
    missing_bucket = kendra_client.create_faq(
        IndexId=index_id, Name="b", RoleArn=ROLE_ARN, S3Path={"Bucket": "nobucket", "Key": "a.csv"}
    )["Id"]

    assert describe(kendra_client, index_id, missing_key)["ErrorMessage"] == (
        "The S3 object s3://faq-bucket/no.csv doesn't exist."
    )
    assert "nobucket" in describe(kendra_client, index_id, missing_bucket)["ErrorMessage"]


def test_creating_then_active_under_a_manual_progression(kendra_client, s3, index_id):
    state_manager.set_transition("kendra::faq", {"progression": "manual", "times": 1})
    faq_id = create(kendra_client, s3, index_id, CLINICS)

    assert answers(kendra_client, index_id, "Spokane") == []
    first = describe(kendra_client, index_id, faq_id)["Status"]
    second = describe(kendra_client, index_id, faq_id)["Status"]

    assert (first, second) == ("CREATING", "ACTIVE")
    assert len(answers(kendra_client, index_id, "Spokane")) == 1


def test_list_faqs_pages(kendra_client, s3, index_id):
    created = [create(kendra_client, s3, index_id, CLINICS, Name=f"faq-{i}") for i in range(3)]

    first = kendra_client.list_faqs(IndexId=index_id, MaxResults=2)
    second = kendra_client.list_faqs(IndexId=index_id, MaxResults=2, NextToken=first["NextToken"])

    listed = first["FaqSummaryItems"] + second["FaqSummaryItems"]
    assert [item["Id"] for item in listed] == created
    assert "NextToken" not in second
    assert listed[0]["Status"] == "ACTIVE" and listed[0]["FileFormat"] == "CSV"


def test_delete_faq_removes_its_answers_and_tags(kendra_client, s3, index_id):
    faq_id = create(kendra_client, s3, index_id, CLINICS, Tags=[{"Key": "team", "Value": "care"}])
    arn = f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}/faq/{faq_id}"
    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "team", "Value": "care"}
    ]

    kendra_client.delete_faq(IndexId=index_id, Id=faq_id)

    assert answers(kendra_client, index_id, "Spokane") == []
    with pytest.raises(ClientError) as caught:
        describe(kendra_client, index_id, faq_id)
    assert error_of(caught)[0] == "ResourceNotFoundException"
    assert kendra_client.list_faqs(IndexId=index_id)["FaqSummaryItems"] == []
    assert kendra_client.describe_index(Id=index_id)["IndexStatistics"]["FaqStatistics"] == {
        "IndexedQuestionAnswersCount": 0
    }
    with pytest.raises(ClientError) as caught:
        kendra_client.list_tags_for_resource(ResourceARN=arn)
    assert error_of(caught)[0] == "ResourceUnavailableException"


def test_deleting_shows_deleting_under_a_manual_progression(kendra_client, s3, index_id):
    faq_id = create(kendra_client, s3, index_id, CLINICS)
    state_manager.set_transition("kendra::faq", {"progression": "manual", "times": 1})

    kendra_client.delete_faq(IndexId=index_id, Id=faq_id)

    assert describe(kendra_client, index_id, faq_id)["Status"] == "DELETING"
    assert answers(kendra_client, index_id, "Spokane") == []


def test_an_unknown_faq_or_index(kendra_client, index_id):
    for call in (kendra_client.describe_faq, kendra_client.delete_faq):
        with pytest.raises(ClientError) as caught:
            call(IndexId=index_id, Id="nope")
        assert error_of(caught)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as caught:
        kendra_client.list_faqs(IndexId=UNKNOWN_ID)
    assert error_of(caught)[0] == "ResourceNotFoundException"


def test_thirty_faqs_per_index_and_client_tokens(kendra_client, s3, index_id):
    first = create(kendra_client, s3, index_id, CLINICS, ClientToken="once")
    again = create(kendra_client, s3, index_id, CLINICS, ClientToken="once")
    for i in range(29):
        create(kendra_client, s3, index_id, CLINICS, Name=f"more-{i}")

    with pytest.raises(ClientError) as caught:
        create(kendra_client, s3, index_id, CLINICS, Name="one-too-many")

    assert first == again
    assert error_of(caught)[0] == "ServiceQuotaExceededException"


def test_a_language_code_keeps_the_answers_out_of_english_queries(kendra_client, s3, index_id):
    create(kendra_client, s3, index_id, CLINICS, LanguageCode="es")

    assert answers(kendra_client, index_id, "Spokane") == []
    spanish = answers(
        kendra_client,
        index_id,
        "Spokane",
        AttributeFilter={"EqualsTo": attribute("_language_code", StringValue="es")},
    )
    assert len(spanish) == 1
