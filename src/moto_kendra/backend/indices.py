"""Indices: CreateIndex, DescribeIndex, ListIndices, UpdateIndex, DeleteIndex.

An ``Index`` holds everything that lives in it: its fields (``index_fields``), data
sources (with their sync jobs), documents (those still being indexed in
``processing`` too), and the jobs still open, which settle when the index is read.
Its status moves through ``kendra::index``: CREATING -> ACTIVE, and after DeleteIndex
DELETING -> gone (ResourceNotFoundException from then on).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from ..exceptions import (
    ConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
    ValidationException,
)
from . import tags
from .clock import utcnow
from .index_fields import IndexFields
from .index_state import IndexedDocuments, OpenJobs
from .lifecycle import Lifecycle
from .operations import Params, Result, operation
from .values import prune

if TYPE_CHECKING:
    from .data_sources import DataSource
    from .documents import Document
    from .service import KendraBackend

_Store = TypeVar("_Store")

INDEX_MODEL = "kendra::index"
state_manager.register_default_transition(INDEX_MODEL, {"progression": "immediate"})

#: The status a deleted resource reaches after DELETING: it is gone, never shown.
#: Extra capacity units an index can have, of each kind (quotas.md).
MAX_CAPACITY_UNITS = 100

#: Run when an index is read, before it reports what it holds: the modules that keep
#: work in progress in an index (``sync_jobs``: its open jobs) let it settle here.
SETTLE_HOOKS: list[Callable[[Index], None]] = []


class Index(BaseModel, Lifecycle):
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
        self.backend = backend
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
        self.fields = IndexFields()
        self.update(params)
        self.created_at: datetime = utcnow()
        self.updated_at: datetime = self.created_at
        self.data_sources: dict[str, DataSource] = {}
        # Its documents by id, with running totals of the searchable ones.
        self.documents = IndexedDocuments(self)
        # Documents whose indexing hasn't reached its outcome, by id.
        self.processing: dict[str, Document] = self.documents.processing
        # Sync jobs of this index that have not reached their end, by execution id.
        self.open_jobs = OpenJobs()
        # What other resource families keep per index (see ``store``), by their type.
        self._stores: dict[Callable[[Index], Any], Any] = {}

    @property
    def name(self) -> str:
        return str(self.settings["Name"])

    def update(self, params: Params) -> None:
        units = params.get("CapacityUnits")
        if units is not None:
            if self.edition == "DEVELOPER_EDITION":
                raise ValidationException(
                    "CapacityUnits can't be set for an index of the DEVELOPER_EDITION"
                )
            over = [
                f"{name} {value}" for name, value in units.items() if value > MAX_CAPACITY_UNITS
            ]
            if over:
                raise ServiceQuotaExceededException(
                    f"An index can have at most {MAX_CAPACITY_UNITS} extra storage and "
                    f"{MAX_CAPACITY_UNITS} extra query capacity units; asked: {', '.join(over)}."
                )
        self.fields.declare(params.get("DocumentMetadataConfigurationUpdates", []))
        for key in self.UPDATABLE:
            if key in params:
                self.settings[key] = params[key]
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

    def existing_store(self, kind: Callable[[Index], _Store]) -> _Store | None:
        """This index's instance of ``kind`` if one was made (None: none yet)."""
        return self._stores.get(kind)

    def close_stores(self) -> None:
        """Free what the stores hold outside Python (a store with a ``close()`` method:
        the search index's SQLite databases). Called when the index is gone and when
        its backend is reset."""
        for store in self._stores.values():
            close = getattr(store, "close", None)
            if close is not None:
                close()

    def check_writable(self) -> None:
        """ConflictException if the index is being deleted (what changes it, or what
        lives in it, waits for nothing: the index is going)."""
        if self.deleting:
            raise ConflictException(f"Index {self.id} is being deleted (status DELETING).")

    def data_source(self, data_source_id: str) -> DataSource:
        data_source = self.data_sources.get(data_source_id)
        if data_source is not None and data_source.gone():
            data_source.purge()
            data_source = None
        if data_source is None:
            raise ResourceNotFoundException(
                f"Data source {data_source_id} doesn't exist in index {self.id}."
            )
        return data_source

    def settle(self) -> None:
        """Let work in progress that has reached its end apply it (a sync job's crawl
        indexes then): statuses move when they are read."""
        for hook in SETTLE_HOOKS:
            hook(self)

    def statistics(self) -> dict[str, Any]:
        """IndexStatistics: the documents that can be searched (INDEXED or UPDATED, or
        the previous version of one being replaced), their count and bytes."""
        self.settle()
        for document in list(self.processing.values()):
            document.status  # noqa: B018 - a read moves what is due (kendra::document)
        count, size = self.documents.count, self.documents.bytes
        statistics: dict[str, Any] = {
            "FaqStatistics": {"IndexedQuestionAnswersCount": 0},
            "TextDocumentStatistics": {
                "IndexedTextDocumentsCount": count,
                "IndexedTextBytes": size,
            },
        }
        for store in self._stores.values():
            contribute = getattr(store, "index_statistics", None)
            if contribute is not None:
                statistics.update(contribute())
        return statistics

    def advance(self) -> None:
        """A read of the index is a read of the documents it is indexing: each moves on
        one step, as the index does (``kendra::document``, ``kendra::index``)."""
        ManagedState.advance(self)
        for document in list(self.processing.values()):
            document.advance()

    def describe(self) -> Result:
        result = {
            "Id": self.id,
            "Edition": self.edition,
            "Status": self.status,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "IndexStatistics": self.statistics(),
            **self.settings,
            "DocumentMetadataConfigurations": self.fields.configurations(),
        }
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

    # -- deletion -----------------------------------------------------------------

    def start_deleting(self) -> None:
        """DeleteIndex: DELETING, then gone as ``kendra::index`` progresses. Its
        running sync jobs are stopped."""
        for data_source in self.data_sources.values():
            data_source.stop_running_jobs()
        super().start_deleting()

    def purge(self) -> None:
        """Forget the index and everything in it (and their tags)."""
        self.backend.indices.pop(self.id, None)
        tags.forget(self.backend, self.arn)
        self.close_stores()


