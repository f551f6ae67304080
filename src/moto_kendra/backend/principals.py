"""Principal mappings: PutPrincipalMapping, DescribePrincipalMapping,
DeletePrincipalMapping, ListGroupsOlderThanOrderingId; and ``user_groups``, what a
user context stands for once they are applied.

A group is mapped index-wide, or for one data source (DataSourceId): the two are
different mappings, each described, deleted and listed with its own DataSourceId (none
for the index-wide one). Each PUT or DELETE of a group is an action processed
asynchronously (API_DescribePrincipalMapping.md: "actions currently processing or yet
to be processed") through ``kendra::principal_mapping`` (default: manual, one read a
step): a PUT is PROCESSING, then SUCCEEDED or FAILED; a DELETE is DELETING, then
DELETED or FAILED. The members of a group are those of its last action that
SUCCEEDED (none after one DELETED); until then the previous members hold. A read is a
DescribePrincipalMapping of the group: it shows the history, then moves every action
still processing one step.

OrderingId (API_PutPrincipalMapping.md): "The highest number ID ... is the latest
action you want to process and apply on top of other actions with lower number IDs";
it defaults to the time the action is received, in Unix milliseconds. An action
whose OrderingId is lower than one the group has already received (and that hasn't
failed) never overrides it: it is accepted and ends FAILED, with a FailureReason
naming the later OrderingId. "If more than five PUT actions for a group are currently
processing, a validation exception is thrown": a sixth is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal.managed_state_model import ManagedState

from ..exceptions import ResourceNotFoundException, ValidationException
from . import group_members
from .clock import utcnow
from .group_members import Members
from .indices import Index, find_index, writable_index
from .operations import Params, Result, operation
from .values import printable, prune
from .visibility import Membership, Principals

if TYPE_CHECKING:
    from .service import KendraBackend

PRINCIPAL_MAPPING_MODEL = "kendra::principal_mapping"
state_manager.register_default_transition(
    PRINCIPAL_MAPPING_MODEL, {"progression": "manual", "times": 1}
)

PUT, DELETE = "PUT", "DELETE"
#: A group takes no more PUT actions while this many are PROCESSING.
MAX_PROCESSING_PUTS = 5
#: DescribePrincipalMapping shows at most this many actions (the model's maximum).
MAX_SUMMARIES = 10


class MappingAction(BaseModel, ManagedState):
    """One PUT or DELETE of a group, on its way to its outcome."""

    def __init__(
        self,
        group: Group,
        kind: str,
        ordering_id: int,
        members: Members | None = None,
        failure: str | None = None,
    ) -> None:
        self.group = group
        self.kind = kind
        self.ordering_id = ordering_id
        self.members = members
        self.failure = failure
        pending = "PROCESSING" if kind == PUT else "DELETING"
        if failure is not None:
            self.outcome = "FAILED"
        else:
            self.outcome = "SUCCEEDED" if kind == PUT else "DELETED"
        ManagedState.__init__(self, PRINCIPAL_MAPPING_MODEL, [(pending, self.outcome)])
        self.received_at = self.last_updated_at = utcnow()
        #: It reached its outcome (and was applied to its group).
        self.done = False

    @property
    def status(self) -> str:
        current = str(ManagedState.status.fget(self))  # type: ignore[attr-defined]
        if not self.done and current == self.outcome:
            self.done = True
            self.last_updated_at = utcnow()
            self.group.apply(self)
        return current

    @status.setter
    def status(self, value: str) -> None:
        self._status = value

    @property
    def pending(self) -> bool:
        """Still processing (a read: it may reach its outcome now)."""
        return self.status != self.outcome

    def summary(self) -> Result:
        status = self.status
        return prune(
            {
                "Status": status,
                "LastUpdatedAt": self.last_updated_at,
                "ReceivedAt": self.received_at,
                "OrderingId": self.ordering_id,
                "FailureReason": self.failure if status == "FAILED" else None,
            }
        )


class Group:
    """A group mapped in an index, index-wide or for one data source."""

    def __init__(self, group_id: str, data_source_id: str | None) -> None:
        self.id = group_id
        self.data_source_id = data_source_id
        #: Its actions, in the order received (the last MAX_SUMMARIES, and any pending).
        self.actions: list[MappingAction] = []
        #: The members in force (None: not mapped, or deleted).
        self.members: Members | None = None
        self.applied_ordering_id: int | None = None
        #: The kind and OrderingId of the latest action received that doesn't fail
        #: (what the group is, or will be once it is processed).
        self.latest_kind: str | None = None
        self.latest_ordering_id: int | None = None

    def settle(self) -> None:
        """Let every action that has reached its outcome apply it."""
        for action in list(self.actions):
            if not action.done:
                action.status  # noqa: B018 (a read applies an action that ended)

    def superseded_by(self, ordering_id: int) -> int | None:
        """The OrderingId of a received action later than ``ordering_id``, if any."""
        latest = self.latest_ordering_id
        return latest if latest is not None and latest > ordering_id else None

    def processing_puts(self) -> int:
        return sum(1 for action in self.actions if action.kind == PUT and action.pending)

    def receive(self, action: MappingAction) -> None:
        if action.outcome != "FAILED":
            self.latest_kind, self.latest_ordering_id = action.kind, action.ordering_id
        self.actions.append(action)
        kept = set(map(id, self.actions[-MAX_SUMMARIES:]))
        self.actions = [a for a in self.actions if id(a) in kept or not a.done]

    def apply(self, action: MappingAction) -> None:
        """An action reached its outcome: a SUCCEEDED PUT sets the members, a DELETED
        DELETE removes them, unless a later action was applied already."""
        if action.outcome == "FAILED":
            return
        if self.applied_ordering_id is not None and action.ordering_id < self.applied_ordering_id:
            return
        self.applied_ordering_id = action.ordering_id
        self.members = action.members if action.kind == PUT else None

    def describe(self, index: Index) -> Result:
        return prune(
            {
                "IndexId": index.id,
                "DataSourceId": self.data_source_id,
                "GroupId": self.id,
                "GroupOrderingIdSummaries": [
                    action.summary() for action in self.actions[-MAX_SUMMARIES:]
                ],
            }
        )


def _narrow(*scopes: str | None) -> tuple[bool, str | None]:
    """The data source a membership holds for through links scoped ``scopes`` (None:
    every one); (False, None) if two links are scoped to different data sources."""
    scoped = {scope for scope in scopes if scope is not None}
    if len(scoped) > 1:
        return False, None
    return True, next(iter(scoped), None)


class PrincipalStore:
    """The principal mappings of one index (``index.store(PrincipalStore)``)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        #: (data source id or None, group id) -> its group.
        self.groups: dict[tuple[str | None, str], Group] = {}

    def group(self, data_source_id: str | None, group_id: str) -> Group:
        group = self.groups.get((data_source_id, group_id))
        if group is None:
            where = f"data source {data_source_id} of " if data_source_id else ""
            raise ResourceNotFoundException(
                f"Group {group_id} has no principal mapping in {where}index {self.index.id}."
            )
        return group

    def settle(self) -> None:
        for group in list(self.groups.values()):
            group.settle()

    def user_groups(
        self,
        user_id: str | None,
        groups: Iterable[str],
        data_source_groups: Iterable[dict[str, Any]],
    ) -> Principals:
        self.settle()
        parents: dict[str, list[tuple[Group, str | None]]] = {}
        reached: set[Membership] = {(group, None) for group in groups}
        reached |= {(item["GroupId"], item["DataSourceId"]) for item in data_source_groups}
        for group in self.groups.values():
            if group.members is None:
                continue
            if user_id is not None and user_id in group.members.users:
                reached.add((group.id, group.data_source_id))
            for member, scope in group.members.groups:
                parents.setdefault(member, []).append((group, scope))
        todo = list(reached)
        while todo:
            member, scope = todo.pop()
            for parent, link_scope in parents.get(member, []):
                possible, narrowed = _narrow(scope, link_scope, parent.data_source_id)
                if possible and (parent.id, narrowed) not in reached:
                    reached.add((parent.id, narrowed))
                    todo.append((parent.id, narrowed))
        return Principals(user_id, frozenset(reached))


