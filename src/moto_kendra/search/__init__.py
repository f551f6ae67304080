"""Search: the embedded full-text engine behind Query, Retrieve, FAQ answers, query
suggestions and Rescore, and the text handling around it.

Standard library only (SQLite FTS5 through ``sqlite3``), plus ``pypdf`` for PDF text
when installed. No HTTP, no Kendra state: the backend owns one ``SearchIndex`` per
Kendra index and calls these functions. docs/search-engine.md is the reference.

========================  =============================================================
``engine``                ``SearchIndex``: put/delete/search documents, ``Hit``
``query``                 ``parse_query``: Kendra's query syntax -> ``ParsedQuery``
``matching``              ``PreparedQuery``, ``Matcher``: a query made concrete for an
                          index (FTS5 expression, highlight matcher, synonyms)
``excerpts``              ``excerpt``, ``highlighted``, ``whole_text``: TextWithHighlights
``passages``              ``cut_passages``, ``rank_passages``: Retrieve's passages
``scoring``               ``score_texts``, ``bm25``: scores for texts outside an index
``filters``               ``compile_filter``: AttributeFilters over attributes
``facets``, ``sorting``   ``facet_results``; ``sort_hits``
``relevance``             ``effective_tunings``, ``apply_relevance``,
                          ``score_confidence``
``spelling``              ``spell_corrections``: SpellCorrectedQueries
``suggestions``           ``query_suggestions``, ``attribute_suggestions``
``extract``               ``extract_text``: a document's bytes -> title and text
========================  =============================================================
"""

from __future__ import annotations

from .engine import Hit, IndexedDocument, SearchIndex, fts5_problem
from .excerpts import EXCERPT_CHARACTERS, excerpt, highlighted, whole_text
from .facets import MAX_FACET_VALUES, check_facets, facet_results
from .filters import compile_filter, matches
from .matching import Found, Matcher, PreparedQuery, SynonymMap, Synonyms, prepare
from .passages import PASSAGE_WORDS, Passage, PassageHit, cut_passages, rank_passages
from .query import MAX_QUERY_WORDS, ParsedQuery, parse_query
from .relevance import FieldTuning, apply_relevance, effective_tunings, score_confidence
from .scoring import bm25, score_texts
from .sorting import check_sorting, sort_hits, sorting_configurations
from .spelling import spell_corrections
from .suggestions import (
    LoggedQuery,
    Suggestion,
    SuggestionSettings,
    attribute_suggestions,
    query_suggestions,
)

__all__ = [
    "EXCERPT_CHARACTERS",
    "MAX_FACET_VALUES",
    "MAX_QUERY_WORDS",
    "PASSAGE_WORDS",
    "FieldTuning",
    "Found",
    "Hit",
    "IndexedDocument",
    "LoggedQuery",
    "Matcher",
    "ParsedQuery",
    "Passage",
    "PassageHit",
    "PreparedQuery",
    "SearchIndex",
    "Suggestion",
    "SuggestionSettings",
    "SynonymMap",
    "Synonyms",
    "apply_relevance",
    "attribute_suggestions",
    "bm25",
    "check_facets",
    "check_sorting",
    "compile_filter",
    "cut_passages",
    "effective_tunings",
    "excerpt",
    "facet_results",
    "fts5_problem",
    "highlighted",
    "matches",
    "parse_query",
    "prepare",
    "query_suggestions",
    "rank_passages",
    "score_confidence",
    "score_texts",
    "sort_hits",
    "sorting_configurations",
    "spell_corrections",
    "whole_text",
]