def find_index(backend: KendraBackend, index_id: str) -> Index:
    """The index ``index_id``, or Kendra's ResourceNotFoundException."""
    index = backend.indices.get(index_id)
    if index is not None and index.gone():
        index.purge()
        index = None
    if index is None:
        raise ResourceNotFoundException(
            f"Index {index_id} doesn't exist in account {backend.account_id} "
            f"and region {backend.region_name}."
        )
    return index


def writable_index(backend: KendraBackend, index_id: str) -> Index:
    """The index ``index_id``, if it can be changed (ConflictException if DELETING)."""
    index = find_index(backend, index_id)
    index.check_writable()
    return index


@operation("CreateIndex")
def create_index(backend: KendraBackend, params: Params) -> Result:
    token = params.get("ClientToken")
    if token is not None:
        for existing in backend.indices.values():
            if existing.client_token == token:
                return {"Id": existing.id}
    tags.check_tags(params.get("Tags", []))
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
    for index in [index for index in backend.indices.values() if index.gone()]:
        index.purge()
    page, token = backend.pages.page("ListIndices", list(backend.indices.values()), params, 100)
    items = []
    for index in page:
        items.append(index.summary())
        ManagedState.advance(index)
    return prune({"IndexConfigurationSummaryItems": items, "NextToken": token})


@operation("UpdateIndex")
def update_index(backend: KendraBackend, params: Params) -> Result:
    writable_index(backend, params["Id"]).update(params)
    return {}


@operation("DeleteIndex")
def delete_index(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["Id"])
    if not index.deleting:  # a second DeleteIndex while DELETING succeeds (API_DeleteIndex.md)
        index.start_deleting()
    if index.gone():
        index.purge()
    return {}
