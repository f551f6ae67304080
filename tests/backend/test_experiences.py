"""CreateExperience, DescribeExperience, ListExperiences, UpdateExperience and
DeleteExperience through boto3."""

from __future__ import annotations

import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend import experiences
from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of

OTHER_ROLE_ARN = "arn:aws:iam::123456789012:role/kendra-experience"


@pytest.fixture
def experience_id(kendra_client, index_id) -> str:
    """An ACTIVE experience of ``index_id``, created without a Configuration."""
    return kendra_client.create_experience(IndexId=index_id, Name="search", RoleArn=ROLE_ARN)["Id"]


@pytest.fixture
def faq_id(kendra_client, index_id) -> str:
    """An ACTIVE FAQ of ``index_id``."""
    return make_faq(kendra_client, index_id, "faq")


def make_faq(kendra_client, index_id: str, name: str) -> str:
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="experience-faqs")
    s3.put_object(Bucket="experience-faqs", Key="faq.csv", Body=b"How do I search?,Type words\n")
    return kendra_client.create_faq(
        IndexId=index_id,
        Name=name,
        S3Path={"Bucket": "experience-faqs", "Key": "faq.csv"},
        RoleArn=ROLE_ARN,
    )["Id"]


@pytest.fixture
def slow_experience_model():
    """One read per step for experiences, so CREATING and DELETING can be seen."""
    state_manager.set_transition("kendra::experience", {"progression": "manual", "times": 1})


def describe(kendra_client, index_id, experience_id) -> dict:
    return kendra_client.describe_experience(IndexId=index_id, Id=experience_id)


# -- CreateExperience / DescribeExperience ------------------------------------------


def test_experience_is_created_and_described(kendra_client, index_id):
    experience_id = kendra_client.create_experience(
        IndexId=index_id, Name="intranet-search", Description="The intranet", RoleArn=ROLE_ARN
    )["Id"]

    assert str(uuid.UUID(experience_id)) == experience_id
    experience = describe(kendra_client, index_id, experience_id)
    assert experience["Id"] == experience_id
    assert experience["IndexId"] == index_id
    assert experience["Name"] == "intranet-search"
    assert experience["Description"] == "The intranet"
    assert experience["RoleArn"] == ROLE_ARN
    assert experience["Status"] == "ACTIVE"
    assert experience["CreatedAt"] == experience["UpdatedAt"]
    for absent in ("Configuration", "ErrorMessage"):
        assert absent not in experience


def test_an_experience_has_one_home_endpoint_of_its_own(kendra_client, index_id, experience_id):
    other = kendra_client.create_experience(IndexId=index_id, Name="other", RoleArn=ROLE_ARN)["Id"]

    endpoints = describe(kendra_client, index_id, experience_id)["Endpoints"]

    region = kendra_client.meta.region_name
    assert endpoints == [
        {"EndpointType": "HOME", "Endpoint": f"https://{experience_id}.{region}.kendra.aws"}
    ]
    assert (
        describe(kendra_client, index_id, other)["Endpoints"][0]["Endpoint"]
        != (endpoints[0]["Endpoint"])
    )


def test_configuration_is_shown_with_its_content_sources(
    kendra_client, index_id, custom_source, faq_id
):
    configuration = {
        "ContentSourceConfiguration": {
            "DataSourceIds": [custom_source],
            "FaqIds": [faq_id],
            "DirectPutContent": True,
        },
        "UserIdentityConfiguration": {"IdentityAttributeName": "email"},
    }
    experience_id = kendra_client.create_experience(
        IndexId=index_id, Name="search", RoleArn=ROLE_ARN, Configuration=configuration
    )["Id"]

    assert describe(kendra_client, index_id, experience_id)["Configuration"] == configuration


@pytest.mark.parametrize(
    "given",
    [
        {"ContentSourceConfiguration": {}},
        {},
        {"UserIdentityConfiguration": {"IdentityAttributeName": "email"}},
    ],
)
def test_a_configuration_always_shows_direct_put_content(kendra_client, index_id, given):
    experience_id = kendra_client.create_experience(
        IndexId=index_id, Name="search", RoleArn=ROLE_ARN, Configuration=given
    )["Id"]

    shown = describe(kendra_client, index_id, experience_id)["Configuration"]

    assert shown["ContentSourceConfiguration"] == {"DirectPutContent": False}
    assert shown.get("UserIdentityConfiguration") == given.get("UserIdentityConfiguration")


