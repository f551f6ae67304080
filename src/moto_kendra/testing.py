"""A moto mock kept active across tests, with a cheap reset between them.

Entering ``mock_aws()`` and creating a boto3 client costs about 150 ms a test, most of
it because moto swaps boto3's default session at every start and the new client reads
botocore's data again. ``KendraMock`` starts moto's mock once, keeps one boto3 session,
and between tests resets every moto backend (all services, not only Kendra), the
default boto3 session and the ``kendra::*`` state-manager transitions a test changed.
The pytest plugin drives it; it works the same from unittest or a script.

Its client is kept across tests too, while a test leaves it as it was made: creating a
boto3 client takes about 6 ms, most of a test's cost here. ``ClientGuard`` records what a
test could change on it (event handlers, attributes, config, credentials, retry quota,
the ``AWS_*`` environment) and the next test gets a new client whenever any of that
differs, so nothing a test does to its client reaches the next one.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import boto3
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.moto_api import state_manager

from . import registration
from .models import DATA_SOURCE_MODEL, INDEX_MODEL, SYNC_JOB_MODEL, KendraBackend, kendra_backends

if TYPE_CHECKING:
    from moto.core.models import MockAWS

KENDRA_MODELS = (INDEX_MODEL, DATA_SOURCE_MODEL, SYNC_JOB_MODEL)


class KendraMock:
    """moto's mock, started on demand and kept until ``pause``/``stop``."""

    def __init__(self, region_name: str = "us-east-1") -> None:
        self.region_name = region_name
        self._mock: MockAWS | None = None
        self._session: boto3.session.Session | None = None
        self._kept: ClientGuard | None = None
        self._transitions: dict[str, dict[str, Any]] = {}
        self._moto_config: Any = None
        self._in_test = False
        # Started inside the user's own active mock: stopped again with the test, so
        # that mocks stop in the reverse order they started (moto restores credentials
        # and configuration that way).
        self._nested = False

    @property
    def active(self) -> bool:
        return self._mock is not None

    def start(self) -> None:
        """Start moto's mock unless it is already running here."""
        if self._mock is None:
            self._nested = registration.mocks_active() > 0
            self._mock = mock_aws()
            self._mock.start()
            # moto's configuration as this mock runs: what end_test puts back.
            self._moto_config = registration.moto_config_snapshot()

    def pause(self) -> None:
        """Stop moto's mock (it resets every backend) until the next ``start``."""
        if self._mock is not None:
            mock, self._mock = self._mock, None
            mock.stop()

    stop = pause

    def begin_test(self) -> None:
        """Start a test: start moto's mock if needed, and note what ``end_test`` restores.

        State is fresh: ``end_test`` reset every backend after the previous test, and a
        start resets them as moto does (unless the user's own mock is active around it,
        whose start did).
        """
        if self._mock is None:
            self.start()
        self._transitions = {model: state_manager.get_transition(model) for model in KENDRA_MODELS}
        self._in_test = True

    def release(self) -> None:
        """The test's client is done with: stop a mock started inside the user's own
        (before the user's stops), keep any other for the next test."""
        if self._nested:
            self.pause()

    def end_test(self) -> None:
        """End a test, after all of its fixtures are torn down (the user's too).

        Drops scripted outcomes and faults, restores the ``kendra::*`` transitions and
        moto's configuration (a nested ``mock_aws(config=...)`` leaves its config in
        place while an outer mock runs), then resets every moto backend, as moto does
        when its outermost mock stops: not while the user's own mock is still active
        around the test (a module- or session-scoped one), as moto wouldn't either.
        """
        if not self._in_test:
            return
        self._in_test = False
        for regions in list(kendra_backends.values()):
            for backend in list(regions.values()):
                backend.clear_sync_outcomes()
                backend.clear_faults()
        for model, before in self._transitions.items():
            if state_manager.get_transition(model) != before:
                state_manager.unset_transition(model)
                if state_manager.get_transition(model) != before:
                    state_manager.set_transition(model, before)
        self._transitions = {}
        if self._mock is not None:
            registration.restore_moto_config(self._moto_config)
            if registration.mocks_active() == 1:
                registration.reset_backends()

    def client(self, **kwargs: Any) -> Any:
        """A boto3 Kendra client of a session kept across tests.

        Without arguments: the client handed out before, if it is still exactly as it
        was made (``ClientGuard``), else a new one that is kept in its place. With
        arguments: always a new client, not kept.
        """
        if kwargs:
            return self._new_client(**kwargs)
        kept = self._kept
        if kept is None or not kept.untouched():
            kept = self._kept = ClientGuard(self._new_client())
        return kept.client

    def _new_client(self, **kwargs: Any) -> Any:
        if self._session is None:
            self._session = boto3.session.Session(
                aws_access_key_id="FOOBARKEY",
                aws_secret_access_key="FOOBARSECRET",
            )
        kwargs.setdefault("region_name", self.region_name)
        # Credentials of its own for each client: a test that changes its client's
        # credentials object must not change the next client's.
        kwargs.setdefault("aws_access_key_id", "FOOBARKEY")
        kwargs.setdefault("aws_secret_access_key", "FOOBARSECRET")
        return self._session.client("kendra", **kwargs)

    def backend(
        self, account_id: str = DEFAULT_ACCOUNT_ID, region_name: str | None = None
    ) -> KendraBackend:
        return kendra_backends[account_id][region_name or self.region_name]


