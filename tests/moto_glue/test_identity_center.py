"""moto_glue.identity_center reads the users and groups of moto's IAM Identity Center."""

from __future__ import annotations

import boto3
import pytest

from moto_kendra.moto_glue.identity_center import Identity, find, set_up

ACCOUNT = "123456789012"
OTHER_ACCOUNT = "210987654321"


@pytest.fixture
def identity_center(kendra_client):
    """moto's identitystore in the Kendra client's mock."""
    return boto3.client("identitystore", region_name="us-east-1")


def test_without_users_or_groups_iam_identity_center_is_not_set_up(identity_center):
    assert not set_up(ACCOUNT)
    user_id = identity_center.create_user(
        IdentityStoreId="d-1111111111",
        UserName="gone",
        DisplayName="Gone",
        Name={"GivenName": "G", "FamilyName": "One"},
    )["UserId"]
    assert set_up(ACCOUNT)

    identity_center.delete_user(IdentityStoreId="d-1111111111", UserId=user_id)

    assert not set_up(ACCOUNT)
    assert find(ACCOUNT, [user_id]) == {}


def test_users_and_groups_of_every_store_and_region_are_found(identity_center):
    user_id = identity_center.create_user(
        IdentityStoreId="d-1111111111",
        UserName="jane@example.com",
        DisplayName="Jane Doe",
        Name={"GivenName": "Jane", "FamilyName": "Doe"},
    )["UserId"]
    group_id = boto3.client("identitystore", region_name="ap-south-1").create_group(
        IdentityStoreId="d-2222222222", DisplayName="Engineers"
    )["GroupId"]

    assert find(ACCOUNT, [group_id, "unknown", user_id]) == {
        user_id: Identity(
            "USER",
            user_name="jane@example.com",
            display_name="Jane Doe",
            given_name="Jane",
            family_name="Doe",
        ),
        group_id: Identity("GROUP", display_name="Engineers"),
    }


def test_identities_of_another_account_are_not_read(identity_center, monkeypatch):
    monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)
    group_id = boto3.client("identitystore", region_name="us-east-1").create_group(
        IdentityStoreId="d-1111111111", DisplayName="Elsewhere"
    )["GroupId"]

    assert not set_up(ACCOUNT) and find(ACCOUNT, [group_id]) == {}
    assert set_up(OTHER_ACCOUNT)
    assert find(OTHER_ACCOUNT, [group_id])[group_id].kind == "GROUP"
