"""Who may use an experience, through boto3: AssociateEntitiesToExperience,
DisassociateEntitiesFromExperience, ListExperienceEntities, AssociatePersonasToEntities,
DisassociatePersonasFromEntities and ListEntityPersonas; users and groups from moto's
IAM Identity Center (identitystore)."""

from __future__ import annotations

import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of

IDENTITY_STORE = "d-1234567890"


def new_id() -> str:
    """An entity id of the model's form, that no identity store holds."""
    return str(uuid.uuid4())


def user(entity_id: str) -> dict[str, str]:
    return {"EntityId": entity_id, "EntityType": "USER"}


def group(entity_id: str) -> dict[str, str]:
    return {"EntityId": entity_id, "EntityType": "GROUP"}


@pytest.fixture
def experience_id(kendra_client, index_id) -> str:
    return kendra_client.create_experience(IndexId=index_id, Name="search", RoleArn=ROLE_ARN)["Id"]


@pytest.fixture
def identity_center(kendra_client):
    """moto's IAM Identity Center (identitystore) in the client's region."""
    return boto3.client("identitystore", region_name=kendra_client.meta.region_name)


@pytest.fixture
def jane(identity_center) -> str:
    """A user of the identity store."""
    return identity_center.create_user(
        IdentityStoreId=IDENTITY_STORE,
        UserName="jane@example.com",
        DisplayName="Jane Doe",
        Name={"GivenName": "Jane", "FamilyName": "Doe"},
    )["UserId"]


@pytest.fixture
def engineers(identity_center) -> str:
    """A group of the identity store."""
    return identity_center.create_group(IdentityStoreId=IDENTITY_STORE, DisplayName="Engineers")[
        "GroupId"
    ]


def associate(kendra_client, index_id, experience_id, *entities) -> dict:
    return kendra_client.associate_entities_to_experience(
        IndexId=index_id, Id=experience_id, EntityList=list(entities)
    )


def disassociate(kendra_client, index_id, experience_id, *entities) -> dict:
    return kendra_client.disassociate_entities_from_experience(
        IndexId=index_id, Id=experience_id, EntityList=list(entities)
    )


def give(kendra_client, index_id, experience_id, **personas: str) -> dict:
    """AssociatePersonasToEntities; ``personas``: entity id -> persona (ids as keywords
    are awkward, so pass them with ``**{id: persona}``)."""
    return kendra_client.associate_personas_to_entities(
        IndexId=index_id,
        Id=experience_id,
        Personas=[{"EntityId": key, "Persona": value} for key, value in personas.items()],
    )


def entities(kendra_client, index_id, experience_id) -> list[dict]:
    return kendra_client.list_experience_entities(IndexId=index_id, Id=experience_id)[
        "SummaryItems"
    ]


def personas(kendra_client, index_id, experience_id) -> dict[str, str]:
    items = kendra_client.list_entity_personas(IndexId=index_id, Id=experience_id)["SummaryItems"]
    return {item["EntityId"]: item["Persona"] for item in items}


def failed(response: dict) -> dict[str, str]:
    return {item["EntityId"]: item["ErrorMessage"] for item in response.get("FailedEntityList", [])}


# -- AssociateEntitiesToExperience / ListExperienceEntities ---------------------------


def test_without_iam_identity_center_any_entity_is_taken_as_given(
    kendra_client, index_id, experience_id
):
    alice, team = new_id(), new_id()

    response = associate(kendra_client, index_id, experience_id, user(alice), group(team))

    assert "FailedEntityList" not in response
    assert entities(kendra_client, index_id, experience_id) == [
        {"EntityId": alice, "EntityType": "USER"},
        {"EntityId": team, "EntityType": "GROUP"},
    ]


def test_users_and_groups_of_iam_identity_center_show_their_display_data(
    kendra_client, index_id, experience_id, jane, engineers
):
    associate(kendra_client, index_id, experience_id, group(engineers), user(jane))

    assert entities(kendra_client, index_id, experience_id) == [
        {"EntityId": engineers, "EntityType": "GROUP", "DisplayData": {"GroupName": "Engineers"}},
        {
            "EntityId": jane,
            "EntityType": "USER",
            "DisplayData": {
                "FirstName": "Jane",
                "LastName": "Doe",
                "UserName": "Jane Doe",
                "IdentifiedUserName": "jane@example.com",
            },
        },
    ]


