"""A group's members, as PutPrincipalMapping gives them: in the request (MemberUsers,
MemberGroups) or in a file of moto's S3 (S3PathforGroupMembers, API_GroupMembers.md).

The file is Kendra's sample format: a UTF-8 JSON object with ``memberUsers`` (objects
with ``userId``) and ``memberGroups`` (objects with ``groupId`` and an optional
``dataSourceId``), each entry with an optional ``type`` that is always ``USER`` for a
user and ``GROUP`` for a group::

    {
      "memberUsers": [{"userId": "alice@example.com", "type": "USER"}],
      "memberGroups": [{"groupId": "Research", "type": "GROUP", "dataSourceId": "wiki"}]
    }

A file can list more than the request's 1000 members. The file is read when the PUT is
received; a bucket or object that doesn't exist, a bucket of another account or region,
or a file that isn't that JSON fails the action (FAILED, with the FailureReason).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..connectors.s3_files import read_json_file
from ..moto_glue import s3 as moto_s3
from ..spec.checks import shape_violations
from ..spec.service import service_model
from . import document_rules
from .visibility import Membership

if TYPE_CHECKING:
    from .indices import Index


@dataclass(frozen=True)
class Members:
    """The users and the sub groups (group id, data source or None) of a group."""

    users: frozenset[str] = frozenset()
    groups: frozenset[Membership] = frozenset()

    def __or__(self, other: Members) -> Members:
        return Members(self.users | other.users, self.groups | other.groups)


def from_request(group_members: dict[str, Any]) -> Members:
    """The members a request's GroupMembers lists (its S3 file aside)."""
    return Members(
        frozenset(user["UserId"] for user in group_members.get("MemberUsers") or []),
        frozenset(
            (group["GroupId"], group.get("DataSourceId"))
            for group in group_members.get("MemberGroups") or []
        ),
    )


#: File member name -> (model shape, the model's member names, the fixed ``type``).
_ENTRIES = {
    "memberUsers": ("MemberUser", {"userId": "UserId"}, "USER"),
    "memberGroups": (
        "MemberGroup",
        {"groupId": "GroupId", "dataSourceId": "DataSourceId"},
        "GROUP",
    ),
}


def _entries(data: dict[str, Any], member: str, problems: list[str]) -> list[dict[str, Any]]:
    shape_name, names, kind = _ENTRIES[member]
    entries = data.get(member, [])
    if not isinstance(entries, list):
        problems.append(f"{member} must be a JSON list.")
        return []
    shape = service_model().shape_for(shape_name)
    found = []
    for number, entry in enumerate(entries, 1):
        where = f"{member}[{number}]"
        if not isinstance(entry, dict):
            problems.append(f"{where} must be a JSON object.")
            continue
        unknown = sorted(set(entry) - set(names) - {"type"})
        if unknown:
            problems.append(f"{where} has unknown member {', '.join(unknown)}.")
        if entry.get("type", kind) != kind:
            problems.append(f"{where}: type must be {kind}.")
        value = {names[key]: item for key, item in entry.items() if key in names}
        violations = shape_violations(shape, value)
        problems += [f"{where}: {violation}" for violation in violations]
        if not violations:
            found.append(value)
    return found


def parse_file(body: bytes) -> Members:
    """A group members file's members, or ValueError saying why it is invalid."""
    data = read_json_file(body)
    if not isinstance(data, dict):
        raise ValueError("The file must hold a JSON object with memberUsers and memberGroups.")
    problems: list[str] = []
    unknown = sorted(set(data) - set(_ENTRIES))
    if unknown:
        problems.append(
            f"Unknown member {', '.join(unknown)}; the file may hold memberUsers and memberGroups."
        )
    users = _entries(data, "memberUsers", problems)
    groups = _entries(data, "memberGroups", problems)
    if problems:
        raise ValueError(" ".join(problems))
    return from_request({"MemberUsers": users, "MemberGroups": groups})


def from_file(index: Index, path: dict[str, str]) -> tuple[Members | None, str | None]:
    """The members listed in the file at ``path`` (an S3Path), or (None, why not)."""
    uri = f"s3://{path['Bucket']}/{path['Key']}"
    found, failure = document_rules.s3_object(index, path)
    if failure is not None:
        return None, f"Can't read the group members file: {failure[1]}"
    assert found is not None
    backend = index.backend
    body = moto_s3.read_object(backend.account_id, backend.partition, path["Bucket"], path["Key"])
    if body is None:
        return None, f"Can't read the group members file: the S3 object {uri} doesn't exist."
    try:
        return parse_file(body), None
    except ValueError as error:
        return None, f"The group members file {uri} is invalid. {error}"
