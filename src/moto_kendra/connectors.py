"""What a sync job does, per data source type.

CUSTOM data sources are driven by the application (BatchPutDocument and
BatchDeleteDocument with the job's execution id); connector types crawl. S3 data
sources crawl moto's S3 (see ``s3_crawl``); every other connector type syncs with
scripted metrics, or zero metrics when nothing is scripted.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from .exceptions import ValidationException
from .validation import service_model

if TYPE_CHECKING:
    from .models import DataSource, KendraBackend, SyncJob


@functools.cache
def configuration_member(data_source_type: str) -> str | None:
    """The DataSourceConfiguration member a type is configured with (S3 -> S3Configuration)."""
    shape = service_model().shape_for("DataSourceConfiguration")
    for member in shape.members:
        if member.lower() == f"{data_source_type}configuration".lower():
            return str(member)
    return None


def check_settings(data_source_type: str, settings: dict[str, Any]) -> None:
    """The CreateDataSource/UpdateDataSource rules that depend on the type."""
    if data_source_type == "CUSTOM":
        given = [key for key in ("Configuration", "RoleArn", "Schedule") if settings.get(key)]
        if given:
            raise ValidationException(
                f"A CUSTOM data source can't have {', '.join(given)}: Amazon Kendra "
                "doesn't crawl it, your application sends its documents."
            )
        return
    if not settings.get("RoleArn"):
        raise ValidationException(
            f"A data source of type {data_source_type} needs a RoleArn that Amazon "
            "Kendra assumes to crawl it."
        )
    member = configuration_member(data_source_type)
    configuration = settings.get("Configuration") or {}
    if member is not None and member not in configuration:
        raise ValidationException(
            f"A data source of type {data_source_type} needs Configuration.{member}."
        )
    others = sorted(key for key in configuration if key != member)
    if others:
        raise ValidationException(
            f"A data source of type {data_source_type} can't be configured with "
            f"{', '.join(others)}."
        )
    if data_source_type == "S3":
        from .s3_crawl import check_patterns

        check_patterns(configuration[member])


def run(backend: KendraBackend, data_source: DataSource, job: SyncJob) -> None:
    """Do the crawl a freshly started job stands for.

    S3: list the bucket now, index the crawl when the job ends (``s3_crawl``). Other
    connector types (SHAREPOINT, WEBCRAWLER, TEMPLATE, ...) crawl nothing: their jobs
    end with the scripted metrics, or zero metrics when nothing is scripted.
    """
    if data_source.type == "S3":
        from .s3_crawl import crawl

        crawl(backend, data_source, job)
