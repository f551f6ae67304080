"""What an index can search: text extracted once when a version becomes searchable
(Blobs, S3Path documents, crawled S3 objects), searchable fields, and the search
databases closed with their index and on moto's reset."""

from __future__ import annotations

import json

import boto3
import pytest
from moto.moto_api import state_manager

from moto_kendra.backend import search_index
from moto_kendra.backend.search_index import SearchStore, open_databases
from moto_kendra.moto_glue import lifecycle
from moto_kendra.protocol.dispatch import TARGET_PREFIX
from tests import raw_http
from tests.connectors.test_s3 import run_sync
from tests.search_calls import attribute, declare, field, ids, index_now, text_doc


@pytest.fixture
def s3(kendra_client):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="docs-bucket")
    return client


def test_html_loses_its_markup_and_gives_its_title(kendra_client, index_id):
    page = b"<html><head><title>Opening hours</title></head><body><p>Open &amp; ready at <b>nine</b>.</p><script>var hidden = 1;</script></body></html>"
    index_now(kendra_client, index_id, {"Id": "page", "Blob": page, "ContentType": "HTML"})

    (item,) = kendra_client.query(IndexId=index_id, QueryText="nine")["ResultItems"]

    assert item["DocumentTitle"]["Text"] == "Opening hours"
    assert item["DocumentExcerpt"]["Text"] == "Open & ready at nine."
    assert kendra_client.query(IndexId=index_id, QueryText="hidden")["ResultItems"] == []


def test_a_document_without_a_title_shows_its_id(kendra_client, index_id):
    index_now(kendra_client, index_id, text_doc("doc-7", "untitled words"))
    (item,) = kendra_client.query(IndexId=index_id, QueryText="untitled")["ResultItems"]
    assert item["DocumentTitle"]["Text"] == "doc-7"


def test_an_rtf_character_beyond_the_bmp_is_searchable_with_its_batch(kendra_client, index_id):
    """RTF writes an emoji as two \\u surrogates; a \\u out of range is no character."""
    rtf = rb"{\rtf1 Party \u-10179?\u-8704? time, then \u99999999999999999999? cake}"
    index_now(
        kendra_client,
        index_id,
        {"Id": "party", "Blob": rtf, "ContentType": "RTF"},
        text_doc("plain", "A party in the same batch."),
    )

    found = kendra_client.query(IndexId=index_id, QueryText="party")["ResultItems"]

    assert sorted(item["DocumentId"] for item in found) == ["party", "plain"]
    excerpt = next(i for i in found if i["DocumentId"] == "party")["DocumentExcerpt"]
    assert excerpt["Text"] == "Party \U0001f600 time, then \ufffd cake"


def test_a_long_rtf_with_a_lone_surrogate_is_cut_and_searchable(kendra_client, index_id):
    rtf = rb"{\rtf1 Lone \u-10179? start " + b"word " * 300_000 + b"}"
    index_now(kendra_client, index_id, {"Id": "long", "Blob": rtf, "ContentType": "RTF"})

    (item,) = kendra_client.query(IndexId=index_id, QueryText="start")["ResultItems"]

    assert item["DocumentExcerpt"]["Text"].startswith("Lone \ufffd start word")


def test_a_lone_surrogate_in_a_title_or_id_is_stored(kendra_client, index_id):
    """JSON can carry a lone UTF-16 surrogate (UTF-8, hence SQLite, can't): the title
    shows U+FFFD in its place; the id is kept as sent."""
    documents = [
        {"Id": "titled", "Title": "Notes \udc80 party", "Blob": "cGFydHk="},
        {"Id": "odd \udc80 id", "Blob": "cGFydHk="},
        {"Id": "plain", "Blob": "cGFydHk="},
    ]
    body = json.dumps({"IndexId": index_id, "Documents": documents})
    assert raw_http.post(TARGET_PREFIX + "BatchPutDocument", body).status_code == 200
    kendra_client.describe_index(Id=index_id)
    kendra_client.describe_index(Id=index_id)  # PROCESSING, then indexed

    response = raw_http.post(TARGET_PREFIX + "Query", {"IndexId": index_id, "QueryText": "party"})

    assert response.status_code == 200, response.text
    items = {item["DocumentId"]: item for item in response.json()["ResultItems"]}
    assert sorted(items) == ["odd \udc80 id", "plain", "titled"]
    assert items["titled"]["DocumentTitle"]["Text"] == "Notes \ufffd party"


def test_an_s3_path_document_is_read_from_moto_s3(kendra_client, index_id, s3):
    s3.put_object(
        Bucket="docs-bucket", Key="guides/setup guide.md", Body=b"# Setup\nInstall the agent."
    )
    index_now(
        kendra_client,
        index_id,
        {"Id": "setup", "S3Path": {"Bucket": "docs-bucket", "Key": "guides/setup guide.md"}},
    )

    (item,) = kendra_client.query(IndexId=index_id, QueryText="agent")["ResultItems"]

    assert item["DocumentTitle"]["Text"] == "setup guide.md"
    assert (
        item["DocumentURI"]
        == "https://s3.us-east-1.amazonaws.com/docs-bucket/guides/setup%20guide.md"
    )