def test_a_repeated_client_token_creates_one_experience(kendra_client, index_id):
    first = kendra_client.create_experience(
        IndexId=index_id, Name="search", RoleArn=ROLE_ARN, ClientToken="token-1"
    )["Id"]

    again = kendra_client.create_experience(
        IndexId=index_id, Name="search", RoleArn=ROLE_ARN, ClientToken="token-1"
    )["Id"]
    other = kendra_client.create_experience(
        IndexId=index_id, Name="search", RoleArn=ROLE_ARN, ClientToken="token-2"
    )["Id"]

    assert again == first != other
    listed = kendra_client.list_experiences(IndexId=index_id)["SummaryItems"]
    assert [item["Id"] for item in listed] == [first, other]


def test_two_experiences_can_share_a_name(kendra_client, index_id):
    ids = {
        kendra_client.create_experience(IndexId=index_id, Name="search", RoleArn=ROLE_ARN)["Id"]
        for _ in range(2)
    }

    assert len(ids) == 2


def test_create_in_an_unknown_index_is_resource_not_found(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.create_experience(IndexId=UNKNOWN_ID, Name="search", RoleArn=ROLE_ARN)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


def test_a_data_source_the_index_does_not_have_is_resource_not_found(
    kendra_client, index_id, custom_source
):
    with pytest.raises(ClientError) as err:
        kendra_client.create_experience(
            IndexId=index_id,
            Name="search",
            RoleArn=ROLE_ARN,
            Configuration={
                "ContentSourceConfiguration": {"DataSourceIds": [custom_source, "nope"]}
            },
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert "data source nope" in message and custom_source not in message
    assert kendra_client.list_experiences(IndexId=index_id)["SummaryItems"] == []


def test_a_data_source_of_another_index_is_resource_not_found(kendra_client, index_id):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    foreign = kendra_client.create_data_source(IndexId=other_index, Name="c", Type="CUSTOM")["Id"]

    with pytest.raises(ClientError) as err:
        kendra_client.create_experience(
            IndexId=index_id,
            Name="search",
            RoleArn=ROLE_ARN,
            Configuration={"ContentSourceConfiguration": {"DataSourceIds": [foreign]}},
        )

    assert error_of(err)[0] == "ResourceNotFoundException"


def test_a_data_source_being_deleted_is_a_conflict(kendra_client, index_id, custom_source):
    state_manager.set_transition("kendra::data_source", {"progression": "manual", "times": 5})
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    with pytest.raises(ClientError) as err:
        kendra_client.create_experience(
            IndexId=index_id,
            Name="search",
            RoleArn=ROLE_ARN,
            Configuration={"ContentSourceConfiguration": {"DataSourceIds": [custom_source]}},
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ConflictException", 400)
    assert custom_source in message and "being deleted" in message


def test_a_deleted_data_source_is_resource_not_found(kendra_client, index_id, custom_source):
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    with pytest.raises(ClientError) as err:
        kendra_client.create_experience(
            IndexId=index_id,
            Name="search",
            RoleArn=ROLE_ARN,
            Configuration={"ContentSourceConfiguration": {"DataSourceIds": [custom_source]}},
        )

    assert error_of(err)[0] == "ResourceNotFoundException"


def test_faq_ids_must_name_faqs_of_the_index(kendra_client, index_id, faq_id):
    state_manager.set_transition("kendra::faq", {"progression": "manual", "times": 1})
    being_deleted = make_faq(kendra_client, index_id, "old")
    kendra_client.describe_faq(IndexId=index_id, Id=being_deleted)  # CREATING -> ACTIVE
    kendra_client.delete_faq(IndexId=index_id, Id=being_deleted)
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    of_another_index = make_faq(kendra_client, other_index, "elsewhere")

    def create(*faq_ids: str) -> str:
        return kendra_client.create_experience(
            IndexId=index_id,
            Name="search",
            RoleArn=ROLE_ARN,
            Configuration={"ContentSourceConfiguration": {"FaqIds": list(faq_ids)}},
        )["Id"]

    assert create(faq_id)
    with pytest.raises(ClientError) as missing:
        create(faq_id, UNKNOWN_ID)
    with pytest.raises(ClientError) as elsewhere:
        create(of_another_index)
    with pytest.raises(ClientError) as deleting:
        create(being_deleted)
    assert error_of(missing)[0] == "ResourceNotFoundException"
    assert f"FAQ {UNKNOWN_ID}" in error_of(missing)[2]
    assert error_of(elsewhere)[0] == "ResourceNotFoundException"
    assert error_of(deleting)[0] == "ConflictException"

    kendra_client.describe_faq(IndexId=index_id, Id=being_deleted)  # DELETING -> gone
    with pytest.raises(ClientError) as gone:
        create(being_deleted)
    assert error_of(gone)[0] == "ResourceNotFoundException"


def test_faq_ids_of_an_update_are_checked(kendra_client, experience_id, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.update_experience(
            IndexId=index_id,
            Id=experience_id,
            Configuration={"ContentSourceConfiguration": {"FaqIds": [UNKNOWN_ID]}},
        )

    assert error_of(err)[0] == "ResourceNotFoundException"


def test_an_index_has_at_most_fifty_experiences(kendra_client, index_id):
    for number in range(experiences.MAX_EXPERIENCES):
        kendra_client.create_experience(
            IndexId=index_id, Name=f"e{number}", RoleArn=ROLE_ARN, ClientToken=f"t{number}"
        )

    with pytest.raises(ClientError) as err:
        kendra_client.create_experience(IndexId=index_id, Name="one-more", RoleArn=ROLE_ARN)

    code, status, message = error_of(err)
    assert (code, status) == ("ServiceQuotaExceededException", 400)
    assert "50" in message
    # A repeated ClientToken still answers; a deleted experience frees its place.
    first = kendra_client.list_experiences(IndexId=index_id, MaxResults=1)["SummaryItems"][0]
    assert (
        kendra_client.create_experience(
            IndexId=index_id, Name="e0", RoleArn=ROLE_ARN, ClientToken="t0"
        )["Id"]
        == first["Id"]
    )
    kendra_client.delete_experience(IndexId=index_id, Id=first["Id"])
    assert kendra_client.create_experience(IndexId=index_id, Name="again", RoleArn=ROLE_ARN)["Id"]


def test_create_in_an_index_being_deleted_is_a_conflict(kendra_client, index_id):
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 5})
    kendra_client.delete_index(Id=index_id)

    with pytest.raises(ClientError) as err:
        kendra_client.create_experience(IndexId=index_id, Name="search", RoleArn=ROLE_ARN)

    assert error_of(err)[:2] == ("ConflictException", 400)


def test_experiences_take_no_tags(kendra_client, index_id, experience_id):
    region = kendra_client.meta.region_name
    arn = f"arn:aws:kendra:{region}:123456789012:index/{index_id}/experience/{experience_id}"

    with pytest.raises(ClientError) as err:
        kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "team", "Value": "search"}])

    assert error_of(err)[:2] == ("ResourceUnavailableException", 400)


