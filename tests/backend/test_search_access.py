"""Access control in Query and Retrieve through boto3: documents' ACLs (their own, an
access control configuration's, hierarchical ones), a UserContext's UserId, Groups and
DataSourceGroups, principal mappings, IAM Identity Center groups, the AttributeFilter's
_user_id/_group_ids, and FAQ answers (user-context-filter.md)."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_calls import error_of
from tests.search_calls import attribute, ids, index_now, text_doc

TERMINAL = ("SUCCEEDED", "FAILED", "INCOMPLETE", "ABORTED")


def allow(name: str, kind: str = "USER", **extra: str) -> dict:
    return {"Name": name, "Type": kind, "Access": "ALLOW", **extra}


def deny(name: str, kind: str = "USER", **extra: str) -> dict:
    return {"Name": name, "Type": kind, "Access": "DENY", **extra}


def doc(doc_id: str, *acl: dict, **extra) -> dict:
    """A document about the budget, with the AccessControlList ``acl``."""
    document = text_doc(doc_id, f"The {doc_id} budget report.")
    if acl:
        document["AccessControlList"] = list(acl)
    document.update(extra)
    return document


def query(client, index_id: str, **extra) -> list[str]:
    return sorted(ids(client.query(IndexId=index_id, QueryText="budget", **extra)))


def retrieve(client, index_id: str, **extra) -> list[str]:
    response = client.retrieve(IndexId=index_id, QueryText="budget", **extra)
    return sorted({item["DocumentId"] for item in response["ResultItems"]})


def sync(client, index_id: str, source_id: str, *documents: dict) -> None:
    """Index ``documents`` as ``source_id``'s (a CUSTOM data source's sync job)."""
    execution = client.start_data_source_sync_job(Id=source_id, IndexId=index_id)["ExecutionId"]
    job = [
        attribute("_data_source_id", StringValue=source_id),
        attribute("_data_source_sync_job_execution_id", StringValue=execution),
    ]
    client.batch_put_document(
        IndexId=index_id,
        Documents=[{**d, "Attributes": [*d.get("Attributes", []), *job]} for d in documents],
    )
    client.stop_data_source_sync_job(Id=source_id, IndexId=index_id)
    while (
        client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"][0]["Status"]
        not in TERMINAL
    ):
        pass


@pytest.fixture
def budget(kendra_client, index_id):
    """public (no ACL), alice's, the HR group's, HR's but not bob's."""
    index_now(
        kendra_client,
        index_id,
        doc("public"),
        doc("alice", allow("alice")),
        doc("hr", allow("HR", "GROUP")),
        doc("hr-not-bob", allow("HR", "GROUP"), deny("bob")),
    )
    return index_id


def test_without_a_user_context_every_document_is_returned(kendra_client, budget):
    assert query(kendra_client, budget) == ["alice", "hr", "hr-not-bob", "public"]
    assert retrieve(kendra_client, budget) == ["alice", "hr", "hr-not-bob", "public"]


@pytest.mark.parametrize(
    ("context", "seen"),
    [
        ({"UserId": "alice"}, ["alice", "public"]),
        ({"UserId": "carol", "Groups": ["HR"]}, ["hr", "hr-not-bob", "public"]),
        ({"UserId": "bob", "Groups": ["HR"]}, ["hr", "public"]),  # DENY wins
        ({"Groups": ["HR"]}, ["hr", "hr-not-bob", "public"]),
        ({"UserId": "dave"}, ["public"]),
    ],
)
def test_a_user_context_sees_public_documents_and_those_its_acl_allows(
    kendra_client, budget, context, seen
):
    assert query(kendra_client, budget, UserContext=context) == seen
    assert retrieve(kendra_client, budget, UserContext=context) == seen


def test_the_user_and_groups_count_for_documents_of_a_data_source_as_the_acl_says(
    kendra_client, index_id, custom_source
):
    other = kendra_client.create_data_source(IndexId=index_id, Name="other", Type="CUSTOM")["Id"]
    sync(
        kendra_client,
        index_id,
        custom_source,
        doc("sales-crm", allow("Sales", "GROUP")),
        doc("scoped", allow("alice", DataSourceId=other)),
    )
    sync(kendra_client, index_id, other, doc("sales-wiki", allow("Sales", "GROUP")))
    crm_sales = {
        "UserId": "alice",
        "DataSourceGroups": [{"GroupId": "Sales", "DataSourceId": custom_source}],
    }

    # A DataSourceGroup counts for documents of its data source only; a principal
    # scoped to a data source applies to that data source's documents only.
    assert query(kendra_client, index_id, UserContext=crm_sales) == ["sales-crm"]
    assert query(kendra_client, index_id, UserContext={"UserId": "alice"}) == []
    assert query(kendra_client, index_id, UserContext={"Groups": ["Sales"]}) == [
        "sales-crm",
        "sales-wiki",
    ]


def test_principal_mappings_put_a_user_in_their_groups(kendra_client, index_id, budget):
    state_manager.set_transition("kendra::principal_mapping", {"progression": "immediate"})
    kendra_client.put_principal_mapping(
        IndexId=index_id, GroupId="HR", GroupMembers={"MemberGroups": [{"GroupId": "Payroll"}]}
    )
    kendra_client.put_principal_mapping(
        IndexId=index_id, GroupId="Payroll", GroupMembers={"MemberUsers": [{"UserId": "erin"}]}
    )

    # erin is in Payroll, and through it in HR: only her user id is sent.
    assert query(kendra_client, index_id, UserContext={"UserId": "erin"}) == [
        "hr",
        "hr-not-bob",
        "public",
    ]

    kendra_client.delete_principal_mapping(IndexId=index_id, GroupId="Payroll")
    assert query(kendra_client, index_id, UserContext={"UserId": "erin"}) == ["public"]


def test_a_mapping_still_processing_does_not_apply_yet(kendra_client, budget):
    kendra_client.put_principal_mapping(
        IndexId=budget, GroupId="HR", GroupMembers={"MemberUsers": [{"UserId": "erin"}]}
    )
    assert query(kendra_client, budget, UserContext={"UserId": "erin"}) == ["public"]

    kendra_client.describe_principal_mapping(IndexId=budget, GroupId="HR")  # one step: applied
    assert query(kendra_client, budget, UserContext={"UserId": "erin"}) == [
        "hr",
        "hr-not-bob",
        "public",
    ]


def test_an_access_control_configuration_re_configures_its_documents(kendra_client, index_id):
    configuration_id = kendra_client.create_access_control_configuration(
        IndexId=index_id, Name="secret", AccessControlList=[allow("bob")]
    )["Id"]
    index_now(
        kendra_client,
        index_id,
        doc("plan", allow("alice"), AccessControlConfigurationId=configuration_id),
    )

    # The configuration's list replaces the document's own.
    assert query(kendra_client, index_id, UserContext={"UserId": "alice"}) == []
    assert query(kendra_client, index_id, UserContext={"UserId": "bob"}) == ["plan"]

    kendra_client.update_access_control_configuration(
        IndexId=index_id, Id=configuration_id, AccessControlList=[allow("alice"), deny("bob")]
    )
    assert query(kendra_client, index_id, UserContext={"UserId": "alice"}) == ["plan"]
    assert query(kendra_client, index_id, UserContext={"UserId": "bob"}) == []


def test_every_level_of_a_hierarchical_acl_must_admit_the_user(kendra_client, index_id):
    levels = [{"PrincipalList": [allow("Finance", "GROUP")]}, {"PrincipalList": [allow("alice")]}]
    index_now(kendra_client, index_id, doc("ledger", HierarchicalAccessControlList=levels))

    assert query(
        kendra_client, index_id, UserContext={"UserId": "alice", "Groups": ["Finance"]}
    ) == ["ledger"]
    assert query(kendra_client, index_id, UserContext={"UserId": "alice"}) == []
    assert (
        query(kendra_client, index_id, UserContext={"UserId": "bob", "Groups": ["Finance"]}) == []
    )


def test_user_and_group_attribute_filters_filter_as_a_user_context(kendra_client, budget):
    # user-context-filter.md's example: the user, or the groups HR and IT.
    by_attributes = {
        "OrAllFilters": [
            {"EqualsTo": {"Key": "_user_id", "Value": {"StringValue": "bob"}}},
            {"EqualsTo": {"Key": "_group_ids", "Value": {"StringListValue": ["HR", "IT"]}}},
        ]
    }

    assert query(kendra_client, budget, AttributeFilter=by_attributes) == ["hr", "public"]
    assert query(
        kendra_client,
        budget,
        AttributeFilter={"EqualsTo": {"Key": "_group_ids", "Value": {"StringValue": "HR"}}},
    ) == ["hr", "hr-not-bob", "public"]


def test_user_attribute_filters_combine_with_other_filters(kendra_client, index_id):
    index_now(
        kendra_client,
        index_id,
        doc("mine-2023", allow("alice"), Attributes=[attribute("_category", StringValue="2023")]),
        doc("mine-2024", allow("alice"), Attributes=[attribute("_category", StringValue="2024")]),
        doc("bobs-2024", allow("bob"), Attributes=[attribute("_category", StringValue="2024")]),
    )
    both = {
        "AndAllFilters": [
            {"EqualsTo": {"Key": "_user_id", "Value": {"StringValue": "alice"}}},
            {"EqualsTo": {"Key": "_category", "Value": {"StringValue": "2024"}}},
        ]
    }

    assert query(kendra_client, index_id, AttributeFilter=both) == ["mine-2024"]


@pytest.mark.parametrize(
    ("attribute_filter", "message"),
    [
        (
            {"NotFilter": {"EqualsTo": {"Key": "_user_id", "Value": {"StringValue": "a"}}}},
            "NotFilter can't hold",
        ),
        ({"GreaterThan": {"Key": "_user_id", "Value": {"LongValue": 3}}}, "EqualsTo"),
        (
            {
                "OrAllFilters": [
                    {"EqualsTo": {"Key": "_user_id", "Value": {"StringValue": "a"}}},
                    {"EqualsTo": {"Key": "_user_id", "Value": {"StringValue": "b"}}},
                ]
            },
            "names two users",
        ),
        (
            {
                "EqualsTo": {
                    "Key": "_group_ids",
                    "Value": {"StringListValue": [f"g{n}" for n in range(101)]},
                }
            },
            "at most 100",
        ),
    ],
)
def test_misused_user_attribute_filters_are_refused(
    kendra_client, budget, attribute_filter, message
):
    with pytest.raises(ClientError) as err:
        kendra_client.query(IndexId=budget, QueryText="budget", AttributeFilter=attribute_filter)

    code, status, text = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert message in text


def test_a_user_named_in_the_context_and_the_filter_is_refused(kendra_client, budget):
    with pytest.raises(ClientError) as err:
        kendra_client.query(
            IndexId=budget,
            QueryText="budget",
            UserContext={"UserId": "alice"},
            AttributeFilter={"EqualsTo": {"Key": "_user_id", "Value": {"StringValue": "alice"}}},
        )

    assert error_of(err)[0] == "ValidationException"
    assert "named twice" in error_of(err)[2]


def test_faq_answers_are_filtered_by_their_access_control_list(kendra_client, index_id):
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="faq-acl")
    body = {
        "SchemaVersion": 1,
        "FaqDocuments": [
            {
                "Question": "What is the salary budget?",
                "Answer": "Ask HR.",
                "AccessControlList": [allow("HR", "GROUP")],
            }
        ],
    }
    s3.put_object(Bucket="faq-acl", Key="faq.json", Body=json.dumps(body).encode())
    kendra_client.create_faq(
        IndexId=index_id,
        Name="hr",
        S3Path={"Bucket": "faq-acl", "Key": "faq.json"},
        RoleArn=ROLE_ARN,
        FileFormat="JSON",
    )

    def answers(**extra) -> list[str]:
        response = kendra_client.query(IndexId=index_id, QueryText="salary budget", **extra)
        return [item["Type"] for item in response["ResultItems"]]

    assert answers() == ["QUESTION_ANSWER"]
    assert answers(UserContext={"UserId": "carol", "Groups": ["HR"]}) == ["QUESTION_ANSWER"]
    assert answers(UserContext={"UserId": "carol"}) == []


def test_identity_center_groups_count_with_aws_sso_group_resolution(kendra_client, index_id):
    identity_store_id = "d-1234567890"
    identity = boto3.client("identitystore", region_name="us-east-1")
    user_id = identity.create_user(
        IdentityStoreId=identity_store_id,
        UserName="frank",
        DisplayName="Frank",
        Name={"GivenName": "Frank", "FamilyName": "Ocean"},
        Emails=[{"Value": "frank@example.com", "Type": "work", "Primary": True}],
    )["UserId"]
    group_id = identity.create_group(IdentityStoreId=identity_store_id, DisplayName="HR")["GroupId"]
    identity.create_group_membership(
        IdentityStoreId=identity_store_id, GroupId=group_id, MemberId={"UserId": user_id}
    )
    index_now(kendra_client, index_id, doc("hr", allow("HR", "GROUP")))

    assert query(kendra_client, index_id, UserContext={"UserId": "frank"}) == []

    kendra_client.update_index(
        Id=index_id, UserGroupResolutionConfiguration={"UserGroupResolutionMode": "AWS_SSO"}
    )
    assert query(kendra_client, index_id, UserContext={"UserId": "frank"}) == ["hr"]
    assert query(kendra_client, index_id, UserContext={"UserId": "frank@example.com"}) == ["hr"]
    assert query(kendra_client, index_id, UserContext={"UserId": "grace"}) == []
