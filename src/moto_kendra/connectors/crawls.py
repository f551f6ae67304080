"""What a connector hands the backend: the documents a sync found, or why it failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CrawledDocument:
    """One document a crawl found.

    ``id`` is its document id; ``fingerprint`` identifies this version of it and of
    what describes it (S3: the object's ETag, its metadata file's, its ACL), so a
    later crawl can tell it changed; ``size`` is its size in bytes. ``bucket`` and
    ``key`` say where its body is (to be read again, e.g. to index its text), and
    ``content_type`` is the object's Content-Type.

    From its metadata file (S3): ``title``, ``document_content_type`` (Kendra's
    ContentType), ``attributes`` as the file gives them (JSON values; the backend types
    them by the index's fields), ``access_control_list`` (Principals; from the ACL
    file when the metadata file has none) and ``access_control_configuration_id`` (the
    access control configuration whose lists it takes); ``metadata_key`` is that
    file's key.
    ``failure`` says why the document can't be indexed (an invalid metadata file): it
    is crawled, and fails.
    """

    id: str
    fingerprint: str
    size: int
    bucket: str = ""
    key: str = ""
    content_type: str | None = None
    title: str | None = None
    document_content_type: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    access_control_list: list[dict[str, Any]] = field(default_factory=list)
    access_control_configuration_id: str | None = None
    metadata_key: str | None = None
    failure: str | None = None


@dataclass(frozen=True)
class CrawlFailure:
    """Why a crawl couldn't run: the sync job's ErrorCode, ErrorMessage and
    DataSourceErrorCode (None when the data source itself had no error: a
    configuration the crawl can't use)."""

    error_code: str
    message: str
    data_source_error_code: str | None


@dataclass(frozen=True)
class Crawl:
    """The result of a connector's crawl, taken when its sync job starts."""

    documents: list[CrawledDocument] = field(default_factory=list)
    failure: CrawlFailure | None = None
