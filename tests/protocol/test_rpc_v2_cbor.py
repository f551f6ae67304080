"""RPC v2 CBOR bodies: what botocore's CBOR serializer writes is read into exactly the
parameters its JSON serializer writes, timestamps and blobs included; results go out
as botocore's CBOR parser reads them.

Kendra's model has the shapes Kendra Intelligent Ranking's inputs lack (blobs, dates,
recursive structures): the codec is checked against both.
"""

from __future__ import annotations

import base64
import io
import json
from datetime import datetime, timezone
from typing import Any

import botocore.serialize
import cbor2
import pytest

from moto_kendra.exceptions import SerializationException
from moto_kendra.protocol import rpc_v2_cbor
from moto_kendra.spec.service import KENDRA, KENDRA_RANKING, service_model
from tests.ranking_calls import RPC_V2_CBOR

#: Whole seconds: botocore's JSON serializer drops fractions, its CBOR one keeps them.
WHEN = datetime(2024, 5, 17, 12, 30, 15, tzinfo=timezone.utc)

#: (service, operation, parameters as a boto3 caller gives them).
REQUESTS: list[tuple[str, str, dict[str, Any]]] = [
    (
        KENDRA,
        "BatchPutDocument",
        {
            "IndexId": "i" * 36,
            "Documents": [
                {
                    "Id": "doc",
                    "Blob": b"\x00\x01binary\xff",
                    "Attributes": [{"Key": "_created_at", "Value": {"DateValue": WHEN}}],
                }
            ],
        },
    ),
    (
        KENDRA,
        "ListDataSourceSyncJobs",
        {
            "Id": "source",
            "IndexId": "i" * 36,
            "StartTimeFilter": {
                "StartTime": WHEN,
                "EndTime": datetime(2025, 1, 1, tzinfo=timezone.utc),
            },
            "MaxResults": 7,
        },
    ),
    (
        KENDRA_RANKING,
        "Rescore",
        {
            "RescoreExecutionPlanId": "p" * 36,
            "SearchQuery": "q",
            "Documents": [
                {"Id": "d", "TokenizedBody": ["a", "b"], "OriginalScore": 1.5, "GroupId": "g"}
            ],
        },
    ),
]


def json_params(service: str, operation: str, params: dict[str, Any]) -> Any:
    """What botocore's JSON serializer sends for ``params``."""
    model = service_model(service).operation_model(operation)
    body = botocore.serialize.create_serializer("json").serialize_to_request(params, model)["body"]
    return json.loads(body)


def cbor2_body(params: dict[str, Any]) -> bytes:
    """``params`` as an RPC v2 CBOR client encodes them: tag-1 dates, byte strings."""
    return bytes(cbor2.dumps(params, datetime_as_timestamp=True))


def botocore_body(service: str, operation: str, params: dict[str, Any]) -> bytes:
    model = service_model(service).operation_model(operation)
    return bytes(
        botocore.serialize.create_serializer(RPC_V2_CBOR).serialize_to_request(params, model)[
            "body"
        ]
    )


ENCODERS = {"cbor2": lambda service, operation, params: cbor2_body(params)}
if RPC_V2_CBOR in botocore.serialize.SERIALIZERS:
    ENCODERS["botocore"] = botocore_body


@pytest.mark.parametrize("encoder", sorted(ENCODERS))
@pytest.mark.parametrize(("service", "operation", "params"), REQUESTS, ids=lambda v: str(v)[:30])
def test_cbor_reads_as_the_json_protocols_parameters(encoder, service, operation, params):
    shape = service_model(service).operation_model(operation).input_shape
    body = ENCODERS[encoder](service, operation, params)

    read = rpc_v2_cbor.parse_body(body, shape)

    assert read == json_params(service, operation, params)


def test_a_blob_becomes_base64_and_a_date_epoch_seconds():
    shape = service_model(KENDRA).operation_model("BatchPutDocument").input_shape

    read = rpc_v2_cbor.parse_body(cbor2_body(REQUESTS[0][2]), shape)

    document = read["Documents"][0]
    assert base64.b64decode(document["Blob"]) == b"\x00\x01binary\xff"
    assert document["Attributes"][0]["Value"]["DateValue"] == WHEN.timestamp()


