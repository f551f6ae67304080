from datetime import datetime, timezone

from hypothesis import given
from hypothesis import strategies as st

from moto_kendra.search import query as query_module
from moto_kendra.search.query import MAX_QUERY_WORDS
from moto_kendra.search.query_fields import date_period
from moto_kendra.search.query_syntax import And, Not, Or, Phrase, Term

FIELDS = {
    "status": "STRING_VALUE",
    "tags": "STRING_LIST_VALUE",
    "financial_year": "LONG_VALUE",
    "_view_count": "LONG_VALUE",
    "_last_updated_at": "DATE_VALUE",
}


def utc(*parts):
    return datetime(*parts).replace(tzinfo=timezone.utc)


def parse_query(text, fields=None):
    """The parsed query, untyped for the assertions' sake."""
    return query_module.parse_query(text, fields)


def test_bare_words_are_optional_and_stop_words_are_dropped():
    parsed = parse_query("what is the height of the Space Needle?")
    assert parsed.required == ()
    assert [t.word for t in parsed.optional] == ["height", "space", "needle"]
    # Offsets point at the typed words.
    assert [parsed.text[b:e] for b, e, _ in parsed.words] == ["height", "Space", "Needle"]


def test_a_query_of_stop_words_only_keeps_them():
    assert [t.word for t in parse_query("the who").optional] == ["the", "who"]


def test_boolean_operators_and_precedence():
    parsed = parse_query("(amazon AND sports) NOT rainforest")
    (clause,) = parsed.required
    assert isinstance(clause, And)
    inner, negated = clause.children
    assert isinstance(inner, And) and isinstance(negated, Not)
    assert negated.child == Term("rainforest", 24, 34)
    parsed = parse_query("amazon AND sports OR recreation")
    (clause,) = parsed.required
    assert isinstance(clause, Or) and isinstance(clause.children[0], And)


def test_lower_case_operators_are_words():
    parsed = parse_query("cats and dogs")
    assert parsed.required == ()
    assert [t.word for t in parsed.optional] == ["cats", "dogs"]


def test_quoted_phrases_are_required_bare_words_optional():
    parsed = parse_query('"Amazon Kendra" "pricing" cost')
    assert [p.words for p in parsed.required] == [("amazon", "kendra"), ("pricing",)]
    assert all(isinstance(p, Phrase) and p.quoted for p in parsed.required)
    assert [t.word for t in parsed.optional] == ["cost"]


def test_words_joined_by_punctuation_are_a_phrase():
    (phrase,) = parse_query("year-end").optional
    assert isinstance(phrase, Phrase) and phrase.words == ("year", "end") and not phrase.quoted


def test_trailing_and_inner_wildcards():
    (term,) = parse_query("Cloud*").optional
    assert term == Term("cloud", 0, 6, prefix=True)
    (term,) = parse_query("kendra*aws*").optional
    assert term.glob == "kendra*aws*" and not term.prefix


def test_a_wildcard_needs_more_than_two_prefix_characters():
    parsed = parse_query("cl*")
    assert [t.word for t in parsed.optional] == ["cl"]
    assert not parsed.optional[0].prefix
    assert "wildcard" in parsed.warning


def test_invalid_boolean_falls_back_to_words_with_a_warning():
    parsed = parse_query("OR Hello")
    assert parsed.warning.startswith("Invalid Boolean.")
    assert [t.word for t in parsed.optional] == ["hello"]
    for text in ("hello AND", "(hello", "hello)", 'say "hello', "NOT hello", "()"):
        assert parse_query(text).warning is not None, text


def test_field_searches_become_attribute_filters():
    parsed = parse_query('status:"Incomplete" AND financial_year:2021', FIELDS)
    assert parsed.match_all and parsed.required == () and parsed.optional == ()
    assert parsed.attribute_filter == {
        "AndAllFilters": [
            {"EqualsTo": {"Key": "status", "Value": {"StringValue": "Incomplete"}}},
            {"EqualsTo": {"Key": "financial_year", "Value": {"LongValue": 2021}}},
        ]
    }


def test_a_field_search_anded_with_text_filters_it():
    parsed = parse_query('(sports OR recreation) AND tags:"United States"', FIELDS)
    (clause,) = parsed.required
    assert isinstance(clause, Or)
    assert parsed.attribute_filter == {
        "ContainsAny": {"Key": "tags", "Value": {"StringListValue": ["United States"]}}
    }
    assert not parsed.match_all


