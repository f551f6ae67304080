"""Kendra's state and rules, per account and region: no HTTP, no JSON.

One module per resource family, each holding its models and its operations (declared
with ``@operation``): ``indices``, ``data_sources``, ``sync_jobs``, ``documents``,
``tags``, ``experiences`` (with ``experience_access``: their users, groups and
personas), ``query_suggestions`` and ``block_lists`` (query suggestions), ``snapshots``
(search analytics); and the rules they share: ``index_fields`` (an index's fields and
the attribute checks), ``document_rules`` (what a put document must pass), ``crawls``
(a connector's crawl in the index), ``schedules`` (a data source's Schedule),
``query_log`` (what Query and SubmitFeedback saw, for suggestions and analytics).
``service`` holds the per account/region root (``KendraBackend``,
``kendra_backends``); ``paging`` the NextTokens every List operation shares.
Importing this package declares every operation.
"""

from __future__ import annotations

from . import (
    block_lists,
    data_sources,
    documents,
    experience_access,
    experiences,
    indices,
    query_log,
    query_suggestions,
    snapshots,
    sync_jobs,
    tags,
)
from .operations import implemented, operation
from .service import KendraBackend, kendra_backends

__all__ = [
    "KendraBackend",
    "block_lists",
    "data_sources",
    "documents",
    "experience_access",
    "experiences",
    "implemented",
    "indices",
    "kendra_backends",
    "operation",
    "query_log",
    "query_suggestions",
    "snapshots",
    "sync_jobs",
    "tags",
]
