"""Checked state-manager transitions for our models (``kendra::*``).

moto's state manager accepts any dict as a transition and its ``ManagedState`` reads
it at every status read: ``{"progression": "manual"}`` without ``times``, or
``"seconds": "abc"``, would make every later read of a Kendra resource fail. Here:

- ``state_manager.set_transition`` (the Python route) and moto's
  ``/moto-api/state-manager/set-transition`` (the HTTP route) refuse a malformed
  transition for one of our models: ``ValueError``, and HTTP 400 with the reason;
- ``state_manager.get_transition`` answers the model's registered default for a
  malformed transition that arrived some other way, so reads never fail.

Relies on ``moto.moto_api.state_manager`` (its ``set_transition``/``get_transition``
methods, wrapped on the instance, and ``_default_transitions``) and on
``moto.moto_api._internal.urls.url_paths`` (the set-transition route).
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

from ..exceptions import clip

PROGRESSIONS = ("immediate", "manual", "time")
#: The longest step of a time progression: a step is due at its start plus this, which
#: must be a date (infinity, NaN or 1e300 seconds would fail every read).
MAX_SECONDS = 100 * 365 * 24 * 3600
_installed_prefixes: list[str] = []


def problem_with(transition: Any) -> str | None:
    """Why ``transition`` can't drive a ManagedState, or None if it can."""
    if not isinstance(transition, dict):
        return f"a transition is a JSON object, not {type(transition).__name__}"
    progression = transition.get("progression")
    if progression not in PROGRESSIONS:
        return f"progression must be one of {', '.join(PROGRESSIONS)}, not {progression!r}"
    if progression == "manual":
        times = transition.get("times")
        if isinstance(times, bool) or not isinstance(times, int) or times < 0:
            return f"a manual progression needs times, a non-negative integer, not {times!r}"
    if progression == "time":
        seconds = transition.get("seconds")
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, (int, float))
            or not math.isfinite(seconds)
            or seconds < 0
        ):
            return f"a time progression needs seconds, a non-negative number, not {seconds!r}"
        if seconds > MAX_SECONDS:
            return (
                f"a time progression needs seconds, at most {MAX_SECONDS} (a hundred years), "
                f"not {seconds!r}"
            )
    return None


def _ours(model_name: Any) -> bool:
    return isinstance(model_name, str) and model_name.startswith(tuple(_installed_prefixes))


def install(prefix: str) -> None:
    """Check the transitions of every model whose name starts with ``prefix``. Idempotent."""
    if prefix in _installed_prefixes:
        return
    first = not _installed_prefixes
    _installed_prefixes.append(prefix)
    if first:
        _wrap_state_manager()
        _wrap_http_route()


def _wrap_state_manager() -> None:
    from moto.moto_api import state_manager

    set_transition = state_manager.set_transition
    get_transition = state_manager.get_transition

    def checked_set(model_name: str, transition: dict[str, Any]) -> None:
        if _ours(model_name):
            problem = problem_with(transition)
            if problem is not None:
                raise ValueError(f"Invalid transition for {model_name}: {problem}.")
        set_transition(model_name, transition)

    # The last transition checked per model, and whether it was sound: a status read
    # checks only a transition it hasn't seen (reads are far more frequent than sets).
    checked: dict[str, tuple[dict[str, Any], bool]] = {}

    def sound(model_name: str, transition: Any) -> bool:
        seen = checked.get(model_name)
        if seen is not None and seen[0] == transition:
            return seen[1]
        ok = problem_with(transition) is None
        if isinstance(transition, dict):
            checked[model_name] = (dict(transition), ok)
        return ok

    def safe_get(model_name: str) -> dict[str, Any]:
        transition = get_transition(model_name)
        if _ours(model_name) and not sound(model_name, transition):
            default: dict[str, Any] = state_manager._default_transitions.get(
                model_name, {"progression": "immediate"}
            )
            return default
        return transition

    state_manager.set_transition = checked_set  # type: ignore[method-assign]
    state_manager.get_transition = safe_get  # type: ignore[method-assign]


def _wrap_http_route() -> None:
    from moto.moto_api._internal import urls as moto_api_urls

    key = "{0}/moto-api/state-manager/set-transition"
    url_paths: dict[str, Any] = moto_api_urls.url_paths
    moto_handler = url_paths.get(key)
    if moto_handler is None:
        return

    def set_transition(request: Any, full_url: str, headers: Any) -> Any:
        if hasattr(request, "body"):
            raw = request.body
        else:  # a werkzeug request: moto reads wsgi.input again, so give it the bytes back
            raw = request.get_data()
            request.environ["wsgi.input"] = io.BytesIO(raw)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None
        if isinstance(body, dict) and _ours(body.get("model_name")):
            problem = problem_with(body.get("transition"))
            if problem is not None:
                message = clip(f"Invalid transition for {body['model_name']}: {problem}.", 1024)
                return (
                    400,
                    {"Content-Type": "application/json"},
                    json.dumps({"error": "InvalidTransition", "message": message}),
                )
        return moto_handler(request, full_url, headers)

    url_paths[key] = set_transition
