"""The shape walk: botocore shapes compiled into checks (requests and responses).

botocore's own validator (botocore/validate.py) checks types, required members and
minimums on the client side only. This module walks the same shape trees and adds
what Kendra checks on the server: maximum lengths, patterns (applied to the whole
value), enums, numeric ranges and list sizes, recursively. Nothing here is written
field by field: every rule comes from the shape metadata of the model.

A violation of a constraint becomes a ValidationException in AWS's form::

    1 validation error detected: Value '11' at 'maxResults' failed to satisfy
    constraint: Member must have value less than or equal to 10

A value of the wrong JSON type becomes a SerializationException, as Kendra's JSON
protocol answers it.

The same walk, in strict mode, checks responses for the test suite: unknown members,
required members, and wire timestamps as epoch seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from botocore.model import Shape

from ..exceptions import SerializationException, clip

#: The base64 alphabet (``base64.b64decode(..., validate=True)`` accepts no other).
_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

# A check appends "Value ... at 'path' failed to satisfy constraint: ..." messages.
Check = Callable[[Any, str, list[str]], None]


def _wire_name(name: str) -> str:
    # AWS names members in validation messages in lowerCamelCase.
    return name[:1].lower() + name[1:]


def _java(value: Any) -> str:
    """A value as the Java service prints it in messages (toString of the model type)."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_java(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}={_java(item)}" for key, item in value.items()) + "}"
    return str(value)


def _render(value: Any, shape: Shape) -> str:
    if shape.metadata.get("sensitive"):
        # AWS leaves sensitive values out of messages: "Value at 'password' failed ..."
        return "Value"
    if value is None:
        return "Value null"
    return f"Value '{clip(_java(value))}'"


def _pattern_of(text: str) -> Any:
    """Compile a model pattern. Some are written with JavaScript-style delimiters
    (LambdaArn: ``/arn:aws...:function:...(:[a-zA-Z0-9-_]+)?/``); the slashes are not
    part of the ARN, so they are dropped. ``regex`` understands ``\\P{C}`` and the
    other Unicode classes of Java's patterns, which ``re`` does not."""
    if len(text) > 2 and text.startswith("/") and text.endswith("/"):
        text = text[1:-1]
    import regex  # here, not at the top: importing it takes ~20 ms

    return regex.compile(text)


#: Model patterns read otherwise, by (shape name, pattern as the model writes it).
#: Kendra Intelligent Ranking's RescoreId (max 36) is written ``[a-zA-Z0-9][a-zA-Z0-9-]``,
#: which, applied to the whole value, fits 2-character ids only: every sibling id
#: shape of the model ends in ``*`` (RescoreExecutionPlanId), as this one is read.
PATTERN_ERRATA = {("RescoreId", "[a-zA-Z0-9][a-zA-Z0-9-]"): "[a-zA-Z0-9][a-zA-Z0-9-]*"}

#: The integral ranges of the JSON protocol's integer types (Java int and long).
_INTEGRAL_RANGE = {
    "integer": (-(2**31), 2**31 - 1),
    "long": (-(2**63), 2**63 - 1),
}


def _violation(value: Any, shape: Shape, path: str, constraint: str) -> str:
    return f"{_render(value, shape)} at '{path}' failed to satisfy constraint: {constraint}"


_JSON_TOKEN = {
    str: "STRING_VALUE",
    bool: "BOOLEAN_VALUE",
    int: "NUMBER_VALUE",
    float: "NUMBER_VALUE",
    list: "START_ARRAY",
    dict: "START_OBJECT",
}

_TYPE_WORD = {
    "string": "a String",
    "integer": "an Integer",
    "long": "a Long",
    "float": "a Float",
    "double": "a Double",
    "boolean": "a Boolean",
    "timestamp": "a Timestamp (epoch seconds)",
    "blob": "a Blob (base64 string)",
    "structure": "a Structure",
    "list": "a List",
    "map": "a Map",
}


def _type_error(value: Any, shape: Shape, path: str) -> SerializationException:
    token = _JSON_TOKEN.get(type(value), "NULL_VALUE" if value is None else "VALUE")
    where = f" at '{path}'" if path else ""
    return SerializationException(
        f"{token} can not be converted to {_TYPE_WORD.get(shape.type_name, shape.type_name)}{where}"
    )


