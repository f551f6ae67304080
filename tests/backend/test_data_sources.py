"""CreateDataSource, DescribeDataSource, ListDataSources, UpdateDataSource and
DeleteDataSource through boto3."""

from __future__ import annotations

import uuid

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of, start

S3_CONFIGURATION = {"S3Configuration": {"BucketName": "docs-bucket"}}
WEB_CONFIGURATION = {
    "WebCrawlerConfiguration": {
        "Urls": {"SeedUrlConfiguration": {"SeedUrls": ["https://example.com"]}}
    }
}


def source_arn(kendra_client, index_id: str, source_id: str) -> str:
    region = kendra_client.meta.region_name
    return f"arn:aws:kendra:{region}:123456789012:index/{index_id}/data-source/{source_id}"


def job_attributes(source_id: str, execution_id: str) -> list[dict]:
    return [
        {"Key": "_data_source_id", "Value": {"StringValue": source_id}},
        {"Key": "_data_source_sync_job_execution_id", "Value": {"StringValue": execution_id}},
    ]


# -- CreateDataSource / DescribeDataSource ------------------------------------------


def test_custom_data_source_is_created_and_described(kendra_client, index_id):
    source_id = kendra_client.create_data_source(
        IndexId=index_id, Name="crawler", Type="CUSTOM", Description="my own crawler"
    )["Id"]

    assert str(uuid.UUID(source_id)) == source_id
    source = kendra_client.describe_data_source(Id=source_id, IndexId=index_id)
    assert source["Id"] == source_id
    assert source["IndexId"] == index_id
    assert source["Name"] == "crawler"
    assert source["Type"] == "CUSTOM"
    assert source["Description"] == "my own crawler"
    assert source["Status"] == "ACTIVE"
    assert source["LanguageCode"] == "en"
    assert source["CreatedAt"] == source["UpdatedAt"]
    for absent in ("Configuration", "RoleArn", "Schedule"):
        assert absent not in source


def test_s3_data_source_is_described_with_its_settings(kendra_client, index_id):
    source_id = kendra_client.create_data_source(
        IndexId=index_id,
        Name="bucket",
        Type="S3",
        RoleArn=ROLE_ARN,
        Configuration=S3_CONFIGURATION,
        Schedule="cron(0 12 * * ? *)",
        LanguageCode="fr",
    )["Id"]

    source = kendra_client.describe_data_source(Id=source_id, IndexId=index_id)

    assert source["Type"] == "S3"
    assert source["RoleArn"] == ROLE_ARN
    assert source["Configuration"] == S3_CONFIGURATION
    assert source["Schedule"] == "cron(0 12 * * ? *)"
    assert source["LanguageCode"] == "fr"


def test_data_source_arn_has_the_kendra_form(kendra_client, index_id, s3_source):
    arn = source_arn(kendra_client, index_id, s3_source)

    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "owner", "Value": "me"}])

    assert kendra_client.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "owner", "Value": "me"}
    ]


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({"Configuration": S3_CONFIGURATION}, "Configuration"),
        ({"RoleArn": ROLE_ARN}, "RoleArn"),
        ({"Schedule": "cron(0 12 * * ? *)"}, "Schedule"),
    ],
)
def test_custom_data_source_rejects_crawler_settings(kendra_client, index_id, extra, named):
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(IndexId=index_id, Name="c", Type="CUSTOM", **extra)

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert named in message
    assert "CUSTOM" in message
    assert kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"] == []


