"""Whether a kept boto3 client is still exactly as it was made (``ClientGuard``).

The kept mock (``testing.mock``) hands the same client to the next test only while
nothing a test could change on it has changed. It reads botocore internals; when they
are not as expected the client is never reused, which only costs time.
"""

from __future__ import annotations

import os
from typing import Any

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