def test_date_ranges_name_periods():
    parsed = parse_query("_last_updated_at:>2019-12-31 AND _last_updated_at:<2021-01-01", FIELDS)
    after, before = parsed.attribute_filter["AndAllFilters"]
    assert after == {
        "GreaterThanOrEquals": {"Key": "_last_updated_at", "Value": {"DateValue": utc(2020, 1, 1)}}
    }
    assert before == {
        "LessThan": {"Key": "_last_updated_at", "Value": {"DateValue": utc(2021, 1, 1)}}
    }
    inclusive = parse_query("_last_updated_at:[2020-01-01 TO 2020-12-31]", FIELDS)
    assert inclusive.attribute_filter == {
        "AndAllFilters": [
            {
                "GreaterThanOrEquals": {
                    "Key": "_last_updated_at",
                    "Value": {"DateValue": utc(2020, 1, 1)},
                }
            },
            {"LessThan": {"Key": "_last_updated_at", "Value": {"DateValue": utc(2021, 1, 1)}}},
        ]
    }
    exclusive = parse_query("_last_updated_at:{2019-12-31 TO 2021-01-01}", FIELDS)
    assert exclusive.attribute_filter == inclusive.attribute_filter


def test_date_periods():
    assert date_period("2020") == (utc(2020, 1, 1), utc(2021, 1, 1))
    assert date_period("2020-02") == (utc(2020, 2, 1), utc(2020, 3, 1))
    assert date_period("2020-12") == (utc(2020, 12, 1), utc(2021, 1, 1))
    assert date_period("2020-02-29T13") == (utc(2020, 2, 29, 13), utc(2020, 2, 29, 14))
    assert date_period("1577836800") == (utc(2020, 1, 1), utc(2020, 1, 1, 0, 0, 1))


def test_long_comparisons_and_ranges():
    parsed = parse_query("_view_count:>=10", FIELDS)
    assert parsed.attribute_filter == {
        "GreaterThanOrEquals": {"Key": "_view_count", "Value": {"LongValue": 10}}
    }
    parsed = parse_query("_view_count:{1 TO 5}", FIELDS)
    assert parsed.attribute_filter == {
        "AndAllFilters": [
            {"GreaterThan": {"Key": "_view_count", "Value": {"LongValue": 1}}},
            {"LessThan": {"Key": "_view_count", "Value": {"LongValue": 5}}},
        ]
    }


def test_invalid_field_searches_warn_as_the_docs_list():
    cases = {
        "_last_updated_at:<2021-12-32": "Invalid date.",
        "_view_count:ten": "Invalid numeric value.",
        'nonExistentField:"123"': "Invalid field search.",
        "status:[A TO D]": "Invalid range.",
    }
    for text, warning in cases.items():
        parsed = parse_query(text, FIELDS)
        assert parsed.warning.startswith(warning), text
        assert parsed.attribute_filter is None


def test_colons_in_ordinary_words_are_text():
    parsed = parse_query("When is re:Invent? see http://example.com at 10:30", FIELDS)
    assert parsed.warning is None
    assert parsed.attribute_filter is None
    assert ("re", "invent") in [getattr(o, "words", None) for o in parsed.optional]


def test_text_or_a_field_search_is_unsupported_and_says_so():
    parsed = parse_query('sports OR status:"x"', FIELDS)
    assert parsed.warning.startswith("Unsupported field search.")
    assert parsed.attribute_filter is None
    assert [t.word for t in parsed.required] == ["sports"]


def test_not_next_to_a_field_search_excludes():
    parsed = parse_query('status:"open" NOT draft', FIELDS)
    assert parsed.match_all
    assert [t.word for t in parsed.excluded] == ["draft"]


def test_queries_are_truncated_at_30_searchable_words():
    text = " ".join(f"word{i}" for i in range(40)) + " the a of"
    parsed = parse_query(text)
    assert len(parsed.optional) == MAX_QUERY_WORDS
    nested = "(" + " OR ".join(f"w{i}" for i in range(35)) + ")"
    parsed = parse_query(nested)
    assert parsed.warning is None
    assert len(parsed.required[0].children) == MAX_QUERY_WORDS


def test_blank_text_selects_everything_and_symbols_nothing():
    assert parse_query(None).match_all
    assert parse_query("   ").match_all
    assert parse_query("?!*").is_empty


@given(st.text(max_size=200))
def test_any_text_parses_without_raising(text):
    parsed = parse_query(text, FIELDS)
    for begin, end, word in parsed.words:
        assert 0 <= begin < end <= len(text)
        assert word
