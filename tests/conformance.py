"""Checks every Kendra and Kendra Intelligent Ranking response the suite receives
against botocore's model.

``install()`` adds ``after-call.kendra`` and ``after-call.kendra-ranking`` handlers to
botocore's built-in handlers, so every boto3 client of either service created
afterwards runs them on every response. A success body must match the operation's
output shape strictly (no unknown members, required members present, enums, lengths,
patterns, timestamps as epoch seconds: in a CBOR body, as tag 1, the only form
botocore reads); an error must carry a code the operation's model lists (or a protocol
error) with the HTTP status the service gives it (the model's, where it names one).
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

import cbor2
from botocore.handlers import BUILTIN_HANDLERS
from botocore.model import NoShapeFoundError, OperationModel, Shape

from moto_kendra.backend import implemented
from moto_kendra.exceptions import MAX_MESSAGE_CHARS
from moto_kendra.spec.checks import response_violations

NOT_IMPLEMENTED = "NotImplementedException"

PROTOCOL_ERRORS = {"ValidationException", "SerializationException"}
#: No error body is longer than this: a message is at most MAX_MESSAGE_CHARS characters,
#: each at most 6 bytes as JSON escapes it, plus the code.
MAX_ERROR_BODY_BYTES = 6 * MAX_MESSAGE_CHARS + 256
STATUS_OF = {"InternalServerException": 500}
EVENTS = ("after-call.kendra", "after-call.kendra-ranking")
checked = {"responses": 0}


def expected_status(operation: OperationModel, code: str) -> int:
    """The HTTP status of error ``code``: the model's for its shape, else Kendra's."""
    try:
        shape = operation.service_model.shape_for(code)
    except NoShapeFoundError:
        shape = None
    modeled = shape.metadata.get("error", {}).get("httpStatusCode") if shape else None
    return int(modeled) if modeled is not None else STATUS_OF.get(code, 400)


def error_violations(operation: OperationModel, status: int, data: Any) -> list[str]:
    if not isinstance(data, dict):
        return [f"error body is not a map: {data!r}"]
    code = data.get("__type")
    service = operation.service_model.service_name
    if code == NOT_IMPLEMENTED and operation.name not in implemented(service):
        # The one error outside the model: an operation moto-kendra doesn't model.
        return [] if status == 501 else [f"{code} came with HTTP {status}, not 501"]
    allowed = {shape.name for shape in operation.error_shapes} | PROTOCOL_ERRORS
    problems = []
    if code not in allowed:
        problems.append(f"{operation.name} returned {code!r}, not one of {sorted(allowed)}")
    if not isinstance(data.get("message"), str) or not data["message"]:
        problems.append(f"error {code!r} has no message: {data!r}")
    expected = expected_status(operation, str(code))
    if status != expected:
        problems.append(f"error {code!r} came with HTTP {status}, not {expected}")
    return problems


def _cbor_item(body: bytes) -> Any:
    """A CBOR body as botocore reads it (tag 1 as a datetime, any other tag refused)."""
    try:
        from botocore.parsers import RpcV2CBORParser
    except ImportError:  # a botocore without the protocol: cbor2 reads it
        return cbor2.loads(body)
    return RpcV2CBORParser()._initial_body_parse(body)


def as_json(value: Any, shape: Shape | None, problems: list[str], path: str = "") -> Any:
    """A decoded CBOR value as its JSON form for the strict check: tag-1 dates as epoch
    seconds (anything else in a timestamp member is a problem), byte strings as base64."""
    if shape is None:
        return value
    kind = shape.type_name
    if kind == "timestamp":
        if isinstance(value, datetime):
            return value.timestamp()
        problems.append(f"timestamp at '{path}' is not a tag-1 date: {value!r}")
        return value
    if kind == "blob" and isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if kind == "structure" and isinstance(value, dict):
        return {
            name: as_json(item, shape.members.get(name), problems, f"{path}.{name}")
            for name, item in value.items()
        }
    if kind == "list" and isinstance(value, list):
        return [as_json(item, shape.member, problems, f"{path}[]") for item in value]
    if kind == "map" and isinstance(value, dict):
        return {
            key: as_json(item, shape.value, problems, f"{path}.{key}")
            for key, item in value.items()
        }
    return value


def _unbounded(body: bytes | str, data: Any) -> list[str]:
    """An error body or message over the bound: values are echoed cut."""
    problems = []
    if len(body) > MAX_ERROR_BODY_BYTES:
        problems.append(f"error body of {len(body)} bytes, over {MAX_ERROR_BODY_BYTES}")
    if isinstance(data, dict) and len(str(data.get("message", ""))) > MAX_MESSAGE_CHARS:
        problems.append(f"error message over {MAX_MESSAGE_CHARS} characters")
    return problems


def violations(
    operation: OperationModel, status: int, body: bytes | str, content_type: str | None = None
) -> list[str]:
    """Every way one raw response breaks the model (a CBOR body if ``content_type`` says
    so, else JSON)."""
    if content_type and content_type.startswith("application/cbor"):
        try:
            raw = body.encode() if isinstance(body, str) else body
            data = _cbor_item(raw) if raw else {}
        except Exception as error:  # noqa: BLE001 - whatever botocore can't read is a violation
            return [f"{operation.name} answered with a body botocore can't read: {error}"]
        if status >= 300:
            return error_violations(operation, status, data) + _unbounded(raw, data)
        problems: list[str] = []
        data = as_json(data, operation.output_shape, problems)
        if status != 200:
            problems.append(f"{operation.name} succeeded with HTTP {status}")
        return problems + response_violations(operation, data)
    try:
        data = json.loads(body) if body else {}
    except ValueError:
        return [f"{operation.name} answered with a body that is not JSON: {body[:200]!r}"]
    if status >= 300:
        return error_violations(operation, status, data) + _unbounded(body, data)
    if status != 200:
        return [f"{operation.name} succeeded with HTTP {status}"]
    return response_violations(operation, data)


def _after_call(http_response: Any, model: OperationModel, **_: Any) -> None:
    if http_response is None:
        return
    problems = violations(
        model,
        http_response.status_code,
        http_response.content,
        http_response.headers.get("Content-Type"),
    )
    checked["responses"] += 1
    if problems:
        raise AssertionError(f"Non-conforming {model.name} response: " + "; ".join(problems))


def install() -> None:
    for event in EVENTS:
        if (event, _after_call) not in BUILTIN_HANDLERS:
            BUILTIN_HANDLERS.append((event, _after_call))
