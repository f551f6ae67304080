"""CreateIndex, DescribeIndex, ListIndices, UpdateIndex and DeleteIndex through boto3."""

from __future__ import annotations

import re
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of, start


def custom_document(doc_id: str, body: bytes = b"hello") -> dict:
    return {"Id": doc_id, "Blob": body, "ContentType": "PLAIN_TEXT"}


# -- CreateIndex ----------------------------------------------------------------


def test_create_index_returns_a_uuid_and_the_index_is_described(kendra_client):
    index_id = kendra_client.create_index(
        Name="handbook", RoleArn=ROLE_ARN, Description="the staff handbook"
    )["Id"]

    assert str(uuid.UUID(index_id)) == index_id
    index = kendra_client.describe_index(Id=index_id)
    assert index["Id"] == index_id
    assert index["Name"] == "handbook"
    assert index["RoleArn"] == ROLE_ARN
    assert index["Description"] == "the staff handbook"
    assert index["Status"] == "ACTIVE"
    assert index["CreatedAt"] == index["UpdatedAt"]


def test_index_arn_has_the_kendra_form(kendra_client, index_id):
    region = kendra_client.meta.region_name
    arn = f"arn:aws:kendra:{region}:123456789012:index/{index_id}"

    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "team", "Value": "docs"}])

    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "team", "Value": "docs"}
    ]


def test_index_arn_with_another_region_is_not_this_index(kendra_client, index_id):
    arn = f"arn:aws:kendra:eu-west-3:123456789012:index/{index_id}"

    with pytest.raises(ClientError) as err:
        kendra_client.list_tags_for_resource(ResourceARN=arn)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceUnavailableException", 400)
    assert arn in message


def test_same_client_token_returns_the_same_index(kendra_client):
    first = kendra_client.create_index(Name="a", RoleArn=ROLE_ARN, ClientToken="token-1")["Id"]
    again = kendra_client.create_index(Name="a", RoleArn=ROLE_ARN, ClientToken="token-1")["Id"]
    other = kendra_client.create_index(Name="a", RoleArn=ROLE_ARN, ClientToken="token-2")["Id"]

    assert again == first
    assert other != first
    listed = kendra_client.list_indices()["IndexConfigurationSummaryItems"]
    assert sorted(item["Id"] for item in listed) == sorted([first, other])


def test_without_a_client_token_every_create_makes_a_new_index(kendra_client):
    first = kendra_client.create_index(Name="same", RoleArn=ROLE_ARN)["Id"]
    second = kendra_client.create_index(Name="same", RoleArn=ROLE_ARN)["Id"]

    assert first != second
    assert len(kendra_client.list_indices()["IndexConfigurationSummaryItems"]) == 2


def test_edition_defaults_to_enterprise_with_zero_capacity_units(kendra_client, index_id):
    index = kendra_client.describe_index(Id=index_id)

    assert index["Edition"] == "ENTERPRISE_EDITION"
    assert index["CapacityUnits"] == {"StorageCapacityUnits": 0, "QueryCapacityUnits": 0}


def test_developer_edition_has_no_capacity_units(kendra_client):
    index_id = kendra_client.create_index(
        Name="dev", RoleArn=ROLE_ARN, Edition="DEVELOPER_EDITION"
    )["Id"]

    index = kendra_client.describe_index(Id=index_id)

    assert index["Edition"] == "DEVELOPER_EDITION"
    assert "CapacityUnits" not in index


def test_create_index_with_an_unknown_edition_is_a_validation_error(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.create_index(Name="x", RoleArn=ROLE_ARN, Edition="GOLD_EDITION")

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "Value 'GOLD_EDITION' at 'edition' failed to satisfy constraint" in message
    assert "Member must satisfy enum value set" in message


def test_create_index_with_tags_tags_the_index(kendra_client):
    index_id = kendra_client.create_index(
        Name="tagged", RoleArn=ROLE_ARN, Tags=[{"Key": "env", "Value": "test"}]
    )["Id"]
    region = kendra_client.meta.region_name
    arn = f"arn:aws:kendra:{region}:123456789012:index/{index_id}"

    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "env", "Value": "test"}
    ]


# -- DescribeIndex ----------------------------------------------------------------


