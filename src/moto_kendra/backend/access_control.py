"""Access control configurations: CreateAccessControlConfiguration,
DescribeAccessControlConfiguration, ListAccessControlConfigurations,
UpdateAccessControlConfiguration, DeleteAccessControlConfiguration.

An ``AccessControlConfiguration`` is an index's named AccessControlList and
HierarchicalAccessControlList that documents take by naming its id
(``AccessControlConfigurationId`` of BatchPutDocument's Document, or of an S3
document's ``.metadata.json``): such a document has the configuration's lists in place
of its own, resolved when it is searched (``effective_acl``), so updating the
configuration re-configures its documents without indexing them again
(API_CreateAccessControlConfiguration.md, API_UpdateAccessControlConfiguration.md).

A configuration has no status (DescribeAccessControlConfiguration reports none): it
applies as soon as it is created or updated, and a deleted one is gone at once. It
can't be deleted while a document of the index names it (ConflictException), so no
document is left pointing at nothing. Names need not be unique (the API reference
doesn't ask it, and the Id identifies a configuration).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api._internal import mock_random

from ..exceptions import ConflictException, ResourceNotFoundException, ValidationException
from .indices import Index, find_index, writable_index
from .operations import Params, Result, operation
from .values import printable, prune

if TYPE_CHECKING:
    from .documents import DocumentContent
    from .service import KendraBackend

#: A document's AccessControlList holds at most this many principals
#: (user-context-filter.md: "You can add up to 200 entries in the AccessControlList
#: field"); so does a configuration's, and each level of its hierarchy.
MAX_PRINCIPALS = 200
#: The Edition for which Kendra refuses access control configurations (the model's
#: documentation of CreateAccessControlConfiguration).
GEN_AI_EDITION = "GEN_AI_ENTERPRISE_EDITION"
#: How many document ids a ConflictException of DeleteAccessControlConfiguration names.
NAMED_DOCUMENTS = 5


def _check_lists(params: Params) -> None:
    """ValidationException for a list of more than MAX_PRINCIPALS principals."""
    lists: list[tuple[str, list[Any]]] = []
    if "AccessControlList" in params:
        lists.append(("AccessControlList", params["AccessControlList"]))
    for number, level in enumerate(params.get("HierarchicalAccessControlList") or [], 1):
        lists.append(
            (f"HierarchicalAccessControlList[{number}].PrincipalList", level["PrincipalList"])
        )
    for where, principals in lists:
        if len(principals) > MAX_PRINCIPALS:
            raise ValidationException(
                f"{where} has {len(principals)} principals; an access control list can "
                f"have at most {MAX_PRINCIPALS}."
            )


class AccessControlConfiguration(BaseModel):
    """An index's named access control lists."""

    def __init__(self, index: Index, params: Params) -> None:
        self.index = index
        self.id = str(mock_random.uuid4())
        self.client_token: str | None = params.get("ClientToken")
        self.name: str = params["Name"]
        self.description: str | None = params.get("Description")
        self.access_control_list: list[dict[str, Any]] = []
        self.hierarchical_access_control_list: list[dict[str, Any]] = []
        self.update(params)

    def update(self, params: Params) -> None:
        if "Name" in params:
            self.name = params["Name"]
        if "Description" in params:
            self.description = params["Description"]
        if "AccessControlList" in params:
            self.access_control_list = [dict(p) for p in params["AccessControlList"]]
        if "HierarchicalAccessControlList" in params:
            self.hierarchical_access_control_list = [
                {"PrincipalList": [dict(p) for p in level["PrincipalList"]]}
                for level in params["HierarchicalAccessControlList"]
            ]

    def error_message(self) -> str | None:
        """What keeps part of it from applying: principals scoped to a data source the
        index doesn't have (they match no document)."""
        principals = list(self.access_control_list)
        for level in self.hierarchical_access_control_list:
            principals += level["PrincipalList"]
        unknown = sorted(
            {
                str(principal["DataSourceId"])
                for principal in principals
                if principal.get("DataSourceId") is not None
                and principal["DataSourceId"] not in self.index.data_sources
            }
        )
        if not unknown:
            return None
        return printable(
            f"Principals name data sources that don't exist in index {self.index.id}: "
            f"{', '.join(unknown)}. They apply to no document.",
            2048,
            "Principals name data sources that don't exist in the index.",
        )

    def describe(self) -> Result:
        return prune(
            {
                "Name": self.name,
                "Description": self.description,
                "ErrorMessage": self.error_message(),
                "AccessControlList": [dict(p) for p in self.access_control_list],
                "HierarchicalAccessControlList": [
                    {"PrincipalList": [dict(p) for p in level["PrincipalList"]]}
                    for level in self.hierarchical_access_control_list
                ]
                or None,
            }
        )