_PLAIN = (str, bytes, int, float, bool, type(None))
#: Handlers of these modules keep state across calls: the standard mode's retry
#: quota, the adaptive mode's rate limiter (other handlers are compared by identity).
_STATEFUL_MODULES = ("botocore.retries.",)


class ClientGuard:
    """A client, and what a test could change on it, as it was when made.

    ``untouched()`` is true while all of this is as recorded (else the client is not
    handed out again):

    - its event handlers: every handler in botocore's handler tree, in order, and the
      registrations by unique id (what ``register``/``unregister``, botocore's
      ``Stubber`` and the like change);
    - the attributes of the client, its class, ``meta``, endpoint and request signer
      (a replaced method, endpoint URL, serializer...), by identity;
    - its config (deep-compared), its credentials, and the state of its retry handlers,
      a few levels down: the retry quota of botocore's standard retry mode, the
      adaptive mode's rate limiter, a replaced sleep;
    - the ``AWS_*`` environment variables, which a new client would read.

    Identities are compared as ids; the guard holds every object it recorded, so no
    id can be reused by another object meanwhile. It reads botocore internals: if
    they are not as expected, the client is never reused, which only costs time.
    """

    def __init__(self, client: Any) -> None:
        self.client = client
        client.exceptions  # noqa: B018 - made on first use; make it now, not mid-test
        self._held: list[Any] = []
        self._owners: list[Any] = []
        try:
            self._snapshot: Any = _snapshot(client, self._owners, self._held)
        except Exception:  # noqa: BLE001 - unknown botocore: never reuse
            self._snapshot = None

    def untouched(self) -> bool:
        if self._snapshot is None:
            return False
        try:
            return bool(_snapshot(self.client, self._owners, None) == self._snapshot)
        except Exception:  # noqa: BLE001 - unreadable or uncomparable: changed
            return False


def _snapshot(client: Any, owners: list[Any], held: list[Any] | None) -> tuple[Any, ...]:
    """What ``ClientGuard`` compares.

    The first time (``held`` given) it finds the stateful handler owners and puts them
    in ``owners``, and puts every object it records by id in ``held``; later, equal
    handler ids mean the same owners, so it reads their state alone.
    """
    emitter = client.meta.events._emitter
    handlers: list[Any] = []
    stack = [emitter._handlers._root]
    while stack:
        node = stack.pop()
        values = node["values"]
        # (A node ``unregister`` emptied stays in the tree: the same as no node.)
        if values and (values.first or values.middle or values.last):
            handlers.append(node["chunk"])
            for section in (values.first, values.middle, values.last):
                handlers.append(len(section))
                handlers.extend(map(id, section))
                if held is not None:
                    held.extend(section)
                    for handler in section:
                        owner = getattr(handler, "__self__", None)
                        if type(owner).__module__.startswith(_STATEFUL_MODULES):
                            owners.append(owner)
        stack.extend(node["children"].values())
    plain: dict[int, Any] = {}
    for owner in owners:
        _plain_state(owner, 3, plain, held)
    signer = client._request_signer
    return (
        handlers,
        [
            (unique_id, id(item.get("handler")), item.get("count"))
            for unique_id, item in emitter._unique_id_handlers.items()
        ],
        _attribute_ids(client, held),
        _attribute_ids(type(client), held),
        _attribute_ids(client.meta, held),
        _attribute_ids(client._endpoint, held),
        _attribute_ids(signer, held),
        _frozen(vars(client.meta.config), held),
        _frozen(vars(signer._credentials), held),
        plain,
        [(k, v) for k, v in os.environ.items() if k.startswith("AWS_")],
    )


def _attribute_ids(obj: Any, held: list[Any] | None) -> list[tuple[str, int]]:
    attributes = vars(obj)
    if held is not None:
        held.extend(attributes.values())
    return [(name, id(value)) for name, value in attributes.items()]


def _frozen(value: Any, held: list[Any] | None) -> Any:
    """A copy of nested dicts, lists and plain values; other objects by id."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dict):
        return {key: _frozen(item, held) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return (type(value).__name__, [_frozen(item, held) for item in value])
    if held is not None:
        held.append(value)
    return ("id", id(value))


def _plain_state(obj: Any, depth: int, seen: dict[int, Any], held: list[Any] | None) -> None:
    """The attributes of ``obj`` (plain values, other objects by id), and so on for
    the objects it holds, ``depth`` levels down; keyed by the id of each object."""
    if id(obj) in seen or not hasattr(obj, "__dict__") or isinstance(obj, type):
        return
    if held is not None:
        held.append(obj)
    state: dict[str, Any] = {}
    seen[id(obj)] = state
    for name, value in vars(obj).items():
        if isinstance(value, _PLAIN):
            state[name] = value
            continue
        state[name] = ("id", id(value))
        if held is not None:
            held.append(value)
        if depth > 1 and hasattr(value, "__dict__") and not callable(value):
            _plain_state(value, depth - 1, seen, held)
