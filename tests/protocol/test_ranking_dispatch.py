"""Kendra Intelligent Ranking on the wire: RPC v2 CBOR and JSON 1.0, told apart by the
request, answered in the same protocol; raw HTTP through moto's ``requests`` mock.
Every answer is checked against the model (``ranking_calls.checked``)."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Any

import botocore.parsers
import cbor2
import pytest
from botocore.exceptions import ClientError

from moto_kendra.backend.ranking import kendraranking_backends
from moto_kendra.spec.service import KENDRA_RANKING, service_model
from tests import conformance, ranking_calls
from tests.ranking_calls import checked, decoded, post_cbor, post_json

CREATE = "CreateRescoreExecutionPlan"
DESCRIBE = "DescribeRescoreExecutionPlan"


@pytest.fixture
def mock(kendra_ranking_client):
    """The kept mock, fresh state."""
    return kendra_ranking_client


def plan(post=post_cbor, region: str = "us-east-1") -> str:
    return str(decoded(checked(CREATE, post(CREATE, {"Name": "plan"}, region=region)))["Id"])


def test_botocores_default_client_speaks_json_1_0(kendra_ranking_client):
    model = kendra_ranking_client.meta.service_model

    answer = kendra_ranking_client.list_rescore_execution_plans()

    assert getattr(model, "resolved_protocol", model.protocol) == "json"
    assert answer["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.0"


# -- RPC v2 CBOR ---------------------------------------------------------------------


def test_a_cbor_request_gets_a_cbor_answer(mock):
    response = checked(CREATE, post_cbor(CREATE, {"Name": "plan", "Description": "d"}))

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/cbor"
    assert response.headers["smithy-protocol"] == "rpc-v2-cbor"
    assert response.headers["x-amzn-RequestId"]
    assert set(cbor2.loads(response.content)) == {"Id", "Arn"}


def test_timestamps_go_out_as_tag_1_epoch_seconds(mock):
    response = checked(DESCRIBE, post_cbor(DESCRIBE, {"Id": plan()}))

    created = cbor2.loads(response.content)["CreatedAt"]
    assert isinstance(created, datetime)
    # The encoding of that instant as tag 1 (0xc1) epoch seconds is in the body.
    assert cbor2.dumps(created, datetime_as_timestamp=True)[:1] == b"\xc1"
    assert cbor2.dumps(created, datetime_as_timestamp=True) in response.content


def test_a_cbor_error_is_a_map_with_the_models_status(mock):
    response = checked(DESCRIBE, post_cbor(DESCRIBE, {"Id": "0" * 36}))

    assert response.status_code == ranking_calls.status("ResourceNotFoundException")
    assert response.headers["Content-Type"] == "application/cbor"
    body = cbor2.loads(response.content)
    assert body["__type"] == "ResourceNotFoundException"
    assert "0" * 36 in body["message"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"\x18", "not valid CBOR"),
        (b"\x9f\x01", "not valid CBOR"),
        (cbor2.dumps([1, 2]), "must be a CBOR map"),
        (cbor2.dumps({"Name": b"bytes"}), "a byte string can not be converted to a string"),
        (
            cbor2.dumps(
                {"Name": datetime(2024, 1, 1, tzinfo=timezone.utc)}, datetime_as_timestamp=True
            ),
            "a date can not be converted to a string",
        ),
        (cbor2.dumps({"Name": 12}), "NUMBER_VALUE can not be converted to a String"),
        (cbor2.dumps({"Name": {1, 2}}), "can not be converted to a string"),
    ],
)
def test_a_malformed_cbor_body_is_a_serialization_error(mock, body, words):
    response = checked(CREATE, post_cbor(CREATE, body))

    assert response.status_code == 400
    answer = cbor2.loads(response.content)
    assert answer["__type"] == "SerializationException"
    assert words in answer["message"]


def test_undefined_and_null_members_are_absent(mock):
    encoded = cbor2.dumps({"Name": "plan", "Description": cbor2.undefined, "Tags": None})

    response = checked(CREATE, post_cbor(CREATE, encoded))
    described = decoded(checked(DESCRIBE, post_cbor(DESCRIBE, {"Id": decoded(response)["Id"]})))

    assert response.status_code == 200
    assert "Description" not in described


def test_members_the_shape_does_not_know_are_ignored(mock):
    response = checked(CREATE, post_cbor(CREATE, {"Name": "plan", "Unknown": b"\x00"}))

    assert response.status_code == 200


def test_a_nan_score_is_in_no_range(mock):
    body = {
        "RescoreExecutionPlanId": plan(),
        "SearchQuery": "q",
        "Documents": [{"Id": "d", "Body": "b", "OriginalScore": math.nan}],
    }

    response = checked("Rescore", post_cbor("Rescore", body))

    assert response.status_code == 400
    assert cbor2.loads(response.content)["__type"] == "ValidationException"


def test_validation_is_the_models_on_both_protocols(mock):
    body = {"RescoreExecutionPlanId": plan(), "SearchQuery": "q", "Documents": []}

    for post in (post_cbor, post_json):
        response = checked("Rescore", post("Rescore", body))
        answer = decoded(response)
        assert (response.status_code, answer["__type"]) == (400, "ValidationException")
        assert "at 'documents' failed to satisfy constraint" in answer["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/service/AWSKendraRerankingFrontendService/operation/Frobnicate",
        "/service/AWSKendraFrontendService/operation/ListIndices",
    ],
)
def test_an_unknown_operation_path(mock, path):
    import requests

    response = requests.post(
        f"https://kendra-ranking.us-east-1.api.aws{path}",
        data=cbor2.dumps({}),
        headers={"Content-Type": "application/cbor", "smithy-protocol": "rpc-v2-cbor"},
    )

    assert response.status_code == 400
    assert cbor2.loads(response.content)["__type"] == "UnknownOperationException"


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/service/AWSKendraRerankingFrontendService/operation/" + "x" * 60_000, {}),
        ("/service/" + "x" * 60_000, {}),
        ("/", {"X-Amz-Target": "x" * 60_000}),
    ],
)
def test_a_huge_operation_name_is_echoed_cut(mock, path, headers):
    """As Kendra's: a value echoed in a message is cut to 256 characters (…)."""
    response = _post_to(path, headers)

    assert response.status_code == 400
    error = _error(response)
    assert error["__type"] == "UnknownOperationException"
    assert "x" * 200 in error["message"]
    assert "x…'" in error["message"]
    assert len(error["message"]) < 1_000