def test_a_fraction_of_a_second_is_kept():
    shape = service_model(KENDRA).operation_model("ListDataSourceSyncJobs").input_shape
    when = datetime(2024, 5, 17, 12, 30, 15, 250000, tzinfo=timezone.utc)
    body = cbor2_body({"Id": "s", "IndexId": "i" * 36, "StartTimeFilter": {"StartTime": when}})

    read = rpc_v2_cbor.parse_body(body, shape)

    assert read["StartTimeFilter"]["StartTime"] == 1715949015.25


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (
            {"IndexId": "i", "Documents": [{"Id": "d", "Blob": "text, not bytes"}]},
            "a text string can not be converted to a blob",
        ),
        ({"IndexId": b"id"}, "a byte string can not be converted to a string"),
        ({"IndexId": "i", "Documents": {1: "x"}}, None),
        (
            {
                "IndexId": "i",
                "Documents": [
                    {"Id": "d", "Attributes": [{"Key": "k", "Value": {"LongValue": WHEN}}]}
                ],
            },
            "a date can not be converted to a long",
        ),
    ],
)
def test_values_json_can_not_carry_are_serialization_errors(value, words):
    shape = service_model(KENDRA).operation_model("BatchPutDocument").input_shape

    if words is None:
        # A map where a list is expected passes to the model's checks, which name it.
        assert rpc_v2_cbor.parse_body(cbor2_body(value), shape)["Documents"] == {1: "x"}
        return
    with pytest.raises(SerializationException) as caught:
        rpc_v2_cbor.parse_body(cbor2_body(value), shape)
    assert words in caught.value.message


def test_a_map_key_must_be_text():
    shape = service_model(KENDRA).operation_model("UpdateIndex").input_shape
    update = {"Name": "n", "Type": "STRING_VALUE", "Relevance": {"ValueImportanceMap": {1: 2}}}
    body = cbor2.dumps({"Id": "i" * 36, "DocumentMetadataConfigurationUpdates": [update]})

    with pytest.raises(SerializationException) as caught:
        rpc_v2_cbor.parse_body(body, shape)

    assert "map key" in caught.value.message and "not text" in caught.value.message


def test_members_the_shape_does_not_know_are_dropped_whatever_they_hold():
    shape = service_model(KENDRA).operation_model("Query").input_shape
    body = cbor2.dumps({"IndexId": "i" * 36, "QueryText": "q", "Unknown": {1: {2, 3}}})

    assert rpc_v2_cbor.parse_body(body, shape) == {"IndexId": "i" * 36, "QueryText": "q"}


def test_a_body_that_contains_itself_is_refused_not_looped():
    shape = service_model(KENDRA).operation_model("Query").input_shape
    # Shared references (tags 28 and 29) can make a value contain itself.
    looping: dict[str, Any] = {"AndAllFilters": []}
    looping["AndAllFilters"].append(looping)
    body = cbor2.dumps({"IndexId": "i" * 36, "AttributeFilter": looping}, value_sharing=True)

    with pytest.raises(SerializationException) as caught:
        rpc_v2_cbor.parse_body(body, shape)

    assert "nested too deeply" in caught.value.message


def test_results_are_read_by_botocores_cbor_parser():
    import botocore.parsers

    shape = (
        service_model(KENDRA_RANKING).operation_model("DescribeRescoreExecutionPlan").output_shape
    )
    when = datetime(2024, 5, 17, 12, 30, 15, 250000, tzinfo=timezone.utc)
    result = {"Id": "p" * 36, "CreatedAt": when, "CapacityUnits": {"RescoreCapacityUnits": 3}}
    body = rpc_v2_cbor.dump(result)

    parser = getattr(botocore.parsers, "RpcV2CBORParser", None)
    if parser is not None:  # botocore with the protocol: its own parser (tag 1 only)
        parsed = parser().parse({"body": body, "headers": {}, "status_code": 200}, shape)
    else:
        parsed = cbor2.load(io.BytesIO(body))

    assert parsed["CreatedAt"].timestamp() == when.timestamp()
    assert parsed["CapacityUnits"] == {"RescoreCapacityUnits": 3}


def test_errors_are_maps_of_type_and_message():
    assert cbor2.loads(rpc_v2_cbor.error_body("ValidationException", "bad")) == {
        "__type": "ValidationException",
        "message": "bad",
    }
