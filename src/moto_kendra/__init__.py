"""moto-kendra: Amazon Kendra for moto.

``import moto_kendra`` makes moto's ``mock_aws`` (and moto's server) answer Kendra and
Kendra Intelligent Ranking (``kendra-ranking``) requests from in-memory, per account and
region backends, and moto's CloudFormation create their resources from templates.

Layers, each importing only the ones below it::

    moto_kendra (this module: public API, wiring), server, pytest_plugin
    testing/     test controls: outcomes, faults, markers, report, HTTP routes, kept mock
    protocol/    the wire: parse, validate, dispatch, serialize
    backend/     state and rules per account/region, one module per resource family
    connectors/  what a sync job does per data source type
    moto_glue/   the only code that touches moto's internals
    spec/, exceptions   botocore's models and the checks derived from them; the errors

This module wires them: it hands the glue each service's protocol handler, backends,
control routes and CloudFormation resource types, and plugs the test controls into the
backends.
"""

from __future__ import annotations

import re

from . import moto_glue
from ._version import __version__
from .backend import KendraBackend, cloudformation, kendra_backends, service
from .backend.ranking import KendraRankingBackend, kendraranking_backends
from .backend.ranking import service as ranking_service
from .protocol import ranking_dispatch
from .protocol.dispatch import handle
from .testing import http_control
from .testing.controls import RankingControls, TestControls

__all__ = [
    "KendraBackend",
    "KendraRankingBackend",
    "__version__",
    "kendra_backends",
    "kendraranking_backends",
]

#: Kendra and its FIPS endpoints (kendra-fips.<region>.amazonaws.com).
URL_PATTERN = re.compile(r"https?://kendra(?:-fips)?\.(.+)\.amazonaws\.com")
#: Kendra Intelligent Ranking's endpoints (kendra-ranking[-fips].<region>.api.aws, ...).
RANKING_URL_PATTERN = ranking_dispatch.URL_PATTERN


def register() -> None:
    """Make moto serve Kendra and Kendra Intelligent Ranking. Done on import;
    idempotent; safe while a mock is active."""
    KendraBackend.controls_factory = TestControls
    KendraRankingBackend.controls_factory = RankingControls
    # Kendra Intelligent Ranking first: each service goes to the front of moto's route
    # table, and Kendra's fast path wants Kendra's pattern to be the one moto tries first.
    moto_glue.register(
        service="kendra-ranking",
        url_pattern=RANKING_URL_PATTERN,
        url_paths={
            "{0}/$": ranking_dispatch.handle,
            "{0}/service/(?P<service>[^/]+)/operation/(?P<operation>[^/]+)$": (
                ranking_dispatch.handle
            ),
            # Any other path: an UnknownOperationException, not moto's fall-through
            # (the host isn't amazonaws.com, so moto would answer nothing).
            "{0}/.*$": ranking_dispatch.handle,
        },
        backends_module=ranking_service,
        backend_class=KendraRankingBackend,
        package=f"{__name__}.backend.ranking",
    )
    moto_glue.register(
        service="kendra",
        url_pattern=URL_PATTERN,
        url_paths={"{0}/$": handle},
        backends_module=service,
        backend_class=KendraBackend,
        package=__name__,
        moto_api_routes=http_control.url_paths,
        fast_path_handler=handle,
        cloudformation_models=cloudformation.RESOURCE_TYPES.values(),
    )


register()
