"""Index fields: the attributes an index knows, and the checks documents pass against them.

Kendra's reserved (built-in) fields are declared on every index, with the types and
the Search and Relevance settings DescribeIndex lists for them (hiw-index.md,
"Using Amazon Kendra built-in document fields"). A custom field must be declared with
UpdateIndex's DocumentMetadataConfigurationUpdates before a document uses it; its type
can't change once created (custom-attributes.md). quotas.md allows 500 custom fields;
DescribeIndex lists at most 500 fields (the model's DocumentMetadataConfigurationList),
reserved ones included, so an index has at most 500 fields in all. A document's attribute must be a declared field, with a value of
the field's type; ``_data_source_sync_job_execution_id`` (a CUSTOM data source's sync
job, data-source-custom.md) is accepted without being listed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from ..exceptions import ServiceQuotaExceededException, ValidationException

#: The DocumentAttributeValue member that holds a value of each field type.
VALUE_MEMBERS = {
    "STRING_VALUE": "StringValue",
    "STRING_LIST_VALUE": "StringListValue",
    "LONG_VALUE": "LongValue",
    "DATE_VALUE": "DateValue",
}
#: Fields an index can have, reserved ones included: as many as DescribeIndex can list.
MAX_FIELDS = 500
#: Reserved attributes a document may carry that DescribeIndex doesn't list.
UNLISTED_RESERVED = {"_data_source_sync_job_execution_id": "STRING_VALUE"}


def _reserved(
    name: str,
    field_type: str,
    relevance: dict[str, Any],
    *,
    displayable: bool = False,
    searchable: bool = False,
    sortable: bool = True,
) -> dict[str, Any]:
    return {
        "Name": name,
        "Type": field_type,
        "Relevance": relevance,
        "Search": {
            "Facetable": False,
            "Searchable": searchable,
            "Displayable": displayable,
            "Sortable": sortable,
        },
    }


def _ranked(importance: int) -> dict[str, Any]:
    return {"Importance": importance, "ValueImportanceMap": {}}


_DATED = {"Freshness": False, "Importance": 1, "Duration": "25920000s", "RankOrder": "ASCENDING"}

#: Kendra's built-in fields, as DescribeIndex lists them on a new index.
RESERVED_FIELDS: tuple[dict[str, Any], ...] = (
    _reserved("_authors", "STRING_LIST_VALUE", {"Importance": 1}, sortable=False),
    _reserved("_category", "STRING_VALUE", _ranked(1)),
    _reserved("_created_at", "DATE_VALUE", _DATED),
    _reserved("_data_source_id", "STRING_VALUE", _ranked(1)),
    _reserved("_document_title", "STRING_VALUE", _ranked(2), displayable=True, searchable=True),
    _reserved(
        "_excerpt_page_number",
        "LONG_VALUE",
        {"Importance": 2, "RankOrder": "ASCENDING"},
        sortable=False,
    ),
    _reserved("_faq_id", "STRING_VALUE", _ranked(1)),
    _reserved("_file_type", "STRING_VALUE", _ranked(1)),
    _reserved("_language_code", "STRING_VALUE", _ranked(1)),
    _reserved("_last_updated_at", "DATE_VALUE", _DATED),
    _reserved("_source_uri", "STRING_VALUE", _ranked(1), displayable=True, sortable=False),
    _reserved("_tenant_id", "STRING_VALUE", _ranked(1)),
    _reserved("_version", "STRING_VALUE", _ranked(1)),
    _reserved("_view_count", "LONG_VALUE", {"Importance": 1, "RankOrder": "ASCENDING"}),
)


def undefined(name: str) -> str:
    """Kendra's message for an attribute the index has no field for."""
    return f"Attribute {name} is not defined at the index level"


class IndexFields:
    """The fields of one index: the reserved ones, then the custom ones in the order
    they were declared."""

    def __init__(self) -> None:
        # Field dicts are never changed in place (``declare`` replaces them), so every
        # index shares the reserved ones until it updates them, and reads copy nothing.
        self._fields: dict[str, dict[str, Any]] = {
            field["Name"]: field for field in RESERVED_FIELDS
        }

    def configurations(self) -> list[dict[str, Any]]:
        """DescribeIndex's DocumentMetadataConfigurations (read-only: don't change them)."""
        return list(self._fields.values())

    def type_of(self, name: str) -> str | None:
        known = self._fields.get(name)
        return str(known["Type"]) if known is not None else UNLISTED_RESERVED.get(name)

    def declare(self, updates: Iterable[dict[str, Any]]) -> None:
        """Apply UpdateIndex's DocumentMetadataConfigurationUpdates: new fields are
        created, existing ones take the Search and Relevance given. All or nothing."""
        updates = list(updates)
        new: dict[str, str] = {}
        for update in updates:
            name, field_type = update["Name"], update["Type"]
            declared = self.type_of(name) or new.get(name)
            if declared is not None and declared != field_type:
                raise ValidationException(
                    f"The index field {name} is of type {declared}; the type of an index "
                    f"field can't change once it is created (asked: {field_type})."
                )
            if self.type_of(name) is None:
                new[name] = field_type
        total = len(self._fields) + len(new)
        if total > MAX_FIELDS:
            raise ServiceQuotaExceededException(
                f"An index can have at most {MAX_FIELDS} fields, its "
                f"{len(RESERVED_FIELDS)} reserved ones included; this update would make "
                f"{total}."
            )
        for update in updates:
            field = dict(self._fields.get(update["Name"], {"Name": update["Name"]}))
            field["Type"] = update["Type"]
            for member in ("Relevance", "Search"):
                if member in update:
                    field[member] = copy.deepcopy(update[member])
            self._fields[update["Name"]] = field

    def problem(self, attributes: Iterable[dict[str, Any]]) -> str | None:
        """Why a document's Attributes (DocumentAttribute dicts) can't be indexed."""
        seen: set[str] = set()
        for attribute in attributes:
            name = attribute["Key"]
            if name in seen:
                return f"Attribute {name} is given more than once"
            seen.add(name)
            declared = self.type_of(name)
            if declared is None:
                return undefined(name)
            given = [
                member for member, value in attribute.get("Value", {}).items() if value is not None
            ]
            expected = VALUE_MEMBERS[declared]
            if given != [expected]:
                what = " and ".join(given) if given else "no value"
                return (
                    f"Attribute {name} is of type {declared} at the index level; the "
                    f"document gives {what} instead of a {expected}"
                )
        return None

    def from_json(self, attributes: dict[str, Any]) -> list[dict[str, Any]]:
        """A metadata file's Attributes (JSON values) as DocumentAttributes typed by
        the index's fields, or ValueError saying which attribute is invalid."""
        typed = []
        for name, value in attributes.items():
            declared = self.type_of(name)
            if declared is None:
                raise ValueError(undefined(name))
            converted = _convert(declared, value)
            if converted is None:
                raise ValueError(
                    f"Attribute {name} is of type {declared} at the index level; "
                    f"{value!r} is not a value of that type"
                )
            typed.append({"Key": name, "Value": {VALUE_MEMBERS[declared]: converted}})
        return typed


def _convert(field_type: str, value: Any) -> Any:
    """A JSON value as a value of ``field_type``; None if it isn't one."""
    if field_type == "STRING_VALUE":
        return value if isinstance(value, str) else None
    if field_type == "STRING_LIST_VALUE":
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        return list(value) if ok else None
    if field_type == "LONG_VALUE":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if not isinstance(value, str):
        return None
    return parse_date(value)


def parse_date(text: str) -> datetime | None:
    """An ISO 8601 date or date-time (UTC when it names no offset); None if it isn't."""
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
