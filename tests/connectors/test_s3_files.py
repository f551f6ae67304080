"""What an S3 data source reads beside its documents: metadata files (s3-metadata.md),
the access control list file (s3-acl.md), and the bucket's region (data-source-s3.md).

No Query is modeled yet, so what a metadata file or the ACL file gives a document is
read from the backend's document (what a search reads)."""

from __future__ import annotations

import json

import boto3
import pytest

from moto_kendra.connectors import s3_files
from tests.conftest import ROLE_ARN

END = {"SUCCEEDED", "FAILED", "INCOMPLETE", "ABORTED"}


@pytest.fixture
def s3(kendra_client):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="docs-bucket")
    return client


def put_json(s3, key: str, value) -> None:
    s3.put_object(Bucket="docs-bucket", Key=key, Body=json.dumps(value).encode())


def source(kendra_client, index_id: str, **configuration) -> str:
    return kendra_client.create_data_source(
        IndexId=index_id,
        Name="bucket",
        Type="S3",
        RoleArn=ROLE_ARN,
        Configuration={"S3Configuration": {"BucketName": "docs-bucket", **configuration}},
    )["Id"]


def run_sync(client, index_id: str, source_id: str) -> dict:
    client.start_data_source_sync_job(Id=source_id, IndexId=index_id)
    for _ in range(10):
        job = client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"][0]
        if job["Status"] in END:
            return job
    raise AssertionError(f"the sync job did not end: {job}")


def status_entries(client, index_id: str, *doc_ids: str) -> dict[str, dict]:
    listed = client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": doc_id} for doc_id in doc_ids]
    )["DocumentStatusList"]
    return {entry["DocumentId"]: entry for entry in listed}


def statuses(client, index_id: str, *doc_ids: str) -> dict[str, str]:
    return {
        doc_id: entry["DocumentStatus"]
        for doc_id, entry in status_entries(client, index_id, *doc_ids).items()
    }


def documents(kendra_backend, index_id: str) -> dict:
    return kendra_backend.indices[index_id].documents


def declare(kendra_client, index_id: str, **types: str) -> None:
    kendra_client.update_index(
        Id=index_id,
        DocumentMetadataConfigurationUpdates=[
            {"Name": name, "Type": field_type} for name, field_type in types.items()
        ],
    )


# -- metadata files ---------------------------------------------------------------------


def test_a_metadata_file_next_to_its_document_describes_it(
    kendra_client, kendra_backend, s3, index_id
):
    declare(kendra_client, index_id, department="STRING_VALUE", price="LONG_VALUE")
    s3.put_object(Bucket="docs-bucket", Key="docs/guide.txt", Body=b"the guide")
    put_json(
        s3,
        "docs/guide.txt.metadata.json",
        {
            "DocumentId": "guide",
            "Title": "The guide",
            "ContentType": "PLAIN_TEXT",
            "Attributes": {
                "department": "HR",
                "price": 1595,
                "_created_at": "2012-03-25T12:30:10+01:00",
                "_authors": ["Ana", "Bo"],
            },
            "AccessControlList": [{"Name": "hr", "Type": "GROUP", "Access": "ALLOW"}],
        },
    )
    source_id = source(kendra_client, index_id)

    job = run_sync(kendra_client, index_id, source_id)

    # The metadata file is not a document: one scanned, one added.
    assert (
        job["Status"],
        job["Metrics"]["DocumentsScanned"],
        job["Metrics"]["DocumentsAdded"],
    ) == (
        "SUCCEEDED",
        "1",
        "1",
    )
    assert statuses(kendra_client, index_id, "guide", "s3://docs-bucket/docs/guide.txt") == {
        "guide": "INDEXED",
        "s3://docs-bucket/docs/guide.txt": "NOT_FOUND",
    }
    content = documents(kendra_backend, index_id)["guide"].content
    assert (content.title, content.content_type, content.size) == ("The guide", "PLAIN_TEXT", 9)
    assert (content.s3_bucket, content.s3_key) == ("docs-bucket", "docs/guide.txt")
    assert content.attributes["department"] == {"StringValue": "HR"}
    assert content.attributes["price"] == {"LongValue": 1595}
    assert content.attributes["_authors"] == {"StringListValue": ["Ana", "Bo"]}
    assert content.attributes["_created_at"]["DateValue"].isoformat() == "2012-03-25T12:30:10+01:00"
    assert content.attributes["_data_source_id"] == {"StringValue": source_id}
    assert content.access_control_list == [{"Name": "hr", "Type": "GROUP", "Access": "ALLOW"}]


