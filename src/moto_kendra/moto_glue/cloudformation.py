"""moto's CloudFormation: how it finds our resource types, and how a stack fails.

Relies on moto's type -> model map (``moto.cloudformation.parsing``): in moto 5.0 to
5.2 ``get_model_list`` returns ``CloudFormationModel.__subclasses__()`` (direct
subclasses only) and it, ``get_model_map`` and ``get_name_type_map`` are
``functools.lru_cache``d, so a map built before our models existed would never list
them: ``offer`` clears those caches (when moto has imported the module at all; if not,
its first build sees our models). A stack operation that fails raises
``moto.cloudformation.exceptions.ValidationError`` (``stack_error``), which moto answers
as CloudFormation's ValidationError; an unknown ``Fn::GetAtt`` attribute raises
``UnformattedGetAttTemplateException`` (``unknown_attribute``), which moto turns into
its "does not support attribute type" template error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from moto.core.common_models import CloudFormationModel

_CACHED = ("get_model_list", "get_model_map", "get_name_type_map")


def offer(models: Iterable[type[CloudFormationModel]]) -> None:
    """Make moto's CloudFormation create, update and delete ``models``' types.

    Each must subclass ``CloudFormationModel`` directly (moto lists only those).
    Idempotent; safe while a mock is active.
    """
    for model in models:
        if CloudFormationModel not in model.__bases__:
            raise TypeError(
                f"{model.__qualname__} must subclass CloudFormationModel directly: "
                "moto's CloudFormation lists only its direct subclasses"
            )
    parsing = sys.modules.get("moto.cloudformation.parsing")
    if parsing is None:
        return
    for name in _CACHED:
        clear = getattr(getattr(parsing, name, None), "cache_clear", None)
        if clear is not None:
            clear()


def stack_error(message: str) -> Exception:
    """The error that fails a stack operation, as CloudFormation's ValidationError."""
    from moto.cloudformation.exceptions import ValidationError

    return ValidationError(message=message)


def unknown_attribute() -> Exception:
    """The error of an ``Fn::GetAtt`` a resource type doesn't have (moto names both)."""
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

    return UnformattedGetAttTemplateException()
