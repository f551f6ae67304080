from moto_kendra.search.engine import SearchIndex
from moto_kendra.search.spelling import best_correction, edit_distance, spell_corrections


def vocabulary(*bodies):
    index = SearchIndex()
    for i, body in enumerate(bodies):
        index.put(str(i), body=body)
    index.flush()
    return index.vocabulary


VOCABULARY = vocabulary(
    "Deploying Amazon Kendra search for year-end financial statements.",
    "Amazon Macie and Kendra. Statements, statements.",
)


def test_the_documented_examples():
    (suggestion,) = spell_corrections("depoying kendre search", VOCABULARY)
    assert suggestion["SuggestedQueryText"] == "deploying kendra search"
    assert suggestion["Corrections"] == [
        {"BeginOffset": 0, "EndOffset": 9, "Term": "depoying", "CorrectedTerm": "deploying"},
        {"BeginOffset": 10, "EndOffset": 16, "Term": "kendre", "CorrectedTerm": "kendra"},
    ]
    (suggestion,) = spell_corrections("year-end financial statments", VOCABULARY)
    assert suggestion["SuggestedQueryText"] == "year-end financial statements"
    (suggestion,) = spell_corrections("yaer-end", VOCABULARY)
    assert suggestion["SuggestedQueryText"] == "year-end"


def test_offsets_point_into_the_suggested_text_and_case_is_kept():
    (suggestion,) = spell_corrections("Amazon Kendre DEPOYING", VOCABULARY)
    text = suggestion["SuggestedQueryText"]
    assert text == "Amazon Kendra DEPLOYING"
    assert [text[c["BeginOffset"] : c["EndOffset"]] for c in suggestion["Corrections"]] == [
        "Kendra",
        "DEPLOYING",
    ]


def test_what_is_not_corrected():
    assert spell_corrections("amazon macie", VOCABULARY) == []  # words the index has
    assert spell_corrections("how 2 not br8k ubun2", VOCABULARY) == []  # digits
    assert spell_corrections("ke", VOCABULARY) == []  # fewer than 3 characters
    assert spell_corrections("k" + "e" * 30, VOCABULARY) == []  # more than 30
    assert spell_corrections("zzzzzz", VOCABULARY) == []  # nothing close
    assert spell_corrections("Kendr*", VOCABULARY) == []  # wildcards
    assert spell_corrections("kendre", vocabulary()) == []  # empty index


def test_the_closest_then_most_frequent_word_wins():
    vocab = vocabulary("cart", "card card", "card", "care")
    assert best_correction("carx", vocab) == "card"


def test_rare_words_are_not_used_as_corrections():
    bodies = ["common words"] * 20000 + ["kendra"]
    vocab = vocabulary(*bodies)
    assert best_correction("kendre", vocab) is None  # 1 in 20,001 documents < 0.01%


def test_edit_distance_counts_swaps_as_one():
    assert edit_distance("yaer", "year", 2) == 1
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("a", "abcd", 2) == 3