def user_groups(
    index: Index,
    user_id: str | None,
    groups: list[str],
    data_source_groups: list[dict[str, Any]],
) -> Principals:
    """What a UserContext (UserId, Groups, DataSourceGroups) stands for in ``index``
    once its principal mappings are applied: the user id, and every group the user is
    in, each with the data source the membership holds for (None: every document).

    A user is in the groups given, the DataSourceGroups given (for their data source
    only), the groups whose members in force list them, and, through nested groups,
    every group that has one of those as a member group. A membership through a
    mapping put with a DataSourceId, or a MemberGroup with a DataSourceId, holds for
    documents of that data source only. Pass the result to ``visibility.allowed``.
    """
    return index.store(PrincipalStore).user_groups(user_id, groups, data_source_groups)


def _scope(index: Index, params: Params) -> str | None:
    """The request's DataSourceId, checked to be a data source of the index."""
    data_source_id: str | None = params.get("DataSourceId")
    if data_source_id is not None:
        index.data_source(data_source_id)
    return data_source_id


def _ordering_id(params: Params) -> int:
    ordering_id = params.get("OrderingId")
    if ordering_id is None:
        return int(utcnow().timestamp() * 1000)
    return int(ordering_id)


def _failure(group: Group, ordering_id: int) -> str | None:
    later = group.superseded_by(ordering_id)
    if later is None:
        return None
    return printable(
        f"OrderingId {ordering_id} is older than OrderingId {later} of an action group "
        f"{group.id} has already received; an older action doesn't override a later one.",
        2048,
        "An action with a later OrderingId was received first.",
    )


