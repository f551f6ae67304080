"""What a sync job does, per data source type.

CUSTOM data sources are driven by the application (BatchPutDocument and
BatchDeleteDocument with the job's execution id): they crawl nothing. S3 data sources
crawl moto's S3 (``connectors.s3``). Every other connector type (SHAREPOINT,
WEBCRAWLER, TEMPLATE, ...) crawls nothing either: its jobs end with the scripted
metrics, or zero metrics when nothing is scripted.

Connectors take plain settings and return plain data (``crawls``); they know nothing
of the backend, which applies a crawl when its job ends.
"""

from __future__ import annotations

import functools
from typing import Any

from ..exceptions import ValidationException
from ..spec.service import service_model
from . import s3
from .crawls import Crawl, CrawledDocument, CrawlFailure

__all__ = ["Crawl", "CrawlFailure", "CrawledDocument", "check_settings", "crawl"]


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
        s3.check_patterns(configuration[member])


def crawl(
    data_source_type: str,
    settings: dict[str, Any],
    data_source_id: str,
    account_id: str,
    partition: str,
    region: str,
) -> Crawl | None:
    """The crawl a sync job of this type does as it starts (None: it crawls nothing);
    ``region`` is the index's."""
    if data_source_type == "S3":
        configuration = settings["Configuration"]["S3Configuration"]
        return s3.crawl(configuration, data_source_id, account_id, partition, region)
    return None
