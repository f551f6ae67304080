"""Raw Kendra requests through ``requests`` (inside an active mock), as an SDK without
client-side checks, the AWS CLI or a hand-written HTTP client would send them."""

from __future__ import annotations

import json
from typing import Any

import requests

from moto_kendra.protocol.dispatch import TARGET_PREFIX
from moto_kendra.spec.service import service_model
from tests import conformance

URL = "https://kendra.{region}.amazonaws.com/"
CONTENT_TYPE = "application/x-amz-json-1.1"


def post(
    target: str | None,
    body: Any,
    region: str = "us-east-1",
    headers: dict[str, str] | None = None,
) -> requests.Response:
    """POST ``body`` (a dict is JSON-encoded; str/bytes go as they are)."""
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    sent = {"Content-Type": CONTENT_TYPE}
    if target is not None:
        sent["X-Amz-Target"] = target
    sent.update(headers or {})
    return requests.post(URL.format(region=region), data=data, headers=sent)


def call(operation: str, body: Any, region: str = "us-east-1") -> requests.Response:
    """One request to ``operation``; its response must conform to the model."""
    response = post(TARGET_PREFIX + operation, body, region)
    model = service_model().operation_model(operation)
    problems = conformance.violations(model, response.status_code, response.content)
    assert problems == [], problems
    return response


def error(response: requests.Response) -> tuple[int, str, str]:
    """(HTTP status, __type, message) of an error response."""
    data = response.json()
    return response.status_code, data["__type"], data["message"]
