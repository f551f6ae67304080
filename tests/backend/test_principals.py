"""Principal mappings through boto3 (API_PutPrincipalMapping.md,
API_DescribePrincipalMapping.md, API_DeletePrincipalMapping.md,
API_ListGroupsOlderThanOrderingId.md), and ``principals.user_groups``, what a user
context stands for once they apply (user-context-filter.md).

Actions are processed asynchronously (``kendra::principal_mapping``, default manual,
times 1): the first DescribePrincipalMapping of a group shows a new action PROCESSING
(or DELETING), the next its outcome; members apply once their PUT has SUCCEEDED.
"""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend.clock import utcnow
from moto_kendra.backend.principals import user_groups
from moto_kendra.backend.visibility import Principals, allowed
from tests import raw_http
from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of


def users(*user_ids: str) -> dict:
    return {"MemberUsers": [{"UserId": user_id} for user_id in user_ids]}


def put(client, index_id: str, group_id: str, members: dict, **extra) -> None:
    client.put_principal_mapping(IndexId=index_id, GroupId=group_id, GroupMembers=members, **extra)


def history(client, index_id: str, group_id: str, **extra) -> list[dict]:
    described = client.describe_principal_mapping(IndexId=index_id, GroupId=group_id, **extra)
    return list(described["GroupOrderingIdSummaries"])


def statuses(client, index_id: str, group_id: str, **extra) -> list[str]:
    return [item["Status"] for item in history(client, index_id, group_id, **extra)]


def settle(client, index_id: str, group_id: str, **extra) -> None:
    """Read the group until none of its actions is processing."""
    for _ in range(5):
        if not {"PROCESSING", "DELETING"} & set(statuses(client, index_id, group_id, **extra)):
            return
    raise AssertionError("principal mapping actions did not end")


def groups_of(backend, index_id: str, user_id: str | None, groups=(), data_source_groups=()):
    principals = user_groups(
        backend.indices[index_id], user_id, list(groups), list(data_source_groups)
    )
    return principals.groups


@pytest.fixture
def immediate():
    state_manager.set_transition("kendra::principal_mapping", {"progression": "immediate"})


# -- PUT, DESCRIBE, asynchronous processing ----------------------------------------


def test_a_put_is_processing_then_succeeded_and_applies_then(
    kendra_client, kendra_backend, index_id
):
    put(kendra_client, index_id, "Interns", users("ana", "ben"), OrderingId=100)
    assert groups_of(kendra_backend, index_id, "ana") == frozenset()  # not processed yet
    described = kendra_client.describe_principal_mapping(IndexId=index_id, GroupId="Interns")
    assert described["IndexId"] == index_id
    assert described["GroupId"] == "Interns"
    assert "DataSourceId" not in described
    (first,) = described["GroupOrderingIdSummaries"]
    assert first["Status"] == "PROCESSING"
    assert first["OrderingId"] == 100
    assert first["ReceivedAt"] == first["LastUpdatedAt"]
    assert "FailureReason" not in first
    (second,) = history(kendra_client, index_id, "Interns")
    assert second["Status"] == "SUCCEEDED"
    assert second["ReceivedAt"] == first["ReceivedAt"]
    assert second["LastUpdatedAt"] >= second["ReceivedAt"]
    assert groups_of(kendra_backend, index_id, "ana") == {("Interns", None)}
    assert groups_of(kendra_backend, index_id, "carl") == frozenset()


def test_with_an_immediate_progression_a_put_applies_at_once(
    kendra_client, kendra_backend, index_id, immediate
):
    put(kendra_client, index_id, "Interns", users("ana"))
    assert groups_of(kendra_backend, index_id, "ana") == {("Interns", None)}
    assert statuses(kendra_client, index_id, "Interns") == ["SUCCEEDED"]


def test_the_default_ordering_id_is_the_time_received_in_milliseconds(kendra_client, index_id):
    before = int(utcnow().timestamp() * 1000)
    put(kendra_client, index_id, "Interns", users("ana"))
    after = int(utcnow().timestamp() * 1000)
    (summary,) = history(kendra_client, index_id, "Interns")
    assert before <= summary["OrderingId"] <= after


def test_a_later_put_replaces_the_members(kendra_client, kendra_backend, index_id, immediate):
    put(kendra_client, index_id, "Team", users("ana", "ben"), OrderingId=1)
    put(kendra_client, index_id, "Team", users("ben", "cy"), OrderingId=2)
    assert groups_of(kendra_backend, index_id, "ana") == frozenset()
    assert groups_of(kendra_backend, index_id, "cy") == {("Team", None)}
    assert statuses(kendra_client, index_id, "Team") == ["SUCCEEDED", "SUCCEEDED"]


