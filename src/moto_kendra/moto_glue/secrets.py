"""Reading moto's Secrets Manager: the keys an index's JWT token configuration names.

Relies on ``moto.secretsmanager.models.secretsmanager_backends`` (per account and
region; ``get_secret_value(secret_id, version_id, version_stage)``, which finds a secret
by name or ARN and answers its current ``SecretString``) and the exceptions it raises
for a secret that isn't there or has no value (``moto.secretsmanager.exceptions``).
"""

from __future__ import annotations

import re

#: arn:<partition>:secretsmanager:<region>:<account>:secret:<name>
_SECRET_ARN = re.compile(r"arn:[^:]+:secretsmanager:([^:]+):(\d{12}):secret:.+")


def secret_string(secret_arn: str) -> str | None:
    """The current SecretString of the secret ``secret_arn`` names (in the account and
    region its ARN gives), or None: no such secret, deleted, no string value, or not
    a Secrets Manager ARN."""
    from moto.core.exceptions import JsonRESTError
    from moto.secretsmanager.models import secretsmanager_backends

    match = _SECRET_ARN.fullmatch(secret_arn)
    if match is None:
        return None
    region, account_id = match.groups()
    try:
        backend = secretsmanager_backends[account_id][region]
        value = backend.get_secret_value(secret_arn, None, None)  # type: ignore[arg-type]
    except (JsonRESTError, KeyError):
        return None
    text = value.get("SecretString")
    return text if isinstance(text, str) else None
