"""Request validation and response conformance, per operation, from the model.

``validate_request`` raises the ValidationException (or SerializationException) the
service gives for a request; ``response_violations`` and ``shape_violations`` list
every way a response breaks its output shape, checked strictly (the test suite and
the scripted outcomes use them). Checks are compiled once per operation and service.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from botocore.model import OperationModel, Shape

from ..exceptions import SerializationException, ValidationException
from .compiler import Check, _Compiler
from .service import KENDRA, service_model

# Compiling is once per operation, but two threads may ask for the same one first.
_compile_lock = threading.Lock()


@functools.cache
def _compiler(service: str, strict: bool) -> _Compiler:
    # One per service: shape names (Tag, ResourceArn, ...) repeat across services.
    return _Compiler(strict=strict)


def _join(errors: list[str]) -> str:
    count = len(errors)
    noun = "error" if count == 1 else "errors"
    return f"{count} validation {noun} detected: " + "; ".join(errors)


@functools.cache
def _request_check(operation: str, service: str = KENDRA) -> Check | None:
    shape = service_model(service).operation_model(operation).input_shape
    if shape is None:
        return None
    with _compile_lock:
        return _compiler(service, False).compile(shape)


def validate_request(operation: str, params: Any, service: str = KENDRA) -> None:
    """Raise the error the service gives for ``params`` of ``operation``, if any.

    Members that arrive as JSON null are dropped and timestamps become datetimes, in
    place: the backend sees what the model describes.
    """
    check = _request_check(operation, service)
    if check is None:
        return
    errors: list[str] = []
    check(params, "", errors)
    if errors:
        raise ValidationException(_join(errors))


def response_violations(
    operation: OperationModel | str, body: Any, service: str = KENDRA
) -> list[str]:
    """Every way ``body`` (the decoded JSON of a response) breaks the output shape."""
    model = (
        operation
        if isinstance(operation, OperationModel)
        else service_model(service).operation_model(operation)
    )
    shape = model.output_shape
    if shape is None:
        return [] if body in ({}, None) else [f"{model.name} returns no body, got {body!r}"]
    return shape_violations(shape, body, model.service_model.service_name)


def shape_violations(shape: Shape, value: Any, service: str = KENDRA) -> list[str]:
    """Every way ``value`` breaks ``shape``, checked strictly (as responses are)."""
    errors: list[str] = []
    with _compile_lock:
        check = _compiler(service, True).compile(shape)
    try:
        check(value, "", errors)
    except SerializationException as error:
        errors.append(error.message)
    return errors
