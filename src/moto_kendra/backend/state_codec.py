"""Object graphs to JSON-ready values and back: the codec of state files (``persistence``).

A backend's state is a graph of plain objects (indices that hold data sources that hold
their jobs, which point back at them, ...). ``Encoder`` writes any such graph: each
object and mutable container once, with an id, and a reference wherever it appears
again, so shared and cyclic structure survives; ``Decoder`` rebuilds it. Objects are
written as their class (which must be moto-kendra's, or one of a few plain types of
moto's and the standard library: nothing else is ever instantiated from a file, and
nothing is called but those classes' ``__new__``, an enum's lookup, a NamedTuple's
``_make`` and moto-kendra's own ``__setstate__``) and their attributes, or what their
``__getstate__`` returns (``__setstate__`` reads it back: the search engine writes its
documents, not its SQLite database). Locks are made anew. Anything else (a function, an
open connection) is an error naming where it is, so state that can't be written is
found by the test suite, not at a restart.

``decode_into`` puts a backend's state back into the live backend, or raises
``StateError`` and leaves it as it was.
"""

from __future__ import annotations

import base64
import functools
import importlib
import threading
import types
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

#: Classes a state file may name, besides moto-kendra's own (module prefix).
ALLOWED_MODULES = ("moto_kendra.",)
ALLOWED_CLASSES = frozenset(
    {
        "moto.utilities.tagging_service.TaggingService",
        "collections.OrderedDict",
    }
)
#: Attributes that aren't state: the test controls (scripted outcomes and faults).
SKIPPED_ATTRIBUTES = frozenset({"_controls"})
_LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))
_CALLABLES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    functools.partial,
)
_SCALARS = (str, int, float, bool, type(None))


class StateError(ValueError):
    """State that can't be written, or a file that can't be read back."""


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _allowed(name: str) -> bool:
    return name.startswith(ALLOWED_MODULES) or name in ALLOWED_CLASSES


def _resolve(name: str) -> type:
    if not _allowed(name):
        raise StateError(f"The state names class {name!r}, which a state file may not hold.")
    module_name, _, qualname = name.rpartition(".")
    while module_name:
        try:
            target: Any = importlib.import_module(module_name)
        except ImportError:
            module_name, _, outer = module_name.rpartition(".")
            qualname = f"{outer}.{qualname}"
            continue
        for part in qualname.split("."):
            target = getattr(target, part, None)
        # Only the class of that name: not one a moto-kendra module merely imports.
        if isinstance(target, type) and _class_name(target) == name:
            return target
        break
    raise StateError(f"The state names class {name!r}, which this moto-kendra doesn't have.")


def _custom_getstate(cls: type) -> Callable[[Any], Any] | None:
    for klass in cls.__mro__:
        if klass is object:
            return None
        if "__getstate__" in vars(klass):
            return vars(klass)["__getstate__"]  # type: ignore[no-any-return]
    return None


