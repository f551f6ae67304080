"""User tokens: the user and groups a UserContext's Token names, read as the index's
UserTokenConfigurations say (create-index-access-control.md and its tokens pages).

An index reads tokens with its one UserTokenConfiguration:

- ``JsonTokenTypeConfiguration``: the Token is a JSON object; UserNameAttributeField
  names the member holding the user name, GroupAttributeField the member holding the
  groups, "a JSON string array". Nothing is verified ("The JSON token is a
  non-validated payload").
- ``JwtTokenTypeConfiguration``: the Token is a JWT (``header.payload.signature``,
  base64url); the user is the claim UserNameAttributeField names (default ``user``),
  the groups the claim GroupAttributeField names (default ``groups``). Checked: the
  ``exp`` and ``nbf`` claims against the clock, ``iss`` against Issuer, and ClaimRegex
  against the audience (``aud``, or one of its values, matches the regular expression
  entirely: the guide's "regular expression that match the audience in the JWT").
  With KeyLocation SECRET_MANAGER the signature is verified with the keys of the
  secret SecretManagerArn names, read from moto's Secrets Manager in the documented
  form ``{"keys": [...]}``: shared secrets (``kty`` OCT, ``alg`` HS256/HS384/HS512,
  ``k`` the base64url secret, optional ``nbf``/``exp`` ISO 8601 dates bounding when it
  is valid) and RSA public keys (``kty`` RSA, ``alg`` RS256/RS384/RS512, ``n`` and
  ``e`` base64url); a key's ``kid`` must be the token header's when both name one.
  With KeyLocation URL the mock fetches nothing: the signature isn't verified, the
  claims are read and checked as above.

A token that can't be read (not JSON, not a JWT, a claim of the wrong type, neither a
user nor groups) is a ValidationException; one that is read but refused (its
signature, issuer, audience or dates) an AccessDeniedException; a secret that isn't in
Secrets Manager a ResourceNotFoundException.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, NamedTuple

from ..exceptions import (
    AccessDeniedException,
    ResourceNotFoundException,
    ValidationException,
    clip,
)
from ..moto_glue import secrets
from .clock import utcnow
from .indices import Index

#: The claims a JWT's user and groups are read from unless the configuration says.
DEFAULT_USER_CLAIM = "user"
DEFAULT_GROUPS_CLAIM = "groups"
_HASHES = {"256": hashlib.sha256, "384": hashlib.sha384, "512": hashlib.sha512}
_B64URL = re.compile(r"[A-Za-z0-9_-]*={0,2}")


class TokenUser(NamedTuple):
    """What a token says: the user name (None if it names none) and the groups."""

    user: str | None
    groups: tuple[str, ...]


def _b64url(text: str, what: str) -> bytes:
    if not _B64URL.fullmatch(text):
        raise ValidationException(f"The user token's {what} is not base64url text.")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValidationException(f"The user token's {what} is not base64url text.") from None


def _json_object(data: bytes | str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ValidationException(f"The user token's {what} is not JSON.") from None
    if not isinstance(value, dict):
        raise ValidationException(f"The user token's {what} is not a JSON object.")
    return value


def _claims(payload: Mapping[str, Any], user_claim: str, groups_claim: str) -> TokenUser:
    user = payload.get(user_claim)
    if user is not None and not isinstance(user, str):
        raise ValidationException(
            f"The user token's {user_claim} (its user name) must be a string, not {user!r:.100}."
        )
    groups = payload.get(groups_claim)
    if groups is not None and not (
        isinstance(groups, list) and all(isinstance(group, str) for group in groups)
    ):
        raise ValidationException(
            f"The user token's {groups_claim} (its groups) must be a JSON string array."
        )
    if not user and not groups:
        raise ValidationException(
            f"The user token names no user ({user_claim}) and no group ({groups_claim})."
        )
    return TokenUser(user or None, tuple(group for group in groups or () if group))


def read_json_token(token: str, configuration: Mapping[str, Any]) -> TokenUser:
    """The user and groups of a JSON token (not verified: a JSON token isn't signed)."""
    payload = _json_object(token, "text")
    return _claims(
        payload, configuration["UserNameAttributeField"], configuration["GroupAttributeField"]
    )


# -- JWT --------------------------------------------------------------------------------


def _instant(value: Any, claim: str) -> datetime:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationException(f"The user token's {claim} claim must be a number of seconds.")
    try:
        return datetime.fromtimestamp(value, timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ValidationException(f"The user token's {claim} claim is out of range.") from None


def _check_claims(payload: Mapping[str, Any], configuration: Mapping[str, Any]) -> None:
    now = utcnow()
    if "exp" in payload and _instant(payload["exp"], "exp") <= now:
        raise AccessDeniedException("The user token has expired (its exp claim is past).")
    if "nbf" in payload and _instant(payload["nbf"], "nbf") > now:
        raise AccessDeniedException("The user token is not valid yet (its nbf claim is ahead).")
    issuer = configuration.get("Issuer")
    if issuer is not None and payload.get("iss") != issuer:
        raise AccessDeniedException(
            f"The user token's issuer (iss) is not {issuer}, the index's Issuer."
        )
    claim_regex = configuration.get("ClaimRegex")
    if claim_regex is not None:
        try:
            pattern = re.compile(claim_regex)
        except re.error as error:
            raise ValidationException(
                f"The index's ClaimRegex {claim_regex!r} is not a regular expression: {error}."
            ) from None
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if not any(isinstance(a, str) and pattern.fullmatch(a) for a in audiences):
            raise AccessDeniedException(
                f"The user token's audience (aud) doesn't match the index's ClaimRegex "
                f"{claim_regex!r}."
            )


def _key_dates_allow(key: Mapping[str, Any]) -> bool:
    now = utcnow()
    for member in ("nbf", "exp"):
        if key.get(member) is None:
            continue
        try:
            at = datetime.fromisoformat(str(key[member]).replace("Z", "+00:00"))
        except ValueError:
            return False
        at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
        if (member == "nbf" and at > now) or (member == "exp" and at <= now):
            return False
    return True


def _verifies(key: Mapping[str, Any], algorithm: str, signed: bytes, signature: bytes) -> bool:
    digest = _HASHES[algorithm[2:]]
    if algorithm.startswith("HS") and str(key.get("kty", "")).upper() == "OCT":
        secret = _b64url(str(key.get("k", "")), "secret key")
        expected = hmac.new(secret, signed, digest).digest()
        return hmac.compare_digest(expected, signature)
    if algorithm.startswith("RS") and str(key.get("kty", "")).upper() == "RSA":
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers

        modulus = int.from_bytes(_b64url(str(key.get("n", "")), "RSA modulus"), "big")
        exponent = int.from_bytes(_b64url(str(key.get("e", "")), "RSA exponent"), "big")
        chosen: dict[str, hashes.HashAlgorithm] = {
            "256": hashes.SHA256(),
            "384": hashes.SHA384(),
            "512": hashes.SHA512(),
        }
        try:
            public_key = RSAPublicNumbers(exponent, modulus).public_key()
            public_key.verify(signature, signed, padding.PKCS1v15(), chosen[algorithm[2:]])
        except (InvalidSignature, ValueError):
            return False
        return True
    return False


def _secret_keys(secret_arn: str) -> list[dict[str, Any]]:
    text = secrets.secret_string(secret_arn)
    if text is None:
        raise ResourceNotFoundException(
            f"The secret {secret_arn} the index's JwtTokenTypeConfiguration names (its "
            "SecretManagerArn) isn't in Secrets Manager: no user token can be verified."
        )
    try:
        keys = json.loads(text).get("keys")
    except (ValueError, AttributeError, RecursionError):
        keys = None
    if not isinstance(keys, list) or not all(isinstance(key, dict) for key in keys):
        raise ValidationException(
            f"The secret {secret_arn} doesn't hold keys in the form Amazon Kendra reads "
            '({"keys": [{"kid", "alg", "kty", ...}]}): no user token can be verified.'
        )
    return keys


def _check_signature(
    header: Mapping[str, Any], signed: bytes, signature: bytes, secret_arn: str | None
) -> None:
    algorithm = header.get("alg")
    verified = {f"{kind}{bits}" for kind in ("HS", "RS") for bits in _HASHES}
    if not isinstance(algorithm, str) or algorithm not in verified:
        raise AccessDeniedException(
            f"The user token is signed with {clip(repr(algorithm))}; Amazon Kendra verifies HS256, "
            "HS384, HS512, RS256, RS384 and RS512 signatures."
        )
    if secret_arn is None:
        raise ValidationException(
            "The index's JwtTokenTypeConfiguration has KeyLocation SECRET_MANAGER but no "
            "SecretManagerArn: no user token can be verified."
        )
    kid = header.get("kid")
    for key in _secret_keys(secret_arn):
        if key.get("alg") not in (None, algorithm):
            continue
        if kid is not None and key.get("kid") is not None and key["kid"] != kid:
            continue
        if _key_dates_allow(key) and _verifies(key, str(algorithm), signed, signature):
            return
    raise AccessDeniedException(
        f"The user token's signature doesn't verify with a key of the secret {secret_arn}."
    )


def read_jwt(token: str, configuration: Mapping[str, Any]) -> TokenUser:
    """The user and groups of a JWT, checked as the module doc says."""
    parts = token.split(".")
    if len(parts) != 3:
        raise ValidationException(
            "The user token is not a JWT: a JWT is three base64url parts separated by dots."
        )
    header = _json_object(_b64url(parts[0], "header"), "header")
    payload = _json_object(_b64url(parts[1], "payload"), "payload")
    signature = _b64url(parts[2], "signature")
    if configuration.get("KeyLocation") == "SECRET_MANAGER":
        signed = f"{parts[0]}.{parts[1]}".encode()
        _check_signature(header, signed, signature, configuration.get("SecretManagerArn"))
    _check_claims(payload, configuration)
    return _claims(
        payload,
        configuration.get("UserNameAttributeField") or DEFAULT_USER_CLAIM,
        configuration.get("GroupAttributeField") or DEFAULT_GROUPS_CLAIM,
    )


def read_token(index: Index, token: str) -> TokenUser:
    """The user and groups a UserContext's Token names, read with the index's
    UserTokenConfigurations (ValidationException if it has none)."""
    configurations = index.settings.get("UserTokenConfigurations") or []
    for configuration in configurations:
        if configuration.get("JwtTokenTypeConfiguration"):
            return read_jwt(token, configuration["JwtTokenTypeConfiguration"])
        if configuration.get("JsonTokenTypeConfiguration"):
            return read_json_token(token, configuration["JsonTokenTypeConfiguration"])
    raise ValidationException(
        f"Index {index.id} has no UserTokenConfigurations to read a user token with: give "
        "the user as UserContext's UserId and Groups, or configure a token type "
        "(UpdateIndex's UserTokenConfigurations)."
    )
