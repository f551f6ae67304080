"""FAQ files: the questions and answers of a FAQ file in S3, read as in-creating-faq.md
describes each format.

- ``CSV`` (basic): each line a question, an answer and an optional source URI
  (``_source_uri``); RFC 4180 quoting; blanks around fields are dropped.
- ``CSV_WITH_HEADER``: a header row naming the columns: ``_question`` and ``_answer``
  (required), index fields (built-in or custom, typed by the index: dates as ISO 8601,
  longs as digits, string lists as comma-separated values), and the access control
  columns ``_acl_user_allow``, ``_acl_user_deny``, ``_acl_group_allow``,
  ``_acl_group_deny`` (comma-separated principals).
- ``JSON``: ``{"SchemaVersion": 1, "FaqDocuments": [{"Question", "Answer",
  "Attributes": {...}, "AccessControlList": [{"Name", "Type", "Access"}]}]}``.

A file that breaks its format, names an attribute the index has no field for (or a
value of another type), lists a principal both allowed and denied, or is over 5 MB
(quotas.md) raises ``FaqFileError``: the FAQ ends FAILED with its message.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .index_fields import VALUE_MEMBERS, IndexFields, parse_date, undefined

#: quotas.md: "Maximum size of 1 FAQ: 5 MB".
MAX_FAQ_BYTES = 5 * 1024 * 1024
ACL_COLUMNS = {
    "_acl_user_allow": ("USER", "ALLOW"),
    "_acl_user_deny": ("USER", "DENY"),
    "_acl_group_allow": ("GROUP", "ALLOW"),
    "_acl_group_deny": ("GROUP", "DENY"),
}
FORMATS = ("CSV", "CSV_WITH_HEADER", "JSON")


class FaqFileError(ValueError):
    """Why a FAQ file can't be indexed (the FAQ's ErrorMessage)."""


class FaqEntry(NamedTuple):
    """One question and its answer, with its attributes (name -> DocumentAttributeValue)
    and access control list (Principal dicts)."""

    question: str
    answer: str
    attributes: dict[str, dict[str, Any]]
    access_control_list: list[dict[str, str]]


def read_faq(data: bytes, file_format: str, fields: IndexFields) -> list[FaqEntry]:
    """The entries of a FAQ file (see the module doc); FaqFileError if it can't be read."""
    if len(data) > MAX_FAQ_BYTES:
        raise FaqFileError(
            f"The FAQ file is {len(data)} bytes; a FAQ file can be at most {MAX_FAQ_BYTES} bytes."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FaqFileError(f"The FAQ file is not UTF-8 text: {error}.") from error
    if file_format == "JSON":
        entries = _json_entries(text, fields)
    elif file_format == "CSV_WITH_HEADER":
        entries = _header_entries(_rows(text), fields)
    else:
        entries = _basic_entries(_rows(text))
    if not entries:
        raise FaqFileError("The FAQ file holds no question and answer.")
    return entries


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """The CSV rows with their line numbers, blank lines left out."""
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), skipinitialspace=True, strict=True):
            cells = [cell.strip() for cell in row]
            if any(cells):
                rows.append((len(rows) + 1, cells))
    except csv.Error as error:
        raise FaqFileError(f"The FAQ file is not valid CSV (RFC 4180): {error}.") from error
    return rows


def _entry(
    where: str,
    question: Any,
    answer: Any,
    attributes: dict[str, dict[str, Any]],
    acl: list[dict[str, str]],
) -> FaqEntry:
    if not isinstance(question, str) or not question.strip():
        raise FaqFileError(f"{where} has no question.")
    if not isinstance(answer, str) or not answer.strip():
        raise FaqFileError(f"{where} has no answer.")
    _check_acl(where, acl)
    return FaqEntry(question.strip(), answer.strip(), attributes, acl)


def _basic_entries(rows: Iterable[tuple[int, list[str]]]) -> list[FaqEntry]:
    entries = []
    for number, cells in rows:
        if len(cells) not in (2, 3):
            raise FaqFileError(
                f"Row {number} of the CSV FAQ file has {len(cells)} fields; each row holds "
                "a question, an answer and an optional source URI."
            )
        attributes = {}
        if len(cells) == 3 and cells[2]:
            attributes["_source_uri"] = {"StringValue": cells[2]}
        entries.append(_entry(f"Row {number}", cells[0], cells[1], attributes, []))
    return entries


