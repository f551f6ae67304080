"""moto_glue.identity_center reads the users and groups of moto's IAM Identity Center."""

from __future__ import annotations

import boto3
import pytest

from moto_kendra.moto_glue.identity_center import Identity, identities

ACCOUNT = "123456789012"


@pytest.fixture
def identity_center(kendra_client):
    """moto's identitystore in the Kendra client's mock."""
    return boto3.client("identitystore", region_name="us-east-1")


def test_no_identity_store_means_no_identities(kendra_client):
    assert identities(ACCOUNT) == {}


def test_users_and_groups_of_every_store_and_region_are_read(identity_center):
    user_id = identity_center.create_user(
        IdentityStoreId="d-1111111111",
        UserName="jane@example.com",
        DisplayName="Jane Doe",
        Name={"GivenName": "Jane", "FamilyName": "Doe"},
    )["UserId"]
    group_id = boto3.client("identitystore", region_name="ap-south-1").create_group(
        IdentityStoreId="d-2222222222", DisplayName="Engineers"
    )["GroupId"]

    assert identities(ACCOUNT) == {
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
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "210987654321")
    boto3.client("identitystore", region_name="us-east-1").create_group(
        IdentityStoreId="d-1111111111", DisplayName="Elsewhere"
    )

    assert identities(ACCOUNT) == {}
    assert [identity.kind for identity in identities("210987654321").values()] == ["GROUP"]