def _slots(cls: type) -> list[str]:
    """Every ``__slots__`` name of ``cls`` and its bases."""
    names: list[str] = []
    for klass in cls.__mro__:
        slots = vars(klass).get("__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    return [name for name in names if name not in ("__dict__", "__weakref__")]


def _attributes(value: Any) -> dict[str, Any]:
    """An object's attributes: its ``__dict__`` and its slots."""
    attributes = dict(getattr(value, "__dict__", {}))
    for name in _slots(type(value)):
        if hasattr(value, name):
            attributes[name] = getattr(value, name)
    return attributes


class Encoder:
    """One graph to JSON-ready values."""

    def __init__(self) -> None:
        self._ids: dict[int, int] = {}
        self._held: list[Any] = []  # keeps encoded objects alive: ids stay unique

    def _register(self, value: Any) -> int | None:
        """A new id for ``value``, or None if it has one already."""
        if id(value) in self._ids:
            return None
        number = self._ids[id(value)] = len(self._ids)
        self._held.append(value)
        return number

    def encode(self, value: Any, path: str = "state") -> Any:
        if isinstance(value, _SCALARS) and type(value) in _SCALARS:
            return value
        if isinstance(value, Enum):
            return {"$enum": _class_name(type(value)), "value": self.encode(value.value, path)}
        if isinstance(value, datetime):
            return {"$datetime": value.isoformat()}
        if isinstance(value, date):
            return {"$date": value.isoformat()}
        if isinstance(value, timedelta):
            return {"$timedelta": value.total_seconds()}
        if isinstance(value, bytes):
            return {"$bytes": base64.b64encode(value).decode()}
        if isinstance(value, _LOCK_TYPES):
            return {"$lock": "rlock" if "RLock" in type(value).__name__ else "lock"}
        if isinstance(value, type):
            name = _class_name(value)
            if not _allowed(name):
                raise StateError(f"{path}: the class {name} can't be written to a state file")
            return {"$class": name}
        if id(value) in self._ids:
            return {"$ref": self._ids[id(value)]}
        if type(value) in (tuple, frozenset):
            items = [self.encode(item, f"{path}[{n}]") for n, item in enumerate(value)]
            return {"$" + type(value).__name__: items}
        if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple
            return {
                "$namedtuple": self._checked_name(type(value), path),
                "items": [self.encode(item, f"{path}.{n}") for n, item in enumerate(value)],
            }
        if type(value) is list:
            number = self._register(value)
            return {
                "$list": number,
                "items": [self.encode(v, f"{path}[{n}]") for n, v in enumerate(value)],
            }
        if type(value) is set:
            number = self._register(value)
            return {"$set": number, "items": [self.encode(v, path) for v in value]}
        if type(value) is dict:
            number = self._register(value)
            return {"$dict": number, "items": self._items(value, path)}
        if isinstance(value, _CALLABLES):
            raise StateError(f"{path}: a {type(value).__name__} can't be written to a state file")
        return self._object(value, path)

    def _checked_name(self, cls: type, path: str) -> str:
        name = _class_name(cls)
        if not _allowed(name):
            raise StateError(f"{path}: a {name} can't be written to a state file")
        return name

    def _items(self, mapping: dict[Any, Any], path: str) -> list[list[Any]]:
        return [
            [self.encode(key, f"{path}.key"), self.encode(item, f"{path}[{key!r}]")]
            for key, item in mapping.items()
        ]

    def _object(self, value: Any, path: str) -> Any:
        name = self._checked_name(type(value), path)
        number = self._register(value)
        custom = _custom_getstate(type(value))
        if custom is not None:
            state = custom(value)
        else:
            state = {
                key: item
                for key, item in _attributes(value).items()
                if key not in SKIPPED_ATTRIBUTES
            }
        encoded: dict[str, Any] = {"$object": number, "class": name}
        encoded["state"] = self.encode(state, f"{path}<{type(value).__name__}>")
        if isinstance(value, dict):
            encoded["items"] = self._items(value, path)
        if isinstance(value, list):
            encoded["list"] = [self.encode(item, path) for item in value]
        return encoded


class Decoder:
    """JSON-ready values back to a graph."""

    def __init__(self, known: dict[int, Any] | None = None) -> None:
        self._objects: dict[int, Any] = dict(known or {})
        #: Known objects whose state the file has still to give (each exactly once).
        self._unwritten = set(self._objects)

    def _define(self, number: Any, made: Any) -> None:
        if number in self._objects:
            raise StateError(f"The state writes object {number!r} twice.")
        self._objects[number] = made

    def decode(self, value: Any) -> Any:
        if not isinstance(value, (dict, list)):
            return value
        if isinstance(value, list):
            raise StateError("A state file holds a bare list where a tagged value belongs.")
        if "$ref" in value:
            try:
                return self._objects[value["$ref"]]
            except KeyError:
                raise StateError(
                    f"The state refers to object {value['$ref']} before it is written."
                ) from None
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        if "$timedelta" in value:
            return timedelta(seconds=value["$timedelta"])
        if "$bytes" in value:
            return base64.b64decode(value["$bytes"])
        if "$lock" in value:
            return threading.RLock() if value["$lock"] == "rlock" else threading.Lock()
        if "$class" in value:
            return _resolve(value["$class"])
        if "$enum" in value:
            enum = _resolve(value["$enum"])
            if not issubclass(enum, Enum):
                raise StateError(f"The state's enum {value['$enum']!r} is not an enum.")
            return enum(self.decode(value["value"]))
        if "$tuple" in value:
            return tuple(self.decode(item) for item in value["$tuple"])
        if "$frozenset" in value:
            return frozenset(self.decode(item) for item in value["$frozenset"])
        if "$namedtuple" in value:
            named = _resolve(value["$namedtuple"])
            if not (issubclass(named, tuple) and hasattr(named, "_make")):
                raise StateError(
                    f"The state's named tuple {value['$namedtuple']!r} is not a NamedTuple."
                )
            return named._make(self.decode(item) for item in value["items"])
        if "$list" in value:
            result: list[Any] = []
            self._define(value["$list"], result)
            result.extend(self.decode(item) for item in value["items"])
            return result
        if "$set" in value:
            made: set[Any] = set()
            self._define(value["$set"], made)
            made.update(self.decode(item) for item in value["items"])
            return made
        if "$dict" in value:
            mapping: dict[Any, Any] = {}
            self._define(value["$dict"], mapping)
            self._fill(mapping, value["items"])
            return mapping
        if "$object" in value:
            return self._object(value)
        raise StateError(f"A state file holds an untagged object: {sorted(value)[:5]}")

    def _fill(self, mapping: dict[Any, Any], items: list[list[Any]]) -> None:
        # dict's own __setitem__ (a subclass's may do more than store), except for an
        # OrderedDict: dict's would bypass the order it keeps, leaving it empty to read.
        setitem = OrderedDict.__setitem__ if isinstance(mapping, OrderedDict) else dict.__setitem__
        for key, item in items:
            setitem(mapping, self.decode(key), self.decode(item))

    def _object(self, value: dict[str, Any]) -> Any:
        number = value["$object"]
        cls: Any = _resolve(value["class"])
        known = number in self._unwritten
        if known:
            self._unwritten.discard(number)
            obj = self._objects[number]
            if type(obj) is not cls:
                raise StateError(
                    f"The state writes a {value['class']} where a {_class_name(type(obj))} belongs."
                )
        else:
            obj = cls.__new__(cls)
            self._define(number, obj)
        state = self.decode(value["state"])
        if known:
            _check_complete(obj, state)
            _check_identity(obj, state)
        if "items" in value and isinstance(obj, dict):
            (OrderedDict.clear if isinstance(obj, OrderedDict) else dict.clear)(obj)
            self._fill(obj, value["items"])
        if "list" in value and isinstance(obj, list):
            list.extend(obj, (self.decode(item) for item in value["list"]))
        setstate = getattr(obj, "__setstate__", None)
        if setstate is not None and _custom_getstate(cls) is not None:
            setstate(state)
            return obj
        if hasattr(obj, "__dict__"):
            obj.__dict__.clear()
        slots = set(_slots(cls))
        for name, item in state.items():
            if name in slots:
                object.__setattr__(obj, name, item)
            else:
                obj.__dict__[name] = item
        return obj


def _check_complete(obj: Any, state: Any) -> None:
    """StateError unless ``state`` gives every attribute the existing ``obj`` has (what
    the file puts in place of a live object must leave it whole)."""
    name = type(obj).__name__
    if not isinstance(state, dict):
        raise StateError(
            f"The state of the {name} can't be read back: it is a {type(state).__name__}, "
            "not its attributes."
        )
    missing = sorted(set(_attributes(obj)) - SKIPPED_ATTRIBUTES - set(state))
    if missing:
        raise StateError(
            f"The state of the {name} can't be read back: it lacks {', '.join(missing)}."
        )


#: What a backend is (its account, region and partition): a state restores only into
#: the backend it was written from, or every ARN and message would name another.
IDENTITY = ("account_id", "region_name", "partition")


def _check_identity(obj: Any, state: dict[str, Any]) -> None:
    """StateError unless ``state`` (complete: ``_check_complete``) names the same
    account, region and partition as the existing ``obj`` it is to replace."""
    for name in IDENTITY:
        if hasattr(obj, name) and name in state and state[name] != getattr(obj, name):
            raise StateError(
                f"This state was written from {state[name]!r:.40} as its {name}; it "
                f"can't be restored into the backend of {getattr(obj, name)!r}."
            )


def encode_root(root: Any) -> Any:
    """``root``'s state (an object, written with id 0)."""
    return Encoder().encode(root)


def decode_into(root: Any, encoded: Any) -> None:
    """Put ``encoded`` (what ``encode_root`` wrote) back into the existing ``root``, which
    must be the backend (account, region, partition) it was written from."""
    if not isinstance(encoded, dict) or encoded.get("$object") != 0:
        raise StateError("A service's state must be the object it was written from.")
    try:
        Decoder({0: root}).decode(encoded)
    except StateError:
        raise
    except Exception as error:  # noqa: BLE001 - whatever a malformed file trips on
        raise StateError(
            f"The state can't be read back: {type(error).__name__}: {error}"[:500]
        ) from None
