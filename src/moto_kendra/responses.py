"""Kendra's JSON 1.1 protocol: parse the request, check it, call the backend, answer.

One function, ``handle``, serves every route moto offers (the botocore before-send
hook, the ``requests`` mock and the server): it takes the request moto hands over and
returns ``(status, headers, body)``.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from moto.core.utils import camelcase_to_underscores

from . import registration
from .exceptions import (
    InternalServerException,
    KendraError,
    NotImplementedByMotoKendra,
    SerializationException,
    UnknownOperationException,
)
from .models import KendraBackend, kendra_backends
from .registration import DEFAULT_REGION
from .validation import service_model, validate_request

TARGET_PREFIX = "AWSKendraFrontendService."

#: The Kendra operations moto-kendra implements.
IMPLEMENTED = (
    "CreateIndex",
    "DescribeIndex",
    "ListIndices",
    "UpdateIndex",
    "DeleteIndex",
    "CreateDataSource",
    "DescribeDataSource",
    "ListDataSources",
    "UpdateDataSource",
    "DeleteDataSource",
    "StartDataSourceSyncJob",
    "StopDataSourceSyncJob",
    "ListDataSourceSyncJobs",
    "BatchPutDocument",
    "BatchDeleteDocument",
    "BatchGetDocumentStatus",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
)

_HANDLERS: dict[str, Callable[[KendraBackend, dict[str, Any]], dict[str, Any]]] = {
    name: getattr(KendraBackend, camelcase_to_underscores(name)) for name in IMPLEMENTED
}
_ALL_OPERATIONS = frozenset(service_model().operation_names)

_REGION_IN_HOST = re.compile(r"kendra(?:-fips)?\.([^.]+)\.amazonaws\.com")
_REGION_IN_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/")
_ACCESS_KEY_IN_SCOPE = re.compile(r"Credential=([^/]+)/")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        # JSON 1.1 puts timestamps on the wire as epoch seconds.
        return value.timestamp()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _headers(request_id: str) -> dict[str, str]:
    return {
        "Content-Type": "application/x-amz-json-1.1",
        "x-amzn-RequestId": request_id,
    }


def region_of(url: str, headers: Any) -> str:
    match = _REGION_IN_HOST.search(url)
    if match:
        return match.group(1)
    match = _REGION_IN_SCOPE.search(headers.get("Authorization") or "")
    return match.group(1) if match else DEFAULT_REGION


def access_key_of(headers: Any) -> str | None:
    match = _ACCESS_KEY_IN_SCOPE.search(headers.get("Authorization") or "")
    return match.group(1) if match else None


def operation_of(headers: Any) -> str:
    target = headers.get("X-Amz-Target") or ""
    if not target.startswith(TARGET_PREFIX):
        raise UnknownOperationException(
            f"Unknown operation: the X-Amz-Target header {target!r} does not name an "
            f"operation of {TARGET_PREFIX[:-1]}."
        )
    operation = target[len(TARGET_PREFIX) :]
    if operation not in _HANDLERS:
        if operation in _ALL_OPERATIONS:
            raise NotImplementedByMotoKendra(operation)
        raise UnknownOperationException(
            f"Unknown operation {operation!r} for {TARGET_PREFIX[:-1]}."
        )
    return operation


def _reject_constant(name: str) -> Any:
    # Python's json reads NaN and Infinity; JSON (and Kendra's parser) does not.
    raise ValueError(f"{name} is not a JSON value")


def parse_body(body: Any) -> dict[str, Any]:
    if isinstance(body, (bytes, bytearray)):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            raise SerializationException("The request body is not UTF-8.") from None
    if not body:
        return {}
    try:
        params = json.loads(body, parse_constant=_reject_constant)
    except ValueError as error:
        raise SerializationException(f"The request body is not valid JSON: {error}") from None
    except RecursionError:
        raise SerializationException(
            "The request body is not valid JSON: it is nested too deeply."
        ) from None
    if not isinstance(params, dict):
        raise SerializationException("The request body must be a JSON object.")
    return params


def handle(request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str]:
    """Answer one Kendra request: moto's url handler for every route."""
    request_id = str(uuid.uuid4())
    try:
        operation = operation_of(request.headers)
        region = region_of(full_url, request.headers)
        account_id = registration.account_for(
            request.headers, access_key_of(request.headers), region
        )
        registration.authorize(request, full_url, operation, account_id, region)
        body = request.body if hasattr(request, "body") else request.get_data()
        params = parse_body(body)
        try:
            validate_request(operation, params)
        except RecursionError:
            raise SerializationException(
                "The request body is nested too deeply to be read."
            ) from None
        backend = kendra_backends[account_id][region]
        with backend.lock:
            backend.faults.check(operation)
            result = _HANDLERS[operation](backend, params)
        return 200, _headers(request_id), json.dumps(result, default=_json_default)
    except KendraError as error:
        return error.code, _headers(request_id), error.description
    except Exception as error:  # noqa: BLE001 - a client must never see a traceback
        wrapped = InternalServerException(
            f"moto-kendra failed on this request: {type(error).__name__}: {error}"
        )
        return wrapped.code, _headers(request_id), wrapped.description
