"""No state leaks: between tests (random order, xdist), regions and accounts; and no
Kendra call leaves the process while mocked."""

from __future__ import annotations

import socket
from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_kendra.backend.indices import INDEX_MODEL
from tests import network_guard, raw_http
from tests.conftest import ROLE_ARN

OTHER_ACCOUNT = "111122223333"


def client_in(region: str, **credentials: Any) -> Any:
    credentials.setdefault("aws_access_key_id", "FOOBARKEY")
    credentials.setdefault("aws_secret_access_key", "FOOBARSECRET")
    return boto3.client("kendra", region_name=region, **credentials)


def code_of(call: Any, **params: Any) -> tuple[int, str]:
    with pytest.raises(ClientError) as caught:
        call(**params)
    response = caught.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]


# -- between tests ---------------------------------------------------------------------
# Pairs of tests that each change state and assert they see only their own: whichever
# runs second (random order, or on the same xdist worker) fails if state leaked.


@pytest.mark.parametrize("name", ["first", "second", "third"])
def test_each_test_sees_only_its_own_indices(kendra_client, name):
    created = kendra_client.create_index(Name=name, RoleArn=ROLE_ARN)["Id"]
    kendra_client.tag_resource(
        ResourceARN=f"arn:aws:kendra:us-east-1:123456789012:index/{created}",
        Tags=[{"Key": "test", "Value": name}],
    )
    listed = kendra_client.list_indices()["IndexConfigurationSummaryItems"]
    assert [(item["Id"], item["Name"]) for item in listed] == [(created, name)]


@pytest.mark.parametrize("manual", [True, False])
def test_progressions_changed_by_a_test_are_undone(kendra_client, manual):
    if manual:
        state_manager.set_transition(INDEX_MODEL, {"progression": "manual", "times": 3})
    created = kendra_client.create_index(Name="p", RoleArn=ROLE_ARN)["Id"]
    status = kendra_client.describe_index(Id=created)["Status"]
    assert status == ("CREATING" if manual else "ACTIVE")


@pytest.mark.parametrize("inject", [True, False])
def test_injected_faults_do_not_outlive_their_test(kendra_client, kendra_backend, inject):
    if inject:
        kendra_backend.controls.faults.inject("ListIndices", "ThrottlingException", times=None)
        assert code_of(kendra_client.list_indices) == (400, "ThrottlingException")
    else:
        assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []


@pytest.mark.parametrize("token_first", [True, False])
def test_next_tokens_do_not_outlive_their_test(kendra_client, index_id, token_first):
    """A token issued in one test is not valid in the next (fresh backend)."""
    for n in range(2):
        kendra_client.create_data_source(IndexId=index_id, Name=f"s{n}", Type="CUSTOM")
    token = kendra_client.list_data_sources(IndexId=index_id, MaxResults=1)["NextToken"]
    remembered = _tokens.setdefault("token", token)
    if remembered != token:
        assert code_of(kendra_client.list_data_sources, IndexId=index_id, NextToken=remembered) == (
            400,
            "ValidationException",
        )


_tokens: dict[str, str] = {}


# -- between regions -----------------------------------------------------------------


def test_an_index_lives_in_its_region(kendra_client, index_id):
    other = client_in("eu-west-1")
    assert other.list_indices()["IndexConfigurationSummaryItems"] == []
    assert code_of(other.describe_index, Id=index_id) == (400, "ResourceNotFoundException")
    arn = f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}"
    assert code_of(other.list_tags_for_resource, ResourceARN=arn) == (
        400,
        "ResourceUnavailableException",
    )
    # The same name in the other region is another index.
    elsewhere = other.create_index(Name="docs", RoleArn=ROLE_ARN)["Id"]
    assert elsewhere != index_id
    assert [i["Id"] for i in kendra_client.list_indices()["IndexConfigurationSummaryItems"]] == [
        index_id
    ]


def test_the_region_comes_from_the_endpoint_over_raw_http(kendra_client, index_id):
    assert raw_http.call("DescribeIndex", {"Id": index_id}).status_code == 200
    response = raw_http.call("DescribeIndex", {"Id": index_id}, region="ap-south-1")
    assert raw_http.error(response)[:2] == (400, "ResourceNotFoundException")


