"""Routing a service's requests to us on every route moto offers.

Relies on ``moto.backend_index.backend_url_patterns`` (the (service, URL regex) list
that moto's botocore hook, its ``requests`` mock and its server route by);
``moto.backends.get_backend`` (imports ``moto.<name>``: we register that module name in
``sys.modules``); ``BaseBackend._url_module`` (where ``BaseBackend.urls`` and the
server's ``flask_paths`` read ``url_bases``/``url_paths``; its name derivation differs
between moto versions, so we set it on our backend class);
``moto.core.models.responses_mock``, ``CallbackResponse`` and the stubber's
``process_request``/``process_prepared_request`` (a mock started before our import has
copied the URL patterns without ours); ``moto.core.model_instances.model_data`` (the
dashboard's model registry, keyed by the second part of a model's module name); and
``moto.moto_api._internal.urls.url_paths`` (the ``/moto-api/`` routes).
"""

from __future__ import annotations

import re
import sys
import types
from typing import Any

import moto.backend_index as backend_index

#: The region of a request that names none (no region in its host or signature).
DEFAULT_REGION = "us-east-1"
_HTTP_METHODS = ("GET", "DELETE", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def route_service(
    service: str,
    url_pattern: re.Pattern[str],
    url_paths: dict[str, Any],
    backends_module: types.ModuleType,
    backend_class: type,
) -> None:
    """Serve ``service``'s URLs on every route, first: ``url_paths`` maps path regexes
    (``{0}`` is the URL base) to url handlers, as a moto ``urls`` module does.

    ``backends_module`` holds ``<service>_backends`` (what ``get_backend`` reads).
    """
    safe_name = service.replace("-", "")
    sys.modules[f"moto.{safe_name}"] = backends_module
    if not any(name == service for name, _ in backend_index.backend_url_patterns):
        # First, so these requests stop at the first pattern moto tries.
        backend_index.backend_url_patterns.insert(0, (service, url_pattern))
    urls = types.SimpleNamespace(
        url_bases=[url_pattern.pattern],
        url_paths=url_paths,
    )
    backend_class._url_module = property(lambda self: urls)  # type: ignore[attr-defined]
    _register_with_active_mock(url_pattern)


#: Package -> the service whose models it holds, as ``file_models_for_dashboard`` saw them.
_MODEL_PACKAGES: dict[str, str] = {}


def file_models_for_dashboard(service: str, package: str) -> None:
    """File the models of ``package`` under ``service`` in moto's dashboard registry.

    moto files a model by the second part of its module name (``backend`` for
    ``moto_kendra.backend.indices``). A model goes to the service of the longest package
    registered that holds it, so a subpackage can be another service's
    (``moto_kendra.backend.ranking``: kendra-ranking, the rest of ``moto_kendra``: kendra).
    """
    from moto.core.model_instances import model_data

    _MODEL_PACKAGES[package] = service

    def owner(module: str) -> str | None:
        held = [name for name in _MODEL_PACKAGES if module.startswith(f"{name}.")]
        return _MODEL_PACKAGES[max(held, key=len)] if held else None

    for key in list(model_data):
        filed = model_data[key]
        moving = {
            name: (cls, target)
            for name, cls in filed.items()
            for target in [owner(getattr(cls, "__module__", ""))]
            if target is not None and target != key
        }
        for name, (cls, target) in moving.items():
            del filed[name]
            model_data[target][name] = cls
        if moving and not filed:
            del model_data[key]


def add_moto_api_routes(url_paths: dict[str, Any]) -> None:
    """Serve ``url_paths`` under ``/moto-api/`` beside moto's own routes.

    moto builds its ``/moto-api/`` routes from ``moto.moto_api._internal.urls.url_paths``
    every time it routes a request in-process (``BaseBackend.urls``, read by the
    botocore stubber and the ``requests`` mock through motoapi.amazonaws.com), and once
    per server when its Flask app for "moto_api" is made (``BaseBackend.flask_paths``,
    ``moto.moto_server.werkzeug_app.create_backend_app``), so adding to that dict
    before a server starts serves them in both modes.
    """
    from moto.moto_api._internal import urls as moto_api_urls

    # moto types these handlers as its own methods' signature; ours are url handlers too.
    moto_paths: dict[str, Any] = moto_api_urls.url_paths
    for path, handler in url_paths.items():
        moto_paths.setdefault(path, handler)


def _register_with_active_mock(url_pattern: re.Pattern[str]) -> None:
    """A mock started before the import copied the URL patterns without ours."""
    from moto.core.custom_responses_mock import CallbackResponse
    from moto.core.models import botocore_stubber, responses_mock

    if not botocore_stubber.enabled:
        return
    # moto >= 5.2.2 hands `requests` requests to process_prepared_request; older
    # versions to process_request. Use whichever this moto registers itself.
    callback = getattr(
        botocore_stubber, "process_prepared_request", botocore_stubber.process_request
    )
    for method in _HTTP_METHODS:
        responses_mock.add(CallbackResponse(method=method, url=url_pattern, callback=callback))
