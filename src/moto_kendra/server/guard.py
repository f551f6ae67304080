"""The WSGI guard in front of moto's server application.

What it refuses, before moto sees the request:

- a Host header that could come from DNS rebinding (a web page's own domain pointed at
  this machine): only IP literals, ``localhost`` (and ``*.localhost``), AWS's own
  domains, the name the server is bound to and names allowed with ``--allow-host`` are
  answered; 403 otherwise;
- a cross-origin request from a browser (an ``Origin`` header, or ``Sec-Fetch-Site:
  cross-site``) unless the origin is allowed (``--allow-origin``, ``--cors-any``) or is
  the server's own; 403, and no permissive CORS headers on any answer;
- a ``/moto-api/`` request without the control token, when one is set; 401;
- a body that isn't what its headers say: a Content-Length that isn't a non-negative
  number, a body that ends before it (400 SerializationException), one larger than the
  limit (413), one that doesn't arrive within the read timeout (408).

The body is read whole here, under the connection's read timeout, so moto's routing
(which may read it while holding its lock) never waits on a slow client.
"""

from __future__ import annotations

import hmac
import io
import ipaddress
import json
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

#: Domains no web page can point at this machine (they belong to AWS).
AWS_DOMAINS = (".amazonaws.com", ".amazonaws.com.cn", ".api.aws")
TOKEN_HEADER = "X-Moto-Kendra-Token"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Policy:
    """What the guard lets through."""

    bound_host: str = "127.0.0.1"
    allowed_hosts: frozenset[str] = frozenset()
    any_host: bool = False
    allowed_origins: frozenset[str] = frozenset()
    cors_any: bool = False
    control_token: str | None = None
    max_request_bytes: int = 128 * 1024 * 1024


