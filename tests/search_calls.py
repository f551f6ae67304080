"""Helpers the search tests share: indexing documents so they can be searched."""

from __future__ import annotations

from typing import Any

from moto.moto_api import state_manager

from tests.conftest import ROLE_ARN


def text_doc(doc_id: str, body: str, title: str | None = None, **extra: Any) -> dict[str, Any]:
    """A PLAIN_TEXT document for BatchPutDocument."""
    document: dict[str, Any] = {"Id": doc_id, "Blob": body.encode(), "ContentType": "PLAIN_TEXT"}
    if title is not None:
        document["Title"] = title
    document.update(extra)
    return document


def attribute(key: str, **value: Any) -> dict[str, Any]:
    """A DocumentAttribute: ``attribute("city", StringValue="Paris")``."""
    return {"Key": key, "Value": value}


def index_now(kendra_client: Any, index_id: str, *documents: dict[str, Any]) -> None:
    """Put ``documents`` and let them reach their outcome (two reads: PROCESSING, then
    indexed), as an application waits for BatchGetDocumentStatus to say INDEXED."""
    for start in range(0, len(documents), 10):
        failed = kendra_client.batch_put_document(
            IndexId=index_id, Documents=list(documents[start : start + 10])
        )["FailedDocuments"]
        assert failed == []
    kendra_client.describe_index(Id=index_id)
    kendra_client.describe_index(Id=index_id)


def declare(kendra_client: Any, index_id: str, *fields: dict[str, Any]) -> None:
    """Declare index fields (DocumentMetadataConfigurationUpdates)."""
    kendra_client.update_index(Id=index_id, DocumentMetadataConfigurationUpdates=list(fields))


def field(name: str, field_type: str, **search: bool) -> dict[str, Any]:
    """A field declaration with the given Search settings."""
    declared: dict[str, Any] = {"Name": name, "Type": field_type}
    if search:
        declared["Search"] = search
    return declared


def immediate_documents() -> None:
    """Documents reach their outcome at their first read."""
    state_manager.set_transition("kendra::document", {"progression": "immediate"})


def ids(response: dict[str, Any]) -> list[str]:
    """The DocumentIds of a Query or Retrieve response's results, in order."""
    return [item["DocumentId"] for item in response["ResultItems"]]


__all__ = ["ROLE_ARN"]
