"""The fast path (moto_kendra.moto_glue.fast_path) and the kept client (moto_kendra.testing).

No timings here: these tests hold the shortcuts to the behaviour of the full path and
of a fresh client per test (benchmarks/run.py measures the speed).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.core import set_initial_no_auth_action_count
from moto.core.exceptions import ServiceNotWhitelisted
from moto.core.models import botocore_stubber
from moto.moto_api import recorder
from moto.moto_api._internal import mock_random

from moto_kendra.moto_glue import fast_path, lifecycle
from moto_kendra.testing.client_guard import ClientGuard
from tests.conftest import ROLE_ARN

pytest_plugins = ["pytester"]

URL = "https://kendra.us-east-1.amazonaws.com/"
TARGET = "AWSKendraFrontendService."


@pytest.fixture
def full_path_uses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URL of every request that moto's own routing (the full path) answers."""
    used: list[str] = []
    full_path = fast_path._full_path

    def counting(request: Any) -> Any:
        used.append(request.url)
        return full_path(request)

    monkeypatch.setattr(fast_path, "_full_path", counting)
    return used


def outcome(call: Any, **kwargs: Any) -> Any:
    """A call's answer without what differs between two runs (request ids, times)."""
    try:
        answer = call(**kwargs)
    except ClientError as error:
        return (
            "error",
            error.response["Error"]["Code"],
            error.response["Error"]["Message"],
            error.response["ResponseMetadata"]["HTTPStatusCode"],
        )
    status = answer.pop("ResponseMetadata")["HTTPStatusCode"]
    if "NextToken" in answer:
        # Opaque and signed with a key of each backend: compared by what it resumes.
        answer["NextToken"] = Token(answer["NextToken"])
    return ("ok", status, _timeless(answer))


