"""`import moto_kendra` makes moto serve Kendra on every route, and changes nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import boto3
import moto.backend_index
import pytest
import requests
from botocore.exceptions import ClientError
from moto import mock_aws

import moto_kendra
from tests import conformance
from tests.conftest import ROLE_ARN
from tests.kendra_calls import FUTURE_OPERATION, error_of, undeclare

URL = "https://kendra.us-east-1.amazonaws.com/"
MODEL = boto3.session.Session().client("kendra", region_name="us-east-1").meta.service_model


def raw_call(operation: str, body: object, url: str = URL) -> requests.Response:
    """A Kendra call through `requests` (moto's responses mock), as a non-boto3 client sends it."""
    return requests.post(
        url,
        data=body if isinstance(body, (str, bytes)) else json.dumps(body),
        headers={
            "X-Amz-Target": f"AWSKendraFrontendService.{operation}",
            "Content-Type": "application/x-amz-json-1.1",
        },
        timeout=5,
    )


def checked(operation: str, response: requests.Response) -> dict:
    problems = conformance.violations(
        MODEL.operation_model(operation), response.status_code, response.content
    )
    assert problems == []
    return response.json()


def client():
    return boto3.client("kendra", region_name="us-east-1")


def test_mock_aws_as_a_decorator_serves_kendra():
    @mock_aws
    def create_and_list():
        kendra = client()
        index_id = kendra.create_index(Name="decorated", RoleArn=ROLE_ARN)["Id"]
        return index_id, kendra.list_indices()["IndexConfigurationSummaryItems"]

    index_id, items = create_and_list()
    assert [item["Id"] for item in items] == [index_id]


def test_mock_aws_as_a_context_manager_serves_kendra():
    with mock_aws():
        kendra = client()
        index_id = kendra.create_index(Name="managed", RoleArn=ROLE_ARN)["Id"]
        assert kendra.describe_index(Id=index_id)["Name"] == "managed"


@mock_aws
class TestMockAwsAsAClassDecorator:
    def test_first_method_sees_an_empty_backend(self):
        kendra = client()
        assert kendra.list_indices()["IndexConfigurationSummaryItems"] == []
        kendra.create_index(Name="left-behind", RoleArn=ROLE_ARN)

    def test_second_method_sees_an_empty_backend_too(self):
        kendra = client()
        assert kendra.list_indices()["IndexConfigurationSummaryItems"] == []
        kendra.create_index(Name="left-behind", RoleArn=ROLE_ARN)


def test_requests_to_the_kendra_endpoint_are_answered_by_the_backend():
    with mock_aws():
        index_id = checked(
            "CreateIndex", raw_call("CreateIndex", {"Name": "raw", "RoleArn": ROLE_ARN})
        )["Id"]
        listed = checked("ListIndices", raw_call("ListIndices", {}))
        assert [item["Id"] for item in listed["IndexConfigurationSummaryItems"]] == [index_id]
        # The same backend answers boto3.
        assert client().describe_index(Id=index_id)["Name"] == "raw"


def test_a_new_mock_starts_with_an_empty_backend():
    with mock_aws():
        client().create_index(Name="first", RoleArn=ROLE_ARN)
        assert len(moto_kendra.kendra_backends["123456789012"]["us-east-1"].indices) == 1
    with mock_aws():
        assert client().list_indices()["IndexConfigurationSummaryItems"] == []


def test_registering_again_changes_nothing():
    patterns = list(moto.backend_index.backend_url_patterns)
    moto_kendra.register()
    moto_kendra.register()
    after = moto.backend_index.backend_url_patterns
    assert after == patterns
    assert [service for service, _ in after].count("kendra") == 1


def test_other_services_route_exactly_as_without_moto_kendra():
    script = textwrap.dedent(
        """
        import json, moto.backend_index as index
        before = [(s, p.pattern) for s, p in index.backend_url_patterns]
        import moto_kendra
        after = [(s, p.pattern) for s, p in index.backend_url_patterns]
        print(json.dumps({"before": before, "after": after}))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    seen = json.loads(out)
    # Kendra first (its fast path wants it so), then Kendra Intelligent Ranking.
    assert [service for service, _ in seen["after"][:2]] == ["kendra", "kendra-ranking"]
    assert seen["after"][2:] == seen["before"]


def test_other_services_keep_working_beside_kendra():
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="beside-kendra")
        client().create_index(Name="beside-s3", RoleArn=ROLE_ARN)
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["beside-kendra"]
        sqs = boto3.client("sqs", region_name="us-east-1")
        queue_url = sqs.create_queue(QueueName="beside-kendra")["QueueUrl"]
        assert sqs.list_queues()["QueueUrls"] == [queue_url]


def test_the_dashboard_files_the_models_under_kendra():
    from moto.core.model_instances import model_data

    assert {"Index", "DataSource", "SyncJob", "Document"} <= set(model_data["kendra"])
    assert "models" not in model_data or "SyncJob" not in model_data["models"]


# -- errors render as Kendra errors on every in-process route -------------------------


def error_of_call(call) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as caught:
        call()
    return error_of(caught)


@mock_aws
def test_modeled_errors_render_with_their_code_and_status_through_boto3():
    kendra = client()
    missing = "0" * 36
    code, status, message = error_of_call(lambda: kendra.describe_index(Id=missing))
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert missing in message
    code, status, message = error_of_call(lambda: kendra.list_indices(MaxResults=101))
    assert (code, status) == ("ValidationException", 400)
    assert message == (
        "1 validation error detected: Value '101' at 'maxResults' failed to satisfy "
        "constraint: Member must have value less than or equal to 100"
    )
    code, status, _ = error_of_call(
        lambda: kendra.list_tags_for_resource(
            ResourceARN=f"arn:aws:kendra:us-east-1:123456789012:index/{missing}"
        )
    )
    assert (code, status) == ("ResourceUnavailableException", 400)


@mock_aws
def test_modeled_errors_render_with_their_code_and_status_through_requests():
    response = raw_call("DescribeIndex", {"Id": "0" * 36})
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
    body = checked("DescribeIndex", response)
    assert body["__type"] == "ResourceNotFoundException"


@mock_aws
def test_an_unimplemented_kendra_operation_is_a_clear_error_not_a_python_exception(monkeypatch):
    # An operation of the model no module declares, as one a newer botocore adds is.
    operation = undeclare(monkeypatch, FUTURE_OPERATION)
    response = raw_call(operation, {})
    assert response.status_code == 501
    assert response.json()["__type"] == "NotImplementedException"
    assert response.json()["message"].startswith(
        f"The Kendra operation {operation} is not implemented by moto-kendra"
    )


@mock_aws
def test_an_unknown_target_is_an_unknown_operation():
    response = raw_call("MakeCoffee", {})
    assert response.status_code == 400
    assert response.json()["__type"] == "UnknownOperationException"
    assert "MakeCoffee" in response.json()["message"]


def test_importing_while_a_mock_is_active_works_on_every_route():
    script = textwrap.dedent(
        f"""
        import json, boto3, requests
        from moto import mock_aws
        with mock_aws():
            import moto_kendra  # after the mock copied moto's URL patterns
            kendra = boto3.client("kendra", region_name="us-east-1")
            index_id = kendra.create_index(Name="late", RoleArn="{ROLE_ARN}")["Id"]
            raw = requests.post(
                "https://kendra.us-east-1.amazonaws.com/",
                data=json.dumps({{"Id": index_id}}),
                headers={{"X-Amz-Target": "AWSKendraFrontendService.DescribeIndex",
                         "Content-Type": "application/x-amz-json-1.1"}},
            )
            print(json.dumps({{"status": raw.status_code, "name": raw.json().get("Name")}}))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == {"status": 200, "name": "late"}


@mock_aws
def test_the_fips_endpoint_is_served_by_the_same_backend():
    from botocore.config import Config

    fips = boto3.client("kendra", region_name="us-east-1", config=Config(use_fips_endpoint=True))
    assert fips.meta.endpoint_url == "https://kendra-fips.us-east-1.amazonaws.com"
    index_id = fips.create_index(Name="fips", RoleArn=ROLE_ARN)["Id"]
    assert client().describe_index(Id=index_id)["Name"] == "fips"
