"""The AWS JSON protocol's bodies: reading a request's, writing a response's."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..exceptions import SerializationException


def _reject_constant(name: str) -> Any:
    # Python's json reads NaN and Infinity; JSON (and Kendra's parser) does not.
    raise ValueError(f"{name} is not a JSON value")


def parse_body(body: Any) -> dict[str, Any]:
    """A request body as the JSON object it must be (an empty body is ``{}``)."""
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


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        # The JSON protocols put timestamps on the wire as epoch seconds.
        return value.timestamp()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dump(result: Any) -> str:
    """A result as a JSON body (timestamps as epoch seconds)."""
    return json.dumps(result, default=_json_default)
