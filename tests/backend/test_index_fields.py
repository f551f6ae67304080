"""Index fields (custom-attributes.md, hiw-index.md): Kendra's reserved fields,
custom fields declared with UpdateIndex, and the documents that use them."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from tests.kendra_calls import error_of

RESERVED = [
    ("_authors", "STRING_LIST_VALUE"),
    ("_category", "STRING_VALUE"),
    ("_created_at", "DATE_VALUE"),
    ("_data_source_id", "STRING_VALUE"),
    ("_document_title", "STRING_VALUE"),
    ("_excerpt_page_number", "LONG_VALUE"),
    ("_faq_id", "STRING_VALUE"),
    ("_file_type", "STRING_VALUE"),
    ("_language_code", "STRING_VALUE"),
    ("_last_updated_at", "DATE_VALUE"),
    ("_source_uri", "STRING_VALUE"),
    ("_tenant_id", "STRING_VALUE"),
    ("_version", "STRING_VALUE"),
    ("_view_count", "LONG_VALUE"),
]


def fields(kendra_client, index_id: str) -> list[dict]:
    return kendra_client.describe_index(Id=index_id)["DocumentMetadataConfigurations"]


def declare(kendra_client, index_id: str, *updates: dict) -> None:
    kendra_client.update_index(Id=index_id, DocumentMetadataConfigurationUpdates=list(updates))


@pytest.fixture
def indexed_at_once(kendra_client):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})


def put_with(kendra_client, index_id: str, doc_id: str, *attributes: tuple[str, dict]) -> dict:
    failed = kendra_client.batch_put_document(
        IndexId=index_id,
        Documents=[
            {
                "Id": doc_id,
                "Blob": b"text",
                "Attributes": [{"Key": key, "Value": value} for key, value in attributes],
            }
        ],
    )["FailedDocuments"]
    assert failed == []
    (entry,) = kendra_client.batch_get_document_status(
        IndexId=index_id, DocumentInfoList=[{"DocumentId": doc_id}]
    )["DocumentStatusList"]
    return entry


# -- the fields of an index ---------------------------------------------------------------


def test_a_new_index_lists_kendras_reserved_fields(kendra_client, index_id):
    listed = fields(kendra_client, index_id)

    assert [(field["Name"], field["Type"]) for field in listed] == RESERVED
    by_name = {field["Name"]: field for field in listed}
    assert by_name["_document_title"] == {
        "Name": "_document_title",
        "Type": "STRING_VALUE",
        "Relevance": {"Importance": 2, "ValueImportanceMap": {}},
        "Search": {"Facetable": False, "Searchable": True, "Displayable": True, "Sortable": True},
    }
    assert by_name["_created_at"]["Relevance"] == {
        "Freshness": False,
        "Importance": 1,
        "Duration": "25920000s",
        "RankOrder": "ASCENDING",
    }
    assert by_name["_source_uri"]["Search"]["Displayable"] is True
    assert by_name["_view_count"]["Relevance"] == {"Importance": 1, "RankOrder": "ASCENDING"}


def test_a_custom_field_is_listed_after_the_reserved_ones(kendra_client, index_id):
    department = {
        "Name": "department",
        "Type": "STRING_VALUE",
        "Search": {"Facetable": True, "Searchable": True, "Displayable": True, "Sortable": False},
    }
    declare(kendra_client, index_id, department, {"Name": "price", "Type": "LONG_VALUE"})

    listed = fields(kendra_client, index_id)

    assert listed[len(RESERVED) :] == [department, {"Name": "price", "Type": "LONG_VALUE"}]


def test_updating_a_field_keeps_its_type_and_what_is_not_given(kendra_client, index_id):
    declare(
        kendra_client,
        index_id,
        {
            "Name": "_category",
            "Type": "STRING_VALUE",
            "Search": {
                "Facetable": True,
                "Searchable": True,
                "Displayable": True,
                "Sortable": True,
            },
        },
    )

    (category,) = [
        field for field in fields(kendra_client, index_id) if field["Name"] == "_category"
    ]
    assert category["Search"]["Facetable"] is True
    assert category["Relevance"] == {"Importance": 1, "ValueImportanceMap": {}}
    assert len(fields(kendra_client, index_id)) == len(RESERVED)


@pytest.mark.parametrize(
    ("name", "declared", "asked"),
    [
        ("department", "STRING_VALUE", "STRING_LIST_VALUE"),
        ("_view_count", "LONG_VALUE", "STRING_VALUE"),
    ],
)
def test_the_type_of_a_field_cannot_change(kendra_client, index_id, name, declared, asked):
    declare(kendra_client, index_id, {"Name": "department", "Type": "STRING_VALUE"})

    with pytest.raises(ClientError) as err:
        declare(
            kendra_client,
            index_id,
            {"Name": "new-field", "Type": "DATE_VALUE"},
            {"Name": name, "Type": asked},
        )

    code, status, message = error_of(err)
    assert (code, status) == ("ValidationException", 400)
    assert name in message and declared in message and asked in message
    # Nothing of the update applies.
    names = [field["Name"] for field in fields(kendra_client, index_id)]
    assert "new-field" not in names
    (field,) = [field for field in fields(kendra_client, index_id) if field["Name"] == name]
    assert field["Type"] == declared


def test_one_update_cannot_give_a_new_field_two_types(kendra_client, index_id):
    with pytest.raises(ClientError) as err:
        declare(
            kendra_client,
            index_id,
            {"Name": "price", "Type": "LONG_VALUE"},
            {"Name": "price", "Type": "STRING_VALUE"},
        )

    assert error_of(err)[:2] == ("ValidationException", 400)
    assert len(fields(kendra_client, index_id)) == len(RESERVED)


def test_an_index_has_at_most_500_fields(kendra_client, index_id):
    # DescribeIndex lists at most 500 (the model's DocumentMetadataConfigurationList):
    # the reserved fields count among them.
    custom = 500 - len(RESERVED)
    declare(
        kendra_client,
        index_id,
        *({"Name": f"field-{n}", "Type": "STRING_VALUE"} for n in range(custom)),
    )

    with pytest.raises(ClientError) as err:
        declare(kendra_client, index_id, {"Name": "one-more", "Type": "STRING_VALUE"})

    code, status, message = error_of(err)
    assert (code, status) == ("ServiceQuotaExceededException", 400)
    assert "at most 500 fields" in message and "501" in message
    assert len(fields(kendra_client, index_id)) == 500
    # Updating one of them is still allowed.
    declare(kendra_client, index_id, {"Name": "field-0", "Type": "STRING_VALUE"})


# -- documents and fields -------------------------------------------------------------


def test_reserved_attributes_need_no_declaration(kendra_client, index_id, indexed_at_once):
    entry = put_with(
        kendra_client,
        index_id,
        "doc",
        ("_category", {"StringValue": "Vacation policy"}),
        ("_authors", {"StringListValue": ["Ana", "Bo"]}),
        ("_created_at", {"DateValue": datetime(2012, 3, 25, 12, 30, tzinfo=timezone.utc)}),
        ("_view_count", {"LongValue": 42}),
        ("_source_uri", {"StringValue": "https://example.com/doc"}),
    )

    assert entry == {"DocumentId": "doc", "DocumentStatus": "INDEXED"}


def test_declared_custom_attributes_of_each_type_are_indexed(
    kendra_client, index_id, indexed_at_once
):
    declare(
        kendra_client,
        index_id,
        {"Name": "department", "Type": "STRING_VALUE"},
        {"Name": "tags", "Type": "STRING_LIST_VALUE"},
        {"Name": "price", "Type": "LONG_VALUE"},
        {"Name": "released", "Type": "DATE_VALUE"},
    )

    entry = put_with(
        kendra_client,
        index_id,
        "doc",
        ("department", {"StringValue": "HR"}),
        ("tags", {"StringListValue": ["a", "b"]}),
        ("price", {"LongValue": 1595}),
        ("released", {"DateValue": datetime(2024, 1, 1, tzinfo=timezone.utc)}),
    )

    assert entry["DocumentStatus"] == "INDEXED"


def test_an_attribute_the_index_does_not_define_fails_the_document(
    kendra_client, index_id, indexed_at_once
):
    entry = put_with(kendra_client, index_id, "doc", ("Department", {"StringValue": "HR"}))

    assert entry == {
        "DocumentId": "doc",
        "DocumentStatus": "FAILED",
        "FailureCode": "InvalidRequest",
        "FailureReason": "Attribute Department is not defined at the index level",
    }


def test_declaring_the_field_lets_the_document_be_indexed(kendra_client, index_id, indexed_at_once):
    assert (
        put_with(kendra_client, index_id, "doc", ("Department", {"StringValue": "HR"}))[
            "DocumentStatus"
        ]
        == "FAILED"
    )
    declare(kendra_client, index_id, {"Name": "Department", "Type": "STRING_VALUE"})

    entry = put_with(kendra_client, index_id, "doc", ("Department", {"StringValue": "HR"}))

    assert entry == {"DocumentId": "doc", "DocumentStatus": "INDEXED"}


@pytest.mark.parametrize(
    ("name", "value", "given"),
    [
        ("price", {"StringValue": "1595"}, "StringValue"),
        ("_view_count", {"StringValue": "ten"}, "StringValue"),
        ("_created_at", {"LongValue": 1}, "LongValue"),
        ("_authors", {"StringValue": "Ana"}, "StringValue"),
        ("price", {}, "no value"),
        ("price", {"LongValue": 1, "StringValue": "1"}, "LongValue and StringValue"),
    ],
)
def test_a_value_of_another_type_fails_the_document(
    kendra_client, index_id, indexed_at_once, name, value, given
):
    declare(kendra_client, index_id, {"Name": "price", "Type": "LONG_VALUE"})

    entry = put_with(kendra_client, index_id, "doc", (name, value))

    assert entry["DocumentStatus"] == "FAILED"
    assert entry["FailureCode"] == "InvalidRequest"
    assert entry["FailureReason"].startswith(f"Attribute {name} is of type ")
    assert given in entry["FailureReason"]


def test_the_same_attribute_twice_fails_the_document(kendra_client, index_id, indexed_at_once):
    entry = put_with(
        kendra_client,
        index_id,
        "doc",
        ("_category", {"StringValue": "a"}),
        ("_category", {"StringValue": "b"}),
    )

    assert entry["DocumentStatus"] == "FAILED"
    assert "_category" in entry["FailureReason"]
