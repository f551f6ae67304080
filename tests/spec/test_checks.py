"""Server-side request validation, derived from botocore's model.

boto3 checks little on the client side; with ``parameter_validation=False`` (or the CLI,
another SDK, raw HTTP) it checks nothing. Kendra then answers a ValidationException
(HTTP 400) in AWS's form. These tests send through both a lax boto3 client and raw
HTTP, and assert the exact code, status and message.
"""

from __future__ import annotations

import re
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_kendra.exceptions import SerializationException, ValidationException
from moto_kendra.spec import checks
from moto_kendra.spec.service import service_model
from tests import raw_http
from tests.conftest import ROLE_ARN
from tests.kendra_calls import IMPLEMENTED

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:enrich"


_clients: dict[str, Any] = {}


def lax_client() -> Any:
    """A boto3 client that validates nothing before sending (made once: moto's mock
    hooks into botocore globally, so it serves any client while it is active)."""
    if "lax" not in _clients:
        _clients["lax"] = boto3.client(
            "kendra",
            region_name="us-east-1",
            aws_access_key_id="FOOBARKEY",
            aws_secret_access_key="FOOBARSECRET",
            config=Config(parameter_validation=False, retries={"total_max_attempts": 1}),
        )
    return _clients["lax"]


@pytest.fixture
def lax(kendra_client: Any) -> Any:
    return lax_client()


def client_error(call: Any, **params: Any) -> tuple[int, str, str]:
    with pytest.raises(ClientError) as caught:
        call(**params)
    response = caught.value.response
    return (
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Code"],
        response["Error"]["Message"],
    )


def one(value: str, path: str, constraint: str) -> str:
    return (
        f"1 validation error detected: Value {value} at '{path}' failed to satisfy "
        f"constraint: {constraint}"
    )


# -- numeric ranges ------------------------------------------------------------------


def test_max_results_above_the_maximum(lax, index_id, custom_source):
    assert client_error(
        lax.list_data_source_sync_jobs, IndexId=index_id, Id=custom_source, MaxResults=11
    ) == (
        400,
        "ValidationException",
        "1 validation error detected: Value '11' at 'maxResults' failed to satisfy "
        "constraint: Member must have value less than or equal to 10",
    )


def test_max_results_below_the_minimum_over_raw_http(kendra_client):
    response = raw_http.call("ListIndices", {"MaxResults": 0})
    assert raw_http.error(response) == (
        400,
        "ValidationException",
        one("'0'", "maxResults", "Member must have value greater than or equal to 1"),
    )


def test_a_range_in_a_nested_structure(lax, index_id):
    assert client_error(
        lax.update_index,
        Id=index_id,
        CapacityUnits={"StorageCapacityUnits": -1, "QueryCapacityUnits": 0},
    ) == (
        400,
        "ValidationException",
        one(
            "'-1'",
            "capacityUnits.storageCapacityUnits",
            "Member must have value greater than or equal to 0",
        ),
    )


def test_the_bounds_themselves_are_accepted(lax, index_id, custom_source):
    for size in (1, 10):
        lax.list_data_source_sync_jobs(IndexId=index_id, Id=custom_source, MaxResults=size)


# -- required members ----------------------------------------------------------------


def test_a_missing_required_member(lax):
    assert client_error(lax.describe_index) == (
        400,
        "ValidationException",
        one("null", "id", "Member must not be null"),
    )


@pytest.mark.parametrize("operation", IMPLEMENTED)
def test_every_operation_names_each_missing_required_member(kendra_client, operation):
    """Derived from the model for every implemented operation, in the model's order."""
    shape = service_model().operation_model(operation).input_shape
    required = list(shape.required_members)
    response = raw_http.call(operation, {})
    if not required:
        assert response.status_code == 200
        return
    errors = [
        f"Value null at '{name[0].lower() + name[1:]}' failed to satisfy constraint: "
        "Member must not be null"
        for name in shape.members
        if name in required
    ]
    noun = "error" if len(errors) == 1 else "errors"
    assert raw_http.error(response) == (
        400,
        "ValidationException",
        f"{len(errors)} validation {noun} detected: " + "; ".join(errors),
    )


