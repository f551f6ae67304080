from datetime import datetime, timezone

import pytest

from moto_kendra.exceptions import ValidationException
from moto_kendra.search.facets import facet_results
from moto_kendra.search.sorting import sort_hits, sorting_configurations

TYPES = {
    "City": "STRING_VALUE",
    "CityRegion": "STRING_VALUE",
    "Dogs": "STRING_LIST_VALUE",
    "Likes": "LONG_VALUE",
    "Created": "DATE_VALUE",
}


def doc(city=None, region=None, dogs=None, likes=None, created=None):
    attributes = {}
    if city:
        attributes["City"] = {"StringValue": city}
    if region:
        attributes["CityRegion"] = {"StringValue": region}
    if dogs:
        attributes["Dogs"] = {"StringListValue": dogs}
    if likes is not None:
        attributes["Likes"] = {"LongValue": likes}
    if created:
        attributes["Created"] = {"DateValue": created}
    return attributes


DOCS = [
    doc("Dubai", "Bur Dubai", ["dachshund", "sausage dog"]),
    doc("Dubai", "Bur Dubai"),
    doc("Dubai", "Deira", ["husky"]),
    doc("Seattle", "North"),
    doc("Seattle", "South"),
    doc("Seattle", "South", ["husky", "husky"]),
    doc("Paris", "City center"),
    doc(),
]


def pairs(result):
    return [
        (next(iter(p["DocumentAttributeValue"].values())), p["Count"])
        for p in result["DocumentAttributeValueCountPairs"]
    ]


def test_counts_over_all_matches_by_count_then_value():
    (result,) = facet_results([{"DocumentAttributeKey": "City"}], DOCS, TYPES)
    assert result["DocumentAttributeKey"] == "City"
    assert result["DocumentAttributeValueType"] == "STRING_VALUE"
    assert pairs(result) == [("Dubai", 3), ("Seattle", 3), ("Paris", 1)]


def test_nested_facets_count_within_each_value():
    (result,) = facet_results(
        [{"DocumentAttributeKey": "City", "Facets": [{"DocumentAttributeKey": "CityRegion"}]}],
        DOCS,
        TYPES,
    )
    nested = {
        p["DocumentAttributeValue"]["StringValue"]: pairs(p["FacetResults"][0])
        for p in result["DocumentAttributeValueCountPairs"]
    }
    assert nested == {
        "Dubai": [("Bur Dubai", 2), ("Deira", 1)],
        "Seattle": [("South", 2), ("North", 1)],
        "Paris": [("City center", 1)],
    }


def test_string_lists_count_each_string_once_per_document():
    (result,) = facet_results([{"DocumentAttributeKey": "Dogs"}], DOCS, TYPES)
    assert result["DocumentAttributeValueType"] == "STRING_LIST_VALUE"
    assert pairs(result) == [("husky", 2), ("dachshund", 1), ("sausage dog", 1)]
    assert result["DocumentAttributeValueCountPairs"][0]["DocumentAttributeValue"] == {
        "StringValue": "husky"
    }


def test_max_results_and_the_cap_of_10():
    many = [doc(city=f"c{i:02}") for i in range(15)]
    (default,) = facet_results([{"DocumentAttributeKey": "City"}], many, TYPES)
    assert len(default["DocumentAttributeValueCountPairs"]) == 10
    (three,) = facet_results([{"DocumentAttributeKey": "City", "MaxResults": 3}], many, TYPES)
    assert pairs(three) == [("c00", 1), ("c01", 1), ("c02", 1)]
    (big,) = facet_results([{"DocumentAttributeKey": "City", "MaxResults": 5000}], many, TYPES)
    assert len(big["DocumentAttributeValueCountPairs"]) == 10
    (none,) = facet_results([{"DocumentAttributeKey": "City", "MaxResults": 0}], many, TYPES)
    assert none["DocumentAttributeValueCountPairs"] == []


