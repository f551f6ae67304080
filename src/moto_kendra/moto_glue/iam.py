"""Accounts and IAM enforcement, by moto's rules.

Relies on ``moto.iam.models.iam_backends`` (which account an access key belongs to)
and ``mark_account_as_visited`` (the key's "last used" record, as moto's BaseResponse
keeps it); ``moto.iam.access_control.IAMRequest``,
``moto.settings.INITIAL_NO_AUTH_ACTION_COUNT`` and
``ActionAuthenticatorMixin.request_count`` (IAM enforcement, as
``moto.core.authorization`` counts and checks requests).
"""

from __future__ import annotations

import functools
import os
import re
from typing import Any
from urllib.parse import urlparse

from moto import settings as moto_settings
from moto.core import DEFAULT_ACCOUNT_ID

# moto.core.authorization from 5.1; re-exported here in every 5.x.
from moto.core.responses import ActionAuthenticatorMixin

from ..exceptions import (
    AccessDeniedException,
    InvalidSignatureException,
    UnrecognizedClientException,
    ValidationException,
    clip,
)

_ACCESS_KEY_IN_SCOPE = re.compile(r"Credential=([^/]+)/")
_ACCOUNT_ID = re.compile(r"[0-9]{12}")


def is_account_id(value: object) -> bool:
    """Whether ``value`` is an AWS account id: exactly 12 ASCII digits, nothing around them."""
    return isinstance(value, str) and _ACCOUNT_ID.fullmatch(value) is not None


def _checked_account(value: str, source: str) -> str:
    if not is_account_id(value):
        raise ValidationException(
            f"{source} {clip(value)!r} is not an AWS account id: an account id is 12 digits."
        )
    return value


def access_key_of(headers: Any) -> str | None:
    """The access key a SigV4 Authorization header names, if any."""
    match = _ACCESS_KEY_IN_SCOPE.search(headers.get("Authorization") or "")
    return match.group(1) if match else None


def account_for(headers: Any, region: str, service: str) -> str:
    """The account a request acts in, by moto's rules (BaseResponse.get_current_account)."""
    if "MOTO_ACCOUNT_ID" in os.environ:
        return _checked_account(os.environ["MOTO_ACCOUNT_ID"], "MOTO_ACCOUNT_ID")
    header = headers.get("x-moto-account-id")
    if header:
        return _checked_account(str(header), "The x-moto-account-id header")
    access_key = access_key_of(headers)
    if access_key is None:
        return DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends, mark_account_as_visited

    # moto's get_account_id_from() creates an IAM backend per partition to look; a
    # key can only be in one that exists, so look there alone.
    for account_id, account in list(iam_backends.items()):
        for partition_backend in list(dict.values(account)):
            if access_key in partition_backend.access_keys:
                mark_account_as_visited(
                    account_id=account_id,
                    access_key=access_key,
                    service=service,
                    region=region,
                )
                return str(account_id)
    return DEFAULT_ACCOUNT_ID


def enforced() -> bool:
    """Whether moto enforces IAM at all (``INITIAL_NO_AUTH_ACTION_COUNT`` is set)."""
    return bool(moto_settings.INITIAL_NO_AUTH_ACTION_COUNT != float("inf"))


def authorize(request: Any, full_url: str, action: str, account_id: str) -> None:
    """Authorize the call as ``action`` (``kendra:<Operation>``) when moto enforces IAM.

    The rules of moto's ``ActionAuthenticatorMixin._authenticate_and_authorize_action``
    (moto/core/authorization.py), shared with every moto service: the first
    ``settings.INITIAL_NO_AUTH_ACTION_COUNT`` requests (all, by default: infinity) are
    counted and let through; later ones must be signed by a key moto's IAM knows, and
    the key's policies must allow the action, on resource "*" as moto checks every
    non-S3 action. A failure is a JSON error of ours, not moto's XML 403.
    """
    if ActionAuthenticatorMixin.request_count < moto_settings.INITIAL_NO_AUTH_ACTION_COUNT:
        ActionAuthenticatorMixin.request_count += 1
        return
    headers = request.headers
    if "Credential=" not in (headers.get("Authorization") or ""):
        raise UnrecognizedClientException(
            "The request is not signed with AWS Signature Version 4: "
            "the Authorization header is missing or malformed."
        )
    parsed = urlparse(full_url)
    path = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
    body = request.body if hasattr(request, "body") else request.get_data()
    if "host" not in {str(name).lower() for name in headers.keys()}:
        # botocore signs Host but leaves it to the HTTP layer; moto before 5.2.4
        # hands over botocore's headers as they are (BaseResponse adds it the same way).
        headers = {**dict(headers.items()), "Host": parsed.netloc}
    iam_request = _iam_request_class()(
        account_id=account_id,
        method=request.method,
        path=path,
        data={},
        body=body,
        headers=headers,
        action=action,
    )
    iam_request.check_signature()
    iam_request.check_action_permitted("*")


@functools.cache
def _iam_request_class() -> type:
    """moto's IAMRequest, with JSON errors of ours instead of moto's XML ones."""
    from moto.iam.access_control import IAMRequest

    class JsonIAMRequest(IAMRequest):
        def _raise_signature_does_not_match(self) -> None:
            raise InvalidSignatureException(
                "The request signature we calculated does not match the signature "
                "you provided. Check your AWS Secret Access Key and signing method. "
                "Consult the service documentation for details."
            )

        def _raise_invalid_access_key(self, _: str) -> None:
            raise UnrecognizedClientException(
                "The security token included in the request is invalid."
            )

        def _raise_access_denied(self) -> None:
            raise AccessDeniedException(
                f"User: {self._access_key.arn} is not authorized to perform: {self._action}"
            )

    return JsonIAMRequest