# -- statuses -------------------------------------------------------------------------


def test_an_experience_is_creating_then_active(kendra_client, index_id, slow_experience_model):
    experience_id = kendra_client.create_experience(
        IndexId=index_id, Name="search", RoleArn=ROLE_ARN
    )["Id"]

    statuses = [describe(kendra_client, index_id, experience_id)["Status"] for _ in range(3)]

    assert statuses == ["CREATING", "ACTIVE", "ACTIVE"]


def test_an_experience_without_a_role_fails(kendra_client, index_id, slow_experience_model):
    experience_id = kendra_client.create_experience(IndexId=index_id, Name="search")["Id"]

    creating = describe(kendra_client, index_id, experience_id)
    failed = describe(kendra_client, index_id, experience_id)

    assert creating["Status"] == "CREATING" and "ErrorMessage" not in creating
    assert failed["Status"] == "FAILED"
    assert "RoleArn" in failed["ErrorMessage"]
    (summary,) = kendra_client.list_experiences(IndexId=index_id)["SummaryItems"]
    assert summary["Status"] == "FAILED"


def test_giving_a_failed_experience_a_role_makes_it_active(kendra_client, index_id):
    experience_id = kendra_client.create_experience(IndexId=index_id, Name="search")["Id"]
    assert describe(kendra_client, index_id, experience_id)["Status"] == "FAILED"

    kendra_client.update_experience(IndexId=index_id, Id=experience_id, RoleArn=ROLE_ARN)

    experience = describe(kendra_client, index_id, experience_id)
    assert experience["Status"] == "ACTIVE"
    assert "ErrorMessage" not in experience


