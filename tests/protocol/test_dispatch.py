"""Kendra's JSON 1.1 protocol over raw HTTP: what a client without botocore sees.

Requests go through ``requests`` inside the active mock to the Kendra endpoint, with
``X-Amz-Target: AWSKendraFrontendService.<Op>``; every response of a real operation is
checked against the model with ``tests.conformance.violations``.
"""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
import requests
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_kendra.protocol.dispatch import TARGET_PREFIX
from moto_kendra.spec.service import service_model
from tests import conformance, raw_http
from tests.conftest import ROLE_ARN
from tests.kendra_calls import FUTURE_OPERATION, IMPLEMENTED, undeclare

INVALID_TOKEN = (
    "The NextToken is invalid: it was not issued for this listing. Pass the NextToken "
    "of the previous response to the same request."
)


def protocol_error(response: Any) -> tuple[int, str, str]:
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert response.headers["x-amzn-RequestId"]
    return raw_http.error(response)


# -- bodies --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "{not json",
            "The request body is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        (
            '{"MaxResults": 5',
            "The request body is not valid JSON: Expecting ',' delimiter: line 1 column 17 (char 16)",
        ),
        ('{"MaxResults": NaN}', "The request body is not valid JSON: NaN is not a JSON value"),
        (
            '{"MaxResults": Infinity}',
            "The request body is not valid JSON: Infinity is not a JSON value",
        ),
        ("[]", "The request body must be a JSON object."),
        ('"ListIndices"', "The request body must be a JSON object."),
        ("null", "The request body must be a JSON object."),
        (b"\xff\xfe{}", "The request body is not UTF-8."),
        (
            "[" * 100_000 + "]" * 100_000,
            "The request body is not valid JSON: it is nested too deeply.",
        ),
    ],
)
def test_a_malformed_body_is_a_serialization_exception(kendra_client, body, message):
    response = raw_http.call("ListIndices", body)
    assert protocol_error(response) == (400, "SerializationException", message)


def test_a_deeply_nested_member_is_a_serialization_exception_not_a_crash(kendra_client):
    depth = 5000
    body = '{"Unknown": ' + '{"Value": ' * depth + '"x"' + "}" * depth + "}"
    response = raw_http.call("ListIndices", body)
    assert protocol_error(response) == (
        400,
        "SerializationException",
        "The request body is not valid JSON: it is nested too deeply.",
    )


def test_an_empty_body_is_an_empty_request(kendra_client):
    response = raw_http.call("ListIndices", "")
    assert response.status_code == 200
    assert response.json() == {"IndexConfigurationSummaryItems": []}


def test_a_member_of_the_wrong_type(kendra_client):
    response = raw_http.call("ListIndices", {"MaxResults": "10"})
    assert protocol_error(response) == (
        400,
        "SerializationException",
        "STRING_VALUE can not be converted to an Integer at 'maxResults'",
    )


def test_a_success_carries_the_json_content_type_and_a_request_id(kendra_client):
    response = raw_http.call("CreateIndex", {"Name": "docs", "RoleArn": ROLE_ARN})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert response.headers["x-amzn-RequestId"]
    assert len(response.json()["Id"]) == 36


# -- targets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (TARGET_PREFIX + "Bogus", "Unknown operation 'Bogus' for AWSKendraFrontendService."),
        (
            TARGET_PREFIX + "listIndices",
            "Unknown operation 'listIndices' for AWSKendraFrontendService.",
        ),
        (TARGET_PREFIX, "Unknown operation '' for AWSKendraFrontendService."),
        (
            "AWSKendraBackendService.ListIndices",
            "Unknown operation: the X-Amz-Target header 'AWSKendraBackendService.ListIndices' does not name an operation of AWSKendraFrontendService.",
        ),
        (
            None,
            "Unknown operation: the X-Amz-Target header '' does not name an operation of AWSKendraFrontendService.",
        ),
    ],
)
def test_an_unknown_target_is_an_unknown_operation_exception(kendra_client, target, message):
    response = raw_http.post(target, {})
    assert protocol_error(response) == (400, "UnknownOperationException", message)


def test_an_unknown_target_is_checked_before_the_body(kendra_client):
    response = raw_http.post(TARGET_PREFIX + "Bogus", "{not json")
    assert protocol_error(response)[1] == "UnknownOperationException"


@pytest.fixture
def future_operation(monkeypatch) -> str:
    """An operation of the model no backend module declares, as a newer botocore's is."""
    return undeclare(monkeypatch, FUTURE_OPERATION)


def test_every_operation_of_the_model_is_implemented():
    assert sorted(set(service_model().operation_names) - set(IMPLEMENTED)) == []


