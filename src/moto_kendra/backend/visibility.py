"""Who may see a document: the user-context rule of user-context-filter.md, as pure
functions over a document's access control lists and what a user context stands for.

The rule (user-context-filter.md, API_Principal.md):

- without a user context, every document is returned ("If this information is not
  included in the query, Amazon Kendra returns all documents");
- a document without an ACL is public ("Documents without an ACL are public
  documents"): every user context sees it;
- a USER principal names the user (the UserId), a GROUP principal one of the groups the
  user is in (given in the query, or reached through principal mappings);
- a document is returned when the user or one of their groups is in its allow list, and
  not when the user or any of their groups is in its deny list ("If the user or either
  group is in the deny list for a document, the document is not returned"): DENY wins
  over ALLOW; a document with an ACL that allows none of them is not returned;
- a principal with a DataSourceId applies to documents of that data source only; a
  group membership for a data source (a DataSourceGroup of the query, or a principal
  mapping put with a DataSourceId) counts for documents of that data source only.

HierarchicalAccessControlList (API_HierarchicalPrincipal.md: "Each hierarchical list
specifies which user or group has allow or deny access for each document"): the
documentation gives no precedence between the levels. Here each level is judged by the
rule above, in order, the document's AccessControlList first; the first level that
doesn't admit the user decides (hidden), so a user sees the document only when every
level admits them, as a file can only be reached through each folder above it. An empty
level says nothing, like an empty ACL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: A group membership: the group id, and the data source it holds for (None: every
#: document).
Membership = tuple[str, "str | None"]


@dataclass(frozen=True)
class Principals:
    """What a user context stands for: the user id (None: no user given) and every
    group the user is in, each with the data source the membership holds for (None:
    documents of every data source)."""

    user_id: str | None = None
    groups: frozenset[Membership] = frozenset()

    def in_group(self, group_id: str, data_source_id: str | None) -> bool:
        """Whether the user is in ``group_id`` for a document of ``data_source_id``."""
        if (group_id, None) in self.groups:
            return True
        return data_source_id is not None and (group_id, data_source_id) in self.groups

    def group_ids(self, data_source_id: str | None = None) -> list[str]:
        """The groups the user is in for a document of ``data_source_id``, sorted."""
        return sorted(
            {
                group
                for group, scope in self.groups
                if scope is None or (data_source_id is not None and scope == data_source_id)
            }
        )


def matches(
    principal: Mapping[str, Any], principals: Principals, data_source_id: str | None
) -> bool:
    """Whether ``principal`` (a Principal: Name, Type, Access, DataSourceId) names the
    user or one of their groups, for a document of ``data_source_id``."""
    scope = principal.get("DataSourceId")
    if scope is not None and scope != data_source_id:
        return False
    if principal["Type"] == "USER":
        return principals.user_id is not None and principal["Name"] == principals.user_id
    return principals.in_group(principal["Name"], data_source_id)


def admits(
    principal_list: Iterable[Mapping[str, Any]],
    principals: Principals,
    data_source_id: str | None,
) -> bool:
    """One list of principals: DENY of the user or a group hides, else ALLOW of one of
    them shows; a list naming neither hides; an empty list says nothing (shows)."""
    listed = False
    allowed = False
    for principal in principal_list:
        listed = True
        if matches(principal, principals, data_source_id):
            if principal["Access"] == "DENY":
                return False
            allowed = True
    return allowed or not listed


def allowed(
    acl: Sequence[Mapping[str, Any]],
    hierarchical_acl: Sequence[Mapping[str, Any]],
    principals: Principals | None,
    data_source_id: str | None,
) -> bool:
    """Whether a document with the AccessControlList ``acl`` and the
    HierarchicalAccessControlList ``hierarchical_acl`` (HierarchicalPrincipal dicts) is
    returned to the user context ``principals`` (None: no user context, every document
    is). ``data_source_id`` is the document's data source (None: put without one)."""
    if principals is None:
        return True
    if not admits(acl, principals, data_source_id):
        return False
    return all(
        admits(level["PrincipalList"], principals, data_source_id) for level in hierarchical_acl
    )


__all__ = ["Membership", "Principals", "admits", "allowed", "matches"]
