"""Retrieve: relevant passages of an index's documents (its reference text is the
``documentation`` of Retrieve in botocore's model).

The documents are matched as Query matches them (``results.match_documents``: the
AttributeFilter, field searches, language, user context and relevance tuning alike),
then the 100 best are cut into passages of up to 200 words ("longer passages of up to
200 token words") and the passages ranked against the query (BM25, lexical: the mock
doesn't rank by meaning). Up to 100 passages can be paged to (PageNumber, PageSize);
FAQs are not searched ("This doesn't include question-answer or FAQ type responses").
Each passage's ScoreConfidence comes from its score relative to the best passage and
the share of the query's words it holds (docs/search-engine.md's bands); a document
that matched by its title or fields only is represented by its first passage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..search import rank_passages, score_confidence
from .feedback import AnsweredQueries
from .operations import Params, Result, operation
from .results import (
    MAX_RESULTS,
    match_documents,
    new_query_id,
    new_result_id,
    page_window,
    query_text,
    searchable_index,
    shown_attributes,
)
from .search_index import SearchStore, fields_with, source_uri

if TYPE_CHECKING:
    from .service import KendraBackend

#: Passages are cut from this many of the best documents.
PASSAGE_DOCUMENTS = MAX_RESULTS


@operation("Retrieve")
def retrieve(backend: KendraBackend, params: Params) -> Result:
    index = searchable_index(backend, params["IndexId"])
    text = query_text(params)
    start, stop = page_window(params)
    store = index.store(SearchStore)
    store.refresh()
    prepared, hits = match_documents(index, store, params, text)
    documents = []
    for hit in hits[:PASSAGE_DOCUMENTS]:
        stored = store.engine.document(hit.document_id)
        if stored is not None and stored.body.strip():
            documents.append((hit.document_id, stored.body))
    passages = rank_passages(prepared.matcher, documents, limit=MAX_RESULTS)
    top = passages[0].score if passages else 0.0
    query_id = new_query_id()
    displayable = fields_with(index, "Displayable")
    items = []
    for passage in passages[start:stop]:
        document_id = passage.document_id
        version = store.versions[document_id]
        item: dict[str, Any] = {
            "Id": new_result_id(query_id),
            "DocumentId": document_id,
            "DocumentTitle": store.title(document_id),
            "Content": passage.text,
            "DocumentURI": source_uri(index, version),
            "DocumentAttributes": shown_attributes(version.content.attributes, displayable, params),
            "ScoreAttributes": {
                "ScoreConfidence": score_confidence(passage.score, top, passage.coverage)
            },
        }
        items.append({key: value for key, value in item.items() if value is not None})
    index.store(AnsweredQueries).record(query_id, dict.fromkeys(item["Id"] for item in items))
    return {"QueryId": query_id, "ResultItems": items}
