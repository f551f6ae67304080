"""Kendra resources in moto's CloudFormation: AWS::Kendra::Index,
AWS::Kendra::DataSource, AWS::Kendra::Faq and AWS::KendraRanking::ExecutionPlan.

Each resource type is one class: a direct subclass of moto's ``CloudFormationModel``
(moto lists those as its resource types; ``moto_glue.cloudformation.offer`` makes sure
it sees them) that says how the template's properties map to the API's parameters.
``StackResource`` does the rest through the operation table, each request validated
against the model as a client's is: a stack does what the API does, with its errors (a
Kendra error fails the stack operation with CloudFormation's ValidationError naming it).

- Create: the create operation, then the update operation for the properties only it
  takes (an index's CapacityUnits and DocumentMetadataConfigurations).
- Update: a changed create-only property (CloudFormation's ``createOnlyProperties``), or
  a change other than its Tags of a type without an update operation (a FAQ), replaces
  the resource (the new one is created, the old one deleted); otherwise the update
  operation takes the properties it knows, and Tags go through TagResource and
  UntagResource. A property removed from the template keeps its value.
- Delete: the delete operation; a resource already gone (a data source deleted with its
  index) counts as deleted.

``Ref`` and ``Fn::GetAtt`` as the CloudFormation resource reference gives them: ``Ref``
an index or an execution plan is its Id, ``Ref`` a data source or a FAQ ``<Id>|<IndexId>``;
``Fn::GetAtt`` gives ``Arn`` and ``Id``. Template values are read as the types the API
shapes say (a parameter's "2" for an integer is 2, "true" for a boolean is true).
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from botocore.model import Shape
from moto.core.common_models import CloudFormationModel

from ..exceptions import KendraError, ResourceNotFoundException
from ..moto_glue.cloudformation import stack_error, unknown_attribute
from ..spec.checks import validate_request
from ..spec.service import KENDRA, KENDRA_RANKING, service_model
from .data_sources import find_data_source
from .faqs import FaqStore
from .indices import find_index
from .operations import Params, Result, implemented
from .ranking import kendraranking_backends
from .service import kendra_backends

_BACKENDS: dict[str, Any] = {KENDRA: kendra_backends, KENDRA_RANKING: kendraranking_backends}
_TRUE_FALSE = {"true": True, "false": False}


def _typed(value: Any, shape: Shape) -> Any:
    """``value`` as ``shape``'s type where a template wrote it as text (parameters,
    ``Fn::Sub``...): numbers and booleans; anything else as it is."""
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        members = shape.members
        return {
            name: _typed(item, members[name]) if name in members else item
            for name, item in value.items()
        }
    if kind == "list" and isinstance(value, list):
        return [_typed(item, shape.member) for item in value]
    if kind == "map" and isinstance(value, dict):
        return {key: _typed(item, shape.value) for key, item in value.items()}
    if isinstance(value, str):
        text = value.strip()
        try:
            if kind in ("integer", "long"):
                return int(text)
            if kind in ("float", "double"):
                return float(text)
        except ValueError:
            return value
        if kind == "boolean" and text.lower() in _TRUE_FALSE:
            return _TRUE_FALSE[text.lower()]
    return value


def call(service: str, account_id: str, region: str, operation: str, params: Params) -> Result:
    """``operation`` of ``service`` with ``params``, as a client's request would run it
    (validated, under the backend's lock); a Kendra error fails the stack operation."""
    backend = _BACKENDS[service][account_id][region]
    shape = service_model(service).operation_model(operation).input_shape
    request = _typed(copy.deepcopy(params), shape)
    try:
        validate_request(operation, request, service)
        with backend.lock:
            return implemented(service)[operation](backend, request)
    except KendraError as error:
        raise stack_error(f"{operation} failed: {error.error_type}: {error.message}") from None


class StackResource:
    """One resource a stack made. Subclasses say how its properties map to the API."""

    #: The service, and the operations that create, update (None: every change replaces
    #: the resource) and delete the resource.
    SERVICE: ClassVar[str] = KENDRA
    CREATE: ClassVar[str]
    UPDATE: ClassVar[str | None]
    DELETE: ClassVar[str]
    #: The properties CloudFormation requires, and those whose change replaces it.
    REQUIRED: ClassVar[tuple[str, ...]]
    CREATE_ONLY: ClassVar[tuple[str, ...]] = ()
    #: Template property -> API parameter, where the names differ.
    RENAMED: ClassVar[dict[str, str]] = {}
    #: The property naming the resource this one lives in (IndexId), if any.
    PARENT: ClassVar[str | None] = None

    def __init__(
        self, account_id: str, region: str, ids: Params, properties: dict[str, Any]
    ) -> None:
        self.account_id = account_id
        self.region = region
        #: The identifying parameters of the update and delete operations.
        self.ids = ids
        self.properties = properties
        self.arn = self.arn_of()

    # -- what each type says ---------------------------------------------------------

    def arn_of(self) -> str:
        raise NotImplementedError

    @classmethod
    def parameters(cls, properties: dict[str, Any]) -> Params:
        """The API's parameters for the template's properties (names mapped; a copy)."""
        return {
            cls.RENAMED.get(name, name): copy.deepcopy(value) for name, value in properties.items()
        }

    @property
    def physical_resource_id(self) -> str:
        """What ``Ref`` gives: the Id, or ``<Id>|<PARENT's id>`` for a resource that lives
        in another (what ``delete_from_cloudformation_json`` reads back)."""
        if self.PARENT is None:
            return str(self.ids["Id"])
        return f"{self.ids['Id']}|{self.ids[self.PARENT]}"

    @classmethod
    def _members(cls, operation: str | None) -> set[str]:
        if operation is None:
            return set()
        return set(service_model(cls.SERVICE).operation_model(operation).input_shape.members)

    @classmethod
    def check(cls, properties: dict[str, Any], logical_id: str) -> None:
        """CloudFormation's property validation: required keys, and no key the type
        doesn't have (every key maps to a parameter of the create or update operation)."""
        missing = [name for name in cls.REQUIRED if name not in properties]
        # The Id is read-only and the ClientToken CloudFormation's own business.
        known = (cls._members(cls.CREATE) | cls._members(cls.UPDATE)) - {"Id", "ClientToken"}
        extra = [name for name in cls.parameters(properties) if name not in known]
        if missing or extra:
            problem = (
                f"required key [{missing[0]}] not found"
                if missing
                else f"extraneous key [{extra[0]}] is not permitted"
            )
            raise stack_error(
                f"Properties validation failed for resource {logical_id} with message: #: {problem}"
            )

    # -- moto's CloudFormationModel ------------------------------------------------------

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Arn", "Id")

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "Id":
            return self.ids["Id"]
        raise unknown_attribute()

    def is_created(self) -> bool:
        return True

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> StackResource:
        properties = dict(cloudformation_json.get("Properties") or {})
        cls.check(properties, kwargs.get("LogicalId", resource_name))
        params = cls.parameters(properties)
        operations = cls._members(cls.CREATE)
        created = call(
            cls.SERVICE,
            account_id,
            region_name,
            cls.CREATE,
            {name: value for name, value in params.items() if name in operations},
        )
        ids = {"Id": created["Id"]}
        if cls.PARENT is not None:
            ids[cls.PARENT] = params[cls.PARENT]
        resource = cls(account_id, region_name, ids, properties)
        later = {name for name in params if name not in operations}
        if later:
            resource.apply({name: params[name] for name in later})
        return resource

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: StackResource,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> StackResource:
        properties = dict(cloudformation_json.get("Properties") or {})
        cls.check(properties, getattr(original_resource, "logical_resource_id", new_resource_name))
        old = original_resource.properties
        changed = {name for name in {*old, *properties} if old.get(name) != properties.get(name)}
        if changed & set(cls.CREATE_ONLY) or (cls.UPDATE is None and changed - {"Tags"}):
            replacement = cls.create_from_cloudformation_json(
                new_resource_name,
                cloudformation_json,
                account_id,
                region_name,
                LogicalId=getattr(original_resource, "logical_resource_id", new_resource_name),
            )
            original_resource.delete(account_id, region_name)
            return replacement
        original_resource.apply(cls.parameters(properties))
        original_resource.retag(old.get("Tags") or [], properties.get("Tags") or [])
        original_resource.properties = properties
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        ids: Params = {"Id": resource_name.split("|")[0]}
        if cls.PARENT is not None:
            ids[cls.PARENT] = resource_name.split("|")[-1]
        cls._delete(account_id, region_name, ids)

    def delete(self, account_id: str, region_name: str) -> None:
        """Delete the resource (moto calls this when the stack deletes it)."""
        self._delete(account_id, region_name, self.ids)

    @classmethod
    def _delete(cls, account_id: str, region_name: str, ids: Params) -> None:
        backend = _BACKENDS[cls.SERVICE][account_id][region_name]
        try:
            with backend.lock:
                implemented(cls.SERVICE)[cls.DELETE](backend, dict(ids))
        except ResourceNotFoundException:
            pass  # already gone with what held it: deleted
        except KendraError as error:
            raise stack_error(f"{cls.DELETE} failed: {error.error_type}: {error.message}") from None

    # -- updates -----------------------------------------------------------------------

    def apply(self, params: Params) -> None:
        """Run the update operation with those of ``params`` it takes."""
        if self.UPDATE is None:
            return
        members = self._members(self.UPDATE)
        taken = {name: value for name, value in params.items() if name in members}
        call(self.SERVICE, self.account_id, self.region, self.UPDATE, {**taken, **self.ids})

    def retag(self, old: list[dict[str, str]], new: list[dict[str, str]]) -> None:
        """Move the resource's tags from the template's ``old`` to its ``new``."""
        before = {tag["Key"]: tag["Value"] for tag in old}
        after = {tag["Key"]: tag["Value"] for tag in new}
        gone = [key for key in before if key not in after]
        changed = [{"Key": k, "Value": v} for k, v in after.items() if before.get(k) != v]
        where = {"ResourceARN": self.arn}
        if gone:
            call(
                self.SERVICE,
                self.account_id,
                self.region,
                "UntagResource",
                {**where, "TagKeys": gone},
            )
        if changed:
            call(
                self.SERVICE,
                self.account_id,
                self.region,
                "TagResource",
                {**where, "Tags": changed},
            )


class IndexResource(StackResource, CloudFormationModel):
    """AWS::Kendra::Index."""

    CREATE = "CreateIndex"
    UPDATE = "UpdateIndex"
    DELETE = "DeleteIndex"
    REQUIRED = ("Name", "RoleArn", "Edition")
    CREATE_ONLY = ("Edition", "ServerSideEncryptionConfiguration")
    RENAMED = {"DocumentMetadataConfigurations": "DocumentMetadataConfigurationUpdates"}

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Kendra::Index"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    def arn_of(self) -> str:
        return find_index(_BACKENDS[KENDRA][self.account_id][self.region], self.ids["Id"]).arn

    @classmethod
    def parameters(cls, properties: dict[str, Any]) -> Params:
        params = super().parameters(properties)
        # The template lists a field's value importance as Key/Value items; the API
        # takes them as a map (Relevance.ValueImportanceMap).
        for config in params.get("DocumentMetadataConfigurationUpdates") or []:
            relevance = config.get("Relevance") or {}
            if "ValueImportanceItems" in relevance:
                items = relevance.pop("ValueImportanceItems") or []
                relevance["ValueImportanceMap"] = {item["Key"]: item["Value"] for item in items}
        return params


class DataSourceResource(StackResource, CloudFormationModel):
    """AWS::Kendra::DataSource (``Ref``: ``<Id>|<IndexId>``)."""

    CREATE = "CreateDataSource"
    UPDATE = "UpdateDataSource"
    DELETE = "DeleteDataSource"
    REQUIRED = ("Name", "IndexId", "Type")
    CREATE_ONLY = ("Type", "IndexId")
    RENAMED = {"DataSourceConfiguration": "Configuration"}
    PARENT = "IndexId"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Kendra::DataSource"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    def arn_of(self) -> str:
        backend = _BACKENDS[KENDRA][self.account_id][self.region]
        return find_data_source(backend, self.ids["IndexId"], self.ids["Id"]).arn


class FaqResource(StackResource, CloudFormationModel):
    """AWS::Kendra::Faq (``Ref``: ``<Id>|<IndexId>``). Kendra has no UpdateFaq: a change
    of any property but Tags replaces the FAQ (the reference's "Update requires:
    Replacement")."""

    CREATE = "CreateFaq"
    UPDATE = None
    DELETE = "DeleteFaq"
    REQUIRED = ("IndexId", "Name", "RoleArn", "S3Path")
    PARENT = "IndexId"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Kendra::Faq"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    def arn_of(self) -> str:
        index = find_index(_BACKENDS[KENDRA][self.account_id][self.region], self.ids["IndexId"])
        return index.store(FaqStore).find(self.ids["Id"]).arn


class ExecutionPlanResource(StackResource, CloudFormationModel):
    """AWS::KendraRanking::ExecutionPlan (a Kendra Intelligent Ranking rescore
    execution plan)."""

    SERVICE = KENDRA_RANKING
    CREATE = "CreateRescoreExecutionPlan"
    UPDATE = "UpdateRescoreExecutionPlan"
    DELETE = "DeleteRescoreExecutionPlan"
    REQUIRED = ("Name",)

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::KendraRanking::ExecutionPlan"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    def arn_of(self) -> str:
        backend = _BACKENDS[KENDRA_RANKING][self.account_id][self.region]
        return str(backend.plans[self.ids["Id"]].arn)


#: The resource types moto's CloudFormation serves, by moto's type name.
RESOURCE_TYPES: dict[str, type[CloudFormationModel]] = {
    model.cloudformation_type(): model
    for model in (IndexResource, DataSourceResource, FaqResource, ExecutionPlanResource)
}
