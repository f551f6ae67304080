"""The moto glue: the only code that touches moto's internals.

Each module names what it relies on; together (checked against moto 5.0 to 5.2):

- ``routing``: ``moto.backend_index.backend_url_patterns``, ``moto.backends.get_backend``
  (via ``sys.modules["moto.<service>"]``), ``BaseBackend._url_module``,
  ``moto.core.models.responses_mock`` / ``CallbackResponse`` and the stubber's
  ``process_request``/``process_prepared_request`` (a mock already active),
  ``moto.core.model_instances.model_data`` (the dashboard) and
  ``moto.moto_api._internal.urls.url_paths`` (the ``/moto-api/`` routes).
- ``fast_path``: ``moto.core.models.botocore_stubber.process_request`` (wrapped), and to
  leave every other case to moto: ``moto.core.config`` (passthrough, service
  whitelist), ``moto.settings.INITIAL_NO_AUTH_ACTION_COUNT`` and
  ``moto.moto_api.recorder``.
- ``iam``: ``moto.iam.models.iam_backends`` and ``mark_account_as_visited``,
  ``moto.iam.access_control.IAMRequest``, ``ActionAuthenticatorMixin.request_count``.
- ``transitions``: ``moto.moto_api.state_manager``'s ``set_transition``,
  ``get_transition`` (wrapped: our models' transitions are checked) and
  ``_default_transitions``; the ``/moto-api/state-manager/set-transition`` route.
- ``s3``: ``moto.s3.models.s3_backends`` (``get_bucket``), ``FakeBucket`` and ``FakeKey``,
  ``MissingBucket`` and ``AccessDeniedByLock`` (what S3 data sources crawl, what an S3Path
  names).
- ``identity_center``: ``moto.identitystore.models.identitystore_backends`` (each
  region's ``identity_stores`` with their ``users``, ``groups`` and
  ``group_memberships``), ``User`` and ``Group`` (the users and groups an experience
  grants access to, the groups a user is in).
- ``secrets``: ``moto.secretsmanager.models.secretsmanager_backends``
  (``get_secret_value``) and its ``JsonRESTError`` exceptions (the keys that verify
  the JWTs of an index's user token configuration).
- ``lifecycle``: ``MockAWS._nested_count``, ``moto.core.config.default_user_config``,
  ``BackendDict.reset``, ``reset_model_data``, boto3's ``DEFAULT_SESSION``.
- ``cloudformation``: ``moto.cloudformation.parsing``'s cached type -> model map
  (``get_model_list``, ``get_model_map``, ``get_name_type_map``, built from
  ``CloudFormationModel.__subclasses__()``), ``moto.cloudformation.exceptions``'
  ``ValidationError`` and ``UnformattedGetAttTemplateException``.

Errors: moto's ``get_exception_service_model`` (moto/core/errors.py) derives a service
name from any exception module that starts with "moto", which misreads
``moto_kendra.exceptions``. Our errors never reach it: they are JsonRESTErrors that our
protocol layer renders itself, on every route.

The glue imports nothing of the layers above it: ``moto_kendra`` hands it the handler,
the backends and the control routes when it registers (``register``).
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable
from typing import Any

from moto.core.common_models import CloudFormationModel

from . import cloudformation, fast_path, routing, transitions
from .routing import DEFAULT_REGION

__all__ = ["DEFAULT_REGION", "register"]


def register(
    *,
    service: str,
    url_pattern: re.Pattern[str],
    url_paths: dict[str, Any],
    backends_module: types.ModuleType,
    backend_class: type,
    package: str,
    moto_api_routes: dict[str, Any] | None = None,
    fast_path_handler: Any = None,
    cloudformation_models: Iterable[type[CloudFormationModel]] = (),
) -> None:
    """Make moto serve ``service``. Idempotent; safe while a mock is active.

    ``package``: the package whose models moto's dashboard files under ``service``
    (a subpackage registered for another service keeps its own).
    ``fast_path_handler``: the handler plain requests of this service take, skipping
    moto's generic routing (``fast_path``); None: always moto's routing.
    ``cloudformation_models``: resource types moto's CloudFormation is to serve.
    """
    routing.route_service(service, url_pattern, url_paths, backends_module, backend_class)
    transitions.install(f"{service}::")
    routing.file_models_for_dashboard(service, package)
    cloudformation.offer(cloudformation_models)
    if moto_api_routes:
        routing.add_moto_api_routes(moto_api_routes)
    if fast_path_handler is not None:
        backends = getattr(backends_module, f"{service.replace('-', '')}_backends")
        fast_path.install(service, fast_path_handler, backends)
