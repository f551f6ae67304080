"""Kendra's JSON 1.1 protocol: parse the request, check it, call the operation, answer.

One function, ``handle``, serves every route moto offers (the botocore before-send
hook, the ``requests`` mock and the server): it takes the request moto hands over and
returns ``(status, headers, body)``. The operations are the ones the backend declares
(``moto_kendra.backend.operations``); any other operation of the model answers 501.
"""

from __future__ import annotations

import functools
import re
import uuid
from typing import Any

from ..backend import implemented, kendra_backends
from ..exceptions import (
    InternalServerException,
    KendraError,
    NotImplementedByMotoKendra,
    SerializationException,
    UnknownOperationException,
    ValidationException,
    clip,
)
from ..moto_glue import DEFAULT_REGION, iam
from ..spec.checks import validate_request
from ..spec.service import KENDRA, service_model
from .json_wire import dump, parse_body

TARGET_PREFIX = "AWSKendraFrontendService."
CONTENT_TYPE = "application/x-amz-json-1.1"
#: The Content-Types a Kendra request may have (botocore and the SDKs send the first).
#: Anything else, a browser form's text/plain above all, names no operation.
JSON_CONTENT_TYPES = frozenset({CONTENT_TYPE, "application/x-amz-json-1.0", "application/json"})

_REGION_IN_HOST = re.compile(r"kendra(?:-fips)?\.([^.]+)\.amazonaws\.com")
_REGION_IN_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/")
_OPERATIONS = implemented(KENDRA)


@functools.cache
def _model_operations() -> frozenset[str]:
    # Loaded at the first unknown operation, not at import (it reads botocore's model).
    return frozenset(service_model().operation_names)


def _headers(request_id: str) -> dict[str, str]:
    return {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": request_id}


def region_of(url: str, headers: Any) -> str:
    match = _REGION_IN_HOST.search(url)
    if match:
        return match.group(1)
    match = _REGION_IN_SCOPE.search(headers.get("Authorization") or "")
    return match.group(1) if match else DEFAULT_REGION


def check_method_and_type(request: Any) -> None:
    """Kendra's API takes JSON bodies POSTed to ``/``: anything else names no operation."""
    method = str(getattr(request, "method", "POST")).upper()
    if method != "POST":
        raise UnknownOperationException(
            f"Unknown operation: Amazon Kendra's API takes POST requests, not {clip(method)}."
        )
    content_type = str(request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in JSON_CONTENT_TYPES:
        raise UnknownOperationException(
            f"Unknown operation: Amazon Kendra's API takes JSON bodies (Content-Type "
            f"{CONTENT_TYPE}), not {clip(content_type) or 'a body without a Content-Type'!r}."
        )


def operation_of(headers: Any) -> str:
    target = headers.get("X-Amz-Target") or ""
    if not target.startswith(TARGET_PREFIX):
        raise UnknownOperationException(
            f"Unknown operation: the X-Amz-Target header {clip(target)!r} does not name an "
            f"operation of {TARGET_PREFIX[:-1]}."
        )
    operation = target[len(TARGET_PREFIX) :]
    if operation not in _OPERATIONS:
        if operation in _model_operations():
            raise NotImplementedByMotoKendra(operation)
        raise UnknownOperationException(
            f"Unknown operation {clip(operation)!r} for {TARGET_PREFIX[:-1]}."
        )
    return operation


def handle(request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str]:
    """Answer one Kendra request: moto's url handler for every route."""
    request_id = str(uuid.uuid4())
    try:
        check_method_and_type(request)
        operation = operation_of(request.headers)
        region = region_of(full_url, request.headers)
        account_id = iam.account_for(request.headers, region, KENDRA)
        iam.authorize(request, full_url, operation, account_id)
        body = request.body if hasattr(request, "body") else request.get_data()
        params = parse_body(body)
        try:
            validate_request(operation, params)
        except RecursionError:
            raise SerializationException(
                "The request body is nested too deeply to be read."
            ) from None
        try:
            backend = kendra_backends[account_id][region]
        except KeyError:
            raise ValidationException(
                f"Amazon Kendra isn't available in region {clip(region)!r}: moto-kendra "
                "serves the regions of botocore's Kendra endpoints."
            ) from None
        with backend.lock:
            controls = backend.active_controls
            if controls is not None:
                controls.check_call(operation)
            result = _OPERATIONS[operation](backend, params)
        return 200, _headers(request_id), dump(result)
    except KendraError as error:
        return error.code, _headers(request_id), error.description
    except Exception as error:  # noqa: BLE001 - a client must never see a traceback
        wrapped = InternalServerException(
            f"moto-kendra failed on this request: {type(error).__name__}: {error}"
        )
        return wrapped.code, _headers(request_id), wrapped.description
