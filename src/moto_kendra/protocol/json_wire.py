"""The AWS JSON protocol's bodies: reading a request's, writing a response's."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..exceptions import SerializationException

#: The deepest nesting of objects and arrays a request body may have. The deepest
#: Kendra request (AttributeFilters inside one another) needs far fewer; deeper bodies
#: are refused the same way on every Python, whatever its parser's own limit.
MAX_DEPTH = 100
_TOO_DEEP = "The request body is not valid JSON: it is nested too deeply."


def _too_deep(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


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
        raise SerializationException(_TOO_DEEP) from None
    if not isinstance(params, dict):
        raise SerializationException("The request body must be a JSON object.")
    if _too_deep(params):
        raise SerializationException(_TOO_DEEP)
    return params


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        # The JSON protocols put timestamps on the wire as epoch seconds.
        return value.timestamp()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


#: One encoder for every response: ``json.dumps(default=...)`` builds a new one per call.
#: A result is a tree of fresh dicts and lists, never circular, so that check is skipped.
_ENCODER = json.JSONEncoder(default=_json_default, check_circular=False)


def dump(result: Any) -> str:
    """A result as a JSON body (timestamps as epoch seconds)."""
    return _ENCODER.encode(result)