def test_describe_unknown_index_is_not_found(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.describe_index(Id=UNKNOWN_ID)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message
    assert "doesn't exist" in message


def test_describe_index_with_a_malformed_id_is_a_validation_error(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.describe_index(Id="x" * 37)

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "at 'id' failed to satisfy constraint" in message
    assert "Member must have length less than or equal to 36" in message


# -- index statistics ----------------------------------------------------------------


def _text_statistics(kendra_client, index_id):
    stats = kendra_client.describe_index(Id=index_id)["IndexStatistics"]
    return stats["TextDocumentStatistics"]


def test_new_index_has_empty_statistics(kendra_client, index_id):
    stats = kendra_client.describe_index(Id=index_id)["IndexStatistics"]

    assert stats == {
        "FaqStatistics": {"IndexedQuestionAnswersCount": 0},
        "TextDocumentStatistics": {"IndexedTextDocumentsCount": 0, "IndexedTextBytes": 0},
    }


def test_index_statistics_follow_documents_put_and_deleted(kendra_client, index_id):
    # Indexing is asynchronous; here each document reaches its outcome at once.
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[custom_document("a", b"hello"), custom_document("b", b"0123456789")],
    )
    assert _text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 2,
        "IndexedTextBytes": 15,
    }

    kendra_client.batch_put_document(
        IndexId=index_id, Documents=[custom_document("a", b"hello world!")]
    )
    assert _text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 2,
        "IndexedTextBytes": 22,
    }

    kendra_client.batch_delete_document(IndexId=index_id, DocumentIdList=["b"])
    assert _text_statistics(kendra_client, index_id) == {
        "IndexedTextDocumentsCount": 1,
        "IndexedTextBytes": 12,
    }


def test_failed_documents_do_not_count_in_statistics(kendra_client, index_id):
    result = kendra_client.batch_put_document(IndexId=index_id, Documents=[{"Id": "no-content"}])

    assert [doc["Id"] for doc in result["FailedDocuments"]] == ["no-content"]
    assert _text_statistics(kendra_client, index_id)["IndexedTextDocumentsCount"] == 0


# -- ListIndices ----------------------------------------------------------------


def test_list_indices_summarises_each_index(kendra_client):
    index_id = kendra_client.create_index(
        Name="listed", RoleArn=ROLE_ARN, Edition="DEVELOPER_EDITION"
    )["Id"]

    (item,) = kendra_client.list_indices()["IndexConfigurationSummaryItems"]

    assert item["Id"] == index_id
    assert item["Name"] == "listed"
    assert item["Edition"] == "DEVELOPER_EDITION"
    assert item["Status"] == "ACTIVE"
    assert set(item) == {"Id", "Name", "Edition", "CreatedAt", "UpdatedAt", "Status"}


def test_list_indices_of_an_empty_account_is_empty(kendra_client):
    result = kendra_client.list_indices()

    assert result["IndexConfigurationSummaryItems"] == []
    assert "NextToken" not in result


def test_list_indices_pages_with_max_results_and_next_token(kendra_client):
    created = [
        kendra_client.create_index(Name=f"index-{n}", RoleArn=ROLE_ARN)["Id"] for n in range(5)
    ]

    seen: list[str] = []
    pages = []
    kwargs = {"MaxResults": 2}
    while True:
        page = kendra_client.list_indices(**kwargs)
        pages.append(len(page["IndexConfigurationSummaryItems"]))
        seen.extend(item["Id"] for item in page["IndexConfigurationSummaryItems"])
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]

    assert pages == [2, 2, 1]
    assert seen == created


