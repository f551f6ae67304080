"""Data sources: CreateDataSource, DescribeDataSource, ListDataSources,
UpdateDataSource, DeleteDataSource.

A ``DataSource`` holds its settings and its sync history (``jobs``, oldest first). What
each type may be configured with is the connectors' business (``connectors``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from .. import connectors
from ..exceptions import ConflictException, ResourceAlreadyExistException
from . import tags
from .clock import utcnow
from .indices import Index, find_index
from .operations import Params, Result, operation
from .values import prune

if TYPE_CHECKING:
    from .service import KendraBackend
    from .sync_jobs import SyncJob

DATA_SOURCE_MODEL = "kendra::data_source"
state_manager.register_default_transition(DATA_SOURCE_MODEL, {"progression": "immediate"})


class DataSource(BaseModel, ManagedState):
    UPDATABLE = (
        "Name",
        "Configuration",
        "VpcConfiguration",
        "Description",
        "Schedule",
        "RoleArn",
        "LanguageCode",
        "CustomDocumentEnrichmentConfiguration",
    )

    def __init__(self, index: Index, params: Params) -> None:
        ManagedState.__init__(self, DATA_SOURCE_MODEL, [("CREATING", "ACTIVE")])
        self.index = index
        self.id = str(mock_random.uuid4())
        self.name: str = params["Name"]
        self.type: str = params["Type"]
        self.client_token: str | None = params.get("ClientToken")
        self.settings: dict[str, Any] = {}
        self.update(params)
        self.created_at = self.updated_at = utcnow()
        self.arn = f"{index.arn}/data-source/{self.id}"
        # Every job ever started, oldest first; a job's sequence is its position.
        self.jobs: list[SyncJob] = []
        self.jobs_by_id: dict[str, SyncJob] = {}

    def update(self, params: Params) -> None:
        for key in self.UPDATABLE:
            if key in params:
                self.settings[key] = params[key]
        self.name = self.settings["Name"]
        self.updated_at = utcnow()

    @property
    def is_custom(self) -> bool:
        return self.type == "CUSTOM"

    def latest_job(self) -> SyncJob | None:
        return self.jobs[-1] if self.jobs else None

    def describe(self) -> Result:
        return prune(
            {
                "Id": self.id,
                "IndexId": self.index.id,
                "Type": self.type,
                "CreatedAt": self.created_at,
                "UpdatedAt": self.updated_at,
                "Status": self.status,
                "LanguageCode": self.settings.get("LanguageCode", "en"),
                **self.settings,
            }
        )

    def summary(self) -> Result:
        return {
            "Name": self.name,
            "Id": self.id,
            "Type": self.type,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "Status": self.status,
            "LanguageCode": self.settings.get("LanguageCode", "en"),
        }


def find_data_source(backend: KendraBackend, index_id: str, data_source_id: str) -> DataSource:
    """The data source, or ResourceNotFoundException for it or its index."""
    return find_index(backend, index_id).data_source(data_source_id)


@operation("CreateDataSource")
def create_data_source(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    token = params.get("ClientToken")
    for existing in index.data_sources.values():
        if token is not None and existing.client_token == token:
            return {"Id": existing.id}
        if existing.name == params["Name"]:
            raise ResourceAlreadyExistException(
                f"A data source named {params['Name']} already exists in index {index.id}."
            )
    connectors.check_settings(params["Type"], params)
    data_source = DataSource(index, params)
    index.data_sources[data_source.id] = data_source
    tags.track(backend, data_source.arn, data_source, params.get("Tags", []))
    return {"Id": data_source.id}


@operation("DescribeDataSource")
def describe_data_source(backend: KendraBackend, params: Params) -> Result:
    data_source = find_data_source(backend, params["IndexId"], params["Id"])
    result = data_source.describe()
    data_source.advance()
    return result


@operation("ListDataSources")
def list_data_sources(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    page, token = backend.pages.page(
        f"ListDataSources:{index.id}", list(index.data_sources.values()), params, 100
    )
    items = []
    for data_source in page:
        items.append(data_source.summary())
        data_source.advance()
    return prune({"SummaryItems": items, "NextToken": token})


@operation("UpdateDataSource")
def update_data_source(backend: KendraBackend, params: Params) -> Result:
    data_source = find_data_source(backend, params["IndexId"], params["Id"])
    merged = {**data_source.settings, **params}
    connectors.check_settings(data_source.type, merged)
    if "Name" in params and params["Name"] != data_source.name:
        for other in data_source.index.data_sources.values():
            if other.name == params["Name"]:
                # UpdateDataSource's model lists no ResourceAlreadyExistException.
                raise ConflictException(
                    f"A data source named {params['Name']} already exists in "
                    f"index {data_source.index.id}."
                )
    data_source.update(params)
    return {}


@operation("DeleteDataSource")
def delete_data_source(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    data_source = index.data_source(params["Id"])
    del index.data_sources[data_source.id]
    for job in data_source.jobs:
        index.open_jobs.pop(job.execution_id, None)
    for doc_id in [
        doc_id for doc_id, doc in index.documents.items() if doc.data_source_id == data_source.id
    ]:
        del index.documents[doc_id]
    tags.forget(backend, data_source.arn)
    return {}