def test_a_role_given_while_creating_makes_it_active(
    kendra_client, index_id, slow_experience_model
):
    experience_id = kendra_client.create_experience(IndexId=index_id, Name="search")["Id"]

    kendra_client.update_experience(IndexId=index_id, Id=experience_id, RoleArn=ROLE_ARN)

    statuses = [describe(kendra_client, index_id, experience_id)["Status"] for _ in range(2)]
    assert statuses == ["CREATING", "ACTIVE"]


# -- DescribeExperience / ListExperiences ---------------------------------------------


def test_describe_an_unknown_experience_is_resource_not_found(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.describe_experience(IndexId=index_id, Id="no-such-experience")

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert "no-such-experience" in message and index_id in message


def test_an_experience_is_found_in_its_own_index_only(kendra_client, index_id, experience_id):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]

    with pytest.raises(ClientError) as err:
        kendra_client.describe_experience(IndexId=other_index, Id=experience_id)

    assert error_of(err)[0] == "ResourceNotFoundException"


def test_describe_in_an_unknown_index_is_resource_not_found(kendra_client, experience_id):
    with pytest.raises(ClientError) as err:
        kendra_client.describe_experience(IndexId=UNKNOWN_ID, Id=experience_id)

    assert UNKNOWN_ID in error_of(err)[2]


def test_list_experiences_shows_summaries_in_creation_order(kendra_client, index_id):
    ids = [
        kendra_client.create_experience(IndexId=index_id, Name=f"e{n}", RoleArn=ROLE_ARN)["Id"]
        for n in range(3)
    ]

    items = kendra_client.list_experiences(IndexId=index_id)["SummaryItems"]

    assert [item["Id"] for item in items] == ids
    assert [item["Name"] for item in items] == ["e0", "e1", "e2"]
    for item, experience_id in zip(items, ids):
        described = describe(kendra_client, index_id, experience_id)
        assert item == {
            key: described[key] for key in ("Name", "Id", "CreatedAt", "Status", "Endpoints")
        }


def test_list_experiences_pages(kendra_client, index_id):
    ids = [
        kendra_client.create_experience(IndexId=index_id, Name=f"e{n}", RoleArn=ROLE_ARN)["Id"]
        for n in range(5)
    ]

    first = kendra_client.list_experiences(IndexId=index_id, MaxResults=2)
    second = kendra_client.list_experiences(
        IndexId=index_id, MaxResults=2, NextToken=first["NextToken"]
    )
    last = kendra_client.list_experiences(
        IndexId=index_id, MaxResults=2, NextToken=second["NextToken"]
    )

    pages = [first, second, last]
    assert [item["Id"] for page in pages for item in page["SummaryItems"]] == ids
    assert "NextToken" not in last


def test_list_experiences_refuses_a_token_of_another_index(kendra_client, index_id):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    for name in ("a", "b"):
        kendra_client.create_experience(IndexId=other_index, Name=name, RoleArn=ROLE_ARN)
    token = kendra_client.list_experiences(IndexId=other_index, MaxResults=1)["NextToken"]

    with pytest.raises(ClientError) as err:
        kendra_client.list_experiences(IndexId=index_id, NextToken=token)

    assert error_of(err)[:2] == ("ValidationException", 400)


