"""Query suggestions settings: DescribeQuerySuggestionsConfig,
UpdateQuerySuggestionsConfig, ClearQuerySuggestions; and what GetQuerySuggestions
suggests (``suggestion_settings``, ``suggestion_candidates``).

Every index has query suggestions settings, with Kendra's defaults (query-suggestions.md,
API_UpdateQuerySuggestionsConfig.md): Mode ENABLED, a 180-day query log window, queries
without user information included, 3 unique users, ``DEFAULT_MINIMUM_QUERY_COUNT``
searches; suggestions based on document fields ACTIVE, with no field suggestible.

A settings update is UPDATING, then ACTIVE, through ``kendra::query_suggestions_config``
(default: immediate): "Active means the current settings apply and Updating means your
changed settings are in the process of applying", so until it is ACTIVE the previous
settings apply, and another update is refused (ConflictException) unless it only
changes the Mode ("You can still enable/disable query suggestions at any time"): a Mode
applies at once.

Suggestions are learned from the query log (``query_log``) as it grows: the mock
rebuilds them whenever what they depend on changes (a query logged, settings applied,
a block list version taking effect or going), and LastSuggestionsBuildTime is the last
of those. ClearQuerySuggestions deletes the suggestions, not the log: only queries made
after the clear are learned from again.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal.managed_state_model import ManagedState

from ..exceptions import ConflictException, ValidationException
from .block_lists import BlockLists, blocked_phrases, is_blocked
from .clock import utcnow
from .indices import Index, find_index, writable_index
from .lifecycle import Lifecycle
from .operations import Params, Result, operation
from .query_log import QueryLog, as_utc
from .values import prune

if TYPE_CHECKING:
    from .service import KendraBackend

CONFIG_MODEL = "kendra::query_suggestions_config"
state_manager.register_default_transition(CONFIG_MODEL, {"progression": "immediate"})

#: The Kendra documentation gives no default for MinimumQueryCount; this is the mock's.
DEFAULT_MINIMUM_QUERY_COUNT = 5
DEFAULTS: dict[str, Any] = {
    "Mode": "ENABLED",
    "QueryLogLookBackWindowInDays": 180,
    "IncludeQueriesWithoutUserInformation": True,
    "MinimumNumberOfQueryingUsers": 3,
    "MinimumQueryCount": DEFAULT_MINIMUM_QUERY_COUNT,
    "AttributeSuggestionsConfig": {
        "SuggestableConfigList": [],
        "AttributeSuggestionsMode": "ACTIVE",
    },
}
#: The settings UpdateQuerySuggestionsConfig changes (besides Mode, which applies at once).
SETTINGS = (
    "QueryLogLookBackWindowInDays",
    "IncludeQueriesWithoutUserInformation",
    "MinimumNumberOfQueryingUsers",
    "MinimumQueryCount",
    "AttributeSuggestionsConfig",
)
#: A suggested query holds at least one word longer than this (query-suggestions.md).
SHORTEST_LONG_WORD = 5


class SuggestionsConfig(BaseModel, Lifecycle):
    """The query suggestions settings of one index (``index.store(SuggestionsConfig)``)."""

    def __init__(self, index: Index) -> None:
        ManagedState.__init__(self, CONFIG_MODEL, [("ACTIVE", "ACTIVE")])
        self.index = index
        #: The settings as last set (what DescribeQuerySuggestionsConfig shows).
        self.settings: dict[str, Any] = copy.deepcopy(DEFAULTS)
        #: The settings that apply (the previous ones while UPDATING).
        self.applied: dict[str, Any] = copy.deepcopy(DEFAULTS)
        self.applied_at: datetime = index.created_at
        self.last_clear: datetime | None = None

    @property
    def status(self) -> str:
        current = str(ManagedState.status.fget(self))  # type: ignore[attr-defined]
        if current == "ACTIVE" and self.applied != self.settings:
            self.applied = copy.deepcopy(self.settings)
            self.applied_at = utcnow()
        return current

    @status.setter
    def status(self, value: str) -> None:
        self._status = value

    def settle(self) -> None:
        """Settings whose update has reached ACTIVE apply from now on."""
        _ = self.status

    def update(self, params: Params) -> None:
        changes = {name: params[name] for name in SETTINGS if name in params}
        _check_window(changes.get("QueryLogLookBackWindowInDays"))
        if "AttributeSuggestionsConfig" in changes:
            changes["AttributeSuggestionsConfig"] = self._attribute_config(
                changes["AttributeSuggestionsConfig"]
            )
        if changes and self.status == "UPDATING":
            raise ConflictException(
                f"The query suggestions settings of index {self.index.id} are being "
                "updated: wait until their Status is ACTIVE to update them again (only "
                "the Mode can change meanwhile)."
            )
        if "Mode" in params:
            self.settings["Mode"] = self.applied["Mode"] = params["Mode"]
        if not changes:
            return
        self.settings.update(changes)
        self.restart([("UPDATING", "ACTIVE")])

    def _attribute_config(self, update: dict[str, Any]) -> dict[str, Any]:
        """The AttributeSuggestionsConfig after ``update``: the mode if given; each
        SuggestableConfig replaces the entry of its field (a field can be suggestible
        only if the index has it)."""
        merged: dict[str, Any] = copy.deepcopy(self.settings["AttributeSuggestionsConfig"])
        if "AttributeSuggestionsMode" in update:
            merged["AttributeSuggestionsMode"] = update["AttributeSuggestionsMode"]
        entries = {entry["AttributeName"]: entry for entry in merged["SuggestableConfigList"]}
        seen: set[str] = set()
        for entry in update.get("SuggestableConfigList", []):
            name = entry.get("AttributeName")
            if name is None:
                raise ValidationException(
                    "Each SuggestableConfig of AttributeSuggestionsConfig needs an AttributeName."
                )
            if name in seen:
                raise ValidationException(
                    f"The field {name} appears twice in SuggestableConfigList."
                )
            seen.add(name)
            if self.index.fields.type_of(name) is None:
                raise ValidationException(
                    f"The field {name} in SuggestableConfigList is not a field of index "
                    f"{self.index.id}."
                )
            entries[name] = dict(entry)
        merged["SuggestableConfigList"] = list(entries.values())
        return merged

    def last_build(self) -> datetime:
        """When suggestions last changed: settings applied, a query logged, a block
        list version taking effect or going (or the index made)."""
        self.settle()
        times = [
            self.applied_at,
            self.index.store(QueryLog).last_query_at,
            self.index.store(BlockLists).changed_at,
        ]
        return max(time for time in times if time is not None)


def _check_window(days: Any) -> None:
    if days is not None and days < 1:
        raise ValidationException(
            f"QueryLogLookBackWindowInDays must be a number of days of at least 1, not {days}."
        )


def suggestion_settings(index: Index) -> dict[str, Any]:
    """The query suggestions settings that apply to ``index`` now (the members of
    DescribeQuerySuggestionsConfig's settings: Mode, QueryLogLookBackWindowInDays,
    IncludeQueriesWithoutUserInformation, MinimumNumberOfQueryingUsers,
    MinimumQueryCount, AttributeSuggestionsConfig). A copy: changing it changes nothing."""
    config = index.store(SuggestionsConfig)
    config.settle()
    return copy.deepcopy(config.applied)


def _window_start(at: datetime, days: int) -> datetime | None:
    try:
        return at - timedelta(days=days)
    except OverflowError:  # a window longer than the calendar: every query
        return None


def has_long_word(normalized_query: str) -> bool:
    """Whether a query has a word of more than four characters (query-suggestions.md:
    a suggested query must)."""
    return any(len(word) >= SHORTEST_LONG_WORD for word in normalized_query.split())


def suggestion_candidates(index: Index, now: datetime) -> list[tuple[str, int, int]]:
    """The queries GetQuerySuggestions can suggest at ``now`` (timezone-aware), as
    (normalized query text, times searched, distinct users), most searched first
    (then most users, then alphabetical).

    From the query log: queries made within QueryLogLookBackWindowInDays before
    ``now`` and after the last ClearQuerySuggestions, that had at least one result;
    with IncludeQueriesWithoutUserInformation false, only those with a user. A query
    is a candidate if it was searched at least MinimumQueryCount times (and, with
    IncludeQueriesWithoutUserInformation false, by at least MinimumNumberOfQueryingUsers
    users: with true, "Amazon Kendra ignores all user information"), has a word of more
    than four characters and no phrase of a block list in effect. The Mode is the
    caller's to check: in LEARN_ONLY Kendra learns these but suggests none.
    """
    now = as_utc(now)
    config = index.store(SuggestionsConfig)
    settings = suggestion_settings(index)
    since = _window_start(now, settings["QueryLogLookBackWindowInDays"])
    anonymous = settings["IncludeQueriesWithoutUserInformation"]
    counts: dict[str, list[Any]] = {}
    for record in index.store(QueryLog).records.values():
        if record.result_count < 1 or record.time > now or not record.key:
            continue
        if since is not None and record.time < since:
            continue
        if config.last_clear is not None and record.time <= config.last_clear:
            continue
        if record.user is None and not anonymous:
            continue
        entry = counts.setdefault(record.key, [0, set()])
        entry[0] += 1
        if record.user is not None:
            entry[1].add(record.user)
    phrases = blocked_phrases(index)
    candidates = [
        (key, count, len(users))
        for key, (count, users) in counts.items()
        if count >= settings["MinimumQueryCount"]
        and (anonymous or len(users) >= settings["MinimumNumberOfQueryingUsers"])
        and has_long_word(key)
        and not is_blocked(key, phrases)
    ]
    candidates.sort(key=lambda item: (-item[1], -item[2], item[0]))
    return candidates


@operation("DescribeQuerySuggestionsConfig")
def describe_config(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    config = index.store(SuggestionsConfig)
    status = config.status
    result = prune(
        {
            **copy.deepcopy(config.settings),
            "Status": status,
            "LastSuggestionsBuildTime": config.last_build(),
            "LastClearTime": config.last_clear,
            "TotalSuggestionsCount": len(suggestion_candidates(index, utcnow())),
        }
    )
    config.advance()
    return result


@operation("UpdateQuerySuggestionsConfig")
def update_config(backend: KendraBackend, params: Params) -> Result:
    writable_index(backend, params["IndexId"]).store(SuggestionsConfig).update(params)
    return {}


@operation("ClearQuerySuggestions")
def clear_suggestions(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    index.store(SuggestionsConfig).last_clear = utcnow()
    return {}
