"""Facets: counts of a field's values over all of a query's matches (filtering.md,
API_Facet.md, API_FacetResult.md).

- A facet counts, for each value of its field, the matching documents that have it.
  On a STRING_LIST_VALUE field each string of a document's list counts once (a document
  listing "dachshund" and "sausage dog" counts for both), and each pair's value is that
  string as a ``StringValue``.
- Values are ordered by count (highest first), then by value (strings in code point
  order, numbers and dates ascending). ``MaxResults`` keeps that many (default 10;
  Kendra shows at most 10 values per facet without a quota increase, so larger values
  are capped at ``max_values``; 0 keeps none).
- A nested facet (``Facets``, at most one per facet) is counted, for each value kept,
  over the documents having that value; it can nest in turn.
- A facet on a field the index doesn't declare, or that isn't facetable, is a
  ValidationException.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from typing import Any

from ..exceptions import ValidationException
from .filters import TYPE_MEMBERS, Attributes, instant

#: Kendra's limit of values per facet (API_Facet.md: "up to 10 facet values").
MAX_FACET_VALUES = 10


def check_facets(
    facets: Sequence[Mapping[str, Any]],
    field_types: Mapping[str, str],
    facetable: Container[str] | None = None,
) -> None:
    """Raise ValidationException for a facet Kendra would refuse (see the module doc)."""
    for facet in facets:
        key = facet.get("DocumentAttributeKey")
        if not key:
            raise ValidationException("A Facet must have a DocumentAttributeKey.")
        if key not in field_types:
            raise ValidationException(
                f"The facet {key} is not a field of the index. Add it to the index's "
                "DocumentMetadataConfigurations as facetable first."
            )
        if facetable is not None and key not in facetable:
            raise ValidationException(
                f"The field {key} is not facetable. Set Search.Facetable to true in its "
                "DocumentMetadataConfiguration to use it as a facet."
            )
        nested = facet.get("Facets") or []
        if len(nested) > 1:
            raise ValidationException(
                f"The facet {key} has {len(nested)} nested facets; a facet can have only "
                "one nested facet."
            )
        check_facets(nested, field_types, facetable)


def _values(attributes: Attributes, key: str, member: str) -> list[Any]:
    value = attributes.get(key)
    if value is None:
        return []
    raw = value.get(member)
    if raw is None:
        return []
    if member == "StringListValue":
        return list(dict.fromkeys(raw))
    if member == "DateValue":
        return [instant(raw)]
    return [raw]


def _facet(
    facet: Mapping[str, Any],
    documents: Sequence[Attributes],
    field_types: Mapping[str, str],
    max_values: int,
) -> dict[str, Any]:
    key = facet["DocumentAttributeKey"]
    declared = field_types[key]
    member = TYPE_MEMBERS[declared]
    counts: dict[Any, int] = {}
    for attributes in documents:
        for value in _values(attributes, key, member):
            counts[value] = counts.get(value, 0) + 1
    limit = min(facet.get("MaxResults", MAX_FACET_VALUES), max_values)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: max(0, limit)]
    nested = (facet.get("Facets") or [])[:1]
    pairs = []
    for value, count in ordered:
        out_member = "StringValue" if member == "StringListValue" else member
        pair: dict[str, Any] = {"Count": count, "DocumentAttributeValue": {out_member: value}}
        if nested:
            having = [a for a in documents if value in _values(a, key, member)]
            pair["FacetResults"] = [_facet(nested[0], having, field_types, max_values)]
        pairs.append(pair)
    return {
        "DocumentAttributeKey": key,
        "DocumentAttributeValueType": declared,
        "DocumentAttributeValueCountPairs": pairs,
    }


def facet_results(
    facets: Sequence[Mapping[str, Any]],
    documents: Sequence[Attributes],
    field_types: Mapping[str, str],
    facetable: Container[str] | None = None,
    *,
    max_values: int = MAX_FACET_VALUES,
) -> list[dict[str, Any]]:
    """Query's FacetResults for ``facets`` over the attributes of every matching
    document. ``field_types``: the index's declared field types; ``facetable``: the
    fields that may be facets (None: any declared field)."""
    check_facets(facets, field_types, facetable)
    return [_facet(facet, documents, field_types, max_values) for facet in facets]
