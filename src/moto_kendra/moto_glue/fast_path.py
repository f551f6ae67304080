"""A shortcut for Kendra requests through moto's botocore hook: same answer, less work.

moto answers a boto3 call in its ``before-send`` handler (``BotocoreStubber``): it
parses the URL again, looks up the backend, rebuilds the backend's URL map, compiles
its regexes and wraps the request in a werkzeug ``Request`` before it reaches
``moto_kendra.protocol.dispatch.handle``. For a DescribeIndex that is about 130 of the
160 µs a call spends outside botocore's own pipeline (benchmarks/run.py measures the
calls). ``install`` wraps the stubber's ``process_request`` (an attribute of moto's one
stubber instance) and decides which requests may take the shortcut. A plain Kendra
request goes straight to ``handle`` with botocore's ``AWSPreparedRequest`` (seen through
a ``RequestView``); anything else goes the full way, as before.

Because it replaces a method of moto's own handler rather than adding a handler, the
order of ``before-send`` handlers is unchanged, and every request is answered exactly
once, by the one stubber botocore calls. The full path still serves:

- requests whose URL is not exactly ``http(s)://kendra.<region>.amazonaws.com[/]``
  (query strings, custom or ISO endpoints), and every other service;
- any moto ``passthrough`` (URL or service) and a ``service_whitelist`` without
  Kendra (moto then returns ``None`` or raises ``ServiceNotWhitelisted`` itself);
- IAM enforcement (``INITIAL_NO_AUTH_ACTION_COUNT`` set), so ``authorize`` sees
  moto's request, and moto's recorder when it records;
- a route table where Kendra's pattern is no longer the first one moto tries.

The ``requests`` mock reaches the same wrapper (moto >= 5.2.2's
``process_prepared_request`` calls ``process_request``; older moto hands it a werkzeug
request, which goes the full way), and so does a mock started before
``import moto_kendra``. The server never does: it dispatches to ``handle`` through
werkzeug.

Set ``ENABLED = False`` to send everything the full way (the tests compare both).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import moto.backend_index as backend_index
from moto import settings as moto_settings
from moto.core import DEFAULT_ACCOUNT_ID

#: Whether Kendra requests take the shortcut (read at every request).
ENABLED = True

PLAIN_KENDRA_URL = re.compile(r"https?://kendra(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com/?\Z")
#: moto's own ``process_request`` (bound to its stubber), which the wrapper falls back to;
#: set by ``install``.
_full_path: Any = None
_installed = False

Handler = Callable[[Any, str, Any], Any]


class _Headers(Mapping):  # type: ignore[type-arg]
    """botocore's request headers as moto's request shows them: str values (UTF-8).

    A view, decoded on lookup: a Kendra request reads three headers of about ten.
    ``RequestView.of`` checks first that every value decodes, as moto requires.
    """

    __slots__ = ("_raw",)

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def __getitem__(self, name: str) -> str:
        value = self._raw[name]
        return value.decode("utf-8") if isinstance(value, bytes) else value

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def __contains__(self, name: object) -> bool:
        return name in self._raw

    def __iter__(self) -> Iterator[str]:
        return (name for name in self._raw if name.lower() != "transfer-encoding")

    def __len__(self) -> int:
        return sum(1 for _ in self)


class RequestView:
    """What ``handle`` reads of moto's request, built from botocore's without werkzeug.

    Header values are decoded as moto's ``normalize_request`` decodes them (UTF-8); a
    request this cannot represent the same way is left to the full path.
    """

    __slots__ = ("method", "url", "raw_url", "headers", "body")

    def __init__(self, method: str, url: str, headers: _Headers, body: bytes) -> None:
        self.method = method
        self.url = self.raw_url = url
        self.headers = headers
        self.body = body

    @classmethod
    def of(cls, request: Any, url: str) -> RequestView | None:
        # botocore's AWSPreparedRequest (the hook; moto >= 5.2.2's ``requests`` route).
        # Older moto hands its ``requests`` route a werkzeug request: the full path.
        if not hasattr(request, "body") or not hasattr(request, "method"):
            return None
        body = request.body
        if body is None:
            body = b""
        elif isinstance(body, str):
            body = body.encode("utf-8")
        elif not isinstance(body, bytes):
            return None
        headers = request.headers
        # botocore's HeadersDict keeps the values in ``_dict``: read there, it is faster.
        raw = getattr(headers, "_dict", None)
        for value in (raw if isinstance(raw, dict) else headers).values():
            if isinstance(value, bytes) and not value.isascii():
                try:
                    value.decode("utf-8")
                except UnicodeDecodeError:
                    return None  # moto's normalize_request would raise; let it
        return cls(request.method, url, _Headers(headers), body)

    def get_data(self) -> bytes:
        return self.body


def install(service: str, handle: Handler, backends: Any) -> None:
    """Wrap moto's stubber so that plain Kendra requests skip its generic routing.

    Replacing the method of moto's one stubber (rather than adding a before-send
    handler beside it) keeps every request answered exactly once. Idempotent.
    """
    global _full_path, _installed
    if _installed:
        return
    from moto.core.models import botocore_stubber

    _full_path = botocore_stubber.process_request
    shortcut = _shortcut(service, handle, backends)

    def process_request(request: Any) -> Any:
        if ENABLED:
            answer = shortcut(request)
            if answer is not None:
                return answer
        return _full_path(request)

    botocore_stubber.process_request = process_request  # type: ignore[method-assign]
    _installed = True


def _shortcut(service: str, handle: Handler, backends: Any) -> Callable[[Any], Any]:
    """The answer to a request moto would route to Kendra unchanged, or None."""
    from moto.core.config import passthrough_service, passthrough_url, service_whitelisted
    from moto.moto_api import recorder

    match_url = PLAIN_KENDRA_URL.match
    infinity = float("inf")

    def shortcut(request: Any) -> Any:
        try:
            url = request.url
            patterns = backend_index.backend_url_patterns
            if (
                not isinstance(url, str)
                or match_url(url) is None
                or not patterns
                or patterns[0][0] != service
                or moto_settings.INITIAL_NO_AUTH_ACTION_COUNT != infinity
                or getattr(recorder, "_user_enabled", True)
                or passthrough_url(url)
                or passthrough_service(service)
                or not service_whitelisted(service)
            ):
                return None
            view = RequestView.of(request, url)
        except Exception:  # noqa: BLE001 - anything unexpected: moto's way decides
            return None
        if view is None:
            return None
        # moto's routing makes this backend (it reads Kendra's URL map from it): so do
        # we, so that the same backends exist after a request on either path.
        backends[DEFAULT_ACCOUNT_ID]["us-east-1"]
        return handle(view, url, view.headers)

    return shortcut