def test_list_experiences_of_an_unknown_index_is_resource_not_found(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.list_experiences(IndexId=UNKNOWN_ID)

    assert error_of(err)[0] == "ResourceNotFoundException"


def test_list_experiences_of_an_index_without_any_is_empty(kendra_client, index_id):
    assert kendra_client.list_experiences(IndexId=index_id)["SummaryItems"] == []


# -- UpdateExperience -----------------------------------------------------------------


def test_update_changes_what_it_names(kendra_client, index_id, experience_id, custom_source):
    before = describe(kendra_client, index_id, experience_id)

    kendra_client.update_experience(
        IndexId=index_id,
        Id=experience_id,
        Name="renamed",
        Description="Now described",
        RoleArn=OTHER_ROLE_ARN,
        Configuration={"ContentSourceConfiguration": {"DataSourceIds": [custom_source]}},
    )

    after = describe(kendra_client, index_id, experience_id)
    assert after["Name"] == "renamed"
    assert after["Description"] == "Now described"
    assert after["RoleArn"] == OTHER_ROLE_ARN
    assert after["Configuration"] == {
        "ContentSourceConfiguration": {"DataSourceIds": [custom_source], "DirectPutContent": False}
    }
    assert after["CreatedAt"] == before["CreatedAt"]
    assert after["UpdatedAt"] >= before["UpdatedAt"]
    assert after["Endpoints"] == before["Endpoints"]


def test_update_keeps_what_it_does_not_name(kendra_client, index_id, experience_id):
    kendra_client.update_experience(IndexId=index_id, Id=experience_id, Description="first")

    kendra_client.update_experience(IndexId=index_id, Id=experience_id, Name="renamed")

    after = describe(kendra_client, index_id, experience_id)
    assert (after["Name"], after["Description"], after["RoleArn"]) == (
        "renamed",
        "first",
        ROLE_ARN,
    )


def test_an_update_shows_the_default_configuration(kendra_client, index_id, experience_id):
    kendra_client.update_experience(IndexId=index_id, Id=experience_id, Name="renamed")

    configuration = describe(kendra_client, index_id, experience_id)["Configuration"]

    assert configuration == {"ContentSourceConfiguration": {"DirectPutContent": False}}


def test_a_configuration_replaces_the_one_before(kendra_client, index_id, faq_id):
    experience_id = kendra_client.create_experience(
        IndexId=index_id,
        Name="search",
        RoleArn=ROLE_ARN,
        Configuration={
            "ContentSourceConfiguration": {"DirectPutContent": True},
            "UserIdentityConfiguration": {"IdentityAttributeName": "email"},
        },
    )["Id"]

    kendra_client.update_experience(
        IndexId=index_id,
        Id=experience_id,
        Configuration={"ContentSourceConfiguration": {"FaqIds": [faq_id]}},
    )

    assert describe(kendra_client, index_id, experience_id)["Configuration"] == {
        "ContentSourceConfiguration": {"FaqIds": [faq_id], "DirectPutContent": False}
    }


def test_a_description_cannot_be_cleared(kendra_client, index_id):
    experience_id = kendra_client.create_experience(
        IndexId=index_id, Name="search", RoleArn=ROLE_ARN, Description="kept"
    )["Id"]

    with pytest.raises(ClientError) as err:
        kendra_client.update_experience(IndexId=index_id, Id=experience_id, Description="")

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "can't be cleared" in message
    assert describe(kendra_client, index_id, experience_id)["Description"] == "kept"


def test_update_with_an_unknown_data_source_changes_nothing(kendra_client, index_id, experience_id):
    with pytest.raises(ClientError) as err:
        kendra_client.update_experience(
            IndexId=index_id,
            Id=experience_id,
            Name="renamed",
            Configuration={"ContentSourceConfiguration": {"DataSourceIds": ["nope"]}},
        )

    assert error_of(err)[0] == "ResourceNotFoundException"
    experience = describe(kendra_client, index_id, experience_id)
    assert experience["Name"] == "search" and "Configuration" not in experience


def test_update_an_unknown_experience_is_resource_not_found(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.update_experience(IndexId=index_id, Id="no-such-experience", Name="x")

    assert error_of(err)[:2] == ("ResourceNotFoundException", 400)


def test_update_in_an_index_being_deleted_is_a_conflict(kendra_client, index_id, experience_id):
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 5})
    kendra_client.delete_index(Id=index_id)

    with pytest.raises(ClientError) as err:
        kendra_client.update_experience(IndexId=index_id, Id=experience_id, Name="x")

    assert error_of(err)[:2] == ("ConflictException", 400)


