"""Reading moto's IAM Identity Center: the users and groups an experience grants access,
and the groups a user is in (an index's UserGroupResolutionConfiguration).

Relies on ``moto.identitystore.models.identitystore_backends`` (per account, the region
backends made so far; each one's ``identity_stores``, whose ``users`` and ``groups``
are keyed by id, and ``group_memberships``: dicts with ``GroupId`` and
``MemberId.UserId``), its ``User`` (``UserName``, ``DisplayName``, ``Name`` with
``GivenName`` and ``FamilyName``, ``Emails``) and its ``Group`` (``DisplayName``).
"""

from __future__ import annotations

from collections.abc import Iterable
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


def _stores(account_id: str) -> list[Any]:
    """The account's identity stores in moto, in every region."""
    from moto.identitystore.models import identitystore_backends

    account = identitystore_backends.get(account_id)
    if account is None:
        return []
    return [
        store for backend in list(account.values()) for store in backend.identity_stores.values()
    ]


def set_up(account_id: str) -> bool:
    """Whether the account's identity stores hold any user or group."""
    return any(store.users or store.groups for store in _stores(account_id))


def find(account_id: str, identity_ids: Iterable[str]) -> dict[str, Identity]:
    """The users and groups of ``identity_ids`` the account's identity stores hold."""
    stores = _stores(account_id)
    found: dict[str, Identity] = {}
    for identity_id in identity_ids:
        for store in stores:
            user = store.users.get(identity_id)
            if user is not None:
                found[identity_id] = _user(user)
                break
            group = store.groups.get(identity_id)
            if group is not None:
                found[identity_id] = Identity("GROUP", display_name=group.DisplayName or None)
                break
    return found


def groups_of_user(account_id: str, user: str) -> list[str]:
    """The display names of the groups that list, as a member, a user of the account's
    identity stores whose user name is ``user`` or who has ``user`` as an email
    address (``group_memberships``: ``GroupId``, ``MemberId.UserId``), sorted."""
    found: set[str] = set()
    for store in _stores(account_id):
        user_ids = {
            user_id
            for user_id, candidate in store.users.items()
            if candidate.UserName == user
            or any(email.get("Value") == user for email in candidate.Emails or ())
        }
        if not user_ids:
            continue
        for membership in store.group_memberships.values():
            member = (membership.get("MemberId") or {}).get("UserId")
            group = store.groups.get(membership.get("GroupId"))
            if member in user_ids and group is not None and group.DisplayName:
                found.add(group.DisplayName)
    return sorted(found)
