"""Checks every Kendra response the suite receives against botocore's model.

``install()`` adds an ``after-call.kendra`` handler to botocore's built-in handlers,
so every boto3 Kendra client created afterwards runs it on every response. A success
body must match the operation's output shape strictly (no unknown members, required
members present, enums, lengths, patterns, timestamps as epoch seconds); an error must
carry a code the operation's model lists (or a protocol error) with the HTTP status
the Kendra reference gives for it.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.handlers import BUILTIN_HANDLERS
from botocore.model import OperationModel

from moto_kendra.exceptions import MAX_MESSAGE_CHARS
from moto_kendra.spec.checks import response_violations
from tests.kendra_calls import IMPLEMENTED

NOT_IMPLEMENTED = "NotImplementedException"

PROTOCOL_ERRORS = {"ValidationException", "SerializationException"}
#: No error body is longer than this: a message is at most MAX_MESSAGE_CHARS characters,
#: each at most 6 bytes as JSON escapes it, plus the code.
MAX_ERROR_BODY_BYTES = 6 * MAX_MESSAGE_CHARS + 256
STATUS_OF = {"InternalServerException": 500}
checked = {"responses": 0}


def error_violations(operation: OperationModel, status: int, data: Any) -> list[str]:
    if not isinstance(data, dict):
        return [f"error body is not a JSON object: {data!r}"]
    code = data.get("__type")
    if code == NOT_IMPLEMENTED and operation.name not in IMPLEMENTED:
        # The one error outside the model: an operation moto-kendra doesn't model.
        return [] if status == 501 else [f"{code} came with HTTP {status}, not 501"]
    allowed = {shape.name for shape in operation.error_shapes} | PROTOCOL_ERRORS
    problems = []
    if code not in allowed:
        problems.append(f"{operation.name} returned {code!r}, not one of {sorted(allowed)}")
    if not isinstance(data.get("message"), str) or not data["message"]:
        problems.append(f"error {code!r} has no message: {data!r}")
    expected = STATUS_OF.get(str(code), 400)
    if status != expected:
        problems.append(f"error {code!r} came with HTTP {status}, not {expected}")
    return problems


def violations(operation: OperationModel, status: int, body: bytes | str) -> list[str]:
    """Every way one raw Kendra response breaks the model."""
    try:
        data = json.loads(body) if body else {}
    except ValueError:
        return [f"{operation.name} answered with a body that is not JSON: {body[:200]!r}"]
    if status >= 300:
        problems = error_violations(operation, status, data)
        if len(body) > MAX_ERROR_BODY_BYTES:
            problems.append(f"error body of {len(body)} bytes, over {MAX_ERROR_BODY_BYTES}")
        if isinstance(data, dict) and len(str(data.get("message", ""))) > MAX_MESSAGE_CHARS:
            problems.append(f"error message over {MAX_MESSAGE_CHARS} characters")
        return problems
    if status != 200:
        return [f"{operation.name} succeeded with HTTP {status}"]
    return response_violations(operation, data)


def _after_call(http_response: Any, model: OperationModel, **_: Any) -> None:
    if http_response is None:
        return
    problems = violations(model, http_response.status_code, http_response.content)
    checked["responses"] += 1
    if problems:
        raise AssertionError(f"Non-conforming {model.name} response: " + "; ".join(problems))


def install() -> None:
    if ("after-call.kendra", _after_call) not in BUILTIN_HANDLERS:
        BUILTIN_HANDLERS.append(("after-call.kendra", _after_call))