# -- between accounts ----------------------------------------------------------------


def test_moto_account_id_selects_the_account(kendra_client, index_id, monkeypatch):
    monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)
    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
    assert code_of(kendra_client.describe_index, Id=index_id) == (400, "ResourceNotFoundException")
    theirs = kendra_client.create_index(Name="theirs", RoleArn=ROLE_ARN)["Id"]
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    listed = [i["Id"] for i in kendra_client.list_indices()["IndexConfigurationSummaryItems"]]
    assert listed == [index_id]
    assert code_of(kendra_client.describe_index, Id=theirs) == (400, "ResourceNotFoundException")


def test_an_assumed_role_acts_in_the_roles_account(kendra_client, index_id, kendra_backend):
    sts = boto3.client(
        "sts",
        region_name="us-east-1",
        aws_access_key_id="FOOBARKEY",
        aws_secret_access_key="FOOBARSECRET",
    )
    credentials = sts.assume_role(
        RoleArn=f"arn:aws:iam::{OTHER_ACCOUNT}:role/kendra-admin", RoleSessionName="test"
    )["Credentials"]
    theirs = client_in(
        "us-east-1",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    assert theirs.list_indices()["IndexConfigurationSummaryItems"] == []
    assert code_of(theirs.describe_index, Id=index_id) == (400, "ResourceNotFoundException")
    created = theirs.create_index(Name="theirs", RoleArn=ROLE_ARN)["Id"]
    arn = f"arn:aws:kendra:us-east-1:{OTHER_ACCOUNT}:index/{created}"
    theirs.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert theirs.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "k", "Value": "v"}]
    # The default account's client sees neither the index nor its ARN.
    assert set(kendra_backend.indices) == {index_id}
    assert code_of(kendra_client.list_tags_for_resource, ResourceARN=arn) == (
        400,
        "ResourceUnavailableException",
    )


# -- no network ------------------------------------------------------------------------


def test_the_socket_guard_refuses_non_loopback_addresses():
    addresses: list[tuple[str, int] | tuple[str, int, int, int]] = [
        ("8.8.8.8", 53),
        ("2001:4860:4860::8888", 53, 0, 0),
        ("kendra.us-east-1.amazonaws.com", 443),
    ]
    for address in addresses:
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            with pytest.raises(network_guard.NetworkBlocked):
                sock.connect(address)
            with pytest.raises(network_guard.NetworkBlocked):
                sock.connect_ex(address)


def test_the_socket_guard_allows_loopback():
    assert network_guard.is_local(("127.0.0.1", 80))
    assert network_guard.is_local(("::1", 80, 0, 0))
    assert network_guard.is_local(("localhost", 80))
    assert network_guard.is_local("/tmp/some.sock")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.socket() as client:
            client.connect(server.getsockname())


def test_mocked_kendra_calls_never_open_a_connection(kendra_client, monkeypatch):
    """Every route of a mocked call (boto3 and raw requests) stays in the process."""
    attempts: list[Any] = []
    real = socket.socket.connect

    def spy(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        real(self, address)

    monkeypatch.setattr(socket.socket, "connect", spy)
    before = len(network_guard.refused)
    created = kendra_client.create_index(Name="offline", RoleArn=ROLE_ARN)["Id"]
    assert raw_http.call("DescribeIndex", {"Id": created}).status_code == 200
    kendra_client.list_indices()
    assert attempts == []
    assert len(network_guard.refused) == before


def test_without_the_mock_the_guard_stops_a_real_call(monkeypatch):
    """Outside the mock the call would go to AWS: the guard refuses it first."""
    public = ("52.94.0.10", 443)
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *args, **kwargs: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", public)],
    )
    before = len(network_guard.refused)
    with pytest.raises(requests.exceptions.ConnectionError) as caught:
        requests.post(raw_http.URL.format(region="us-east-1"), data="{}", timeout=5)
    assert "blocks network access" in str(caught.value)
    assert network_guard.refused[before:] == [public]
