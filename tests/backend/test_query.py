"""Query through boto3: results, paging, filters, facets, sorting, tuning, spelling,
warnings (API_Query.md, query-responses-types.md, filtering.md, tuning.md)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of
from tests.search_calls import attribute, declare, field, ids, index_now, text_doc


@pytest.fixture
def guide(kendra_client, index_id):
    index_now(
        kendra_client,
        index_id,
        text_doc(
            "guide",
            "To deploy Amazon Kendra, create an index and add a data source.",
            title="Deploying Amazon Kendra",
            Attributes=[attribute("_source_uri", StringValue="https://example.com/guide")],
        ),
        text_doc("pricing", "The price of an index depends on its edition.", title="Pricing"),
    )
    return index_id


def test_a_document_result_has_every_member(kendra_client, guide):
    response = kendra_client.query(IndexId=guide, QueryText="deploying kendra")

    (item,) = response["ResultItems"]
    assert response["TotalNumberOfResults"] == 1
    assert response["FacetResults"] == []
    assert item["Type"] == "DOCUMENT"
    assert item["DocumentId"] == "guide"
    assert item["Id"].startswith(response["QueryId"] + "-")
    assert item["FeedbackToken"].endswith("." + item["Id"])
    assert item["DocumentURI"] == "https://example.com/guide"
    assert item["DocumentAttributes"] == [
        {"Key": "_source_uri", "Value": {"StringValue": "https://example.com/guide"}}
    ]
    assert item["ScoreAttributes"] == {"ScoreConfidence": "VERY_HIGH"}
    title = item["DocumentTitle"]
    assert [title["Text"][h["BeginOffset"] : h["EndOffset"]] for h in title["Highlights"]] == [
        "Deploying",
        "Kendra",
    ]
    text = item["DocumentExcerpt"]["Text"]
    assert [
        text[h["BeginOffset"] : h["EndOffset"]] for h in item["DocumentExcerpt"]["Highlights"]
    ] == [
        "deploy",
        "Kendra",
    ]


def test_documents_being_indexed_or_deleted_are_not_found(kendra_client, index_id):
    kendra_client.batch_put_document(IndexId=index_id, Documents=[text_doc("a", "kendra")])
    assert kendra_client.query(IndexId=index_id, QueryText="kendra")["TotalNumberOfResults"] == 0

    kendra_client.describe_index(Id=index_id)
    kendra_client.describe_index(Id=index_id)
    assert ids(kendra_client.query(IndexId=index_id, QueryText="kendra")) == ["a"]

    kendra_client.batch_delete_document(IndexId=index_id, DocumentIdList=["a"])
    assert kendra_client.query(IndexId=index_id, QueryText="kendra")["ResultItems"] == []


def test_a_replacement_being_indexed_leaves_the_previous_version_searchable(
    kendra_client, index_id
):
    index_now(kendra_client, index_id, text_doc("a", "first edition"))
    kendra_client.batch_put_document(IndexId=index_id, Documents=[text_doc("a", "second draft")])

    assert ids(kendra_client.query(IndexId=index_id, QueryText="edition")) == ["a"]
    assert ids(kendra_client.query(IndexId=index_id, QueryText="draft")) == []

    kendra_client.describe_index(Id=index_id)
    kendra_client.describe_index(Id=index_id)
    assert ids(kendra_client.query(IndexId=index_id, QueryText="edition")) == []
    assert ids(kendra_client.query(IndexId=index_id, QueryText="draft")) == ["a"]


def test_a_query_reads_what_is_due_without_moving_anything_on(kendra_client, index_id):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    kendra_client.batch_put_document(IndexId=index_id, Documents=[text_doc("a", "kendra")])

    assert ids(kendra_client.query(IndexId=index_id, QueryText="kendra")) == ["a"]


def test_paging_reaches_the_first_100_results_and_counts_them_all(kendra_client, index_id):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    index_now(
        kendra_client, index_id, *(text_doc(f"doc-{i:03d}", "common word") for i in range(120))
    )

    first = kendra_client.query(IndexId=index_id, QueryText="common")
    big = kendra_client.query(IndexId=index_id, QueryText="common", PageSize=500)
    last = kendra_client.query(IndexId=index_id, QueryText="common", PageSize=30, PageNumber=4)
    beyond = kendra_client.query(IndexId=index_id, QueryText="common", PageNumber=11)

    assert first["TotalNumberOfResults"] == 120
    assert len(first["ResultItems"]) == 10
    assert len(big["ResultItems"]) == 100
    assert ids(last) == ids(big)[90:100]
    assert beyond["ResultItems"] == [] and beyond["TotalNumberOfResults"] == 120


@pytest.mark.parametrize("member", ["PageNumber", "PageSize"])
def test_pages_start_at_one(kendra_client, guide, member):
    with pytest.raises(ClientError) as caught:
        kendra_client.query(IndexId=guide, QueryText="kendra", **{member: 0})
    code, status, message = error_of(caught)
    assert (code, status) == ("ValidationException", 400)
    assert member in message


def test_query_text_over_1000_characters_is_refused(kendra_client, guide):
    with pytest.raises(ClientError) as caught:
        kendra_client.query(IndexId=guide, QueryText="word " * 201)
    assert error_of(caught)[:2] == ("ValidationException", 400)


def test_an_unknown_index_is_not_found(kendra_client):
    with pytest.raises(ClientError) as caught:
        kendra_client.query(IndexId=UNKNOWN_ID, QueryText="kendra")
    assert error_of(caught)[0] == "ResourceNotFoundException"


def test_an_index_still_being_created_cant_be_searched(kendra_client):
    state_manager.set_transition("kendra::index", {"progression": "manual", "times": 5})
    index_id = kendra_client.create_index(Name="new", RoleArn=ROLE_ARN)["Id"]
    with pytest.raises(ClientError) as caught:
        kendra_client.query(IndexId=index_id, QueryText="kendra")
    assert error_of(caught)[0] == "ConflictException"


def test_query_without_text_browses_what_the_filter_keeps(kendra_client, guide):
    everything = kendra_client.query(IndexId=guide)
    assert sorted(ids(everything)) == ["guide", "pricing"]
    assert {i["ScoreAttributes"]["ScoreConfidence"] for i in everything["ResultItems"]} == {
        "NOT_AVAILABLE"
    }


def test_result_type_filter(kendra_client, guide):
    documents = kendra_client.query(
        IndexId=guide, QueryText="kendra", QueryResultTypeFilter="DOCUMENT"
    )
    answers = kendra_client.query(IndexId=guide, QueryText="kendra", QueryResultTypeFilter="ANSWER")
    faqs = kendra_client.query(
        IndexId=guide, QueryText="kendra", QueryResultTypeFilter="QUESTION_ANSWER"
    )

    assert ids(documents) == ["guide"]
    assert answers["ResultItems"] == [] and answers["TotalNumberOfResults"] == 0
    assert faqs["ResultItems"] == []


def test_invalid_syntax_is_a_warning_and_the_words_are_searched(kendra_client, guide):
    response = kendra_client.query(IndexId=guide, QueryText="OR kendra")

    assert response["Warnings"] == [
        {
            "Code": "QUERY_LANGUAGE_INVALID_SYNTAX",
            "Message": "Invalid Boolean. Operators must be used with terms and placed between terms.",
        }
    ]
    assert ids(response) == ["guide"]


@pytest.mark.parametrize(
    "text",
    [
        "(" * 990 + "kendra",
        "(" * 490 + "kendra" + ")" * 490,
        "an AND " * 120 + "kendra",  # stop words: no 30-word cut
        "kendra" + " NOT the" * 120,
    ],
)
@pytest.mark.parametrize("operation", ["query", "retrieve"])
def test_deep_or_long_boolean_queries_are_answered(kendra_client, guide, operation, text):
    response = getattr(kendra_client, operation)(IndexId=guide, QueryText=text)

    assert [item["DocumentId"] for item in response["ResultItems"]][:1] == ["guide"]


def test_parentheses_nested_too_deeply_are_invalid_syntax(kendra_client, guide):
    response = kendra_client.query(IndexId=guide, QueryText="(" * 11 + "kendra" + ")" * 11)

    assert response["Warnings"] == [
        {
            "Code": "QUERY_LANGUAGE_INVALID_SYNTAX",
            "Message": "Invalid parentheses. Parentheses are nested more than 10 deep.",
        }
    ]
    assert ids(response) == ["guide"]
    # As deep as allowed, each level as heavy as the syntax makes it: answered.
    text = "kendra"
    for _ in range(10):
        text = f"(the OR an AND {text} NOT of)"
    allowed = kendra_client.query(IndexId=guide, QueryText=text)
    assert "Warnings" not in allowed
    assert "guide" in ids(allowed)


def test_spell_corrections_when_asked(kendra_client, guide):
    asked = kendra_client.query(
        IndexId=guide,
        QueryText="depoying kendre",
        SpellCorrectionConfiguration={"IncludeQuerySpellCheckSuggestions": True},
    )
    not_asked = kendra_client.query(IndexId=guide, QueryText="depoying kendre")

    (suggestion,) = asked["SpellCorrectedQueries"]
    assert suggestion["SuggestedQueryText"] == "deploying kendra"
    assert [c["CorrectedTerm"] for c in suggestion["Corrections"]] == ["deploying", "kendra"]
    assert "SpellCorrectedQueries" not in not_asked


# -- attributes, filters, facets, sorting, tuning ------------------------------------


@pytest.fixture
def cities(kendra_client, index_id):
    declare(
        kendra_client,
        index_id,
        field("city", "STRING_VALUE", Facetable=True, Sortable=True),
        field("region", "STRING_VALUE", Facetable=True),
        field("tags", "STRING_LIST_VALUE", Facetable=True),
        field("visitors", "LONG_VALUE", Sortable=True),
        field("founded", "DATE_VALUE", Sortable=True),
        field("secret", "STRING_VALUE", Displayable=False),
    )

    def doc(doc_id, city, region, tags, visitors, year):
        return text_doc(
            doc_id,
            f"A guide to the city of {city}.",
            Attributes=[
                attribute("city", StringValue=city),
                attribute("region", StringValue=region),
                attribute("tags", StringListValue=tags),
                attribute("visitors", LongValue=visitors),
                attribute("founded", DateValue=datetime(year, 1, 1, tzinfo=timezone.utc)),
                attribute("secret", StringValue="hidden"),
            ],
        )

    index_now(
        kendra_client,
        index_id,
        doc("sea-n", "Seattle", "North", ["rain", "coffee"], 300, 1851),
        doc("sea-s", "Seattle", "South", ["coffee"], 100, 1869),
        doc("dub", "Dubai", "Deira", ["sun"], 500, 1833),
        doc("par", "Paris", "Centre", ["art", "coffee"], 900, 1200),
    )
    return index_id


def query_ids(kendra_client, index_id, **params):
    return ids(kendra_client.query(IndexId=index_id, QueryText="city guide", **params))


@pytest.mark.parametrize(
    ("attribute_filter", "expected"),
    [
        ({"EqualsTo": attribute("city", StringValue="Seattle")}, {"sea-n", "sea-s"}),
        ({"EqualsTo": attribute("tags", StringListValue=["coffee", "rain"])}, {"sea-n"}),
        ({"ContainsAll": attribute("tags", StringListValue=["art", "coffee"])}, {"par"}),
        ({"ContainsAny": attribute("tags", StringListValue=["sun", "art"])}, {"dub", "par"}),
        ({"GreaterThan": attribute("visitors", LongValue=300)}, {"dub", "par"}),
        ({"GreaterThanOrEquals": attribute("visitors", LongValue=300)}, {"sea-n", "dub", "par"}),
        ({"LessThan": attribute("visitors", LongValue=300)}, {"sea-s"}),
        ({"LessThanOrEquals": attribute("visitors", LongValue=300)}, {"sea-n", "sea-s"}),
        (
            {"LessThan": attribute("founded", DateValue=datetime(1850, 1, 1, tzinfo=timezone.utc))},
            {"dub", "par"},
        ),
        ({"NotFilter": {"EqualsTo": attribute("city", StringValue="Seattle")}}, {"dub", "par"}),
        (
            {
                "AndAllFilters": [
                    {"EqualsTo": attribute("city", StringValue="Seattle")},
                    {"OrAllFilters": [{"LessThan": attribute("visitors", LongValue=200)}]},
                ]
            },
            {"sea-s"},
        ),
    ],
)
def test_every_filter_operator(kendra_client, cities, attribute_filter, expected):
    found = query_ids(kendra_client, cities, AttributeFilter=attribute_filter)
    assert set(found) == expected


@pytest.mark.parametrize(
    "attribute_filter",
    [
        {"ContainsAny": attribute("city", StringValue="Seattle")},
        {"GreaterThan": attribute("city", StringValue="Seattle")},
        {"EqualsTo": attribute("visitors", StringValue="300")},
        {"AndAllFilters": [{"EqualsTo": attribute("city", StringValue=str(i))} for i in range(11)]},
    ],
)
def test_misused_filters_are_refused(kendra_client, cities, attribute_filter):
    with pytest.raises(ClientError) as caught:
        query_ids(kendra_client, cities, AttributeFilter=attribute_filter)
    assert error_of(caught)[:2] == ("ValidationException", 400)


def test_field_searches_in_the_text_filter_too(kendra_client, cities):
    found = ids(kendra_client.query(IndexId=cities, QueryText='guide city:"Paris"'))
    assert found == ["par"]


def test_facets_count_every_match_with_nested_facets(kendra_client, cities):
    response = kendra_client.query(
        IndexId=cities,
        QueryText="city guide",
        PageSize=1,
        Facets=[
            {"DocumentAttributeKey": "city", "Facets": [{"DocumentAttributeKey": "region"}]},
            {"DocumentAttributeKey": "tags", "MaxResults": 2},
        ],
    )

    city, tags = response["FacetResults"]
    assert [
        (pair["DocumentAttributeValue"]["StringValue"], pair["Count"])
        for pair in city["DocumentAttributeValueCountPairs"]
    ] == [("Seattle", 2), ("Dubai", 1), ("Paris", 1)]
    seattle = city["DocumentAttributeValueCountPairs"][0]["FacetResults"][0]
    assert [
        p["DocumentAttributeValue"]["StringValue"]
        for p in seattle["DocumentAttributeValueCountPairs"]
    ] == [
        "North",
        "South",
    ]
    assert tags["DocumentAttributeValueType"] == "STRING_LIST_VALUE"
    assert [
        (p["DocumentAttributeValue"]["StringValue"], p["Count"])
        for p in tags["DocumentAttributeValueCountPairs"]
    ] == [
        ("coffee", 3),
        ("art", 1),
    ]


@pytest.mark.parametrize("key", ["visitors", "undeclared"])
def test_a_facet_on_a_field_that_isnt_facetable_is_refused(kendra_client, cities, key):
    with pytest.raises(ClientError) as caught:
        query_ids(kendra_client, cities, Facets=[{"DocumentAttributeKey": key}])
    code, _, message = error_of(caught)
    assert code == "ValidationException" and key in message


def test_sorting_by_sortable_fields(kendra_client, cities):
    by_visitors = query_ids(
        kendra_client,
        cities,
        SortingConfiguration={"DocumentAttributeKey": "visitors", "SortOrder": "DESC"},
    )
    by_city_then_date = query_ids(
        kendra_client,
        cities,
        SortingConfigurations=[
            {"DocumentAttributeKey": "city", "SortOrder": "ASC"},
            {"DocumentAttributeKey": "founded", "SortOrder": "DESC"},
        ],
    )
    assert by_visitors == ["par", "dub", "sea-n", "sea-s"]
    assert by_city_then_date == ["dub", "par", "sea-s", "sea-n"]


@pytest.mark.parametrize(
    ("sorting", "code"),
    [
        ([{"DocumentAttributeKey": "region", "SortOrder": "ASC"}], "ValidationException"),
        ([{"DocumentAttributeKey": "tags", "SortOrder": "ASC"}], "ValidationException"),
        (
            [
                {"DocumentAttributeKey": k, "SortOrder": "ASC"}
                for k in ("city", "visitors", "founded", "_created_at")
            ],
            "ServiceQuotaExceededException",
        ),
    ],
)
def test_sorting_that_kendra_refuses(kendra_client, cities, sorting, code):
    with pytest.raises(ClientError) as caught:
        query_ids(kendra_client, cities, SortingConfigurations=sorting)
    assert error_of(caught)[0] == code


def test_attributes_shown_are_displayable_and_requested(kendra_client, cities):
    (shown,) = kendra_client.query(IndexId=cities, QueryText='city:"Dubai"')["ResultItems"]
    (requested,) = kendra_client.query(
        IndexId=cities,
        QueryText='city:"Dubai"',
        RequestedDocumentAttributes=["visitors", "secret"],
    )["ResultItems"]

    assert [a["Key"] for a in shown["DocumentAttributes"]] == [
        "city",
        "region",
        "tags",
        "visitors",
        "founded",
    ]
    assert requested["DocumentAttributes"] == [{"Key": "visitors", "Value": {"LongValue": 500}}]


def test_relevance_tuning_at_the_index_level_and_overridden(kendra_client, cities):
    plain = query_ids(kendra_client, cities)
    declare(
        kendra_client,
        cities,
        {
            "Name": "visitors",
            "Type": "LONG_VALUE",
            "Relevance": {"Importance": 10, "RankOrder": "ASCENDING"},
        },
    )
    tuned = query_ids(kendra_client, cities)
    overridden = query_ids(
        kendra_client,
        cities,
        DocumentRelevanceOverrideConfigurations=[
            {"Name": "visitors", "Relevance": {"Importance": 10, "RankOrder": "DESCENDING"}}
        ],
    )

    assert sorted(plain) == sorted(tuned)
    assert tuned[0] == "par"
    assert overridden[0] == "sea-s"


def test_an_override_of_an_unknown_field_is_refused(kendra_client, cities):
    with pytest.raises(ClientError) as caught:
        query_ids(
            kendra_client,
            cities,
            DocumentRelevanceOverrideConfigurations=[
                {"Name": "nope", "Relevance": {"Importance": 2}}
            ],
        )
    assert error_of(caught)[0] == "ValidationException"


def test_documents_in_other_languages_are_found_only_by_a_language_filter(kendra_client, index_id):
    index_now(
        kendra_client,
        index_id,
        text_doc("en", "hola amigo"),
        text_doc("es", "hola amigo", Attributes=[attribute("_language_code", StringValue="es")]),
    )

    english = ids(kendra_client.query(IndexId=index_id, QueryText="hola"))
    spanish = ids(
        kendra_client.query(
            IndexId=index_id,
            QueryText="hola",
            AttributeFilter={"EqualsTo": attribute("_language_code", StringValue="es")},
        )
    )
    also_english = ids(
        kendra_client.query(
            IndexId=index_id,
            QueryText="hola",
            AttributeFilter={"EqualsTo": attribute("_language_code", StringValue="en")},
        )
    )
    assert (english, spanish, also_english) == (["en"], ["es"], ["en"])


# -- collapsing ----------------------------------------------------------------------


def test_collapse_groups_results_under_a_primary_document(kendra_client, cities):
    response = kendra_client.query(
        IndexId=cities,
        QueryText="city guide",
        CollapseConfiguration={
            "DocumentAttributeKey": "city",
            "SortingConfigurations": [{"DocumentAttributeKey": "visitors", "SortOrder": "DESC"}],
            "Expand": True,
            "ExpandConfiguration": {"MaxResultItemsToExpand": 5, "MaxExpandedResultsPerItem": 3},
        },
    )

    by_id = {item["DocumentId"]: item for item in response["ResultItems"]}
    assert set(by_id) == {"sea-n", "dub", "par"}
    assert response["TotalNumberOfResults"] == 3
    seattle = by_id["sea-n"]["CollapsedResultDetail"]
    assert seattle["DocumentAttribute"] == {"Key": "city", "Value": {"StringValue": "Seattle"}}
    assert [e["DocumentId"] for e in seattle["ExpandedResults"]] == ["sea-s"]
    assert by_id["dub"]["CollapsedResultDetail"]["ExpandedResults"] == []


def test_collapse_without_expand_and_documents_missing_the_field(kendra_client, cities):
    index_now(kendra_client, cities, text_doc("nowhere", "A city guide with no city."))
    configuration = {"DocumentAttributeKey": "city"}

    collapsed = kendra_client.query(
        IndexId=cities, QueryText="city guide", CollapseConfiguration=configuration
    )
    ignored = kendra_client.query(
        IndexId=cities,
        QueryText="city guide",
        CollapseConfiguration={**configuration, "MissingAttributeKeyStrategy": "IGNORE"},
    )

    assert collapsed["TotalNumberOfResults"] == 4
    (missing,) = [i for i in collapsed["ResultItems"] if i["DocumentId"] == "nowhere"]
    assert "CollapsedResultDetail" not in missing
    assert all(i["CollapsedResultDetail"]["ExpandedResults"] == [] for i in ignored["ResultItems"])
    assert "nowhere" not in ids(ignored)


def test_collapse_on_a_field_that_isnt_sortable_is_refused(kendra_client, cities):
    with pytest.raises(ClientError) as caught:
        kendra_client.query(
            IndexId=cities,
            QueryText="city",
            CollapseConfiguration={"DocumentAttributeKey": "region"},
        )
    assert error_of(caught)[0] == "ValidationException"