def test_numbers_and_dates_as_facets():
    when = datetime(2024, 5, 1, tzinfo=timezone.utc)
    docs = [doc(likes=3, created=when), doc(likes=1, created=when), doc(likes=3)]
    likes, created = facet_results(
        [{"DocumentAttributeKey": "Likes"}, {"DocumentAttributeKey": "Created"}], docs, TYPES
    )
    assert pairs(likes) == [(3, 2), (1, 1)]
    assert pairs(created) == [(when, 2)]


@pytest.mark.parametrize(
    ("facets", "facetable", "message"),
    [
        ([{"DocumentAttributeKey": "Nope"}], None, "not a field of the index"),
        ([{"DocumentAttributeKey": "City"}], {"Dogs"}, "The field City is not facetable"),
        (
            [
                {
                    "DocumentAttributeKey": "City",
                    "Facets": [{"DocumentAttributeKey": "Dogs"}, {"DocumentAttributeKey": "Likes"}],
                }
            ],
            None,
            "can have only one nested facet",
        ),
        ([{"Facets": []}], None, "must have a DocumentAttributeKey"),
    ],
)
def test_facets_kendra_refuses(facets, facetable, message):
    with pytest.raises(ValidationException) as error:
        facet_results(facets, DOCS, TYPES, facetable)
    assert message in error.value.message


HITS = [  # (id, attributes) in relevance order
    ("r1", doc(city="seattle", likes=5)),
    ("r2", doc(likes=7)),
    ("r3", doc(city="Dubai", likes=5)),
    ("r4", doc(city="Paris")),
    ("r5", doc(city="Dubai", likes=1)),
]


def order(configurations, sortable=None):
    hits = sort_hits(HITS, lambda hit: hit[1], configurations, TYPES, sortable)
    return [hit[0] for hit in hits]


def test_sorting_ascending_and_descending_with_relevance_breaking_ties():
    assert order([{"DocumentAttributeKey": "City", "SortOrder": "ASC"}]) == [
        "r3",
        "r5",
        "r4",
        "r1",
        "r2",
    ]
    assert order([{"DocumentAttributeKey": "City", "SortOrder": "DESC"}]) == [
        "r1",
        "r4",
        "r3",
        "r5",
        "r2",
    ]
    assert order([{"DocumentAttributeKey": "Likes", "SortOrder": "DESC"}]) == [
        "r2",
        "r1",
        "r3",
        "r5",
        "r4",
    ]


def test_documents_without_the_field_come_last_in_relevance_order():
    assert order([{"DocumentAttributeKey": "Likes", "SortOrder": "ASC"}])[-1] == "r4"
    assert order([{"DocumentAttributeKey": "Created", "SortOrder": "ASC"}]) == [
        "r1",
        "r2",
        "r3",
        "r4",
        "r5",
    ]


def test_several_sorting_configurations_apply_in_turn():
    configurations = [
        {"DocumentAttributeKey": "Likes", "SortOrder": "ASC"},
        {"DocumentAttributeKey": "City", "SortOrder": "DESC"},
    ]
    assert order(configurations) == ["r5", "r1", "r3", "r2", "r4"]


def test_sorting_configurations_prefers_the_list():
    single = {"DocumentAttributeKey": "City", "SortOrder": "ASC"}
    listed = [{"DocumentAttributeKey": "Likes", "SortOrder": "DESC"}]
    assert sorting_configurations({"SortingConfiguration": single}) == [single]
    assert (
        sorting_configurations({"SortingConfiguration": single, "SortingConfigurations": listed})
        == listed
    )
    assert sorting_configurations({}) == []


@pytest.mark.parametrize(
    ("key", "sortable", "message"),
    [
        ("Dogs", None, "can't be sorted by a string list"),
        ("City", {"Likes"}, "The field City is not sortable"),
        ("Nope", None, "The field Nope is not sortable"),
    ],
)
def test_sorts_kendra_refuses(key, sortable, message):
    with pytest.raises(ValidationException) as error:
        order([{"DocumentAttributeKey": key, "SortOrder": "ASC"}], sortable)
    assert message in error.value.message
