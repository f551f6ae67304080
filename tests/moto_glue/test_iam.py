"""IAM access control: with moto's enforcement on, Kendra calls are ``kendra:<Action>``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import cbor2
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError
from moto import mock_aws, settings
from moto.core import set_initial_no_auth_action_count

from moto_kendra.spec.service import service_model
from tests import conformance, ranking_calls, raw_http
from tests.conftest import ROLE_ARN
from tests.kendra_calls import error_of
from tests.kendra_server import REGION, RunningServer, running_server

READ_ONLY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["kendra:List*", "kendra:Describe*"],
            "Resource": "*",
        }
    ],
}
ALL_BUT_DELETE = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "kendra:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "kendra:DeleteIndex", "Resource": "*"},
    ],
}
# IAM calls made before enforcement starts: create_user, create_policy,
# attach_user_policy, create_access_key.
SETUP_CALLS = 4
KENDRA_URL = f"https://kendra.{REGION}.amazonaws.com"


def _user_with_policy(iam: Any, policy: dict[str, Any]) -> dict[str, str]:
    iam.create_user(UserName="kendra-user")
    policy_arn = iam.create_policy(PolicyName="kendra-policy", PolicyDocument=json.dumps(policy))[
        "Policy"
    ]["Arn"]
    iam.attach_user_policy(UserName="kendra-user", PolicyArn=policy_arn)
    key = iam.create_access_key(UserName="kendra-user")["AccessKey"]
    return {
        "aws_access_key_id": key["AccessKeyId"],
        "aws_secret_access_key": key["SecretAccessKey"],
    }


def _signed(
    url: str, operation: str, params: dict[str, Any], key: str, secret: str
) -> requests.Response:
    """A Kendra request signed with SigV4 by ``key``, sent with ``requests``."""
    request = AWSRequest(
        method="POST",
        url=f"{url}/",
        data=json.dumps(params).encode(),
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSKendraFrontendService.{operation}",
        },
    )
    SigV4Auth(Credentials(key, secret), "kendra", REGION).add_auth(request)
    prepared = request.prepare()
    return requests.post(
        prepared.url, data=prepared.body, headers=dict(prepared.headers), timeout=30
    )


# -- in-process: mock_aws + boto3 -----------------------------------------------


@set_initial_no_auth_action_count(SETUP_CALLS)
@mock_aws
def test_an_allowed_and_a_denied_action_under_the_same_mock() -> None:
    keys = _user_with_policy(boto3.client("iam", region_name=REGION), READ_ONLY)
    kendra = boto3.client("kendra", region_name=REGION, **keys)

    listed = kendra.list_indices()
    with pytest.raises(ClientError) as denied:
        kendra.create_index(Name="docs", RoleArn=ROLE_ARN)

    assert listed["IndexConfigurationSummaryItems"] == []
    code, status, message = error_of(denied)
    assert (code, status) == ("AccessDeniedException", 400)
    assert message == (
        "User: arn:aws:iam::123456789012:user/kendra-user is not authorized to perform: "
        "kendra:CreateIndex"
    )
    # The denied call changed nothing.
    assert kendra.list_indices()["IndexConfigurationSummaryItems"] == []


@set_initial_no_auth_action_count(SETUP_CALLS)
@mock_aws
def test_an_explicit_deny_wins_over_an_allow() -> None:
    keys = _user_with_policy(boto3.client("iam", region_name=REGION), ALL_BUT_DELETE)
    kendra = boto3.client("kendra", region_name=REGION, **keys)

    index_id = kendra.create_index(Name="docs", RoleArn=ROLE_ARN)["Id"]
    with pytest.raises(ClientError) as denied:
        kendra.delete_index(Id=index_id)

    assert error_of(denied)[:2] == ("AccessDeniedException", 400)
    assert kendra.describe_index(Id=index_id)["Name"] == "docs"


@set_initial_no_auth_action_count(SETUP_CALLS)
@mock_aws
def test_the_first_calls_are_let_through_then_every_kendra_call_is_checked() -> None:
    # moto counts Kendra's calls like its own: these pass unchecked, with a key IAM
    # does not know; the next one is checked. (Raw requests, through moto's
    # ``requests`` mock: UnrecognizedClientException is a common AWS error that
    # Kendra's model does not list, which the suite's conformance hook would reject.)
    answers = [
        _signed(KENDRA_URL, "ListIndices", {}, "AKIAUNKNOWN000000000", "x")
        for _ in range(SETUP_CALLS + 1)
    ]

    assert [answer.status_code for answer in answers] == [200] * SETUP_CALLS + [400]
    assert answers[-1].json() == {
        "__type": "UnrecognizedClientException",
        "message": "The security token included in the request is invalid.",
    }


def test_enforcement_is_off_by_default() -> None:
    assert settings.INITIAL_NO_AUTH_ACTION_COUNT == float("inf")
    with mock_aws():
        kendra = boto3.client(
            "kendra",
            region_name=REGION,
            aws_access_key_id="AKIAUNKNOWN000000000",
            aws_secret_access_key="x",
        )
        kendra.create_index(Name="docs", RoleArn=ROLE_ARN)
        assert len(kendra.list_indices()["IndexConfigurationSummaryItems"]) == 1


# -- server mode ----------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server() as running:
        yield running


@pytest.fixture
def enforcing(server: RunningServer) -> Iterator[RunningServer]:
    """IAM enforced after SETUP_CALLS requests, through moto's /moto-api/reset-auth."""
    server.reset()
    requests.post(
        f"{server.url}/moto-api/reset-auth", data=str(SETUP_CALLS), timeout=30
    ).raise_for_status()
    try:
        yield server
    finally:
        requests.post(
            f"{server.url}/moto-api/reset-auth", data="inf", timeout=30
        ).raise_for_status()


