"""Query's FeaturedResultsItems: the documents a featured results set features for the
query's text (featured-results.md, API_FeaturedResultsItem.md).

The ACTIVE set whose query text is the query's (``featured_results.featured_documents``:
lower case, white space folded, every other character as it is) names up to four
documents, in order. Those the index can search now and the request's user may see
("Access control ... is still honored", the user context as Query applies it) are
featured, in the set's order: on the first page, above all other results, and never
among the ResultItems of any page ("Amazon Kendra doesn't duplicate search results if
a result is already selected for featuring"), nor counted in TotalNumberOfResults.
The request's other filters (AttributeFilter, QueryResultTypeFilter, language) don't
apply to them: a set features documents for a query text, whatever else is asked.

An item shows what a DOCUMENT result shows (its title and an excerpt with the query's
words highlighted, its URI, displayable attributes and a FeedbackToken) without a score.
"""

from __future__ import annotations

from typing import Any

from ..search import PreparedQuery, excerpt, highlighted
from .featured_results import featured_documents
from .indices import Index
from .operations import Params
from .results import (
    document_access,
    feedback_token,
    filter_by_user_context,
    new_result_id,
    shown_attributes,
)
from .search_index import SearchStore, source_uri


def featured_ids(index: Index, store: SearchStore, params: Params, text: str | None) -> list[str]:
    """The documents featured for the query, in the set's order (see the module doc)."""
    if not text or not text.strip():
        return []
    held = [
        document_id
        for document_id in featured_documents(index, text)
        if document_id in store.versions
    ]
    if not held:
        return []
    return filter_by_user_context(
        index, params, held, lambda document_id: document_access(index, store, document_id)
    )


def featured_item(
    index: Index,
    store: SearchStore,
    document_id: str,
    prepared: PreparedQuery,
    query_id: str,
    params: Params,
    displayable: frozenset[str],
) -> dict[str, Any]:
    """One FeaturedResultsItem."""
    stored = store.engine.document(document_id)
    title = store.title(document_id)
    body = stored.body if stored is not None else ""
    version = store.versions[document_id]
    result_id = new_result_id(query_id)
    item: dict[str, Any] = {
        "Id": result_id,
        "Type": "DOCUMENT",
        "AdditionalAttributes": [],
        "DocumentId": document_id,
        "DocumentTitle": highlighted(title, prepared.matcher),
        "DocumentExcerpt": excerpt(body, prepared.matcher),
        "DocumentURI": source_uri(index, version),
        "DocumentAttributes": shown_attributes(version.content.attributes, displayable, params),
        "FeedbackToken": feedback_token(index, query_id, result_id),
    }
    return {key: value for key, value in item.items() if value is not None}