def test_a_json_null_is_an_absent_member(kendra_client, index_id):
    # Required and null: the same error as missing.
    response = raw_http.call("DescribeIndex", {"Id": None})
    assert raw_http.error(response) == (
        400,
        "ValidationException",
        one("null", "id", "Member must not be null"),
    )
    # Optional and null: ignored, the index keeps its name.
    assert raw_http.call("UpdateIndex", {"Id": index_id, "Name": None}).status_code == 200
    assert kendra_client.describe_index(Id=index_id)["Name"] == "docs"


def test_unknown_members_are_ignored_at_every_depth(kendra_client, index_id):
    # docs/reference/validation.md: ignored, as AWS JSON services do; the backend never
    # sees them (a null one inside CapacityUnits once reached the quota check).
    response = raw_http.call(
        "UpdateIndex",
        {
            "Id": index_id,
            "Unknown": None,
            "CapacityUnits": {"StorageCapacityUnits": 1, "QueryCapacityUnits": 0, "Unknown": None},
        },
    )
    assert response.status_code == 200
    units = kendra_client.describe_index(Id=index_id)["CapacityUnits"]
    assert units == {"StorageCapacityUnits": 1, "QueryCapacityUnits": 0}
    units = {"StorageCapacityUnits": 0, "QueryCapacityUnits": 0}
    params = {"Id": index_id, "Extra": 1, "CapacityUnits": {**units, "X": 2}}
    checks.validate_request("UpdateIndex", params)
    assert params == {"Id": index_id, "CapacityUnits": units}


# -- string lengths, patterns, enums -------------------------------------------------


def test_a_string_longer_than_its_maximum(lax):
    name = "a" * 1001
    assert client_error(lax.create_index, Name=name, RoleArn=ROLE_ARN) == (
        400,
        "ValidationException",
        # Echoed values are cut to 256 characters.
        one(f"'{name[:255]}…'", "name", "Member must have length less than or equal to 1000"),
    )


def test_a_string_shorter_than_its_minimum(lax):
    assert client_error(lax.describe_index, Id="abc") == (
        400,
        "ValidationException",
        one("'abc'", "id", "Member must have length greater than or equal to 36"),
    )


def test_validation_comes_before_the_lookup(lax):
    # 36 characters but not the pattern: ValidationException, not ResourceNotFound.
    bad = "-" * 36
    assert client_error(lax.describe_index, Id=bad) == (
        400,
        "ValidationException",
        one(
            f"'{bad}'",
            "id",
            "Member must satisfy regular expression pattern: [a-zA-Z0-9][a-zA-Z0-9-]*",
        ),
    )


@pytest.mark.parametrize("name", ["has space", "trailing-space ", "-leading", "tab\tin", "ünï"])
def test_a_pattern_applies_to_the_whole_value(lax, name):
    assert client_error(lax.create_index, Name=name, RoleArn=ROLE_ARN) == (
        400,
        "ValidationException",
        one(
            f"'{name}'",
            "name",
            "Member must satisfy regular expression pattern: [a-zA-Z0-9][a-zA-Z0-9_-]*",
        ),
    )


def test_a_value_matching_the_whole_pattern_passes(lax):
    assert lax.create_index(Name="Has_No-Space9", RoleArn=ROLE_ARN)["Id"]


def test_an_unknown_enum_value(lax):
    assert client_error(lax.create_index, Name="docs", RoleArn=ROLE_ARN, Edition="FREE") == (
        400,
        "ValidationException",
        one(
            "'FREE'",
            "edition",
            "Member must satisfy enum value set: "
            "[DEVELOPER_EDITION, ENTERPRISE_EDITION, GEN_AI_ENTERPRISE_EDITION]",
        ),
    )


def test_a_unicode_class_pattern_python_re_cannot_read():
    """Description's pattern ``^\\P{C}*$`` (no control or format characters)."""
    pattern = service_model().shape_for("Description").metadata["pattern"]
    assert pattern == "^\\P{C}*$"
    with pytest.raises(re.error):
        re.compile(pattern)
    checks.validate_request(
        "CreateIndex",
        {"Name": "docs", "RoleArn": ROLE_ARN, "Description": "Café ünïcode ✓ 文档 — fine"},
    )
    for text in ("line\nbreak", "zero\u200bwidth", "bell\x07"):
        with pytest.raises(ValidationException) as caught:
            checks.validate_request(
                "CreateIndex", {"Name": "docs", "RoleArn": ROLE_ARN, "Description": text}
            )
        assert caught.value.message == one(
            f"'{text}'",
            "description",
            "Member must satisfy regular expression pattern: ^\\P{C}*$",
        )


