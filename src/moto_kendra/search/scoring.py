"""Lexical scoring of texts that aren't in an index: BM25 with the engine's analysis.

Kendra Intelligent Ranking's Rescore scores the documents a request brings, and
Retrieve scores the passages of matching documents; both use this. The words, their
inflections and synonyms are those the engine matches (the same parser and matcher);
the texts themselves are the corpus (document frequencies, average length). BM25 with
FTS5's parameters (k1 = 1.2, b = 0.75) and a non-negative IDF,
``log(1 + (N - n + 0.5) / (n + 0.5))``, so that a word every text holds still counts.

Every text gets a score: 0.0 when it holds none of the query's words. Boolean operators
only decide which words count (words under ``NOT`` don't); they exclude nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .analysis import WORD, words
from .matching import Matcher, SynonymMap, Synonyms, prepare
from .query import parse_query
from .vocabulary import Vocabulary

K1 = 1.2
B = 0.75
#: How much more a title's score weighs than a body's (as in the engine's bm25).
TITLE_WEIGHT = 2.0


def bm25(matcher: Matcher, texts: Sequence[str]) -> list[float]:
    """The BM25 score of each text for the matcher's concepts, the texts as corpus."""
    if not texts or not matcher.concepts:
        return [0.0] * len(texts)
    counts = [matcher.counts(text) for text in texts]
    lengths = [len(WORD.findall(text)) for text in texts]
    average = (sum(lengths) / len(lengths)) or 1.0
    total = len(texts)
    idf = []
    for concept in range(len(matcher.concepts)):
        holding = sum(1 for row in counts if row[concept])
        idf.append(math.log(1.0 + (total - holding + 0.5) / (holding + 0.5)))
    scores = []
    for row, length in zip(counts, lengths):
        norm = K1 * (1.0 - B + B * length / average)
        scores.append(sum(idf[c] * tf * (K1 + 1.0) / (tf + norm) for c, tf in enumerate(row) if tf))
    return scores


def matcher_for(query: str, texts: Sequence[str], synonyms: SynonymMap | None = None) -> Matcher:
    """The matcher of ``query`` with ``texts`` as vocabulary (for their inflections)."""
    vocabulary = Vocabulary()
    for text in texts:
        vocabulary.add(words(text))
    return prepare(parse_query(query), vocabulary, Synonyms(synonyms)).matcher


def score_texts(
    query: str,
    texts: Sequence[str],
    *,
    titles: Sequence[str] | None = None,
    synonyms: SynonymMap | None = None,
) -> list[float]:
    """The relevance of each text to ``query`` (higher is better; see the module doc).

    ``titles``, if given, pairs a title with each text: its score counts
    ``TITLE_WEIGHT`` times, as in the engine.
    """
    if titles is not None and len(titles) != len(texts):
        raise ValueError("titles and texts must be as many")
    matcher = matcher_for(query, [*texts, *(titles or ())], synonyms)
    scores = bm25(matcher, texts)
    if titles is not None:
        title_scores = bm25(matcher, titles)
        scores = [s + TITLE_WEIGHT * t for s, t in zip(scores, title_scores)]
    return scores