class _ScalarChecks:
    """The checks of scalar shapes (strings, numbers, booleans, timestamps, blobs) and
    of lengths, which the compiler of whole shape trees builds on."""

    def _length_bounds(self, shape: Shape) -> Callable[[Any, int, str, list[str]], None] | None:
        low = shape.metadata.get("min")
        high = shape.metadata.get("max")
        if low is None and high is None:
            return None

        def bounds(value: Any, length: int, path: str, errors: list[str]) -> None:
            if low is not None and length < low:
                errors.append(
                    _violation(
                        value,
                        shape,
                        path,
                        f"Member must have length greater than or equal to {low}",
                    )
                )
            elif high is not None and length > high:
                errors.append(
                    _violation(
                        value,
                        shape,
                        path,
                        f"Member must have length less than or equal to {high}",
                    )
                )

        return bounds

    def _string(self, shape: Shape) -> Check:
        bounds = self._length_bounds(shape)
        enum = shape.enum
        enum_set = frozenset(enum)
        pattern_text = shape.metadata.get("pattern")
        if pattern_text is not None:
            pattern_text = PATTERN_ERRATA.get((shape.name, pattern_text), pattern_text)
        pattern = _pattern_of(pattern_text) if pattern_text else None

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, str):
                raise _type_error(value, shape, path)
            if bounds is not None:
                bounds(value, len(value), path, errors)
            if enum_set and value not in enum_set:
                errors.append(
                    _violation(
                        value,
                        shape,
                        path,
                        f"Member must satisfy enum value set: [{', '.join(enum)}]",
                    )
                )
            if pattern is not None and pattern.fullmatch(value) is None:
                errors.append(
                    _violation(
                        value,
                        shape,
                        path,
                        f"Member must satisfy regular expression pattern: {pattern_text}",
                    )
                )

        return check

    def _number(self, shape: Shape, integral: bool) -> Check:
        low = shape.metadata.get("min")
        high = shape.metadata.get("max")
        kinds = (int,) if integral else (int, float)
        smallest, largest = _INTEGRAL_RANGE.get(shape.type_name, (None, None))

        def check(value: Any, path: str, errors: list[str]) -> None:
            if isinstance(value, bool) or not isinstance(value, kinds):
                raise _type_error(value, shape, path)
            if smallest is not None and largest is not None and not smallest <= value <= largest:
                # Does not fit the Java type: the service can't even deserialize it.
                raise SerializationException(
                    f"NUMBER_VALUE {value} is out of range of "
                    f"{_TYPE_WORD[shape.type_name]}{f' at {path!r}' if path else ''}"
                )
            if value != value and (low is not None or high is not None):
                # NaN (CBOR can carry it, JSON can't) is in no range.
                errors.append(
                    _violation(value, shape, path, f"Member must be a number in [{low}, {high}]")
                )
            elif low is not None and value < low:
                errors.append(
                    _violation(
                        value,
                        shape,
                        path,
                        f"Member must have value greater than or equal to {low}",
                    )
                )
            elif high is not None and value > high:
                errors.append(
                    _violation(
                        value,
                        shape,
                        path,
                        f"Member must have value less than or equal to {high}",
                    )
                )

        return check

    def _integer(self, shape: Shape) -> Check:
        return self._number(shape, integral=True)

    _long = _integer

    def _float(self, shape: Shape) -> Check:
        return self._number(shape, integral=False)

    _double = _float

    def _boolean(self, shape: Shape) -> Check:
        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, bool):
                raise _type_error(value, shape, path)

        return check

    def _timestamp(self, shape: Shape) -> Check:
        def check(value: Any, path: str, errors: list[str]) -> None:
            # JSON 1.1 carries timestamps as epoch seconds, in both directions.
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _type_error(value, shape, path)

        return check

    def _blob(self, shape: Shape) -> Check:
        bounds = self._length_bounds(shape)

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, str):
                raise _type_error(value, shape, path)
            # What base64.b64decode(value, validate=True) accepts, checked without
            # decoding (a 10 KB Blob in 5 us instead of 45): a length a multiple of 4,
            # the base64 alphabet, at most two "=" at the end.
            data = value.rstrip("=")
            padding = len(value) - len(data)
            if (
                len(value) % 4
                or padding > 2
                or not data.isascii()
                or data.encode("ascii").translate(None, _BASE64_ALPHABET)
            ):
                raise SerializationException(
                    f"Value at '{path}' is not valid base64-encoded binary data"
                )
            if bounds is not None:
                bounds("***", len(value) // 4 * 3 - padding, path, errors)

        return check


class _Compiler(_ScalarChecks):
    """Turns a shape tree into nested closures, once per shape and mode."""

    def __init__(self, strict: bool) -> None:
        # strict: responses. Unknown members are errors and timestamps must be numbers.
        self.strict = strict
        self._cache: dict[str, Check] = {}

    def compile(self, shape: Shape) -> Check:
        name = shape.name
        if name in self._cache:
            return self._cache[name]
        # Recursive shapes (filters that contain filters) resolve through this cell.
        cell: list[Check] = []
        self._cache[name] = lambda v, p, e: cell[0](v, p, e)
        check = getattr(self, f"_{shape.type_name}", self._any)(shape)
        cell.append(check)
        self._cache[name] = check
        return check

    # -- containers -----------------------------------------------------------

    def _structure(self, shape: Shape) -> Check:
        members = [
            (name, _wire_name(name), member_shape, self.compile(member_shape))
            for name, member_shape in shape.members.items()
        ]
        required = set(shape.required_members)
        known = set(shape.members)
        strict = self.strict
        timestamps = frozenset(
            name
            for name, member_shape in shape.members.items()
            if member_shape.type_name == "timestamp"
        )

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, dict):
                raise _type_error(value, shape, path)
            prefix = f"{path}." if path else ""
            for name, wire, member_shape, member_check in members:
                member_value = value.get(name)
                if member_value is None:
                    if not strict and name in value:
                        # A JSON null is an absent member, as AWS JSON services read it;
                        # the backend never sees it.
                        del value[name]
                    if name in required:
                        errors.append(
                            _violation(
                                None,
                                member_shape,
                                prefix + wire,
                                "Member must not be null",
                            )
                        )
                    continue
                member_check(member_value, prefix + wire, errors)
                if not strict and name in timestamps:
                    # Epoch seconds on the wire; the backend works with datetimes.
                    value[name] = _to_datetime(member_value, member_shape, prefix + wire)
            if strict:
                for name in value:
                    if name not in known:
                        errors.append(
                            f"Unknown member '{prefix}{name}' is not in shape {shape.name}"
                        )
            else:
                # A request's unknown members are ignored, as AWS JSON services do: the
                # backend never sees them.
                for name in [name for name in value if name not in known]:
                    del value[name]

        return check

    def _list(self, shape: Shape) -> Check:
        item_check = self.compile(shape.member)
        bounds = self._length_bounds(shape)

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, list):
                raise _type_error(value, shape, path)
            if bounds is not None:
                bounds(value, len(value), path, errors)
            for position, item in enumerate(value, 1):
                item_path = f"{path}.{position}.member"
                if item is None:
                    errors.append(
                        _violation(None, shape.member, item_path, "Member must not be null")
                    )
                    continue
                item_check(item, item_path, errors)

        return check

    def _map(self, shape: Shape) -> Check:
        key_check = self.compile(shape.key)
        value_check = self.compile(shape.value)
        bounds = self._length_bounds(shape)

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, dict):
                raise _type_error(value, shape, path)
            if bounds is not None:
                bounds(value, len(value), path, errors)
            for key, item in value.items():
                key_check(key, f"{path}.key", errors)
                if item is not None:
                    value_check(item, f"{path}.{clip(str(key))}.member", errors)

        return check

    # -- scalars ----------------------------------------------------------------

    def _any(self, shape: Shape) -> Check:
        return lambda value, path, errors: None


def _to_datetime(value: Any, shape: Shape, path: str) -> datetime:
    try:
        return datetime.fromtimestamp(value, timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise SerializationException(
            f"NUMBER_VALUE {value} can not be converted to "
            f"{_TYPE_WORD['timestamp']} at '{path}': out of range"
        ) from None
