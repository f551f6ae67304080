"""Kendra Intelligent Ranking (``kendra-ranking``): its state and rules, per account
and region, beside Kendra's and apart from it.

``service`` holds the root (``KendraRankingBackend``, ``kendraranking_backends``, the
name moto's ``get_backend("kendra-ranking")`` reads); ``plans`` the rescore execution
plans and their operations; ``rescore`` the Rescore operation, which scores through
``scoring.score``; ``tags`` the tag operations. Every operation is declared with
``@operation(..., service="kendra-ranking")``; importing this package declares them.
"""

from __future__ import annotations

from . import plans, rescore, scoring, tags
from .service import KendraRankingBackend, kendraranking_backends

__all__ = [
    "KendraRankingBackend",
    "kendraranking_backends",
    "plans",
    "rescore",
    "scoring",
    "tags",
]