def test_custom_data_source_error_names_every_parameter_given(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(
            IndexId=index_id, Name="c", Type="CUSTOM", RoleArn=ROLE_ARN, Schedule="x"
        )

    code, _, message = error_of(err)
    assert code == "ValidationException"
    assert "RoleArn" in message and "Schedule" in message
    assert "Configuration" not in message


def test_connector_data_source_needs_a_role_arn(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(
            IndexId=index_id, Name="s3", Type="S3", Configuration=S3_CONFIGURATION
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "RoleArn" in message
    assert "S3" in message


@pytest.mark.parametrize(
    ("data_source_type", "member"),
    [
        ("S3", "S3Configuration"),
        ("WEBCRAWLER", "WebCrawlerConfiguration"),
        ("GITHUB", "GitHubConfiguration"),
        ("TEMPLATE", "TemplateConfiguration"),
    ],
)
def test_connector_data_source_needs_its_configuration_member(
    kendra_client, index_id, data_source_type, member
):
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(
            IndexId=index_id, Name="x", Type=data_source_type, RoleArn=ROLE_ARN
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert f"Configuration.{member}" in message


def test_connector_data_source_rejects_another_types_configuration(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(
            IndexId=index_id,
            Name="s3",
            Type="S3",
            RoleArn=ROLE_ARN,
            Configuration={**S3_CONFIGURATION, **WEB_CONFIGURATION},
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "WebCrawlerConfiguration" in message


def test_configuration_of_another_type_alone_is_rejected(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(
            IndexId=index_id,
            Name="web",
            Type="WEBCRAWLER",
            RoleArn=ROLE_ARN,
            Configuration=S3_CONFIGURATION,
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "WebCrawlerConfiguration" in message


def test_web_crawler_data_source_with_its_configuration_is_created(kendra_client, index_id):
    source_id = kendra_client.create_data_source(
        IndexId=index_id,
        Name="web",
        Type="WEBCRAWLER",
        RoleArn=ROLE_ARN,
        Configuration=WEB_CONFIGURATION,
    )["Id"]

    source = kendra_client.describe_data_source(Id=source_id, IndexId=index_id)
    assert source["Type"] == "WEBCRAWLER"
    assert source["Configuration"] == WEB_CONFIGURATION


def test_unknown_data_source_type_is_a_validation_error(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(IndexId=index_id, Name="x", Type="FTP")

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "Value 'FTP' at 'type' failed to satisfy constraint" in message


def test_duplicate_name_in_the_same_index_already_exists(kendra_client, index_id, custom_source):
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceAlreadyExistException", 400)
    assert "custom" in message
    assert index_id in message
    assert len(kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"]) == 1


def test_same_name_in_another_index_is_allowed(kendra_client, index_id, custom_source):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]

    other = kendra_client.create_data_source(IndexId=other_index, Name="custom", Type="CUSTOM")

    assert other["Id"] != custom_source


def test_same_client_token_returns_the_same_data_source(kendra_client, index_id):
    first = kendra_client.create_data_source(
        IndexId=index_id, Name="a", Type="CUSTOM", ClientToken="token-1"
    )["Id"]
    again = kendra_client.create_data_source(
        IndexId=index_id, Name="a", Type="CUSTOM", ClientToken="token-1"
    )["Id"]

    assert again == first
    assert len(kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"]) == 1


def test_create_data_source_in_unknown_index_is_not_found(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.create_data_source(IndexId=UNKNOWN_ID, Name="x", Type="CUSTOM")

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


def test_data_source_belongs_to_one_index(kendra_client, index_id, custom_source):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]

    with pytest.raises(ClientError) as err:
        kendra_client.describe_data_source(Id=custom_source, IndexId=other_index)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert custom_source in message
    assert other_index in message
    for call in (
        lambda: kendra_client.update_data_source(Id=custom_source, IndexId=other_index, Name="n"),
        lambda: kendra_client.delete_data_source(Id=custom_source, IndexId=other_index),
        lambda: kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=other_index),
    ):
        with pytest.raises(ClientError) as err:
            call()
        assert error_of(err)[:2] == ("ResourceNotFoundException", 400)
    assert kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)["Id"] == (
        custom_source
    )


def test_describe_unknown_data_source_is_not_found(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.describe_data_source(Id=UNKNOWN_ID, IndexId=index_id)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


def test_create_data_source_with_tags_tags_it(kendra_client, index_id):
    source_id = kendra_client.create_data_source(
        IndexId=index_id, Name="t", Type="CUSTOM", Tags=[{"Key": "a", "Value": "1"}]
    )["Id"]

    tags = kendra_client.list_tags_for_resource(
        ResourceARN=source_arn(kendra_client, index_id, source_id)
    )["Tags"]
    assert tags == [{"Key": "a", "Value": "1"}]


# -- ListDataSources ------------------------------------------------------------


def test_list_data_sources_summarises_each_source(
    kendra_client, index_id, custom_source, s3_source
):
    items = kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"]

    by_id = {item["Id"]: item for item in items}
    assert set(by_id) == {custom_source, s3_source}
    assert by_id[custom_source]["Name"] == "custom"
    assert by_id[custom_source]["Type"] == "CUSTOM"
    assert by_id[s3_source]["Type"] == "S3"
    assert by_id[s3_source]["Status"] == "ACTIVE"
    assert by_id[s3_source]["LanguageCode"] == "en"


def test_list_data_sources_lists_only_its_index(kendra_client, index_id, custom_source):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]

    result = kendra_client.list_data_sources(IndexId=other_index)

    assert result["SummaryItems"] == []
    assert "NextToken" not in result


def test_list_data_sources_pages(kendra_client, index_id):
    created = [
        kendra_client.create_data_source(IndexId=index_id, Name=f"s{n}", Type="CUSTOM")["Id"]
        for n in range(5)
    ]

    seen: list[str] = []
    sizes: list[int] = []
    kwargs = {"IndexId": index_id, "MaxResults": 2}
    while True:
        page = kendra_client.list_data_sources(**kwargs)
        sizes.append(len(page["SummaryItems"]))
        seen.extend(item["Id"] for item in page["SummaryItems"])
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]

    assert sizes == [2, 2, 1]
    assert seen == created


def test_list_data_sources_rejects_a_next_token_of_another_index(kendra_client, index_id):
    other_index = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    for n in range(2):
        kendra_client.create_data_source(IndexId=index_id, Name=f"s{n}", Type="CUSTOM")
    token = kendra_client.list_data_sources(IndexId=index_id, MaxResults=1)["NextToken"]

    with pytest.raises(ClientError) as err:
        kendra_client.list_data_sources(IndexId=other_index, NextToken=token)

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "NextToken" in message


def test_list_data_sources_of_unknown_index_is_not_found(kendra_client):
    with pytest.raises(ClientError) as err:
        kendra_client.list_data_sources(IndexId=UNKNOWN_ID)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


# -- UpdateDataSource -----------------------------------------------------------


def test_update_data_source_changes_given_settings(kendra_client, index_id, s3_source):
    new_configuration = {"S3Configuration": {"BucketName": "other-bucket"}}

    kendra_client.update_data_source(
        Id=s3_source,
        IndexId=index_id,
        Name="renamed",
        Description="now described",
        Configuration=new_configuration,
        LanguageCode="de",
    )

    source = kendra_client.describe_data_source(Id=s3_source, IndexId=index_id)
    assert source["Name"] == "renamed"
    assert source["Description"] == "now described"
    assert source["Configuration"] == new_configuration
    assert source["LanguageCode"] == "de"
    assert source["RoleArn"] == ROLE_ARN
    assert source["UpdatedAt"] >= source["CreatedAt"]
    (item,) = kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"]
    assert item["Name"] == "renamed"
    assert item["LanguageCode"] == "de"


def test_update_custom_data_source_with_role_arn_is_rejected(
    kendra_client, index_id, custom_source
):
    with pytest.raises(ClientError) as err:
        kendra_client.update_data_source(Id=custom_source, IndexId=index_id, RoleArn=ROLE_ARN)

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "RoleArn" in message
    assert "RoleArn" not in kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)


def test_update_connector_with_another_types_configuration_is_rejected(
    kendra_client, index_id, s3_source
):
    with pytest.raises(ClientError) as err:
        kendra_client.update_data_source(
            Id=s3_source, IndexId=index_id, Configuration=WEB_CONFIGURATION
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert "S3Configuration" in message
    source = kendra_client.describe_data_source(Id=s3_source, IndexId=index_id)
    assert source["Configuration"] == S3_CONFIGURATION


def test_update_to_a_name_taken_in_the_index_is_a_conflict(
    kendra_client, index_id, custom_source, s3_source
):
    with pytest.raises(ClientError) as err:
        kendra_client.update_data_source(Id=s3_source, IndexId=index_id, Name="custom")

    # UpdateDataSource's model lists ConflictException, not ResourceAlreadyExistException.
    code, status, message = error_of(err)
    assert (code, status) == ("ConflictException", 400)
    assert "custom" in message
    assert kendra_client.describe_data_source(Id=s3_source, IndexId=index_id)["Name"] == "s3"


def test_update_to_its_own_name_is_allowed(kendra_client, index_id, custom_source):
    kendra_client.update_data_source(
        Id=custom_source, IndexId=index_id, Name="custom", Description="d"
    )

    source = kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)
    assert (source["Name"], source["Description"]) == ("custom", "d")


def test_update_unknown_data_source_is_not_found(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.update_data_source(Id=UNKNOWN_ID, IndexId=index_id, Name="x")

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


# -- DeleteDataSource -----------------------------------------------------------


def test_delete_data_source_removes_it(kendra_client, index_id, custom_source, s3_source):
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    items = kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"]
    assert [item["Id"] for item in items] == [s3_source]
    with pytest.raises(ClientError) as err:
        kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)
    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert custom_source in message


def test_deleted_name_can_be_used_again(kendra_client, index_id, custom_source):
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    again = kendra_client.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")

    assert again["Id"] != custom_source


def test_delete_data_source_removes_its_jobs_and_documents(kendra_client, index_id, custom_source):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    execution_id = kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)[
        "ExecutionId"
    ]
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {
                "Id": "from-source",
                "Blob": b"a",
                "Attributes": job_attributes(custom_source, execution_id),
            },
            {"Id": "standalone", "Blob": b"b"},
        ],
    )
    arn = source_arn(kendra_client, index_id, custom_source)
    kendra_client.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])

    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    with pytest.raises(ClientError) as err:
        kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)
    assert error_of(err)[:2] == ("ResourceNotFoundException", 400)
    with pytest.raises(ClientError) as err:
        kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    assert error_of(err)[:2] == ("ResourceNotFoundException", 400)
    statuses = kendra_client.batch_get_document_status(
        IndexId=index_id,
        DocumentInfoList=[{"DocumentId": "from-source"}, {"DocumentId": "standalone"}],
    )["DocumentStatusList"]
    assert statuses == [
        {"DocumentId": "from-source", "DocumentStatus": "NOT_FOUND"},
        {"DocumentId": "standalone", "DocumentStatus": "INDEXED"},
    ]
    stats = kendra_client.describe_index(Id=index_id)["IndexStatistics"]
    assert stats["TextDocumentStatistics"]["IndexedTextDocumentsCount"] == 1
    with pytest.raises(ClientError) as err:
        kendra_client.list_tags_for_resource(ResourceARN=arn)
    assert error_of(err)[:2] == ("ResourceUnavailableException", 400)
    # The deleted job's execution id no longer takes documents.
    failed = kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {"Id": "late", "Blob": b"c", "Attributes": job_attributes(custom_source, execution_id)}
        ],
    )["FailedDocuments"]
    assert [(doc["Id"], doc["ErrorCode"]) for doc in failed] == [("late", "InvalidRequest")]


