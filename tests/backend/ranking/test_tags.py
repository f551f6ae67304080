"""Tags of rescore execution plans: TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests import ranking_calls
from tests.kendra_calls import UNKNOWN_ID, error_of


def tags_of(ranking, arn: str) -> dict[str, str]:
    return {
        tag["Key"]: tag["Value"] for tag in ranking.list_tags_for_resource(ResourceARN=arn)["Tags"]
    }


@pytest.fixture
def plan_arn(ranking) -> str:
    return str(
        ranking.create_rescore_execution_plan(
            Name="plan", Tags=[{"Key": "team", "Value": "search"}]
        )["Arn"]
    )


def test_tags_given_at_creation_are_listed(ranking, plan_arn):
    assert tags_of(ranking, plan_arn) == {"team": "search"}


def test_tag_replaces_values_and_untag_removes_keys(ranking, plan_arn):
    ranking.tag_resource(
        ResourceARN=plan_arn,
        Tags=[{"Key": "team", "Value": "ranking"}, {"Key": "stage", "Value": "test"}],
    )
    tagged = tags_of(ranking, plan_arn)
    ranking.untag_resource(ResourceARN=plan_arn, TagKeys=["team", "absent"])

    assert tagged == {"team": "ranking", "stage": "test"}
    assert tags_of(ranking, plan_arn) == {"stage": "test"}


def test_a_plan_can_have_at_most_200_tags(ranking, plan_arn):
    ranking.tag_resource(
        ResourceARN=plan_arn, Tags=[{"Key": f"k{n}", "Value": ""} for n in range(199)]
    )

    with pytest.raises(ClientError) as caught:
        ranking.tag_resource(ResourceARN=plan_arn, Tags=[{"Key": "one-more", "Value": "x"}])

    code, status, message = error_of(caught)
    assert (code, status) == ("ValidationException", 400)
    assert "at most 200 tags" in message
    assert len(tags_of(ranking, plan_arn)) == 200


def test_an_unknown_plan_arn_is_unavailable(ranking, plan_arn):
    unknown = plan_arn.rsplit("/", 1)[0] + "/" + UNKNOWN_ID
    for call in (
        lambda: ranking.list_tags_for_resource(ResourceARN=unknown),
        lambda: ranking.tag_resource(ResourceARN=unknown, Tags=[{"Key": "k", "Value": "v"}]),
        lambda: ranking.untag_resource(ResourceARN=unknown, TagKeys=["k"]),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        code, status, message = error_of(caught)
        assert (code, status) == ranking_calls.error("ResourceUnavailableException")
        assert unknown in message


def test_an_arn_of_another_service_is_a_validation_error(ranking, kendra_client):
    index_id = kendra_client.create_index(Name="docs", RoleArn="arn:aws:iam::1:role/r")["Id"]
    kendra_arn = f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}"

    with pytest.raises(ClientError) as caught:
        ranking.list_tags_for_resource(ResourceARN=kendra_arn)

    code, status, message = error_of(caught)
    assert (code, status) == ("ValidationException", 400)
    assert "valid Amazon Kendra Intelligent Ranking ARN" in message


def test_a_deleted_plan_takes_its_tags_along(ranking, plan_arn):
    ranking.delete_rescore_execution_plan(Id=plan_arn.rsplit("/", 1)[1])

    with pytest.raises(ClientError) as caught:
        ranking.list_tags_for_resource(ResourceARN=plan_arn)

    assert error_of(caught)[:2] == ranking_calls.error("ResourceUnavailableException")
