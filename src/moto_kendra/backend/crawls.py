"""A connector's crawl in the index: taken when a sync job starts (``start_crawl``),
applied when it ends (``apply_crawl``).

Applying compares the crawl with what the data source's previous crawls left in the
index: a new id is added (INDEXED), a changed fingerprint (object, metadata file or
ACL) is modified (UPDATED), an unchanged one is left as it is (a document that failed
stays failed until it or its metadata changes, troubleshooting-data-sources.md), and
documents the crawl no longer finds leave the index. A document whose metadata file is
invalid, names attributes the index doesn't define or with values of another type, or
names an AccessControlConfigurationId the index doesn't have, fails (FAILED, or
UPDATE_FAILED for a changed one) with Kendra's message: "Found invalid Metadata file
s3://... Attribute <name> is not defined at the index level".
A crawled document is indexed when its job ends: it has its outcome at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import connectors
from .access_control import configuration_problem
from .document_rules import DATA_SOURCE_ID_ATTRIBUTE, INVALID_REQUEST
from .documents import Document, DocumentContent, store

if TYPE_CHECKING:
    from ..connectors import Crawl, CrawledDocument
    from .data_sources import DataSource
    from .indices import Index


def start_crawl(data_source: DataSource) -> Crawl | None:
    """The crawl a sync job of ``data_source`` starting now does (None: its type crawls
    nothing)."""
    backend = data_source.index.backend
    return connectors.crawl(
        data_source.type,
        data_source.settings,
        data_source.id,
        backend.account_id,
        backend.partition,
        backend.region_name,
    )


def _document(
    index: Index, data_source_id: str, crawled: CrawledDocument, replaces: Document | None
) -> Document:
    content = DocumentContent(
        title=crawled.title,
        content_type=crawled.document_content_type,
        access_control_list=list(crawled.access_control_list),
        access_control_configuration_id=crawled.access_control_configuration_id,
        size=crawled.size,
        s3_bucket=crawled.bucket or None,
        s3_key=crawled.key or None,
        s3_content_type=crawled.content_type,
    )
    failure = None
    metadata = f"s3://{crawled.bucket}/{crawled.metadata_key}"
    problem = configuration_problem(index, crawled.access_control_configuration_id)
    if crawled.failure is not None:
        failure = (INVALID_REQUEST, crawled.failure)
    elif problem is not None:
        failure = (INVALID_REQUEST, f"Found invalid Metadata file {metadata}. {problem}")
    else:
        try:
            typed = index.fields.from_json(crawled.attributes)
        except ValueError as error:
            failure = (INVALID_REQUEST, f"Found invalid Metadata file {metadata}. {error}")
        else:
            content.attributes = {attribute["Key"]: attribute["Value"] for attribute in typed}
            content.attributes[DATA_SOURCE_ID_ATTRIBUTE] = {"StringValue": data_source_id}
    document = Document(
        index,
        crawled.id,
        content,
        data_source_id=data_source_id,
        fingerprint=crawled.fingerprint,
        replaces=replaces,
        failure=failure,
    )
    document.settle()
    return document


def apply_crawl(index: Index, data_source_id: str, counts: dict[str, int], crawl: Crawl) -> None:
    """Index a connector's crawl and count it in the job's metrics: DocumentsScanned
    for every document crawled, Added, Modified and Failed for the documents indexed
    now, Deleted for those the crawl no longer finds."""
    previous = {
        doc_id: doc
        for doc_id, doc in index.documents.items()
        if doc.data_source_id == data_source_id
    }
    seen: set[str] = set()
    counts["DocumentsScanned"] = len(crawl.documents)
    for crawled in crawl.documents:
        seen.add(crawled.id)
        replaces = previous.get(crawled.id)
        if replaces is not None and replaces.fingerprint == crawled.fingerprint:
            continue
        document = _document(index, data_source_id, crawled, replaces)
        store(index, document)
        counts[document.metric] += 1
    for doc_id in previous:
        if doc_id not in seen:
            index.documents.remove(doc_id)
            counts["DocumentsDeleted"] += 1