def test_the_previous_members_hold_until_a_new_put_succeeds(
    kendra_client, kendra_backend, index_id
):
    put(kendra_client, index_id, "Team", users("ana"), OrderingId=1)
    settle(kendra_client, index_id, "Team")
    put(kendra_client, index_id, "Team", users("ben"), OrderingId=2)
    assert groups_of(kendra_backend, index_id, "ana") == {("Team", None)}
    assert statuses(kendra_client, index_id, "Team") == ["SUCCEEDED", "PROCESSING"]
    # That read moved the PUT on: it has its outcome at the next look, search's too.
    assert groups_of(kendra_backend, index_id, "ana") == frozenset()
    assert groups_of(kendra_backend, index_id, "ben") == {("Team", None)}
    assert statuses(kendra_client, index_id, "Team") == ["SUCCEEDED", "SUCCEEDED"]


def test_an_older_ordering_id_never_overrides_a_later_action(
    kendra_client, kendra_backend, index_id, immediate
):
    put(kendra_client, index_id, "Team", users("new"), OrderingId=200)
    put(kendra_client, index_id, "Team", users("old"), OrderingId=100)
    summaries = history(kendra_client, index_id, "Team")
    assert [(s["OrderingId"], s["Status"]) for s in summaries] == [
        (200, "SUCCEEDED"),
        (100, "FAILED"),
    ]
    assert "OrderingId 100 is older than OrderingId 200" in summaries[1]["FailureReason"]
    assert groups_of(kendra_backend, index_id, "old") == frozenset()
    assert groups_of(kendra_backend, index_id, "new") == {("Team", None)}
    # An equal OrderingId is not older: it applies (a retried PUT).
    put(kendra_client, index_id, "Team", users("retry"), OrderingId=200)
    assert groups_of(kendra_backend, index_id, "retry") == {("Team", None)}


def test_an_older_ordering_id_fails_even_while_the_later_one_is_processing(
    kendra_client, kendra_backend, index_id
):
    put(kendra_client, index_id, "Team", users("new"), OrderingId=200)
    put(kendra_client, index_id, "Team", users("old"), OrderingId=100)
    assert statuses(kendra_client, index_id, "Team") == ["PROCESSING", "PROCESSING"]
    assert statuses(kendra_client, index_id, "Team") == ["SUCCEEDED", "FAILED"]
    assert groups_of(kendra_backend, index_id, "new") == {("Team", None)}
    assert groups_of(kendra_backend, index_id, "old") == frozenset()


def test_a_sixth_put_while_five_are_processing_is_refused(kendra_client, index_id):
    for ordering_id in range(1, 6):
        put(kendra_client, index_id, "Busy", users("ana"), OrderingId=ordering_id)
    with pytest.raises(ClientError) as excinfo:
        put(kendra_client, index_id, "Busy", users("ana"), OrderingId=6)
    code, status, message = error_of(excinfo)
    assert (code, status) == ("ValidationException", 400)
    assert "5 PUT actions for group Busy are processing" in message
    put(kendra_client, index_id, "Other", users("ana"))  # another group isn't held up
    assert statuses(kendra_client, index_id, "Busy") == ["PROCESSING"] * 5
    assert statuses(kendra_client, index_id, "Busy") == ["SUCCEEDED"] * 5
    put(kendra_client, index_id, "Busy", users("ana"), OrderingId=6)


def test_describe_shows_the_last_ten_actions(kendra_client, index_id, immediate):
    for ordering_id in range(1, 13):
        put(kendra_client, index_id, "Team", users("ana"), OrderingId=ordering_id)
    summaries = history(kendra_client, index_id, "Team")
    assert [s["OrderingId"] for s in summaries] == list(range(3, 13))


