"""The request path every service shares, and Kendra's JSON 1.1 protocol.

``call`` is what every request goes through once its protocol has named the
operation: region, account, IAM, the body parsed and validated against the model, the
test controls' faults and the operation, under the backend's lock. ``answer`` turns
what escapes into the service's error, never a traceback; ``status_of`` gives an
error the HTTP status the service's model names for it.

``handle`` serves Kendra (JSON 1.1, ``X-Amz-Target``) on every route moto offers (the
botocore before-send hook, the ``requests`` mock and the server): it takes the request
moto hands over and returns ``(status, headers, body)``. The operations are the ones the
backend declares (``moto_kendra.backend.operations``); any other operation of the model
answers 501. Kendra Intelligent Ranking's protocols are ``ranking_dispatch``.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from botocore.model import NoShapeFoundError

from ..backend import implemented, kendra_backends
from ..backend.operations import Handler, Params, Result
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

_REGION_IN_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/")

#: What a url handler returns to moto: (HTTP status, headers, body as str or bytes).
Response = tuple[int, dict[str, str], Any]


@dataclass(frozen=True)
class Service:
    """What the shared request path knows of one service."""

    #: botocore's name of the service, and IAM's action prefix (``kendra:...``).
    name: str
    #: Its ``BackendDict``: account -> region -> backend.
    backends: Any
    #: Finds the region in a request's host (group 1); else the signature's scope says.
    region_in_host: re.Pattern[str]
    #: Its name in messages.
    title: str

    @property
    def operations(self) -> Mapping[str, Handler]:
        return implemented(self.name)


KENDRA_SERVICE = Service(
    KENDRA,
    kendra_backends,
    re.compile(r"kendra(?:-fips)?\.([^.]+)\.amazonaws\.com"),
    "Amazon Kendra",
)


@functools.cache
def _model_operations(service: str) -> frozenset[str]:
    # Loaded at the first unknown operation, not at import (it reads botocore's model).
    return frozenset(service_model(service).operation_names)


def region_of(service: Service, url: str, headers: Any) -> str:
    """The region of a request: in its host, else in its signature, else the default."""
    match = service.region_in_host.search(url)
    if match:
        return match.group(1)
    match = _REGION_IN_SCOPE.search(headers.get("Authorization") or "")
    return match.group(1) if match else DEFAULT_REGION


def resolve(service: Service, operation: str, where: str) -> str:
    """``operation`` if a backend module declares it; 501 if only the model has it;
    UnknownOperationException otherwise (``where`` names what was looked in)."""
    if operation in service.operations:
        return operation
    if operation in _model_operations(service.name):
        raise NotImplementedByMotoKendra(operation)
    raise UnknownOperationException(f"Unknown operation {clip(operation)!r} for {where}.")


def target_operation(service: Service, headers: Any, prefix: str) -> str:
    """The operation a JSON protocol request's X-Amz-Target names (``<prefix><name>``),
    resolved as ``resolve`` does; UnknownOperationException for any other target."""
    target = headers.get("X-Amz-Target") or ""
    if not target.startswith(prefix):
        raise UnknownOperationException(
            f"Unknown operation: the X-Amz-Target header {clip(target)!r} does not name an "
            f"operation of {prefix[:-1]}."
        )
    return resolve(service, target[len(prefix) :], prefix[:-1])


def body_of(request: Any) -> Any:
    """The raw body of moto's request (botocore's on the fast path, werkzeug's else)."""
    return request.body if hasattr(request, "body") else request.get_data()


def call(
    service: Service,
    operation: str,
    request: Any,
    full_url: str,
    parse: Callable[[Any], Params],
) -> Result:
    """Run ``operation`` (already resolved) for ``request``; its result, or the error.

    ``parse`` turns the raw body into the JSON-shaped parameters the model's checks
    read (each protocol has its own).
    """
    region = region_of(service, full_url, request.headers)
    account_id = iam.account_for(request.headers, region, service.name)
    iam.authorize(request, full_url, operation, account_id)
    params = parse(body_of(request))
    try:
        validate_request(operation, params, service.name)
    except RecursionError:
        raise SerializationException("The request body is nested too deeply to be read.") from None
    try:
        backend = service.backends[account_id][region]
    except KeyError:
        raise ValidationException(
            f"{service.title} isn't available in region {clip(region)!r}: moto-kendra serves "
            "the regions of botocore's endpoints."
        ) from None
    with backend.lock:
        controls = backend.active_controls
        if controls is not None:
            controls.check_call(operation)
        return service.operations[operation](backend, params)


@functools.cache
def _modeled_status(service: str, code: str) -> int | None:
    try:
        shape = service_model(service).shape_for(code)
    except NoShapeFoundError:
        return None
    status = shape.metadata.get("error", {}).get("httpStatusCode")
    return int(status) if status is not None else None


def status_of(service: str, error: KendraError) -> int:
    """The HTTP status of ``error`` in ``service``: the one the model gives the error's
    shape (Kendra Intelligent Ranking's model names them), else the class's own."""
    return _modeled_status(service, error.error_type) or error.code


def answer(attempt: Callable[[], Response], failed: Callable[[KendraError], Response]) -> Response:
    """``attempt()``, or ``failed(error)`` for whatever error escapes it: a modeled
    error as it is, anything else as InternalServerException (never a traceback)."""
    try:
        return attempt()
    except KendraError as error:
        return failed(error)
    except Exception as error:  # noqa: BLE001 - a client must never see a traceback
        return failed(
            InternalServerException(
                f"moto-kendra failed on this request: {type(error).__name__}: {error}"
            )
        )


# -- Kendra: JSON 1.1 -----------------------------------------------------------------


def _headers(request_id: str) -> dict[str, str]:
    return {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": request_id}


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
    return target_operation(KENDRA_SERVICE, headers, TARGET_PREFIX)


def handle(request: Any, full_url: str, headers: Any) -> Response:
    """Answer one Kendra request: moto's url handler for every route."""
    request_id = str(uuid.uuid4())

    def attempt() -> Response:
        check_method_and_type(request)
        operation = operation_of(request.headers)
        result = call(KENDRA_SERVICE, operation, request, full_url, parse_body)
        return 200, _headers(request_id), dump(result)

    def failed(error: KendraError) -> Response:
        return status_of(KENDRA, error), _headers(request_id), error.description

    return answer(attempt, failed)
