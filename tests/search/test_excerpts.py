from hypothesis import given, settings
from hypothesis import strategies as st

from moto_kendra.search import excerpts
from moto_kendra.search.analysis import stem
from moto_kendra.search.analysis import words as words_of
from moto_kendra.search.engine import SearchIndex
from moto_kendra.search.excerpts import EXCERPT_CHARACTERS

FILLER = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 12
BODY = FILLER + "To deploy Amazon Kendra, create an index. " + FILLER


def prepared(query, *bodies, synonyms=None):
    index = SearchIndex(synonyms=synonyms)
    for i, body in enumerate(bodies):
        index.put(str(i), body=body)
    return index.prepare(query)


def excerpt(*args, **kwargs):
    return excerpts.excerpt(*args, **kwargs)


def highlighted(*args, **kwargs):
    return excerpts.highlighted(*args, **kwargs)


def whole_text(*args, **kwargs):
    return excerpts.whole_text(*args, **kwargs)


def covered(text_with_highlights):
    text = text_with_highlights["Text"]
    return [text[h["BeginOffset"] : h["EndOffset"]] for h in text_with_highlights["Highlights"]]


def test_the_excerpt_is_a_window_around_the_best_match_cut_at_words():
    result = excerpt(BODY, prepared("deploying kendra", BODY).matcher)
    text = result["Text"]
    assert text.startswith("...") and text.endswith("...")
    assert len(text) <= EXCERPT_CHARACTERS + 6
    inner = text[3:-3]
    assert inner in BODY
    start = BODY.index(inner)
    assert start == 0 or not BODY[start - 1].isalnum()
    end = start + len(inner)
    assert end == len(BODY) or not BODY[end].isalnum()
    assert covered(result) == ["deploy", "Kendra"]
    assert all(h["TopAnswer"] is False and h["Type"] == "STANDARD" for h in result["Highlights"])


def test_every_highlight_lies_inside_the_text():
    body = "kendra " * 200
    result = excerpt(body, prepared("kendra", body).matcher)
    for h in result["Highlights"]:
        assert 0 <= h["BeginOffset"] < h["EndOffset"] <= len(result["Text"])
    assert set(covered(result)) == {"kendra"}


def test_the_densest_stretch_wins():
    body = "alpha " + "x " * 300 + "alpha beta gamma " + "y " * 300
    result = excerpt(body, prepared("alpha beta gamma", body).matcher)
    assert covered(result) == ["alpha", "beta", "gamma"]


def test_a_short_text_is_whole_and_matches_are_case_and_accent_insensitive():
    body = "Le CAFÉ est ouvert."
    result = excerpt(body, prepared("cafe", body).matcher)
    assert result["Text"] == body
    assert covered(result) == ["CAFÉ"]


def test_phrases_wildcards_and_synonyms_are_highlighted():
    body = "Amazon Kendra pricing and CloudWatch metrics; see the fee list."
    matcher = prepared('"amazon kendra" cloud* cost', body, synonyms={"cost": ["fee"]}).matcher
    result = excerpt(body, matcher)
    assert covered(result) == ["Amazon Kendra", "CloudWatch", "fee"]
    assert [h["Type"] for h in result["Highlights"]] == [
        "STANDARD",
        "STANDARD",
        "THESAURUS_SYNONYM",
    ]


def test_without_a_match_in_the_text_the_excerpt_is_its_start():
    result = excerpt("  " + FILLER, prepared("kendra", "kendra").matcher)
    assert result["Text"].startswith("Lorem ipsum") and result["Text"].endswith("...")
    assert result["Highlights"] == []
    assert excerpt("   ", prepared("kendra", "kendra").matcher) is None


def test_titles_are_highlighted_whole_and_answers_as_one_highlight():
    matcher = prepared("kendra", "kendra").matcher
    title = highlighted("Deploying Amazon Kendra", matcher)
    assert covered(title) == ["Kendra"]
    long_title = highlighted("kendra " * 400, matcher)
    assert len(long_title["Text"]) <= 2048
    answer = whole_text("605 feet", top_answer=True)
    assert answer["Highlights"] == [
        {"BeginOffset": 0, "EndOffset": 8, "TopAnswer": True, "Type": "STANDARD"}
    ]


def test_offsets_count_characters_outside_the_bmp_too():
    body = "😀 emoji then kendra"
    result = excerpt(body, prepared("kendra", body).matcher)
    (h,) = result["Highlights"]
    assert result["Text"][h["BeginOffset"] : h["EndOffset"]] == "kendra"
    assert h["BeginOffset"] == 13


def test_case_folding_that_changes_length_keeps_offsets():
    body = "İstanbul kendra"  # "İ".lower() is two characters
    result = excerpt(body, prepared("kendra", body).matcher)
    assert covered(result) == ["kendra"]


WORDS = ["deploy", "deployed", "Deploying", "kendra", "Kendra's", "café", "cafe", "index", "x"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=120),
    st.sampled_from(["-", " ", ", ", "\n", "_", " — "]),
    st.sampled_from(["deploying", "kendra", "cafe", "ind*", '"deployed kendra"']),
)
def test_highlights_lie_inside_the_text_and_cover_matched_words(words, separator, query):
    body = separator.join(words)
    index = SearchIndex()
    index.put("d", body=body)
    prepared = index.prepare(query)
    result = excerpt(body, prepared.matcher)
    text = result["Text"]
    assert len(text) <= EXCERPT_CHARACTERS + 2 * len("...")
    for h in result["Highlights"]:
        assert 0 <= h["BeginOffset"] < h["EndOffset"] <= len(text)
        covered_words = words_of(text[h["BeginOffset"] : h["EndOffset"]])
        if query == "ind*":
            assert covered_words[0].startswith("ind")
        elif query.startswith('"'):
            assert covered_words == ["deployed", "kendra"]
        else:
            assert {stem(w) for w in covered_words} == {stem(words_of(query)[0])}
    if index.search(query) and not query.startswith('"'):
        assert result["Highlights"]  # a matching text shows its match