def test_the_unicode_pattern_through_boto3(lax):
    assert client_error(
        lax.create_index, Name="docs", RoleArn=ROLE_ARN, Description="two\nlines"
    ) == (
        400,
        "ValidationException",
        one(
            "'two\nlines'",
            "description",
            "Member must satisfy regular expression pattern: ^\\P{C}*$",
        ),
    )


def test_a_pattern_written_between_slashes_matches_without_them(lax, index_id):
    """LambdaArn's model pattern is ``/arn:aws...:function:...(:...)?/``: the slashes are
    delimiters, a real Lambda ARN passes and anything else fails."""
    enrichment = {"PreExtractionHookConfiguration": {"LambdaArn": LAMBDA_ARN, "S3Bucket": "bucket"}}
    source = lax.create_data_source(
        IndexId=index_id,
        Name="enriched",
        Type="CUSTOM",
        CustomDocumentEnrichmentConfiguration=enrichment,
    )
    assert source["Id"]
    pattern = service_model().shape_for("LambdaArn").metadata["pattern"]
    bad = {
        "PreExtractionHookConfiguration": {
            "LambdaArn": "arn:aws:s3:::bucket-x",
            "S3Bucket": "bucket",
        }
    }
    assert client_error(
        lax.create_data_source,
        IndexId=index_id,
        Name="bad",
        Type="CUSTOM",
        CustomDocumentEnrichmentConfiguration=bad,
    ) == (
        400,
        "ValidationException",
        one(
            "'arn:aws:s3:::bucket-x'",
            "customDocumentEnrichmentConfiguration.preExtractionHookConfiguration.lambdaArn",
            f"Member must satisfy regular expression pattern: {pattern}",
        ),
    )


# -- lists and nesting ---------------------------------------------------------------


def test_a_list_shorter_than_its_minimum(lax, index_id):
    assert client_error(lax.batch_delete_document, IndexId=index_id, DocumentIdList=[]) == (
        400,
        "ValidationException",
        one("'[]'", "documentIdList", "Member must have length greater than or equal to 1"),
    )


def test_a_list_longer_than_its_maximum(lax, index_id):
    ids = [f"d{n}" for n in range(11)]
    assert client_error(lax.batch_delete_document, IndexId=index_id, DocumentIdList=ids) == (
        400,
        "ValidationException",
        one(
            "'[" + ", ".join(ids) + "]'",
            "documentIdList",
            "Member must have length less than or equal to 10",
        ),
    )


def test_members_of_lists_of_structures_are_checked_recursively(lax, index_id):
    documents = [
        {"Id": "ok", "Blob": b"x"},
        {
            "Id": "doc",
            "Blob": b"x",
            "Attributes": [{"Key": "bad key", "Value": {"StringValue": "v"}}],
        },
    ]
    assert client_error(lax.batch_put_document, IndexId=index_id, Documents=documents) == (
        400,
        "ValidationException",
        one(
            "'bad key'",
            "documents.2.member.attributes.1.member.key",
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_][a-zA-Z0-9_-]*",
        ),
    )


def test_several_violations_are_counted_and_joined(lax):
    assert client_error(lax.create_index, Name="", RoleArn=ROLE_ARN, Edition="FREE") == (
        400,
        "ValidationException",
        "3 validation errors detected: "
        "Value '' at 'name' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1; "
        "Value '' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9][a-zA-Z0-9_-]*; "
        "Value 'FREE' at 'edition' failed to satisfy constraint: Member must satisfy "
        "enum value set: [DEVELOPER_EDITION, ENTERPRISE_EDITION, GEN_AI_ENTERPRISE_EDITION]",
    )


# -- types ---------------------------------------------------------------------------


def test_a_member_of_the_wrong_type_through_boto3(lax):
    assert client_error(lax.list_indices, MaxResults="5") == (
        400,
        "SerializationException",
        "STRING_VALUE can not be converted to an Integer at 'maxResults'",
    )