def test_crawled_s3_objects_are_searchable_with_their_metadata(
    kendra_client, index_id, s3, s3_source
):
    s3.put_object(
        Bucket="docs-bucket",
        Key="faq.html",
        Body=b"<title>Help</title><p>Reset your password here.</p>",
    )
    s3.put_object(Bucket="docs-bucket", Key="notes.txt", Body=b"Plain notes about passwords.")
    s3.put_object(
        Bucket="docs-bucket",
        Key="notes.txt.metadata.json",
        Body=json.dumps(
            {"Title": "Team notes", "Attributes": {"_source_uri": "https://wiki.example.com/notes"}}
        ).encode(),
    )

    run_sync(kendra_client, index_id, s3_source)
    response = kendra_client.query(IndexId=index_id, QueryText="password")

    by_id = {item["DocumentId"]: item for item in response["ResultItems"]}
    assert set(by_id) == {"s3://docs-bucket/faq.html", "s3://docs-bucket/notes.txt"}
    assert by_id["s3://docs-bucket/faq.html"]["DocumentTitle"]["Text"] == "Help"
    assert by_id["s3://docs-bucket/faq.html"]["DocumentURI"] == (
        "https://s3.us-east-1.amazonaws.com/docs-bucket/faq.html"
    )
    assert by_id["s3://docs-bucket/notes.txt"]["DocumentTitle"]["Text"] == "Team notes"
    assert by_id["s3://docs-bucket/notes.txt"]["DocumentURI"] == "https://wiki.example.com/notes"


def test_text_is_extracted_once_per_version(kendra_client, kendra_backend, index_id, monkeypatch):
    calls = []
    extract = search_index.extract

    def counting(index, version):
        calls.append(version.id)
        return extract(index, version)

    monkeypatch.setattr(search_index, "extract", counting)
    index_now(kendra_client, index_id, text_doc("a", "alpha"), text_doc("b", "bravo"))
    for _ in range(3):
        kendra_client.query(IndexId=index_id, QueryText="alpha")
        kendra_client.retrieve(IndexId=index_id, QueryText="bravo")

    assert sorted(calls) == ["a", "b"]


def test_searchable_fields_are_searched_and_follow_the_index_settings(kendra_client, index_id):
    declare(kendra_client, index_id, field("team", "STRING_VALUE"))
    index_now(
        kendra_client,
        index_id,
        text_doc("a", "quarterly report", Attributes=[attribute("team", StringValue="Payments")]),
    )
    assert ids(kendra_client.query(IndexId=index_id, QueryText="payments")) == ["a"]

    declare(kendra_client, index_id, field("team", "STRING_VALUE", Searchable=False))
    assert ids(kendra_client.query(IndexId=index_id, QueryText="payments")) == []
    assert ids(kendra_client.query(IndexId=index_id, QueryText="quarterly")) == ["a"]


def test_unreadable_text_leaves_the_title_searchable_with_a_note(
    kendra_client, kendra_backend, index_id
):
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
    index_now(
        kendra_client,
        index_id,
        {"Id": "old", "Title": "Budget sheet", "Blob": legacy, "ContentType": "MS_EXCEL"},
    )

    assert ids(kendra_client.query(IndexId=index_id, QueryText="budget")) == ["old"]
    store = kendra_backend.indices[index_id].store(SearchStore)
    assert "Legacy binary Office documents" in (store.note("old") or "")


def test_extracted_text_stops_at_five_megabytes(
    kendra_client, kendra_backend, index_id, monkeypatch
):
    monkeypatch.setattr(search_index, "MAX_TEXT_BYTES", 40)
    index_now(kendra_client, index_id, text_doc("big", "early words " * 3 + "late marker " * 10))

    assert ids(kendra_client.query(IndexId=index_id, QueryText="early")) == ["big"]
    assert ids(kendra_client.query(IndexId=index_id, QueryText="marker")) == []
    assert "first 40 bytes" in (
        kendra_backend.indices[index_id].store(SearchStore).note("big") or ""
    )


def test_an_index_opens_its_database_with_its_first_searchable_document(kendra_client, index_id):
    before = open_databases()
    kendra_client.batch_put_document(IndexId=index_id, Documents=[text_doc("a", "alpha")])
    assert open_databases() == before
    kendra_client.describe_index(Id=index_id)
    kendra_client.describe_index(Id=index_id)
    assert open_databases() == before + 1


def test_deleting_the_index_closes_its_database(kendra_client, index_id):
    index_now(kendra_client, index_id, text_doc("a", "alpha"))
    before = open_databases()

    kendra_client.delete_index(Id=index_id)
    kendra_client.list_indices()

    assert open_databases() == before - 1


def test_moto_reset_closes_every_database(kendra_client, index_id):
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    other = kendra_client.create_index(Name="other", RoleArn="arn:aws:iam::123456789012:role/r")[
        "Id"
    ]
    for each in (index_id, other):
        index_now(kendra_client, each, text_doc("a", "alpha"))
    assert open_databases() >= 2

    lifecycle.reset_backends()

    assert open_databases() == 0
