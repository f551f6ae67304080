"""Field searches in query text (``status:"Incomplete"``, ``_view_count:>10``,
``_last_updated_at:[2020-01-01 TO 2020-12-31]``) as AttributeFilters.

A field search filters documents as an AttributeFilter does, so it becomes one (see
``filters.py``), using the field's declared type:

- STRING_VALUE: ``name:value`` is ``EqualsTo``; STRING_LIST_VALUE: ``ContainsAny`` of
  the value. Comparisons and ranges on strings are invalid.
- LONG_VALUE: the value must be digits (an optional sign first).
- DATE_VALUE: epoch seconds, ``YYYY``, ``YYYY-mm``, ``YYYY-mm-dd`` or
  ``YYYY-mm-dd'T'HH`` (UTC). A date names a period (a year, a month, a day, an hour, a
  second): ``>2019-12-31`` is after that day, ``<=2020-12-31`` up to its end, and
  ``name:2020`` anywhere in 2020.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

from .query_syntax import Field

INVALID_FIELD = "Invalid field search. The field must exist in order to use field search."
INVALID_NUMBER = "Invalid numeric value. Digits must be used to represent numeric values."
INVALID_DATE = (
    "Invalid date. Dates must be epoch seconds or YYYY, YYYY-mm, YYYY-mm-dd or "
    "YYYY-mm-dd'T'HH, and exist in the Gregorian calendar."
)
INVALID_RANGE = "Invalid range. Numeric values or dates must be used for ranges."

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}))?)?)?$")
_LONG = re.compile(r"^[+-]?\d+$")

Filter = dict[str, Any]


class FieldSearchError(ValueError):
    """A field search that can't be run; the message is the query warning."""


def date_period(value: str) -> tuple[datetime, datetime]:
    """The period ``[start, end)`` a date of the query syntax names (UTC)."""
    match = _DATE.match(value)
    try:
        if match is None:
            if not value.isdigit():
                raise FieldSearchError(INVALID_DATE)
            start = datetime.fromtimestamp(int(value), tz=timezone.utc)
            return start, start + timedelta(seconds=1)
        year, month, day, hour = match.groups()
        start = datetime(
            int(year), int(month or 1), int(day or 1), int(hour or 0), tzinfo=timezone.utc
        )
    except (ValueError, OverflowError, OSError) as error:
        raise FieldSearchError(INVALID_DATE) from error
    if hour is not None:
        return start, start + timedelta(hours=1)
    if day is not None:
        return start, start + timedelta(days=1)
    if month is not None:
        next_month = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start, next_month
    return start, start.replace(year=start.year + 1)


def _long(value: str) -> int:
    if not _LONG.match(value):
        raise FieldSearchError(INVALID_NUMBER)
    return int(value)


def _compare(operator: str, key: str, value: dict[str, Any]) -> Filter:
    return {operator: {"Key": key, "Value": value}}


_OPERATORS = {
    ">": "GreaterThan",
    ">=": "GreaterThanOrEquals",
    "<": "LessThan",
    "<=": "LessThanOrEquals",
}


def _long_filter(field: Field) -> Filter:
    key = field.name
    if field.op in ("[]", "{}"):
        if not field.high:
            raise FieldSearchError(INVALID_RANGE)
        low, high = _long(field.value), _long(field.high)
        inclusive = field.op == "[]"
        return {
            "AndAllFilters": [
                _compare(
                    "GreaterThanOrEquals" if inclusive else "GreaterThan",
                    key,
                    {"LongValue": low},
                ),
                _compare("LessThanOrEquals" if inclusive else "LessThan", key, {"LongValue": high}),
            ]
        }
    number = _long(field.value)
    if field.op == "=":
        return _compare("EqualsTo", key, {"LongValue": number})
    return _compare(_OPERATORS[field.op], key, {"LongValue": number})


def _date_filter(field: Field) -> Filter:
    key = field.name
    start, end = date_period(field.value)

    def at_least(moment: datetime) -> Filter:
        return _compare("GreaterThanOrEquals", key, {"DateValue": moment})

    def before(moment: datetime) -> Filter:
        return _compare("LessThan", key, {"DateValue": moment})

    if field.op in ("[]", "{}"):
        if not field.high:
            raise FieldSearchError(INVALID_RANGE)
        high_start, high_end = date_period(field.high)
        if field.op == "[]":
            return {"AndAllFilters": [at_least(start), before(high_end)]}
        return {"AndAllFilters": [at_least(end), before(high_start)]}
    if field.op == "=":
        return {"AndAllFilters": [at_least(start), before(end)]}
    return {
        ">": at_least(end),
        ">=": at_least(start),
        "<": before(start),
        "<=": before(end),
    }[field.op]


def field_filter(field: Field, field_type: str | None) -> Filter:
    """The AttributeFilter a field search means, for a field of ``field_type`` (None:
    the index has no such field). Raises FieldSearchError with the query warning."""
    if field_type is None:
        raise FieldSearchError(INVALID_FIELD)
    if field_type == "LONG_VALUE":
        return _long_filter(field)
    if field_type == "DATE_VALUE":
        return _date_filter(field)
    if field.op != "=":
        raise FieldSearchError(INVALID_RANGE)
    if field_type == "STRING_LIST_VALUE":
        return _compare("ContainsAny", field.name, {"StringListValue": [field.value]})
    return _compare("EqualsTo", field.name, {"StringValue": field.value})
