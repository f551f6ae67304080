"""Indices: CreateIndex, DescribeIndex, ListIndices, UpdateIndex, DeleteIndex.

An ``Index`` holds everything that lives in it: data sources (with their sync jobs),
documents, and the jobs still open, which settle when the index is read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from ..exceptions import ResourceNotFoundException, ValidationException
from . import tags
from .clock import utcnow
from .operations import Params, Result, operation
from .values import prune

if TYPE_CHECKING:
    from .data_sources import DataSource
    from .documents import Document
    from .service import KendraBackend
    from .sync_jobs import SyncJob

_Store = TypeVar("_Store")

INDEX_MODEL = "kendra::index"
state_manager.register_default_transition(INDEX_MODEL, {"progression": "immediate"})


#: Run when an index is read, before it reports what it holds: the modules that keep
#: work in progress in an index (``sync_jobs``: its open jobs) let it settle here.
SETTLE_HOOKS: list[Callable[[Index], None]] = []


class Index(BaseModel, ManagedState):
    UPDATABLE = (
        "Name",
        "RoleArn",
        "Description",
        "CapacityUnits",
        "UserTokenConfigurations",
        "UserContextPolicy",
        "UserGroupResolutionConfiguration",
    )

    def __init__(self, backend: KendraBackend, params: Params) -> None:
        ManagedState.__init__(self, INDEX_MODEL, [("CREATING", "ACTIVE")])
        self.id = str(mock_random.uuid4())
        self.arn = backend.arn(f"index/{self.id}")
        self.edition: str = params.get("Edition", "ENTERPRISE_EDITION")
        self.client_token: str | None = params.get("ClientToken")
        self.settings: dict[str, Any] = {"UserContextPolicy": "ATTRIBUTE_FILTER"}
        if "ServerSideEncryptionConfiguration" in params:
            self.settings["ServerSideEncryptionConfiguration"] = params[
                "ServerSideEncryptionConfiguration"
            ]
        if self.edition != "DEVELOPER_EDITION":
            self.settings["CapacityUnits"] = {
                "StorageCapacityUnits": 0,
                "QueryCapacityUnits": 0,
            }
        self.metadata: dict[str, dict[str, Any]] = {}
        self.update(params)
        self.created_at: datetime = utcnow()
        self.updated_at: datetime = self.created_at
        self.data_sources: dict[str, DataSource] = {}
        self.documents: dict[str, Document] = {}
        # Sync jobs of this index that have not reached their end, by execution id.
        self.open_jobs: dict[str, SyncJob] = {}
        # What other resource families keep per index (see ``store``), by their type.
        self._stores: dict[Callable[[Index], Any], Any] = {}

    @property
    def name(self) -> str:
        return str(self.settings["Name"])

    def update(self, params: Params) -> None:
        if "CapacityUnits" in params and self.edition == "DEVELOPER_EDITION":
            raise ValidationException(
                "CapacityUnits can't be set for an index of the DEVELOPER_EDITION"
            )
        for key in self.UPDATABLE:
            if key in params:
                self.settings[key] = params[key]
        for config in params.get("DocumentMetadataConfigurationUpdates", []):
            self.metadata[config["Name"]] = config
        self.updated_at = utcnow()

    def store(self, kind: Callable[[Index], _Store]) -> _Store:
        """This index's instance of ``kind`` (``kind(index)``, made on first use).

        Where a resource family keeps what it holds per index (an index's FAQs,
        thesauri, ...) without this class naming it; dropped with the index. A store
        with an ``index_statistics()`` method adds its members to DescribeIndex's
        IndexStatistics (FaqStatistics, ...).
        """
        try:
            return self._stores[kind]  # type: ignore[no-any-return]
        except KeyError:
            made = self._stores[kind] = kind(self)
            return made

    def stores(self) -> list[Any]:
        """Every store made for this index so far."""
        return list(self._stores.values())

    def data_source(self, data_source_id: str) -> DataSource:
        try:
            return self.data_sources[data_source_id]
        except KeyError:
            raise ResourceNotFoundException(
                f"Data source {data_source_id} doesn't exist in index {self.id}."
            ) from None

    def settle(self) -> None:
        """Let work in progress that has reached its end apply it (a sync job's crawl
        indexes then): statuses move when they are read."""
        for hook in SETTLE_HOOKS:
            hook(self)

    def statistics(self) -> dict[str, Any]:
        self.settle()
        statistics: dict[str, Any] = {
            "FaqStatistics": {"IndexedQuestionAnswersCount": 0},
            "TextDocumentStatistics": {
                "IndexedTextDocumentsCount": len(self.documents),
                "IndexedTextBytes": sum(doc.size for doc in self.documents.values()),
            },
        }
        for store in self._stores.values():
            contribute = getattr(store, "index_statistics", None)
            if contribute is not None:
                statistics.update(contribute())
        return statistics

    def describe(self) -> Result:
        result = {
            "Id": self.id,
            "Edition": self.edition,
            "Status": self.status,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "IndexStatistics": self.statistics(),
            **self.settings,
        }
        if self.metadata:
            result["DocumentMetadataConfigurations"] = list(self.metadata.values())
        return result

    def summary(self) -> Result:
        return {
            "Name": self.name,
            "Id": self.id,
            "Edition": self.edition,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "Status": self.status,
        }


def find_index(backend: KendraBackend, index_id: str) -> Index:
    """The index ``index_id``, or Kendra's ResourceNotFoundException."""
    try:
        return backend.indices[index_id]
    except KeyError:
        raise ResourceNotFoundException(
            f"Index {index_id} doesn't exist in account {backend.account_id} "
            f"and region {backend.region_name}."
        ) from None


@operation("CreateIndex")
def create_index(backend: KendraBackend, params: Params) -> Result:
    token = params.get("ClientToken")
    if token is not None:
        for existing in backend.indices.values():
            if existing.client_token == token:
                return {"Id": existing.id}
    index = Index(backend, params)
    backend.indices[index.id] = index
    tags.track(backend, index.arn, index, params.get("Tags", []))
    return {"Id": index.id}


@operation("DescribeIndex")
def describe_index(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["Id"])
    result = index.describe()
    index.advance()
    return result


@operation("ListIndices")
def list_indices(backend: KendraBackend, params: Params) -> Result:
    page, token = backend.pages.page("ListIndices", list(backend.indices.values()), params, 100)
    items = []
    for index in page:
        items.append(index.summary())
        index.advance()
    return prune({"IndexConfigurationSummaryItems": items, "NextToken": token})


@operation("UpdateIndex")
def update_index(backend: KendraBackend, params: Params) -> Result:
    find_index(backend, params["Id"]).update(params)
    return {}


@operation("DeleteIndex")
def delete_index(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["Id"])
    del backend.indices[index.id]
    tags.forget(backend, index.arn)
    return {}
