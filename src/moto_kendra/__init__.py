"""moto-kendra: Amazon Kendra for moto.

``import moto_kendra`` makes moto's ``mock_aws`` (and moto's server) answer Kendra
requests from an in-memory, per account and region backend.
"""

from __future__ import annotations

from .models import KendraBackend, kendra_backends
from .registration import register

register()

__all__ = ["KendraBackend", "kendra_backends"]
__version__ = "0.1.0"