def test_with_an_s3_prefix_metadata_files_live_under_it(
    kendra_client, kendra_backend, s3, index_id
):
    s3.put_object(Bucket="docs-bucket", Key="documents/legal/file.txt", Body=b"terms")
    put_json(s3, "metadata/documents/legal/file.txt.metadata.json", {"Title": "Terms"})
    # Beside the document, a metadata file is not read with an S3Prefix (and is no document).
    put_json(s3, "documents/legal/file.txt.metadata.json", {"Title": "Not this one"})
    source_id = source(
        kendra_client, index_id, DocumentsMetadataConfiguration={"S3Prefix": "metadata"}
    )

    job = run_sync(kendra_client, index_id, source_id)

    assert job["Metrics"]["DocumentsScanned"] == "1"
    uri = "s3://docs-bucket/documents/legal/file.txt"
    assert documents(kendra_backend, index_id)[uri].content.title == "Terms"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{not json", "The file is not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "The file is not valid JSON: it is nested too deeply"),
        (b"\xef\xbb\xbf{}", "byte order mark"),
        (
            json.dumps({"Attributes": {"Tags": "x"}}).encode(),
            "Attribute Tags is not defined at the index level",
        ),
        (
            json.dumps({"Attributes": {"_view_count": "ten"}}).encode(),
            "Attribute _view_count is of type LONG_VALUE",
        ),
        (
            json.dumps({"Attributes": {"_created_at": "2021-12-32"}}).encode(),
            "Attribute _created_at is of type DATE_VALUE",
        ),
        (json.dumps({"ContentType": "DOCX"}).encode(), "ContentType 'DOCX' is not one of"),
        (
            json.dumps(
                {"AccessControlList": [{"Name": "x", "Type": "TEAM", "Access": "ALLOW"}]}
            ).encode(),
            "AccessControlList[1]",
        ),
        (json.dumps({"Titel": "typo"}).encode(), "Unknown member Titel"),
    ],
)
def test_an_invalid_metadata_file_fails_its_document(kendra_client, s3, index_id, body, reason):
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    s3.put_object(Bucket="docs-bucket", Key="a.txt.metadata.json", Body=body)
    s3.put_object(Bucket="docs-bucket", Key="b.txt", Body=b"bravo")
    source_id = source(kendra_client, index_id)

    job = run_sync(kendra_client, index_id, source_id)

    # troubleshooting-data-sources.md: invalid metadata makes the job INCOMPLETE.
    assert job["Status"] == "INCOMPLETE"
    assert (job["Metrics"]["DocumentsAdded"], job["Metrics"]["DocumentsFailed"]) == ("1", "1")
    entries = status_entries(
        kendra_client, index_id, "s3://docs-bucket/a.txt", "s3://docs-bucket/b.txt"
    )
    failed = entries["s3://docs-bucket/a.txt"]
    assert (failed["DocumentStatus"], failed["FailureCode"]) == ("FAILED", "InvalidRequest")
    assert failed["FailureReason"].startswith(
        "Found invalid Metadata file s3://docs-bucket/a.txt.metadata.json. "
    )
    assert reason in failed["FailureReason"]
    assert entries["s3://docs-bucket/b.txt"]["DocumentStatus"] == "INDEXED"
    stats = kendra_client.describe_index(Id=index_id)["IndexStatistics"]
    assert stats["TextDocumentStatistics"]["IndexedTextDocumentsCount"] == 1


def test_a_failed_document_is_retried_only_once_it_or_its_metadata_changes(
    kendra_client, s3, index_id
):
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    put_json(s3, "a.txt.metadata.json", {"Attributes": {"team": "search"}})
    source_id = source(kendra_client, index_id)
    assert run_sync(kendra_client, index_id, source_id)["Metrics"]["DocumentsFailed"] == "1"
    declare(kendra_client, index_id, team="STRING_VALUE")

    # troubleshooting-data-sources.md: unchanged, a failed document isn't indexed again.
    unchanged = run_sync(kendra_client, index_id, source_id)
    put_json(s3, "a.txt.metadata.json", {"Attributes": {"team": "search"}, "Title": "A"})
    changed = run_sync(kendra_client, index_id, source_id)

    assert (unchanged["Status"], unchanged["Metrics"]["DocumentsFailed"]) == ("SUCCEEDED", "0")
    assert (changed["Status"], changed["Metrics"]["DocumentsAdded"]) == ("SUCCEEDED", "1")
    assert statuses(kendra_client, index_id, "s3://docs-bucket/a.txt") == {
        "s3://docs-bucket/a.txt": "INDEXED"
    }


