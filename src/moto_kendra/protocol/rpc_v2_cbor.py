"""The bodies of the Smithy RPC v2 CBOR protocol, through ``cbor2``.

Reading: a request body is decoded with ``cbor2`` and walked along the operation's
input shape into the JSON-shaped parameters the model's checks read (what the JSON
protocols carry), so that one validation serves every protocol. botocore's CBOR
serializer writes timestamps as tag 1 (epoch seconds, integer or float) and blobs as
byte strings: a tag-1 date becomes epoch seconds, a byte string in a blob member
becomes base64 text, CBOR's ``undefined`` is null. A value the protocol never carries
where the shape is (a byte string where text is expected, a date where a number is, a
map key that is not text, a set, another tag) is a SerializationException, as a
malformed body; members the shape doesn't know are dropped.

Writing: results and errors are CBOR maps; timestamps go out as tag 1 epoch seconds
(``datetime_as_timestamp``), which is what botocore's parser reads (it refuses tag 0).
"""

from __future__ import annotations

import base64
from datetime import datetime, timezone
from typing import Any

import cbor2
from botocore.model import Shape

from ..exceptions import SerializationException

CONTENT_TYPE = "application/cbor"
#: The header naming the protocol, on requests and responses.
PROTOCOL_HEADER = "smithy-protocol"
PROTOCOL = "rpc-v2-cbor"

_SCALARS = (str, bool, int, float)
_WORDS = {
    bytes: "a byte string",
    bytearray: "a byte string",
    datetime: "a date",
    list: "an array",
    dict: "a map",
    str: "a text string",
}


def _word(value: Any) -> str:
    for kind, word in _WORDS.items():
        if isinstance(value, kind):
            return word
    return f"a CBOR {type(value).__name__} value"


def _foreign(value: Any, shape: Shape, path: str) -> SerializationException:
    where = f" at '{path}'" if path else ""
    return SerializationException(
        f"{_word(value)} can not be converted to a {shape.type_name}{where}"
    )


def decode(body: bytes) -> Any:
    """The CBOR data item of a body (an empty body is an empty map)."""
    if not body:
        return {}
    try:
        return cbor2.loads(body)
    except Exception as error:  # noqa: BLE001 - untrusted bytes: any decoder error is a bad body
        raise SerializationException(f"The request body is not valid CBOR: {error}") from None


def _json_shaped(value: Any, shape: Shape, path: str) -> Any:
    if value is None or value is cbor2.undefined:
        return None
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return _leaf(value, shape, path)
        members = shape.members
        prefix = f"{path}." if path else ""
        return {
            name: _json_shaped(item, members[name], f"{prefix}{name}")
            for name, item in value.items()
            if isinstance(name, str) and name in members
        }
    if kind == "list":
        if not isinstance(value, list):
            return _leaf(value, shape, path)
        return [
            _json_shaped(item, shape.member, f"{path}.member.{index + 1}")
            for index, item in enumerate(value)
        ]
    if kind == "map":
        if not isinstance(value, dict):
            return _leaf(value, shape, path)
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise SerializationException(f"A map key at '{path}' is {_word(key)}, not text.")
            result[key] = _json_shaped(item, shape.value, f"{path}.{key}")
        return result
    if kind == "timestamp" and isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.timestamp()
    if kind == "blob":
        if isinstance(value, (bytes, bytearray)):
            return base64.b64encode(bytes(value)).decode("ascii")
        raise _foreign(value, shape, path)
    return _leaf(value, shape, path)


def _leaf(value: Any, shape: Shape, path: str) -> Any:
    """A value the JSON checks can judge as it is (they name a wrong JSON type), or the
    SerializationException for one the JSON protocols can't even carry."""
    if isinstance(value, _SCALARS) or type(value) in (list, dict):
        return value
    raise _foreign(value, shape, path)


def parse_body(body: bytes, shape: Shape | None) -> dict[str, Any]:
    """A request body as the JSON-shaped parameters of ``shape`` (the input shape)."""
    value = decode(body)
    if not isinstance(value, dict):
        raise SerializationException(f"The request body must be a CBOR map, not {_word(value)}.")
    if shape is None:
        return {}
    try:
        params = _json_shaped(value, shape, "")
    except RecursionError:
        raise SerializationException("The request body is nested too deeply to be read.") from None
    return dict(params)


def dump(value: Any) -> bytes:
    """A result or error as a CBOR body (timestamps as tag 1 epoch seconds)."""
    return bytes(cbor2.dumps(value, datetime_as_timestamp=True, timezone=timezone.utc))


def error_body(code: str, message: str) -> bytes:
    """An error as the protocol carries it: a map of ``__type`` and ``message``."""
    return dump({"__type": code, "message": message})
