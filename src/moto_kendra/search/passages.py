"""Passages for Retrieve: documents cut into pieces of at most 200 words, scored
against the query.

Retrieve's reference (botocore's model) says passages are "up to 200 token words".
A passage is a run of whole words of the text, at most ``PASSAGE_WORDS`` of them; it
ends at a sentence end (``.``, ``!``, ``?`` or a line break) when one falls in its last
third, so passages read as sentences where the text allows. Passages don't overlap.

Passages are scored with ``scoring.bm25`` (the engine's analysis; the passages of the
documents searched as corpus), best first. A document that matched the query only by
its title or fields has no passage holding its words: its first passage stands for it,
after the passages that hold query words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .analysis import WORD
from .matching import Matcher
from .scoring import bm25

#: Retrieve's passage size: "up to 200 token words" (Retrieve, botocore's model).
PASSAGE_WORDS = 200
_SENTENCE_ENDS = ".!?\n"


class Passage(NamedTuple):
    """``text[begin:end]`` of a document: one passage."""

    begin: int
    end: int
    text: str


class PassageHit(NamedTuple):
    """Passage ``number`` (0 for the first) of a document, its score and the share of
    the query's words it holds."""

    document_id: str
    number: int
    text: str
    score: float
    coverage: float


def cut_passages(text: str, max_words: int = PASSAGE_WORDS) -> list[Passage]:
    """``text`` cut into passages of at most ``max_words`` words (see the module doc)."""
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    passages: list[Passage] = []
    i = 0
    while i < len(spans):
        last = min(i + max_words, len(spans)) - 1
        cut = last
        if last + 1 < len(spans):
            floor = i + (2 * max_words) // 3
            for j in range(last, floor - 1, -1):
                gap = text[spans[j][1] : spans[j + 1][0]]
                if any(mark in gap for mark in _SENTENCE_ENDS):
                    cut = j
                    break
        begin = spans[i][0]
        end = spans[cut][1]
        following = spans[cut + 1][0] if cut + 1 < len(spans) else len(text)
        while end < following and not text[end].isspace():
            end += 1  # keep the sentence's closing punctuation
        passages.append(Passage(begin, end, text[begin:end]))
        i = cut + 1
    return passages


def rank_passages(
    matcher: Matcher,
    documents: Sequence[tuple[str, str]],
    *,
    weights: Sequence[float] | None = None,
    max_words: int = PASSAGE_WORDS,
    limit: int | None = None,
) -> list[PassageHit]:
    """The passages of ``documents`` (``(document id, text)``, best document first),
    best first: by score (times the document's weight, if given), then document order,
    then position in the document. At most ``limit`` passages."""
    cut: list[tuple[int, int, Passage]] = []
    for position, (_, text) in enumerate(documents):
        for index, passage in enumerate(cut_passages(text, max_words)):
            cut.append((position, index, passage))
    scores = bm25(matcher, [passage.text for _, _, passage in cut])
    concepts = len(matcher.concepts) or 1
    scored: list[tuple[float, int, int, PassageHit]] = []
    represented: set[int] = set()
    for (position, index, passage), score in zip(cut, scores):
        if score <= 0.0:
            continue
        weight = weights[position] if weights is not None else 1.0
        held = sum(1 for count in matcher.counts(passage.text) if count)
        document_id = documents[position][0]
        hit = PassageHit(document_id, index, passage.text, score * weight, held / concepts)
        scored.append((-hit.score, position, index, hit))
        represented.add(position)
    scored.sort(key=lambda item: item[:3])
    ranked = [hit for *_, hit in scored]
    for position, index, passage in cut:
        if index == 0 and position not in represented:
            ranked.append(PassageHit(documents[position][0], 0, passage.text, 0.0, 0.0))
    return ranked if limit is None else ranked[:limit]
