from datetime import datetime, timedelta, timezone

import pytest

from moto_kendra.exceptions import ValidationException
from moto_kendra.search.filters import compile_filter, matches

TYPES = {
    "City": "STRING_VALUE",
    "Locations": "STRING_LIST_VALUE",
    "Likes": "LONG_VALUE",
    "Created": "DATE_VALUE",
}
JAN = datetime(2024, 1, 15, tzinfo=timezone.utc)
DOC: dict = {
    "City": {"StringValue": "Seattle"},
    "Locations": {"StringListValue": ["Seattle", "Portland", "Seattle"]},
    "Likes": {"LongValue": 10},
    "Created": {"DateValue": JAN},
}
BARE: dict = {}


def check(operator, key, value, doc=DOC):
    return matches({operator: {"Key": key, "Value": value}}, doc, TYPES)


def test_equals_to_on_every_type():
    assert check("EqualsTo", "City", {"StringValue": "Seattle"})
    assert not check("EqualsTo", "City", {"StringValue": "seattle"})
    assert check("EqualsTo", "Locations", {"StringListValue": ["Portland", "Seattle"]})
    assert not check("EqualsTo", "Locations", {"StringListValue": ["Portland"]})
    assert check("EqualsTo", "Likes", {"LongValue": 10})
    assert check("EqualsTo", "Created", {"DateValue": JAN})
    # A naive datetime is UTC.
    assert check("EqualsTo", "Created", {"DateValue": JAN.replace(tzinfo=None)})
    assert not check("EqualsTo", "City", {"StringValue": "Seattle"}, BARE)


def test_contains_all_and_any_on_string_lists():
    assert check("ContainsAll", "Locations", {"StringListValue": ["Seattle", "Portland"]})
    assert not check("ContainsAll", "Locations", {"StringListValue": ["Seattle", "Dubai"]})
    assert check("ContainsAny", "Locations", {"StringListValue": ["Dubai", "Portland"]})
    assert not check("ContainsAny", "Locations", {"StringListValue": ["Dubai"]})
    assert not check("ContainsAny", "Locations", {"StringListValue": ["Dubai"]}, BARE)


@pytest.mark.parametrize(
    ("operator", "below", "equal", "above"),
    [
        ("GreaterThan", True, False, False),
        ("GreaterThanOrEquals", True, True, False),
        ("LessThan", False, False, True),
        ("LessThanOrEquals", False, True, True),
    ],
)
def test_comparisons_on_longs_and_dates(operator, below, equal, above):
    assert check(operator, "Likes", {"LongValue": 9}) is below
    assert check(operator, "Likes", {"LongValue": 10}) is equal
    assert check(operator, "Likes", {"LongValue": 11}) is above
    day = timedelta(days=1)
    assert check(operator, "Created", {"DateValue": JAN - day}) is below
    assert check(operator, "Created", {"DateValue": JAN}) is equal
    assert check(operator, "Created", {"DateValue": JAN + day}) is above
    # Instants compare across time zones.
    plus_one = timezone(timedelta(hours=1))
    assert check(operator, "Created", {"DateValue": JAN.astimezone(plus_one)}) is equal
    assert check(operator, "Likes", {"LongValue": 0}, BARE) is False


def test_and_or_not_nest():
    seattle = {"EqualsTo": {"Key": "City", "Value": {"StringValue": "Seattle"}}}
    popular = {"GreaterThan": {"Key": "Likes", "Value": {"LongValue": 100}}}
    assert matches({"AndAllFilters": [seattle, {"NotFilter": popular}]}, DOC, TYPES)
    assert not matches({"AndAllFilters": [seattle, popular]}, DOC, TYPES)
    assert matches({"OrAllFilters": [popular, seattle]}, DOC, TYPES)
    assert matches({"NotFilter": seattle}, BARE, TYPES)
    assert matches({"AndAllFilters": [{"OrAllFilters": [popular, seattle]}]}, DOC, TYPES)


@pytest.mark.parametrize(
    ("attribute_filter", "message"),
    [
        (
            {"GreaterThan": {"Key": "Locations", "Value": {"StringListValue": ["a"]}}},
            "The GreaterThan filter can't be used with a StringListValue",
        ),
        (
            {"GreaterThan": {"Key": "City", "Value": {"StringValue": "a"}}},
            "can't be used with a StringValue",
        ),
        (
            {"ContainsAll": {"Key": "City", "Value": {"StringValue": "a"}}},
            "The ContainsAll filter can't be used with a StringValue: it applies only to a StringListValue",
        ),
        (
            {"ContainsAny": {"Key": "Likes", "Value": {"LongValue": 1}}},
            "can't be used with a LongValue",
        ),
        (
            {"EqualsTo": {"Key": "City", "Value": {"LongValue": 1}}},
            "has a LongValue, but the index declares City as STRING_VALUE",
        ),
        (
            {"EqualsTo": {"Key": "City", "Value": {"StringValue": "a", "LongValue": 1}}},
            "must have exactly one of StringValue, StringListValue, LongValue, DateValue",
        ),
        (
            {
                "EqualsTo": {"Key": "City", "Value": {"StringValue": "a"}},
                "NotFilter": {"EqualsTo": {"Key": "City", "Value": {"StringValue": "a"}}},
            },
            "An AttributeFilter must have exactly one of",
        ),
        ({}, "An AttributeFilter must have exactly one of"),
        (
            {"AndAllFilters": [{"EqualsTo": {"Key": "City", "Value": {"StringValue": "a"}}}] * 11},
            "AttributeFilter cannot have a length of more than 10",
        ),
        (
            {
                "AndAllFilters": [
                    {
                        "OrAllFilters": [
                            {
                                "NotFilter": {
                                    "EqualsTo": {"Key": "City", "Value": {"StringValue": "a"}}
                                }
                            }
                        ]
                    }
                ]
            },
            "AttributeFilter cannot have a depth of more than 2.",
        ),
    ],
)
def test_misuse_is_a_validation_exception(attribute_filter, message):
    with pytest.raises(ValidationException) as error:
        compile_filter(attribute_filter, TYPES)
    assert message in error.value.message


def test_two_levels_under_the_first_filter_are_allowed():
    equals = {"EqualsTo": {"Key": "City", "Value": {"StringValue": "Seattle"}}}
    assert matches({"AndAllFilters": [{"OrAllFilters": [equals]}]}, DOC, TYPES)
    deep = {"AndAllFilters": [{"OrAllFilters": [{"NotFilter": {"NotFilter": equals}}]}]}
    assert compile_filter(deep, TYPES, limits=False)(DOC)


def test_undeclared_fields_compare_by_the_filters_value_type():
    doc = {"_category": {"StringValue": "faq"}}
    assert matches({"EqualsTo": {"Key": "_category", "Value": {"StringValue": "faq"}}}, doc)
    assert not matches({"EqualsTo": {"Key": "_category", "Value": {"LongValue": 1}}}, doc)


def test_a_compiled_filter_is_cheap_over_many_documents():
    predicate = compile_filter(
        {
            "AndAllFilters": [
                {"ContainsAny": {"Key": "Locations", "Value": {"StringListValue": ["Portland"]}}},
                {"GreaterThanOrEquals": {"Key": "Likes", "Value": {"LongValue": 5}}},
            ]
        },
        TYPES,
    )
    documents = [{**DOC, "Likes": {"LongValue": i}} for i in range(20000)]
    assert sum(1 for d in documents if predicate(d)) == 20000 - 5
