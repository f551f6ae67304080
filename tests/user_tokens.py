"""Helpers the user-token tests share: JWTs signed as an identity provider signs them,
and Secrets Manager secrets holding their keys in the form Kendra reads."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import boto3

HASHES = {"256": hashlib.sha256, "384": hashlib.sha384, "512": hashlib.sha512}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(
    claims: dict[str, Any],
    *,
    alg: str = "HS256",
    secret: bytes | None = None,
    rsa_key: Any = None,
    kid: str | None = None,
) -> str:
    """A JWT of ``claims``, signed with the shared ``secret`` (HS*), the RSA private key
    ``rsa_key`` (RS*), or unsigned (``alg`` none)."""
    header: dict[str, Any] = {"alg": alg, "typ": "JWT"}
    if kid is not None:
        header["kid"] = kid
    signed = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    signature = b""
    if alg.startswith("HS"):
        assert secret is not None
        signature = hmac.new(secret, signed.encode(), HASHES[alg[2:]]).digest()
    elif alg.startswith("RS"):
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        chosen = {"256": hashes.SHA256(), "384": hashes.SHA384(), "512": hashes.SHA512()}
        signature = rsa_key.sign(signed.encode(), padding.PKCS1v15(), chosen[alg[2:]])
    return f"{signed}.{b64url(signature)}"


def rsa_private_key() -> Any:
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def rsa_jwk(private_key: Any, *, kid: str = "rsa-1", alg: str = "RS256") -> dict[str, Any]:
    """The public key of ``private_key`` as the secret's key Kendra reads."""
    numbers = private_key.public_key().public_numbers()

    def uint(value: int) -> str:
        return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))

    return {
        "kid": kid,
        "alg": alg,
        "kty": "RSA",
        "use": "sig",
        "n": uint(numbers.n),
        "e": uint(numbers.e),
    }


def shared_jwk(
    secret: bytes, *, kid: str = "shared-1", alg: str = "HS256", **dates: str
) -> dict[str, Any]:
    """A shared secret as the secret's key Kendra reads (``k``: base64url)."""
    return {"kid": kid, "alg": alg, "kty": "OCT", "use": "sig", "k": b64url(secret), **dates}


def key_secret(name: str, *keys: dict[str, Any], region: str = "us-east-1") -> str:
    """A Secrets Manager secret holding ``keys``; its ARN."""
    client = boto3.client("secretsmanager", region_name=region)
    return str(
        client.create_secret(Name=name, SecretString=json.dumps({"keys": list(keys)}))["ARN"]
    )