def _typed(name: str, value: str, fields: IndexFields, where: str) -> dict[str, Any]:
    declared = fields.type_of(name)
    if declared is None:
        raise FaqFileError(f"{where}: {undefined(name)}.")
    converted: Any = value
    if declared == "STRING_LIST_VALUE":
        converted = [item.strip() for item in value.split(",") if item.strip()]
    elif declared == "LONG_VALUE":
        try:
            converted = int(value)
        except ValueError:
            converted = None
    elif declared == "DATE_VALUE":
        converted = parse_date(value)
    if converted is None or converted == []:
        raise FaqFileError(
            f"{where}: attribute {name} is of type {declared} at the index level; "
            f"{value!r} is not a value of that type."
        )
    return {VALUE_MEMBERS[declared]: converted}


def _header_entries(rows: list[tuple[int, list[str]]], fields: IndexFields) -> list[FaqEntry]:
    if not rows:
        raise FaqFileError("The FAQ file has no header row.")
    _, header = rows[0]
    missing = [name for name in ("_question", "_answer") if name not in header]
    if missing:
        raise FaqFileError(
            f"The header row of the FAQ file lacks {' and '.join(missing)}: a CSV_WITH_HEADER "
            "file names its question and answer columns _question and _answer."
        )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise FaqFileError(f"The header row names {', '.join(repeated)} more than once.")
    entries = []
    for number, cells in rows[1:]:
        where = f"Row {number}"
        if len(cells) != len(header):
            raise FaqFileError(
                f"{where} of the FAQ file has {len(cells)} fields; its header names {len(header)}."
            )
        row = dict(zip(header, cells))
        attributes: dict[str, dict[str, Any]] = {}
        acl: list[dict[str, str]] = []
        for name, value in row.items():
            if name in ("_question", "_answer") or not value:
                continue
            if name in ACL_COLUMNS:
                kind, access = ACL_COLUMNS[name]
                acl.extend(
                    {"Name": principal.strip(), "Type": kind, "Access": access}
                    for principal in value.split(",")
                    if principal.strip()
                )
            else:
                attributes[name] = _typed(name, value, fields, where)
        entries.append(_entry(where, row["_question"], row["_answer"], attributes, acl))
    return entries


def _json_entries(text: str, fields: IndexFields) -> list[FaqEntry]:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise FaqFileError(f"The FAQ file is not valid JSON: {error}.") from error
    except RecursionError:
        raise FaqFileError("The FAQ file is not valid JSON: it is nested too deeply.") from None
    listed = document.get("FaqDocuments") if isinstance(document, dict) else None
    if not isinstance(listed, list):
        raise FaqFileError(
            'A JSON FAQ file is an object with a "FaqDocuments" list (in-creating-faq.md).'
        )
    entries = []
    for number, item in enumerate(listed, start=1):
        where = f"FaqDocuments item {number}"
        if not isinstance(item, dict):
            raise FaqFileError(f"{where} is not an object.")
        given = item.get("Attributes") or {}
        if not isinstance(given, dict):
            raise FaqFileError(f"{where}: Attributes is not an object.")
        try:
            typed = fields.from_json(given)
        except ValueError as error:
            raise FaqFileError(f"{where}: {error}.") from error
        attributes = {attribute["Key"]: attribute["Value"] for attribute in typed}
        acl = item.get("AccessControlList") or []
        if not isinstance(acl, list) or not all(_principal(p) for p in acl):
            raise FaqFileError(
                f"{where}: AccessControlList entries are objects with a Name, a Type (USER "
                "or GROUP) and an Access (ALLOW or DENY)."
            )
        entries.append(_entry(where, item.get("Question"), item.get("Answer"), attributes, acl))
    return entries


def _principal(entry: Any) -> bool:
    return (
        isinstance(entry, Mapping)
        and isinstance(entry.get("Name"), str)
        and bool(entry["Name"])
        and entry.get("Type") in ("USER", "GROUP")
        and entry.get("Access") in ("ALLOW", "DENY")
    )


def _check_acl(where: str, acl: list[dict[str, str]]) -> None:
    """in-creating-faq.md: a user or group is in an allow list or a deny list, not both."""
    access: dict[tuple[str, str], str] = {}
    for principal in acl:
        key = (principal["Type"], principal["Name"])
        if access.setdefault(key, principal["Access"]) != principal["Access"]:
            raise FaqFileError(
                f"{where}: {principal['Type'].lower()} {principal['Name']} is both allowed "
                "and denied; a user or group can be in an allow list or a deny list, not both."
            )