def test_list_indices_max_results_above_100_is_a_validation_error(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.list_indices(MaxResults=101)

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert message == (
        "1 validation error detected: Value '101' at 'maxResults' failed to satisfy "
        "constraint: Member must have value less than or equal to 100"
    )


def test_a_next_token_of_another_listing_is_a_validation_error(
    kendra_client, index_id, custom_source
):
    kendra_client.create_data_source(IndexId=index_id, Name="second", Type="CUSTOM")
    foreign = kendra_client.list_data_sources(IndexId=index_id, MaxResults=1)["NextToken"]

    with pytest.raises(ClientError) as err:
        kendra_client.list_indices(NextToken=foreign)

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "NextToken" in message


def test_an_invented_next_token_is_a_validation_error(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.list_indices(NextToken="not-a-token-we-issued")

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "NextToken is invalid" in message


# -- UpdateIndex ----------------------------------------------------------------


def test_update_index_changes_name_description_and_capacity(kendra_client, index_id):
    kendra_client.update_index(
        Id=index_id,
        Name="renamed",
        Description="new words",
        CapacityUnits={"StorageCapacityUnits": 2, "QueryCapacityUnits": 3},
    )

    index = kendra_client.describe_index(Id=index_id)
    assert index["Name"] == "renamed"
    assert index["Description"] == "new words"
    assert index["CapacityUnits"] == {"StorageCapacityUnits": 2, "QueryCapacityUnits": 3}
    assert index["UpdatedAt"] >= index["CreatedAt"]
    assert index["Edition"] == "ENTERPRISE_EDITION"
    listed = kendra_client.list_indices()["IndexConfigurationSummaryItems"]
    assert [item["Name"] for item in listed] == ["renamed"]


def test_update_keeps_settings_not_given(kendra_client, index_id):
    kendra_client.update_index(Id=index_id, Description="only this")

    index = kendra_client.describe_index(Id=index_id)
    assert index["Name"] == "docs"
    assert index["RoleArn"] == ROLE_ARN
    assert index["Description"] == "only this"


def test_developer_edition_rejects_capacity_units_on_update(kendra_client):
    index_id = kendra_client.create_index(
        Name="dev", RoleArn=ROLE_ARN, Edition="DEVELOPER_EDITION"
    )["Id"]

    with pytest.raises(ClientError) as err:
        kendra_client.update_index(
            Id=index_id,
            CapacityUnits={"StorageCapacityUnits": 1, "QueryCapacityUnits": 1},
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "CapacityUnits" in message
    assert "DEVELOPER_EDITION" in message
    assert "CapacityUnits" not in kendra_client.describe_index(Id=index_id)


def test_update_index_document_metadata_configurations(kendra_client, index_id):
    kendra_client.update_index(
        Id=index_id,
        DocumentMetadataConfigurationUpdates=[{"Name": "department", "Type": "STRING_VALUE"}],
    )

    configs = kendra_client.describe_index(Id=index_id)["DocumentMetadataConfigurations"]
    # After Kendra's built-in fields (tests/backend/test_index_fields.py).
    assert configs[-1] == {"Name": "department", "Type": "STRING_VALUE"}
    assert [config["Name"] for config in configs].count("department") == 1


@pytest.mark.parametrize("units", [0, 1, 100])
def test_capacity_units_up_to_100_of_each_are_accepted(kendra_client, index_id, units):
    kendra_client.update_index(
        Id=index_id, CapacityUnits={"StorageCapacityUnits": units, "QueryCapacityUnits": units}
    )

    assert kendra_client.describe_index(Id=index_id)["CapacityUnits"] == {
        "StorageCapacityUnits": units,
        "QueryCapacityUnits": units,
    }


@pytest.mark.parametrize(
    ("storage", "query", "named"),
    [(101, 0, "StorageCapacityUnits 101"), (0, 250, "QueryCapacityUnits 250")],
)
def test_more_than_100_capacity_units_exceed_the_quota(
    kendra_client, index_id, storage, query, named
):
    # API_CapacityUnitsConfiguration.md: "You can add up to 100 extra capacity units"
    # (quotas.md: an adjustable quota, hence ServiceQuotaExceededException).
    with pytest.raises(ClientError) as err:
        kendra_client.update_index(
            Id=index_id,
            CapacityUnits={"StorageCapacityUnits": storage, "QueryCapacityUnits": query},
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ServiceQuotaExceededException", 400)
    assert named in message and "100" in message
    assert kendra_client.describe_index(Id=index_id)["CapacityUnits"] == {
        "StorageCapacityUnits": 0,
        "QueryCapacityUnits": 0,
    }


def test_negative_capacity_units_are_a_validation_error(kendra_client, index_id):
    client = boto3.client(
        "kendra",
        region_name=kendra_client.meta.region_name,
        config=Config(parameter_validation=False),
    )
    with pytest.raises(ClientError) as err:
        client.update_index(
            Id=index_id, CapacityUnits={"StorageCapacityUnits": -1, "QueryCapacityUnits": 0}
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "Member must have value greater than or equal to 0" in message


def test_update_unknown_index_is_not_found(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.update_index(Id=UNKNOWN_ID, Name="x")

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


# -- DeleteIndex ----------------------------------------------------------------


def test_delete_index_removes_it(kendra_client, index_id):
    kendra_client.delete_index(Id=index_id)

    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
    with pytest.raises(ClientError) as err:
        kendra_client.describe_index(Id=index_id)
    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert index_id in message


def test_delete_index_leaves_other_indices(kendra_client, index_id):
    other = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]

    kendra_client.delete_index(Id=index_id)

    listed = kendra_client.list_indices()["IndexConfigurationSummaryItems"]
    assert [item["Id"] for item in listed] == [other]


def test_delete_unknown_index_is_not_found(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.delete_index(Id=UNKNOWN_ID)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


def test_delete_index_removes_data_sources_jobs_and_documents(
    kendra_client, index_id, custom_source
):
    execution_id = kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)[
        "ExecutionId"
    ]
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {
                **custom_document("doc-1"),
                "Attributes": [
                    {"Key": "_data_source_id", "Value": {"StringValue": custom_source}},
                    {
                        "Key": "_data_source_sync_job_execution_id",
                        "Value": {"StringValue": execution_id},
                    },
                ],
            }
        ],
    )
    region = kendra_client.meta.region_name
    source_arn = (
        f"arn:aws:kendra:{region}:123456789012:index/{index_id}/data-source/{custom_source}"
    )
    kendra_client.tag_resource(ResourceARN=source_arn, Tags=[{"Key": "k", "Value": "v"}])

    kendra_client.delete_index(Id=index_id)

    calls = [
        lambda: kendra_client.describe_data_source(Id=custom_source, IndexId=index_id),
        lambda: kendra_client.list_data_sources(IndexId=index_id),
        lambda: kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id),
        lambda: kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id),
        lambda: kendra_client.batch_get_document_status(
            IndexId=index_id, DocumentInfoList=[{"DocumentId": "doc-1"}]
        ),
        lambda: kendra_client.batch_put_document(
            IndexId=index_id, Documents=[custom_document("doc-2")]
        ),
        lambda: kendra_client.batch_delete_document(IndexId=index_id, DocumentIdList=["doc-1"]),
    ]
    for call in calls:
        with pytest.raises(ClientError) as err:
            call()
        code, status, message = error_of(err)
        assert (code, status) == ("ResourceNotFoundException", 400)
        assert index_id in message
    with pytest.raises(ClientError) as err:
        kendra_client.list_tags_for_resource(ResourceARN=source_arn)
    assert error_of(err)[0] == "ResourceUnavailableException"


def test_a_recreated_index_starts_empty(kendra_client, index_id, custom_source):
    kendra_client.batch_put_document(IndexId=index_id, Documents=[custom_document("doc-1")])
    kendra_client.delete_index(Id=index_id)

    new_id = kendra_client.create_index(Name="docs", RoleArn=ROLE_ARN)["Id"]

    assert new_id != index_id
    assert kendra_client.list_data_sources(IndexId=new_id)["SummaryItems"] == []
    status = kendra_client.batch_get_document_status(
        IndexId=new_id, DocumentInfoList=[{"DocumentId": "doc-1"}]
    )["DocumentStatusList"]
    assert status == [{"DocumentId": "doc-1", "DocumentStatus": "NOT_FOUND"}]
    stats = kendra_client.describe_index(Id=new_id)["IndexStatistics"]
    assert stats["TextDocumentStatistics"]["IndexedTextDocumentsCount"] == 0


def test_index_ids_match_the_model_pattern(kendra_client, index_id):
    assert re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9-]{35}", index_id)


