"""What a connector hands the backend: the documents a sync found, or why it failed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CrawledDocument:
    """One document a crawl found: its id, what identifies this version of it (an S3
    ETag), and its size in bytes."""

    id: str
    fingerprint: str
    size: int


@dataclass(frozen=True)
class CrawlFailure:
    """Why a crawl couldn't run: the sync job's ErrorCode, ErrorMessage and
    DataSourceErrorCode."""

    error_code: str
    message: str
    data_source_error_code: str


@dataclass(frozen=True)
class Crawl:
    """The result of a connector's crawl, taken when its sync job starts."""

    documents: list[CrawledDocument] = field(default_factory=list)
    failure: CrawlFailure | None = None