@pytest.mark.parametrize(
    "path", ["/foo", "/service/AWSKendraRerankingFrontendService", "/prefix/", "/a/b/c"]
)
def test_a_path_that_names_no_operation_is_an_unknown_operation(mock, path):
    target = {"X-Amz-Target": "AWSKendraRerankingFrontendService.ListRescoreExecutionPlans"}
    response = _post_to(path, target)

    assert response.status_code == 400
    assert _error(response)["__type"] == "UnknownOperationException"


def _post_to(path: str, headers: dict[str, str]) -> Any:
    import requests

    if path.startswith("/service/"):
        sent = {"Content-Type": "application/cbor", "smithy-protocol": "rpc-v2-cbor"}
        data = cbor2.dumps({})
    else:
        sent, data = {"Content-Type": "application/x-amz-json-1.0"}, b"{}"
    return requests.post(
        f"https://kendra-ranking.us-east-1.api.aws{path}", data=data, headers={**sent, **headers}
    )


def _error(response: Any) -> Any:
    if response.headers["Content-Type"] == "application/cbor":
        return cbor2.loads(response.content)
    return response.json()


def test_an_empty_cbor_body_is_an_empty_input(mock):
    response = checked("ListRescoreExecutionPlans", post_cbor("ListRescoreExecutionPlans", b""))

    assert response.status_code == 200
    assert decoded(response) == {"SummaryItems": []}


# -- JSON 1.0 ---------------------------------------------------------------------------


def test_a_json_request_gets_a_json_1_0_answer(mock):
    response = checked(CREATE, post_json(CREATE, {"Name": "plan"}))
    missing = checked(DESCRIBE, post_json(DESCRIBE, {"Id": "0" * 36}))

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/x-amz-json-1.0"
    assert set(response.json()) == {"Id", "Arn"}
    assert missing.status_code == ranking_calls.status("ResourceNotFoundException")
    assert missing.json()["__type"] == "ResourceNotFoundException"


def test_a_json_request_without_a_target_is_an_unknown_operation(mock):
    response = post_json(None, {})

    assert response.status_code == 400
    assert response.json()["__type"] == "UnknownOperationException"


def test_both_protocols_share_one_backend(mock):
    plan_id = plan(post_cbor)

    described = checked(DESCRIBE, post_json(DESCRIBE, {"Id": plan_id})).json()

    assert described["Name"] == "plan"
    assert isinstance(described["CreatedAt"], float)


# -- endpoints -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://kendra-ranking.eu-west-1.api.aws",
        "https://kendra-ranking-fips.eu-west-1.api.aws",
    ],
)
def test_the_region_is_the_hosts(mock, url):
    for post in (post_cbor, post_json):
        checked(CREATE, post(CREATE, {"Name": "plan"}, url=url))

    assert len(kendraranking_backends["123456789012"]["eu-west-1"].plans) == 2
    assert kendraranking_backends["123456789012"]["us-east-1"].plans == {}


