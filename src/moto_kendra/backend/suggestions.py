"""GetQuerySuggestions: queries to suggest to a user typing one (API_GetQuerySuggestions.md,
query-suggestions.md; the model's documentation of SuggestionTypes and
AttributeSuggestionsConfig).

Suggestions come from one source, as the request's SuggestionTypes says ("You can set
one type or the other"; QUERY, the query history, by default):

- QUERY: the queries the index's settings make suggestible now
  (``query_suggestions.suggestion_candidates``: the look-back window, the last clear,
  MinimumQueryCount, MinimumNumberOfQueryingUsers, a result, a word of more than four
  characters, no blocked word or phrase), most searched first, whose normalized text
  starts with the typed text's (lower case, no quotation marks, single spaces). The
  index's Mode must be ENABLED: in LEARN_ONLY Kendra learns and doesn't suggest.
- DOCUMENT_ATTRIBUTES: the values of the fields the settings' AttributeSuggestionsConfig
  marks Suggestable (narrowed to the request's SuggestionAttributes, which must be
  among them), in the documents a search finds now, that the request's
  AttributeFilter keeps and its user (AttributeSuggestionsConfig.UserContext, judged as
  Query judges it) may see; a value is suggested when it, or one of its words, starts
  with the typed text, and none of the block lists' words or phrases is in it; those
  found in the most documents first (``search.attribute_suggestions``). Each names its
  SourceDocuments (up to ``MAX_SOURCE_DOCUMENTS``): the fields it came from and the
  request's AdditionalResponseAttributes. The AttributeSuggestionsMode must be ACTIVE.

Text typed shorter than 2 or longer than 60 characters gets no suggestion. Highlights
cover the typed text inside each suggestion. At most MaxSuggestionsCount suggestions
(default and quota: 10).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from moto.moto_api._internal import mock_random

from ..exceptions import ServiceQuotaExceededException, ValidationException
from ..search import attribute_suggestions, compile_filter
from .block_lists import blocked_phrases
from .clock import utcnow
from .indices import Index
from .operations import Params, Result, operation
from .query_log import normalize
from .query_suggestions import suggestion_candidates, suggestion_settings
from .results import document_access, filter_by_user_context, searchable_index
from .search_index import STRING_TYPES, SearchStore, field_types
from .user_context import without_user_filters

if TYPE_CHECKING:
    from .service import KendraBackend

#: quotas.md: "Maximum number of query suggestions returned per GetQuerySuggestions
#: call: 10"; also the default.
MAX_SUGGESTIONS = 10
#: Typed text gets suggestions from 2 to 60 characters (query-suggestions.md).
MIN_TYPED, MAX_TYPED = 2, 60
#: SourceDocuments a document-field suggestion lists at most (the documents holding it
#: the most, in document id order).
MAX_SOURCE_DOCUMENTS = 10


def _typed(text: str) -> str | None:
    """The typed text normalized as suggestions are (a trailing space kept: ``rent `` is
    followed by another word), or None when it gets no suggestion."""
    if not MIN_TYPED <= len(text) <= MAX_TYPED:
        return None
    typed = normalize(text)
    if len(typed) < MIN_TYPED:
        return None
    return typed + " " if text[-1:].isspace() else typed


def _check_mode(index: Index) -> None:
    if suggestion_settings(index)["Mode"] != "ENABLED":
        raise ValidationException(
            f"Query suggestions of index {index.id} are in LEARN_ONLY mode: Amazon Kendra "
            "learns from its queries and suggests none. Set Mode to ENABLED "
            "(UpdateQuerySuggestionsConfig) to get suggestions."
        )


def _from_queries(index: Index, typed: str, limit: int) -> list[Result]:
    length = len(typed.rstrip())
    found = []
    for text, _, _ in suggestion_candidates(index, utcnow()):
        if text.startswith(typed):
            highlight = {"BeginOffset": 0, "EndOffset": length}
            value = {"Text": {"Text": text, "Highlights": [highlight]}}
            found.append({"Id": str(mock_random.uuid4()), "Value": value})
            if len(found) == limit:
                break
    return found


def _suggestible(index: Index, requested: Mapping[str, Any]) -> list[str]:
    """The fields document-field suggestions are made from (see the module doc)."""
    config = suggestion_settings(index)["AttributeSuggestionsConfig"]
    if config.get("AttributeSuggestionsMode") != "ACTIVE":
        raise ValidationException(
            f"Query suggestions from document fields are INACTIVE for index {index.id}: "
            "set AttributeSuggestionsMode to ACTIVE (UpdateQuerySuggestionsConfig) to get "
            "them."
        )
    suggestible = [
        entry["AttributeName"]
        for entry in config.get("SuggestableConfigList", [])
        if entry.get("Suggestable")
    ]
    wanted = requested.get("SuggestionAttributes")
    if wanted is None:
        return suggestible
    refused = [name for name in wanted if name not in suggestible]
    if refused:
        raise ValidationException(
            f"SuggestionAttributes names {', '.join(refused)}, which the query suggestions "
            f"settings of index {index.id} don't mark Suggestable "
            "(AttributeSuggestionsConfig.SuggestableConfigList)."
        )
    return list(dict.fromkeys(wanted))


def _values(
    store: SearchStore, document_ids: list[str], fields: list[str]
) -> Iterator[tuple[str, str, str]]:
    for document_id in document_ids:
        attributes = store.attributes(document_id)
        for name in fields:
            value = attributes.get(name) or {}
            if value.get("StringValue") is not None:
                yield document_id, name, str(value["StringValue"])
            for item in value.get("StringListValue") or ():
                yield document_id, name, str(item)


def _sources(
    store: SearchStore, pairs: tuple[tuple[str, str], ...], additional: list[str]
) -> list[dict[str, Any]]:
    by_document: dict[str, list[str]] = {}
    for document_id, name in pairs:
        by_document.setdefault(document_id, [])
        if name not in by_document[document_id]:
            by_document[document_id].append(name)
    sources = []
    for document_id in sorted(by_document)[:MAX_SOURCE_DOCUMENTS]:
        attributes = store.attributes(document_id)
        source: dict[str, Any] = {
            "DocumentId": document_id,
            "SuggestionAttributes": by_document[document_id],
        }
        if additional:
            source["AdditionalAttributes"] = [
                {"Key": name, "Value": dict(attributes[name])}
                for name in additional
                if attributes.get(name)
            ]
        sources.append(source)
    return sources


def _additional(index: Index, config: Mapping[str, Any]) -> list[str]:
    additional = list(dict.fromkeys(config.get("AdditionalResponseAttributes") or []))
    unknown = [name for name in additional if name not in field_types(index)]
    if unknown:
        raise ValidationException(
            f"AdditionalResponseAttributes names {', '.join(unknown)}, which is not a field "
            f"of index {index.id}."
        )
    return additional


def _from_fields(
    index: Index, text: str, config: Mapping[str, Any], fields: list[str], limit: int
) -> list[Result]:
    types = field_types(index)
    additional = _additional(index, config)
    store = index.store(SearchStore)
    store.refresh()
    filter_params = {
        "UserContext": config.get("UserContext"),
        "AttributeFilter": config.get("AttributeFilter"),
    }
    documents = sorted(store.versions)
    remaining, _ = without_user_filters(filter_params["AttributeFilter"])
    if remaining:
        accepts = compile_filter(remaining, types)
        documents = [d for d in documents if accepts(store.attributes(d))]
    documents = filter_by_user_context(
        index, filter_params, documents, lambda d: document_access(index, store, d)
    )
    strings = [name for name in fields if types.get(name) in STRING_TYPES]
    found = attribute_suggestions(
        text,
        _values(store, documents, strings),
        block_list=blocked_phrases(index),
        max_suggestions=limit,
    )
    return [
        {
            "Id": str(mock_random.uuid4()),
            "Value": suggestion.value(),
            "SourceDocuments": _sources(store, suggestion.sources, additional),
        }
        for suggestion in found
    ]


def _limit(params: Params) -> int:
    count = params.get("MaxSuggestionsCount")
    if count is None:
        return MAX_SUGGESTIONS
    if count < 1:
        raise ValidationException(f"MaxSuggestionsCount must be 1 or more; it is {count}.")
    if count > MAX_SUGGESTIONS:
        raise ServiceQuotaExceededException(
            f"MaxSuggestionsCount is {count}; GetQuerySuggestions returns at most "
            f"{MAX_SUGGESTIONS} suggestions a call."
        )
    return int(count)


def _suggestion_type(params: Params) -> str:
    kinds = list(dict.fromkeys(params.get("SuggestionTypes") or ["QUERY"]))
    if len(kinds) > 1:
        raise ValidationException(
            "SuggestionTypes can name QUERY or DOCUMENT_ATTRIBUTES, not both: suggestions "
            "come from the query history or from document fields."
        )
    return str(kinds[0])


@operation("GetQuerySuggestions")
def get_query_suggestions(backend: KendraBackend, params: Params) -> Result:
    index = searchable_index(backend, params["IndexId"])
    limit = _limit(params)
    kind = _suggestion_type(params)
    text = params["QueryText"]
    typed = _typed(text)
    found: list[Result] = []
    if kind == "QUERY":
        _check_mode(index)
        if typed is not None:
            found = _from_queries(index, typed, limit)
    else:
        config = params.get("AttributeSuggestionsConfig") or {}
        fields = _suggestible(index, config)
        if typed is not None:
            found = _from_fields(index, text, config, fields, limit)
    return {"QuerySuggestionsId": str(mock_random.uuid4()), "Suggestions": found}
