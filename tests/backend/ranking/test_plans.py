"""Rescore execution plans through boto3: Create, Describe, List, Update, Delete."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend.ranking.plans import MAX_PLANS, PLAN_MODEL
from tests import ranking_calls
from tests.kendra_calls import UNKNOWN_ID, error_of

ARN = re.compile(
    r"arn:aws:kendra-ranking:us-east-1:123456789012:rescore-execution-plan/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


@pytest.fixture
def manual() -> Iterator[None]:
    """Plan statuses move one step per Describe/List (the mock restores the default)."""
    state_manager.set_transition(PLAN_MODEL, {"progression": "manual", "times": 1})
    yield


def test_create_returns_an_id_and_the_documented_arn(ranking):
    created = ranking.create_rescore_execution_plan(Name="plan")

    assert len(created["Id"]) == 36
    assert ARN.fullmatch(created["Arn"])
    assert created["Arn"].endswith(created["Id"])


def test_describe_shows_what_was_created_with_the_default_capacity(ranking):
    plan_id = ranking.create_rescore_execution_plan(Name="plan", Description="for search")["Id"]

    described = ranking.describe_rescore_execution_plan(Id=plan_id)

    assert described["Name"] == "plan"
    assert described["Description"] == "for search"
    # "A capacity of zero indicates that the rescore execution plan is using the
    # default capacity."
    assert described["CapacityUnits"] == {"RescoreCapacityUnits": 0}
    assert described["Status"] == "ACTIVE"
    assert described["CreatedAt"] == described["UpdatedAt"]
    assert "ErrorMessage" not in described


def test_capacity_units_are_kept(ranking):
    plan_id = ranking.create_rescore_execution_plan(
        Name="plan", CapacityUnits={"RescoreCapacityUnits": 5}
    )["Id"]

    described = ranking.describe_rescore_execution_plan(Id=plan_id)

    assert described["CapacityUnits"] == {"RescoreCapacityUnits": 5}


def test_a_repeated_client_token_creates_one_plan(ranking):
    first = ranking.create_rescore_execution_plan(Name="plan", ClientToken="token-1")
    again = ranking.create_rescore_execution_plan(Name="plan", ClientToken="token-1")
    other = ranking.create_rescore_execution_plan(Name="plan", ClientToken="token-2")

    assert again["Id"] == first["Id"] and again["Arn"] == first["Arn"]
    assert other["Id"] != first["Id"]
    assert len(ranking.list_rescore_execution_plans()["SummaryItems"]) == 2


def test_more_than_1000_extra_capacity_units_exceed_the_quota(ranking, plan_id):
    with pytest.raises(ClientError) as created:
        ranking.create_rescore_execution_plan(
            Name="big", CapacityUnits={"RescoreCapacityUnits": 1001}
        )
    with pytest.raises(ClientError) as updated:
        ranking.update_rescore_execution_plan(
            Id=plan_id, CapacityUnits={"RescoreCapacityUnits": 1001}
        )

    for caught in (created, updated):
        code, status, message = error_of(caught)
        assert (code, status) == ranking_calls.error("ServiceQuotaExceededException")
        assert "up to 1000 extra capacity units" in message
    assert ranking.describe_rescore_execution_plan(Id=plan_id)["CapacityUnits"] == {
        "RescoreCapacityUnits": 0
    }
    ranking.update_rescore_execution_plan(Id=plan_id, CapacityUnits={"RescoreCapacityUnits": 1000})


def test_an_account_has_at_most_50_plans_in_a_region(ranking):
    for number in range(MAX_PLANS):
        ranking.create_rescore_execution_plan(Name=f"plan-{number}")

    with pytest.raises(ClientError) as caught:
        ranking.create_rescore_execution_plan(Name="one-more")

    code, status, message = error_of(caught)
    assert (code, status) == ranking_calls.error("ServiceQuotaExceededException")
    assert "at most 50 rescore execution plans" in message


def test_an_unknown_plan_is_not_found(ranking):
    for call in (
        lambda: ranking.describe_rescore_execution_plan(Id=UNKNOWN_ID),
        lambda: ranking.update_rescore_execution_plan(Id=UNKNOWN_ID, Name="x"),
        lambda: ranking.delete_rescore_execution_plan(Id=UNKNOWN_ID),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        code, status, message = error_of(caught)
        assert (code, status) == ranking_calls.error("ResourceNotFoundException")
        assert UNKNOWN_ID in message


def test_a_name_outside_the_pattern_is_a_validation_error(ranking):
    with pytest.raises(ClientError) as caught:
        ranking.create_rescore_execution_plan(Name="-starts-with-a-dash")

    code, status, message = error_of(caught)
    assert (code, status) == ("ValidationException", 400)
    assert "at 'name' failed to satisfy constraint" in message


# -- List ----------------------------------------------------------------------------


def test_list_pages_through_every_plan_in_creation_order(ranking):
    ids = [ranking.create_rescore_execution_plan(Name=f"plan-{n}")["Id"] for n in range(5)]

    seen, token, pages = [], None, 0
    while True:
        page = ranking.list_rescore_execution_plans(
            MaxResults=2, **({"NextToken": token} if token else {})
        )
        seen += [item["Id"] for item in page["SummaryItems"]]
        pages += 1
        token = page.get("NextToken")
        if token is None:
            break

    assert seen == ids
    assert pages == 3
    summary = ranking.list_rescore_execution_plans()["SummaryItems"][0]
    assert set(summary) == {"Name", "Id", "CreatedAt", "UpdatedAt", "Status"}


def test_a_next_token_of_another_listing_is_refused(ranking, kendra_client):
    for number in range(3):
        kendra_client.create_index(Name=f"index-{number}", RoleArn="arn:aws:iam::1:role/r")
    token = kendra_client.list_indices(MaxResults=1)["NextToken"]

    with pytest.raises(ClientError) as caught:
        ranking.list_rescore_execution_plans(NextToken=token)

    assert error_of(caught)[:2] == ("ValidationException", 400)


def test_max_results_above_50_is_a_validation_error(ranking):
    with pytest.raises(ClientError) as caught:
        ranking.list_rescore_execution_plans(MaxResults=51)

    assert error_of(caught)[:2] == ("ValidationException", 400)


# -- Update --------------------------------------------------------------------------


def test_update_changes_name_description_and_capacity(ranking, plan_id):
    before = ranking.describe_rescore_execution_plan(Id=plan_id)

    ranking.update_rescore_execution_plan(
        Id=plan_id,
        Name="renamed",
        Description="new",
        CapacityUnits={"RescoreCapacityUnits": 2},
    )
    after = ranking.describe_rescore_execution_plan(Id=plan_id)

    assert (after["Name"], after["Description"]) == ("renamed", "new")
    assert after["CapacityUnits"] == {"RescoreCapacityUnits": 2}
    assert after["Status"] == "ACTIVE"
    assert after["CreatedAt"] == before["CreatedAt"]
    assert after["UpdatedAt"] >= before["UpdatedAt"]


def test_update_leaves_what_it_does_not_name(ranking):
    plan_id = ranking.create_rescore_execution_plan(
        Name="plan", Description="kept", CapacityUnits={"RescoreCapacityUnits": 3}
    )["Id"]

    ranking.update_rescore_execution_plan(Id=plan_id, Name="renamed")

    described = ranking.describe_rescore_execution_plan(Id=plan_id)
    assert described["Description"] == "kept"
    assert described["CapacityUnits"] == {"RescoreCapacityUnits": 3}


# -- statuses ------------------------------------------------------------------------


def test_a_plan_is_creating_then_active(ranking, manual):
    plan_id = ranking.create_rescore_execution_plan(Name="plan")["Id"]

    statuses = [ranking.describe_rescore_execution_plan(Id=plan_id)["Status"] for _ in range(3)]

    assert statuses == ["CREATING", "ACTIVE", "ACTIVE"]


def test_an_update_shows_updating_then_active(ranking, manual):
    plan_id = ranking.create_rescore_execution_plan(Name="plan")["Id"]
    for _ in range(3):
        ranking.describe_rescore_execution_plan(Id=plan_id)

    ranking.update_rescore_execution_plan(Id=plan_id, Description="new")
    listed = ranking.list_rescore_execution_plans()["SummaryItems"][0]["Status"]
    described = ranking.describe_rescore_execution_plan(Id=plan_id)["Status"]

    assert (listed, described) == ("UPDATING", "ACTIVE")


def test_a_plan_that_is_not_active_cannot_be_updated(ranking, manual):
    plan_id = ranking.create_rescore_execution_plan(Name="plan")["Id"]

    with pytest.raises(ClientError) as caught:
        ranking.update_rescore_execution_plan(Id=plan_id, Name="too-early")

    code, status, message = error_of(caught)
    assert (code, status) == ranking_calls.error("ConflictException")
    assert "is CREATING" in message
    assert ranking.describe_rescore_execution_plan(Id=plan_id)["Name"] == "plan"


def test_a_deleted_plan_is_deleting_then_gone(ranking, manual):
    plan_id = ranking.create_rescore_execution_plan(Name="plan")["Id"]
    ranking.describe_rescore_execution_plan(Id=plan_id)

    ranking.delete_rescore_execution_plan(Id=plan_id)
    with pytest.raises(ClientError) as again:
        ranking.delete_rescore_execution_plan(Id=plan_id)
    deleting = ranking.describe_rescore_execution_plan(Id=plan_id)["Status"]
    with pytest.raises(ClientError) as gone:
        ranking.describe_rescore_execution_plan(Id=plan_id)

    assert deleting == "DELETING"
    assert error_of(again)[:2] == ranking_calls.error("ConflictException")
    assert error_of(gone)[:2] == ranking_calls.error("ResourceNotFoundException")
    assert ranking.list_rescore_execution_plans()["SummaryItems"] == []


def test_a_deleted_plan_is_gone_at_once_by_default(ranking, plan_id):
    ranking.delete_rescore_execution_plan(Id=plan_id)

    with pytest.raises(ClientError) as caught:
        ranking.describe_rescore_execution_plan(Id=plan_id)

    assert error_of(caught)[:2] == ranking_calls.error("ResourceNotFoundException")
    assert ranking.list_rescore_execution_plans()["SummaryItems"] == []
