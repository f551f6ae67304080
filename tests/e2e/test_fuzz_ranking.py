"""Property-based fuzzing of every Kendra Intelligent Ranking operation, in both of its
protocols, from botocore's ``kendra-ranking`` input shapes.

The strategies are test_fuzz's (generated from the model, mostly valid, sometimes
breaking one constraint), with this service's own references: plan ids, the plan's
ARN, a NextToken. Raw requests go as JSON 1.0 and as RPC v2 CBOR (the same values
encoded with cbor2), and arbitrary bytes go as CBOR bodies.

What must hold for every request: no HTTP 5xx, no exception escaping the backend,
every error code one the operation's model lists (or a protocol error) with the model's
status, every success response conformant to the output shape. ``KENDRA_FUZZ`` and
``KENDRA_FUZZ_EXAMPLES`` choose the profile, as for test_fuzz.
"""

from __future__ import annotations

from typing import Any

import cbor2
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from hypothesis import given
from hypothesis import strategies as st

from moto_kendra.backend import implemented
from moto_kendra.backend.ranking import kendraranking_backends
from moto_kendra.moto_glue import lifecycle
from moto_kendra.spec.service import KENDRA_RANKING, service_model
from tests import conformance, ranking_calls
from tests.e2e.test_fuzz import (
    EXAMPLES,
    Strategies,
    _to_python,
    find_a_success_for_each,
    fuzz_settings,
    registration_name,
    resolve,
    sequence_settings,
)

MODEL = service_model(KENDRA_RANKING)
ACCOUNT = "123456789012"
REGION = "us-east-1"
IMPLEMENTED = ranking_calls.IMPLEMENTED

#: Which shapes can stand for which real resources of the example's backend.
REFS = {
    "RescoreExecutionPlanId": ("plan", "other_plan"),
    "AmazonResourceName": ("plan_arn",),
    "NextToken": ("token",),
}
TYPED = Strategies(raw=False, refs=REFS)
RAW = Strategies(raw=True, refs=REFS)


def populate() -> dict[str, Any]:
    """Fresh backends, then two plans and a NextToken: what references point to."""
    lifecycle.reset_backends()
    backend = kendraranking_backends[ACCOUNT][REGION]
    operations = implemented(KENDRA_RANKING)
    with backend.lock:
        plans = [
            operations["CreateRescoreExecutionPlan"](
                backend, {"Name": f"fuzz-{n}", "Tags": [{"Key": "k", "Value": "v"}]}
            )
            for n in range(2)
        ]
        token = operations["ListRescoreExecutionPlans"](backend, {"MaxResults": 1})["NextToken"]
    return {
        "plan": plans[0]["Id"],
        "other_plan": plans[1]["Id"],
        "plan_arn": plans[0]["Arn"],
        "token": token,
    }


def request_strategy(strategies: Strategies, operation: str) -> st.SearchStrategy[Any]:
    return strategies.of(MODEL.operation_model(operation).input_shape)


def fuzz_client(protocol: str) -> Any:
    """A client that checks nothing on the client side and never retries."""
    return ranking_calls.client(
        protocol,
        config=Config(parameter_validation=False, retries={"total_max_attempts": 1}),
    )


def send_boto3(client: Any, operation: str, params: dict[str, Any]) -> None:
    """One call through boto3; the suite's after-call hook checks the response."""
    model = MODEL.operation_model(operation)
    try:
        getattr(client, registration_name(operation))(**_to_python(params, model.input_shape))
    except ClientError as error:
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        code = error.response["Error"]["Code"]
        allowed = {shape.name for shape in model.error_shapes} | conformance.PROTOCOL_ERRORS
        assert status < 500, f"{operation} {params!r}: HTTP {status} {error.response['Error']}"
        assert code in allowed, f"{operation} {params!r}: {code} is not modeled"


def send_raw(protocol: str, operation: str, params: Any) -> None:
    post = ranking_calls.post_cbor if protocol == "cbor" else ranking_calls.post_json
    response = post(operation, params)
    assert response.status_code < 500, (operation, params, response.content[:300])
    ranking_calls.checked(operation, response)


@pytest.fixture
def mock(kendra_ranking_client: Any) -> Any:
    """The kept mock (state is made by ``populate`` for each example)."""
    return kendra_ranking_client


@pytest.mark.parametrize("protocol", ranking_calls.PROTOCOLS)
@pytest.mark.parametrize("operation", IMPLEMENTED)
def test_every_operation_survives_boto3_without_client_validation(mock, protocol, operation):
    client = fuzz_client(protocol)

    @fuzz_settings
    @given(params=request_strategy(TYPED, operation))
    def run(params: dict[str, Any]) -> None:
        send_boto3(client, operation, resolve(params, populate()))

    run()


@pytest.mark.parametrize("protocol", ["json", "cbor"])
@pytest.mark.parametrize("operation", IMPLEMENTED)
def test_every_operation_survives_raw_values_of_any_type(mock, protocol, operation):
    @fuzz_settings
    @given(params=request_strategy(RAW, operation))
    def run(params: Any) -> None:
        send_raw(protocol, operation, resolve(params, populate()))

    run()


@pytest.mark.parametrize("operation", IMPLEMENTED)
def test_arbitrary_cbor_bytes_never_break_the_service(mock, operation):
    items = st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**70), 2**70)
        | st.floats()
        | st.text(max_size=6)
        | st.binary(max_size=6),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=8,
    )
    bodies = st.one_of(st.binary(max_size=40), items.map(cbor2.dumps))

    @fuzz_settings
    @given(body=bodies)
    def run(body: bytes) -> None:
        populate()
        send_raw("cbor", operation, body)

    run()


CALL = st.sampled_from(IMPLEMENTED).flatmap(
    lambda operation: st.tuples(st.just(operation), request_strategy(TYPED, operation))
)


@pytest.mark.parametrize("protocol", ranking_calls.PROTOCOLS)
def test_sequences_of_calls_on_shared_state_stay_conformant(mock, protocol):
    client = fuzz_client(protocol)

    @sequence_settings
    @given(calls=st.lists(CALL, min_size=2, max_size=8))
    def run(calls: list[tuple[str, Any]]) -> None:
        pool = populate()
        for operation, params in calls:
            send_boto3(client, operation, resolve(params, pool))

    run()


def test_the_fuzzers_reach_the_backend(mock):
    """The generated requests do not all stop at validation: for every operation the
    strategy finds a request the backend answers with success."""
    find_a_success_for_each(
        fuzz_client("json"), MODEL, IMPLEMENTED, TYPED, populate, max_examples=max(300, EXAMPLES)
    )
