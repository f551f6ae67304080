"""The lexical scorer Rescore scores through (``scoring.score``): BM25's properties."""

from __future__ import annotations

import math

from moto_kendra.backend.ranking.scoring import score, tokenize


def test_tokens_are_case_folded_words():
    assert tokenize("Kendra's RANKING, re-ranked!") == ["kendra", "s", "ranking", "re", "ranked"]


def test_a_document_without_the_query_terms_scores_zero():
    assert score("kendra", ["nothing here", "kendra ranking"])[0] == 0


def test_matching_is_case_insensitive():
    upper, lower = score("KENDRA", ["Kendra docs", "kendra docs"])

    assert upper == lower > 0


def test_more_occurrences_score_higher_and_saturate():
    once, twice, many = score("cache", ["cache a b c", "cache cache b c", "cache " * 40])

    assert 0 < once < twice < many
    # BM25 saturates: forty occurrences are worth less than twenty times one.
    assert many < 20 * once


def test_a_rarer_term_weighs_more():
    scores = score("rare common", ["rare x", "common x", "common y", "common z"])

    assert scores[0] > scores[1] == scores[2] == scores[3] > 0


def test_longer_documents_score_lower_for_the_same_matches():
    short, long = score("needle", ["needle hay", "needle " + "hay " * 30])

    assert short > long > 0


def test_scores_are_finite_and_in_the_models_range():
    documents = ["term " * 2000, "term", "other"]

    scores = score("term " * 200, documents)

    assert all(math.isfinite(value) and 0 <= value <= 100000 for value in scores)


def test_no_documents_no_scores():
    assert score("anything", []) == []
