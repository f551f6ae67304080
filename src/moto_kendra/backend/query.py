"""Query: search an index's documents and FAQs (API_Query.md, query-responses-types.md,
filtering.md, tuning-sorting-responses.md, query-spell-check.md).

Results are the matching FAQ questions (QUESTION_ANSWER, at most 4, ``faq_answers``)
then the matching documents (DOCUMENT), by relevance or by the request's sorting;
TotalNumberOfResults counts them all, and the first 100 can be paged to (PageNumber,
PageSize). The mock extracts no answers from documents: it returns no ANSWER results
(so a QueryResultTypeFilter of ANSWER gets none). Facets count the values of every
match (documents and FAQ questions), not only the page's. A CollapseConfiguration
groups the documents by a field (``collapse``). The documents a featured results set
features for the query's text are FeaturedResultsItems on the first page, and no
other result (``featured_items``). Every result's id and FeedbackToken are kept for
SubmitFeedback (``feedback.AnsweredQueries``), and the query in the index's query log
(``record_query``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Union

from ..exceptions import ServiceQuotaExceededException
from ..search import (
    Hit,
    PreparedQuery,
    check_facets,
    check_sorting,
    excerpt,
    facet_results,
    highlighted,
    score_confidence,
    sort_hits,
    sorting_configurations,
    spell_corrections,
)
from . import query_log
from .clock import utcnow
from .collapse import Group, check_collapse, collapse, expansion
from .faq_answers import FaqAnswer, answer_item, faq_answers
from .featured_items import featured_ids, featured_item
from .feedback import AnsweredQueries
from .indices import Index
from .operations import Params, Result, operation
from .results import (
    MAX_RESULTS,
    feedback_token,
    match_documents,
    new_query_id,
    new_result_id,
    page_window,
    query_text,
    searchable_index,
    shown_attributes,
)
from .search_index import SearchStore, field_types, fields_with, source_uri

if TYPE_CHECKING:
    from .service import KendraBackend

#: SortingConfigurations: "You can set upto 3 fields" (botocore's model).
MAX_SORTING_FIELDS = 3

Found = Union[FaqAnswer, Hit, Group]
#: The members of a DOCUMENT result an ExpandedResultItem has.
EXPANDED_MEMBERS = ("Id", "DocumentId", "DocumentTitle", "DocumentExcerpt", "DocumentURI")


def record_query(index: Index, params: Params, query_id: str, result: Result) -> None:
    """Log a Query in the index's query log (``query_log.record_query``): its text, now,
    its user (``query_log.query_user``: UserContext.UserId, else VisitorId), how many
    results it found (TotalNumberOfResults and the featured ones) and the results it
    returned (featured first, as shown), which GetQuerySuggestions learns from
    (query-suggestions.md) and GetSnapshots counts (search-analytics.md)."""
    featured = result.get("FeaturedResultsItems") or []
    query_log.record_query(
        index,
        query_id=query_id,
        query_text=params.get("QueryText"),
        user_id=query_log.query_user(params),
        result_count=result["TotalNumberOfResults"] + len(featured),
        time=utcnow(),
        results=[*featured, *result["ResultItems"]],
    )


def _check_sorting(index: Index, params: Params, types: Mapping[str, str]) -> list[Any]:
    sorting = sorting_configurations(params)
    if len(sorting) > MAX_SORTING_FIELDS:
        raise ServiceQuotaExceededException(
            f"SortingConfigurations names {len(sorting)} fields; results can be sorted by "
            f"at most {MAX_SORTING_FIELDS} fields."
        )
    check_sorting(sorting, types, fields_with(index, "Sortable"))
    return sorting


def _document_item(
    index: Index,
    store: SearchStore,
    hit: Hit,
    prepared: PreparedQuery,
    top: float,
    ids: tuple[str, str],
    params: Params,
    displayable: frozenset[str],
) -> dict[str, Any]:
    document_id = hit.document_id
    stored = store.engine.document(document_id)
    title = stored.title if stored is not None and stored.title.strip() else document_id
    body = stored.body if stored is not None else ""
    matcher = prepared.matcher
    in_title, in_body = matcher.find(title), matcher.find(body)
    fields = stored.fields_text if stored is not None else ""
    coverage = matcher.coverage([fields] if fields else (), found=in_title + in_body)
    version = store.versions[document_id]
    item: dict[str, Any] = {
        "Id": ids[0],
        "Type": "DOCUMENT",
        "Format": "TEXT",
        "AdditionalAttributes": [],
        "DocumentId": document_id,
        "DocumentTitle": highlighted(title, matcher, found=in_title),
        "DocumentExcerpt": excerpt(body, matcher, found=in_body),
        "DocumentURI": source_uri(index, version),
        "DocumentAttributes": shown_attributes(version.content.attributes, displayable, params),
        "ScoreAttributes": {"ScoreConfidence": score_confidence(hit.score, top, coverage)},
        "FeedbackToken": ids[1],
    }
    return {key: value for key, value in item.items() if value is not None}


def _expanded(item: Mapping[str, Any]) -> dict[str, Any]:
    """A DOCUMENT result as an ExpandedResultItem."""
    expanded = {key: item[key] for key in EXPANDED_MEMBERS if key in item}
    expanded["DocumentAttributes"] = item.get("DocumentAttributes", [])
    return expanded


@operation("Query")
def query(backend: KendraBackend, params: Params) -> Result:
    index = searchable_index(backend, params["IndexId"])
    text = query_text(params)
    start, stop = page_window(params)
    types = field_types(index)
    facets = params.get("Facets") or []
    facetable = fields_with(index, "Facetable")
    check_facets(facets, types, facetable)
    sorting = _check_sorting(index, params, types)
    collapsing = params.get("CollapseConfiguration")
    if collapsing:
        check_collapse(collapsing, types, fields_with(index, "Sortable"))
    store = index.store(SearchStore)
    store.refresh()
    prepared, hits = match_documents(index, store, params, text)
    featured = featured_ids(index, store, params, text)
    if featured:
        hits = [hit for hit in hits if hit.document_id not in featured]
    wanted = params.get("QueryResultTypeFilter")
    answers = faq_answers(index, params, text) if wanted in (None, "QUESTION_ANSWER") else []
    if wanted not in (None, "DOCUMENT"):
        hits = []
    counted: list[Mapping[str, Mapping[str, Any]]] = [a.attributes for a in answers]
    counted.extend(store.attributes(hit.document_id) for hit in hits)
    facet_lists = facet_results(facets, counted, types, facetable) if facets else []
    top = max((hit.score for hit in hits), default=0.0)
    if sorting:
        hits = sort_hits(hits, lambda hit: store.attributes(hit.document_id), sorting, types)
    found: list[Found] = [*answers, *hits]
    if collapsing:
        found = [
            *answers,
            *collapse(hits, lambda h: store.attributes(h.document_id), collapsing, types),
        ]
    groups_expanded, expanded_each = expansion(collapsing or {})
    query_id = new_query_id()
    displayable = fields_with(index, "Displayable")
    featured_results = []
    recorded: dict[str, str | None] = {}
    for document_id in featured if start == 0 else []:
        feature = featured_item(index, store, document_id, prepared, query_id, params, displayable)
        recorded[feature["Id"]] = feature["FeedbackToken"]
        featured_results.append(feature)
    items = []
    for position, result in enumerate(found[:MAX_RESULTS][start:stop], start=start):
        result_id = new_result_id(query_id)
        token = feedback_token(index, query_id, result_id)
        recorded[result_id] = token
        if isinstance(result, FaqAnswer):
            shown = lambda attributes: shown_attributes(attributes, displayable, params)  # noqa: E731
            uri = (result.attributes.get("_source_uri") or {}).get("StringValue")
            if not isinstance(uri, str) or not uri.startswith(("http://", "https://")):
                uri = None
            items.append(answer_item(result, result_id, token, shown, uri))
        elif isinstance(result, Group):
            ids = (result_id, token)
            item = _document_item(
                index, store, result.primary, prepared, top, ids, params, displayable
            )
            if result.value is not None:
                expanded = []
                if position - len(answers) < groups_expanded:
                    for other in result.others[:expanded_each]:
                        other_id = new_result_id(query_id)
                        recorded[other_id] = None
                        shown_item = _document_item(
                            index, store, other, prepared, top, (other_id, ""), params, displayable
                        )
                        expanded.append(_expanded(shown_item))
                key = collapsing["DocumentAttributeKey"] if collapsing else ""
                item["CollapsedResultDetail"] = {
                    "DocumentAttribute": {"Key": key, "Value": result.value},
                    "ExpandedResults": expanded,
                }
            items.append(item)
        else:
            ids = (result_id, token)
            items.append(
                _document_item(index, store, result, prepared, top, ids, params, displayable)
            )
    index.store(AnsweredQueries).record(query_id, recorded)
    response: Result = {
        "QueryId": query_id,
        "ResultItems": items,
        "FacetResults": facet_lists,
        "TotalNumberOfResults": len(found),
        "FeaturedResultsItems": featured_results,
    }
    warning = prepared.parsed.warning
    if warning:
        response["Warnings"] = [{"Code": "QUERY_LANGUAGE_INVALID_SYNTAX", "Message": warning}]
    spelling = params.get("SpellCorrectionConfiguration") or {}
    if spelling.get("IncludeQuerySpellCheckSuggestions") and text:
        response["SpellCorrectedQueries"] = spell_corrections(
            prepared.parsed, store.engine.vocabulary
        )
    record_query(index, params, query_id, response)
    return response
