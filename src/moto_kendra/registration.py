"""Plugs Kendra into moto. The only module that touches moto's internals.

What it relies on, by moto module (checked against moto 5.0 to 5.2):

- ``moto.backend_index.backend_url_patterns``: the (service, URL regex) list that
  moto's botocore before-send hook (``moto.core.botocore_stubber``), its ``requests``
  mock (``moto.core.models._enable_patching``) and its server
  (``moto.moto_server.werkzeug_app.DomainDispatcherApplication``) route by.
- ``moto.backends.get_backend(name)``: imports ``moto.<name>`` and reads
  ``<name>_backends``; we register ``moto.kendra`` in ``sys.modules`` for it.
- ``BaseBackend.urls``: derives ``moto_kendra.urls`` from the backend's module name.
- ``moto.core.models.responses_mock`` and ``CallbackResponse``: a mock started before
  this package was imported has already copied the URL patterns; we add Kendra's.
- ``moto.core.models.botocore_stubber.process_request``: wrapped so plain Kendra
  requests skip moto's generic routing (``moto_kendra.fast_path``); the wrapper reads
  ``moto.core.config`` (passthrough, service whitelist), ``moto.settings`` (IAM
  enforcement) and ``moto.moto_api.recorder`` to leave every other case to moto.
- ``moto.s3.models.s3_backends`` and ``FakeKey``: what an S3 data source crawls.
- ``moto.core.model_instances.model_data``: the dashboard's model registry, keyed by
  the second part of a model's module name ("models" for us); we file ours as "kendra".
- ``moto.iam.models.iam_backends``: which account an access key belongs to, and the
  "last used" record of a key, as moto's BaseResponse keeps it.
- ``moto.iam.access_control.IAMRequest``, ``moto.settings.INITIAL_NO_AUTH_ACTION_COUNT``
  and ``ActionAuthenticatorMixin.request_count``: IAM enforcement, as moto's
  ``moto.core.authorization`` counts and checks requests.
- ``moto.moto_api._internal.urls.url_paths``: the ``/moto-api/`` routes, to which we
  add Kendra's control endpoints (``moto_kendra.control``).

Errors: moto's ``get_exception_service_model`` (moto/core/errors.py) derives a service
name from any exception module that starts with "moto", which misreads
``moto_kendra.exceptions``. Our errors never reach it: they are JsonRESTErrors that
``moto_kendra.responses.handle`` renders itself, on every route.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from typing import Any

import moto.backend_index as backend_index
from moto import settings as moto_settings
from moto.core import DEFAULT_ACCOUNT_ID

# moto.core.authorization from 5.1; re-exported here in every 5.x.
from moto.core.responses import ActionAuthenticatorMixin

SERVICE = "kendra"
#: The region of a request that names none (no region in its host or signature).
DEFAULT_REGION = "us-east-1"
# Kendra and its FIPS endpoints (kendra-fips.<region>.amazonaws.com).
URL_PATTERN = re.compile(r"https?://kendra(?:-fips)?\.(.+)\.amazonaws\.com")
_HTTP_METHODS = ("GET", "DELETE", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")

_registered = False


def register() -> None:
    """Make moto serve Kendra. Idempotent; safe while a mock is active."""
    global _registered
    if _registered:
        return
    from . import models

    sys.modules[f"moto.{SERVICE}"] = models
    if not any(service == SERVICE for service, _ in backend_index.backend_url_patterns):
        # First, so Kendra requests stop at the first pattern moto tries.
        backend_index.backend_url_patterns.insert(0, (SERVICE, URL_PATTERN))
    _file_models_for_dashboard(models)
    _register_control_routes()
    _install_fast_path()
    _register_with_active_mock()
    _registered = True


def _register_control_routes() -> None:
    """Serve ``/moto-api/kendra/...`` (moto_kendra.control) beside moto's own routes.

    moto builds its ``/moto-api/`` routes from ``moto.moto_api._internal.urls.url_paths``
    every time it routes a request in-process (``BaseBackend.urls``, read by the
    botocore stubber and the ``requests`` mock through motoapi.amazonaws.com), and once
    per server when its Flask app for "moto_api" is made (``BaseBackend.flask_paths``,
    ``moto.moto_server.werkzeug_app.create_backend_app``), so adding to that dict
    before a server starts serves them in both modes.
    """
    from moto.moto_api._internal import urls as moto_api_urls

    from . import control

    # moto types these handlers as its own methods' signature; ours are url handlers too.
    url_paths: dict[str, Any] = moto_api_urls.url_paths
    for path, handler in control.url_paths.items():
        url_paths.setdefault(path, handler)


def _file_models_for_dashboard(models: Any) -> None:
    from moto.core.model_instances import model_data

    misfiled = model_data.pop("models", {})
    ours = {
        name: cls
        for name, cls in misfiled.items()
        if getattr(cls, "__module__", "") == models.__name__
    }
    if len(ours) != len(misfiled):
        model_data["models"] = {k: v for k, v in misfiled.items() if k not in ours}
    model_data[SERVICE].update(ours)


def _register_with_active_mock() -> None:
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
        responses_mock.add(CallbackResponse(method=method, url=URL_PATTERN, callback=callback))


def account_for(headers: Any, access_key: str | None, region: str) -> str:
    """The account a request acts in, by moto's rules (BaseResponse.get_current_account)."""
    if "MOTO_ACCOUNT_ID" in os.environ:
        return os.environ["MOTO_ACCOUNT_ID"]
    header = headers.get("x-moto-account-id")
    if header:
        return str(header)
    if access_key is None:
        return DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends, mark_account_as_visited

    # moto's get_account_id_from() creates an IAM backend per partition to look; a
    # key can only be in one that exists, so look there alone.
    for account_id, account in list(iam_backends.items()):
        for partition_backend in list(dict.values(account)):
            if access_key in partition_backend.access_keys:
                mark_account_as_visited(
                    account_id=account_id,
                    access_key=access_key,
                    service=SERVICE,
                    region=region,
                )
                return str(account_id)
    return DEFAULT_ACCOUNT_ID