def test_group_members_must_list_someone(kendra_client, index_id):
    with pytest.raises(ClientError) as excinfo:
        put(kendra_client, index_id, "Empty", {})
    code, _, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "DeletePrincipalMapping" in message
    with pytest.raises(ClientError) as excinfo:
        kendra_client.describe_principal_mapping(IndexId=index_id, GroupId="Empty")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_unknown_index_data_source_or_group_is_not_found(kendra_client, index_id):
    calls = [
        lambda: put(kendra_client, UNKNOWN_ID, "Team", users("ana")),
        lambda: put(kendra_client, index_id, "Team", users("ana"), DataSourceId=UNKNOWN_ID),
        lambda: kendra_client.describe_principal_mapping(IndexId=index_id, GroupId="Nobody"),
        lambda: kendra_client.delete_principal_mapping(IndexId=index_id, GroupId="Nobody"),
        lambda: kendra_client.list_groups_older_than_ordering_id(
            IndexId=index_id, OrderingId=1, DataSourceId=UNKNOWN_ID
        ),
    ]
    for call in calls:
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo)[:2] == ("ResourceNotFoundException", 400)


def test_an_index_being_deleted_takes_no_mapping(kendra_client, index_id):
    put(kendra_client, index_id, "Team", users("ana"))
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 5})
    kendra_client.delete_index(Id=index_id)
    for call in (
        lambda: put(kendra_client, index_id, "Team", users("ben")),
        lambda: kendra_client.delete_principal_mapping(IndexId=index_id, GroupId="Team"),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo)[:2] == ("ConflictException", 400)
    assert statuses(kendra_client, index_id, "Team") == ["PROCESSING"]


# -- data-source-scoped mappings ---------------------------------------------------


def test_a_data_source_mapping_is_its_own_group(
    kendra_client, kendra_backend, index_id, custom_source, immediate
):
    put(kendra_client, index_id, "Sales", users("ana"), DataSourceId=custom_source)
    put(kendra_client, index_id, "Sales", users("ben"))
    described = kendra_client.describe_principal_mapping(
        IndexId=index_id, GroupId="Sales", DataSourceId=custom_source
    )
    assert described["DataSourceId"] == custom_source
    assert groups_of(kendra_backend, index_id, "ana") == {("Sales", custom_source)}
    assert groups_of(kendra_backend, index_id, "ben") == {("Sales", None)}
    kendra_client.delete_principal_mapping(
        IndexId=index_id, GroupId="Sales", DataSourceId=custom_source
    )
    assert groups_of(kendra_backend, index_id, "ana") == frozenset()
    assert groups_of(kendra_backend, index_id, "ben") == {("Sales", None)}


# -- DELETE ------------------------------------------------------------------------


def test_a_delete_is_deleting_then_deleted_and_removes_the_members(
    kendra_client, kendra_backend, index_id
):
    put(kendra_client, index_id, "Interns", users("ana"), OrderingId=1)
    settle(kendra_client, index_id, "Interns")
    kendra_client.delete_principal_mapping(IndexId=index_id, GroupId="Interns", OrderingId=2)
    assert groups_of(kendra_backend, index_id, "ana") == {("Interns", None)}
    assert statuses(kendra_client, index_id, "Interns") == ["SUCCEEDED", "DELETING"]
    assert statuses(kendra_client, index_id, "Interns") == ["SUCCEEDED", "DELETED"]
    assert groups_of(kendra_backend, index_id, "ana") == frozenset()
    # A PUT after the DELETE maps the group again.
    put(kendra_client, index_id, "Interns", users("ana"), OrderingId=3)
    settle(kendra_client, index_id, "Interns")
    assert groups_of(kendra_backend, index_id, "ana") == {("Interns", None)}


def test_a_delete_older_than_the_latest_put_fails(
    kendra_client, kendra_backend, index_id, immediate
):
    put(kendra_client, index_id, "Interns", users("ana"), OrderingId=50)
    kendra_client.delete_principal_mapping(IndexId=index_id, GroupId="Interns", OrderingId=10)
    summaries = history(kendra_client, index_id, "Interns")
    assert [s["Status"] for s in summaries] == ["SUCCEEDED", "FAILED"]
    assert "OrderingId 10 is older than OrderingId 50" in summaries[1]["FailureReason"]
    assert groups_of(kendra_backend, index_id, "ana") == {("Interns", None)}


def test_a_put_older_than_a_delete_fails(kendra_client, kendra_backend, index_id, immediate):
    put(kendra_client, index_id, "Interns", users("ana"), OrderingId=1)
    kendra_client.delete_principal_mapping(IndexId=index_id, GroupId="Interns", OrderingId=5)
    put(kendra_client, index_id, "Interns", users("ana"), OrderingId=3)
    assert statuses(kendra_client, index_id, "Interns") == ["SUCCEEDED", "DELETED", "FAILED"]
    assert groups_of(kendra_backend, index_id, "ana") == frozenset()


# -- nested groups and user_groups -------------------------------------------------