# -- DeleteExperience -----------------------------------------------------------------


def test_by_default_a_deleted_experience_is_gone_at_once(kendra_client, index_id, experience_id):
    kendra_client.delete_experience(IndexId=index_id, Id=experience_id)

    with pytest.raises(ClientError) as err:
        describe(kendra_client, index_id, experience_id)
    assert error_of(err)[0] == "ResourceNotFoundException"
    assert kendra_client.list_experiences(IndexId=index_id)["SummaryItems"] == []


def test_a_deleted_experience_is_deleting_then_gone(
    kendra_client, index_id, experience_id, slow_experience_model
):
    kendra_client.delete_experience(IndexId=index_id, Id=experience_id)

    (item,) = kendra_client.list_experiences(IndexId=index_id)["SummaryItems"]
    assert (item["Id"], item["Status"]) == (experience_id, "DELETING")
    with pytest.raises(ClientError) as err:
        describe(kendra_client, index_id, experience_id)
    assert error_of(err)[0] == "ResourceNotFoundException"


def test_while_deleting_a_second_delete_succeeds_and_an_update_conflicts(
    kendra_client, index_id, experience_id, slow_experience_model
):
    kendra_client.delete_experience(IndexId=index_id, Id=experience_id)

    kendra_client.delete_experience(IndexId=index_id, Id=experience_id)
    with pytest.raises(ClientError) as err:
        kendra_client.update_experience(IndexId=index_id, Id=experience_id, Name="x")

    code, status, message = error_of(err)
    assert (code, status) == ("ConflictException", 400)
    assert "being deleted" in message
    assert describe(kendra_client, index_id, experience_id)["Status"] == "DELETING"


def test_delete_an_unknown_experience_is_resource_not_found(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.delete_experience(IndexId=index_id, Id="no-such-experience")

    assert error_of(err)[:2] == ("ResourceNotFoundException", 400)


def test_delete_in_an_index_being_deleted_is_a_conflict(kendra_client, index_id, experience_id):
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 5})
    kendra_client.delete_index(Id=index_id)

    with pytest.raises(ClientError) as err:
        kendra_client.delete_experience(IndexId=index_id, Id=experience_id)

    assert error_of(err)[:2] == ("ConflictException", 400)
    # Reads still answer while the index is going.
    assert describe(kendra_client, index_id, experience_id)["Id"] == experience_id


def test_experiences_go_with_their_index(kendra_client, index_id, experience_id):
    kendra_client.delete_index(Id=index_id)

    with pytest.raises(ClientError) as err:
        describe(kendra_client, index_id, experience_id)

    code, _, message = error_of(err)
    assert code == "ResourceNotFoundException"
    assert f"Index {index_id}" in message


# -- validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"Name": "-starts-with-a-dash"},
        {"Name": "ok", "RoleArn": "not-an-arn"},
        {"Name": "ok", "Description": "bell\u0007"},
        {"Name": "ok", "Configuration": {"ContentSourceConfiguration": {"DataSourceIds": []}}},
    ],
)
def test_create_refuses_what_the_model_refuses(kendra_client, index_id, params):
    client = boto3.client(
        "kendra",
        region_name=kendra_client.meta.region_name,
        config=Config(parameter_validation=False),
    )
    with pytest.raises(ClientError) as err:
        client.create_experience(IndexId=index_id, **params)

    assert error_of(err)[:2] == ("ValidationException", 400)
    assert kendra_client.list_experiences(IndexId=index_id)["SummaryItems"] == []