def test_delete_data_source_keeps_documents_of_other_sources(
    kendra_client, index_id, custom_source
):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    other = kendra_client.create_data_source(IndexId=index_id, Name="other", Type="CUSTOM")["Id"]
    execution_id = kendra_client.start_data_source_sync_job(Id=other, IndexId=index_id)[
        "ExecutionId"
    ]
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[{"Id": "kept", "Blob": b"a", "Attributes": job_attributes(other, execution_id)}],
    )

    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    statuses = kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": "kept"}]
    )["DocumentStatusList"]
    assert statuses == [{"DocumentId": "kept", "DocumentStatus": "INDEXED"}]
    history = kendra_client.list_data_source_sync_jobs(Id=other, IndexId=index_id)["History"]
    assert [job["ExecutionId"] for job in history] == [execution_id]


def test_delete_unknown_data_source_is_not_found(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        kendra_client.delete_data_source(Id=UNKNOWN_ID, IndexId=index_id)

    code, status, message = error_of(err)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert UNKNOWN_ID in message


# -- DELETING ---------------------------------------------------------------------------


@pytest.fixture
def slow_data_source_model(kendra_client, index_id, custom_source):
    """One read per step for data sources, so DELETING can be seen (the default moves
    at once: a deleted data source is gone at the next call)."""
    state_manager.set_transition("kendra::data_source", {"progression": "manual", "times": 1})
    statuses = [
        kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)["Status"]
        for _ in range(2)
    ]
    assert statuses == ["CREATING", "ACTIVE"]