def test_server_mode_allows_and_denies_with_json_errors(enforcing: RunningServer) -> None:
    iam = boto3.client(
        "iam",
        region_name=REGION,
        endpoint_url=enforcing.url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    keys = _user_with_policy(iam, READ_ONLY)
    kendra = boto3.client("kendra", region_name=REGION, endpoint_url=enforcing.url, **keys)

    assert kendra.list_indices()["IndexConfigurationSummaryItems"] == []
    with pytest.raises(ClientError) as denied:
        kendra.create_index(Name="docs", RoleArn=ROLE_ARN)
    raw = _signed(
        enforcing.url,
        "CreateIndex",
        {"Name": "docs", "RoleArn": ROLE_ARN},
        keys["aws_access_key_id"],
        keys["aws_secret_access_key"],
    )

    assert error_of(denied)[:2] == ("AccessDeniedException", 400)
    assert raw.status_code == 400
    assert raw.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert raw.json()["__type"] == "AccessDeniedException"
    assert (
        conformance.violations(
            service_model().operation_model("CreateIndex"), raw.status_code, raw.content
        )
        == []
    )


def test_server_mode_rejects_unknown_keys_and_bad_signatures(
    enforcing: RunningServer,
) -> None:
    iam = boto3.client(
        "iam",
        region_name=REGION,
        endpoint_url=enforcing.url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    keys = _user_with_policy(iam, READ_ONLY)

    unknown = _signed(enforcing.url, "ListIndices", {}, "AKIAUNKNOWN000000000", "x")
    forged = _signed(enforcing.url, "ListIndices", {}, keys["aws_access_key_id"], "not-the-secret")
    genuine = _signed(
        enforcing.url, "ListIndices", {}, keys["aws_access_key_id"], keys["aws_secret_access_key"]
    )

    assert (unknown.status_code, unknown.json()["__type"]) == (400, "UnrecognizedClientException")
    assert (forged.status_code, forged.json()["__type"]) == (400, "InvalidSignatureException")
    assert (genuine.status_code, genuine.json()) == (200, {"IndexConfigurationSummaryItems": []})


# -- which account a request acts in -------------------------------------------------


@pytest.mark.parametrize(
    "account", ["abc", "../../etc/passwd", "123456789012\t", "12345678901", "١٢٣٤٥٦٧٨٩٠١٢"]
)
def test_x_moto_account_id_must_be_12_digits(kendra_client, account):
    response = raw_http.post(
        "AWSKendraFrontendService.ListIndices", {}, headers={"x-moto-account-id": account}
    )
    status, code, message = raw_http.error(response)
    assert (status, code) == (400, "ValidationException")
    assert message == (
        f"The x-moto-account-id header {account!r} is not an AWS account id: an account id is 12 digits."
    )


def test_a_valid_x_moto_account_id_picks_the_account(kendra_client):
    other = "210987654321"
    created = raw_http.call("CreateIndex", {"Name": "docs", "RoleArn": ROLE_ARN})
    listed = raw_http.post(
        "AWSKendraFrontendService.ListIndices", {}, headers={"x-moto-account-id": other}
    )
    assert created.status_code == listed.status_code == 200
    assert listed.json() == {"IndexConfigurationSummaryItems": []}


def test_moto_account_id_must_be_12_digits(kendra_client, monkeypatch):
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "acct-1")
    status, code, message = raw_http.error(
        raw_http.post("AWSKendraFrontendService.ListIndices", {})
    )
    assert (status, code) == (400, "ValidationException")
    assert (
        message == "MOTO_ACCOUNT_ID 'acct-1' is not an AWS account id: an account id is 12 digits."
    )


# -- Kendra Intelligent Ranking: kendra-ranking:<Action> --------------------------------

RANKING_READ_ONLY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["kendra-ranking:List*", "kendra-ranking:Describe*"],
            "Resource": "*",
        }
    ],
}
KENDRA_ONLY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "kendra:*", "Resource": "*"}],
}
RANKING_URL = f"https://kendra-ranking.{REGION}.api.aws"