def test_display_data_follows_iam_identity_center(
    kendra_client, index_id, experience_id, identity_center, jane, engineers
):
    associate(kendra_client, index_id, experience_id, user(jane), group(engineers))

    identity_center.delete_user(IdentityStoreId=IDENTITY_STORE, UserId=jane)

    listed = entities(kendra_client, index_id, experience_id)
    assert listed[0] == {"EntityId": jane, "EntityType": "USER"}
    assert listed[1]["DisplayData"] == {"GroupName": "Engineers"}


def test_display_data_is_cut_to_the_model_length(
    kendra_client, index_id, experience_id, identity_center
):
    long_name = "n" * 150
    user_id = identity_center.create_user(
        IdentityStoreId=IDENTITY_STORE,
        UserName="u1",
        DisplayName=long_name,
        Name={"GivenName": "G" * 101, "FamilyName": "Doe"},
    )["UserId"]

    associate(kendra_client, index_id, experience_id, user(user_id))

    (listed,) = entities(kendra_client, index_id, experience_id)
    assert listed["DisplayData"] == {
        "FirstName": "G" * 100,
        "LastName": "Doe",
        "UserName": "n" * 100,
        "IdentifiedUserName": "u1",
    }


def test_an_entity_iam_identity_center_does_not_have_fails_alone(
    kendra_client, index_id, experience_id, jane
):
    stranger = new_id()

    response = associate(kendra_client, index_id, experience_id, user(stranger), user(jane))

    assert list(failed(response)) == [stranger]
    assert "isn't a user or group of your IAM Identity Center" in failed(response)[stranger]
    assert [e["EntityId"] for e in entities(kendra_client, index_id, experience_id)] == [jane]


def test_identity_stores_of_other_regions_count(kendra_client, index_id, experience_id):
    other_region = boto3.client("identitystore", region_name="eu-west-1")
    user_id = other_region.create_user(
        IdentityStoreId="d-9999999999",
        UserName="far",
        DisplayName="Far Away",
        Name={"GivenName": "Far", "FamilyName": "Away"},
    )["UserId"]

    response = associate(kendra_client, index_id, experience_id, user(user_id), user(new_id()))

    assert user_id not in failed(response) and len(failed(response)) == 1


def test_an_entity_of_the_other_type_fails(kendra_client, index_id, experience_id, jane, engineers):
    response = associate(kendra_client, index_id, experience_id, group(jane), user(engineers))

    assert failed(response) == {
        jane: f"{jane} is a user of your IAM Identity Center identity source, not a group.",
        engineers: (
            f"{engineers} is a group of your IAM Identity Center identity source, not a user."
        ),
    }
    assert entities(kendra_client, index_id, experience_id) == []


def test_an_entity_listed_twice_fails_and_the_others_are_granted(
    kendra_client, index_id, experience_id
):
    twice, once = new_id(), new_id()

    response = associate(
        kendra_client, index_id, experience_id, user(twice), user(once), group(twice)
    )

    assert list(failed(response)) == [twice]
    assert "listed 2 times" in failed(response)[twice]
    assert [e["EntityId"] for e in entities(kendra_client, index_id, experience_id)] == [once]


def test_an_entity_with_access_already_fails_beside_new_ones(
    kendra_client, index_id, experience_id
):
    old, new = new_id(), new_id()
    associate(kendra_client, index_id, experience_id, user(old))

    response = associate(kendra_client, index_id, experience_id, user(new), user(old))

    assert list(failed(response)) == [old]
    assert "already has access" in failed(response)[old]
    assert [e["EntityId"] for e in entities(kendra_client, index_id, experience_id)] == [old, new]


def test_a_request_of_entities_that_all_have_access_already_exists(
    kendra_client, index_id, experience_id
):
    first, second = new_id(), new_id()
    associate(kendra_client, index_id, experience_id, user(first), group(second))

    with pytest.raises(ClientError) as err:
        associate(kendra_client, index_id, experience_id, group(second), user(first))

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceAlreadyExistException", 400)
    assert experience_id in message