def test_a_deleted_data_source_is_deleting_then_gone(
    kendra_client, index_id, custom_source, slow_data_source_model
):
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    described = kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)
    assert described["Status"] == "DELETING"
    with pytest.raises(ClientError) as err:
        kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)
    assert error_of(err)[:2] == ("ResourceNotFoundException", 400)
    assert kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"] == []


def test_list_data_sources_shows_a_data_source_deleting(
    kendra_client, index_id, custom_source, slow_data_source_model
):
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    (item,) = kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"]
    assert (item["Id"], item["Status"]) == (custom_source, "DELETING")
    assert kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"] == []


def test_a_second_delete_while_deleting_succeeds(
    kendra_client, index_id, custom_source, slow_data_source_model
):
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    assert kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)["Status"] == (
        "DELETING"
    )


def test_by_default_a_deleted_data_source_is_gone_at_once(kendra_client, index_id, custom_source):
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    with pytest.raises(ClientError) as err:
        kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)
    assert error_of(err)[:2] == ("ResourceNotFoundException", 400)


def test_what_a_data_source_deleting_answers(
    kendra_client, index_id, custom_source, slow_data_source_model
):
    execution_id = start(kendra_client, index_id, custom_source)
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    conflicts = {
        "UpdateDataSource": lambda: kendra_client.update_data_source(
            Id=custom_source, IndexId=index_id, Description="x"
        ),
        "StartDataSourceSyncJob": lambda: kendra_client.start_data_source_sync_job(
            Id=custom_source, IndexId=index_id
        ),
        "CreateDataSource (its name)": lambda: kendra_client.create_data_source(
            IndexId=index_id, Name="custom", Type="CUSTOM"
        ),
    }
    for name, call in conflicts.items():
        with pytest.raises(ClientError) as err:
            call()
        code, status, message = error_of(err)
        assert (code, status) == ("ConflictException", 400), name
        assert "DELETING" in message or "being deleted" in message, name
    # Its running job was stopped; Stop has nothing left to stop.
    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    (job,) = kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)["History"]
    assert (job["ExecutionId"], job["Status"]) == (execution_id, "SYNCING_INDEXING")
    # Documents sent for it are refused.
    failed = kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {"Id": "late", "Blob": b"c", "Attributes": job_attributes(custom_source, execution_id)}
        ],
    )["FailedDocuments"]
    assert [(doc["Id"], doc["ErrorCode"]) for doc in failed] == [("late", "InvalidRequest")]
    assert "being deleted" in failed[0]["ErrorMessage"]
    deleted = kendra_client.batch_delete_document(
        IndexId=index_id,
        DocumentIdList=["a"],
        DataSourceSyncJobMetricTarget={"DataSourceId": custom_source},
    )["FailedDocuments"]
    assert [(doc["Id"], doc["ErrorCode"]) for doc in deleted] == [("a", "InvalidRequest")]
    # Its tags can't change.
    with pytest.raises(ClientError) as err:
        kendra_client.tag_resource(
            ResourceARN=source_arn(kendra_client, index_id, custom_source),
            Tags=[{"Key": "k", "Value": "v"}],
        )
    assert error_of(err)[:2] == ("ResourceUnavailableException", 400)


