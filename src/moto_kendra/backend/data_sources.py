"""Data sources: CreateDataSource, DescribeDataSource, ListDataSources,
UpdateDataSource, DeleteDataSource.

A ``DataSource`` holds its settings and its sync history (``jobs``, oldest first). What
each type may be configured with is the connectors' business (``connectors``). Its
status moves through ``kendra::data_source``: CREATING -> ACTIVE, and after
DeleteDataSource DELETING -> gone (its jobs stopped; its documents and tags go with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from .. import connectors
from ..exceptions import ConflictException, ResourceAlreadyExistException
from . import schedules, tags
from .clock import utcnow
from .indices import Index, find_index, writable_index
from .job_history import JobHistory
from .lifecycle import Lifecycle
from .operations import Params, Result, operation
from .values import prune

if TYPE_CHECKING:
    from .service import KendraBackend
    from .sync_jobs import SyncJob

DATA_SOURCE_MODEL = "kendra::data_source"
state_manager.register_default_transition(DATA_SOURCE_MODEL, {"progression": "immediate"})


class DataSource(BaseModel, Lifecycle):
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
        self.history = JobHistory()

    def update(self, params: Params) -> None:
        for key in self.UPDATABLE:
            if key in params:
                self.settings[key] = params[key]
        if self.settings.get("Schedule") == "":
            del self.settings["Schedule"]  # an empty Schedule: synced on demand
        self.name = self.settings["Name"]
        self.updated_at = utcnow()

    def check_writable(self) -> None:
        """ConflictException if the data source or its index is being deleted."""
        self.index.check_writable()
        if self.deleting:
            raise ConflictException(f"Data source {self.id} is being deleted (status DELETING).")

    def stop_running_jobs(self) -> None:
        for job in list(self.history.open.values()):
            job.stop_if_running()

    def start_deleting(self) -> None:
        """DeleteDataSource: its running jobs stop; DELETING, then gone."""
        self.stop_running_jobs()
        super().start_deleting()

    def purge(self) -> None:
        """Forget the data source, its sync history, its documents and its tags."""
        index = self.index
        index.data_sources.pop(self.id, None)
        for execution_id in list(self.history.open):
            index.open_jobs.pop(execution_id, None)
        self.history.open.clear()
        for doc_id in [
            doc_id for doc_id, doc in index.documents.items() if doc.data_source_id == self.id
        ]:
            index.documents.remove(doc_id)
        tags.forget(index.backend, self.arn)

    @property
    def is_custom(self) -> bool:
        return self.type == "CUSTOM"

    def latest_job(self) -> SyncJob | None:
        return self.history.latest()

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


def _check_name(index: Index, name: str, renamed: DataSource | None = None) -> None:
    """A data source name is unique in its index, until that data source is gone."""
    for other in list(index.data_sources.values()):
        if other is renamed or other.name != name:
            continue
        if other.gone():
            other.purge()
        elif other.deleting:
            raise ConflictException(
                f"The data source {other.id} named {name} is being deleted; the name can "
                "be used again once it is gone."
            )
        elif renamed is None:
            raise ResourceAlreadyExistException(
                f"A data source named {name} already exists in index {index.id}."
            )
        else:
            # UpdateDataSource's model lists no ResourceAlreadyExistException.
            raise ConflictException(
                f"A data source named {name} already exists in index {index.id}."
            )


def _check_settings(data_source_type: str, settings: Params) -> None:
    connectors.check_settings(data_source_type, settings)
    schedules.check(settings.get("Schedule"))
    tags.check_tags(settings.get("Tags", []))


@operation("CreateDataSource")
def create_data_source(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    token = params.get("ClientToken")
    for existing in index.data_sources.values():
        if token is not None and existing.client_token == token:
            return {"Id": existing.id}
    _check_name(index, params["Name"])
    _check_settings(params["Type"], params)
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
    for gone in [source for source in index.data_sources.values() if source.gone()]:
        gone.purge()
    return backend.pages.summaries(
        f"ListDataSources:{index.id}",
        list(index.data_sources.values()),
        params,
        100,
        "SummaryItems",
    )


@operation("UpdateDataSource")
def update_data_source(backend: KendraBackend, params: Params) -> Result:
    data_source = find_data_source(backend, params["IndexId"], params["Id"])
    data_source.check_writable()
    merged = {**data_source.settings, **params}
    connectors.check_settings(data_source.type, merged)
    schedules.check(params.get("Schedule"))
    if "Name" in params and params["Name"] != data_source.name:
        _check_name(data_source.index, params["Name"], renamed=data_source)
    data_source.update(params)
    return {}


@operation("DeleteDataSource")
def delete_data_source(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    data_source = index.data_source(params["Id"])
    if not data_source.deleting:  # again while DELETING: no error (API_DeleteDataSource.md)
        data_source.start_deleting()
    if data_source.gone():
        data_source.purge()
    return {}
