"""The query log of an index: what Query received and what users did with the results.

Kendra learns query suggestions from its query log (query-suggestions.md) and computes
search analytics from the queries an index received and the clicks SubmitFeedback
reported (search-analytics.md). This module is that log, one ``QueryLog`` per index
(``index.store(QueryLog)``), dropped with the index. Query and SubmitFeedback append to
it through ``record_query``, ``record_click`` and ``record_relevance``;
``query_suggestions`` and ``snapshots`` read it.

The log is bounded: it keeps the latest ``MAX_QUERIES`` queries of an index and at
most ``MAX_LOGGED_RESULTS`` results across them (the oldest queries are dropped, with
their clicks, when a new one takes their room), at most ``MAX_RESULTS`` results of one
query, ``MAX_CLICKS`` clicks and one relevance vote per result. Appending is O(1)
(amortized); a full log holds some 15 MB.

A "user" is who the Query request names (``query_user``): ``UserContext.UserId``, else
the ``VisitorId`` ("an identifier for a specific user", API_Query.md); a query with
neither has no user information.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .indices import Index

#: Queries kept per index; the oldest is dropped when one more is recorded.
MAX_QUERIES = 10_000
#: Results kept across the queries of an index (ten a query on average, Query's
#: default page size); the oldest queries are dropped to stay within it.
MAX_LOGGED_RESULTS = 100_000
#: Results of a query kept (in rank order): a Query page holds at most 100 (quotas.md).
MAX_RESULTS = 100
#: Clicks kept per query.
MAX_CLICKS = 100
#: Results whose score confidence counts toward a query's average confidence
#: ("the average confidence for the first 10 search results", search-analytics.md).
CONFIDENCE_RESULTS = 10
#: ScoreConfidence levels, in order; NOT_AVAILABLE counts toward no average.
CONFIDENCE_LEVELS = ("LOW", "MEDIUM", "HIGH", "VERY_HIGH")
#: Result types that are an instant answer ("an instant answer or FAQ returned").
ANSWER_TYPES = frozenset({"ANSWER", "QUESTION_ANSWER"})

_QUOTES = re.compile("[\"'\u2018\u2019\u201c\u201d]")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """``text`` as query suggestions compare it: lower case, without single and double
    quotation marks, runs of white space as one space (query-suggestions.md: "Amazon
    Kendra matches all other special characters as they are")."""
    return _SPACES.sub(" ", _QUOTES.sub("", text.lower())).strip()


def query_user(request: Mapping[str, Any]) -> str | None:
    """The user a Query request names: ``UserContext.UserId``, else ``VisitorId``;
    None for a query without user information."""
    context = request.get("UserContext") or {}
    user = context.get("UserId") or request.get("VisitorId")
    return str(user) if user else None


def as_utc(time: datetime) -> datetime:
    """``time`` with a time zone (a naive one is taken as UTC)."""
    return time.replace(tzinfo=timezone.utc) if time.tzinfo is None else time


class QueryRecord:
    """One Query call: its text (and normalized ``key``), user, result count and first
    results (id, document id), whether an instant answer came back, the average
    confidence level of its first results; then the clicks and relevance votes
    SubmitFeedback reported for it."""

    __slots__ = (
        "answered",
        "clicks",
        "confidence",
        "key",
        "query_id",
        "relevance",
        "result_count",
        "results",
        "text",
        "time",
        "user",
    )

    def __init__(
        self,
        query_id: str,
        text: str,
        user: str | None,
        result_count: int,
        time: datetime,
        results: Iterable[Mapping[str, Any]],
    ) -> None:
        self.query_id = query_id
        self.text = text
        self.key = normalize(text)
        self.user = user
        self.result_count = result_count
        self.time = as_utc(time)
        kept: list[tuple[str, str | None]] = []
        levels: list[int] = []
        self.answered = False
        for item in results:
            if len(kept) >= MAX_RESULTS:
                break
            kept.append((str(item.get("Id", "")), item.get("DocumentId")))
            self.answered = self.answered or item.get("Type") in ANSWER_TYPES
            level = (item.get("ScoreAttributes") or {}).get("ScoreConfidence")
            if len(kept) <= CONFIDENCE_RESULTS and level in CONFIDENCE_LEVELS:
                levels.append(CONFIDENCE_LEVELS.index(level))
        self.results = tuple(kept)
        #: The mean ScoreConfidence level (0 = LOW ... 3 = VERY_HIGH) of the first
        #: results, None if none had one.
        self.confidence = sum(levels) / len(levels) if levels else None
        #: (result id, click time), in the order reported.
        self.clicks: list[tuple[str, datetime]] = []
        #: result id -> (relevant, when reported); the latest vote counts.
        self.relevance: dict[str, tuple[bool, datetime]] = {}

    def rank_of(self, result_id: str) -> int | None:
        """The 1-based position of a result among this query's results."""
        for position, (kept_id, _) in enumerate(self.results, start=1):
            if kept_id == result_id:
                return position
        return None

    def document_of(self, result_id: str) -> str | None:
        for kept_id, document_id in self.results:
            if kept_id == result_id:
                return document_id
        return None


class QueryLog:
    """The query log of one index (``index.store(QueryLog)``)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.records: OrderedDict[str, QueryRecord] = OrderedDict()
        #: How many results the records hold.
        self.result_total = 0
        #: The time of the latest query logged (what suggestions learn from).
        self.last_query_at: datetime | None = None

    def add(self, record: QueryRecord) -> None:
        replaced = self.records.pop(record.query_id, None)
        if replaced is not None:
            self.result_total -= len(replaced.results)
        self.records[record.query_id] = record
        self.result_total += len(record.results)
        while len(self.records) > 1 and (
            len(self.records) > MAX_QUERIES or self.result_total > MAX_LOGGED_RESULTS
        ):
            _, dropped = self.records.popitem(last=False)
            self.result_total -= len(dropped.results)
        if self.last_query_at is None or record.time > self.last_query_at:
            self.last_query_at = record.time


def record_query(
    index: Index,
    *,
    query_id: str,
    query_text: str | None,
    user_id: str | None,
    result_count: int,
    time: datetime,
    results: Iterable[Mapping[str, Any]] = (),
) -> None:
    """Log a Query call of ``index``.

    ``query_text``: the QueryText (None or "" for a query without text);
    ``user_id``: ``query_user(request)``; ``result_count``: TotalNumberOfResults;
    ``time``: when the query was made (naive means UTC); ``results``: the ResultItems
    returned, in rank order (their Id, Type, DocumentId and
    ScoreAttributes.ScoreConfidence are read). A query id logged again replaces the
    earlier record.
    """
    record = QueryRecord(query_id, query_text or "", user_id, result_count, time, results)
    index.store(QueryLog).add(record)


def record_click(index: Index, *, query_id: str, result_id: str, time: datetime) -> bool:
    """Log a click (SubmitFeedback's ClickFeedbackItems) on a result of a logged query.
    False if the query isn't in the log (never logged, or dropped as too old)."""
    log = index.store(QueryLog)
    record = log.records.get(query_id)
    if record is None:
        return False
    if len(record.clicks) < MAX_CLICKS:
        record.clicks.append((result_id, as_utc(time)))
    return True


def record_relevance(
    index: Index, *, query_id: str, result_id: str, relevant: bool, time: datetime
) -> bool:
    """Log a relevance vote (SubmitFeedback's RelevanceFeedbackItems: RELEVANT is
    ``relevant=True``) on a result of a logged query; the latest vote on a result
    counts. False if the query isn't in the log."""
    log = index.store(QueryLog)
    record = log.records.get(query_id)
    if record is None:
        return False
    if result_id in record.relevance or len(record.relevance) < MAX_RESULTS:
        record.relevance[result_id] = (relevant, as_utc(time))
    return True
