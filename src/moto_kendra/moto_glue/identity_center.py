"""Reading moto's IAM Identity Center: the users and groups an experience grants access.

Relies on ``moto.identitystore.models.identitystore_backends`` (per account, the region
backends made so far; each one's ``identity_stores``, whose ``users`` and ``groups``
are keyed by id), its ``User`` (``UserName``, ``DisplayName``, ``Name`` with
``GivenName`` and ``FamilyName``) and its ``Group`` (``DisplayName``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Identity:
    """A user (``kind`` USER) or a group (``kind`` GROUP) of an identity store."""

    kind: str
    #: A user's user name (its sign-in name); None for a group.
    user_name: str | None = None
    #: A user's or a group's display name.
    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None


def _user(user: Any) -> Identity:
    name = user.Name
    return Identity(
        "USER",
        user_name=user.UserName or None,
        display_name=user.DisplayName or None,
        given_name=(name.GivenName or None) if name is not None else None,
        family_name=(name.FamilyName or None) if name is not None else None,
    )


def identities(account_id: str) -> dict[str, Identity]:
    """Every user and group of the account's identity stores in moto, in every region,
    by id (empty when IAM Identity Center holds no one there)."""
    from moto.identitystore.models import identitystore_backends

    account = identitystore_backends.get(account_id)
    found: dict[str, Identity] = {}
    if account is None:
        return found
    for backend in list(account.values()):
        for store in list(backend.identity_stores.values()):
            for user_id, user in list(store.users.items()):
                found[user_id] = _user(user)
            for group_id, group in list(store.groups.items()):
                found[group_id] = Identity("GROUP", display_name=group.DisplayName or None)
    return found