def test_a_changed_metadata_file_modifies_its_document(kendra_client, kendra_backend, s3, index_id):
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    put_json(s3, "a.txt.metadata.json", {"Title": "First"})
    source_id = source(kendra_client, index_id)
    run_sync(kendra_client, index_id, source_id)

    put_json(s3, "a.txt.metadata.json", {"Title": "Second"})
    job = run_sync(kendra_client, index_id, source_id)

    assert job["Metrics"]["DocumentsModified"] == "1"
    assert documents(kendra_backend, index_id)["s3://docs-bucket/a.txt"].content.title == "Second"


def test_an_invalid_update_leaves_the_indexed_version(kendra_client, kendra_backend, s3, index_id):
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"alpha")
    source_id = source(kendra_client, index_id)
    run_sync(kendra_client, index_id, source_id)

    put_json(s3, "a.txt.metadata.json", {"Attributes": {"undeclared": "x"}})
    job = run_sync(kendra_client, index_id, source_id)

    assert (job["Status"], job["Metrics"]["DocumentsFailed"]) == ("INCOMPLETE", "1")
    assert statuses(kendra_client, index_id, "s3://docs-bucket/a.txt") == {
        "s3://docs-bucket/a.txt": "UPDATE_FAILED"
    }
    stats = kendra_client.describe_index(Id=index_id)["IndexStatistics"]["TextDocumentStatistics"]
    assert stats == {"IndexedTextDocumentsCount": 1, "IndexedTextBytes": 5}


# -- the access control list file -----------------------------------------------------------

ACL = [
    {
        "keyPrefix": "s3://docs-bucket/hr/",
        "aclEntries": [{"Name": "hr", "Type": "GROUP", "Access": "ALLOW"}],
    },
    {
        "keyPrefix": "s3://docs-bucket/hr/secret/",
        "aclEntries": [{"Name": "boss", "Type": "USER", "Access": "ALLOW"}],
    },
    {
        "keyPrefix": "public/",
        "aclEntries": [{"Name": "everyone", "Type": "GROUP", "Access": "ALLOW"}],
    },
]


@pytest.mark.parametrize("key_path", ["s3://docs-bucket/config/acl.json", "config/acl.json"])
def test_the_acl_file_applies_to_the_documents_under_its_prefixes(
    kendra_client, kendra_backend, s3, index_id, key_path
):
    put_json(s3, "config/acl.json", ACL)
    for key in ("hr/leave.txt", "hr/secret/pay.txt", "public/faq.txt", "other.txt"):
        s3.put_object(Bucket="docs-bucket", Key=key, Body=b"x")
    put_json(
        s3,
        "public/faq.txt.metadata.json",
        {"AccessControlList": [{"Name": "staff", "Type": "GROUP", "Access": "ALLOW"}]},
    )
    source_id = source(
        kendra_client, index_id, AccessControlListConfiguration={"KeyPath": key_path}
    )

    job = run_sync(kendra_client, index_id, source_id)

    # The ACL file is not a document.
    assert (job["Status"], job["Metrics"]["DocumentsScanned"]) == ("SUCCEEDED", "4")
    indexed = documents(kendra_backend, index_id)
    acl_of = {
        key: indexed[f"s3://docs-bucket/{key}"].content.access_control_list
        for key in ("hr/leave.txt", "hr/secret/pay.txt", "public/faq.txt", "other.txt")
    }
    assert acl_of == {
        "hr/leave.txt": [{"Name": "hr", "Type": "GROUP", "Access": "ALLOW"}],
        # The most specific prefix wins.
        "hr/secret/pay.txt": [{"Name": "boss", "Type": "USER", "Access": "ALLOW"}],
        # A metadata file's AccessControlList wins over the ACL file.
        "public/faq.txt": [{"Name": "staff", "Type": "GROUP", "Access": "ALLOW"}],
        "other.txt": [],
    }
    assert "s3://docs-bucket/config/acl.json" not in indexed


def test_a_changed_acl_modifies_the_documents_it_covers(kendra_client, s3, index_id):
    put_json(s3, "acl.json", ACL)
    s3.put_object(Bucket="docs-bucket", Key="hr/leave.txt", Body=b"x")
    s3.put_object(Bucket="docs-bucket", Key="other.txt", Body=b"x")
    source_id = source(
        kendra_client, index_id, AccessControlListConfiguration={"KeyPath": "acl.json"}
    )
    run_sync(kendra_client, index_id, source_id)

    put_json(
        s3,
        "acl.json",
        [{**ACL[0], "aclEntries": [{"Name": "hr", "Type": "GROUP", "Access": "DENY"}]}],
    )
    job = run_sync(kendra_client, index_id, source_id)

    assert (job["Metrics"]["DocumentsModified"], job["Metrics"]["DocumentsScanned"]) == ("1", "2")