@pytest.mark.parametrize("protocol", ranking_calls.PROTOCOLS)
def test_the_suites_conformance_hook_checks_every_ranking_response(mock, protocol):
    client = ranking_calls.client(protocol)
    before = conformance.checked["responses"]

    client.list_rescore_execution_plans()
    with pytest.raises(ClientError):
        client.describe_rescore_execution_plan(Id="0" * 36)

    assert conformance.checked["responses"] == before + 2


def test_the_conformance_check_reads_cbor_strictly():
    model = service_model(KENDRA_RANKING).operation_model(DESCRIBE)
    text_date = cbor2.dumps({"Id": "p" * 36, "CreatedAt": "2024-01-01T00:00:00Z"})
    tag_0 = cbor2.dumps({"Id": "p" * 36, "CreatedAt": datetime(2024, 1, 1, tzinfo=timezone.utc)})
    extra = cbor2.dumps({"Id": "p" * 36, "Extra": 1})

    assert conformance.violations(model, 200, text_date, "application/cbor")
    # botocore's CBOR parser refuses tag 0; before botocore had one, cbor2 reads it.
    botocore_reads_cbor = hasattr(botocore.parsers, "RpcV2CBORParser")
    assert (
        bool(conformance.violations(model, 200, tag_0, "application/cbor")) == botocore_reads_cbor
    )
    assert conformance.violations(model, 200, extra, "application/cbor")
    assert (
        conformance.violations(
            model,
            400,
            cbor2.dumps({"__type": "ValidationException", "message": "m"}),
            "application/cbor",
        )
        == []
    )
    # A status the model doesn't give the error, an error without a message.
    assert conformance.violations(
        model,
        ranking_calls.status("ValidationException") + 1,
        cbor2.dumps({"__type": "ValidationException", "message": "m"}),
        "application/cbor",
    )
    assert conformance.violations(
        model, 400, cbor2.dumps({"__type": "ThrottlingException"}), "application/cbor"
    )


# -- what names no operation, and regions ---------------------------------------------


@pytest.mark.parametrize("protocol", ["json", "cbor"])
@pytest.mark.parametrize(
    ("method", "content_type"),
    [
        ("GET", None),
        ("PUT", None),
        ("POST", "text/plain"),
        ("POST", "application/x-www-form-urlencoded"),
    ],
)
def test_only_bodies_of_the_protocol_posted_name_an_operation(mock, protocol, method, content_type):
    import requests

    if protocol == "cbor":
        url = "https://kendra-ranking.us-east-1.api.aws/service/AWSKendraRerankingFrontendService/operation/ListRescoreExecutionPlans"
        headers = {
            "Content-Type": content_type or "application/cbor",
            "smithy-protocol": "rpc-v2-cbor",
        }
        data = cbor2.dumps({})
    else:
        url = "https://kendra-ranking.us-east-1.api.aws/"
        headers = {
            "Content-Type": content_type or "application/x-amz-json-1.0",
            "X-Amz-Target": "AWSKendraRerankingFrontendService.ListRescoreExecutionPlans",
        }
        data = b"{}"

    response = requests.request(method, url, data=data, headers=headers)

    assert response.status_code == 400
    assert decoded(response)["__type"] == "UnknownOperationException"


def test_a_cbor_request_without_a_body_needs_no_content_type(mock):
    response = post_cbor("ListRescoreExecutionPlans", b"", headers={"Content-Type": ""})

    assert response.status_code == 200


def test_a_region_the_service_does_not_serve_is_a_validation_error(mock, kendra_client):
    import requests

    ranking = post_json(CREATE, {"Name": "plan"}, url="https://kendra-ranking.mars-north-1.api.aws")
    kendra = requests.post(
        "https://kendra.mars-north-1.amazonaws.com/",
        data="{}",
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSKendraFrontendService.ListIndices",
        },
    )

    assert ranking.status_code == 400
    assert ranking.json()["__type"] == "ValidationException"
    assert (
        "Amazon Kendra Intelligent Ranking isn't available in region 'mars-north-1'"
        in ranking.json()["message"]
    )
    assert (kendra.status_code, kendra.json()["__type"]) == (400, "ValidationException")
    assert "Amazon Kendra isn't available in region 'mars-north-1'" in kendra.json()["message"]


@pytest.mark.parametrize(
    ("url", "region", "partition"),
    [
        ("https://kendra-ranking.cn-north-1.api.amazonwebservices.com.cn", "cn-north-1", "aws-cn"),
        ("https://kendra-ranking-fips.us-gov-west-1.api.aws", "us-gov-west-1", "aws-us-gov"),
    ],
)
def test_other_partitions_endpoints_and_arns(mock, url, region, partition):
    created = checked(CREATE, post_cbor(CREATE, {"Name": "plan"}, url=url))

    arn = decoded(created)["Arn"]
    assert arn.startswith(f"arn:{partition}:kendra-ranking:{region}:123456789012:")
