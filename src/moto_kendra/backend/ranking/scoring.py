"""Rescore's lexical scorer: Okapi BM25 over the request's own documents.

``score`` is the one function Rescore scores through, so that it can be pointed at
another lexical scorer without touching the operation. The corpus is the documents of
the request (each one text: title and body together, so both count); terms are the
query's distinct tokens. Tokens are the case-folded runs of letters, digits and
underscores (``\\w+``). With ``k1 = 1.2`` and ``b = 0.75``::

    idf(t)      = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5))
    score(D, Q) = sum over t in Q of idf(t) * f(t, D) * (k1 + 1)
                  / (f(t, D) + k1 * (1 - b + b * |D| / avgdl))

``N`` documents, ``n(t)`` of them holding ``t``, ``f(t, D)`` occurrences of ``t`` in
``D``, ``|D|`` its length in tokens and ``avgdl`` the mean length. A document holding
none of the query's terms scores 0; every score is finite and at least 0.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

K1 = 1.2
B = 0.75
_TOKEN = re.compile(r"\w+")


def tokenize(text: str) -> list[str]:
    """The tokens of ``text`` as the scorer reads them."""
    return _TOKEN.findall(text.casefold())


def score(query_text: str, documents: Sequence[str]) -> list[float]:
    """The BM25 score of each of ``documents`` for ``query_text``, in their order."""
    bags = [Counter(tokenize(text)) for text in documents]
    lengths = [sum(bag.values()) for bag in bags]
    count = len(bags)
    average = (sum(lengths) / count) if count else 0.0
    terms = set(tokenize(query_text))
    idf = {
        term: math.log(1 + (count - held + 0.5) / (held + 0.5))
        for term in terms
        for held in [sum(1 for bag in bags if term in bag)]
    }
    scores = []
    for bag, length in zip(bags, lengths):
        norm = K1 * (1 - B + B * length / average) if average else K1
        total = 0.0
        for term in terms:
            frequency = bag.get(term, 0)
            if frequency:
                total += idf[term] * frequency * (K1 + 1) / (frequency + norm)
        scores.append(total)
    return scores
