import pytest

from moto_kendra.search.engine import SearchIndex
from moto_kendra.search.passages import PASSAGE_WORDS, cut_passages, rank_passages
from moto_kendra.search.scoring import bm25, score_texts


def test_passages_hold_at_most_200_words_and_cover_the_text():
    text = " ".join(f"w{i}" + ("." if i % 37 == 0 else "") for i in range(1000))
    passages = cut_passages(text)
    assert PASSAGE_WORDS == 200
    assert all(len(p.text.split()) <= 200 for p in passages)
    assert " ".join(p.text for p in passages) == text
    assert all(text[p.begin : p.end] == p.text for p in passages)
    # Cut at sentence ends where one falls in the last third.
    assert all(p.text.endswith(".") for p in passages[:-1])


def test_a_text_without_sentence_ends_is_cut_by_count():
    text = " ".join(["word"] * 450)
    assert [len(p.text.split()) for p in cut_passages(text)] == [200, 200, 50]
    assert cut_passages("") == []


def test_passages_are_ranked_best_first_with_documents_matching_elsewhere_last():
    documents = [
        ("d1", "Nothing relevant here. " * 60 + "Kendra indexes documents for search."),
        ("d2", "Kendra search, Kendra index, Kendra everywhere."),
        ("d3", "Only the title matched this one."),
    ]
    index = SearchIndex()
    for doc_id, text in documents:
        index.put(doc_id, body=text)
    matcher = index.prepare("kendra search").matcher
    ranked = rank_passages(matcher, documents, max_words=50)
    assert [(p.document_id, p.number) for p in ranked[:2]] == [("d2", 0), ("d1", 3)]
    assert ranked[-1].document_id == "d3" and ranked[-1].score == 0.0
    assert ranked[0].coverage == 1.0
    assert len(rank_passages(matcher, documents, max_words=50, limit=1)) == 1
    weighted = rank_passages(matcher, documents, max_words=50, weights=[100.0, 1.0, 1.0])
    assert weighted[0].document_id == "d1"


def test_score_texts_uses_the_engines_analysis():
    scores = score_texts("deploying kendra", ["Deployed Kendra.", "kendra", "nothing", "Déploy"])
    assert scores[0] > scores[1] > 0.0
    assert scores[2] == 0.0
    assert scores[3] > 0.0  # "Déploy" folds to "deploy", an inflection of "deploying"


def test_score_texts_with_titles_and_synonyms():
    plain = score_texts("cost", ["the price", "the cost"])
    assert plain[0] == 0.0 < plain[1]
    synonyms = score_texts("cost", ["the price", "other"], synonyms={"cost": ["price"]})
    assert synonyms[0] > 0.0
    titled = score_texts("kendra", ["kendra", "kendra"], titles=["Kendra guide", "Other"])
    assert titled[0] > titled[1]
    with pytest.raises(ValueError):
        score_texts("x", ["a"], titles=[])


def test_bm25_of_no_concepts_is_zero():
    matcher = SearchIndex().prepare("?").matcher
    assert bm25(matcher, ["a", "b"]) == [0.0, 0.0]
