"""A moto mock kept active across tests, with a cheap reset between them.

Entering ``mock_aws()`` and creating a boto3 client costs about 150 ms a test, most of
it because moto swaps boto3's default session at every start and the new client reads
botocore's data again. ``KendraMock`` starts moto's mock once, keeps one boto3 session,
and between tests resets every moto backend (all services, not only Kendra), the
default boto3 session and the ``kendra::*`` state-manager transitions a test changed.
The pytest plugin drives it; it works the same from unittest or a script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import boto3
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.moto_api import state_manager

from . import registration
from .models import DATA_SOURCE_MODEL, INDEX_MODEL, SYNC_JOB_MODEL, KendraBackend, kendra_backends

if TYPE_CHECKING:
    from moto.core.models import MockAWS

KENDRA_MODELS = (INDEX_MODEL, DATA_SOURCE_MODEL, SYNC_JOB_MODEL)


class KendraMock:
    """moto's mock, started on demand and kept until ``pause``/``stop``."""

    def __init__(self, region_name: str = "us-east-1") -> None:
        self.region_name = region_name
        self._mock: MockAWS | None = None
        self._session: boto3.session.Session | None = None
        self._transitions: dict[str, dict[str, Any]] = {}

    @property
    def active(self) -> bool:
        return self._mock is not None

    def start(self) -> None:
        """Start moto's mock unless it is already running here."""
        if self._mock is None:
            self._mock = mock_aws()
            self._mock.start()

    def pause(self) -> None:
        """Stop moto's mock (it resets every backend) until the next ``start``."""
        if self._mock is not None:
            mock, self._mock = self._mock, None
            mock.stop()

    stop = pause

    def begin_test(self) -> None:
        """Fresh state for a test: start if needed, then reset moto and Kendra."""
        if self._mock is None:
            self.start()  # a start resets every backend itself
        else:
            registration.reset_backends()
        self._transitions = {
            model: state_manager.get_transition(model) for model in KENDRA_MODELS
        }

    def end_test(self) -> None:
        """Undo what the test changed that moto's reset does not: transitions; and
        drop scripted outcomes and faults at once (moto's reset would drop them at the
        next test; a test without the fixtures runs before that)."""
        for regions in list(kendra_backends.values()):
            for backend in list(regions.values()):
                backend.clear_sync_outcomes()
                backend.clear_faults()
        for model, before in self._transitions.items():
            if state_manager.get_transition(model) != before:
                state_manager.unset_transition(model)
                if state_manager.get_transition(model) != before:
                    state_manager.set_transition(model, before)
        self._transitions = {}

    def client(self, **kwargs: Any) -> Any:
        """A new boto3 Kendra client of a session kept across tests (cheap)."""
        if self._session is None:
            self._session = boto3.session.Session(
                aws_access_key_id="FOOBARKEY",
                aws_secret_access_key="FOOBARSECRET",
            )
        kwargs.setdefault("region_name", self.region_name)
        return self._session.client("kendra", **kwargs)

    def backend(
        self, account_id: str = DEFAULT_ACCOUNT_ID, region_name: str | None = None
    ) -> KendraBackend:
        return kendra_backends[account_id][region_name or self.region_name]
