"""TagResource, UntagResource and ListTagsForResource through boto3."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of


def index_arn(kendra_client, index_id: str) -> str:
    return f"arn:aws:kendra:{kendra_client.meta.region_name}:123456789012:index/{index_id}"


def source_arn(kendra_client, index_id: str, source_id: str) -> str:
    return f"{index_arn(kendra_client, index_id)}/data-source/{source_id}"


def tags_of(kendra_client, arn: str) -> dict[str, str]:
    tags = kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"]
    return {tag["Key"]: tag["Value"] for tag in tags}


def many(count: int, prefix: str = "key") -> list[dict[str, str]]:
    return [{"Key": f"{prefix}-{n}", "Value": str(n)} for n in range(count)]


@pytest.fixture(params=["index", "data source"])
def arn(request, kendra_client, index_id, custom_source) -> str:
    if request.param == "index":
        return index_arn(kendra_client, index_id)
    return source_arn(kendra_client, index_id, custom_source)


def test_an_untagged_resource_has_no_tags(kendra_client, arn):
    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == []


def test_tag_list_and_untag(kendra_client, arn):
    kendra_client.tag_resource(
        ResourceARN=arn,
        Tags=[{"Key": "team", "Value": "search"}, {"Key": "env", "Value": "test"}],
    )
    assert tags_of(kendra_client, arn) == {"team": "search", "env": "test"}

    kendra_client.untag_resource(ResourceARN=arn, TagKeys=["env"])

    assert tags_of(kendra_client, arn) == {"team": "search"}


def test_tagging_a_key_again_replaces_its_value(kendra_client, arn):
    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "team", "Value": "old"}])
    kendra_client.tag_resource(
        ResourceARN=arn, Tags=[{"Key": "team", "Value": "new"}, {"Key": "more", "Value": ""}]
    )

    assert tags_of(kendra_client, arn) == {"team": "new", "more": ""}


def test_untagging_a_key_that_is_not_there_changes_nothing(kendra_client, arn):
    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "team", "Value": "x"}])

    kendra_client.untag_resource(ResourceARN=arn, TagKeys=["absent"])

    assert tags_of(kendra_client, arn) == {"team": "x"}


def test_tags_of_an_index_and_its_data_source_are_separate(kendra_client, index_id, custom_source):
    kendra_client.tag_resource(
        ResourceARN=index_arn(kendra_client, index_id), Tags=[{"Key": "on", "Value": "index"}]
    )
    kendra_client.tag_resource(
        ResourceARN=source_arn(kendra_client, index_id, custom_source),
        Tags=[{"Key": "on", "Value": "source"}],
    )

    assert tags_of(kendra_client, index_arn(kendra_client, index_id)) == {"on": "index"}
    assert tags_of(kendra_client, source_arn(kendra_client, index_id, custom_source)) == {
        "on": "source"
    }


def test_tags_given_at_creation(kendra_client):
    index_id = kendra_client.create_index(
        Name="tagged", RoleArn=ROLE_ARN, Tags=[{"Key": "a", "Value": "1"}]
    )["Id"]
    source_id = kendra_client.create_data_source(
        IndexId=index_id, Name="tagged", Type="CUSTOM", Tags=[{"Key": "b", "Value": "2"}]
    )["Id"]

    assert tags_of(kendra_client, index_arn(kendra_client, index_id)) == {"a": "1"}
    assert tags_of(kendra_client, source_arn(kendra_client, index_id, source_id)) == {"b": "2"}


def test_tags_of_a_deleted_data_source_are_gone(kendra_client, index_id, custom_source):
    arn = source_arn(kendra_client, index_id, custom_source)
    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "a", "Value": "1"}])
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    with pytest.raises(ClientError) as err:
        kendra_client.list_tags_for_resource(ResourceARN=arn)

    assert error_of(err)[:2] == ("ResourceUnavailableException", 400)


# -- unknown and malformed ARNs ---------------------------------------------------------


def _calls(kendra_client, arn: str):
    return {
        "tag": lambda: kendra_client.tag_resource(
            ResourceARN=arn, Tags=[{"Key": "a", "Value": "1"}]
        ),
        "untag": lambda: kendra_client.untag_resource(ResourceARN=arn, TagKeys=["a"]),
        "list": lambda: kendra_client.list_tags_for_resource(ResourceARN=arn),
    }


@pytest.mark.parametrize("operation", ["tag", "untag", "list"])
def test_an_unknown_index_arn_is_unavailable(kendra_client, index_id, operation):
    arn = index_arn(kendra_client, UNKNOWN_ID)

    with pytest.raises(ClientError) as err:
        _calls(kendra_client, arn)[operation]()

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceUnavailableException", 400)
    assert arn in message


@pytest.mark.parametrize("operation", ["tag", "untag", "list"])
def test_an_unknown_data_source_arn_is_unavailable(kendra_client, index_id, operation):
    arn = source_arn(kendra_client, index_id, UNKNOWN_ID)

    with pytest.raises(ClientError) as err:
        _calls(kendra_client, arn)[operation]()

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceUnavailableException", 400)
    assert arn in message


def test_a_data_source_arn_under_another_index_is_unavailable(
    kendra_client, index_id, custom_source
):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    arn = source_arn(kendra_client, other_index, custom_source)

    with pytest.raises(ClientError) as err:
        kendra_client.list_tags_for_resource(ResourceARN=arn)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceUnavailableException", 400)
    assert arn in message


def test_an_arn_of_another_account_is_unavailable(kendra_client, index_id):
    arn = f"arn:aws:kendra:{kendra_client.meta.region_name}:210987654321:index/{index_id}"

    with pytest.raises(ClientError) as err:
        kendra_client.list_tags_for_resource(ResourceARN=arn)

    assert error_of(err)[:2] == ("ResourceUnavailableException", 400)


@pytest.mark.parametrize(
    "bad_arn",
    ["not-an-arn", "arn:aws:s3:::docs-bucket", "arn:aws:kendra:us-east-1"],
)
@pytest.mark.parametrize("operation", ["tag", "untag", "list"])
def test_a_malformed_arn_is_a_validation_error(kendra_client, index_id, bad_arn, operation):
    with pytest.raises(ClientError) as err:
        _calls(kendra_client, bad_arn)[operation]()

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert f"Value '{bad_arn}' at 'resourceARN' failed to satisfy constraint" in message


# -- limits -------------------------------------------------------------------------


def test_two_hundred_tags_are_allowed(kendra_client, arn):
    kendra_client.tag_resource(ResourceARN=arn, Tags=many(200))

    assert len(tags_of(kendra_client, arn)) == 200


def test_more_than_200_tags_in_one_request_is_a_validation_error(kendra_client, arn):
    with pytest.raises(ClientError) as err:
        kendra_client.tag_resource(ResourceARN=arn, Tags=many(201))

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "at 'tags' failed to satisfy constraint" in message
    assert "Member must have length less than or equal to 200" in message
    assert tags_of(kendra_client, arn) == {}


def test_tags_adding_up_to_more_than_200_is_a_validation_error(kendra_client, arn):
    kendra_client.tag_resource(ResourceARN=arn, Tags=many(150, "first"))

    with pytest.raises(ClientError) as err:
        kendra_client.tag_resource(ResourceARN=arn, Tags=many(51, "second"))

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "200" in message
    assert "201" in message
    assert len(tags_of(kendra_client, arn)) == 150


def test_replacing_values_at_200_tags_is_allowed(kendra_client, arn):
    kendra_client.tag_resource(ResourceARN=arn, Tags=many(200))

    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "key-0", "Value": "changed"}])

    tags = tags_of(kendra_client, arn)
    assert len(tags) == 200
    assert tags["key-0"] == "changed"


def test_more_than_200_tags_at_creation_is_a_validation_error(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.create_index(Name="x", RoleArn=ROLE_ARN, Tags=many(201))

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "at 'tags' failed to satisfy constraint" in message
    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []


def test_a_tag_key_longer_than_128_is_a_validation_error(kendra_client, arn):
    with pytest.raises(ClientError) as err:
        kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "k" * 129, "Value": "v"}])

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "at 'tags.1.member.key' failed to satisfy constraint" in message
    assert "Member must have length less than or equal to 128" in message


# -- the rules of API_Tag.md ----------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        {"Key": "team name", "Value": "Search & Co"},
        {"Key": "team#1", "Value": "x"},
        {"Key": "owner", "Value": "a;b"},
        {"Key": "emoji", "Value": "\U0001f600"},
    ],
)
def test_a_tag_with_a_character_kendra_refuses_is_a_validation_error(kendra_client, arn, tag):
    with pytest.raises(ClientError) as err:
        kendra_client.tag_resource(ResourceARN=arn, Tags=[tag])

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "Unicode letters, digits, white space and _ . : / = + - @" in message
    assert tags_of(kendra_client, arn) == {}


def test_tags_of_letters_digits_spaces_and_the_allowed_symbols_are_accepted(kendra_client, arn):
    tags = [
        {"Key": "cost:center name", "Value": "R+D"},
        {"Key": "équipe_1.2", "Value": "user@example.com"},
        {"Key": "path/to=x", "Value": "a-b:c"},
    ]
    kendra_client.tag_resource(ResourceARN=arn, Tags=tags)

    assert tags_of(kendra_client, arn) == {tag["Key"]: tag["Value"] for tag in tags}


def test_two_keys_differing_only_in_case_are_one_key(kendra_client, arn):
    with pytest.raises(ClientError) as err:
        kendra_client.tag_resource(
            ResourceARN=arn, Tags=[{"Key": "Team", "Value": "a"}, {"Key": "team", "Value": "b"}]
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "'Team'" in message and "'team'" in message and "not case sensitive" in message
    assert tags_of(kendra_client, arn) == {}


def test_tagging_a_key_in_another_case_replaces_it(kendra_client, arn):
    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "team", "Value": "old"}])

    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "TEAM", "Value": "new"}])

    assert tags_of(kendra_client, arn) == {"TEAM": "new"}


def test_untagging_a_key_in_another_case_removes_it(kendra_client, arn):
    kendra_client.tag_resource(
        ResourceARN=arn, Tags=[{"Key": "Team", "Value": "x"}, {"Key": "env", "Value": "y"}]
    )

    kendra_client.untag_resource(ResourceARN=arn, TagKeys=["team"])

    assert tags_of(kendra_client, arn) == {"env": "y"}


def test_a_key_in_another_case_does_not_count_twice_toward_200(kendra_client, arn):
    kendra_client.tag_resource(ResourceARN=arn, Tags=many(200))

    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "KEY-0", "Value": "changed"}])

    tags = tags_of(kendra_client, arn)
    assert len(tags) == 200
    assert tags["KEY-0"] == "changed"


@pytest.mark.parametrize(
    "tags",
    [
        [{"Key": "a", "Value": "1"}, {"Key": "A", "Value": "2"}],
        [{"Key": "bad!", "Value": "1"}],
    ],
)
def test_tags_kendra_refuses_at_creation_are_a_validation_error(kendra_client, index_id, tags):
    with pytest.raises(ClientError) as err:
        kendra_client.create_index(Name="x", RoleArn=ROLE_ARN, Tags=tags)
    assert error_of(err)[:2] == ("ValidationException", 400)
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(IndexId=index_id, Name="x", Type="CUSTOM", Tags=tags)
    assert error_of(err)[:2] == ("ValidationException", 400)
    assert len(kendra_client.list_indices()["IndexConfigurationSummaryItems"]) == 1
    assert kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"] == []