def authorize(request: Any, full_url: str, operation: str, account_id: str, region: str) -> None:
    """Authorize the call as ``kendra:<operation>`` when moto enforces IAM.

    The rules of moto's ``ActionAuthenticatorMixin._authenticate_and_authorize_action``
    (moto/core/authorization.py), shared with every moto service: the first
    ``settings.INITIAL_NO_AUTH_ACTION_COUNT`` requests (all, by default: infinity) are
    counted and let through; later ones must be signed by a key moto's IAM knows, and
    the key's policies must allow the action, on resource "*" as moto checks every
    non-S3 action. A failure is a Kendra JSON 1.1 error, not moto's XML 403.
    """
    if ActionAuthenticatorMixin.request_count < moto_settings.INITIAL_NO_AUTH_ACTION_COUNT:
        ActionAuthenticatorMixin.request_count += 1
        return
    _enforce_iam(request, full_url, operation, account_id)


def _enforce_iam(request: Any, full_url: str, operation: str, account_id: str) -> None:
    from urllib.parse import urlparse

    from .exceptions import UnrecognizedClientException

    headers = request.headers
    if "Credential=" not in (headers.get("Authorization") or ""):
        raise UnrecognizedClientException(
            "The request is not signed with AWS Signature Version 4: "
            "the Authorization header is missing or malformed."
        )
    parsed = urlparse(full_url)
    path = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
    body = request.body if hasattr(request, "body") else request.get_data()
    if "host" not in {str(name).lower() for name in headers.keys()}:
        # botocore signs Host but leaves it to the HTTP layer; moto before 5.2.4
        # hands over botocore's headers as they are (BaseResponse adds it the same way).
        headers = {**dict(headers.items()), "Host": parsed.netloc}
    iam_request = _kendra_iam_request_class()(
        account_id=account_id,
        method=request.method,
        path=path,
        data={},
        body=body,
        headers=headers,
        action=operation,
    )
    iam_request.check_signature()
    iam_request.check_action_permitted("*")


@functools.cache
def _kendra_iam_request_class() -> type:
    """moto's IAMRequest, with Kendra's JSON 1.1 errors instead of moto's XML ones."""
    from moto.iam.access_control import IAMRequest

    from .exceptions import (
        AccessDeniedException,
        InvalidSignatureException,
        UnrecognizedClientException,
    )

    class KendraIAMRequest(IAMRequest):
        def _raise_signature_does_not_match(self) -> None:
            raise InvalidSignatureException(
                "The request signature we calculated does not match the signature "
                "you provided. Check your AWS Secret Access Key and signing method. "
                "Consult the service documentation for details."
            )

        def _raise_invalid_access_key(self, _: str) -> None:
            raise UnrecognizedClientException(
                "The security token included in the request is invalid."
            )

        def _raise_access_denied(self) -> None:
            raise AccessDeniedException(
                f"User: {self._access_key.arn} is not authorized to perform: {self._action}"
            )

    return KendraIAMRequest