@pytest.mark.parametrize(
    ("operation", "body", "message"),
    [
        (
            "ListIndices",
            {"MaxResults": True},
            "BOOLEAN_VALUE can not be converted to an Integer at 'maxResults'",
        ),
        (
            "ListIndices",
            {"MaxResults": 1.5},
            "NUMBER_VALUE can not be converted to an Integer at 'maxResults'",
        ),
        (
            "ListIndices",
            {"NextToken": 7},
            "NUMBER_VALUE can not be converted to a String at 'nextToken'",
        ),
        ("DescribeIndex", {"Id": ["x"]}, "START_ARRAY can not be converted to a String at 'id'"),
        (
            "BatchDeleteDocument",
            {"IndexId": "i" * 36, "DocumentIdList": "d"},
            "STRING_VALUE can not be converted to a List at 'documentIdList'",
        ),
        (
            "UpdateIndex",
            {"Id": "i" * 36, "CapacityUnits": []},
            "START_ARRAY can not be converted to a Structure at 'capacityUnits'",
        ),
        (
            "ListIndices",
            {"MaxResults": 2**31},
            "NUMBER_VALUE 2147483648 is out of range of an Integer at 'maxResults'",
        ),
    ],
)
def test_a_member_of_the_wrong_json_type(kendra_client, operation, body, message):
    assert raw_http.error(raw_http.call(operation, body)) == (
        400,
        "SerializationException",
        message,
    )


def test_a_blob_that_is_not_base64(kendra_client, index_id):
    response = raw_http.call(
        "BatchPutDocument", {"IndexId": index_id, "Documents": [{"Id": "d", "Blob": "***"}]}
    )
    assert raw_http.error(response) == (
        400,
        "SerializationException",
        "Value at 'documents.1.member.blob' is not valid base64-encoded binary data",
    )


def test_timestamps_are_epoch_seconds(kendra_client, index_id, custom_source):
    execution = kendra_client.start_data_source_sync_job(IndexId=index_id, Id=custom_source)
    body = {"IndexId": index_id, "Id": custom_source, "StartTimeFilter": {"StartTime": 0}}
    history = raw_http.call("ListDataSourceSyncJobs", body).json()["History"]
    assert [job["ExecutionId"] for job in history] == [execution["ExecutionId"]]
    body["StartTimeFilter"] = {"StartTime": 0, "EndTime": 1}
    assert raw_http.call("ListDataSourceSyncJobs", body).json()["History"] == []
    body["StartTimeFilter"] = {"StartTime": 10**20}
    assert raw_http.error(raw_http.call("ListDataSourceSyncJobs", body)) == (
        400,
        "SerializationException",
        "NUMBER_VALUE 100000000000000000000 can not be converted to a Timestamp (epoch "
        "seconds) at 'startTimeFilter.startTime': out of range",
    )
    body["StartTimeFilter"] = {"StartTime": "2024-01-01"}
    assert raw_http.error(raw_http.call("ListDataSourceSyncJobs", body)) == (
        400,
        "SerializationException",
        "STRING_VALUE can not be converted to a Timestamp (epoch seconds) at "
        "'startTimeFilter.startTime'",
    )


def test_unknown_members_are_ignored(kendra_client):
    response = raw_http.call(
        "CreateIndex", {"Name": "docs", "RoleArn": ROLE_ARN, "Bogus": {"x": 1}, "name": 3}
    )
    assert response.status_code == 200
    index = kendra_client.describe_index(Id=response.json()["Id"])
    assert index["Name"] == "docs"


# -- the validator itself ------------------------------------------------------------


def test_sensitive_values_are_left_out_of_messages(lax):
    """KmsKeyId is sensitive in the model: AWS names the member, not the value."""
    key = "k" * 2049
    assert client_error(
        lax.create_index,
        Name="docs",
        RoleArn=ROLE_ARN,
        ServerSideEncryptionConfiguration={"KmsKeyId": key},
    ) == (
        400,
        "ValidationException",
        "1 validation error detected: Value at 'serverSideEncryptionConfiguration.kmsKeyId' "
        "failed to satisfy constraint: Member must have length less than or equal to 2048",
    )


def test_validation_is_compiled_once_per_operation():
    first = checks._request_check("DescribeIndex")
    assert checks._request_check("DescribeIndex") is first


def test_wrong_types_raise_serialization_not_validation():
    with pytest.raises(SerializationException):
        checks.validate_request("ListIndices", {"MaxResults": "1"})
    with pytest.raises(ValidationException):
        checks.validate_request("ListIndices", {"MaxResults": 1000})