def test_the_name_of_a_data_source_gone_can_be_used_again(
    kendra_client, index_id, custom_source, slow_data_source_model
):
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)
    kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)  # DELETING, then on

    again = kendra_client.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")

    assert again["Id"] != custom_source


def test_documents_of_a_data_source_deleting_go_when_it_is_gone(
    kendra_client, index_id, custom_source, slow_data_source_model
):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    execution_id = start(kendra_client, index_id, custom_source)
    kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {"Id": "a", "Blob": b"abc", "Attributes": job_attributes(custom_source, execution_id)}
        ],
    )
    kendra_client.delete_data_source(Id=custom_source, IndexId=index_id)

    def count() -> int:
        stats = kendra_client.describe_index(Id=index_id)["IndexStatistics"]
        return stats["TextDocumentStatistics"]["IndexedTextDocumentsCount"]

    assert count() == 1
    kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)  # DELETING
    with pytest.raises(ClientError):
        kendra_client.describe_data_source(Id=custom_source, IndexId=index_id)
    assert count() == 0


# -- Schedule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "schedule",
    ["cron(0 12 * * ? *)", "cron(0/15 8-17 ? * MON-FRI *)", "cron(0 9 ? * 2#1 2030)", ""],
)
def test_a_cron_schedule_or_an_empty_one_is_accepted(kendra_client, index_id, schedule):
    source_id = kendra_client.create_data_source(
        IndexId=index_id,
        Name="scheduled",
        Type="S3",
        RoleArn=ROLE_ARN,
        Configuration=S3_CONFIGURATION,
        Schedule=schedule,
    )["Id"]

    described = kendra_client.describe_data_source(Id=source_id, IndexId=index_id)
    assert described.get("Schedule") == (schedule or None)


