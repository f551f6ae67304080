"""pytest fixtures for moto-kendra: ``kendra_client``, ``kendra_backend``,
``kendra_ranking_client`` and ``kendra_ranking_backend``.

Loaded through the ``pytest11`` entry point, or with
``pytest_plugins = ["moto_kendra.pytest_plugin"]`` where plugin autoloading is off.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from .backend import KendraBackend
from .backend.ranking import KendraRankingBackend
from .spec.service import KENDRA_RANKING
from .testing import markers, report
from .testing.mock import KendraMock

if TYPE_CHECKING:
    # The typed client of the optional "typing" extra; without it, mypy reads Any here.
    from mypy_boto3_kendra import KendraClient  # type: ignore[import-not-found,unused-ignore]
else:
    KendraClient = Any

FIXTURES = frozenset(
    {"kendra_client", "kendra_backend", "kendra_ranking_client", "kendra_ranking_backend"}
)
_mock_key = pytest.StashKey[KendraMock]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "kendra_region",
        "Region of the kendra_client fixture (default: us-east-1).",
        default="us-east-1",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_mock_key] = KendraMock(str(config.getini("kendra_region")))
    for line in markers.MARKER_LINES:
        config.addinivalue_line("markers", line)


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    # A wrong kendra marker fails the run at collection, not as a silent pass.
    problems = []
    for item in items:
        try:
            markers.check(item)
        except markers.MarkerError as error:
            problems.append(f"{item.nodeid}: {error}")
    if problems:
        raise pytest.UsageError("\n".join(sorted(problems)))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield  # pluggy's Result (named _Result before pluggy 1.1)
    result = outcome.get_result()
    if (
        result.failed
        and item.config.stash[_mock_key].active
        and not FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))
    ):
        result.sections.append((f"Kendra state ({call.when})", report.render()))


def pytest_unconfigure(config: pytest.Config) -> None:
    mock = config.stash.get(_mock_key, None)
    if mock is not None:
        mock.stop()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # moto's mock stays active only through tests that use these fixtures.
    if FIXTURES.isdisjoint(getattr(item, "fixturenames", ())):
        item.config.stash[_mock_key].pause()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, Any, None]:
    yield
    # After every fixture of the test is torn down, the user's included.
    item.config.stash[_mock_key].end_test()


@pytest.fixture
def kendra_client(request: pytest.FixtureRequest) -> Iterator[KendraClient]:
    """A boto3 Kendra client inside an active moto mock, with fresh state for each test."""
    mock = request.config.stash[_mock_key]
    mock.begin_test()
    try:
        markers.apply(request.node, mock.backend(), mock.ranking_backend)
        yield mock.client()
    finally:
        mock.release()


@pytest.fixture
def kendra_backend(kendra_client: KendraClient, request: pytest.FixtureRequest) -> KendraBackend:
    """The Kendra backend behind ``kendra_client`` (its account and region)."""
    mock = request.config.stash[_mock_key]
    return mock.backend()


@pytest.fixture
def kendra_ranking_client(kendra_client: KendraClient, request: pytest.FixtureRequest) -> Any:
    """A boto3 Kendra Intelligent Ranking client (``kendra-ranking``) in the same mock,
    account and region as ``kendra_client``, with the same fresh state."""
    return request.config.stash[_mock_key].client(KENDRA_RANKING)


@pytest.fixture
def kendra_ranking_backend(
    kendra_ranking_client: Any, request: pytest.FixtureRequest
) -> KendraRankingBackend:
    """The Kendra Intelligent Ranking backend behind ``kendra_ranking_client``."""
    return request.config.stash[_mock_key].ranking_backend()
