"""Experiences: CreateExperience, DescribeExperience, ListExperiences, UpdateExperience,
DeleteExperience.

An experience is a search application Amazon Kendra hosts for an index
(deploying-search-experience-no-code.md): a name, a description, the content it
searches (``ContentSourceConfiguration``: data sources, FAQs, documents put directly),
the IAM Identity Center field naming its users, an IAM role, and a HOME endpoint. It
lives in its index's ``ExperienceStore``. Its status moves through
``kendra::experience``: CREATING -> ACTIVE, or CREATING -> FAILED with an ErrorMessage
when it has no IAM role (the role is how Amazon Kendra reaches Query and IAM Identity
Center for it, API_CreateExperience.md); after DeleteExperience, DELETING -> gone.

Who may use it (users and groups, and their personas) is ``experience_access``'s; the
records it keeps are here (``Entity``, ``PersonaGrant``), held by the experience.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

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
from .clock import utcnow
from .indices import Index, find_index, writable_index
from .lifecycle import Lifecycle
from .operations import Params, Result, operation
from .values import prune

if TYPE_CHECKING:
    from .service import KendraBackend

EXPERIENCE_MODEL = "kendra::experience"
state_manager.register_default_transition(EXPERIENCE_MODEL, {"progression": "immediate"})

#: Experiences an index can have (quotas.md); one being deleted counts until it is gone.
MAX_EXPERIENCES = 50

#: Why an experience without an IAM role ends FAILED.
NO_ROLE = (
    "Amazon Kendra can't build the experience without an IAM role: set RoleArn to a role "
    "with permission to call Query, GetQuerySuggestions and SubmitFeedback on the index "
    "and to access IAM Identity Center, which stores your users and groups."
)

#: What a content source id of ``ContentSourceConfiguration`` names in an index: its
#: status ("DELETING" for one being deleted), or None if the index has none of that id.
ContentSourceFinder = Callable[[Index, str], "str | None"]


@dataclass
class Entity:
    """A user or group of IAM Identity Center with access to an experience."""

    entity_id: str
    entity_type: str
    associated_at: datetime


@dataclass
class PersonaGrant:
    """The persona (OWNER or VIEWER) an entity has in an experience."""

    entity_id: str
    persona: str
    created_at: datetime
    updated_at: datetime


class Experience(BaseModel, Lifecycle):
    def __init__(self, index: Index, params: Params) -> None:
        ManagedState.__init__(self, EXPERIENCE_MODEL, [("CREATING", "ACTIVE")])
        self.index = index
        self.id = str(mock_random.uuid4())
        self.client_token: str | None = params.get("ClientToken")
        self.name: str = params["Name"]
        self.description: str | None = params.get("Description")
        self.role_arn: str | None = params.get("RoleArn")
        self.configuration = configuration(params.get("Configuration"))
        self.endpoint = f"https://{self.id}.{index.backend.region_name}.kendra.aws"
        self.created_at = self.updated_at = utcnow()
        #: Users and groups with access, by EntityId, in the order they were granted it.
        self.entities: dict[str, Entity] = {}
        #: Their personas, by EntityId, in the order they were first given one.
        self.personas: dict[str, PersonaGrant] = {}
        self._settle_outcome()

    @property
    def error_message(self) -> str | None:
        """Why the experience can't be built (it ends FAILED), or None."""
        return NO_ROLE if self.role_arn is None else None

    def _settle_outcome(self) -> None:
        """Where CREATING leads; a FAILED experience whose cause is gone is ACTIVE."""
        outcome = "FAILED" if self.error_message else "ACTIVE"
        self._transitions = [("CREATING", outcome)]
        if self._status == "FAILED" and outcome == "ACTIVE":
            self._status = "ACTIVE"

    def update(self, params: Params) -> None:
        if "Name" in params:
            self.name = params["Name"]
        if "Description" in params:
            self.description = params["Description"]
        if "RoleArn" in params:
            self.role_arn = params["RoleArn"]
        # A Configuration replaces the one before; any update shows the defaults.
        self.configuration = configuration(params.get("Configuration", self.configuration or {}))
        self.updated_at = utcnow()
        self._settle_outcome()

    def check_writable(self) -> None:
        """ConflictException if the experience or its index is being deleted."""
        self.index.check_writable()
        if self.deleting:
            raise ConflictException(f"Experience {self.id} is being deleted (status DELETING).")

    def endpoints(self) -> list[dict[str, str]]:
        return [{"EndpointType": "HOME", "Endpoint": self.endpoint}]

    def describe(self) -> Result:
        status = self.status
        return prune(
            {
                "Id": self.id,
                "IndexId": self.index.id,
                "Name": self.name,
                "Endpoints": self.endpoints(),
                "Configuration": self.configuration,
                "CreatedAt": self.created_at,
                "UpdatedAt": self.updated_at,
                "Description": self.description,
                "Status": status,
                "RoleArn": self.role_arn,
                "ErrorMessage": self.error_message if status == "FAILED" else None,
            }
        )

    def summary(self) -> Result:
        return {
            "Name": self.name,
            "Id": self.id,
            "CreatedAt": self.created_at,
            "Status": self.status,
            "Endpoints": self.endpoints(),
        }


