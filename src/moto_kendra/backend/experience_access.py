"""Who may use an experience: AssociateEntitiesToExperience,
DisassociateEntitiesFromExperience, ListExperienceEntities, AssociatePersonasToEntities,
DisassociatePersonasFromEntities, ListEntityPersonas.

Entities are users and groups of IAM Identity Center (deploying-search-experience-no-
code.md, "Providing access to your search page"): an experience first grants them
access (AssociateEntitiesToExperience), then gives each a persona, OWNER or VIEWER
(AssociatePersonasToEntities). They are looked up in moto's IAM Identity Center
(``moto_glue.identity_center``): where the account's identity stores hold users or
groups, an entity must be one of them, of its EntityType, and its DisplayData comes from
there; where they hold none (IAM Identity Center isn't set up in the mock), any entity
id is taken as given, without DisplayData.

What fails for one entity is reported in FailedEntityList and doesn't stop the others:
an entity listed twice in a request, one the identity source doesn't have (or has as
the other type), one that already has what is asked or doesn't have what is removed.
A request whose every entity already has what it asks for is
ResourceAlreadyExistException. An experience being deleted (or in an index being
deleted) can't change who uses it: ResourceNotFoundException (these operations' models
list no ConflictException).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..exceptions import ResourceAlreadyExistException, ResourceNotFoundException
from ..moto_glue import identity_center
from ..moto_glue.identity_center import Identity
from .clock import utcnow
from .experiences import Entity, Experience, PersonaGrant, find_experience
from .operations import Params, Result, operation
from .values import prune

if TYPE_CHECKING:
    from .service import KendraBackend

#: FailedEntityList holds at most this many entities (the model's maximum for each
#: operation): DisassociateEntitiesFromExperience takes 40 entities, reports 25.
MAX_FAILED_ENTITIES = 25
#: A page of ListExperienceEntities (its request has no MaxResults).
ENTITIES_PAGE = 100
#: EntityDisplayData's members hold at most this many characters.
MAX_DISPLAY_CHARS = 100


def _changeable(backend: KendraBackend, params: Params) -> Experience:
    """The experience, if who uses it can change."""
    experience = find_experience(backend, params["IndexId"], params["Id"])
    if experience.index.deleting:
        raise ResourceNotFoundException(
            f"Index {experience.index.id} is being deleted, with experience {experience.id}: "
            "who can use the experience can't change."
        )
    if experience.deleting:
        raise ResourceNotFoundException(
            f"Experience {experience.id} is being deleted: who can use it can't change."
        )
    return experience


class _Outcome:
    """The failures of one request, by entity, in request order."""

    def __init__(self, entity_ids: Iterable[str]) -> None:
        counts = Counter(entity_ids)
        self.failures: dict[str, str] = {
            entity_id: f"{entity_id} is listed {count} times in the request; list each "
            "user or group once."
            for entity_id, count in counts.items()
            if count > 1
        }
        #: Each entity id of the request once, in request order.
        self.order = list(counts)
        #: The same, duplicates left out (they failed).
        self.distinct = [entity_id for entity_id in self.order if entity_id not in self.failures]
        self._already: set[str] = set()

    def fail(self, entity_id: str, message: str) -> None:
        self.failures[entity_id] = message

    def already(self, entity_id: str, message: str) -> None:
        self._already.add(entity_id)
        self.fail(entity_id, message)

    def result(self, what: str | None = None) -> Result:
        """The response: FailedEntityList. With ``what`` (the Associate operations):
        ResourceAlreadyExistException when every entity of the request already has it."""
        already = self._already
        if what is not None and already and already == set(self.failures) == set(self.distinct):
            raise ResourceAlreadyExistException(
                f"Every user or group of the request already has {what}."
            )
        failed = [
            {"EntityId": entity_id, "ErrorMessage": self.failures[entity_id]}
            for entity_id in self.order
            if entity_id in self.failures
        ][:MAX_FAILED_ENTITIES]
        return prune({"FailedEntityList": failed or None})


def _kind(entity_type: str) -> str:
    return "user" if entity_type == "USER" else "group"


# -- entities -----------------------------------------------------------------------


@operation("AssociateEntitiesToExperience")
def associate_entities_to_experience(backend: KendraBackend, params: Params) -> Result:
    experience = _changeable(backend, params)
    types = {entity["EntityId"]: entity["EntityType"] for entity in params["EntityList"]}
    outcome = _Outcome(entity["EntityId"] for entity in params["EntityList"])
    checked = identity_center.set_up(backend.account_id)
    directory = identity_center.find(backend.account_id, outcome.distinct) if checked else {}
    for entity_id in outcome.distinct:
        entity_type = types[entity_id]
        identity = directory.get(entity_id)
        associated = experience.entities.get(entity_id)
        if checked and identity is None:
            outcome.fail(
                entity_id,
                f"{entity_id} isn't a user or group of your IAM Identity Center identity source.",
            )
        elif identity is not None and identity.kind != entity_type:
            outcome.fail(
                entity_id,
                f"{entity_id} is a {_kind(identity.kind)} of your IAM Identity Center identity "
                f"source, not a {_kind(entity_type)}.",
            )
        elif associated is not None:
            outcome.already(
                entity_id,
                f"The {_kind(associated.entity_type)} {entity_id} already has access to "
                f"experience {experience.id}.",
            )
        else:
            experience.entities[entity_id] = Entity(entity_id, entity_type, utcnow())
    return outcome.result(f"access to experience {experience.id}")


@operation("DisassociateEntitiesFromExperience")
def disassociate_entities_from_experience(backend: KendraBackend, params: Params) -> Result:
    experience = _changeable(backend, params)
    types = {entity["EntityId"]: entity["EntityType"] for entity in params["EntityList"]}
    outcome = _Outcome(entity["EntityId"] for entity in params["EntityList"])
    for entity_id in outcome.distinct:
        associated = experience.entities.get(entity_id)
        if associated is None:
            outcome.fail(
                entity_id, f"{entity_id} doesn't have access to experience {experience.id}."
            )
        elif associated.entity_type != types[entity_id]:
            outcome.fail(
                entity_id,
                f"{entity_id} has access to experience {experience.id} as a "
                f"{_kind(associated.entity_type)}, not a {_kind(types[entity_id])}.",
            )
        else:
            del experience.entities[entity_id]
            experience.personas.pop(entity_id, None)  # no access, no persona
    return outcome.result()


def _display_data(identity: Identity | None) -> dict[str, str] | None:
    if identity is None:
        return None
    if identity.kind == "GROUP":
        members = {"GroupName": identity.display_name}
    else:
        members = {
            "FirstName": identity.given_name,
            "LastName": identity.family_name,
            "UserName": identity.display_name,
            "IdentifiedUserName": identity.user_name,
        }
    shown = {key: value[:MAX_DISPLAY_CHARS] for key, value in members.items() if value}
    return shown or None


@operation("ListExperienceEntities")
def list_experience_entities(backend: KendraBackend, params: Params) -> Result:
    experience = find_experience(backend, params["IndexId"], params["Id"])
    page, token = backend.pages.page(
        f"ListExperienceEntities:{experience.index.id}:{experience.id}",
        list(experience.entities.values()),
        params,
        ENTITIES_PAGE,
    )
    directory = identity_center.find(backend.account_id, [entity.entity_id for entity in page])
    items = [
        prune(
            {
                "EntityId": entity.entity_id,
                "EntityType": entity.entity_type,
                "DisplayData": _display_data(directory.get(entity.entity_id)),
            }
        )
        for entity in page
    ]
    return prune({"SummaryItems": items, "NextToken": token})


# -- personas -----------------------------------------------------------------------


@operation("AssociatePersonasToEntities")
def associate_personas_to_entities(backend: KendraBackend, params: Params) -> Result:
    experience = _changeable(backend, params)
    personas = {grant["EntityId"]: grant["Persona"] for grant in params["Personas"]}
    outcome = _Outcome(grant["EntityId"] for grant in params["Personas"])
    for entity_id in outcome.distinct:
        persona = personas[entity_id]
        grant = experience.personas.get(entity_id)
        if entity_id not in experience.entities:
            outcome.fail(
                entity_id,
                f"{entity_id} doesn't have access to experience {experience.id}: grant it "
                "access with AssociateEntitiesToExperience first.",
            )
        elif grant is not None and grant.persona == persona:
            outcome.already(
                entity_id,
                f"{entity_id} already has the persona {persona} in experience {experience.id}.",
            )
        elif grant is not None:  # another persona: this one replaces it
            grant.persona = persona
            grant.updated_at = utcnow()
        else:
            moment = utcnow()
            experience.personas[entity_id] = PersonaGrant(entity_id, persona, moment, moment)
    return outcome.result(f"its persona in experience {experience.id}")


@operation("DisassociatePersonasFromEntities")
def disassociate_personas_from_entities(backend: KendraBackend, params: Params) -> Result:
    experience = _changeable(backend, params)
    outcome = _Outcome(params["EntityIds"])
    for entity_id in outcome.distinct:
        if experience.personas.pop(entity_id, None) is None:
            outcome.fail(entity_id, f"{entity_id} has no persona in experience {experience.id}.")
    return outcome.result()


@operation("ListEntityPersonas")
def list_entity_personas(backend: KendraBackend, params: Params) -> Result:
    experience = find_experience(backend, params["IndexId"], params["Id"])
    page, token = backend.pages.page(
        f"ListEntityPersonas:{experience.index.id}:{experience.id}",
        list(experience.personas.values()),
        params,
        100,
    )
    items = [
        {
            "EntityId": grant.entity_id,
            "Persona": grant.persona,
            "CreatedAt": grant.created_at,
            "UpdatedAt": grant.updated_at,
        }
        for grant in page
    ]
    return prune({"SummaryItems": items, "NextToken": token})
