"""Kendra's test controls over HTTP, under moto's ``/moto-api/`` prefix.

The same calls as the Python API of a backend's controls (``script_sync_outcome``,
``inject_fault`` and their ``clear_*``/``list_*``, ``moto_kendra.testing.controls``), for clients that are not in the
server's process: moto's server mode, the AWS CLI, other languages.

``/moto-api/kendra/sync-outcomes`` and ``/moto-api/kendra/faults`` take:

- ``POST`` with a JSON object of the Python method's keywords (``script_sync_outcome``
  or ``inject_fault``);
- ``DELETE`` with an optional JSON object (``data_source_id`` or ``operation``; none:
  clear every script or fault);
- ``GET``: what is waiting.

Every body may also name ``account_id`` and ``region`` (default 123456789012 and
us-east-1), and ``service``: ``kendra`` (the default) or, for faults, ``kendra-ranking``
(Kendra Intelligent Ranking's operations); ``GET`` and ``DELETE`` take them, and their
keywords, as query parameters too (as strings). Every answer is ``{"sync_outcomes": [...]}`` or ``{"faults": [...]}``: what is
waiting afterwards, in that account and region. A bad request is HTTP 400
``{"error": "...", "message": "..."}``.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlparse

from moto.core import DEFAULT_ACCOUNT_ID

from ..backend import KendraBackend, kendra_backends
from ..backend.persistence import StateError, restore_services, snapshot_services
from ..backend.ranking import KendraRankingBackend, kendraranking_backends
from ..exceptions import MAX_MESSAGE_CHARS, clip
from ..moto_glue import DEFAULT_REGION
from ..moto_glue.iam import is_account_id
from ..spec.service import KENDRA, KENDRA_RANKING

_JSON = {"Content-Type": "application/json"}
_LOCATION_KEYS = ("account_id", "region", "service")
_BACKENDS: dict[str, Any] = {KENDRA: kendra_backends, KENDRA_RANKING: kendraranking_backends}


class _BadRequest(Exception):
    pass


def _keywords(method: Callable[..., Any]) -> tuple[str, ...]:
    return tuple(
        name
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD)
        and name != "self"
    )


def _body(request: Any) -> Any:
    raw = request.body if hasattr(request, "body") else request.get_data()
    if isinstance(raw, (bytes, bytearray)):
        raw = raw.decode("utf-8", errors="replace")
    if not raw or not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError as error:
        raise _BadRequest(f"The request body is not valid JSON: {error}") from None
    except RecursionError:
        raise _BadRequest("The request body is not valid JSON: it is nested too deeply.") from None


def _arguments(request: Any, full_url: str) -> dict[str, Any]:
    """The JSON body's object, plus the query parameters (which the body overrides)."""
    arguments: dict[str, Any] = dict(parse_qsl(urlparse(full_url).query))
    body = _body(request)
    if not isinstance(body, dict):
        raise _BadRequest("The request body must be a JSON object.")
    arguments.update(body)
    return arguments


def _backend(arguments: dict[str, Any]) -> KendraBackend | KendraRankingBackend:
    account_id = str(arguments.pop("account_id", None) or DEFAULT_ACCOUNT_ID)
    region = str(arguments.pop("region", None) or DEFAULT_REGION)
    service = str(arguments.pop("service", None) or KENDRA)
    if not is_account_id(account_id):
        raise _BadRequest(f"account_id must be 12 digits, not {clip(account_id)!r}")
    if service not in _BACKENDS:
        raise _BadRequest(f"service must be one of {', '.join(_BACKENDS)}, not {clip(service)!r}")
    try:
        return _BACKENDS[service][account_id][region]  # type: ignore[no-any-return]
    except KeyError:
        name = "Kendra" if service == KENDRA else "Kendra Intelligent Ranking"
        raise _BadRequest(f"{name} has no region {clip(region)!r}") from None


def _call(method: Callable[..., Any], arguments: dict[str, Any]) -> None:
    allowed = _keywords(method)
    unknown = sorted(set(arguments) - set(allowed))
    if unknown:
        raise _BadRequest(
            f"Unknown member(s) {', '.join(map(repr, unknown))}; this endpoint takes "
            f"{', '.join(allowed + _LOCATION_KEYS)}."
        )
    try:
        method(**arguments)
    except (TypeError, ValueError) as error:
        raise _BadRequest(str(error)) from None


def _endpoint(
    key: str, script: str, clear: str, listing: str
) -> Callable[[Any, str, Any], tuple[int, dict[str, str], str]]:
    def handler(request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str]:
        method = request.method.upper()
        try:
            if method not in ("GET", "POST", "DELETE"):
                return (
                    405,
                    {**_JSON, "Allow": "GET, POST, DELETE"},
                    json.dumps(
                        {"error": "MethodNotAllowed", "message": f"{method} is not allowed here."}
                    ),
                )
            arguments = _arguments(request, full_url)
            backend = _backend(arguments)
            controls = backend.controls
            if not hasattr(controls, listing):
                raise _BadRequest(f"Kendra Intelligent Ranking has no {key}: only faults.")
            with backend.lock:
                if method == "POST":
                    _call(getattr(controls, script), arguments)
                elif method == "DELETE":
                    _call(getattr(controls, clear), arguments)
                elif arguments:
                    raise _BadRequest(
                        f"GET takes only {', '.join(_LOCATION_KEYS)}, not "
                        f"{', '.join(sorted(arguments))}."
                    )
                waiting = getattr(controls, listing)()
        except _BadRequest as error:
            message = clip(str(error), MAX_MESSAGE_CHARS)
            return 400, _JSON, json.dumps({"error": "BadRequest", "message": message})
        return 200, _JSON, json.dumps({key: waiting})

    handler.__name__ = key
    handler.__qualname__ = key
    return handler


sync_outcomes = _endpoint(
    "sync_outcomes",
    "script_sync_outcome",
    "clear_sync_outcomes",
    "list_sync_outcomes",
)
faults = _endpoint("faults", "inject_fault", "clear_faults", "list_faults")


def state(request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str]:
    """``/moto-api/kendra/state``: GET the state of every backend (the document
    ``moto-kendra-server --state`` saves), PUT one to replace it."""
    method = request.method.upper()
    if method == "GET":
        return 200, _JSON, json.dumps(snapshot_services())
    if method != "PUT":
        return (
            405,
            {**_JSON, "Allow": "GET, PUT"},
            json.dumps(
                {"error": "MethodNotAllowed", "message": f"{clip(method)} is not allowed here."}
            ),
        )
    try:
        restored = restore_services(_body(request))
    except (_BadRequest, StateError) as error:
        message = clip(str(error), MAX_MESSAGE_CHARS)
        return 400, _JSON, json.dumps({"error": "BadRequest", "message": message})
    return 200, _JSON, json.dumps({"restored": restored})


#: moto's url_paths convention: path regex (after moto's url base) -> handler.
url_paths = {
    "{0}/moto-api/kendra/state$": state,
    "{0}/moto-api/kendra/sync-outcomes$": sync_outcomes,
    "{0}/moto-api/kendra/faults$": faults,
}
