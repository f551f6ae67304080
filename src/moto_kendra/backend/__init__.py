"""Kendra's state and rules, per account and region: no HTTP, no JSON.

One module per resource family, each holding its models and its operations (declared
with ``@operation``): ``indices``, ``data_sources``, ``sync_jobs``, ``documents``,
``tags``; and the rules they share: ``index_fields`` (an index's fields and the
attribute checks), ``document_rules`` (what a put document must pass),
``crawls`` (a connector's crawl in the index), ``schedules`` (a data source's
Schedule). Search: ``search_index`` (what an index can search, in its full-text
engine), ``results`` (what Query and Retrieve share), ``query``, ``retrieve``,
``faqs`` (with ``faq_files`` and ``faq_answers``) and ``feedback``. ``service`` holds the per account/region root (``KendraBackend``,
``kendra_backends``); ``paging`` the NextTokens every List operation shares.
Importing this package declares every operation.
"""

from __future__ import annotations

from . import data_sources, documents, faqs, feedback, indices, query, retrieve, sync_jobs, tags
from .operations import implemented, operation
from .service import KendraBackend, kendra_backends

__all__ = [
    "KendraBackend",
    "data_sources",
    "documents",
    "faqs",
    "feedback",
    "implemented",
    "indices",
    "kendra_backends",
    "operation",
    "query",
    "retrieve",
    "sync_jobs",
    "tags",
]
