"""Rescore execution plans: CreateRescoreExecutionPlan, DescribeRescoreExecutionPlan,
ListRescoreExecutionPlans, UpdateRescoreExecutionPlan, DeleteRescoreExecutionPlan.

A ``RescoreExecutionPlan`` moves through moto's state manager
(``kendra-ranking::rescore_execution_plan``, immediate by default): CREATING -> ACTIVE
when created, UPDATING -> ACTIVE when updated, DELETING -> gone when deleted (a plan
whose deletion has run its course answers ResourceNotFoundException, and leaves the
listing). With a manual or timed progression each phase shows in Describe and List.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from ...exceptions import (
    ConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
)
from ...spec.service import KENDRA_RANKING
from ..clock import utcnow
from ..lifecycle import Lifecycle
from ..operations import Params, Result, operation
from ..values import prune
from . import tags

if TYPE_CHECKING:
    from .service import KendraRankingBackend

PLAN_MODEL = "kendra-ranking::rescore_execution_plan"
state_manager.register_default_transition(PLAN_MODEL, {"progression": "immediate"})

#: Rescore execution plans per account (quotas.md; one backend is one account and region).
MAX_PLANS = 50
#: Extra capacity units a plan can have (API_Ranking_CapacityUnitsConfiguration.md).
MAX_EXTRA_CAPACITY_UNITS = 1000


class RescoreExecutionPlan(BaseModel, Lifecycle):
    """One rescore execution plan (Kendra Intelligent Ranking's provisioned Rescore)."""

    def __init__(self, backend: KendraRankingBackend, params: Params) -> None:
        ManagedState.__init__(self, PLAN_MODEL, [("CREATING", "ACTIVE")])
        self.id = str(mock_random.uuid4())
        self.arn = backend.arn(f"rescore-execution-plan/{self.id}")
        self.name: str = params["Name"]
        self.description: str | None = params.get("Description")
        # "A capacity of zero indicates that the rescore execution plan is using the
        # default capacity" (API_Ranking_DescribeRescoreExecutionPlan.md).
        self.capacity_units: dict[str, Any] = params.get(
            "CapacityUnits", {"RescoreCapacityUnits": 0}
        )
        self.client_token: str | None = params.get("ClientToken")
        self.created_at = self.updated_at = utcnow()

    def update(self, params: Params) -> None:
        if "Name" in params:
            self.name = params["Name"]
        if "Description" in params:
            self.description = params["Description"]
        if "CapacityUnits" in params:
            self.capacity_units = params["CapacityUnits"]
        self.updated_at = utcnow()
        self.restart([("UPDATING", "ACTIVE")])

    def describe(self) -> Result:
        return prune(
            {
                "Id": self.id,
                "Arn": self.arn,
                "Name": self.name,
                "Description": self.description,
                "CapacityUnits": dict(self.capacity_units),
                "CreatedAt": self.created_at,
                "UpdatedAt": self.updated_at,
                "Status": self.status,
            }
        )

    def summary(self) -> Result:
        return {
            "Name": self.name,
            "Id": self.id,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "Status": self.status,
        }


def _settled(backend: KendraRankingBackend, plan: RescoreExecutionPlan) -> bool:
    """Whether ``plan`` still exists: a deletion that has run its course removes it."""
    if not plan.gone():
        return True
    backend.plans.pop(plan.id, None)
    tags.forget(backend, plan.arn)
    return False


def live_plans(backend: KendraRankingBackend) -> list[RescoreExecutionPlan]:
    """The plans that exist now, in creation order."""
    return [plan for plan in list(backend.plans.values()) if _settled(backend, plan)]


def find_plan(backend: KendraRankingBackend, plan_id: str) -> RescoreExecutionPlan:
    """The plan ``plan_id``, or ResourceNotFoundException."""
    plan = backend.plans.get(plan_id)
    if plan is None or not _settled(backend, plan):
        raise ResourceNotFoundException(
            f"Rescore execution plan {plan_id} doesn't exist in account "
            f"{backend.account_id} and region {backend.region_name}."
        )
    return plan


def _check_capacity(params: Params) -> None:
    units = params.get("CapacityUnits", {}).get("RescoreCapacityUnits", 0)
    if units > MAX_EXTRA_CAPACITY_UNITS:
        raise ServiceQuotaExceededException(
            f"A rescore execution plan can have up to {MAX_EXTRA_CAPACITY_UNITS} extra "
            f"capacity units, not {units}."
        )


@operation("CreateRescoreExecutionPlan", service=KENDRA_RANKING)
def create_rescore_execution_plan(backend: KendraRankingBackend, params: Params) -> Result:
    token = params.get("ClientToken")
    existing = live_plans(backend)
    if token is not None:
        for plan in existing:
            if plan.client_token == token:
                return {"Id": plan.id, "Arn": plan.arn}
    _check_capacity(params)
    if len(existing) >= MAX_PLANS:
        raise ServiceQuotaExceededException(
            f"An account can have at most {MAX_PLANS} rescore execution plans in a region; "
            f"{backend.account_id} has {len(existing)} in {backend.region_name}."
        )
    plan = RescoreExecutionPlan(backend, params)
    backend.plans[plan.id] = plan
    tags.track(backend, plan.arn, plan, params.get("Tags", []))
    return {"Id": plan.id, "Arn": plan.arn}


@operation("DescribeRescoreExecutionPlan", service=KENDRA_RANKING)
def describe_rescore_execution_plan(backend: KendraRankingBackend, params: Params) -> Result:
    plan = find_plan(backend, params["Id"])
    result = plan.describe()
    plan.advance()
    return result


@operation("ListRescoreExecutionPlans", service=KENDRA_RANKING)
def list_rescore_execution_plans(backend: KendraRankingBackend, params: Params) -> Result:
    return backend.pages.summaries(
        "ListRescoreExecutionPlans", live_plans(backend), params, 50, "SummaryItems"
    )


@operation("UpdateRescoreExecutionPlan", service=KENDRA_RANKING)
def update_rescore_execution_plan(backend: KendraRankingBackend, params: Params) -> Result:
    plan = find_plan(backend, params["Id"])
    status = plan.status
    if status != "ACTIVE":
        raise ConflictException(
            f"Rescore execution plan {plan.id} is {status}: it can be updated when it is ACTIVE."
        )
    _check_capacity(params)
    plan.update(params)
    return {}


@operation("DeleteRescoreExecutionPlan", service=KENDRA_RANKING)
def delete_rescore_execution_plan(backend: KendraRankingBackend, params: Params) -> Result:
    plan = find_plan(backend, params["Id"])
    if plan.status == "DELETING":
        raise ConflictException(f"Rescore execution plan {plan.id} is already being deleted.")
    plan.start_deleting()
    _settled(backend, plan)
    return {}
