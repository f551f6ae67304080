"""Kendra's state and rules, per account and region: no HTTP, no JSON.

One module per resource family, each holding its models and its operations (declared
with ``@operation``): ``indices``, ``data_sources``, ``sync_jobs``, ``documents``,
``tags``, ``thesauri`` (with ``thesaurus_file``, the Solr synonym format),
``featured_results``; and the rules they share: ``index_fields`` (an index's fields and the
attribute checks), ``document_rules`` (what a put document must pass),
``crawls`` (a connector's crawl in the index), ``schedules`` (a data source's
Schedule). ``service`` holds the per account/region root (``KendraBackend``,
``kendra_backends``); ``paging`` the NextTokens every List operation shares.
Importing this package declares every operation.
"""

from __future__ import annotations

from . import data_sources, documents, featured_results, indices, sync_jobs, tags, thesauri
from .operations import implemented, operation
from .service import KendraBackend, kendra_backends

__all__ = [
    "KendraBackend",
    "data_sources",
    "documents",
    "featured_results",
    "implemented",
    "indices",
    "kendra_backends",
    "operation",
    "sync_jobs",
    "tags",
    "thesauri",
]