def configuration(given: dict[str, Any] | None) -> dict[str, Any] | None:
    """The Configuration an experience shows for the one it was given: a
    ContentSourceConfiguration always, DirectPutContent false unless set."""
    if given is None:
        return None
    shown: dict[str, Any] = {
        "ContentSourceConfiguration": {
            "DirectPutContent": False,
            **given.get("ContentSourceConfiguration", {}),
        }
    }
    if "UserIdentityConfiguration" in given:
        shown["UserIdentityConfiguration"] = dict(given["UserIdentityConfiguration"])
    return shown


class ExperienceStore:
    """The experiences of one index (``Index.store``)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.experiences: dict[str, Experience] = {}

    def live(self) -> list[Experience]:
        """Every experience not yet gone (those DELETING too), oldest first."""
        for gone in [e for e in self.experiences.values() if e.gone()]:
            del self.experiences[gone.id]
        return list(self.experiences.values())

    def find(self, experience_id: str) -> Experience:
        experience = self.experiences.get(experience_id)
        if experience is not None and experience.gone():
            del self.experiences[experience_id]
            experience = None
        if experience is None:
            raise ResourceNotFoundException(
                f"Experience {experience_id} doesn't exist in index {self.index.id}."
            )
        return experience


def find_experience(backend: KendraBackend, index_id: str, experience_id: str) -> Experience:
    """The experience, or ResourceNotFoundException for it or its index."""
    return find_index(backend, index_id).store(ExperienceStore).find(experience_id)


# -- content sources ------------------------------------------------------------------


def _data_source_status(index: Index, data_source_id: str) -> str | None:
    data_source = index.data_sources.get(data_source_id)
    if data_source is not None and data_source.gone():
        data_source.purge()
        return None
    if data_source is None:
        return None
    return "DELETING" if data_source.deleting else "ACTIVE"


#: ContentSourceConfiguration member -> (what its ids name, how to find one).
_CONTENT_SOURCES: dict[str, tuple[str, ContentSourceFinder]] = {
    "DataSourceIds": ("data source", _data_source_status),
}


def register_content_source(member: str, noun: str, finder: ContentSourceFinder) -> None:
    """Let the family owning ``member``'s resources (FaqIds: the FAQs) say which ids an
    index has. Until one registers, the ids of ``member`` are taken as they are."""
    _CONTENT_SOURCES[member] = (noun, finder)


def check_content_sources(index: Index, given: dict[str, Any] | None) -> None:
    """ResourceNotFoundException for a data source (or FAQ) the index doesn't have;
    ConflictException for one being deleted."""
    content = (given or {}).get("ContentSourceConfiguration", {})
    for member, (noun, finder) in _CONTENT_SOURCES.items():
        statuses = {source_id: finder(index, source_id) for source_id in content.get(member, [])}
        missing = [source_id for source_id, status in statuses.items() if status is None]
        if missing:
            raise ResourceNotFoundException(
                f"The {noun} {', '.join(missing)} named in {member} doesn't exist in "
                f"index {index.id}."
            )
        deleting = [source_id for source_id, status in statuses.items() if status == "DELETING"]
        if deleting:
            raise ConflictException(
                f"The {noun} {', '.join(deleting)} named in {member} is being deleted."
            )


# -- operations ---------------------------------------------------------------------


@operation("CreateExperience")
def create_experience(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    store = index.store(ExperienceStore)
    token = params.get("ClientToken")
    experiences = store.live()
    for existing in experiences:
        if token is not None and existing.client_token == token:
            return {"Id": existing.id}
    if len(experiences) >= MAX_EXPERIENCES:
        raise ServiceQuotaExceededException(
            f"Index {index.id} has {len(experiences)} experiences, the most an index can "
            f"have ({MAX_EXPERIENCES}); delete one to create another."
        )
    check_content_sources(index, params.get("Configuration"))
    experience = Experience(index, params)
    store.experiences[experience.id] = experience
    return {"Id": experience.id}


@operation("DescribeExperience")
def describe_experience(backend: KendraBackend, params: Params) -> Result:
    experience = find_experience(backend, params["IndexId"], params["Id"])
    result = experience.describe()
    experience.advance()
    return result


@operation("ListExperiences")
def list_experiences(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    return backend.pages.summaries(
        f"ListExperiences:{index.id}",
        index.store(ExperienceStore).live(),
        params,
        100,
        "SummaryItems",
    )


@operation("UpdateExperience")
def update_experience(backend: KendraBackend, params: Params) -> Result:
    experience = find_experience(backend, params["IndexId"], params["Id"])
    experience.check_writable()
    if params.get("Description") == "" and experience.description:
        raise ValidationException(
            "The description of an experience can't be cleared: give a new description, "
            "or leave Description out to keep it."
        )
    if "Configuration" in params:
        check_content_sources(experience.index, params["Configuration"])
    experience.update(params)
    return {}


@operation("DeleteExperience")
def delete_experience(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    experience = index.store(ExperienceStore).find(params["Id"])
    if not experience.deleting:  # again while DELETING: no error, as DeleteDataSource
        experience.start_deleting()
    if experience.gone():
        del index.store(ExperienceStore).experiences[experience.id]
    return {}