def test_an_unimplemented_operation_is_a_clear_501(kendra_client, future_operation):
    operation = future_operation
    response = raw_http.post(TARGET_PREFIX + operation, {})
    assert protocol_error(response) == (
        501,
        "NotImplementedException",
        f"The Kendra operation {operation} is not implemented by moto-kendra. "
        "Implemented operations are listed in the moto-kendra behaviour reference (docs/reference).",
    )


def test_an_unimplemented_operation_through_boto3_is_not_retried(kendra_client, future_operation):
    operation = future_operation
    method = xform_name(operation)
    client = boto3.client(
        "kendra",
        region_name="us-east-1",
        aws_access_key_id="FOOBARKEY",
        aws_secret_access_key="FOOBARSECRET",
        config=Config(retries={"mode": "standard", "max_attempts": 5}),
    )
    # The suite's conformance hook allows only modeled codes; this one is moto-kendra's.
    client.meta.events.unregister("after-call.kendra", conformance._after_call)
    request = _minimal_request(operation)
    with pytest.raises(ClientError) as caught:
        getattr(client, method)(**request)
    response = caught.value.response
    assert response["Error"]["Code"] == "NotImplementedException"
    assert operation in response["Error"]["Message"]
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert response["ResponseMetadata"]["RetryAttempts"] == 0


def _minimal_request(operation: str) -> dict[str, Any]:
    """A request of ``operation`` with its required members, each the simplest value
    its shape's constraints allow (enough to get past botocore's own validation)."""
    shape = service_model().operation_model(operation).input_shape
    return {
        name: _simplest(shape.members[name]) for name in (shape.required_members if shape else [])
    }


def _simplest(shape: Any) -> Any:
    if shape.type_name == "structure":
        return {name: _simplest(shape.members[name]) for name in shape.required_members}
    if shape.type_name == "list":
        return [_simplest(shape.member)] * shape.metadata.get("min", 0)
    if shape.type_name == "map":
        return {}
    if shape.type_name in ("integer", "long", "float", "double"):
        return shape.metadata.get("min", 1)
    if shape.type_name == "boolean":
        return False
    if shape.type_name == "timestamp":
        return 0
    if shape.type_name == "blob":
        return b"x"
    if "enum" in shape.metadata:
        return shape.enum[0]
    return "a" * max(1, int(shape.metadata.get("min", 1)))


# -- NextToken -----------------------------------------------------------------------


@pytest.fixture
def three_sources(kendra_client, index_id) -> list[str]:
    return [
        kendra_client.create_data_source(IndexId=index_id, Name=f"s{n}", Type="CUSTOM")["Id"]
        for n in range(3)
    ]


def test_a_next_token_pages_its_own_listing(kendra_client, index_id, three_sources):
    first = raw_http.call("ListDataSources", {"IndexId": index_id, "MaxResults": 2}).json()
    assert len(first["SummaryItems"]) == 2
    second = raw_http.call(
        "ListDataSources", {"IndexId": index_id, "MaxResults": 2, "NextToken": first["NextToken"]}
    ).json()
    assert "NextToken" not in second
    listed = [item["Id"] for item in first["SummaryItems"] + second["SummaryItems"]]
    assert sorted(listed) == sorted(three_sources)


@pytest.mark.parametrize("token", ["never-issued", "0" * 64, "x"])
def test_a_next_token_the_backend_did_not_issue(kendra_client, index_id, token):
    response = raw_http.call("ListDataSources", {"IndexId": index_id, "NextToken": token})
    assert protocol_error(response) == (400, "ValidationException", INVALID_TOKEN)


def test_a_next_token_of_another_listing(kendra_client, index_id, three_sources):
    token = kendra_client.list_data_sources(IndexId=index_id, MaxResults=1)["NextToken"]
    # Another operation.
    response = raw_http.call("ListIndices", {"NextToken": token})
    assert protocol_error(response) == (400, "ValidationException", INVALID_TOKEN)
    # The same operation on another index.
    other = kendra_client.create_index(Name="other", RoleArn=ROLE_ARN)["Id"]
    response = raw_http.call("ListDataSources", {"IndexId": other, "NextToken": token})
    assert protocol_error(response) == (400, "ValidationException", INVALID_TOKEN)
    # Another data source's job history.
    response = raw_http.call(
        "ListDataSourceSyncJobs", {"IndexId": index_id, "Id": three_sources[0], "NextToken": token}
    )
    assert protocol_error(response) == (400, "ValidationException", INVALID_TOKEN)


def test_a_next_token_of_another_region(kendra_client, index_id, three_sources):
    token = kendra_client.list_data_sources(IndexId=index_id, MaxResults=1)["NextToken"]
    response = raw_http.call("ListIndices", {"NextToken": token}, region="eu-west-1")
    assert protocol_error(response) == (400, "ValidationException", INVALID_TOKEN)


