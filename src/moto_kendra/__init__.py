"""moto-kendra: Amazon Kendra for moto.

``import moto_kendra`` makes moto's ``mock_aws`` (and moto's server) answer Kendra
requests from an in-memory, per account and region backend.

Layers, each importing only the ones below it::

    moto_kendra (this module: public API, wiring), server, pytest_plugin
    testing/     test controls: outcomes, faults, markers, report, HTTP routes, kept mock
    protocol/    the wire: parse, validate, dispatch, serialize
    backend/     state and rules per account/region, one module per resource family
    connectors/  what a sync job does per data source type
    moto_glue/   the only code that touches moto's internals
    spec/, exceptions   botocore's models and the checks derived from them; the errors

This module wires them: it hands the glue the protocol's handler, the backends and the
control routes, and plugs the test controls into the backend.
"""

from __future__ import annotations

import re

from . import moto_glue
from ._version import __version__
from .backend import KendraBackend, kendra_backends, service
from .protocol.dispatch import handle
from .testing import http_control
from .testing.controls import TestControls

__all__ = ["KendraBackend", "__version__", "kendra_backends"]

#: Kendra and its FIPS endpoints (kendra-fips.<region>.amazonaws.com).
URL_PATTERN = re.compile(r"https?://kendra(?:-fips)?\.(.+)\.amazonaws\.com")


def register() -> None:
    """Make moto serve Kendra. Done on import; idempotent; safe while a mock is active."""
    KendraBackend.controls_factory = TestControls
    moto_glue.register(
        service="kendra",
        url_pattern=URL_PATTERN,
        url_paths={"{0}/$": handle},
        backends_module=service,
        backend_class=KendraBackend,
        package=__name__,
        moto_api_routes=http_control.url_paths,
        fast_path_handler=handle,
    )


register()
