"""The operation table, declared where each operation lives.

Every operation is one function of its resource's module, taking the backend and the
request's parameters (validated, as the model names them) and returning the response's
members (``datetime`` for timestamps)::

    @operation("DescribeThesaurus")
    def describe_thesaurus(backend: KendraBackend, params: Params) -> Result:
        ...

The protocol layer reads the table: an operation of the model that no module declares
answers 501 NotImplementedException.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .service import KendraBackend

Params = dict[str, Any]
Result = dict[str, Any]
Handler = Callable[[Any, Params], Result]
_H = TypeVar("_H", bound=Callable[..., Result])

#: service name -> operation name -> handler.
_TABLE: dict[str, dict[str, Handler]] = {}


def operation(name: str, service: str = "kendra") -> Callable[[_H], _H]:
    """Declare ``name`` (as botocore's model spells it) as implemented by the function."""

    def declare(function: _H) -> _H:
        table = _TABLE.setdefault(service, {})
        if name in table:
            raise RuntimeError(
                f"{service} operation {name} is declared twice: by "
                f"{table[name].__module__}.{table[name].__qualname__} and "
                f"{function.__module__}.{function.__qualname__}"
            )
        table[name] = function
        return function

    return declare


def implemented(service: str = "kendra") -> Mapping[str, Handler]:
    """The declared operations of ``service``: name -> handler (read-only)."""
    return MappingProxyType(_TABLE.setdefault(service, {}))


__all__ = ["KendraBackend", "Params", "Result", "implemented", "operation"]