def test_nested_groups_reach_every_group_above(kendra_client, kendra_backend, index_id, immediate):
    # API_PutPrincipalMapping.md: "Company Intellectual Property Teams" includes the
    # sub groups "Research" and "Engineering", which include their own users.
    put(kendra_client, index_id, "Research", users("rita"))
    put(kendra_client, index_id, "Engineering", users("ed"))
    put(
        kendra_client,
        index_id,
        "IP Teams",
        {"MemberGroups": [{"GroupId": "Research"}, {"GroupId": "Engineering"}]},
    )
    put(
        kendra_client,
        index_id,
        "Company",
        {"MemberGroups": [{"GroupId": "IP Teams"}], **users("ceo")},
    )
    assert groups_of(kendra_backend, index_id, "rita") == {
        ("Research", None),
        ("IP Teams", None),
        ("Company", None),
    }
    assert groups_of(kendra_backend, index_id, "ceo") == {("Company", None)}
    # Groups given in the query widen the same way.
    assert groups_of(kendra_backend, index_id, None, groups=["Engineering"]) == {
        ("Engineering", None),
        ("IP Teams", None),
        ("Company", None),
    }


def test_cycles_of_groups_end(kendra_client, kendra_backend, index_id, immediate):
    put(kendra_client, index_id, "A", {"MemberGroups": [{"GroupId": "B"}], **users("ana")})
    put(kendra_client, index_id, "B", {"MemberGroups": [{"GroupId": "A"}]})
    assert groups_of(kendra_backend, index_id, "ana") == {("A", None), ("B", None)}


def test_data_source_links_narrow_a_membership(
    kendra_client, kendra_backend, index_id, custom_source, immediate
):
    # "Sales and Marketing" for the CRM data source only; "Company" index-wide.
    put(kendra_client, index_id, "Sales", users("sam"), DataSourceId=custom_source)
    put(kendra_client, index_id, "Company", {"MemberGroups": [{"GroupId": "Sales"}]})
    assert groups_of(kendra_backend, index_id, "sam") == {
        ("Sales", custom_source),
        ("Company", custom_source),
    }
    # A member group named for a data source counts there only.
    put(
        kendra_client,
        index_id,
        "Readers",
        {"MemberGroups": [{"GroupId": "Staff", "DataSourceId": custom_source}]},
    )
    assert groups_of(kendra_backend, index_id, None, groups=["Staff"]) == {
        ("Staff", None),
        ("Readers", custom_source),
    }
    # Links scoped to two different data sources lead nowhere.
    assert groups_of(
        kendra_backend,
        index_id,
        None,
        data_source_groups=[{"GroupId": "Staff", "DataSourceId": "elsewhere"}],
    ) == {("Staff", "elsewhere")}


def test_data_source_groups_of_the_query_hold_for_their_data_source(
    kendra_client, kendra_backend, index_id, immediate
):
    put(kendra_client, index_id, "All", {"MemberGroups": [{"GroupId": "Sales"}]})
    principals = user_groups(
        kendra_backend.indices[index_id],
        "ana",
        [],
        [{"GroupId": "Sales", "DataSourceId": "crm"}],
    )
    assert principals == Principals("ana", frozenset({("Sales", "crm"), ("All", "crm")}))
    acl = [{"Name": "All", "Type": "GROUP", "Access": "ALLOW"}]
    assert allowed(acl, [], principals, "crm")
    assert not allowed(acl, [], principals, "wiki")


def test_a_user_denied_through_a_nested_group_is_denied(
    kendra_client, kendra_backend, index_id, immediate
):
    put(kendra_client, index_id, "Contractors", users("cy"))
    put(kendra_client, index_id, "External", {"MemberGroups": [{"GroupId": "Contractors"}]})
    principals = user_groups(kendra_backend.indices[index_id], "cy", ["Staff"], [])
    acl = [
        {"Name": "Staff", "Type": "GROUP", "Access": "ALLOW"},
        {"Name": "External", "Type": "GROUP", "Access": "DENY"},
    ]
    assert not allowed(acl, [], principals, None)
    assert allowed(
        acl, [], user_groups(kendra_backend.indices[index_id], "di", ["Staff"], []), None
    )


def test_mappings_are_per_index(kendra_client, kendra_backend, index_id, immediate):
    other = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    put(kendra_client, other, "Team", users("ana"))
    assert groups_of(kendra_backend, index_id, "ana") == frozenset()
    assert groups_of(kendra_backend, other, "ana") == {("Team", None)}


