"""Feedback: SubmitFeedback, and the record of the searches an index answered.

Every Query and Retrieve leaves its QueryId and the ids of the results it returned
(with their FeedbackTokens) in the index's ``AnsweredQueries`` (its last
``MAX_ANSWERED_QUERIES``), so SubmitFeedback can check what it is told about:
an unknown QueryId is a ResourceNotFoundException (the search isn't found), a ResultId
that query didn't return a ValidationException (the input names what doesn't exist).

What SubmitFeedback accepted is kept per index, in order, in its ``Feedback`` store,
for a test to assert what its application sent::

    from moto_kendra.backend.feedback import Feedback
    index = kendra_backend.indices[index_id]
    assert [item.result_id for item in index.store(Feedback).clicks] == [result_id]

Clicks and relevance judgements on a Query's results also go to the index's query log
(``query_log.record_click``, ``record_relevance``), which search analytics count
(GetSnapshots). Feedback changes no ranking: Kendra's incremental learning takes over
24 hours to show (submitting-feedback.md), a test would never see it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ..exceptions import (
    ResourceNotFoundException,
    ResourceUnavailableException,
    ValidationException,
)
from . import query_log
from .clock import utcnow
from .indices import Index, find_index
from .operations import Params, Result, operation

if TYPE_CHECKING:
    from .service import KendraBackend

#: How many of an index's latest searches SubmitFeedback can name.
MAX_ANSWERED_QUERIES = 1000


class AnsweredQueries:
    """An index's latest searches: QueryId -> {result id: its FeedbackToken, or None
    for a Retrieve result, which has none}."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.queries: dict[str, dict[str, str | None]] = {}

    def record(self, query_id: str, results: Mapping[str, str | None]) -> None:
        """Remember a search's results (forgetting the oldest search beyond the cap)."""
        self.queries[query_id] = dict(results)
        while len(self.queries) > MAX_ANSWERED_QUERIES:
            del self.queries[next(iter(self.queries))]

    def results(self, query_id: str) -> dict[str, str | None] | None:
        """The results of a search this index answered (None: no such search)."""
        return self.queries.get(query_id)


class FeedbackItem(NamedTuple):
    """One item SubmitFeedback accepted: a click (``click_time``) or a relevance
    judgement (``relevance``: RELEVANT or NOT_RELEVANT) on one result of one query."""

    query_id: str
    result_id: str
    click_time: datetime | None
    relevance: str | None
    submitted_at: datetime


class Feedback:
    """The feedback an index received, in the order it came."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.items: list[FeedbackItem] = []

    @property
    def clicks(self) -> list[FeedbackItem]:
        """The ClickFeedbackItems received."""
        return [item for item in self.items if item.click_time is not None]

    @property
    def relevance(self) -> list[FeedbackItem]:
        """The RelevanceFeedbackItems received."""
        return [item for item in self.items if item.relevance is not None]


@operation("SubmitFeedback")
def submit_feedback(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    if index.deleting:
        raise ResourceUnavailableException(
            f"Index {index.id} is being deleted; it takes no feedback."
        )
    query_id = params["QueryId"]
    results = index.store(AnsweredQueries).results(query_id)
    if results is None:
        raise ResourceNotFoundException(
            f"Query {query_id} was not answered by index {index.id} (or is older than its "
            f"last {MAX_ANSWERED_QUERIES} searches)."
        )
    clicks = params.get("ClickFeedbackItems") or []
    judged = params.get("RelevanceFeedbackItems") or []
    for item in [*clicks, *judged]:
        if item["ResultId"] not in results:
            raise ValidationException(
                f"ResultId {item['ResultId']} is not a result of query {query_id}."
            )
    now = utcnow()
    received = index.store(Feedback).items
    for click in clicks:
        received.append(FeedbackItem(query_id, click["ResultId"], click["ClickTime"], None, now))
        query_log.record_click(
            index, query_id=query_id, result_id=click["ResultId"], time=click["ClickTime"]
        )
    for judgement in judged:
        value = judgement["RelevanceValue"]
        received.append(FeedbackItem(query_id, judgement["ResultId"], None, value, now))
        query_log.record_relevance(
            index,
            query_id=query_id,
            result_id=judgement["ResultId"],
            relevant=value == "RELEVANT",
            time=now,
        )
    return {}