def test_associating_needs_a_known_experience(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        associate(kendra_client, index_id, "no-such-experience", user(new_id()))

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert "no-such-experience" in message


def test_an_experience_takes_twenty_entities_a_call(kendra_client, index_id, experience_id):
    client = boto3.client(
        "kendra",
        region_name=kendra_client.meta.region_name,
        config=Config(parameter_validation=False),
    )

    with pytest.raises(ClientError) as err:
        client.associate_entities_to_experience(
            IndexId=index_id, Id=experience_id, EntityList=[user(new_id()) for _ in range(21)]
        )

    assert error_of(err)[:2] == ("ValidationException", 400)
    assert entities(kendra_client, index_id, experience_id) == []


@pytest.mark.parametrize(
    "entity",
    [
        {"EntityId": "jane@example.com", "EntityType": "USER"},
        {"EntityId": new_id(), "EntityType": "ROLE"},
    ],
)
def test_an_entity_the_model_refuses_is_a_validation_error(
    kendra_client, index_id, experience_id, entity
):
    client = boto3.client(
        "kendra",
        region_name=kendra_client.meta.region_name,
        config=Config(parameter_validation=False),
    )

    with pytest.raises(ClientError) as err:
        client.associate_entities_to_experience(
            IndexId=index_id, Id=experience_id, EntityList=[entity]
        )

    assert error_of(err)[:2] == ("ValidationException", 400)


def test_list_experience_entities_pages_by_a_hundred(kendra_client, index_id, experience_id):
    granted = [new_id() for _ in range(120)]
    for start in range(0, 120, 20):
        associate(kendra_client, index_id, experience_id, *map(user, granted[start : start + 20]))

    first = kendra_client.list_experience_entities(IndexId=index_id, Id=experience_id)
    second = kendra_client.list_experience_entities(
        IndexId=index_id, Id=experience_id, NextToken=first["NextToken"]
    )

    assert len(first["SummaryItems"]) == 100
    assert [e["EntityId"] for e in first["SummaryItems"] + second["SummaryItems"]] == granted
    assert "NextToken" not in second


def test_list_experience_entities_refuses_a_token_of_another_experience(
    kendra_client, index_id, experience_id
):
    other = kendra_client.create_experience(IndexId=index_id, Name="other", RoleArn=ROLE_ARN)["Id"]
    for _ in range(6):
        associate(kendra_client, index_id, other, *[user(new_id()) for _ in range(20)])
    token = kendra_client.list_experience_entities(IndexId=index_id, Id=other)["NextToken"]

    with pytest.raises(ClientError) as err:
        kendra_client.list_experience_entities(IndexId=index_id, Id=experience_id, NextToken=token)

    assert error_of(err)[:2] == ("ValidationException", 400)


def test_listing_entities_needs_a_known_experience(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.list_experience_entities(IndexId=index_id, Id="no-such-experience")

    assert error_of(err)[0] == "ResourceNotFoundException"


# -- DisassociateEntitiesFromExperience -----------------------------------------------


def test_disassociating_removes_access_and_the_persona(kendra_client, index_id, experience_id):
    kept, removed = new_id(), new_id()
    associate(kendra_client, index_id, experience_id, user(kept), group(removed))
    give(kendra_client, index_id, experience_id, **{kept: "VIEWER", removed: "OWNER"})

    response = disassociate(kendra_client, index_id, experience_id, group(removed))

    assert "FailedEntityList" not in response
    assert entities(kendra_client, index_id, experience_id) == [
        {"EntityId": kept, "EntityType": "USER"}
    ]
    assert personas(kendra_client, index_id, experience_id) == {kept: "VIEWER"}


def test_disassociating_what_has_no_access_fails_alone(kendra_client, index_id, experience_id):
    member, stranger = new_id(), new_id()
    associate(kendra_client, index_id, experience_id, user(member))

    response = disassociate(kendra_client, index_id, experience_id, user(stranger), user(member))

    assert list(failed(response)) == [stranger]
    assert "doesn't have access" in failed(response)[stranger]
    assert entities(kendra_client, index_id, experience_id) == []


def test_disassociating_with_the_other_type_fails(kendra_client, index_id, experience_id):
    member = new_id()
    associate(kendra_client, index_id, experience_id, group(member))

    response = disassociate(kendra_client, index_id, experience_id, user(member))

    assert "as a group, not a user" in failed(response)[member]
    assert [e["EntityId"] for e in entities(kendra_client, index_id, experience_id)] == [member]


def test_disassociating_reports_at_most_twenty_five_failures(
    kendra_client, index_id, experience_id
):
    strangers = [new_id() for _ in range(40)]

    response = disassociate(kendra_client, index_id, experience_id, *map(user, strangers))

    assert list(failed(response)) == strangers[:25]


def test_disassociating_an_entity_listed_twice_fails(kendra_client, index_id, experience_id):
    member = new_id()
    associate(kendra_client, index_id, experience_id, user(member))

    response = disassociate(kendra_client, index_id, experience_id, user(member), user(member))

    assert "listed 2 times" in failed(response)[member]
    assert len(entities(kendra_client, index_id, experience_id)) == 1


# -- AssociatePersonasToEntities / ListEntityPersonas ---------------------------------


def test_personas_are_given_to_entities_with_access(kendra_client, index_id, experience_id):
    owner, viewer = new_id(), new_id()
    associate(kendra_client, index_id, experience_id, user(owner), group(viewer))

    response = give(kendra_client, index_id, experience_id, **{owner: "OWNER", viewer: "VIEWER"})

    assert "FailedEntityList" not in response
    items = kendra_client.list_entity_personas(IndexId=index_id, Id=experience_id)["SummaryItems"]
    assert [(item["EntityId"], item["Persona"]) for item in items] == [
        (owner, "OWNER"),
        (viewer, "VIEWER"),
    ]
    assert all(item["CreatedAt"] == item["UpdatedAt"] for item in items)


def test_an_entity_without_access_gets_no_persona(kendra_client, index_id, experience_id):
    member, stranger = new_id(), new_id()
    associate(kendra_client, index_id, experience_id, user(member))

    response = give(kendra_client, index_id, experience_id, **{stranger: "OWNER", member: "OWNER"})

    assert list(failed(response)) == [stranger]
    assert "AssociateEntitiesToExperience first" in failed(response)[stranger]
    assert personas(kendra_client, index_id, experience_id) == {member: "OWNER"}


def test_a_new_persona_replaces_the_old_one(kendra_client, index_id, experience_id):
    member = new_id()
    associate(kendra_client, index_id, experience_id, user(member))
    give(kendra_client, index_id, experience_id, **{member: "VIEWER"})
    (before,) = kendra_client.list_entity_personas(IndexId=index_id, Id=experience_id)[
        "SummaryItems"
    ]

    give(kendra_client, index_id, experience_id, **{member: "OWNER"})

    (after,) = kendra_client.list_entity_personas(IndexId=index_id, Id=experience_id)[
        "SummaryItems"
    ]
    assert after["Persona"] == "OWNER"
    assert after["CreatedAt"] == before["CreatedAt"]
    assert after["UpdatedAt"] >= before["UpdatedAt"]


def test_the_same_persona_again_already_exists(kendra_client, index_id, experience_id):
    member, other = new_id(), new_id()
    associate(kendra_client, index_id, experience_id, user(member), user(other))
    give(kendra_client, index_id, experience_id, **{member: "OWNER"})

    with pytest.raises(ClientError) as err:
        give(kendra_client, index_id, experience_id, **{member: "OWNER"})
    mixed = give(kendra_client, index_id, experience_id, **{member: "OWNER", other: "VIEWER"})

    assert error_of(err)[:2] == ("ResourceAlreadyExistException", 400)
    assert list(failed(mixed)) == [member]
    assert "already has the persona OWNER" in failed(mixed)[member]
    assert personas(kendra_client, index_id, experience_id) == {member: "OWNER", other: "VIEWER"}


def test_two_personas_for_one_entity_in_a_request_fail(kendra_client, index_id, experience_id):
    member = new_id()
    associate(kendra_client, index_id, experience_id, user(member))

    response = kendra_client.associate_personas_to_entities(
        IndexId=index_id,
        Id=experience_id,
        Personas=[
            {"EntityId": member, "Persona": "OWNER"},
            {"EntityId": member, "Persona": "VIEWER"},
        ],
    )

    assert "listed 2 times" in failed(response)[member]
    assert personas(kendra_client, index_id, experience_id) == {}


def test_list_entity_personas_pages(kendra_client, index_id, experience_id):
    members = [new_id() for _ in range(5)]
    associate(kendra_client, index_id, experience_id, *map(user, members))
    give(kendra_client, index_id, experience_id, **dict.fromkeys(members, "VIEWER"))

    first = kendra_client.list_entity_personas(IndexId=index_id, Id=experience_id, MaxResults=3)
    second = kendra_client.list_entity_personas(
        IndexId=index_id, Id=experience_id, MaxResults=3, NextToken=first["NextToken"]
    )

    listed = [item["EntityId"] for item in first["SummaryItems"] + second["SummaryItems"]]
    assert listed == members
    assert "NextToken" not in second


def test_listing_personas_needs_a_known_experience(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.list_entity_personas(IndexId=index_id, Id="no-such-experience")

    assert error_of(err)[0] == "ResourceNotFoundException"


# -- DisassociatePersonasFromEntities -------------------------------------------------


def test_disassociating_a_persona_keeps_access(kendra_client, index_id, experience_id):
    member, stranger = new_id(), new_id()
    associate(kendra_client, index_id, experience_id, user(member))
    give(kendra_client, index_id, experience_id, **{member: "OWNER"})

    response = kendra_client.disassociate_personas_from_entities(
        IndexId=index_id, Id=experience_id, EntityIds=[member, stranger]
    )

    assert list(failed(response)) == [stranger]
    assert "has no persona" in failed(response)[stranger]
    assert personas(kendra_client, index_id, experience_id) == {}
    assert [e["EntityId"] for e in entities(kendra_client, index_id, experience_id)] == [member]


# -- experiences and indices being deleted ---------------------------------------------


def test_who_uses_an_experience_being_deleted_cannot_change(kendra_client, index_id, experience_id):
    member = new_id()
    associate(kendra_client, index_id, experience_id, user(member))
    give(kendra_client, index_id, experience_id, **{member: "VIEWER"})
    state_manager.set_transition("kendra::experience", {"progression": "manual", "times": 5})
    kendra_client.delete_experience(IndexId=index_id, Id=experience_id)

    calls = [
        lambda: associate(kendra_client, index_id, experience_id, user(new_id())),
        lambda: disassociate(kendra_client, index_id, experience_id, user(member)),
        lambda: give(kendra_client, index_id, experience_id, **{member: "OWNER"}),
        lambda: kendra_client.disassociate_personas_from_entities(
            IndexId=index_id, Id=experience_id, EntityIds=[member]
        ),
    ]
    for call in calls:
        with pytest.raises(ClientError) as err:
            call()
        code, status, message = error_of(err)
        assert (code, status) == ("ResourceNotFoundException", 400)
        assert "being deleted" in message

    assert [e["EntityId"] for e in entities(kendra_client, index_id, experience_id)] == [member]
    assert personas(kendra_client, index_id, experience_id) == {member: "VIEWER"}


def test_who_uses_an_experience_of_an_index_being_deleted_cannot_change(
    kendra_client, index_id, experience_id
):
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 5})
    kendra_client.delete_index(Id=index_id)

    with pytest.raises(ClientError) as err:
        associate(kendra_client, index_id, experience_id, user(new_id()))

    code, _, message = error_of(err)
    assert code == "ResourceNotFoundException"
    assert f"Index {index_id} is being deleted" in message


def test_entities_of_an_unknown_index_are_resource_not_found(kendra_client, experience_id):
    with pytest.raises(ClientError) as err:
        kendra_client.list_experience_entities(IndexId=UNKNOWN_ID, Id=experience_id)

    assert UNKNOWN_ID in error_of(err)[2]