# -- S3PathforGroupMembers ---------------------------------------------------------


@pytest.fixture
def s3(kendra_client):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="groups-bucket")
    return client


def file_members(s3, body: bytes, key: str = "members.json") -> dict:
    s3.put_object(Bucket="groups-bucket", Key=key, Body=body)
    return {"S3PathforGroupMembers": {"Bucket": "groups-bucket", "Key": key}}


def test_members_are_read_from_a_file_in_s3(kendra_client, kendra_backend, index_id, s3, immediate):
    listed = {
        "memberUsers": [{"userId": f"user-{n}", "type": "USER"} for n in range(1500)],
        "memberGroups": [
            {"groupId": "Research", "type": "GROUP"},
            {"groupId": "Wiki", "dataSourceId": "ds-1"},
        ],
    }
    members = file_members(s3, json.dumps(listed).encode())
    members["MemberUsers"] = [{"UserId": "inline"}]
    put(kendra_client, index_id, "Big", members, RoleArn=ROLE_ARN)
    assert statuses(kendra_client, index_id, "Big") == ["SUCCEEDED"]
    assert groups_of(kendra_backend, index_id, "user-1499") == {("Big", None)}
    assert groups_of(kendra_backend, index_id, "inline") == {("Big", None)}
    assert groups_of(kendra_backend, index_id, None, groups=["Research"]) == {
        ("Research", None),
        ("Big", None),
    }
    assert ("Big", "ds-1") in groups_of(kendra_backend, index_id, None, groups=["Wiki"])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"not json", "is not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "is not valid JSON: it is nested too deeply"),
        (b"\xef\xbb\xbf{}", "byte order mark"),
        (b"[]", "must hold a JSON object"),
        (b'{"members": []}', "Unknown member members"),
        (b'{"memberUsers": {"userId": "a"}}', "memberUsers must be a JSON list"),
        (b'{"memberUsers": [{"userId": "a", "type": "GROUP"}]}', "type must be USER"),
        (b'{"memberGroups": [{"dataSourceId": "ds"}]}', "memberGroups[1]"),
        (b'{"memberUsers": [{"userId": ""}]}', "memberUsers[1]"),
        (b'{"memberUsers": ["a"]}', "must be a JSON object"),
    ],
)
def test_a_malformed_members_file_fails_the_put(
    kendra_client, kendra_backend, index_id, s3, immediate, body, reason
):
    put(kendra_client, index_id, "Team", file_members(s3, body))
    (summary,) = history(kendra_client, index_id, "Team")
    assert summary["Status"] == "FAILED"
    assert (
        "The group members file s3://groups-bucket/members.json is invalid."
        in summary["FailureReason"]
    )
    assert reason in summary["FailureReason"]
    assert groups_of(kendra_backend, index_id, "a") == frozenset()  # no members in force


def test_a_missing_members_file_fails_the_put(kendra_client, index_id, s3, immediate):
    put(
        kendra_client,
        index_id,
        "Team",
        {"S3PathforGroupMembers": {"Bucket": "groups-bucket", "Key": "absent.json"}},
    )
    put(
        kendra_client,
        index_id,
        "Other",
        {"S3PathforGroupMembers": {"Bucket": "no-such-bucket", "Key": "m.json"}},
    )
    (team,) = history(kendra_client, index_id, "Team")
    (other,) = history(kendra_client, index_id, "Other")
    assert team["Status"] == other["Status"] == "FAILED"
    assert "s3://groups-bucket/absent.json doesn't exist" in team["FailureReason"]
    assert "no-such-bucket" in other["FailureReason"]


def test_a_members_file_in_another_region_fails_the_put(kendra_client, index_id, immediate):
    boto3.client("s3", region_name="eu-west-1").create_bucket(
        Bucket="far-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    boto3.client("s3", region_name="eu-west-1").put_object(
        Bucket="far-bucket", Key="m.json", Body=b'{"memberUsers": [{"userId": "a"}]}'
    )
    put(
        kendra_client,
        index_id,
        "Team",
        {"S3PathforGroupMembers": {"Bucket": "far-bucket", "Key": "m.json"}},
    )
    (summary,) = history(kendra_client, index_id, "Team")
    assert summary["Status"] == "FAILED"
    assert "region eu-west-1" in summary["FailureReason"]


