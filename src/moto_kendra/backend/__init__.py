"""Kendra's state and rules, per account and region: no HTTP, no JSON.

One module per resource family, each holding its models and its operations (declared
with ``@operation``): ``indices``, ``data_sources``, ``sync_jobs``, ``documents``,
``tags``. ``service`` holds the per account/region root (``KendraBackend``,
``kendra_backends``); ``paging`` the NextTokens every List operation shares.
``ranking`` is Kendra Intelligent Ranking (``kendra-ranking``), a service of its own;
``cloudformation`` the resource types of moto's CloudFormation.
Importing this package declares every operation.
"""

from __future__ import annotations

from . import cloudformation, data_sources, documents, indices, ranking, sync_jobs, tags
from .operations import implemented, operation
from .service import KendraBackend, kendra_backends

__all__ = [
    "KendraBackend",
    "cloudformation",
    "data_sources",
    "documents",
    "implemented",
    "indices",
    "kendra_backends",
    "operation",
    "ranking",
    "sync_jobs",
    "tags",
]