def test_a_missing_acl_file_fails_the_sync(kendra_client, s3, index_id):
    s3.put_object(Bucket="docs-bucket", Key="a.txt", Body=b"x")
    source_id = source(
        kendra_client,
        index_id,
        AccessControlListConfiguration={"KeyPath": "s3://docs-bucket/acl.json"},
    )

    job = run_sync(kendra_client, index_id, source_id)

    assert (job["Status"], job["ErrorCode"], job["DataSourceErrorCode"]) == (
        "FAILED",
        "InvalidRequest",
        "NoSuchKey",
    )
    assert "s3://docs-bucket/acl.json" in job["ErrorMessage"]


@pytest.mark.parametrize(
    ("acl", "reason"),
    [
        ({"keyPrefix": "x"}, "JSON list"),
        (
            [{"keyPrefix": "x", "aclEntries": [{"Name": "a", "Type": "ROLE", "Access": "ALLOW"}]}],
            "ROLE",
        ),
        ([{"prefix": "x", "aclEntries": []}], "exactly keyPrefix and aclEntries"),
    ],
)
def test_an_invalid_acl_file_fails_the_sync(kendra_client, s3, index_id, acl, reason):
    put_json(s3, "acl.json", acl)
    source_id = source(
        kendra_client, index_id, AccessControlListConfiguration={"KeyPath": "acl.json"}
    )

    job = run_sync(kendra_client, index_id, source_id)

    assert (job["Status"], job["ErrorCode"]) == ("FAILED", "InvalidRequest")
    assert job["ErrorMessage"].startswith(
        "The access control list file s3://docs-bucket/acl.json is not valid"
    )
    assert reason in job["ErrorMessage"]
    assert "DataSourceErrorCode" not in job  # the data source had no error: its configuration


def test_an_acl_file_nested_too_deeply_fails_the_sync(kendra_client, s3, index_id):
    s3.put_object(Bucket="docs-bucket", Key="acl.json", Body=b"[" * 100_000 + b"]" * 100_000)
    source_id = source(
        kendra_client, index_id, AccessControlListConfiguration={"KeyPath": "acl.json"}
    )

    job = run_sync(kendra_client, index_id, source_id)

    assert (job["Status"], job["ErrorCode"]) == ("FAILED", "InvalidRequest")
    assert "nested too deeply" in job["ErrorMessage"]


# -- the bucket's region ----------------------------------------------------------------


def test_a_bucket_in_another_region_fails_the_sync(kendra_client, index_id):
    paris = boto3.client("s3", region_name="eu-west-3")
    paris.create_bucket(
        Bucket="paris-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
    )
    paris.put_object(Bucket="paris-bucket", Key="a.txt", Body=b"x")
    source_id = kendra_client.create_data_source(
        IndexId=index_id,
        Name="paris",
        Type="S3",
        RoleArn=ROLE_ARN,
        Configuration={"S3Configuration": {"BucketName": "paris-bucket"}},
    )["Id"]

    job = run_sync(kendra_client, index_id, source_id)

    assert (job["Status"], job["ErrorCode"], job["DataSourceErrorCode"]) == (
        "FAILED",
        "InvalidRequest",
        "PermanentRedirect",
    )
    assert (
        "Your bucket must be in the same region as your Amazon Kendra index" in job["ErrorMessage"]
    )
    assert "eu-west-3" in job["ErrorMessage"] and "us-east-1" in job["ErrorMessage"]
    assert job["Metrics"]["DocumentsScanned"] == "0"


# -- the file rules themselves ------------------------------------------------------------


@pytest.mark.parametrize(
    ("configuration", "key", "expected"),
    [
        ({}, "documents/file.txt", "documents/file.txt.metadata.json"),
        (
            {"S3Prefix": "metadata"},
            "documents/legal/file.txt",
            "metadata/documents/legal/file.txt.metadata.json",
        ),
        ({"S3Prefix": "metadata/"}, "file.txt", "metadata/file.txt.metadata.json"),
    ],
)
def test_the_metadata_file_of_a_document(configuration, key, expected):
    settings = {"BucketName": "b", "DocumentsMetadataConfiguration": configuration}
    assert s3_files.metadata_key(settings, key) == expected
