"""QUESTION_ANSWER results: the FAQ questions that match a query.

"A question and answer response is returned when Amazon Kendra matches a question with
one of the frequently asked questions in your index" (query-responses-types.md). The
mock matches the query's words against the questions of the index's ACTIVE FAQs
(lexically, as documents are matched), keeps those the request's AttributeFilter,
field searches, language and user context let through, and returns at most 4
(quotas.md: "Maximum number of results returned for FAQ: 4"), best first, whose
confidence isn't LOW (API_QueryResultItem.md: LOW is only for DOCUMENT results). A
query without text matches no question.

A result shows (as the examples of query-responses-types.md do): the question, with
the query's words highlighted, as ``QuestionText`` (at most 200 characters, quotas.md)
and as DocumentTitle; the answer as ``AnswerText`` (no highlights) and as the
DocumentExcerpt (one highlight over all of it); ``_source_uri`` as DocumentURI.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from ..search import PreparedQuery, highlighted, score_confidence, whole_text
from .faq_files import FaqEntry
from .faqs import Faq, FaqStore, entry_document_id
from .indices import Index
from .operations import Params
from .results import attribute_predicate, filter_by_user_context
from .search_index import field_types

#: quotas.md: "Maximum number of results returned for FAQ: 4".
MAX_FAQ_RESULTS = 4
#: quotas.md: "Maximum number of characters displayed in the result for a FAQ question".
MAX_QUESTION_CHARACTERS = 200


class FaqAnswer(NamedTuple):
    """A matching question: its FAQ, entry (and its place in the file), confidence
    band, and the query it answers."""

    faq: Faq
    number: int
    entry: FaqEntry
    confidence: str
    prepared: PreparedQuery

    @property
    def attributes(self) -> Mapping[str, Mapping[str, Any]]:
        return self.entry.attributes


def faq_answers(index: Index, params: Params, text: str | None) -> list[FaqAnswer]:
    """The QUESTION_ANSWER results of a query, best first (see the module doc)."""
    store = index.existing_store(FaqStore)
    if store is None or store.engine is None or not text or not text.strip():
        return []
    store.refresh()
    if not store.entries:
        return []
    types = field_types(index)
    prepared = store.engine.prepare(text, types)
    if prepared.match_all:
        return []
    accepts, language = attribute_predicate(params, prepared, types)
    found = []
    for hit in store.engine.search(prepared):
        faq, entry = store.entries[hit.document_id]
        code = str(entry.attributes["_language_code"]["StringValue"])
        if not language and code != "en":
            continue
        if accepts is not None and not accepts(entry.attributes, code):
            continue
        found.append((hit, faq, entry))
    found = filter_by_user_context(
        index, params, found, lambda item: (item[2].access_control_list, (), None)
    )
    if not found:
        return []
    top = found[0][0].score
    answers = []
    for hit, faq, entry in found:
        coverage = prepared.matcher.coverage([entry.question])
        band = score_confidence(hit.score, top, coverage)
        if band == "LOW":
            continue
        number = int(hit.document_id.rpartition("/")[2])
        answers.append(FaqAnswer(faq, number, entry, band, prepared))
        if len(answers) == MAX_FAQ_RESULTS:
            break
    return answers


def _text_attribute(key: str, value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "Key": key,
        "ValueType": "TEXT_WITH_HIGHLIGHTS_VALUE",
        "Value": {"TextWithHighlightsValue": value},
    }


def answer_item(
    answer: FaqAnswer,
    result_id: str,
    token: str,
    shown: Callable[[Mapping[str, Mapping[str, Any]]], list[dict[str, Any]]],
    uri: str | None,
) -> dict[str, Any]:
    """A QUESTION_ANSWER result item."""
    entry, matcher = answer.entry, answer.prepared.matcher
    question = highlighted(entry.question, matcher, max_length=MAX_QUESTION_CHARACTERS)
    answer_text = whole_text(entry.answer)
    plain_answer = None if answer_text is None else {"Text": answer_text["Text"], "Highlights": []}
    additional = [
        item
        for item in (
            _text_attribute("QuestionText", question),
            _text_attribute("AnswerText", plain_answer),
        )
        if item is not None
    ]
    item: dict[str, Any] = {
        "Id": result_id,
        "Type": "QUESTION_ANSWER",
        "Format": "TEXT",
        "AdditionalAttributes": additional,
        "DocumentId": entry_document_id(answer.faq, answer.number, entry),
        "DocumentTitle": question,
        "DocumentExcerpt": answer_text,
        "DocumentURI": uri,
        "DocumentAttributes": shown(entry.attributes),
        "ScoreAttributes": {"ScoreConfidence": answer.confidence},
        "FeedbackToken": token,
    }
    return {key: value for key, value in item.items() if value is not None}
