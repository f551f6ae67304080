"""The visibility rule of user-context-filter.md (``backend.visibility.allowed``), one
row per rule the page states, and the mock's decisions where it is silent."""

from __future__ import annotations

from typing import Any

import pytest

from moto_kendra.backend.visibility import Principals, admits, allowed, matches


def p(name: str, kind: str = "USER", access: str = "ALLOW", source: str | None = None) -> dict:
    principal: dict[str, Any] = {"Name": name, "Type": kind, "Access": access}
    if source is not None:
        principal["DataSourceId"] = source
    return principal


def level(*principals: dict) -> dict:
    return {"PrincipalList": list(principals)}


ALICE = Principals("alice")
ALICE_IN_HR = Principals("alice", frozenset({("HR", None)}))
ALICE_IN_HR_IT = Principals("alice", frozenset({("HR", None), ("IT", None)}))
ALICE_IN_SALES_FOR_CRM = Principals("alice", frozenset({("Sales", "crm")}))
ONLY_GROUPS = Principals(None, frozenset({("HR", None)}))
NOBODY = Principals()

#: (rule, acl, hierarchical acl, principals, document's data source, visible)
RULES: list[tuple[str, list[dict], list[dict], Principals | None, str | None, bool]] = [
    # "If this information is not included in the query, Amazon Kendra returns all documents."
    ("no user context sees every document", [p("bob")], [], None, None, True),
    ("no user context, deny list too", [p("alice", access="DENY")], [], None, None, True),
    # "Documents without an ACL are public documents."
    ("a document without an ACL is public", [], [], ALICE, None, True),
    ("public to an empty user context", [], [], NOBODY, None, True),
    # USER principals name the UserId.
    ("the user in the allow list", [p("alice")], [], ALICE, None, True),
    ("another user in the allow list only", [p("bob")], [], ALICE, None, False),
    ("the user in the deny list", [p("alice", access="DENY")], [], ALICE, None, False),
    ("names are case sensitive", [p("Alice")], [], ALICE, None, False),
    # GROUP principals name the user's groups.
    ("a group of the user allowed", [p("HR", "GROUP")], [], ALICE_IN_HR, None, True),
    ("a group the user isn't in", [p("IT", "GROUP")], [], ALICE_IN_HR, None, False),
    ("groups without a user id", [p("HR", "GROUP")], [], ONLY_GROUPS, None, True),
    ("a USER principal never matches a group", [p("HR")], [], ALICE_IN_HR, None, False),
    ("a GROUP principal never matches the user", [p("alice", "GROUP")], [], ALICE, None, False),
    # "If the user or either group is in the deny list for a document, the document is
    # not returned."
    (
        "user allowed, a group denied",
        [p("alice"), p("IT", "GROUP", "DENY")],
        [],
        ALICE_IN_HR_IT,
        None,
        False,
    ),
    (
        "a group allowed, the user denied",
        [p("HR", "GROUP"), p("alice", access="DENY")],
        [],
        ALICE_IN_HR,
        None,
        False,
    ),
    (
        "one group allowed, another denied",
        [p("HR", "GROUP"), p("IT", "GROUP", "DENY")],
        [],
        ALICE_IN_HR_IT,
        None,
        False,
    ),
    ("deny first, allow after", [p("alice", access="DENY"), p("alice")], [], ALICE, None, False),
    # "The query will return any document that has the user or the ... groups in the
    # allow list": a deny list naming others doesn't show a document.
    ("only others denied", [p("bob", access="DENY")], [], ALICE, None, False),
    # A principal with a DataSourceId applies to documents of that data source only.
    ("scoped principal, its data source", [p("alice", source="crm")], [], ALICE, "crm", True),
    ("scoped principal, other data source", [p("alice", source="crm")], [], ALICE, "wiki", False),
    ("scoped principal, no data source", [p("alice", source="crm")], [], ALICE, None, False),
    (
        "scoped deny elsewhere doesn't hide",
        [p("alice"), p("alice", access="DENY", source="crm")],
        [],
        ALICE,
        "wiki",
        True,
    ),
    (
        "scoped deny on its data source hides",
        [p("alice"), p("alice", access="DENY", source="crm")],
        [],
        ALICE,
        "crm",
        False,
    ),
    # A DataSourceGroup (group membership for a data source) counts there only.
    (
        "data source group, its data source",
        [p("Sales", "GROUP")],
        [],
        ALICE_IN_SALES_FOR_CRM,
        "crm",
        True,
    ),
    (
        "data source group, other data source",
        [p("Sales", "GROUP")],
        [],
        ALICE_IN_SALES_FOR_CRM,
        "wiki",
        False,
    ),
    (
        "data source group, no data source",
        [p("Sales", "GROUP")],
        [],
        ALICE_IN_SALES_FOR_CRM,
        None,
        False,
    ),
    (
        "data source group and scoped principal agree",
        [p("Sales", "GROUP", source="crm")],
        [],
        ALICE_IN_SALES_FOR_CRM,
        "crm",
        True,
    ),
    # HierarchicalAccessControlList: every level must admit the user (the mock's
    # decision; the first level that doesn't decides).
    (
        "every level allows",
        [],
        [level(p("HR", "GROUP")), level(p("alice"))],
        ALICE_IN_HR,
        None,
        True,
    ),
    (
        "an inner level names others only",
        [],
        [level(p("HR", "GROUP")), level(p("bob"))],
        ALICE_IN_HR,
        None,
        False,
    ),
    (
        "an inner level denies",
        [],
        [level(p("HR", "GROUP")), level(p("alice", access="DENY"))],
        ALICE_IN_HR,
        None,
        False,
    ),
    (
        "the outer level denies",
        [],
        [level(p("alice", access="DENY")), level(p("alice"))],
        ALICE,
        None,
        False,
    ),
    ("an empty level says nothing", [], [level(), level(p("alice"))], ALICE, None, True),
    ("the flat ACL is the first level", [p("bob")], [level(p("alice"))], ALICE, None, False),
    ("flat ACL and hierarchy both allow", [p("alice")], [level(p("alice"))], ALICE, None, True),
]


@pytest.mark.parametrize(
    ("acl", "hierarchy", "principals", "data_source_id", "visible"),
    [row[1:] for row in RULES],
    ids=[row[0] for row in RULES],
)
def test_visibility_rule(acl, hierarchy, principals, data_source_id, visible):
    assert allowed(acl, hierarchy, principals, data_source_id) is visible


def test_matches_and_admits_are_the_rule_of_one_list():
    assert matches(p("HR", "GROUP"), ALICE_IN_HR, None)
    assert not matches(p("HR", "GROUP", source="crm"), ALICE_IN_HR, "wiki")
    assert admits([], ALICE, None)
    assert not admits([p("bob")], ALICE, None)


def test_principals_say_which_groups_count_for_a_data_source():
    principals = Principals("alice", frozenset({("HR", None), ("Sales", "crm")}))
    assert principals.group_ids() == ["HR"]
    assert principals.group_ids("crm") == ["HR", "Sales"]
    assert principals.in_group("Sales", "crm")
    assert not principals.in_group("Sales", None)
