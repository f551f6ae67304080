"""LangChain's ``AmazonKendraRetriever`` (langchain-aws) gets back the documents a
CUSTOM data source's sync indexed, through Retrieve (its default) and, when Retrieve
finds no passage, Query."""

from __future__ import annotations

import sys

import pytest

from tests.search_calls import attribute, text_doc

if sys.version_info < (3, 10):
    pytest.skip("langchain-aws needs Python 3.10 or later", allow_module_level=True)
kendra_retrievers = pytest.importorskip(
    "langchain_aws.retrievers",
    reason="langchain-aws is not installed (pip install -e '.[test]' installs it)",
)

END = {"SUCCEEDED", "FAILED", "INCOMPLETE", "ABORTED"}


def custom_sync(kendra_client, index_id, source_id, *documents):
    """A CUSTOM connector's run: start a job, send the documents with it, stop it, and
    poll until the job (and so its documents' indexing) is over."""
    execution_id = kendra_client.start_data_source_sync_job(Id=source_id, IndexId=index_id)[
        "ExecutionId"
    ]
    job_attributes = [
        attribute("_data_source_id", StringValue=source_id),
        attribute("_data_source_sync_job_execution_id", StringValue=execution_id),
    ]
    sent = [{**document, "Attributes": job_attributes} for document in documents]
    assert (
        kendra_client.batch_put_document(IndexId=index_id, Documents=sent)["FailedDocuments"] == []
    )
    kendra_client.stop_data_source_sync_job(Id=source_id, IndexId=index_id)
    for _ in range(10):
        (job,) = kendra_client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)["History"]
        if job["Status"] in END:
            return job
    raise AssertionError(f"the sync job did not end: {job}")


def test_the_retriever_finds_what_a_custom_sync_indexed(kendra_client, index_id, custom_source):
    job = custom_sync(
        kendra_client,
        index_id,
        custom_source,
        text_doc(
            "returns",
            "Items can be returned within 30 days of delivery for a full refund.",
            title="Returns policy",
            Attributes=[],
        ),
        text_doc("shipping", "Orders ship within two business days.", title="Shipping"),
    )
    assert job["Status"] == "SUCCEEDED"
    retriever = kendra_retrievers.AmazonKendraRetriever(
        index_id=index_id, client=kendra_client, top_k=2, min_score_confidence=None
    )

    documents = retriever.invoke("How long do I have to return an item for a refund?")

    assert documents[0].metadata["document_id"] == "returns"
    assert documents[0].metadata["title"] == "Returns policy"
    assert "returned within 30 days" in documents[0].page_content
    assert documents[0].metadata["score"] in ("VERY_HIGH", "HIGH", "MEDIUM", "LOW")


def test_the_retriever_falls_back_to_query(kendra_client, index_id, custom_source):
    custom_sync(
        kendra_client,
        index_id,
        custom_source,
        {"Id": "empty", "Title": "Holiday calendar", "Blob": b"", "ContentType": "PLAIN_TEXT"},
    )
    retriever = kendra_retrievers.AmazonKendraRetriever(
        index_id=index_id, client=kendra_client, min_score_confidence=None
    )

    (document,) = retriever.invoke("holiday calendar")

    assert document.metadata["document_id"] == "empty"
    assert document.metadata["type"] == "DOCUMENT"
    assert document.metadata["title"] == "Holiday calendar"
