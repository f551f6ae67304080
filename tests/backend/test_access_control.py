"""Access control configurations through boto3, and the ACL a document has when it
names one (``access_control.effective_acl``): API_*AccessControlConfiguration.md,
API_Document.md, user-context-filter.md."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend.access_control import effective_acl
from moto_kendra.backend.visibility import Principals, allowed
from tests.conftest import ROLE_ARN
from tests.connectors.test_s3 import run_sync
from tests.kendra_calls import UNKNOWN_ID, error_of

ALLOW_ALICE = [{"Name": "alice", "Type": "USER", "Access": "ALLOW"}]
DENY_ALICE = [{"Name": "alice", "Type": "USER", "Access": "DENY"}]
HIERARCHY = [
    {"PrincipalList": [{"Name": "Engineering", "Type": "GROUP", "Access": "ALLOW"}]},
    {"PrincipalList": [{"Name": "bob", "Type": "USER", "Access": "DENY"}]},
]


def create(client, index_id: str, **extra) -> str:
    params = {"IndexId": index_id, "Name": "top-secret", **extra}
    return str(client.create_access_control_configuration(**params)["Id"])


def content_of(backend, index_id: str, doc_id: str):
    return backend.indices[index_id].documents[doc_id].content


def test_create_then_describe_shows_what_was_given(kendra_client, index_id):
    config_id = create(
        kendra_client,
        index_id,
        Description="Who sees the top-secret documents",
        AccessControlList=ALLOW_ALICE,
        HierarchicalAccessControlList=HIERARCHY,
    )
    described = kendra_client.describe_access_control_configuration(IndexId=index_id, Id=config_id)
    described.pop("ResponseMetadata")
    assert described == {
        "Name": "top-secret",
        "Description": "Who sees the top-secret documents",
        "AccessControlList": ALLOW_ALICE,
        "HierarchicalAccessControlList": HIERARCHY,
    }
    assert len(config_id) == 36


def test_a_configuration_with_no_lists_is_valid_and_describes_empty(kendra_client, index_id):
    config_id = create(kendra_client, index_id)
    described = kendra_client.describe_access_control_configuration(IndexId=index_id, Id=config_id)
    assert described["Name"] == "top-secret"
    assert described["AccessControlList"] == []
    assert "HierarchicalAccessControlList" not in described
    assert "ErrorMessage" not in described


def test_the_same_client_token_creates_one_configuration(kendra_client, index_id):
    first = create(kendra_client, index_id, ClientToken="token-1")
    again = create(kendra_client, index_id, ClientToken="token-1", AccessControlList=DENY_ALICE)
    other = create(kendra_client, index_id, ClientToken="token-2")
    assert first == again != other
    listed = kendra_client.list_access_control_configurations(IndexId=index_id)
    assert [item["Id"] for item in listed["AccessControlConfigurations"]] == [first, other]
    described = kendra_client.describe_access_control_configuration(IndexId=index_id, Id=first)
    assert described["AccessControlList"] == []  # the first request's, not the retry's


def test_names_need_not_be_unique(kendra_client, index_id):
    assert create(kendra_client, index_id) != create(kendra_client, index_id)


def test_list_pages_through_the_configurations_of_its_index(kendra_client, index_id):
    ids = [create(kendra_client, index_id, Name=f"config-{n}") for n in range(5)]
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    create(kendra_client, other_index)
    seen: list[str] = []
    token = None
    while True:
        params = {"IndexId": index_id, "MaxResults": 2}
        if token:
            params["NextToken"] = token
        page = kendra_client.list_access_control_configurations(**params)
        seen += [item["Id"] for item in page["AccessControlConfigurations"]]
        token = page.get("NextToken")
        if token is None:
            break
    assert seen == ids
    first = kendra_client.list_access_control_configurations(IndexId=index_id, MaxResults=2)
    with pytest.raises(ClientError) as excinfo:
        kendra_client.list_access_control_configurations(
            IndexId=other_index, NextToken=first["NextToken"]
        )
    assert error_of(excinfo)[:2] == ("ValidationException", 400)


def test_an_empty_index_lists_none(kendra_client, index_id):
    listed = kendra_client.list_access_control_configurations(IndexId=index_id)
    assert listed["AccessControlConfigurations"] == []
    assert "NextToken" not in listed


@pytest.mark.parametrize(
    "call",
    [
        lambda client, index_id: client.describe_access_control_configuration(
            IndexId=index_id, Id="missing"
        ),
        lambda client, index_id: client.update_access_control_configuration(
            IndexId=index_id, Id="missing", Name="x"
        ),
        lambda client, index_id: client.delete_access_control_configuration(
            IndexId=index_id, Id="missing"
        ),
    ],
    ids=["describe", "update", "delete"],
)
def test_an_unknown_configuration_is_not_found(kendra_client, index_id, call):
    with pytest.raises(ClientError) as excinfo:
        call(kendra_client, index_id)
    code, status, message = error_of(excinfo)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert "missing" in message and index_id in message


def test_an_unknown_index_is_not_found(kendra_client):
    for call in (
        lambda: kendra_client.create_access_control_configuration(IndexId=UNKNOWN_ID, Name="n"),
        lambda: kendra_client.list_access_control_configurations(IndexId=UNKNOWN_ID),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo)[:2] == ("ResourceNotFoundException", 400)


def test_update_replaces_what_it_names_and_keeps_the_rest(kendra_client, index_id):
    config_id = create(
        kendra_client,
        index_id,
        Description="before",
        AccessControlList=ALLOW_ALICE,
        HierarchicalAccessControlList=HIERARCHY,
    )
    kendra_client.update_access_control_configuration(
        IndexId=index_id, Id=config_id, Name="renamed", AccessControlList=DENY_ALICE
    )
    described = kendra_client.describe_access_control_configuration(IndexId=index_id, Id=config_id)
    assert described["Name"] == "renamed"
    assert described["Description"] == "before"
    assert described["AccessControlList"] == DENY_ALICE
    assert described["HierarchicalAccessControlList"] == HIERARCHY
    kendra_client.update_access_control_configuration(
        IndexId=index_id, Id=config_id, AccessControlList=[], Description=""
    )
    described = kendra_client.describe_access_control_configuration(IndexId=index_id, Id=config_id)
    assert described["AccessControlList"] == []
    assert described["Description"] == ""


def test_more_than_200_principals_in_a_list_are_refused(kendra_client, index_id):
    many = [{"Name": f"user-{n}", "Type": "USER", "Access": "ALLOW"} for n in range(201)]
    with pytest.raises(ClientError) as excinfo:
        create(kendra_client, index_id, AccessControlList=many)
    code, status, message = error_of(excinfo)
    assert (code, status) == ("ValidationException", 400)
    assert "AccessControlList has 201 principals" in message
    config_id = create(kendra_client, index_id, AccessControlList=many[:200])
    with pytest.raises(ClientError) as excinfo:
        kendra_client.update_access_control_configuration(
            IndexId=index_id,
            Id=config_id,
            HierarchicalAccessControlList=[{"PrincipalList": ALLOW_ALICE}, {"PrincipalList": many}],
        )
    code, _, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "HierarchicalAccessControlList[2].PrincipalList has 201" in message
    described = kendra_client.describe_access_control_configuration(IndexId=index_id, Id=config_id)
    assert len(described["AccessControlList"]) == 200
    assert "HierarchicalAccessControlList" not in described


def test_a_gen_ai_enterprise_index_refuses_access_control_configurations(kendra_client):
    index_id = kendra_client.create_index(
        Name="genai", RoleArn=ROLE_ARN, Edition="GEN_AI_ENTERPRISE_EDITION"
    )["Id"]
    with pytest.raises(ClientError) as excinfo:
        create(kendra_client, index_id)
    code, _, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "GEN_AI_ENTERPRISE_EDITION" in message


def test_an_index_being_deleted_takes_no_change(kendra_client, index_id):
    config_id = create(kendra_client, index_id)
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 5})
    kendra_client.delete_index(Id=index_id)
    for call in (
        lambda: create(kendra_client, index_id),
        lambda: kendra_client.update_access_control_configuration(
            IndexId=index_id, Id=config_id, Name="x"
        ),
        lambda: kendra_client.delete_access_control_configuration(IndexId=index_id, Id=config_id),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo)[:2] == ("ConflictException", 400)
    # Reads still answer while the index is DELETING.
    described = kendra_client.describe_access_control_configuration(IndexId=index_id, Id=config_id)
    assert described["Name"] == "top-secret"


def test_error_message_names_data_sources_the_index_does_not_have(
    kendra_client, index_id, custom_source
):
    config_id = create(
        kendra_client,
        index_id,
        AccessControlList=[
            {"Name": "alice", "Type": "USER", "Access": "ALLOW", "DataSourceId": custom_source},
            {"Name": "bob", "Type": "USER", "Access": "ALLOW", "DataSourceId": "gone-source"},
        ],
    )
    described = kendra_client.describe_access_control_configuration(IndexId=index_id, Id=config_id)
    assert "gone-source" in described["ErrorMessage"]
    assert custom_source not in described["ErrorMessage"]


# -- documents that name a configuration -------------------------------------------


def test_a_document_naming_a_configuration_takes_its_lists(kendra_client, kendra_backend, index_id):
    config_id = create(
        kendra_client,
        index_id,
        AccessControlList=ALLOW_ALICE,
        HierarchicalAccessControlList=HIERARCHY,
    )
    own = [{"Name": "everyone", "Type": "GROUP", "Access": "ALLOW"}]
    response = kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {
                "Id": "secret",
                "Blob": b"x",
                "AccessControlConfigurationId": config_id,
                "AccessControlList": own,
            },
            {"Id": "plain", "Blob": b"x", "AccessControlList": own},
        ],
    )
    assert response["FailedDocuments"] == []
    index = kendra_backend.indices[index_id]
    secret = content_of(kendra_backend, index_id, "secret")
    assert secret.access_control_configuration_id == config_id
    assert secret.access_control_list == own  # kept, but not the one in force
    assert effective_acl(index, secret) == (ALLOW_ALICE, HIERARCHY)
    plain = content_of(kendra_backend, index_id, "plain")
    assert plain.access_control_configuration_id is None
    assert effective_acl(index, plain) == (own, [])


def test_updating_a_configuration_re_configures_its_documents_without_reindexing(
    kendra_client, kendra_backend, index_id
):
    config_id = create(kendra_client, index_id, AccessControlList=ALLOW_ALICE)
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[{"Id": "secret", "Blob": b"x", "AccessControlConfigurationId": config_id}],
    )
    index = kendra_backend.indices[index_id]
    content = content_of(kendra_backend, index_id, "secret")
    alice = Principals("alice")
    assert allowed(*effective_acl(index, content), alice, None)
    kendra_client.update_access_control_configuration(
        IndexId=index_id, Id=config_id, AccessControlList=DENY_ALICE
    )
    assert content_of(kendra_backend, index_id, "secret") is content  # not indexed again
    assert effective_acl(index, content) == (DENY_ALICE, [])
    assert not allowed(*effective_acl(index, content), alice, None)


def test_a_document_naming_an_unknown_configuration_fails_alone(kendra_client, index_id):
    response = kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {"Id": "bad", "Blob": b"x", "AccessControlConfigurationId": "no-such-config"},
            {"Id": "good", "Blob": b"x"},
        ],
    )
    (failed,) = response["FailedDocuments"]
    assert failed["Id"] == "bad" and failed["ErrorCode"] == "InvalidRequest"
    assert "no-such-config" in failed["ErrorMessage"]
    statuses = kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": "bad"}, {"DocumentId": "good"}]
    )["DocumentStatusList"]
    assert [status["DocumentStatus"] for status in statuses] == ["NOT_FOUND", "PROCESSING"]


def test_a_configuration_of_another_index_is_unknown(kendra_client, index_id):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    config_id = create(kendra_client, other_index)
    response = kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[{"Id": "doc", "Blob": b"x", "AccessControlConfigurationId": config_id}],
    )
    assert [failed["Id"] for failed in response["FailedDocuments"]] == ["doc"]


def test_a_configuration_named_by_documents_cannot_be_deleted(kendra_client, index_id):
    config_id = create(kendra_client, index_id)
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[{"Id": "secret", "Blob": b"x", "AccessControlConfigurationId": config_id}],
    )
    with pytest.raises(ClientError) as excinfo:
        kendra_client.delete_access_control_configuration(IndexId=index_id, Id=config_id)
    code, status, message = error_of(excinfo)
    assert (code, status) == ("ConflictException", 400)
    assert "secret" in message
    kendra_client.batch_delete_document(IndexId=index_id, DocumentIdList=["secret"])
    kendra_client.delete_access_control_configuration(IndexId=index_id, Id=config_id)
    with pytest.raises(ClientError) as excinfo:
        kendra_client.describe_access_control_configuration(IndexId=index_id, Id=config_id)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    listed = kendra_client.list_access_control_configurations(IndexId=index_id)
    assert listed["AccessControlConfigurations"] == []


def test_a_replaced_document_frees_the_configuration_once_indexed(kendra_client, index_id):
    config_id = create(kendra_client, index_id)
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[{"Id": "doc", "Blob": b"x", "AccessControlConfigurationId": config_id}],
    )
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    kendra_client.batch_put_document(IndexId=index_id, Documents=[{"Id": "doc", "Blob": b"y"}])
    kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": "doc"}]
    )
    kendra_client.delete_access_control_configuration(IndexId=index_id, Id=config_id)


# -- S3 documents: AccessControlConfigurationId in .metadata.json --------------------


@pytest.fixture
def s3(kendra_client):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="docs-bucket")
    return client


def test_an_s3_metadata_file_names_a_configuration(
    kendra_client, kendra_backend, index_id, s3_source, s3
):
    config_id = create(kendra_client, index_id, AccessControlList=ALLOW_ALICE)
    s3.put_object(Bucket="docs-bucket", Key="secret.txt", Body=b"top secret")
    s3.put_object(
        Bucket="docs-bucket",
        Key="secret.txt.metadata.json",
        Body=json.dumps({"AccessControlConfigurationId": config_id}).encode(),
    )
    assert run_sync(kendra_client, index_id, s3_source)["Status"] == "SUCCEEDED"
    index = kendra_backend.indices[index_id]
    content = content_of(kendra_backend, index_id, "s3://docs-bucket/secret.txt")
    assert content.access_control_configuration_id == config_id
    assert effective_acl(index, content) == (ALLOW_ALICE, [])


def test_an_s3_metadata_file_naming_an_unknown_configuration_fails_its_document(
    kendra_client, index_id, s3_source, s3
):
    s3.put_object(Bucket="docs-bucket", Key="secret.txt", Body=b"top secret")
    s3.put_object(
        Bucket="docs-bucket",
        Key="secret.txt.metadata.json",
        Body=json.dumps({"AccessControlConfigurationId": "no-such-config"}).encode(),
    )
    job = run_sync(kendra_client, index_id, s3_source)
    assert job["Status"] == "INCOMPLETE"
    assert job["Metrics"]["DocumentsFailed"] == "1"
    (status,) = kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": "s3://docs-bucket/secret.txt"}]
    )["DocumentStatusList"]
    assert status["DocumentStatus"] == "FAILED"
    assert status["FailureReason"].startswith(
        "Found invalid Metadata file s3://docs-bucket/secret.txt.metadata.json."
    )
    assert "no-such-config" in status["FailureReason"]


def test_an_s3_metadata_file_with_a_malformed_configuration_id_fails_its_document(
    kendra_client, index_id, s3_source, s3
):
    s3.put_object(Bucket="docs-bucket", Key="secret.txt", Body=b"top secret")
    s3.put_object(
        Bucket="docs-bucket",
        Key="secret.txt.metadata.json",
        Body=json.dumps({"AccessControlConfigurationId": "not valid!"}).encode(),
    )
    assert run_sync(kendra_client, index_id, s3_source)["Status"] == "INCOMPLETE"
    (status,) = kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": "s3://docs-bucket/secret.txt"}]
    )["DocumentStatusList"]
    assert "AccessControlConfigurationId" in status["FailureReason"]