@pytest.mark.parametrize(
    ("schedule", "reason"),
    [
        ("rate(1 day)", "doesn't support rate expressions"),
        ("daily", "is a cron expression"),
        ("cron(0 12 * * ?)", "has 6 fields"),
        ("cron(0 12 * * * *)", "Day-of-week"),
        ("cron(61 12 * * ? *)", "Minutes field '61'"),
        ("cron(0 12 ? JANUARY MON *)", "Month field 'JANUARY'"),
    ],
)
def test_a_schedule_kendra_refuses_is_a_validation_error(
    kendra_client, index_id, s3_source, schedule, reason
):
    for call in (
        lambda: kendra_client.create_data_source(
            IndexId=index_id,
            Name="scheduled",
            Type="S3",
            RoleArn=ROLE_ARN,
            Configuration=S3_CONFIGURATION,
            Schedule=schedule,
        ),
        lambda: kendra_client.update_data_source(Id=s3_source, IndexId=index_id, Schedule=schedule),
    ):
        with pytest.raises(ClientError) as err:
            call()
        code, status, message = error_of(err)
        assert (code, status) == ("ValidationException", 400)
        assert f"The Schedule {schedule!r} is not valid." in message
        assert reason in message
    assert len(kendra_client.list_data_sources(IndexId=index_id)["SummaryItems"]) == 1
    assert "Schedule" not in kendra_client.describe_data_source(Id=s3_source, IndexId=index_id)


def test_an_empty_schedule_clears_the_schedule(kendra_client, index_id, s3_source):
    kendra_client.update_data_source(Id=s3_source, IndexId=index_id, Schedule="cron(0 6 * * ? *)")
    assert kendra_client.describe_data_source(Id=s3_source, IndexId=index_id)["Schedule"] == (
        "cron(0 6 * * ? *)"
    )

    kendra_client.update_data_source(Id=s3_source, IndexId=index_id, Schedule="")

    assert "Schedule" not in kendra_client.describe_data_source(Id=s3_source, IndexId=index_id)


def test_a_custom_data_source_takes_an_empty_schedule(kendra_client, index_id):
    source_id = kendra_client.create_data_source(
        IndexId=index_id, Name="c", Type="CUSTOM", Schedule=""
    )["Id"]

    assert "Schedule" not in kendra_client.describe_data_source(Id=source_id, IndexId=index_id)