def test_a_next_token_longer_than_the_model_allows(kendra_client):
    token = "t" * 801
    response = raw_http.call("ListIndices", {"NextToken": token})
    assert protocol_error(response) == (
        400,
        "ValidationException",
        # The value is echoed cut to 256 characters.
        f"1 validation error detected: Value '{token[:255]}…' at 'nextToken' failed to satisfy "
        "constraint: Member must have length less than or equal to 800",
    )


# -- never a traceback -------------------------------------------------------------------


def test_every_implemented_operation_answers_garbage_with_a_400(kendra_client):
    model = service_model()
    for operation in IMPLEMENTED:
        # Every member of the operation a list holding a null: wrong types or nulls.
        members = {name: [None] for name in model.operation_model(operation).input_shape.members}
        for body in ("{", "[1]", members):
            response = raw_http.call(operation, body)
            status, code, message = protocol_error(response)
            assert status == 400
            assert code in {"SerializationException", "ValidationException"}
            assert "Traceback" not in message


# -- regions, bounded echoes ---------------------------------------------------------


def test_a_region_kendra_does_not_serve_is_a_400_that_names_it_and_is_not_retried(kendra_client):
    client = boto3.client(
        "kendra", region_name="us-west-1", config=Config(retries={"mode": "standard"})
    )
    with pytest.raises(ClientError) as raised:
        client.list_indices()
    response = raised.value.response
    assert response["Error"]["Code"] == "ValidationException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["ResponseMetadata"]["RetryAttempts"] == 0
    assert "'us-west-1'" in response["Error"]["Message"]


def test_a_raw_request_for_an_unserved_region_too(kendra_client):
    status, code, message = raw_http.error(
        raw_http.post(TARGET_PREFIX + "ListIndices", {}, region="us-west-1")
    )
    assert (status, code) == (400, "ValidationException")
    assert message.startswith("Amazon Kendra isn't available in region 'us-west-1'")


def test_a_huge_value_is_echoed_cut_with_an_ellipsis(kendra_client):
    name = "n" * 10_000_000  # 10 MB; the 1000-character limit is broken
    response = raw_http.call("CreateIndex", {"Name": name, "RoleArn": ROLE_ARN})
    status, code, message = raw_http.error(response)
    assert (status, code) == (400, "ValidationException")
    assert len(response.content) < 2_000
    assert f"Value '{'n' * 255}…' at 'name'" in message


def test_a_huge_target_is_echoed_cut(kendra_client):
    response = raw_http.post("x" * 60_000, {})
    status, code, message = raw_http.error(response)
    assert (status, code) == (400, "UnknownOperationException")
    assert len(response.content) < 1_000
    assert "…" in message


def test_every_message_is_bounded_however_many_values_are_wrong(kendra_client):
    documents = [
        {
            "Id": "d" * 5000,
            "Blob": "",
            "AccessControlList": [{"Name": "n" * 5000, "Type": "USER", "Access": "ALLOW"}] * 10,
        }
        for _ in range(10)
    ]
    response = raw_http.call("BatchPutDocument", {"IndexId": "0" * 36, "Documents": documents})
    status, code, message = raw_http.error(response)
    assert (status, code) == (400, "ValidationException")
    assert len(message) <= 8192
    assert message.startswith("110 validation errors detected")
    assert message.endswith("…")


# -- method and Content-Type ------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_a_method_other_than_post_runs_nothing(kendra_client, method):
    response = requests.request(
        method,
        raw_http.URL.format(region="us-east-1"),
        data=json.dumps({"Name": "docs", "RoleArn": ROLE_ARN}),
        headers={
            "X-Amz-Target": TARGET_PREFIX + "CreateIndex",
            "Content-Type": raw_http.CONTENT_TYPE,
        },
        timeout=30,
    )
    status, code, message = raw_http.error(response)
    assert (status, code) == (400, "UnknownOperationException")
    assert message == f"Unknown operation: Amazon Kendra's API takes POST requests, not {method}."
    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
def test_a_body_a_browser_form_could_send_runs_nothing(kendra_client, content_type):
    response = raw_http.post(
        TARGET_PREFIX + "CreateIndex",
        {"Name": "docs", "RoleArn": ROLE_ARN},
        headers={"Content-Type": content_type},
    )
    status, code, message = raw_http.error(response)
    assert (status, code) == (400, "UnknownOperationException")
    assert content_type.split(";")[0] in message
    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-amz-json-1.1",
        "application/x-amz-json-1.0",
        "application/json",
        "application/x-amz-json-1.1; charset=utf-8",
    ],
)
def test_the_json_content_types_are_taken(kendra_client, content_type):
    response = raw_http.post(
        TARGET_PREFIX + "ListIndices", {}, headers={"Content-Type": content_type}
    )
    assert response.status_code == 200
