"""The pytest markers of moto-kendra, parsed into the package's option objects.

``@pytest.mark.kendra_sync(status=..., error_code=..., error_message=...,
data_source_error_code=..., metrics={...})`` scripts how every sync job started in the
test ends (``SyncOutcome``). ``@pytest.mark.kendra_fault(operation=...,
error_code=..., times=..., service=...)`` injects an operation fault (``Fault``) into
Kendra, or into Kendra Intelligent Ranking with ``service="kendra-ranking"``; repeat the
marker for several operations. Keywords only: a misspelt keyword or a value the Kendra model
doesn't allow is a ``MarkerError``, reported when the test is collected.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..spec.service import KENDRA_RANKING
from .faults import Fault
from .outcomes import SyncOutcome

if TYPE_CHECKING:
    import pytest

    from ..backend.ranking.service import KendraRankingBackend
    from ..backend.service import KendraBackend

SYNC_MARKER = "kendra_sync"
FAULT_MARKER = "kendra_fault"

#: The lines ``pytest_configure`` registers (``pytest --markers`` shows them).
MARKER_LINES = (
    f"{SYNC_MARKER}(*, status='SUCCEEDED', error_code=None, error_message=None, "
    "data_source_error_code=None, metrics=None): every Kendra sync job started during "
    "the test ends this way when it reaches its end (CUSTOM sources: after Stop); "
    "metrics replace the computed members they name.",
    f"{FAULT_MARKER}(*, operation, error_code='ThrottlingException', times=1, "
    "service='kendra'): the next `times` calls of the operation (times=None: every "
    "call) of Kendra, or of Kendra Intelligent Ranking with service='kendra-ranking', "
    "fail with ThrottlingException, InternalServerException or AccessDeniedException.",
)


class MarkerError(ValueError):
    """A kendra marker with a keyword or value the model doesn't allow."""


def _build(kind: type[Any], marker: pytest.Mark) -> Any:
    if marker.args:
        raise MarkerError(
            f"@pytest.mark.{marker.name} takes keywords only, got positional {marker.args!r}"
        )
    parameters = inspect.signature(kind).parameters
    unknown = sorted(set(marker.kwargs) - set(parameters))
    if unknown:
        raise MarkerError(
            f"@pytest.mark.{marker.name} has no keyword {', '.join(map(repr, unknown))}; "
            f"its keywords are {', '.join(parameters)}"
        )
    missing = [
        name
        for name, parameter in parameters.items()
        if parameter.default is inspect.Parameter.empty and name not in marker.kwargs
    ]
    if missing:
        raise MarkerError(f"@pytest.mark.{marker.name} needs the keyword {', '.join(missing)}")
    try:
        return kind(**marker.kwargs)
    except ValueError as error:
        raise MarkerError(f"@pytest.mark.{marker.name}: {error}") from None


def sync_outcome_of(item: pytest.Item) -> SyncOutcome | None:
    """The outcome the closest ``kendra_sync`` marker scripts, if any."""
    marker = item.get_closest_marker(SYNC_MARKER)
    return None if marker is None else _build(SyncOutcome, marker)


def faults_of(item: pytest.Item) -> list[Fault]:
    """The faults of every ``kendra_fault`` marker (closest first)."""
    return [_build(Fault, marker) for marker in item.iter_markers(FAULT_MARKER)]


def check(item: pytest.Item) -> None:
    """Raise ``MarkerError`` if a kendra marker of ``item`` is wrong."""
    sync_outcome_of(item)
    faults_of(item)


def apply(
    item: pytest.Item,
    backend: KendraBackend,
    ranking_backend: Callable[[], KendraRankingBackend],
) -> None:
    """Script the marked outcome and inject the marked faults on ``backend``, or on the
    Kendra Intelligent Ranking backend ``ranking_backend()`` gives."""
    outcome = sync_outcome_of(item)
    if outcome is not None:
        backend.controls.script_sync_outcome(**outcome.keywords())
    # The closest marker wins for an operation: inject the farthest first.
    for fault in reversed(faults_of(item)):
        target = ranking_backend() if fault.service == KENDRA_RANKING else backend
        target.controls.inject_fault(
            operation=fault.operation, error_code=fault.error_code, times=fault.times
        )