def _signed_cbor(
    operation: str, params: dict[str, Any], key: str, secret: str
) -> requests.Response:
    """An RPC v2 CBOR Kendra Intelligent Ranking request signed with SigV4 by ``key``."""
    request = AWSRequest(
        method="POST",
        url=f"{RANKING_URL}/service/AWSKendraRerankingFrontendService/operation/{operation}",
        data=cbor2.dumps(params),
        headers={"Content-Type": "application/cbor", "smithy-protocol": "rpc-v2-cbor"},
    )
    SigV4Auth(Credentials(key, secret), "kendra-ranking", REGION).add_auth(request)
    prepared = request.prepare()
    return requests.post(
        prepared.url, data=prepared.body, headers=dict(prepared.headers), timeout=30
    )


@set_initial_no_auth_action_count(SETUP_CALLS)
@mock_aws
def test_kendra_ranking_calls_are_authorized_as_kendra_ranking_actions() -> None:
    keys = _user_with_policy(boto3.client("iam", region_name=REGION), RANKING_READ_ONLY)
    ranking = boto3.client("kendra-ranking", region_name=REGION, **keys)

    listed = ranking.list_rescore_execution_plans()
    with pytest.raises(ClientError) as denied:
        ranking.create_rescore_execution_plan(Name="plan")
    cbor_listed = _signed_cbor("ListRescoreExecutionPlans", {}, *keys.values())
    cbor_denied = _signed_cbor("CreateRescoreExecutionPlan", {"Name": "plan"}, *keys.values())
    forged = _signed_cbor("ListRescoreExecutionPlans", {}, keys["aws_access_key_id"], "wrong")

    assert listed["SummaryItems"] == []
    code, status, message = error_of(denied)
    # With the status Kendra Intelligent Ranking's model gives (403 where it names one).
    assert (code, status) == ranking_calls.error("AccessDeniedException")
    assert message.endswith(
        "is not authorized to perform: kendra-ranking:CreateRescoreExecutionPlan"
    )
    assert (cbor_listed.status_code, cbor2.loads(cbor_listed.content)) == (
        200,
        {"SummaryItems": []},
    )
    assert cbor_denied.status_code == ranking_calls.status("AccessDeniedException")
    assert cbor2.loads(cbor_denied.content)["__type"] == "AccessDeniedException"
    assert cbor2.loads(forged.content)["__type"] == "InvalidSignatureException"
    assert ranking.list_rescore_execution_plans()["SummaryItems"] == []


@set_initial_no_auth_action_count(SETUP_CALLS)
@mock_aws
def test_a_kendra_policy_does_not_reach_kendra_ranking() -> None:
    keys = _user_with_policy(boto3.client("iam", region_name=REGION), KENDRA_ONLY)
    ranking = boto3.client("kendra-ranking", region_name=REGION, **keys)
    kendra = boto3.client("kendra", region_name=REGION, **keys)

    kendra.list_indices()
    with pytest.raises(ClientError) as denied:
        ranking.list_rescore_execution_plans()

    assert error_of(denied)[:2] == ranking_calls.error("AccessDeniedException")
