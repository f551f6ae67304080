"""Kendra Intelligent Ranking in both protocols: boto3 clients and raw HTTP requests.

botocore picks a protocol from the model's list in its own order of preference
(``botocore.utils.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS``: json before
smithy-rpc-v2-cbor), so a default ``kendra-ranking`` client speaks JSON 1.0. A client
that speaks RPC v2 CBOR, as other SDKs do, is one whose model lists only that protocol:
``cbor_session`` loads the model so, from a data path of its own. botocore releases
without a CBOR serializer (before 1.36) can't make one: ``PROTOCOLS`` then holds JSON
alone, and the raw-HTTP CBOR requests (``post_cbor``, encoded with cbor2) carry the
protocol on every botocore.
"""

from __future__ import annotations

import copy
import functools
import json
import tempfile
from pathlib import Path
from typing import Any

import boto3
import botocore.serialize
import botocore.session
import cbor2
import requests

from moto_kendra.backend import implemented
from moto_kendra.protocol.ranking_dispatch import SERVICE_NAME, TARGET_PREFIX
from moto_kendra.spec.service import KENDRA_RANKING, service_model
from tests import conformance

RPC_V2_CBOR = "smithy-rpc-v2-cbor"
#: The protocols a botocore client can speak to kendra-ranking here.
PROTOCOLS = ("json", "cbor") if RPC_V2_CBOR in botocore.serialize.SERIALIZERS else ("json",)
#: The Kendra Intelligent Ranking operations moto-kendra implements.
IMPLEMENTED = tuple(sorted(implemented(KENDRA_RANKING)))
URL = "https://kendra-ranking.{region}.api.aws"
ROLE_ARN = "arn:aws:iam::123456789012:role/kendra-role"


@functools.cache
def _cbor_data_path() -> str:
    model = copy.deepcopy(
        botocore.session.get_session()
        .get_component("data_loader")
        .load_service_model(KENDRA_RANKING, "service-2")
    )
    model["metadata"]["protocols"] = [RPC_V2_CBOR]
    model["metadata"]["protocol"] = RPC_V2_CBOR
    root = Path(tempfile.mkdtemp(prefix="kendra-ranking-cbor-"))
    version = root / KENDRA_RANKING / model["metadata"]["apiVersion"]
    version.mkdir(parents=True)
    (version / "service-2.json").write_text(json.dumps(model))
    return str(root)


@functools.cache
def session(protocol: str) -> boto3.session.Session:
    """A boto3 session whose kendra-ranking clients speak ``protocol`` (json or cbor);
    one per protocol, kept (a client is made per test)."""
    core = botocore.session.get_session()
    if protocol == "cbor":
        core.get_component("data_loader").search_paths.insert(0, _cbor_data_path())
    return boto3.session.Session(
        aws_access_key_id="FOOBARKEY",
        aws_secret_access_key="FOOBARSECRET",
        botocore_session=core,
    )


def client(protocol: str, region: str = "us-east-1", **kwargs: Any) -> Any:
    """A kendra-ranking client speaking ``protocol``; it checks the protocol it speaks."""
    made = session(protocol).client(KENDRA_RANKING, region_name=region, **kwargs)
    expected = RPC_V2_CBOR if protocol == "cbor" else "json"
    resolved = getattr(
        made.meta.service_model, "resolved_protocol", made.meta.service_model.protocol
    )
    assert resolved == expected, resolved
    return made


# -- raw HTTP ----------------------------------------------------------------------------


def post_cbor(
    operation: str,
    body: Any,
    region: str = "us-east-1",
    headers: dict[str, str] | None = None,
    url: str | None = None,
) -> requests.Response:
    """An RPC v2 CBOR request (``body``: a value cbor2 encodes, or bytes as they are)."""
    data = body if isinstance(body, bytes) else cbor2.dumps(body)
    sent = {
        "Content-Type": "application/cbor",
        "Accept": "application/cbor",
        "smithy-protocol": "rpc-v2-cbor",
        **(headers or {}),
    }
    base = url or URL.format(region=region)
    return requests.post(
        f"{base}/service/{SERVICE_NAME}/operation/{operation}", data=data, headers=sent
    )


def post_json(
    operation: str | None,
    body: Any,
    region: str = "us-east-1",
    headers: dict[str, str] | None = None,
    url: str | None = None,
) -> requests.Response:
    """A JSON 1.0 request (``body``: a dict is JSON-encoded; str/bytes go as they are)."""
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    sent = {"Content-Type": "application/x-amz-json-1.0", **(headers or {})}
    if operation is not None:
        sent["X-Amz-Target"] = TARGET_PREFIX + operation
    return requests.post(f"{url or URL.format(region=region)}/", data=data, headers=sent)


def status(code: str) -> int:
    """The HTTP status of error ``code``: the one botocore's installed model gives it.

    Models that list RPC v2 CBOR name statuses (404, 409, 429...); older ones name none,
    so 400 (500 for InternalServerException), as the API reference pages say.
    """
    model = service_model(KENDRA_RANKING).operation_model("Rescore")
    return conformance.expected_status(model, code)


def error(code: str) -> tuple[str, int]:
    """(code, the status the installed model gives it): what an error should come as."""
    return code, status(code)


def checked(operation: str, response: requests.Response) -> requests.Response:
    """``response``, after checking it conforms to the model (either protocol)."""
    model = service_model(KENDRA_RANKING).operation_model(operation)
    problems = conformance.violations(
        model, response.status_code, response.content, response.headers.get("Content-Type")
    )
    assert problems == [], problems
    return response


def decoded(response: requests.Response) -> Any:
    """The body of a response, CBOR or JSON as its Content-Type says."""
    if response.headers.get("Content-Type", "").startswith("application/cbor"):
        return cbor2.loads(response.content)
    return response.json()
