"""Kendra's state and rules, per account and region: no HTTP, no JSON.

One module per resource family, each holding its models and its operations (declared
with ``@operation``), and the rules they share; docs/architecture.md names each
module's room. ``service`` holds the per account/region root (``KendraBackend``,
``kendra_backends``); ``paging`` the NextTokens every List operation shares.
``ranking`` is Kendra Intelligent Ranking (``kendra-ranking``), a service of its own;
``cloudformation`` the resource types of moto's CloudFormation. Importing this package
declares every operation: a new family's module is imported here.
"""

from __future__ import annotations

from . import (
    access_control,
    block_lists,
    cloudformation,
    data_sources,
    documents,
    experience_access,
    experiences,
    faqs,
    featured_results,
    feedback,
    indices,
    principals,
    query,
    query_log,
    query_suggestions,
    ranking,
    retrieve,
    snapshots,
    suggestions,
    sync_jobs,
    tags,
    thesauri,
)
from .operations import implemented, operation
from .service import KendraBackend, kendra_backends

__all__ = [
    "KendraBackend",
    "access_control",
    "block_lists",
    "cloudformation",
    "data_sources",
    "documents",
    "experience_access",
    "experiences",
    "faqs",
    "featured_results",
    "feedback",
    "implemented",
    "indices",
    "kendra_backends",
    "operation",
    "principals",
    "query",
    "query_log",
    "query_suggestions",
    "ranking",
    "retrieve",
    "snapshots",
    "suggestions",
    "sync_jobs",
    "tags",
    "thesauri",
]
