"""Who a search request is for: the user context that filters Query, Retrieve and
document-field query suggestions (user-context-filter.md, API_UserContext.md,
API_CreateIndex.md's UserContextPolicy).

A request names its user in one of three ways, at most one of them:

- ``UserContext`` with UserId, Groups and DataSourceGroups;
- ``UserContext`` with a Token, read as the index's UserTokenConfigurations say
  (``user_tokens``); "If you provide both, an exception is thrown": a Token with any
  of the others is a ValidationException;
- the AttributeFilter's ``_user_id`` and ``_group_ids`` comparisons ("Filtering by
  user attribute"): they name the user and groups, and are taken out of the filter
  (``without_user_filters``), so the documents are judged by their ACLs as a
  UserContext's are ("If the user or either group is in the deny list for a
  document, the document is not returned").

Under the index's UserContextPolicy:

- ATTRIBUTE_FILTER (the default): "All indexed content is searchable and displayable
  for all users": a request that names no user sees every document;
- USER_TOKEN: "All documents with no access control and all documents accessible to
  the user will be searchable": a request that names no user sees the documents
  without an ACL only.

The user named is then in the groups given, the groups the token names, the groups
its principal mappings reach (``principals.user_groups``) and, with the index's
UserGroupResolutionConfiguration in AWS_SSO mode, the groups of moto's IAM Identity
Center whose members include a user of that user name (or email address).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..exceptions import ValidationException
from ..moto_glue import identity_center
from .access_control import GEN_AI_EDITION
from .indices import Index
from .principals import user_groups
from .user_tokens import read_token
from .visibility import Principals

USER_ID, GROUP_IDS = "_user_id", "_group_ids"
#: "You can set up to 100 group identifiers" (user-context-filter.md, by user attribute).
MAX_GROUP_IDS = 100
USER_TOKEN = "USER_TOKEN"
_COMPARISONS = ("EqualsTo", "ContainsAll", "ContainsAny")


class UserFilters:
    """The user and groups an AttributeFilter's ``_user_id``/``_group_ids`` name."""

    def __init__(self) -> None:
        self.user: str | None = None
        self.groups: list[str] = []

    def __bool__(self) -> bool:
        return self.user is not None or bool(self.groups)

    def take(self, operator: str, attribute: Mapping[str, Any]) -> None:
        key, value = attribute["Key"], attribute.get("Value") or {}
        if key == USER_ID:
            user = value.get("StringValue")
            if operator != "EqualsTo" or user is None:
                raise ValidationException(
                    f"A {USER_ID} filter is an EqualsTo with a StringValue: the user."
                )
            if self.user is not None and self.user != user:
                raise ValidationException(
                    f"The AttributeFilter names two users ({self.user} and {user}) as "
                    f"{USER_ID}; a search is made for one user."
                )
            self.user = str(user)
            return
        if operator not in _COMPARISONS:
            raise ValidationException(
                f"A {GROUP_IDS} filter is an EqualsTo, ContainsAny or ContainsAll of the "
                f"groups; {operator} doesn't apply to it."
            )
        listed = value.get("StringListValue")
        named = [value["StringValue"]] if value.get("StringValue") is not None else listed
        if not named:
            raise ValidationException(
                f"A {GROUP_IDS} filter names its groups as a StringValue or a StringListValue."
            )
        self.groups.extend(str(group) for group in named if str(group) not in self.groups)
        if len(self.groups) > MAX_GROUP_IDS:
            raise ValidationException(
                f"The AttributeFilter names {len(self.groups)} groups as {GROUP_IDS}; a "
                f"search can name at most {MAX_GROUP_IDS}."
            )


def _strip(node: Mapping[str, Any], found: UserFilters) -> dict[str, Any] | None:
    for operator in ("AndAllFilters", "OrAllFilters"):
        if node.get(operator) is not None:
            kept = [k for k in (_strip(child, found) for child in node[operator]) if k]
            return {operator: kept} if kept else None
    if node.get("NotFilter") is not None:
        inner = UserFilters()
        negated = _strip(node["NotFilter"], inner)
        if inner:
            raise ValidationException(
                f"A NotFilter can't hold a {USER_ID} or {GROUP_IDS} filter: they name who "
                "is searching, not what to leave out."
            )
        return {"NotFilter": negated} if negated else None
    for operator, attribute in node.items():
        if isinstance(attribute, Mapping) and attribute.get("Key") in (USER_ID, GROUP_IDS):
            found.take(operator, attribute)
            return None
    return dict(node)


def without_user_filters(
    attribute_filter: Mapping[str, Any] | None,
) -> tuple[dict[str, Any] | None, UserFilters]:
    """``attribute_filter`` without its ``_user_id``/``_group_ids`` comparisons (None if
    nothing else is left), and the user and groups they name."""
    found = UserFilters()
    if not attribute_filter:
        return None, found
    return _strip(attribute_filter, found), found


def _has_names(context: Mapping[str, Any]) -> bool:
    return any(context.get(member) for member in ("UserId", "Groups", "DataSourceGroups"))


def principals_for(
    index: Index,
    user_context: Mapping[str, Any] | None,
    attribute_filter: Mapping[str, Any] | None = None,
) -> Principals | None:
    """What a request's user context (its UserContext, or the AttributeFilter's
    ``_user_id``/``_group_ids``) stands for in ``index``: None when it names no user and
    every document is visible (ATTRIBUTE_FILTER); see the module doc."""
    context = user_context or {}
    token = context.get("Token")
    _, from_filter = without_user_filters(attribute_filter)
    if token is not None and _has_names(context):
        raise ValidationException(
            "A UserContext gives either a Token or the UserId, Groups and DataSourceGroups "
            "of the user, not both."
        )
    if from_filter and (token is not None or _has_names(context)):
        raise ValidationException(
            f"The user is named twice: in UserContext and by {USER_ID}/{GROUP_IDS} "
            "filters. Name the user in one of them."
        )
    user_id: str | None
    groups: Sequence[str]
    data_source_groups: list[dict[str, Any]] = []
    if token is not None:
        if index.edition == GEN_AI_EDITION:
            raise ValidationException(
                f"Index {index.id} is of the {GEN_AI_EDITION}, which doesn't filter by "
                "user token: give the user as UserContext's UserId and Groups."
            )
        user_id, groups = read_token(index, token)
    elif _has_names(context):
        user_id = context.get("UserId")
        groups = list(context.get("Groups") or [])
        data_source_groups = list(context.get("DataSourceGroups") or [])
    elif from_filter:
        user_id, groups = from_filter.user, from_filter.groups
    elif index.settings.get("UserContextPolicy") == USER_TOKEN:
        return Principals()  # no user: the documents without an ACL only
    else:
        return None
    groups = list(groups)
    resolution = index.settings.get("UserGroupResolutionConfiguration") or {}
    if user_id is not None and resolution.get("UserGroupResolutionMode") == "AWS_SSO":
        groups += identity_center.groups_of_user(index.backend.account_id, user_id)
    return user_groups(index, user_id, groups, data_source_groups)