def test_a_resource_family_keeps_its_state_per_index_in_a_store(kendra_client, kendra_backend):
    """``Index.store``: one instance per index and kind, dropped with the index, and its
    ``index_statistics()`` shows in DescribeIndex."""

    class Counted:
        def __init__(self, index):
            self.index = index
            self.answers = 0

        def index_statistics(self):
            return {"FaqStatistics": {"IndexedQuestionAnswersCount": self.answers}}

    first = kendra_client.create_index(Name="one", RoleArn=ROLE_ARN)["Id"]
    second = kendra_client.create_index(Name="two", RoleArn=ROLE_ARN)["Id"]
    store = kendra_backend.indices[first].store(Counted)
    store.answers = 3

    assert kendra_backend.indices[first].store(Counted) is store
    assert kendra_backend.indices[second].store(Counted) is not store
    described = kendra_client.describe_index(Id=first)["IndexStatistics"]["FaqStatistics"]
    other = kendra_client.describe_index(Id=second)["IndexStatistics"]["FaqStatistics"]
    assert described == {"IndexedQuestionAnswersCount": 3}
    assert other == {"IndexedQuestionAnswersCount": 0}


# -- DELETING -------------------------------------------------------------------------


@pytest.fixture
def slow_index_model(kendra_client, index_id):
    """One read per step for indices, so DELETING can be seen (the default moves at
    once: a deleted index is gone at the next call, as a created one is ACTIVE)."""
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 1})
    statuses = [kendra_client.describe_index(Id=index_id)["Status"] for _ in range(2)]
    assert statuses == ["CREATING", "ACTIVE"]


