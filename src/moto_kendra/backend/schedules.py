"""A data source's Schedule: a cron expression, or an empty string for "on demand".

data-source.md: "The content of the parameter is a string that holds either a
cron-format schedule string or an empty string to indicate that the index is updated
on demand ... Amazon Kendra supports only cron expressions. It doesn't support rate
expressions." The format is CloudWatch Events': ``cron(Minutes Hours Day-of-month
Month Day-of-week Year)``, where one of Day-of-month and Day-of-week is ``?``.
"""

from __future__ import annotations

import re

from ..exceptions import ValidationException

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")

#: Each field: its name, lowest and highest value, the names it takes for values.
_FIELDS: tuple[tuple[str, int, int, tuple[str, ...]], ...] = (
    ("Minutes", 0, 59, ()),
    ("Hours", 0, 23, ()),
    ("Day-of-month", 1, 31, ()),
    ("Month", 1, 12, _MONTHS),
    ("Day-of-week", 1, 7, _DAYS),
    ("Year", 1970, 2199, ()),
)
_DAY_OF_MONTH, _DAY_OF_WEEK = 2, 4
_SPECIAL = {
    _DAY_OF_MONTH: re.compile(r"L|LW|L-\d{1,2}|\d{1,2}W"),
    _DAY_OF_WEEK: re.compile(r"L|(\d|[A-Z]{3})L|(\d|[A-Z]{3})#[1-5]"),
}


def _value_ok(token: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    if token.isdigit():
        return low <= int(token) <= high
    return token.upper() in names


def _part_ok(part: str, field: int) -> bool:
    _, low, high, names = _FIELDS[field]
    special = _SPECIAL.get(field)
    if special is not None and special.fullmatch(part.upper()):
        return True
    base, slash, step = part.partition("/")
    if slash and not (step.isdigit() and int(step) > 0):
        return False
    if base == "*":
        return True
    start, dash, end = base.partition("-")
    if not _value_ok(start, low, high, names):
        return False
    return not dash or _value_ok(end, low, high, names)


def _field_ok(text: str, field: int) -> bool:
    if text == "?":
        return field in (_DAY_OF_MONTH, _DAY_OF_WEEK)
    return all(part and _part_ok(part, field) for part in text.split(","))


def problem(schedule: str) -> str | None:
    """Why ``schedule`` isn't a Schedule Kendra accepts (None: it is)."""
    if schedule == "":
        return None
    if schedule.startswith("rate("):
        return "Amazon Kendra supports only cron expressions. It doesn't support rate expressions."
    match = re.fullmatch(r"cron\((.*)\)", schedule)
    if match is None:
        return (
            "A Schedule is a cron expression, cron(Minutes Hours Day-of-month Month "
            "Day-of-week Year), or an empty string for a data source synced on demand."
        )
    fields = match.group(1).split()
    if len(fields) != len(_FIELDS):
        return f"A cron expression has {len(_FIELDS)} fields; this one has {len(fields)}."
    for number, text in enumerate(fields):
        if not _field_ok(text, number):
            return f"The {_FIELDS[number][0]} field {text!r} of the cron expression is not valid."
    if (fields[_DAY_OF_MONTH] == "?") == (fields[_DAY_OF_WEEK] == "?"):
        return "One of the Day-of-month and Day-of-week fields must be ?, and only one."
    return None


def check(schedule: str | None) -> None:
    """ValidationException for a Schedule Kendra refuses."""
    if schedule is None:
        return
    reason = problem(schedule)
    if reason is not None:
        raise ValidationException(f"The Schedule {schedule!r} is not valid. {reason}")