class AccessControlStore:
    """The access control configurations of one index (``index.store(AccessControlStore)``)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.configurations: dict[str, AccessControlConfiguration] = {}

    def get(self, configuration_id: str) -> AccessControlConfiguration:
        configuration = self.configurations.get(configuration_id)
        if configuration is None:
            raise ResourceNotFoundException(
                f"Access control configuration {configuration_id} doesn't exist in index "
                f"{self.index.id}."
            )
        return configuration

    def users_of(self, configuration_id: str) -> list[str]:
        """The ids of the index's documents that name the configuration (those being
        indexed, and versions still searchable under a replacement, too)."""
        users = []
        for document in list(self.index.documents.values()):
            versions = [document, document.previous]
            if any(
                version is not None
                and version.content.access_control_configuration_id == configuration_id
                for version in versions
            ):
                users.append(document.id)
        return users


def configuration_problem(index: Index, configuration_id: str | None) -> str | None:
    """Why a document can't name ``configuration_id`` (None: it can, or names none)."""
    if configuration_id is None:
        return None
    if configuration_id in index.store(AccessControlStore).configurations:
        return None
    return (
        f"Access control configuration {configuration_id} doesn't exist in index "
        f"{index.id}; create it with CreateAccessControlConfiguration first."
    )


def effective_acl(
    index: Index, content: DocumentContent
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The AccessControlList (Principal dicts) and HierarchicalAccessControlList
    (HierarchicalPrincipal dicts) a document has now: its access control
    configuration's when it names one, else its own. Read them, don't change them."""
    configuration_id = content.access_control_configuration_id
    if configuration_id is not None:
        configuration = index.store(AccessControlStore).configurations.get(configuration_id)
        if configuration is not None:
            return (
                configuration.access_control_list,
                configuration.hierarchical_access_control_list,
            )
    return content.access_control_list, content.hierarchical_access_control_list


@operation("CreateAccessControlConfiguration")
def create_access_control_configuration(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    store = index.store(AccessControlStore)
    token = params.get("ClientToken")
    if token is not None:
        for existing in store.configurations.values():
            if existing.client_token == token:
                return {"Id": existing.id}
    if index.edition == GEN_AI_EDITION:
        raise ValidationException(
            f"Index {index.id} is of the {GEN_AI_EDITION}, which doesn't support access "
            "control configurations."
        )
    _check_lists(params)
    configuration = AccessControlConfiguration(index, params)
    store.configurations[configuration.id] = configuration
    return {"Id": configuration.id}


@operation("DescribeAccessControlConfiguration")
def describe_access_control_configuration(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    return index.store(AccessControlStore).get(params["Id"]).describe()


@operation("ListAccessControlConfigurations")
def list_access_control_configurations(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    configurations = list(index.store(AccessControlStore).configurations.values())
    page, token = backend.pages.page(
        f"ListAccessControlConfigurations:{index.id}", configurations, params, 100
    )
    return prune(
        {
            "AccessControlConfigurations": [{"Id": item.id} for item in page],
            "NextToken": token,
        }
    )


@operation("UpdateAccessControlConfiguration")
def update_access_control_configuration(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    configuration = index.store(AccessControlStore).get(params["Id"])
    _check_lists(params)
    configuration.update(params)
    return {}


@operation("DeleteAccessControlConfiguration")
def delete_access_control_configuration(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    store = index.store(AccessControlStore)
    configuration = store.get(params["Id"])
    users = store.users_of(configuration.id)
    if users:
        named = ", ".join(users[:NAMED_DOCUMENTS]) + (
            ", ..." if len(users) > NAMED_DOCUMENTS else ""
        )
        raise ConflictException(
            f"Access control configuration {configuration.id} is used by {len(users)} "
            f"document(s) of index {index.id} ({named}); delete them, or put them with "
            "another AccessControlConfigurationId, first."
        )
    del store.configurations[configuration.id]
    return {}
