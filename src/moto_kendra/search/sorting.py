"""Sorting results by document attributes (tuning-sorting-responses.md,
API_SortingConfiguration.md, Query's SortingConfigurations).

- Results sort by each configuration in turn (``SortingConfigurations``, or the one
  ``SortingConfiguration``), ``ASC`` or ``DESC``; ties keep the relevance order.
- Documents without a value for a sorting field come after those with one, in
  relevance order ("documents without a value for the sorting attribute are returned at
  the end of the results, sorted by relevance").
- Strings compare case-insensitively first, then exactly; numbers and dates as such.
- Sorting by a STRING_LIST_VALUE field, or by a field that isn't sortable, is a
  ValidationException.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from functools import total_ordering
from typing import Any, TypeVar

from ..exceptions import ValidationException
from .filters import TYPE_MEMBERS, Attributes, instant

T = TypeVar("T")

#: Built-in fields API_SortingConfiguration.md names as sortable.
SORTABLE_BUILT_INS = ("_category", "_created_at", "_last_updated_at", "_version", "_view_count")


@total_ordering
class _Descending:
    """A sort key that orders its value backwards."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.value == other.value

    def __lt__(self, other: _Descending) -> bool:
        return bool(other.value < self.value)

    __hash__ = None  # type: ignore[assignment]


def sorting_configurations(params: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A Query request's sort order: ``SortingConfigurations`` if given, else its
    ``SortingConfiguration``, else none (relevance)."""
    listed = params.get("SortingConfigurations")
    if listed:
        return list(listed)
    single = params.get("SortingConfiguration")
    return [single] if single else []


def check_sorting(
    configurations: Sequence[Mapping[str, Any]],
    field_types: Mapping[str, str],
    sortable: Container[str] | None = None,
) -> None:
    """Raise ValidationException for a sort Kendra would refuse."""
    for configuration in configurations:
        key = configuration["DocumentAttributeKey"]
        declared = field_types.get(key)
        if declared == "STRING_LIST_VALUE":
            raise ValidationException(
                f"The field {key} is a STRING_LIST_VALUE field; results can't be sorted "
                "by a string list. Sort by a string, long or date field."
            )
        if declared is None or (sortable is not None and key not in sortable):
            raise ValidationException(
                f"The field {key} is not sortable. Set Search.Sortable to true in its "
                "DocumentMetadataConfiguration to sort results by it."
            )


def _key(value: Any, member: str) -> Any:
    if member == "StringValue":
        return (value.casefold(), value)
    if member == "DateValue":
        return instant(value)
    return value


def sort_hits(
    hits: Sequence[T],
    attributes_of: Callable[[T], Attributes],
    configurations: Sequence[Mapping[str, Any]],
    field_types: Mapping[str, str],
    sortable: Container[str] | None = None,
) -> list[T]:
    """``hits`` (in relevance order) sorted by ``configurations`` (see the module doc).
    ``attributes_of`` gives a hit's document attributes."""
    if not configurations:
        return list(hits)
    check_sorting(configurations, field_types, sortable)
    plan = [
        (
            configuration["DocumentAttributeKey"],
            TYPE_MEMBERS[field_types[configuration["DocumentAttributeKey"]]],
            configuration.get("SortOrder", "ASC") == "DESC",
        )
        for configuration in configurations
    ]

    def key(hit: T) -> tuple[Any, ...]:
        attributes = attributes_of(hit)
        parts: list[Any] = []
        for name, member, descending in plan:
            raw = (attributes.get(name) or {}).get(member)
            if raw is None:
                parts.append((1, None))
                continue
            value = _key(raw, member)
            parts.append((0, _Descending(value) if descending else value))
        return tuple(parts)

    return sorted(hits, key=key)
