"""Query's CollapseConfiguration: results grouped by a field's value, each group shown
as its primary document (CollapsedResultDetail), optionally with the rest of the group
expanded under it (its reference text is in botocore's model).

- The field must be sortable ("You can use any attribute that has the Sortable flag
  set to true"), as each SortingConfiguration choosing a group's primary must be.
- A group takes the place of its best-ranked document in the results (in relevance
  order, or the request's sorting); its primary is its first document by the
  collapse's SortingConfigurations, ties in result order.
- Documents without the field: ``COLLAPSE`` (the default) groups them all (their
  primary shows no CollapsedResultDetail, which needs a value), ``IGNORE`` leaves them
  out, ``EXPAND`` makes each a group of its own.
- With ``Expand``, the first ``MaxResultItemsToExpand`` groups (default: every group)
  list up to ``MaxExpandedResultsPerItem`` (default: all) of their other documents,
  in the primary's order, as ExpandedResults.
- TotalNumberOfResults counts groups (and FAQ answers), as the results do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from ..search import Hit, check_sorting, sort_hits
from ..search.filters import TYPE_MEMBERS, instant

Attributes = Mapping[str, Mapping[str, Any]]


class Group(NamedTuple):
    """A collapsed group: its primary hit, the others (in order), the field's value
    (None for the documents without it)."""

    primary: Hit
    others: list[Hit]
    value: dict[str, Any] | None


def check_collapse(
    configuration: Mapping[str, Any], types: Mapping[str, str], sortable: frozenset[str]
) -> None:
    """ValidationException for a collapse Kendra refuses (a field that isn't sortable)."""
    key = configuration["DocumentAttributeKey"]
    check_sorting([{"DocumentAttributeKey": key, "SortOrder": "ASC"}], types, sortable)
    check_sorting(configuration.get("SortingConfigurations") or [], types, sortable)


def collapse(
    hits: Sequence[Hit],
    attributes_of: Callable[[Hit], Attributes],
    configuration: Mapping[str, Any],
    types: Mapping[str, str],
) -> list[Group]:
    """``hits`` (in result order) in groups (see the module doc)."""
    key = configuration["DocumentAttributeKey"]
    member = TYPE_MEMBERS[types[key]]
    missing = configuration.get("MissingAttributeKeyStrategy") or "COLLAPSE"
    groups: dict[Any, list[Hit]] = {}
    values: dict[Any, dict[str, Any] | None] = {}
    for position, hit in enumerate(hits):
        raw = (attributes_of(hit).get(key) or {}).get(member)
        if raw is None:
            if missing == "IGNORE":
                continue
            group_key: Any = ("missing",) if missing == "COLLAPSE" else ("alone", position)
            values.setdefault(group_key, None)
        else:
            group_key = ("value", instant(raw) if member == "DateValue" else raw)
            values.setdefault(group_key, {member: raw})
        groups.setdefault(group_key, []).append(hit)
    ordering = configuration.get("SortingConfigurations") or []
    found = []
    for group_key, members in groups.items():
        ordered = sort_hits(members, attributes_of, ordering, types) if ordering else members
        found.append(Group(ordered[0], list(ordered[1:]), values[group_key]))
    return found


def expansion(configuration: Mapping[str, Any]) -> tuple[int, int]:
    """How many groups expand and how many documents each shows (0, 0: none)."""
    if not configuration.get("Expand"):
        return 0, 0
    settings = configuration.get("ExpandConfiguration") or {}
    groups = settings.get("MaxResultItemsToExpand")
    per_group = settings.get("MaxExpandedResultsPerItem")
    return (
        max(0, groups) if groups is not None else 1 << 30,
        max(0, per_group) if per_group is not None else 1 << 30,
    )
