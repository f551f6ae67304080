"""Query suggestions block lists: the file read from moto's S3, statuses, limits, tags,
and the words that keep queries out of suggestions (backend/block_lists.py)."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend import block_lists
from moto_kendra.backend.block_lists import blocked_phrases, is_blocked
from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of

BUCKET = "suggestion-lists"
PATH = {"Bucket": BUCKET, "Key": "block/list.txt"}
MODEL = "kendra::query_suggestions_block_list"


@pytest.fixture
def s3(kendra_client):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client


def put_list(s3, body: bytes | str, key: str = PATH["Key"]) -> None:
    s3.put_object(Bucket=BUCKET, Key=key, Body=body.encode() if isinstance(body, str) else body)


def create(client, index_id: str, path: dict | None = None, **extra) -> str:
    return client.create_query_suggestions_block_list(
        IndexId=index_id,
        Name="offensive-words",
        RoleArn=ROLE_ARN,
        SourceS3Path=path or PATH,
        **extra,
    )["Id"]


def describe(client, index_id: str, block_list_id: str) -> dict:
    return client.describe_query_suggestions_block_list(IndexId=index_id, Id=block_list_id)


def phrases(backend, index_id: str) -> list[str]:
    return blocked_phrases(backend.indices[index_id])


def test_a_block_list_reads_its_file_and_reports_it(kendra_client, kendra_backend, s3, index_id):
    body = 'Project  Falcon\n"Unreleased"\r\n\n   \nbad word\nbad word\n'
    put_list(s3, body)
    block_list_id = create(kendra_client, index_id, Description="Not ready to announce")

    described = describe(kendra_client, index_id, block_list_id)
    assert described["Status"] == "ACTIVE"
    assert described["IndexId"] == index_id and described["Id"] == block_list_id
    assert described["Name"] == "offensive-words"
    assert described["Description"] == "Not ready to announce"
    assert described["SourceS3Path"] == PATH and described["RoleArn"] == ROLE_ARN
    # The valid non-empty lines; the file's size in bytes.
    assert described["ItemCount"] == 4
    assert described["FileSizeBytes"] == len(body.encode())
    assert described["CreatedAt"] == described["UpdatedAt"]
    assert "ErrorMessage" not in described
    # Matched as suggestions compare queries: lower case, no quotes, single spaces.
    assert phrases(kendra_backend, index_id) == ["project falcon", "unreleased", "bad word"]


def test_words_block_whole_words_only():
    blocked = ["bad word", "car"]
    assert is_blocked("a really bad word here", blocked)
    assert is_blocked("car", blocked)
    assert not is_blocked("cartoon network", blocked)
    assert not is_blocked("bad wordsmith", blocked)
    # Other special characters match as they are.
    assert not is_blocked("car, bus", blocked)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (
            "no bucket",
            "The S3 bucket missing-bucket of s3://missing-bucket/block/list.txt doesn't exist.",
        ),
        ("no object", "The S3 object s3://suggestion-lists/block/list.txt doesn't exist."),
        ("not utf-8", "is not UTF-8 text"),
    ],
)
def test_a_file_that_cant_be_read_fails_the_block_list(
    kendra_client, kendra_backend, s3, index_id, setup, message
):
    path = dict(PATH)
    if setup == "no bucket":
        path["Bucket"] = "missing-bucket"
    elif setup == "not utf-8":
        put_list(s3, b"caf\xe9\n")
    block_list_id = create(kendra_client, index_id, path)
    described = describe(kendra_client, index_id, block_list_id)
    assert described["Status"] == "FAILED"
    assert message in described["ErrorMessage"]
    assert described["ItemCount"] == 0
    assert phrases(kendra_backend, index_id) == []


def test_a_bucket_in_another_region_fails_the_block_list(kendra_client, index_id):
    s3 = boto3.client("s3", region_name="eu-west-1")
    s3.create_bucket(
        Bucket="eu-lists", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    s3.put_object(Bucket="eu-lists", Key="list.txt", Body=b"word\n")
    block_list_id = create(kendra_client, index_id, {"Bucket": "eu-lists", "Key": "list.txt"})
    described = describe(kendra_client, index_id, block_list_id)
    assert described["Status"] == "FAILED"
    assert "must be in the same region" in described["ErrorMessage"]


def test_the_documented_file_limits_fail_the_block_list(kendra_client, s3, index_id):
    too_big = b"x" * (block_lists.MAX_FILE_BYTES + 1)
    put_list(s3, too_big)
    block_list_id = create(kendra_client, index_id)
    described = describe(kendra_client, index_id, block_list_id)
    assert described["Status"] == "FAILED"
    assert f"is {len(too_big)} bytes" in described["ErrorMessage"]
    assert described["FileSizeBytes"] == len(too_big)

    put_list(s3, "".join(f"word{n}\n" for n in range(block_lists.MAX_ITEMS + 1)))
    kendra_client.update_query_suggestions_block_list(
        IndexId=index_id, Id=block_list_id, SourceS3Path=PATH
    )
    described = describe(kendra_client, index_id, block_list_id)
    assert described["Status"] == "FAILED"
    assert f"has {block_lists.MAX_ITEMS + 1} words or phrases" in described["ErrorMessage"]

    put_list(s3, "".join(f"word{n}\n" for n in range(block_lists.MAX_ITEMS)))
    kendra_client.update_query_suggestions_block_list(
        IndexId=index_id, Id=block_list_id, SourceS3Path=PATH
    )
    described = describe(kendra_client, index_id, block_list_id)
    assert described["Status"] == "ACTIVE" and described["ItemCount"] == block_lists.MAX_ITEMS
    assert "ErrorMessage" not in described


def test_an_index_has_one_block_list(kendra_client, s3, index_id):
    put_list(s3, "word\n")
    first = create(kendra_client, index_id, ClientToken="token-1")
    # The same ClientToken: the same block list, not a second one.
    assert create(kendra_client, index_id, ClientToken="token-1") == first
    with pytest.raises(ClientError) as excinfo:
        create(kendra_client, index_id)
    code, status, message = error_of(excinfo)
    assert (code, status) == ("ServiceQuotaExceededException", 400)
    assert "at most 1" in message

    kendra_client.delete_query_suggestions_block_list(IndexId=index_id, Id=first)
    assert create(kendra_client, index_id) != first


def test_list_pages_and_refuses_another_listings_token(kendra_client, s3, index_id):
    put_list(s3, "word\n")
    block_list_id = create(kendra_client, index_id)
    listed = kendra_client.list_query_suggestions_block_lists(IndexId=index_id, MaxResults=1)
    assert [item["Id"] for item in listed["BlockListSummaryItems"]] == [block_list_id]
    assert listed["BlockListSummaryItems"][0]["ItemCount"] == 1
    assert listed["BlockListSummaryItems"][0]["Status"] == "ACTIVE"
    assert "NextToken" not in listed

    other = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    put_list(s3, "word\n", key="other.txt")
    create(kendra_client, other, {"Bucket": BUCKET, "Key": "other.txt"})
    create(kendra_client, kendra_client.create_index(Name="third", RoleArn=ROLE_ARN)["Id"])
    token = kendra_client.list_indices(MaxResults=1)["NextToken"]
    with pytest.raises(ClientError) as excinfo:
        kendra_client.list_query_suggestions_block_lists(IndexId=index_id, NextToken=token)
    assert error_of(excinfo)[0] == "ValidationException"
    assert kendra_client.list_query_suggestions_block_lists(IndexId=other)["BlockListSummaryItems"]


def test_an_update_reloads_the_file_only_when_given_its_path(
    kendra_client, kendra_backend, s3, index_id
):
    put_list(s3, "alpha\n")
    block_list_id = create(kendra_client, index_id)
    put_list(s3, "alpha\nbravo\n")
    kendra_client.update_query_suggestions_block_list(
        IndexId=index_id, Id=block_list_id, Name="renamed", Description="new"
    )
    described = describe(kendra_client, index_id, block_list_id)
    assert (described["Name"], described["Description"], described["ItemCount"]) == (
        "renamed",
        "new",
        1,
    )
    assert described["UpdatedAt"] > described["CreatedAt"]
    assert phrases(kendra_backend, index_id) == ["alpha"]

    kendra_client.update_query_suggestions_block_list(
        IndexId=index_id, Id=block_list_id, SourceS3Path=PATH
    )
    assert describe(kendra_client, index_id, block_list_id)["ItemCount"] == 2
    assert phrases(kendra_backend, index_id) == ["alpha", "bravo"]


def test_statuses_move_through_the_state_manager(kendra_client, kendra_backend, s3, index_id):
    # One read a step: a Describe or List shows the status, then moves it on.
    state_manager.set_transition(MODEL, {"progression": "manual", "times": 1})
    put_list(s3, "alpha\n")
    block_list_id = create(kendra_client, index_id)
    # Not in effect until ACTIVE; can't be updated meanwhile.
    assert phrases(kendra_backend, index_id) == []
    with pytest.raises(ClientError) as excinfo:
        kendra_client.update_query_suggestions_block_list(
            IndexId=index_id, Id=block_list_id, Name="other"
        )
    code, _, message = error_of(excinfo)
    assert code == "ConflictException" and "CREATING" in message
    assert describe(kendra_client, index_id, block_list_id)["Status"] == "CREATING"
    assert phrases(kendra_backend, index_id) == ["alpha"]
    assert describe(kendra_client, index_id, block_list_id)["Status"] == "ACTIVE"

    put_list(s3, "bravo\n")
    kendra_client.update_query_suggestions_block_list(
        IndexId=index_id, Id=block_list_id, SourceS3Path=PATH
    )
    # The previous version applies until the update is done.
    assert phrases(kendra_backend, index_id) == ["alpha"]
    listed = kendra_client.list_query_suggestions_block_lists(IndexId=index_id)
    assert listed["BlockListSummaryItems"][0]["Status"] == "UPDATING"
    assert describe(kendra_client, index_id, block_list_id)["Status"] == "ACTIVE"
    assert phrases(kendra_backend, index_id) == ["bravo"]

    kendra_client.delete_query_suggestions_block_list(IndexId=index_id, Id=block_list_id)
    # The words apply until it is gone; it can't be updated; deleting again is no error.
    assert phrases(kendra_backend, index_id) == ["bravo"]
    with pytest.raises(ClientError) as excinfo:
        kendra_client.update_query_suggestions_block_list(
            IndexId=index_id, Id=block_list_id, Name="other"
        )
    assert error_of(excinfo)[0] == "ConflictException"
    kendra_client.delete_query_suggestions_block_list(IndexId=index_id, Id=block_list_id)
    assert describe(kendra_client, index_id, block_list_id)["Status"] == "DELETING"
    with pytest.raises(ClientError) as excinfo:
        describe(kendra_client, index_id, block_list_id)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    assert phrases(kendra_backend, index_id) == []


def test_a_failed_update_keeps_the_previous_version(kendra_client, kendra_backend, s3, index_id):
    put_list(s3, "alpha\n")
    block_list_id = create(kendra_client, index_id)
    missing = {"Bucket": BUCKET, "Key": "gone.txt"}
    kendra_client.update_query_suggestions_block_list(
        IndexId=index_id, Id=block_list_id, SourceS3Path=missing
    )
    described = describe(kendra_client, index_id, block_list_id)
    assert described["Status"] == "ACTIVE_BUT_UPDATE_FAILED"
    assert described["ErrorMessage"] == f"The S3 object s3://{BUCKET}/gone.txt doesn't exist."
    assert described["SourceS3Path"] == missing
    assert described["ItemCount"] == 1
    assert phrases(kendra_backend, index_id) == ["alpha"]

    # Fixing the file: ACTIVE again, the message gone.
    put_list(s3, "charlie\n", key="gone.txt")
    kendra_client.update_query_suggestions_block_list(
        IndexId=index_id, Id=block_list_id, SourceS3Path=missing
    )
    described = describe(kendra_client, index_id, block_list_id)
    assert described["Status"] == "ACTIVE" and "ErrorMessage" not in described
    assert phrases(kendra_backend, index_id) == ["charlie"]


def test_a_failed_block_list_can_be_fixed_by_an_update(kendra_client, kendra_backend, s3, index_id):
    block_list_id = create(kendra_client, index_id)
    assert describe(kendra_client, index_id, block_list_id)["Status"] == "FAILED"
    put_list(s3, "alpha\n")
    kendra_client.update_query_suggestions_block_list(
        IndexId=index_id, Id=block_list_id, SourceS3Path=PATH
    )
    assert describe(kendra_client, index_id, block_list_id)["Status"] == "ACTIVE"
    assert phrases(kendra_backend, index_id) == ["alpha"]


def test_block_lists_are_tagged_under_their_index(kendra_client, s3, index_id):
    put_list(s3, "word\n")
    block_list_id = create(kendra_client, index_id, Tags=[{"Key": "team", "Value": "search"}])
    index_arn = kendra_client.describe_index(Id=index_id)
    arn = (
        f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}"
        f"/query-suggestions-block-list/{block_list_id}"
    )
    assert index_arn["Id"] == index_id
    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "team", "Value": "search"}
    ]
    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "stage", "Value": "dev"}])
    kendra_client.untag_resource(ResourceARN=arn, TagKeys=["team"])
    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "stage", "Value": "dev"}
    ]
    kendra_client.delete_query_suggestions_block_list(IndexId=index_id, Id=block_list_id)
    with pytest.raises(ClientError) as excinfo:
        kendra_client.list_tags_for_resource(ResourceARN=arn)
    assert error_of(excinfo)[0] == "ResourceUnavailableException"


def test_tags_kendra_refuses_refuse_the_block_list(kendra_client, s3, index_id):
    with pytest.raises(ClientError) as excinfo:
        create(
            kendra_client, index_id, Tags=[{"Key": "a", "Value": "1"}, {"Key": "A", "Value": "2"}]
        )
    assert error_of(excinfo)[0] == "ValidationException"
    assert (
        kendra_client.list_query_suggestions_block_lists(IndexId=index_id)["BlockListSummaryItems"]
        == []
    )


def test_unknown_block_lists_and_indices(kendra_client, index_id):
    for call in (
        lambda: describe(kendra_client, index_id, UNKNOWN_ID),
        lambda: kendra_client.update_query_suggestions_block_list(
            IndexId=index_id, Id=UNKNOWN_ID, Name="x"
        ),
        lambda: kendra_client.delete_query_suggestions_block_list(IndexId=index_id, Id=UNKNOWN_ID),
        lambda: kendra_client.list_query_suggestions_block_lists(IndexId=UNKNOWN_ID),
        lambda: create(kendra_client, UNKNOWN_ID),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        code, status, message = error_of(excinfo)
        assert (code, status) == ("ResourceNotFoundException", 400)
        assert UNKNOWN_ID in message


def test_an_index_being_deleted_takes_no_block_list_changes(kendra_client, s3, index_id):
    put_list(s3, "word\n")
    block_list_id = create(kendra_client, index_id)
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 5})
    kendra_client.delete_index(Id=index_id)
    for call in (
        lambda: create(kendra_client, index_id),
        lambda: kendra_client.update_query_suggestions_block_list(
            IndexId=index_id, Id=block_list_id, Name="x"
        ),
        lambda: kendra_client.delete_query_suggestions_block_list(
            IndexId=index_id, Id=block_list_id
        ),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo)[0] == "ConflictException"
    assert describe(kendra_client, index_id, block_list_id)["Status"] == "ACTIVE"


def test_list_pages_through_many_block_lists(kendra_client, s3, index_id, monkeypatch):
    # Kendra allows one block list per index; with a higher quota the pages show.
    monkeypatch.setattr(block_lists, "MAX_BLOCK_LISTS", 3)
    put_list(s3, "word\n")
    created = [create(kendra_client, index_id) for _ in range(3)]
    first = kendra_client.list_query_suggestions_block_lists(IndexId=index_id, MaxResults=2)
    second = kendra_client.list_query_suggestions_block_lists(
        IndexId=index_id, MaxResults=2, NextToken=first["NextToken"]
    )
    assert "NextToken" not in second
    listed = first["BlockListSummaryItems"] + second["BlockListSummaryItems"]
    assert [item["Id"] for item in listed] == created
