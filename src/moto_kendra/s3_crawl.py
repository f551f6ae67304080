"""S3 data sources crawl the bucket in moto's S3 backend."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import DataSource, KendraBackend, SyncJob


def crawl(backend: KendraBackend, data_source: DataSource, job: SyncJob) -> None:
    """Placeholder until the S3 crawl lands: an S3 sync reports zero metrics."""
    return None
