"""Backends to JSON and back: the state a restart keeps.

Each backend is written by ``state_codec`` (its object graph, with shared and cyclic
structure, as JSON-ready values; only moto-kendra's classes and a short allow-list are
ever made from a file). The file: ``{"format": "moto-kendra-state", "version": 1,
"services": [{"service", "account", "region", "state"}]}``; a file of another format
or version is refused, and one that can't be read back changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..moto_glue.iam import is_account_id
from .state_codec import Decoder, Encoder, StateError, decode_into, encode_root

__all__ = [
    "Decoder",
    "Encoder",
    "StateError",
    "decode_into",
    "encode_root",
    "register_service",
    "restore_services",
    "snapshot_services",
]

FORMAT = "moto-kendra-state"
VERSION = 1


def document(services: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole file: every service's state, with the format and version."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": datetime.now(timezone.utc).isoformat(),
        "services": services,
    }


def services_of(data: Any) -> list[dict[str, Any]]:
    """The services of a state file, after checking its format and version."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StateError(f"This is not a moto-kendra state file (format {FORMAT!r}).")
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # True == 1, but isn't a version
        raise StateError(
            f"This state file is version {version!r:.40}; this moto-kendra reads version {VERSION}."
        )
    services = data.get("services")
    if not isinstance(services, list):
        raise StateError("A state file's services must be a list.")
    return services


#: The services whose backends a state file holds: name -> BackendDict. Each service
#: module registers its own (``register_service``).
SERVICES: dict[str, Any] = {}


def register_service(service: str, backends: Any) -> None:
    """Keep ``backends`` (a moto BackendDict) in state files, as ``service``."""
    SERVICES[service] = backends


def snapshot_services() -> dict[str, Any]:
    """Every registered service's backends that exist, as one state document.

    Each backend is encoded under its own lock.
    """
    services: list[dict[str, Any]] = []
    for service, backends in SERVICES.items():
        for account, regions in list(backends.items()):
            for region, backend in list(dict.items(regions)):
                services.append(
                    {
                        "service": service,
                        "account": account,
                        "region": region,
                        "state": backend.snapshot(),
                    }
                )
    return document(services)


def _service_of(entry: Any) -> Any:
    return entry.get("service") if isinstance(entry, dict) else entry


def _entry_backend(entry: Any) -> Any:
    """The backend a state file's service entry is for (checked)."""
    if not isinstance(entry, dict) or entry.get("service") not in SERVICES:
        raise StateError(
            "A state file's entries must each name a service this moto-kendra serves "
            f"({', '.join(sorted(SERVICES))}), not {_service_of(entry)!r:.40}."
        )
    account, region = entry.get("account"), entry.get("region")
    if not is_account_id(account):
        raise StateError(f"A state file's account must be 12 digits, not {account!r:.40}.")
    try:
        return SERVICES[entry["service"]][account][str(region)]
    except KeyError:
        raise StateError(f"{entry['service']} has no region {region!r:.40}.") from None


def _reset_every_backend() -> None:
    for backends in SERVICES.values():
        for regions in list(backends.values()):
            for backend in list(dict.values(regions)):
                backend.reset()


def _restore_entries(entries: list[Any]) -> None:
    _reset_every_backend()
    for entry in entries:
        _entry_backend(entry).restore(entry.get("state"))


def restore_services(data: Any) -> int:
    """Replace the registered services' state with a state document's; how many backends
    it held. Backends it doesn't name are reset. A document that can't be read back
    (StateError) changes nothing."""
    entries = services_of(data)
    for entry in entries:
        _entry_backend(entry)
    previous = services_of(snapshot_services())
    try:
        _restore_entries(entries)
    except StateError:
        _restore_entries(previous)
        raise
    return len(entries)