@operation("PutPrincipalMapping")
def put_principal_mapping(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    data_source_id = _scope(index, params)
    store = index.store(PrincipalStore)
    requested = params["GroupMembers"]
    path = requested.get("S3PathforGroupMembers")
    if not (requested.get("MemberUsers") or requested.get("MemberGroups") or path):
        raise ValidationException(
            "GroupMembers must list MemberUsers, MemberGroups or an S3PathforGroupMembers "
            "file; to remove a group, call DeletePrincipalMapping."
        )
    key = (data_source_id, params["GroupId"])
    group = store.groups.get(key) or Group(params["GroupId"], data_source_id)
    if group.processing_puts() >= MAX_PROCESSING_PUTS:
        raise ValidationException(
            f"{MAX_PROCESSING_PUTS} PUT actions for group {group.id} are processing; "
            "wait for them (DescribePrincipalMapping) before putting it again."
        )
    ordering_id = _ordering_id(params)
    members = group_members.from_request(requested)
    failure = _failure(group, ordering_id)
    if failure is None and path is not None:
        listed, failure = group_members.from_file(index, path)
        members = members if listed is None else members | listed
    store.groups[key] = group
    group.receive(MappingAction(group, PUT, ordering_id, members, failure))
    return {}


@operation("DescribePrincipalMapping")
def describe_principal_mapping(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    group = index.store(PrincipalStore).group(_scope(index, params), params["GroupId"])
    result = group.describe(index)
    for action in list(group.actions):  # show, then advance: one step per read
        if not action.done:
            action.advance()
    return result


@operation("DeletePrincipalMapping")
def delete_principal_mapping(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    group = index.store(PrincipalStore).group(_scope(index, params), params["GroupId"])
    ordering_id = _ordering_id(params)
    group.receive(MappingAction(group, DELETE, ordering_id, None, _failure(group, ordering_id)))
    return {}


@operation("ListGroupsOlderThanOrderingId")
def list_groups_older_than_ordering_id(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    data_source_id = _scope(index, params)
    store = index.store(PrincipalStore)
    older: list[tuple[int, str]] = []
    for (scope, group_id), group in store.groups.items():
        ordering_id = group.latest_ordering_id
        if scope != data_source_id or group.latest_kind != PUT or ordering_id is None:
            continue
        if ordering_id < params["OrderingId"]:
            older.append((ordering_id, group_id))
    older.sort()
    listing = f"ListGroupsOlderThanOrderingId:{index.id}:{data_source_id}:{params['OrderingId']}"
    page, token = backend.pages.page(listing, older, params, 10)
    return prune(
        {
            "GroupsSummaries": [
                {"GroupId": group_id, "OrderingId": ordering_id} for ordering_id, group_id in page
            ],
            "NextToken": token,
        }
    )
