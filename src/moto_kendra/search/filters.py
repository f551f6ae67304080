"""Kendra AttributeFilters evaluated against documents' attributes.

A filter arrives as the request dict (after the model's validation): one of
``AndAllFilters``, ``OrAllFilters``, ``NotFilter`` (nesting), or a comparison of a
document attribute ``{"Key": ..., "Value": {<one value member>}}``. A document's
attributes are a mapping of name -> DocumentAttributeValue dict (``StringValue``,
``StringListValue``, ``LongValue``, ``DateValue`` as ``datetime``).

The rules (filtering.md, API_AttributeFilter.md):

- ``EqualsTo``: any value type. On a string list, the lists hold the same strings
  (order and repeats aside).
- ``ContainsAll`` / ``ContainsAny``: only ``StringListValue``: the document's list
  holds all / any of the given strings.
- ``GreaterThan``, ``GreaterThanOrEquals``, ``LessThan``, ``LessThanOrEquals``: only
  ``LongValue`` and ``DateValue`` (dates compare as instants; a date without a time
  zone is UTC).
- ``AndAllFilters`` / ``OrAllFilters`` hold at most 10 filters, and filters nest at most
  two levels under the first one; ``NotFilter`` counts as a level.
- A document without the attribute matches no comparison (so ``NotFilter`` of one
  matches it). Strings compare exactly (case-sensitive).

Misuse is a ValidationException, as Kendra gives one: an operator on a value type it
doesn't apply to, a value whose type isn't the type the index declares for the field,
more than one operator (or value member) in one filter, too deep, too long.
``compile_filter`` checks once and returns a fast predicate for many documents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

from ..exceptions import ValidationException

Attributes = Mapping[str, Mapping[str, Any]]
Predicate = Callable[[Attributes], bool]

#: Kendra's limits (API_AttributeFilter.md).
MAX_DEPTH = 2
MAX_LENGTH = 10

COMPOUND = ("AndAllFilters", "OrAllFilters", "NotFilter")
COMPARISONS = (
    "EqualsTo",
    "ContainsAll",
    "ContainsAny",
    "GreaterThan",
    "GreaterThanOrEquals",
    "LessThan",
    "LessThanOrEquals",
)
VALUE_MEMBERS = ("StringValue", "StringListValue", "LongValue", "DateValue")
#: DocumentAttributeValueType -> the value member holding it.
TYPE_MEMBERS = {
    "STRING_VALUE": "StringValue",
    "STRING_LIST_VALUE": "StringListValue",
    "LONG_VALUE": "LongValue",
    "DATE_VALUE": "DateValue",
}
#: Which value members each comparison applies to.
APPLIES_TO = {
    "EqualsTo": VALUE_MEMBERS,
    "ContainsAll": ("StringListValue",),
    "ContainsAny": ("StringListValue",),
    "GreaterThan": ("LongValue", "DateValue"),
    "GreaterThanOrEquals": ("LongValue", "DateValue"),
    "LessThan": ("LongValue", "DateValue"),
    "LessThanOrEquals": ("LongValue", "DateValue"),
}


def instant(value: datetime) -> datetime:
    """A datetime as an aware one (naive ones are UTC), for comparing dates."""
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _only_member(found: Mapping[str, Any], allowed: tuple[str, ...], what: str) -> str:
    present = [name for name in allowed if found.get(name) is not None]
    if len(present) != 1:
        listed = ", ".join(present) if present else "none"
        raise ValidationException(
            f"{what} must have exactly one of {', '.join(allowed)}; it has {listed}."
        )
    return present[0]


def _join(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _comparison(
    operator: str, attribute: Mapping[str, Any], field_types: Mapping[str, str]
) -> Predicate:
    key = attribute.get("Key")
    if not key:
        raise ValidationException(f"The {operator} filter must have a Key.")
    value = attribute.get("Value") or {}
    member = _only_member(value, VALUE_MEMBERS, f"The Value of the {operator} filter on {key}")
    applies = APPLIES_TO[operator]
    if member not in applies:
        raise ValidationException(
            f"The {operator} filter can't be used with a {member}: it applies only to "
            f"a {_join(applies)}. Change the filter on the field {key}."
        )
    declared = field_types.get(key)
    if declared is not None and TYPE_MEMBERS.get(declared) != member:
        raise ValidationException(
            f"The {operator} filter on the field {key} has a {member}, but the index "
            f"declares {key} as {declared}. Use a {TYPE_MEMBERS.get(declared, declared)}."
        )
    wanted = value[member]
    if member == "DateValue":
        wanted = instant(wanted)

    def value_of(attributes: Attributes) -> Any:
        found = attributes.get(key)
        if found is None:
            return None
        raw = found.get(member)
        if raw is not None and member == "DateValue":
            return instant(raw)
        return raw

    if operator == "EqualsTo":
        if member == "StringListValue":
            wanted_set = frozenset(wanted)
            return lambda attrs: (v := value_of(attrs)) is not None and frozenset(v) == wanted_set
        return lambda attrs: value_of(attrs) == wanted
    if operator == "ContainsAll":
        needed = frozenset(wanted)
        return lambda attrs: (v := value_of(attrs)) is not None and needed.issubset(v)
    if operator == "ContainsAny":
        any_of = frozenset(wanted)
        return lambda attrs: (v := value_of(attrs)) is not None and not any_of.isdisjoint(v)
    if operator == "GreaterThan":
        return lambda attrs: (v := value_of(attrs)) is not None and v > wanted
    if operator == "GreaterThanOrEquals":
        return lambda attrs: (v := value_of(attrs)) is not None and v >= wanted
    if operator == "LessThan":
        return lambda attrs: (v := value_of(attrs)) is not None and v < wanted
    return lambda attrs: (v := value_of(attrs)) is not None and v <= wanted


def _compile(
    attribute_filter: Mapping[str, Any], field_types: Mapping[str, str], depth: int, limits: bool
) -> Predicate:
    if limits and depth > MAX_DEPTH:
        raise ValidationException("AttributeFilter cannot have a depth of more than 2.")
    operator = _only_member(attribute_filter, COMPOUND + COMPARISONS, "An AttributeFilter")
    member = attribute_filter[operator]
    if operator == "NotFilter":
        inner = _compile(member, field_types, depth + 1, limits)
        return lambda attrs: not inner(attrs)
    if operator in ("AndAllFilters", "OrAllFilters"):
        if limits and len(member) > MAX_LENGTH:
            raise ValidationException("AttributeFilter cannot have a length of more than 10")
        parts = tuple(_compile(f, field_types, depth + 1, limits) for f in member)
        if operator == "AndAllFilters":
            return lambda attrs: all(part(attrs) for part in parts)
        return lambda attrs: any(part(attrs) for part in parts)
    return _comparison(operator, member, field_types)


def compile_filter(
    attribute_filter: Mapping[str, Any],
    field_types: Mapping[str, str] | None = None,
    *,
    limits: bool = True,
) -> Predicate:
    """A predicate over a document's attributes; raises ValidationException for misuse.

    ``field_types``: the index's declared type (``STRING_VALUE``, ...) of each field; a
    key the mapping doesn't name is compared by the filter's own value type.
    ``limits``: check Kendra's depth and length limits (off for filters the mock builds
    itself, such as a query's field searches).
    """
    return _compile(attribute_filter, field_types or {}, 0, limits)


def matches(
    attribute_filter: Mapping[str, Any],
    attributes: Attributes,
    field_types: Mapping[str, str] | None = None,
) -> bool:
    """Whether a document with ``attributes`` passes ``attribute_filter``."""
    return compile_filter(attribute_filter, field_types)(attributes)