def test_a_failed_put_keeps_the_members_in_force(
    kendra_client, kendra_backend, index_id, s3, immediate
):
    put(kendra_client, index_id, "Team", users("ana"), OrderingId=1)
    put(kendra_client, index_id, "Team", file_members(s3, b"oops"), OrderingId=2)
    assert statuses(kendra_client, index_id, "Team") == ["SUCCEEDED", "FAILED"]
    assert groups_of(kendra_backend, index_id, "ana") == {("Team", None)}
    # A failed action isn't "later": an older PUT still applies.
    put(kendra_client, index_id, "Team", users("ben"), OrderingId=1)
    assert groups_of(kendra_backend, index_id, "ben") == {("Team", None)}


# -- ListGroupsOlderThanOrderingId -------------------------------------------------


def test_list_groups_older_than_an_ordering_id(kendra_client, index_id, custom_source, immediate):
    for number, ordering_id in enumerate([30, 10, 20, 40, 50]):
        put(kendra_client, index_id, f"group-{number}", users("ana"), OrderingId=ordering_id)
    put(kendra_client, index_id, "scoped", users("ana"), OrderingId=1, DataSourceId=custom_source)
    kendra_client.delete_principal_mapping(IndexId=index_id, GroupId="group-4", OrderingId=5)
    listed = kendra_client.list_groups_older_than_ordering_id(IndexId=index_id, OrderingId=40)
    assert listed["GroupsSummaries"] == [
        {"GroupId": "group-1", "OrderingId": 10},
        {"GroupId": "group-2", "OrderingId": 20},
        {"GroupId": "group-0", "OrderingId": 30},
    ]
    assert "NextToken" not in listed
    scoped = kendra_client.list_groups_older_than_ordering_id(
        IndexId=index_id, OrderingId=40, DataSourceId=custom_source
    )
    assert scoped["GroupsSummaries"] == [{"GroupId": "scoped", "OrderingId": 1}]


def test_list_groups_older_than_pages(kendra_client, index_id, immediate):
    for number in range(13):
        put(kendra_client, index_id, f"g{number:02}", users("ana"), OrderingId=number)
    first = kendra_client.list_groups_older_than_ordering_id(IndexId=index_id, OrderingId=100)
    assert len(first["GroupsSummaries"]) == 10  # the default page
    second = kendra_client.list_groups_older_than_ordering_id(
        IndexId=index_id, OrderingId=100, NextToken=first["NextToken"], MaxResults=10
    )
    assert [g["GroupId"] for g in first["GroupsSummaries"] + second["GroupsSummaries"]] == [
        f"g{number:02}" for number in range(13)
    ]
    assert "NextToken" not in second
    with pytest.raises(ClientError) as excinfo:  # a token of another listing
        kendra_client.list_groups_older_than_ordering_id(
            IndexId=index_id, OrderingId=99, NextToken=first["NextToken"]
        )
    assert error_of(excinfo)[:2] == ("ValidationException", 400)


def test_a_processing_put_counts_with_its_ordering_id(kendra_client, index_id):
    put(kendra_client, index_id, "Team", users("ana"), OrderingId=10)
    listed = kendra_client.list_groups_older_than_ordering_id(IndexId=index_id, OrderingId=11)
    assert listed["GroupsSummaries"] == [{"GroupId": "Team", "OrderingId": 10}]
    assert statuses(kendra_client, index_id, "Team") == ["PROCESSING"]  # listing isn't a read


def test_over_raw_http_ordering_ids_are_longs_and_times_epoch_seconds(kendra_client, index_id):
    biggest = 32535158400000  # the model's maximum OrderingId
    response = raw_http.call(
        "PutPrincipalMapping",
        {
            "IndexId": index_id,
            "GroupId": "Team",
            "GroupMembers": users("ana"),
            "OrderingId": biggest,
        },
    )
    assert response.status_code == 200
    described = raw_http.call("DescribePrincipalMapping", {"IndexId": index_id, "GroupId": "Team"})
    (summary,) = described.json()["GroupOrderingIdSummaries"]
    assert summary["OrderingId"] == biggest
    assert isinstance(summary["ReceivedAt"], (int, float))
    listed = raw_http.call(
        "ListGroupsOlderThanOrderingId", {"IndexId": index_id, "OrderingId": biggest}
    )
    assert listed.json()["GroupsSummaries"] == []  # not older than itself
    too_big = raw_http.call(
        "PutPrincipalMapping",
        {
            "IndexId": index_id,
            "GroupId": "Team",
            "GroupMembers": users("ana"),
            "OrderingId": biggest + 1,
        },
    )
    assert too_big.status_code == 400
    assert too_big.json()["__type"] == "ValidationException"
