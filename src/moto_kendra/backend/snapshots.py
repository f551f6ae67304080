"""Search analytics: GetSnapshots.

Metrics are computed from the index's query log (``query_log``): the Query calls it
received, the clicks and relevance votes SubmitFeedback reported (search-analytics.md).
The Interval is a window of whole days in the index's time zone, UTC for every index
(API_GetSnapshots.md): THIS_WEEK and THIS_MONTH end on the day before today, so
today's queries show from tomorrow; weeks start on Sunday.

Each MetricType answers a table: ``HEADERS[metric]`` is its SnapshotsDataHeader, and
each row of SnapshotsData has one string per column. Rates are proportions with four
decimals ("0.2500"); a value with nothing to compute it from is "N/A". A query is
counted as Kendra's analytics count it: each Query call, its text normalized as query
suggestions compare it (lower case, no quotation marks, single spaces). Of the queries:

- clicked: SubmitFeedback reported a click on one of its results (click-through rate);
- zero result: it found nothing (zero search results rate);
- zero click: it found results and none was clicked (zero click rate), so the three
  rates add up to 1;
- instant answer: an ANSWER or QUESTION_ANSWER result came back (instant answer rate).

The top lists hold at most ``TOP_ROWS`` rows; paging (MaxResults, NextToken) goes
through them and through the days of TREND_QUERY_DOC_METRICS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from ..exceptions import InvalidRequestException, ValidationException
from .clock import utcnow
from .indices import Index, find_index
from .operations import Params, Result, operation
from .query_log import CONFIDENCE_LEVELS, QueryLog, QueryRecord
from .values import prune

if TYPE_CHECKING:
    from .service import KendraBackend

#: Rows of a top list ("the top 100 queries", "the top 100 most clicked on documents").
TOP_ROWS = 100
#: Rows a page holds when MaxResults isn't given: every row of a top list.
DEFAULT_PAGE_ROWS = 100
#: The longest cell (the model's limit on a SnapshotsDataRecord string).
MAX_CELL_CHARS = 2048
NO_VALUE = "N/A"

QUERY_RATES = ["click_through_rate", "zero_click_rate", "zero_result_rate", "instant_answer_rate"]
HEADERS: dict[str, list[str]] = {
    "QUERIES_BY_COUNT": [
        "query_content",
        "query_count",
        "click_through_rate",
        "zero_click_rate",
        "average_click_depth",
        "instant_answer_rate",
        "average_confidence_top_10",
    ],
    "QUERIES_BY_ZERO_CLICK_RATE": [
        "query_content",
        "zero_click_count",
        "zero_click_rate",
        "instant_answer_rate",
        "average_confidence_top_10",
    ],
    "QUERIES_BY_ZERO_RESULT_RATE": [
        "query_content",
        "zero_result_count",
        "zero_result_rate",
        "share_of_all_queries",
    ],
    "DOCS_BY_CLICK_COUNT": ["document_id", "click_count", "thumbs_up_count", "thumbs_down_count"],
    "AGG_QUERY_DOC_METRICS": ["total_queries", *QUERY_RATES, "total_documents"],
    "TREND_QUERY_DOC_METRICS": ["date", "total_queries", *QUERY_RATES],
}


def window(interval: str, today: date) -> tuple[date, date]:
    """The days an Interval covers on ``today``: (first day, day after the last)."""
    sunday = today - timedelta(days=(today.weekday() + 1) % 7)
    month = today.replace(day=1)
    previous_month = (month - timedelta(days=1)).replace(day=1)
    windows = {
        "THIS_WEEK": (sunday, today),
        "ONE_WEEK_AGO": (sunday - timedelta(days=7), sunday),
        "TWO_WEEKS_AGO": (sunday - timedelta(days=14), sunday - timedelta(days=7)),
        "THIS_MONTH": (month, today),
        "ONE_MONTH_AGO": (previous_month, month),
        "TWO_MONTHS_AGO": ((previous_month - timedelta(days=1)).replace(day=1), previous_month),
    }
    return windows[interval]


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone.utc)


def _rate(part: float, whole: float) -> str:
    return f"{part / whole:.4f}" if whole else NO_VALUE


@dataclass
class Tally:
    """What a set of queries did."""

    queries: int = 0
    clicked: int = 0
    zero_result: int = 0
    answered: int = 0
    depths: list[int] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)

    @property
    def zero_click(self) -> int:
        return self.queries - self.clicked - self.zero_result

    def add(self, record: QueryRecord) -> None:
        self.queries += 1
        if record.result_count < 1:
            self.zero_result += 1
        elif record.clicks:
            self.clicked += 1
        self.answered += record.answered
        for result_id, _ in record.clicks:
            rank = record.rank_of(result_id)
            if rank is not None:
                self.depths.append(rank)
        if record.confidence is not None:
            self.confidences.append(record.confidence)

    def rates(self) -> list[str]:
        return [
            _rate(self.clicked, self.queries),
            _rate(self.zero_click, self.queries),
            _rate(self.zero_result, self.queries),
            _rate(self.answered, self.queries),
        ]

    def depth(self) -> str:
        return f"{sum(self.depths) / len(self.depths):.2f}" if self.depths else NO_VALUE

    def confidence(self) -> str:
        if not self.confidences:
            return NO_VALUE
        return CONFIDENCE_LEVELS[round(sum(self.confidences) / len(self.confidences))]


def _cell(text: str) -> str:
    return text[:MAX_CELL_CHARS]


def _by_query(records: Iterable[QueryRecord]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for record in records:
        if record.key:  # a query without text has no row of its own
            tallies.setdefault(record.key, Tally()).add(record)
    return tallies


def _queries_by_count(records: list[QueryRecord], index: Index) -> list[list[str]]:
    ranked = sorted(_by_query(records).items(), key=lambda item: (-item[1].queries, item[0]))
    rows = []
    for text, tally in ranked[:TOP_ROWS]:
        clicked, zero_click, _, answered = tally.rates()
        depth, confidence = tally.depth(), tally.confidence()
        rows.append(
            [_cell(text), str(tally.queries), clicked, zero_click, depth, answered, confidence]
        )
    return rows


def _queries_by_zero_click(records: list[QueryRecord], index: Index) -> list[list[str]]:
    tallies = [(text, tally) for text, tally in _by_query(records).items() if tally.zero_click]
    tallies.sort(
        key=lambda item: (-item[1].zero_click / item[1].queries, -item[1].zero_click, item[0])
    )
    return [
        [
            _cell(text),
            str(tally.zero_click),
            _rate(tally.zero_click, tally.queries),
            _rate(tally.answered, tally.queries),
            tally.confidence(),
        ]
        for text, tally in tallies[:TOP_ROWS]
    ]


def _queries_by_zero_result(records: list[QueryRecord], index: Index) -> list[list[str]]:
    tallies = [(text, tally) for text, tally in _by_query(records).items() if tally.zero_result]
    tallies.sort(
        key=lambda item: (-item[1].zero_result / item[1].queries, -item[1].zero_result, item[0])
    )
    return [
        [
            _cell(text),
            str(tally.zero_result),
            _rate(tally.zero_result, tally.queries),
            _rate(tally.queries, len(records)),
        ]
        for text, tally in tallies[:TOP_ROWS]
    ]


def _aggregate(records: list[QueryRecord], index: Index) -> list[list[str]]:
    tally = Tally()
    for record in records:
        tally.add(record)
    documents = index.statistics()["TextDocumentStatistics"]["IndexedTextDocumentsCount"]
    return [[str(tally.queries), *tally.rates(), str(documents)]]


QUERY_METRICS: dict[str, Callable[[list[QueryRecord], Index], list[list[str]]]] = {
    "QUERIES_BY_COUNT": _queries_by_count,
    "QUERIES_BY_ZERO_CLICK_RATE": _queries_by_zero_click,
    "QUERIES_BY_ZERO_RESULT_RATE": _queries_by_zero_result,
    "AGG_QUERY_DOC_METRICS": _aggregate,
}


def _trend(records: list[QueryRecord], first: date, end: date) -> list[list[str]]:
    days: dict[date, Tally] = {}
    day = first
    while day < end:
        days[day] = Tally()
        day += timedelta(days=1)
    for record in records:
        days[record.time.astimezone(timezone.utc).date()].add(record)
    return [[day.isoformat(), str(tally.queries), *tally.rates()] for day, tally in days.items()]


def _documents_by_clicks(log: QueryLog, start: datetime, end: datetime) -> list[list[str]]:
    """Clicks and votes reported for a time in the window, by the document clicked."""
    counts: dict[str, list[int]] = {}
    for record in log.records.values():
        for result_id, clicked_at in record.clicks:
            document = record.document_of(result_id)
            if document is not None and start <= clicked_at < end:
                counts.setdefault(document, [0, 0, 0])[0] += 1
        for result_id, (relevant, voted_at) in record.relevance.items():
            document = record.document_of(result_id)
            if document is not None and start <= voted_at < end:
                counts.setdefault(document, [0, 0, 0])[1 if relevant else 2] += 1
    ranked = sorted(
        ((document, figures) for document, figures in counts.items() if figures[0]),
        key=lambda item: (-item[1][0], item[0]),
    )
    return [[_cell(document), *map(str, figures)] for document, figures in ranked[:TOP_ROWS]]


def snapshot(index: Index, metric: str, interval: str, today: date) -> tuple[Result, str]:
    """The SnapshotsDataHeader, every row and SnapShotTimeFilter of a metric, and the
    listing its pages belong to."""
    first, end = window(interval, today)
    start, stop = midnight(first), midnight(end)
    log = index.store(QueryLog)
    if metric == "DOCS_BY_CLICK_COUNT":
        rows = _documents_by_clicks(log, start, stop)
    else:
        records = [record for record in log.records.values() if start <= record.time < stop]
        if metric == "TREND_QUERY_DOC_METRICS":
            rows = _trend(records, first, end)
        else:
            rows = QUERY_METRICS[metric](records, index)
    last = stop - timedelta(seconds=1) if end > first else start
    result = {
        "SnapShotTimeFilter": {"StartTime": start, "EndTime": last},
        "SnapshotsDataHeader": list(HEADERS[metric]),
        "SnapshotsData": rows,
    }
    return result, f"GetSnapshots:{index.id}:{metric}:{interval}:{first.isoformat()}"


@operation("GetSnapshots")
def get_snapshots(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    size = params.get("MaxResults")
    if size is not None and size < 1:
        raise InvalidRequestException(f"MaxResults must be at least 1, not {size}.")
    result, listing = snapshot(index, params["MetricType"], params["Interval"], utcnow().date())
    try:
        rows, token = backend.pages.page(
            listing, result["SnapshotsData"], params, DEFAULT_PAGE_ROWS
        )
    except ValidationException as error:  # GetSnapshots' model lists InvalidRequestException
        raise InvalidRequestException(error.message) from None
    return prune({**result, "SnapshotsData": rows, "NextToken": token})