def _host_name(host_header: str) -> str:
    """The name part of a Host header (no port; IPv6 without brackets), lowercased."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def machine_names(bound_host: str) -> frozenset[str]:
    """Names of this machine a client may use when the server listens on every interface."""
    names = {bound_host.lower()}
    if bound_host in ("0.0.0.0", "::", ""):
        hostname = socket.gethostname().lower()
        names.update({hostname, socket.getfqdn().lower()})
    return frozenset(names)


class Guard:
    """WSGI middleware enforcing a ``Policy`` in front of ``app``."""

    def __init__(self, app: WsgiApp, policy: Policy) -> None:
        self.app = app
        self.policy = policy
        self._names = machine_names(policy.bound_host)

    # -- checks -----------------------------------------------------------------------

    def host_allowed(self, host_header: str) -> bool:
        if self.policy.any_host:
            return True
        name = _host_name(host_header)
        return (
            _is_ip(name)
            or name == "localhost"
            or name.endswith(".localhost")
            or name.endswith(AWS_DOMAINS)
            or name in self._names
            or name in self.policy.allowed_hosts
        )

    def origin_allowed(self, origin: str, host_header: str) -> bool:
        if self.policy.cors_any or origin in self.policy.allowed_origins:
            return True
        # The server's own pages (moto's dashboard) are same-origin.
        parts = urlsplit(origin)
        return bool(parts.netloc) and parts.netloc.lower() == host_header.strip().lower()

    def token_ok(self, environ: dict[str, Any]) -> bool:
        token = self.policy.control_token
        if token is None:
            return True
        given = environ.get("HTTP_" + TOKEN_HEADER.upper().replace("-", "_"), "")
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        if not given and authorization.lower().startswith("bearer "):
            given = authorization[7:].strip()
        return hmac.compare_digest(given.encode(), token.encode())

    # -- the request ----------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST", "")
        if not self.host_allowed(host):
            name = _host_name(host)
            remedy = (
                f"Start it with --allow-host {_clip(name)} to allow that name."
                if name
                else "A request must name the server in its Host header."
            )
            return _refuse(
                start_response,
                403,
                "InvalidHostHeader",
                f"This server doesn't answer to Host {_clip(host)!r}. {remedy}",
            )
        origin = environ.get("HTTP_ORIGIN")
        cross_site = environ.get("HTTP_SEC_FETCH_SITE", "").lower() == "cross-site"
        allowed_origin = origin if origin and self.origin_allowed(origin, host) else None
        if (origin and allowed_origin is None) or (cross_site and allowed_origin is None):
            return _refuse(
                start_response,
                403,
                "CrossOriginRequestRefused",
                f"Cross-origin requests from {_clip(origin or 'a cross-site page')!r} are "
                "refused. Start the server with --allow-origin ORIGIN (or --cors-any) to "
                "allow them.",
            )
        if environ.get("REQUEST_METHOD") == "OPTIONS" and allowed_origin is not None:
            return self._preflight(environ, start_response, allowed_origin)
        if environ.get("PATH_INFO", "").startswith("/moto-api") and not self.token_ok(environ):
            return _refuse(
                start_response,
                401,
                "MissingControlToken",
                f"The /moto-api/ routes of this server need its control token in the "
                f"{TOKEN_HEADER} header (or Authorization: Bearer <token>).",
            )
        refusal = self._read_body(environ, start_response)
        if refusal is not None:
            return refusal
        return self.app(environ, _cors_filtered(start_response, allowed_origin))

    def _preflight(
        self, environ: dict[str, Any], start_response: StartResponse, origin: str
    ) -> Iterable[bytes]:
        requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS", "*")
        start_response(
            "204 No Content",
            [
                *_cors_headers(origin),
                ("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, HEAD, PATCH"),
                ("Access-Control-Allow-Headers", requested),
                ("Access-Control-Max-Age", "600"),
                ("Content-Length", "0"),
            ],
        )
        return [b""]

    def _read_body(
        self, environ: dict[str, Any], start_response: StartResponse
    ) -> Iterable[bytes] | None:
        stream = environ.get("wsgi.input")
        raw_length = environ.get("CONTENT_LENGTH", "")
        limit = self.policy.max_request_bytes
        chunked = environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked"
        if raw_length in ("", None) and not chunked:
            body = b""
        elif raw_length not in ("", None) and not (
            str(raw_length).isascii() and str(raw_length).isdigit()
        ):
            return _refuse(
                start_response,
                400,
                "SerializationException",
                f"The Content-Length header {_clip(str(raw_length))!r} is not a number of bytes.",
            )
        else:
            expected = None if chunked and raw_length in ("", None) else int(raw_length)
            if expected is not None and expected > limit:
                return _too_large(start_response, limit)
            try:
                body = _read(stream, expected, limit)
            except _TooLarge:
                return _too_large(start_response, limit)
            except OSError:  # the read timeout, or the client went away
                return _refuse(
                    start_response,
                    408,
                    "RequestTimeout",
                    "The request body didn't arrive within the server's read timeout.",
                )
            if expected is not None and len(body) < expected:
                return _refuse(
                    start_response,
                    400,
                    "SerializationException",
                    f"The request body ended after {len(body)} of the {expected} bytes "
                    "its Content-Length announced.",
                )
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        environ["wsgi.input_terminated"] = True
        return None


class _TooLarge(Exception):
    pass


def _read(stream: Any, expected: int | None, limit: int) -> bytes:
    """Read ``expected`` bytes (None: to the end of the stream), never more than ``limit``."""
    parts: list[bytes] = []
    received = 0
    while expected is None or received < expected:
        want = _CHUNK if expected is None else min(_CHUNK, expected - received)
        chunk = stream.read(want) if stream is not None else b""
        if not chunk:
            break
        received += len(chunk)
        if received > limit:
            raise _TooLarge
        parts.append(chunk)
    return b"".join(parts)


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cors_headers(origin: str) -> list[tuple[str, str]]:
    return [
        ("Access-Control-Allow-Origin", origin),
        ("Access-Control-Expose-Headers", "*"),
        ("Vary", "Origin"),
    ]


def _cors_filtered(start_response: StartResponse, origin: str | None) -> StartResponse:
    """moto's app adds permissive CORS headers (flask-cors): replace them with ours."""

    def filtered(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
        kept = [
            (name, value)
            for name, value in headers
            if not name.lower().startswith("access-control-")
        ]
        if origin is not None:
            kept.extend(_cors_headers(origin))
        return start_response(status, kept, *args)

    return filtered


def _too_large(start_response: StartResponse, limit: int) -> Iterable[bytes]:
    return _refuse(
        start_response,
        413,
        "RequestEntityTooLarge",
        f"The request body is larger than this server's limit of {limit} bytes "
        "(--max-request-bytes).",
    )


_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    408: "Request Timeout",
    413: "Payload Too Large",
}


def _refuse(start_response: StartResponse, status: int, code: str, message: str) -> list[bytes]:
    body = json.dumps({"__type": code, "message": message}).encode()
    start_response(
        f"{status} {_REASONS[status]}",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
        ],
    )
    return [body]