def test_a_deleted_index_is_deleting_then_gone(kendra_client, index_id, slow_index_model):
    kendra_client.delete_index(Id=index_id)

    assert kendra_client.describe_index(Id=index_id)["Status"] == "DELETING"
    with pytest.raises(ClientError) as err:
        kendra_client.describe_index(Id=index_id)
    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert index_id in message


def test_list_indices_shows_an_index_deleting(kendra_client, index_id, slow_index_model):
    kendra_client.delete_index(Id=index_id)

    (item,) = kendra_client.list_indices()["IndexConfigurationSummaryItems"]
    assert (item["Id"], item["Status"]) == (index_id, "DELETING")
    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []


def test_a_second_delete_index_while_deleting_succeeds(kendra_client, index_id, slow_index_model):
    # API_DeleteIndex.md: "An exception is not thrown if the index is already being deleted."
    kendra_client.delete_index(Id=index_id)

    kendra_client.delete_index(Id=index_id)

    assert kendra_client.describe_index(Id=index_id)["Status"] == "DELETING"


def test_what_an_index_deleting_answers(kendra_client, index_id, custom_source, slow_index_model):
    execution_id = start(kendra_client, index_id, custom_source)
    kendra_client.delete_index(Id=index_id)

    conflicts = {
        "UpdateIndex": lambda: kendra_client.update_index(Id=index_id, Description="x"),
        "CreateDataSource": lambda: kendra_client.create_data_source(
            IndexId=index_id, Name="new", Type="CUSTOM"
        ),
        "UpdateDataSource": lambda: kendra_client.update_data_source(
            Id=custom_source, IndexId=index_id, Description="x"
        ),
        "DeleteDataSource": lambda: kendra_client.delete_data_source(
            Id=custom_source, IndexId=index_id
        ),
        "StartDataSourceSyncJob": lambda: kendra_client.start_data_source_sync_job(
            Id=custom_source, IndexId=index_id
        ),
        "BatchPutDocument": lambda: kendra_client.batch_put_document(
            IndexId=index_id, Documents=[custom_document("a")]
        ),
        "BatchDeleteDocument": lambda: kendra_client.batch_delete_document(
            IndexId=index_id, DocumentIdList=["a"]
        ),
    }
    for name, call in conflicts.items():
        with pytest.raises(ClientError) as err:
            call()
        code, status, message = error_of(err)
        assert (code, status) == ("ConflictException", 400), name
        assert index_id in message and "DELETING" in message, name
    # Reads still answer, Stop has nothing left to stop (its job was stopped).
    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    (job,) = kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)["History"]
    assert (job["ExecutionId"], job["Status"]) == (execution_id, "SYNCING_INDEXING")
    assert kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": "a"}]
    )["DocumentStatusList"] == [{"DocumentId": "a", "DocumentStatus": "NOT_FOUND"}]
    arn = f"arn:aws:kendra:{kendra_client.meta.region_name}:123456789012:index/{index_id}"
    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == []
    with pytest.raises(ClientError) as err:
        kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert error_of(err)[:2] == ("ResourceUnavailableException", 400)
