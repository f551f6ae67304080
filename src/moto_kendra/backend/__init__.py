"""Kendra's state and rules, per account and region: no HTTP, no JSON.

One module per resource family, each holding its models and its operations (declared
with ``@operation``): ``indices``, ``data_sources``, ``sync_jobs``, ``documents``,
``tags``, ``access_control`` (access control configurations), ``principals``
(principal mappings); and the rules they share: ``index_fields`` (an index's fields
and the attribute checks), ``document_rules`` (what a put document must pass),
``crawls`` (a connector's crawl in the index), ``schedules`` (a data source's
Schedule), ``visibility`` (who may see a document), ``group_members`` (a principal
mapping's members). ``service`` holds the per account/region root
(``KendraBackend``, ``kendra_backends``); ``paging`` the NextTokens every List
operation shares.
Importing this package declares every operation.
"""

from __future__ import annotations

from . import access_control, data_sources, documents, indices, principals, sync_jobs, tags
from .operations import implemented, operation
from .service import KendraBackend, kendra_backends

__all__ = [
    "KendraBackend",
    "access_control",
    "data_sources",
    "documents",
    "implemented",
    "indices",
    "kendra_backends",
    "operation",
    "principals",
    "sync_jobs",
    "tags",
]
