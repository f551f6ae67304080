"""Kendra's error types, one class per error shape of the botocore model.

Every class renders as a JSON 1.1 error: ``{"__type": "<Code>", "message": "..."}``
with the HTTP status the Kendra API reference gives for that code.
"""

from __future__ import annotations

import json
from typing import Any

from moto.core.exceptions import JsonRESTError

#: A value a request sent is echoed in a message cut to this many characters (with "…").
MAX_ECHO_CHARS = 256
#: No error message is longer than this many characters (a longer one is cut, with "…"):
#: a request can hold many invalid values, and each is echoed.
MAX_MESSAGE_CHARS = 8192


def clip(text: str, limit: int = MAX_ECHO_CHARS) -> str:
    """``text``, cut to ``limit`` characters with an ellipsis if it is longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class KendraError(JsonRESTError):
    """Base of every error moto-kendra returns to a client."""

    code = 400

    #: The error code on the wire; the class name unless a subclass says otherwise.
    error_code: str = ""

    def __init__(self, message: str) -> None:
        message = clip(message, MAX_MESSAGE_CHARS)
        super().__init__(self.error_code or type(self).__name__, message)
        self.message = message


class ValidationException(KendraError):
    pass


class ResourceNotFoundException(KendraError):
    pass


class InvalidRequestException(KendraError):
    """The input to the request is not valid (GetSnapshots' model lists this code, and
    no ValidationException)."""


class ResourceInUseException(KendraError):
    pass


class ResourceAlreadyExistException(KendraError):
    pass


class ResourceUnavailableException(KendraError):
    pass


class ConflictException(KendraError):
    pass


class ServiceQuotaExceededException(KendraError):
    pass


class AccessDeniedException(KendraError):
    pass


class FeaturedResultsConflictException(KendraError):
    """Query texts another featured results set of the index uses; the body carries
    them as the model's ``ConflictingItems`` (QueryText, SetName, SetId)."""

    def __init__(self, message: str, conflicting_items: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.conflicting_items = conflicting_items
        self.description = json.dumps(
            {
                "__type": self.error_type,
                "message": self.message,
                "ConflictingItems": conflicting_items,
            }
        )


class ThrottlingException(KendraError):
    pass


class InternalServerException(KendraError):
    code = 500


class UnrecognizedClientException(KendraError):
    """IAM enforcement: the access key is not one moto's IAM knows (AWS common error)."""


class InvalidSignatureException(KendraError):
    """IAM enforcement: the SigV4 signature does not match the key's secret."""


class SerializationException(KendraError):
    """The request body is not the JSON the operation expects (protocol error)."""


class UnknownOperationException(KendraError):
    """The X-Amz-Target header names no Kendra operation (protocol error)."""


class NotImplementedByMotoKendra(KendraError):
    """A real Kendra operation that moto-kendra does not model.

    HTTP 501, which botocore does not retry, so the caller sees it at once.
    """

    code = 501
    error_code = "NotImplementedException"

    def __init__(self, operation: str) -> None:
        super().__init__(
            f"The Kendra operation {operation} is not implemented by moto-kendra. "
            "Implemented operations are listed in the moto-kendra behaviour reference (docs/reference)."
        )


# Errors a caller can ask for as injected operation faults, with their HTTP status.
FAULTS: dict[str, type[KendraError]] = {
    "ThrottlingException": ThrottlingException,
    "InternalServerException": InternalServerException,
    "AccessDeniedException": AccessDeniedException,
}