def moto_config_snapshot() -> Any:
    """A copy of moto's user configuration (``moto.core.config.default_user_config``)."""
    import copy

    from moto.core.config import default_user_config

    return copy.deepcopy(dict(default_user_config))


def restore_moto_config(snapshot: Any) -> None:
    """Put moto's user configuration back as ``moto_config_snapshot`` saw it, in place."""
    from moto.core.config import default_user_config

    config: dict[str, Any] = default_user_config  # type: ignore[assignment]
    if snapshot is not None and dict(config) != snapshot:
        config.clear()
        config.update(snapshot)


def mocks_active() -> int:
    """How many ``mock_aws`` are active, nested (``MockAWS._nested_count``)."""
    from moto.core.models import MockAWS

    return int(getattr(MockAWS, "_nested_count", 0))


def reset_backends() -> None:
    """Reset every moto backend while the mock stays active (what a mock start does).

    ``MockAWS.reset`` also clears the ``requests`` mock's routes, which only a fresh
    start re-adds, so this resets the backends alone, plus the default boto3 session
    that moto replaces at every start.
    """
    import boto3
    from moto.core.base_backend import BackendDict
    from moto.core.model_instances import reset_model_data

    BackendDict.reset()
    reset_model_data()
    boto3.DEFAULT_SESSION = None


# -- the fast path ------------------------------------------------------------------

_fast_path_installed = False


def _install_fast_path() -> None:
    """Wrap moto's stubber so that plain Kendra requests skip its generic routing.

    Replacing the method of moto's one stubber (rather than adding a before-send
    handler beside it) keeps every request answered exactly once. See fast_path.
    """
    global _fast_path_installed
    if _fast_path_installed:
        return
    from moto.core.models import botocore_stubber

    from . import fast_path

    fast_path._full_path = botocore_stubber.process_request
    shortcut = _kendra_shortcut()

    def process_request(request: Any) -> Any:
        if fast_path.ENABLED:
            answer = shortcut(request)
            if answer is not None:
                return answer
        return fast_path._full_path(request)

    botocore_stubber.process_request = process_request  # type: ignore[method-assign]
    _fast_path_installed = True


def _kendra_shortcut() -> Any:
    """The answer to a request moto would route to Kendra unchanged, or None."""
    from moto.core.config import passthrough_service, passthrough_url, service_whitelisted
    from moto.moto_api import recorder

    from .fast_path import PLAIN_KENDRA_URL, RequestView
    from .models import kendra_backends

    match_url = PLAIN_KENDRA_URL.match
    infinity = float("inf")

    def shortcut(request: Any) -> tuple[int, dict[str, str], str] | None:
        try:
            url = request.url
            patterns = backend_index.backend_url_patterns
            if (
                not isinstance(url, str)
                or match_url(url) is None
                or not patterns
                or patterns[0][0] != SERVICE
                or moto_settings.INITIAL_NO_AUTH_ACTION_COUNT != infinity
                or getattr(recorder, "_user_enabled", True)
                or passthrough_url(url)
                or passthrough_service(SERVICE)
                or not service_whitelisted(SERVICE)
            ):
                return None
            view = RequestView.of(request, url)
        except Exception:  # noqa: BLE001 - anything unexpected: moto's way decides
            return None
        if view is None:
            return None
        # Imported here, not at install: it loads botocore's Kendra model (~20 ms once).
        from .responses import handle

        # moto's routing makes this backend (it reads Kendra's URL map from it): so do
        # we, so that the same backends exist after a request on either path.
        kendra_backends[DEFAULT_ACCOUNT_ID]["us-east-1"]
        return handle(view, url, view.headers)

    return shortcut


def list_s3_bucket(
    account_id: str, partition: str, bucket_name: str
) -> list[tuple[str, str, int]] | None:
    """(key, ETag, size) of every object in a bucket of moto's S3; None if it doesn't exist.

    Reads ``moto.s3.models.s3_backends``; a delete marker is no object.
    """
    from moto.s3.exceptions import MissingBucket
    from moto.s3.models import FakeKey, s3_backends

    try:
        bucket = s3_backends[account_id][partition].get_bucket(bucket_name)
    except MissingBucket:
        return None
    return [
        (key, value.etag, value.size)
        for key, value in bucket.keys.items()
        if isinstance(value, FakeKey)
    ]
