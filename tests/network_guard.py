"""No network while mocked: every socket may connect to loopback (moto's server, the
test's own servers) or a Unix socket, and nowhere else."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
#: Where the suite tried to connect and was refused: (host, port).
refused: list[tuple[str, Any]] = []


class NetworkBlocked(OSError):
    """A test tried to reach a non-loopback address."""


def is_local(address: Any) -> bool:
    if not isinstance(address, tuple):
        return True  # AF_UNIX path (or abstract namespace)
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost: it would be resolved and left


def _check(address: Any) -> None:
    if not is_local(address):
        refused.append((str(address[0]), address[1] if len(address) > 1 else None))
        raise NetworkBlocked(f"moto-kendra's test suite blocks network access to {address!r}")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check(address)
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check(address)
    return _real_connect_ex(self, address)


def install(monkeypatch: Any) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
