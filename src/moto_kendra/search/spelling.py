"""Spell correction of query words (query-spell-check.md, API_SpellCorrectedQuery.md).

A query word is corrected when it is absent from the index's vocabulary and a close
word is present: the vocabulary word at the smallest edit distance (insertions,
deletions, substitutions, and swaps of adjacent letters count 1; at most 1 for words of
up to 4 letters, 2 for longer ones), then the one in the most documents, then
alphabetically. Following Kendra's documented limits:

- words shorter than 3 or longer than 30 characters, and words with digits, are not
  corrected;
- a correction is a word of the indexed documents (their titles, bodies and searchable
  fields), present in at least 0.01% of them (at least one document);
- words in the vocabulary are never corrected (``amazon macie`` stays);
- hyphenated words are corrected word by word (``yaer-end`` -> ``year-end``).

A correction keeps the typed word's case pattern (``Kendre`` -> ``Kendra``). The mock
also requires the candidate to start with the same letter as the typed word. The
result is at most one SpellCorrectedQuery; its Corrections' offsets are positions in
``SuggestedQueryText``.
"""

from __future__ import annotations

import math
from typing import Any

from .analysis import normalize
from .query import ParsedQuery, parse_query
from .vocabulary import Vocabulary

MIN_LENGTH = 3
MAX_LENGTH = 30
#: "cannot use words that are frequented less than 0.01 percent in your indexed documents"
MIN_DOCUMENT_SHARE = 0.0001


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance of ``a`` and ``b`` (``limit + 1`` once it is
    known to exceed ``limit``)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _correctable(word: str, typed: str) -> bool:
    return (
        MIN_LENGTH <= len(word) <= MAX_LENGTH
        and normalize(typed) == word
        and not any(char.isdigit() for char in word)
    )


def best_correction(word: str, vocabulary: Vocabulary) -> str | None:
    """The vocabulary word that best corrects ``word`` (normalized), or None."""
    if word in vocabulary or vocabulary.documents == 0:
        return None
    limit = 1 if len(word) <= 4 else 2
    least = max(1, math.ceil(MIN_DOCUMENT_SHARE * vocabulary.documents))
    best: tuple[int, int, str] | None = None
    first = word[0]
    for candidate, frequency in vocabulary.document_frequency.items():
        if candidate[0] != first or frequency < least or abs(len(candidate) - len(word)) > limit:
            continue
        if any(char.isdigit() for char in candidate):
            continue
        distance = edit_distance(word, candidate, limit)
        if distance > limit:
            continue
        key = (distance, -frequency, candidate)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


def _in_case_of(typed: str, word: str) -> str:
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def spell_corrections(query: str | ParsedQuery, vocabulary: Vocabulary) -> list[dict[str, Any]]:
    """Query's ``SpellCorrectedQueries`` for ``query`` against ``vocabulary``: empty
    when no word needs (or has) a correction."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    text = parsed.text
    pieces: list[str] = []
    corrections: list[dict[str, Any]] = []
    position = 0
    length = 0
    for begin, end, word in parsed.words:
        typed = text[begin:end]
        if begin < position or not _correctable(word, typed):
            continue
        corrected = best_correction(word, vocabulary)
        if corrected is None:
            continue
        corrected = _in_case_of(typed, corrected)
        pieces.append(text[position:begin])
        length += begin - position
        corrections.append(
            {
                "BeginOffset": length,
                "EndOffset": length + len(corrected),
                "Term": typed,
                "CorrectedTerm": corrected,
            }
        )
        pieces.append(corrected)
        length += len(corrected)
        position = end
    if not corrections:
        return []
    pieces.append(text[position:])
    return [{"SuggestedQueryText": "".join(pieces), "Corrections": corrections}]
