"""Relevance tuning and confidence bands (tuning.md, tuning-sorting-responses.md,
API_Relevance.md, Query's DocumentRelevanceOverrideConfigurations).

**Tuning.** A document's final score is its bm25 score times ``1 + boost`` (a query
without text starts every document at 1.0), where ``boost`` sums, over the tuned fields,
``importance / 10 * strength`` (strength 0 to 1):

- DATE_VALUE with ``Freshness``: 1.0 while the date is within ``Duration`` of now
  (default 3 months, 7776000s), then halving every ``Duration * 10 / Importance``
  beyond it ("the higher the importance, the faster the boost effect lessens").
- DATE_VALUE otherwise, and LONG_VALUE: the value's place between the smallest and
  largest value among the matches (``RankOrder`` ``ASCENDING``, the default: the
  largest number or latest date gets 1.0; ``DESCENDING``: the smallest or earliest).
- STRING_VALUE and STRING_LIST_VALUE: a value in ``ValueImportanceMap`` uses that
  importance instead, with strength 1.0; otherwise strength 1.0 when the query's words
  occur in the field's value ("a result is given a boost when the query includes terms
  that match the field"), else 0.
- A query's overrides replace the named fields' ``Relevance``; tuned fields it doesn't
  name get importance 1; overrides of STRING_LIST_VALUE fields are ignored (they can
  be tuned at the index level only); with no tuning at the index level, overrides do
  nothing (all as API_Query.md says).

Tuning re-orders the matches; it never adds or removes one.

**Confidence.** ``score_confidence`` puts a result in a band by its score relative to
the top score of the query (``r``) and the share of the query's words it holds
(``c``): VERY_HIGH when ``r >= 0.75`` and ``c == 1``; HIGH when ``r >= 0.5`` and
``c >= 0.5``; MEDIUM when ``r >= 0.25``; LOW otherwise; NOT_AVAILABLE when the query
has no text (nothing was scored).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from .engine import Hit
from .filters import TYPE_MEMBERS, Attributes, instant
from .matching import Matcher

#: API_Relevance.md: "If you don't specify a value, the default is 3 months."
DEFAULT_DURATION = timedelta(days=90)


class FieldTuning(NamedTuple):
    """The effective relevance tuning of one field."""

    name: str
    type: str
    importance: int = 1
    freshness: bool = False
    duration: timedelta = DEFAULT_DURATION
    rank_order: str = "ASCENDING"
    value_importance: Mapping[str, int] = {}


def _duration(text: str | None) -> timedelta:
    if not text:
        return DEFAULT_DURATION
    seconds = int(text.rstrip("s") or 0)
    return timedelta(seconds=seconds) if seconds > 0 else DEFAULT_DURATION


def _tuning(name: str, field_type: str, relevance: Mapping[str, Any]) -> FieldTuning:
    return FieldTuning(
        name=name,
        type=field_type,
        importance=int(relevance.get("Importance") or 1),
        freshness=bool(relevance.get("Freshness")),
        duration=_duration(relevance.get("Duration")),
        rank_order=relevance.get("RankOrder") or "ASCENDING",
        value_importance=dict(relevance.get("ValueImportanceMap") or {}),
    )


def effective_tunings(
    configurations: Sequence[Mapping[str, Any]],
    overrides: Sequence[Mapping[str, Any]] | None = None,
) -> list[FieldTuning]:
    """The tuning a query runs with: the index's ``configurations``
    (DocumentMetadataConfiguration dicts) with a query's ``overrides``
    (DocumentRelevanceConfiguration dicts) applied as the module doc says."""
    tuned = {
        c["Name"]: _tuning(c["Name"], c["Type"], c["Relevance"])
        for c in configurations
        if c.get("Relevance")
    }
    if not tuned or not overrides:
        return list(tuned.values())
    types = {c["Name"]: c["Type"] for c in configurations}
    result = {name: _replace_importance(t, 1) for name, t in tuned.items()}
    for override in overrides:
        name = override["Name"]
        field_type = types.get(name)
        if field_type is None or field_type == "STRING_LIST_VALUE":
            continue
        result[name] = _tuning(name, field_type, override["Relevance"])
    return list(result.values())


def _replace_importance(tuning: FieldTuning, importance: int) -> FieldTuning:
    return FieldTuning(
        tuning.name,
        tuning.type,
        importance,
        tuning.freshness,
        tuning.duration,
        tuning.rank_order,
        tuning.value_importance,
    )


def _numbers(tuning: FieldTuning, attributes: Attributes) -> float | None:
    value = (attributes.get(tuning.name) or {}).get(TYPE_MEMBERS[tuning.type])
    if value is None:
        return None
    if isinstance(value, datetime):
        return instant(value).timestamp()
    return float(value)


def _boosts(
    tuning: FieldTuning,
    documents: Sequence[Attributes],
    matcher: Matcher | None,
    now: datetime,
) -> list[float]:
    weight = tuning.importance / 10.0
    if tuning.type in ("DATE_VALUE", "LONG_VALUE"):
        values = [_numbers(tuning, attributes) for attributes in documents]
        if tuning.type == "DATE_VALUE" and tuning.freshness:
            span = tuning.duration.total_seconds()
            half_life = span * 10.0 / tuning.importance
            moment = instant(now).timestamp()
            return [
                0.0
                if v is None
                else weight
                * (1.0 if moment - v <= span else 0.5 ** ((moment - v - span) / half_life))
                for v in values
            ]
        present = [v for v in values if v is not None]
        if not present:
            return [0.0] * len(documents)
        low, high = min(present), max(present)
        spread = high - low
        out = []
        for v in values:
            if v is None:
                out.append(0.0)
                continue
            place = 1.0 if spread == 0 else (v - low) / spread
            out.append(weight * (place if tuning.rank_order != "DESCENDING" else 1.0 - place))
        return out
    out = []
    for attributes in documents:
        value = attributes.get(tuning.name) or {}
        items = value.get("StringListValue") or (
            [value["StringValue"]] if value.get("StringValue") is not None else []
        )
        mapped = [tuning.value_importance[i] for i in items if i in tuning.value_importance]
        if mapped:
            out.append(max(mapped) / 10.0)
        elif matcher is not None and any(matcher.find(item) for item in items):
            out.append(weight)
        else:
            out.append(0.0)
    return out


def apply_relevance(
    hits: Sequence[Hit],
    attributes_of: Callable[[str], Attributes],
    tunings: Sequence[FieldTuning],
    *,
    matcher: Matcher | None = None,
    now: datetime,
) -> list[Hit]:
    """``hits`` rescored with ``tunings`` and re-ordered (best first, ties by document
    id). ``attributes_of`` gives a document's attributes by id; ``matcher`` finds the
    query's words in string fields; ``now`` is the moment freshness is measured from."""
    if not tunings or not hits:
        return list(hits)
    documents = [attributes_of(hit.document_id) for hit in hits]
    total = [0.0] * len(hits)
    for tuning in tunings:
        for i, boost in enumerate(_boosts(tuning, documents, matcher, now)):
            total[i] += boost
    rescored = [
        Hit(hit.document_id, (hit.score if hit.score > 0 else 1.0) * (1.0 + boost))
        for hit, boost in zip(hits, total)
    ]
    rescored.sort(key=lambda hit: (-hit.score, hit.document_id))
    return rescored


def score_confidence(score: float, top_score: float, coverage: float) -> str:
    """The ScoreConfidence band of a result (see the module doc)."""
    if top_score <= 0.0:
        return "NOT_AVAILABLE"
    relative = score / top_score
    if relative >= 0.75 and coverage >= 1.0:
        return "VERY_HIGH"
    if relative >= 0.5 and coverage >= 0.5:
        return "HIGH"
    if relative >= 0.25:
        return "MEDIUM"
    return "LOW"
