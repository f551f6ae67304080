"""Kendra Intelligent Ranking's wire: Smithy RPC v2 CBOR and AWS JSON 1.0, both served.

botocore's ``kendra-ranking`` model lists two protocols. Current botocore speaks the
first, RPC v2 CBOR: ``POST /service/AWSKendraRerankingFrontendService/operation/<Op>``
with a CBOR body and ``smithy-protocol: rpc-v2-cbor``. Older botocore speaks JSON 1.0:
``POST /`` with ``X-Amz-Target: AWSKendraRerankingFrontendService.<Op>`` and
``application/x-amz-json-1.0``. The request's path tells which one a request uses, and
the answer comes back in it: a CBOR or JSON map, errors as a map of ``__type`` and
``message`` with the HTTP status the model gives the error (``dispatch.status_of``).

After the wire everything is ``dispatch.call``, shared with Kendra: region (host or
signature), account, IAM (``kendra-ranking:<Op>``, the signing name), validation from
the model, the test controls' faults and the operation, under the backend's lock.
"""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import urlparse

from ..backend.ranking import kendraranking_backends
from ..exceptions import KendraError, UnknownOperationException, clip
from ..spec.service import KENDRA_RANKING, service_model
from . import json_wire, rpc_v2_cbor
from .dispatch import (
    Response,
    Service,
    answer,
    body_of,
    call,
    resolve,
    status_of,
    target_operation,
)

#: The service's name on the wire (targetPrefix in botocore's model).
SERVICE_NAME = "AWSKendraRerankingFrontendService"
TARGET_PREFIX = f"{SERVICE_NAME}."
JSON_CONTENT_TYPE = "application/x-amz-json-1.0"
#: The path every RPC v2 request takes.
RPC_PATH = re.compile(r"/service/([^/]+)/operation/([^/]+)")

#: Its endpoints: kendra-ranking[-fips].<region>.api.aws (botocore's endpoint rules; China:
#: api.amazonwebservices.com.cn) and, as moto's server names a signed request's host,
#: kendra-ranking.<region>.amazonaws.com.
URL_PATTERN = re.compile(
    r"https?://kendra-ranking(?:-fips)?\.([^./]+)\."
    r"(?:api\.aws|api\.amazonwebservices\.com\.cn|amazonaws\.com)"
)
RANKING_SERVICE = Service(
    KENDRA_RANKING, kendraranking_backends, URL_PATTERN, "Amazon Kendra Intelligent Ranking"
)
#: The Content-Types of each protocol's requests (botocore sends the first of each).
JSON_CONTENT_TYPES = frozenset({JSON_CONTENT_TYPE, "application/json"})
CBOR_CONTENT_TYPES = frozenset({rpc_v2_cbor.CONTENT_TYPE})


def _check_method_and_type(request: Any, allowed: frozenset[str], body_required: bool) -> None:
    """The API takes bodies of its protocol POSTed to it: anything else names no
    operation (a CBOR request with no body may leave its Content-Type out)."""
    method = str(getattr(request, "method", "POST")).upper()
    if method != "POST":
        raise UnknownOperationException(
            f"Unknown operation: {SERVICE_NAME} takes POST requests, not {method[:16]}."
        )
    content_type = str(request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type in allowed or (not content_type and not body_required):
        return
    raise UnknownOperationException(
        f"Unknown operation: {SERVICE_NAME} takes {' or '.join(sorted(allowed))} bodies "
        f"here, not {content_type[:64] or 'a body without a Content-Type'!r}."
    )


def _rpc_operation(path: str) -> str:
    match = RPC_PATH.fullmatch(path)
    if match is None or match.group(1) != SERVICE_NAME:
        raise UnknownOperationException(
            f"Unknown operation: the path {clip(path)!r} does not name an operation of "
            f"{SERVICE_NAME} (/service/{SERVICE_NAME}/operation/<Operation>)."
        )
    return resolve(RANKING_SERVICE, match.group(2), SERVICE_NAME)


def _json_operation(path: str, headers: Any) -> str:
    if path not in ("", "/"):
        raise UnknownOperationException(
            f"Unknown operation: the path {clip(path)!r} names no operation of {SERVICE_NAME} "
            f"(JSON 1.0 requests go to /, RPC v2 CBOR ones to /service/{SERVICE_NAME}/"
            "operation/<Operation>)."
        )
    return target_operation(RANKING_SERVICE, headers, TARGET_PREFIX)


def _cbor_headers(request_id: str) -> dict[str, str]:
    return {
        "Content-Type": rpc_v2_cbor.CONTENT_TYPE,
        rpc_v2_cbor.PROTOCOL_HEADER: rpc_v2_cbor.PROTOCOL,
        "x-amzn-RequestId": request_id,
    }


def _json_headers(request_id: str) -> dict[str, str]:
    return {"Content-Type": JSON_CONTENT_TYPE, "x-amzn-RequestId": request_id}


def handle(request: Any, full_url: str, headers: Any) -> Response:
    """Answer one Kendra Intelligent Ranking request, in the protocol it uses."""
    request_id = str(uuid.uuid4())
    if urlparse(full_url).path.startswith("/service/"):
        return _handle_cbor(request, full_url, request_id)
    return _handle_json(request, full_url, request_id)


def _handle_cbor(request: Any, full_url: str, request_id: str) -> Response:
    def attempt() -> Response:
        _check_method_and_type(request, CBOR_CONTENT_TYPES, bool(body_of(request)))
        operation = _rpc_operation(urlparse(full_url).path)
        shape = service_model(KENDRA_RANKING).operation_model(operation).input_shape

        def parse(body: Any) -> dict[str, Any]:
            return rpc_v2_cbor.parse_body(body, shape)

        result = call(RANKING_SERVICE, operation, request, full_url, parse)
        return 200, _cbor_headers(request_id), rpc_v2_cbor.dump(result)

    def failed(error: KendraError) -> Response:
        return (
            status_of(KENDRA_RANKING, error),
            _cbor_headers(request_id),
            rpc_v2_cbor.error_body(error.error_type, error.message),
        )

    return answer(attempt, failed)


def _handle_json(request: Any, full_url: str, request_id: str) -> Response:
    def attempt() -> Response:
        _check_method_and_type(request, JSON_CONTENT_TYPES, True)
        operation = _json_operation(urlparse(full_url).path, request.headers)
        result = call(RANKING_SERVICE, operation, request, full_url, json_wire.parse_body)
        return 200, _json_headers(request_id), json_wire.dump(result)

    def failed(error: KendraError) -> Response:
        return status_of(KENDRA_RANKING, error), _json_headers(request_id), error.description

    return answer(attempt, failed)
