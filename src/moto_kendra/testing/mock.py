"""A moto mock kept active across tests, with a cheap reset between them.

Entering ``mock_aws()`` and creating a boto3 client costs about 150 ms a test, most of
it because moto swaps boto3's default session at every start and the new client reads
botocore's data again. ``KendraMock`` starts moto's mock once, keeps one boto3 session,
and between tests resets every moto backend (all services, not only Kendra), the
default boto3 session and the ``kendra::*`` state-manager transitions a test changed.
The pytest plugin drives it; it works the same from unittest or a script.

Its client is kept across tests too, while a test leaves it as it was made: creating a
boto3 client takes about 6 ms, most of a test's cost here. ``ClientGuard`` records what a
test could change on it (event handlers, attributes, config, credentials, retry quota,
the ``AWS_*`` environment) and the next test gets a new client whenever any of that
differs, so nothing a test does to its client reaches the next one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import boto3
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.moto_api import state_manager

from ..backend import KendraBackend, kendra_backends
from ..backend.ranking import KendraRankingBackend, kendraranking_backends
from ..moto_glue import lifecycle
from ..spec.service import KENDRA
from .client_guard import ClientGuard

if TYPE_CHECKING:
    from moto.core.models import MockAWS


def kendra_state_models() -> list[str]:
    """The ``kendra::*`` models of moto's state manager (``kendra::sync_job``, ...)."""
    return [name for name in state_manager.get_registered_models() if name.startswith("kendra")]


class KendraMock:
    """moto's mock, started on demand and kept until ``pause``/``stop``."""

    def __init__(self, region_name: str = "us-east-1") -> None:
        self.region_name = region_name
        self._mock: MockAWS | None = None
        self._session: boto3.session.Session | None = None
        # The kept client of each service (kendra, kendra-ranking).
        self._kept: dict[str, ClientGuard] = {}
        self._transitions: dict[str, dict[str, Any]] = {}
        self._moto_config: Any = None
        self._in_test = False
        # Started inside the user's own active mock: stopped again with the test, so
        # that mocks stop in the reverse order they started (moto restores credentials
        # and configuration that way).
        self._nested = False

    @property
    def active(self) -> bool:
        return self._mock is not None

    def start(self) -> None:
        """Start moto's mock unless it is already running here."""
        if self._mock is None:
            self._nested = lifecycle.mocks_active() > 0
            self._mock = mock_aws()
            self._mock.start()
            # moto's configuration as this mock runs: what end_test puts back.
            self._moto_config = lifecycle.moto_config_snapshot()

    def pause(self) -> None:
        """Stop moto's mock (it resets every backend) until the next ``start``."""
        if self._mock is not None:
            mock, self._mock = self._mock, None
            mock.stop()

    stop = pause

    def begin_test(self) -> None:
        """Start a test: start moto's mock if needed, and note what ``end_test`` restores.

        State is fresh: ``end_test`` reset every backend after the previous test, and a
        start resets them as moto does (unless the user's own mock is active around it,
        whose start did).
        """
        if self._mock is None:
            self.start()
        self._transitions = {
            model: state_manager.get_transition(model) for model in kendra_state_models()
        }
        self._in_test = True

    def release(self) -> None:
        """The test's client is done with: stop a mock started inside the user's own
        (before the user's stops), keep any other for the next test."""
        if self._nested:
            self.pause()

    def end_test(self) -> None:
        """End a test, after all of its fixtures are torn down (the user's too).

        Drops scripted outcomes and faults, restores the ``kendra::*`` transitions and
        moto's configuration (a nested ``mock_aws(config=...)`` leaves its config in
        place while an outer mock runs), then resets every moto backend, as moto does
        when its outermost mock stops: not while the user's own mock is still active
        around the test (a module- or session-scoped one), as moto wouldn't either.
        """
        if not self._in_test:
            return
        self._in_test = False
        every: tuple[Any, ...] = (kendra_backends, kendraranking_backends)
        for backends in every:
            for regions in list(backends.values()):
                for backend in list(regions.values()):
                    if backend.active_controls is not None:
                        backend.controls.clear()
        for model, before in self._transitions.items():
            if state_manager.get_transition(model) != before:
                state_manager.unset_transition(model)
                if state_manager.get_transition(model) != before:
                    state_manager.set_transition(model, before)
        self._transitions = {}
        if self._mock is not None:
            lifecycle.restore_moto_config(self._moto_config)
            if lifecycle.mocks_active() == 1:
                lifecycle.reset_backends()

    def client(self, service: str = KENDRA, **kwargs: Any) -> Any:
        """A boto3 client of ``service`` (Kendra, or ``kendra-ranking``) of a session
        kept across tests.

        Without arguments: the client handed out before, if it is still exactly as it
        was made (``ClientGuard``), else a new one that is kept in its place. With
        arguments: always a new client, not kept.
        """
        if kwargs:
            return self._new_client(service, **kwargs)
        kept = self._kept.get(service)
        if kept is None or not kept.untouched():
            kept = self._kept[service] = ClientGuard(self._new_client(service))
        return kept.client

    def _new_client(self, service: str, **kwargs: Any) -> Any:
        if self._session is None:
            self._session = boto3.session.Session(
                aws_access_key_id="FOOBARKEY",
                aws_secret_access_key="FOOBARSECRET",
            )
        kwargs.setdefault("region_name", self.region_name)
        # Credentials of its own for each client: a test that changes its client's
        # credentials object must not change the next client's.
        kwargs.setdefault("aws_access_key_id", "FOOBARKEY")
        kwargs.setdefault("aws_secret_access_key", "FOOBARSECRET")
        return self._session.client(service, **kwargs)

    def backend(
        self, account_id: str = DEFAULT_ACCOUNT_ID, region_name: str | None = None
    ) -> KendraBackend:
        return kendra_backends[account_id][region_name or self.region_name]

    def ranking_backend(
        self, account_id: str = DEFAULT_ACCOUNT_ID, region_name: str | None = None
    ) -> KendraRankingBackend:
        """The Kendra Intelligent Ranking backend (of the clients' region by default)."""
        return kendraranking_backends[account_id][region_name or self.region_name]