class Token(str):
    """A NextToken: equal to any other (the scenario checks where each one resumes)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token)

    def __hash__(self) -> int:
        return 0


def _timeless(value: Any) -> Any:
    if isinstance(value, datetime):
        return "<timestamp>"
    if isinstance(value, dict):
        return {key: _timeless(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_timeless(item) for item in value]
    return value


def scenario(client: Any) -> list[Any]:
    """Successes and errors of every kind, in an order where state matters."""
    out: list[Any] = []
    created = client.create_index(Name="docs", RoleArn=ROLE_ARN)
    out.append(_timeless({k: v for k, v in created.items() if k != "ResponseMetadata"}))
    index_id = created["Id"]
    source_id = client.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")["Id"]
    out.append(outcome(client.describe_index, Id=index_id))
    out.append(outcome(client.describe_index, Id="0" * 36))  # ResourceNotFoundException
    out.append(outcome(client.describe_data_source, Id=source_id, IndexId=index_id))
    out.append(outcome(client.list_indices))
    for _ in range(12):
        out.append(outcome(client.start_data_source_sync_job, Id=source_id, IndexId=index_id))
        # A second start while one runs: ResourceInUseException.
        out.append(outcome(client.start_data_source_sync_job, Id=source_id, IndexId=index_id))
        out.append(outcome(client.stop_data_source_sync_job, Id=source_id, IndexId=index_id))
    out.append(outcome(client.stop_data_source_sync_job, Id=source_id, IndexId=index_id))
    page = outcome(client.list_data_source_sync_jobs, Id=source_id, IndexId=index_id, MaxResults=5)
    out.append(page)
    token = page[2]["NextToken"]
    out.append(
        outcome(
            client.list_data_source_sync_jobs,
            Id=source_id,
            IndexId=index_id,
            MaxResults=5,
            NextToken=token,
        )
    )
    out.append(
        outcome(
            client.list_data_source_sync_jobs,
            Id=source_id,
            IndexId=index_id,
            NextToken="not-a-token",
        )
    )
    out.append(
        outcome(
            client.batch_put_document,
            IndexId=index_id,
            Documents=[{"Id": "doc-1", "Blob": b"hello", "ContentType": "PLAIN_TEXT"}],
        )
    )
    out.append(
        outcome(
            client.batch_get_document_status,
            IndexId=index_id,
            DocumentInfoList=[{"DocumentId": "doc-1"}],
        )
    )
    arn = f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}"
    out.append(outcome(client.tag_resource, ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}]))
    out.append(outcome(client.list_tags_for_resource, ResourceARN=arn))
    out.append(outcome(client.update_index, Id=index_id, Description="changed"))
    out.append(outcome(client.describe_index, Id=index_id))
    out.append(outcome(client.delete_data_source, Id=source_id, IndexId=index_id))
    out.append(outcome(client.delete_index, Id=index_id))
    return out


def run_scenario(client: Any, monkeypatch: pytest.MonkeyPatch, fast: bool) -> list[Any]:
    lifecycle.reset_backends()
    mock_random.seed(20240611)
    monkeypatch.setattr(fast_path, "ENABLED", fast)
    try:
        return scenario(client)
    finally:
        monkeypatch.setattr(fast_path, "ENABLED", True)


# -- same answers -----------------------------------------------------------------


def test_the_fast_and_the_full_path_answer_every_call_alike(
    kendra_client: Any, monkeypatch: pytest.MonkeyPatch, full_path_uses: list[str]
) -> None:
    fast = run_scenario(kendra_client, monkeypatch, fast=True)
    assert full_path_uses == []  # every call took the shortcut
    full = run_scenario(kendra_client, monkeypatch, fast=False)
    assert len(full_path_uses) > 50  # and here none did

    assert fast == full
    kinds = {step[0] for step in fast if isinstance(step, tuple)}
    assert kinds == {"ok", "error"}


def _prepared(client: Any, call: str, **kwargs: Any) -> Any:
    """The AWSPreparedRequest botocore sends for a call (the call itself is answered)."""
    sent: list[Any] = []

    def keep(request: Any, **_: Any) -> None:
        sent.append(request)

    client.meta.events.register_first("before-send.kendra", keep)
    try:
        getattr(client, call)(**kwargs)
    except ClientError:
        pass
    finally:
        client.meta.events.unregister("before-send.kendra", keep)
    return sent[0]


def test_both_paths_give_the_same_status_headers_and_body(
    kendra_client: Any, index_id: str, custom_source: str
) -> None:
    client = boto3.session.Session(
        aws_access_key_id="FOOBARKEY", aws_secret_access_key="FOOBARSECRET"
    ).client("kendra", region_name="us-east-1")
    for call, kwargs in (
        ("describe_index", {"Id": index_id}),
        ("describe_index", {"Id": "0" * 36}),
        ("list_indices", {"MaxResults": 1}),
        ("list_data_sources", {"IndexId": index_id}),
        ("list_data_source_sync_jobs", {"Id": custom_source, "IndexId": index_id}),
        ("list_data_source_sync_jobs", {"Id": custom_source, "IndexId": "0" * 36}),
    ):
        request = _prepared(client, call, **kwargs)
        fast = botocore_stubber.process_request(request)
        full = fast_path._full_path(request)
        assert fast is not None and full is not None
        (fast_status, fast_headers, fast_body), (full_status, full_headers, full_body) = fast, full
        assert fast_status == full_status
        assert json.loads(fast_body) == json.loads(full_body)
        assert {k: v for k, v in fast_headers.items() if k != "x-amzn-RequestId"} == {
            k: v for k, v in full_headers.items() if k != "x-amzn-RequestId"
        }


def test_the_account_header_is_read_alike_on_both_paths(
    kendra_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def in_other_account(request: Any, **_: Any) -> None:
        request.headers["X-MOTO-ACCOUNT-ID"] = "111111111111"

    kendra_client.meta.events.register_first("before-sign.kendra", in_other_account)
    for fast in (True, False):
        monkeypatch.setattr(fast_path, "ENABLED", fast)
        index_id = kendra_client.create_index(Name=f"fast-{fast}", RoleArn=ROLE_ARN)["Id"]
        assert kendra_client.describe_index(Id=index_id)["Name"] == f"fast-{fast}"
    from moto_kendra import kendra_backends

    assert len(kendra_backends["111111111111"]["us-east-1"].indices) == 2
    assert kendra_backends["123456789012"]["us-east-1"].indices == {}


def test_the_same_backends_exist_after_a_request_on_either_path(
    kendra_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_kendra import kendra_backends

    def backends_after_a_call_in_eu_west_1() -> list[tuple[str, str]]:
        lifecycle.reset_backends()
        client = boto3.session.Session(
            aws_access_key_id="FOOBARKEY", aws_secret_access_key="FOOBARSECRET"
        ).client("kendra", region_name="eu-west-1")
        client.list_indices()
        return sorted(
            (account, region)
            for account in kendra_backends
            for region in dict.keys(kendra_backends[account])
        )

    fast = backends_after_a_call_in_eu_west_1()
    monkeypatch.setattr(fast_path, "ENABLED", False)
    assert backends_after_a_call_in_eu_west_1() == fast


# -- answered exactly once --------------------------------------------------------


def test_a_started_job_is_started_once(
    kendra_client: Any,
    kendra_backend: Any,
    index_id: str,
    custom_source: str,
    full_path_uses: list[str],
) -> None:
    kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)
    kendra_client.stop_data_source_sync_job(Id=custom_source, IndexId=index_id)
    kendra_client.start_data_source_sync_job(Id=custom_source, IndexId=index_id)

    jobs = kendra_backend.indices[index_id].data_sources[custom_source].history.jobs
    assert len(jobs) == 2
    history = kendra_client.list_data_source_sync_jobs(Id=custom_source, IndexId=index_id)
    assert len(history["History"]) == 2
    assert full_path_uses == []


def test_requests_through_the_requests_library_are_answered_once(
    kendra_client: Any, kendra_backend: Any, index_id: str, custom_source: str
) -> None:
    answer = requests.post(
        URL,
        data=json.dumps({"Id": custom_source, "IndexId": index_id}),
        headers={
            "X-Amz-Target": TARGET + "StartDataSourceSyncJob",
            "Content-Type": "application/x-amz-json-1.1",
        },
        timeout=5,
    )
    assert answer.status_code == 200
    assert set(answer.json()) == {"ExecutionId"}
    assert len(kendra_backend.indices[index_id].data_sources[custom_source].history.jobs) == 1


# -- what still takes the full path -----------------------------------------------


def test_disabled_the_shortcut_sends_everything_the_full_way(
    kendra_client: Any, monkeypatch: pytest.MonkeyPatch, full_path_uses: list[str]
) -> None:
    monkeypatch.setattr(fast_path, "ENABLED", False)
    kendra_client.list_indices()
    assert full_path_uses == [URL]


def test_iam_enforcement_takes_the_full_path(full_path_uses: list[str]) -> None:
    # (Through ``requests``: the suite's conformance hook rejects this error from boto3,
    # as Kendra's model does not list it.)
    @set_initial_no_auth_action_count(0)
    @mock_aws
    def call() -> requests.Response:
        return requests.post(
            URL,
            data="{}",
            headers={
                "X-Amz-Target": TARGET + "ListIndices",
                "Content-Type": "application/x-amz-json-1.1",
            },
            timeout=5,
        )

    answer = call()
    assert answer.status_code == 400
    assert answer.json()["__type"] == "UnrecognizedClientException"
    assert full_path_uses == [URL]


def test_the_recorder_records_kendra_calls(
    kendra_client: Any,
    tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
    full_path_uses: list[str],
) -> None:
    monkeypatch.setattr(recorder, "_location", str(tmp_path / "recording"))
    recorder.start_recording()
    try:
        kendra_client.list_indices()
    finally:
        recorder.stop_recording()
    kendra_client.list_indices()  # not recorded: the shortcut again

    entries = [json.loads(line) for line in (tmp_path / "recording").read_text().splitlines()]
    targets = [entry["headers"].get("X-Amz-Target") for entry in entries]
    assert targets == [TARGET + "ListIndices"]
    assert full_path_uses == [URL]


def test_a_passthrough_service_is_not_answered() -> None:
    with mock_aws(config={"core": {"passthrough": {"services": ["kendra"]}}}):
        client = boto3.client("kendra", region_name="us-east-1")
        request = _prepared_unanswered(client)
        assert botocore_stubber.process_request(request) is None


def test_a_passthrough_url_is_not_answered() -> None:
    with mock_aws(config={"core": {"passthrough": {"urls": [r"https://kendra\..*"]}}}):
        client = boto3.client("kendra", region_name="us-east-1")
        request = _prepared_unanswered(client)
        assert botocore_stubber.process_request(request) is None


def _prepared_unanswered(client: Any) -> Any:
    """The request of a ListIndices call, stopped before anything answers it."""

    class Stop(Exception):
        pass

    sent: list[Any] = []

    def catch(request: Any, **_: Any) -> None:
        sent.append(request)
        raise Stop

    client.meta.events.register_first("before-send.kendra", catch)
    with pytest.raises(Stop):
        client.list_indices()
    return sent[0]


def test_a_service_whitelist_without_kendra_refuses_kendra() -> None:
    with mock_aws(config={"core": {"service_whitelist": ["s3"]}}):
        client = boto3.client("kendra", region_name="us-east-1")
        with pytest.raises(ServiceNotWhitelisted):
            client.list_indices()


def test_a_service_whitelist_with_kendra_serves_it(full_path_uses: list[str]) -> None:
    with mock_aws(config={"core": {"service_whitelist": ["kendra"]}}):
        client = boto3.client("kendra", region_name="us-east-1")
        assert client.list_indices()["IndexConfigurationSummaryItems"] == []
    assert full_path_uses == []


def test_urls_the_shortcut_does_not_know_take_the_full_path(
    kendra_client: Any, full_path_uses: list[str]
) -> None:
    answer = requests.post(
        URL + "?extra=1",
        data="{}",
        headers={
            "X-Amz-Target": TARGET + "ListIndices",
            "Content-Type": "application/x-amz-json-1.1",
        },
        timeout=5,
    )
    assert answer.status_code == 200
    assert full_path_uses == [URL + "?extra=1"]


def test_a_header_that_is_not_utf8_is_left_to_moto() -> None:
    class Prepared:
        url = URL
        method = "POST"
        body = b"{}"
        headers = {"X-Amz-Target": (TARGET + "ListIndices").encode(), "X-Odd": b"\xff\xfe"}

    assert fast_path.RequestView.of(Prepared(), URL) is None


# -- the kept client --------------------------------------------------------------


def test_the_guard_sees_every_change_a_test_can_make_to_a_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = boto3.session.Session(
        aws_access_key_id="FOOBARKEY", aws_secret_access_key="FOOBARSECRET"
    )

    def guard() -> ClientGuard:
        # Standard retries (botocore's default from 1.36): they keep a retry quota.
        return ClientGuard(
            session.client(
                "kendra", region_name="us-east-1", config=Config(retries={"mode": "standard"})
            )
        )

    untouched = guard()
    assert untouched.untouched()

    changes = {
        "a handler": lambda c: c.meta.events.register("before-call.kendra", lambda **_: None),
        "a first handler": lambda c: c.meta.events.register_first("needs-retry", lambda **_: None),
        "a unique-id handler": lambda c: c.meta.events.register(
            "after-call", lambda **_: None, unique_id="mine"
        ),
        "a method": lambda c: setattr(c, "list_indices", lambda **_: {}),
        "a class method": lambda c: setattr(type(c), "describe_index", lambda *_, **__: {}),
        "the endpoint": lambda c: setattr(c._endpoint, "host", "http://localhost:1"),
        "the config": lambda c: c.meta.config.retries.update(total_max_attempts=1),
        "the credentials": lambda c: setattr(c._request_signer._credentials, "access_key", "OTHER"),
        "the retry quota": lambda c: [
            h.__self__._quota.acquire(5)
            for h in c.meta.events._emitter._handlers.prefix_search("after-call.kendra")
            if type(getattr(h, "__self__", None)).__name__ == "RetryQuotaChecker"
        ],
        "the AWS environment": lambda c: monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1"),
    }
    for what, change in changes.items():
        kept = guard()
        change(kept.client)
        assert not kept.untouched(), what
        monkeypatch.delenv("AWS_MAX_ATTEMPTS", raising=False)


def test_a_botocore_stubber_leaves_the_client_as_it_was_once_deactivated() -> None:
    from botocore.stub import Stubber

    kept = ClientGuard(
        boto3.session.Session(aws_access_key_id="a", aws_secret_access_key="b").client(
            "kendra", region_name="us-east-1"
        )
    )
    stubber = Stubber(kept.client)
    stubber.add_response("list_indices", {"IndexConfigurationSummaryItems": []})
    with stubber:
        assert not kept.untouched()
    assert kept.untouched()


def test_calls_and_errors_leave_the_client_untouched(kendra_client: Any, index_id: str) -> None:
    guard = ClientGuard(kendra_client)
    kendra_client.describe_index(Id=index_id)
    with pytest.raises(kendra_client.exceptions.ResourceNotFoundException):
        kendra_client.describe_index(Id="0" * 36)
    kendra_client.can_paginate("list_indices")
    assert guard.untouched()


def _run(pytester: pytest.Pytester, source: str, passed: int) -> None:
    pytester.makepyfile(source)
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=passed)


def test_state_of_every_service_is_fresh_in_every_test(pytester: pytest.Pytester) -> None:
    _run(
        pytester,
        f"""
        import boto3

        def test_one_creates(kendra_client):
            kendra_client.create_index(Name="left", RoleArn="{ROLE_ARN}")
            boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="left-behind")
            boto3.client("sqs", region_name="us-east-1").create_queue(QueueName="left")

        def test_two_sees_nothing(kendra_client):
            assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
            assert boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"] == []
            assert "QueueUrls" not in boto3.client("sqs", region_name="us-east-1").list_queues()
        """,
        passed=2,
    )


def test_a_client_a_test_leaves_untouched_is_kept_and_one_it_changes_is_not(
    pytester: pytest.Pytester,
) -> None:
    _run(
        pytester,
        """
        import pytest

        seen = []
        calls = []

        def test_a_untouched(kendra_client):
            seen.append(kendra_client)
            kendra_client.list_indices()

        def test_b_kept(kendra_client):
            assert kendra_client is seen[-1]
            kendra_client.meta.events.register(
                "before-call.kendra", lambda **kwargs: calls.append(1)
            )
            kendra_client.list_indices()
            assert calls == [1]

        def test_c_the_handler_is_gone(kendra_client):
            assert kendra_client is not seen[-1]
            kendra_client.list_indices()
            assert calls == [1]
            seen.append(kendra_client)

        def test_d_config(kendra_client):
            assert kendra_client is seen[-1]
            kendra_client.meta.config.retries["total_max_attempts"] = 1

        def test_e_config_is_back(kendra_client):
            assert kendra_client is not seen[-1]
            assert kendra_client.meta.config.retries.get("total_max_attempts") != 1
            kendra_client.list_indices = lambda **kwargs: "patched"

        def test_f_method_is_back(kendra_client):
            assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []

        @pytest.fixture
        def adaptive_retries(monkeypatch):
            monkeypatch.setenv("AWS_RETRY_MODE", "adaptive")

        def test_g_environment_is_read(adaptive_retries, kendra_client):
            assert kendra_client.meta.config.retries["mode"] == "adaptive"

        def test_h_and_dropped(kendra_client):
            assert kendra_client.meta.config.retries["mode"] != "adaptive"
        """,
        passed=8,
    )


def test_retries_a_test_spent_are_not_missing_in_the_next(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Standard retries keep a quota (botocore's default from 1.36; set it for older).
    monkeypatch.setenv("AWS_RETRY_MODE", "standard")
    _run(
        pytester,
        """
        import pytest

        seen = []

        def quota(client):
            (checker,) = [
                handler.__self__
                for handler in client.meta.events._emitter._handlers.prefix_search(
                    "after-call.kendra"
                )
                if type(getattr(handler, "__self__", None)).__name__ == "RetryQuotaChecker"
            ]
            return checker._quota.available_capacity

        def test_a_spends_retry_quota(kendra_client, kendra_backend, monkeypatch):
            seen.append(kendra_client)
            full = quota(kendra_client)
            for handler in kendra_client.meta.events._emitter._handlers.prefix_search(
                "needs-retry.kendra"
            ):
                if type(getattr(handler, "__self__", None)).__name__ == "RetryHandler":
                    if hasattr(handler.__self__, "_sleep"):
                        monkeypatch.setattr(handler.__self__, "_sleep", lambda seconds: None)
                    else:  # botocore before 1.36 sleeps through time.sleep
                        monkeypatch.setattr("time.sleep", lambda seconds: None)
            kendra_backend.controls.inject_fault(
                operation="ListIndices", error_code="InternalServerException", times=3
            )
            with pytest.raises(kendra_client.exceptions.InternalServerException):
                kendra_client.list_indices()  # two retries, all failed
            assert quota(kendra_client) < full
            seen.append(full)

        def test_b_gets_a_full_quota(kendra_client):
            assert kendra_client is not seen[0]
            assert quota(kendra_client) == seen[1]
        """,
        passed=2,
    )


def test_the_fixture_works_beside_a_users_own_mock_aws(pytester: pytest.Pytester) -> None:
    _run(
        pytester,
        f"""
        import boto3
        from moto import mock_aws

        def test_a_inside(kendra_client):
            with mock_aws():
                boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="inner")
                kendra_client.create_index(Name="inner", RoleArn="{ROLE_ARN}")
            assert len(kendra_client.list_indices()["IndexConfigurationSummaryItems"]) == 1

        @mock_aws
        def test_b_decorated(kendra_client):
            assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
            assert boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"] == []
            kendra_client.create_index(Name="decorated", RoleArn="{ROLE_ARN}")

        def test_c_own_mock_only():
            with mock_aws():
                kendra = boto3.client("kendra", region_name="us-east-1")
                assert kendra.list_indices()["IndexConfigurationSummaryItems"] == []

        def test_d_fixture_again(kendra_client):
            assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
            assert boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"] == []
        """,
        passed=4,
    )
