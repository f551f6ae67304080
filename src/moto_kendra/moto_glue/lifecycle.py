"""moto's mock lifecycle and configuration, for the kept mock of the test controls.

Relies on ``moto.core.models.MockAWS._nested_count``, ``moto.core.config.
default_user_config``, ``BackendDict.reset``, ``moto.core.model_instances.
reset_model_data`` and boto3's ``DEFAULT_SESSION`` (which moto replaces at every start).
"""

from __future__ import annotations

import copy
from typing import Any


def moto_config_snapshot() -> Any:
    """A copy of moto's user configuration (``moto.core.config.default_user_config``)."""
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
