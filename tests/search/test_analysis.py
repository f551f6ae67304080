from moto_kendra.search.analysis import is_stop_word, normalize, stem, unaccent, word_spans, words


def test_words_are_runs_of_letters_and_digits_folded_to_lower_case_without_accents():
    assert words("Café-au-lait, ubun2_LTS! Ünïcödé") == [
        "cafe",
        "au",
        "lait",
        "ubun2",
        "lts",
        "unicode",
    ]


def test_unaccent_keeps_every_offset():
    text = "naïve café façade"
    folded = unaccent(text)
    assert len(folded) == len(text)
    assert folded == "naive cafe facade"
    assert unaccent("한국어") == "한국어"  # Hangul syllables are letters, not accents


def test_word_spans_point_into_the_original_text():
    text = "Über die Brücke"
    assert [(text[b:e], w) for b, e, w in word_spans(text)] == [
        ("Über", "uber"),
        ("die", "die"),
        ("Brücke", "brucke"),
    ]


def test_stems_join_inflections_but_not_derivations():
    assert {stem(w) for w in ("deploy", "deploys", "deployed", "deploying")} == {"deploi"}
    assert stem("policies") == stem("policy")
    assert stem("running") == stem("runs") == "run"
    assert stem("hoping") == stem("hopes") == "hope"
    assert stem("deployment") != stem("deploy")
    assert stem("sing") == "sing"
    assert stem("caresses") == "caress"


def test_short_non_ascii_and_digit_words_are_their_own_stem():
    assert stem("is") == "is"
    assert stem("ubun2s") == "ubun2s"
    assert stem("größes") == "größes"


def test_normalize_and_stop_words():
    assert normalize("ÉTÉ") == "ete"
    assert is_stop_word("the") and not is_stop_word("needle")
