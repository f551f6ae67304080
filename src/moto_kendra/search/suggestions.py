"""Query suggestions (query-suggestions.md, API_GetQuerySuggestions.md,
API_UpdateQuerySuggestionsConfig.md): pure functions over a query log and document
field values.

Text is compared normalized, as Kendra does: lower case, without single or double
quotation marks, runs of white space as one space. A user's text gets no suggestions if
it is shorter than 2 or longer than 60 characters.

From the query log (``QUERY``): a logged query is suggested when its normalized text
starts with the normalized prefix and it

- was searched at least ``minimum_query_count`` times within the last
  ``look_back_days`` days (defaults: 5 times, 180 days);
- had at least one result, and has a word of more than four characters;
- contains no blocked word or phrase (whole words);
- when ``include_queries_without_user`` is False: only runs with user information count,
  and they must come from at least ``minimum_users`` distinct users (default 3); when
  True (the default) user information is ignored ("learns from all queries").

Ordered by count, then distinct users, then the latest run, then text. From document
fields (``DOCUMENT_ATTRIBUTES``): a field value is suggested when it, or one of its
words, starts with the prefix; ordered by the number of documents holding it, then text.
Highlights cover the typed prefix inside the suggestion text.

The minimum query count default (5) is the mock's: the documentation gives the unique
users default (3) and the time window default (180 days) but not this one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

MIN_PREFIX = 2
MAX_PREFIX = 60
#: A suggested query must "contain at least one word of more than four characters".
MIN_LONG_WORD = 5
DEFAULT_MAX_SUGGESTIONS = 10
_SPACES = re.compile(r"\s+")


class LoggedQuery(NamedTuple):
    """One Query call: its text, when, by whom (UserId or VisitorId), how many results."""

    text: str
    time: datetime
    user: str | None = None
    results: int = 1


class SuggestionSettings(NamedTuple):
    """An index's query suggestions settings (UpdateQuerySuggestionsConfig)."""

    minimum_query_count: int = 5
    minimum_users: int = 3
    look_back_days: int = 180
    include_queries_without_user: bool = True


class Suggestion(NamedTuple):
    """A suggestion's text and the ``[begin, end)`` spans to highlight in it; for field
    suggestions, the ``(document id, field)`` pairs it comes from."""

    text: str
    highlights: tuple[tuple[int, int], ...]
    sources: tuple[tuple[str, str], ...] = ()

    def value(self) -> dict[str, Any]:
        """The Suggestion's ``Value`` (SuggestionValue) as the model shapes it."""
        return {
            "Text": {
                "Text": self.text,
                "Highlights": [
                    {"BeginOffset": begin, "EndOffset": end} for begin, end in self.highlights
                ],
            }
        }


def normalize_text(text: str) -> str:
    """Kendra's suggestion normalization: lower case, no quotes, single spaces."""
    return _SPACES.sub(" ", text.lower().replace('"', "").replace("'", "")).strip()


def normalize_prefix(text: str) -> str | None:
    """The user's text normalized (keeping one trailing space), or None when it gets no
    suggestions (fewer than 2 or more than 60 characters)."""
    if len(text) < MIN_PREFIX or len(text) > MAX_PREFIX:
        return None
    prefix = _SPACES.sub(" ", text.lower().replace('"', "").replace("'", "")).lstrip()
    return prefix if len(prefix.strip()) >= MIN_PREFIX else None


def _blocked(text: str, block_list: Sequence[str]) -> bool:
    padded = f" {text} "
    return any(f" {phrase} " in padded for phrase in block_list if phrase)


def query_suggestions(
    prefix: str,
    log: Iterable[LoggedQuery],
    *,
    now: datetime,
    settings: SuggestionSettings | None = None,
    block_list: Iterable[str] = (),
    max_suggestions: int = DEFAULT_MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """Suggestions for ``prefix`` from the query ``log`` (see the module doc)."""
    typed = normalize_prefix(prefix)
    if typed is None or max_suggestions <= 0:
        return []
    settings = settings or SuggestionSettings()
    since = now - timedelta(days=settings.look_back_days)
    blocked = [normalize_text(phrase) for phrase in block_list]
    counts: dict[str, int] = {}
    users: dict[str, set[str]] = {}
    latest: dict[str, datetime] = {}
    answered: set[str] = set()
    for logged in log:
        if logged.time < since or logged.time > now:
            continue
        if not settings.include_queries_without_user and not logged.user:
            continue
        text = normalize_text(logged.text)
        if not text.startswith(typed):
            continue
        counts[text] = counts.get(text, 0) + 1
        if logged.user:
            users.setdefault(text, set()).add(logged.user)
        latest[text] = max(latest.get(text, logged.time), logged.time)
        if logged.results > 0:
            answered.add(text)
    eligible = [
        text
        for text, count in counts.items()
        if count >= settings.minimum_query_count
        and text in answered
        and any(len(word) >= MIN_LONG_WORD for word in text.split())
        and not _blocked(text, blocked)
        and (
            settings.include_queries_without_user
            or len(users.get(text, ())) >= settings.minimum_users
        )
    ]
    eligible.sort(key=lambda t: (-counts[t], -len(users.get(t, ())), -latest[t].timestamp(), t))
    length = len(typed)
    return [Suggestion(text, ((0, length),)) for text in eligible[:max_suggestions]]


def attribute_suggestions(
    prefix: str,
    values: Iterable[tuple[str, str, str]],
    *,
    block_list: Iterable[str] = (),
    max_suggestions: int = DEFAULT_MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """Suggestions for ``prefix`` from document fields: ``values`` are
    ``(document id, field name, value)`` of the suggestable fields of the documents the
    user may see (see the module doc)."""
    typed = normalize_prefix(prefix)
    if typed is None or max_suggestions <= 0:
        return []
    blocked = [normalize_text(phrase) for phrase in block_list]
    found: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    for document_id, name, value in values:
        text = normalize_text(value)
        if text.startswith(typed):
            at = 0
        else:
            at = text.find(" " + typed)
            if at < 0:
                continue
            at += 1
        if _blocked(text, blocked):
            continue
        _, sources = found.setdefault(text, (at, []))
        if (document_id, name) not in sources:
            sources.append((document_id, name))
    ordered = sorted(found.items(), key=lambda item: (-len({d for d, _ in item[1][1]}), item[0]))
    length = len(typed)
    return [
        Suggestion(text, ((at, at + length),), tuple(sources))
        for text, (at, sources) in ordered[:max_suggestions]
    ]
