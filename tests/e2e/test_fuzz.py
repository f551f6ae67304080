"""Property-based fuzzing of every implemented operation, from botocore's input shapes.

Strategies are generated from the model, not listed by hand: each input shape becomes
a strategy that mostly satisfies its constraints (so requests get past validation and
run the backend) and sometimes breaks one (lengths, patterns, enums, ranges, list
sizes). Identifier members are sometimes pointed at a real index, data source, sync
job or NextToken, so the deeper code runs too. The raw-HTTP fuzzers also send members
of the wrong JSON type, nulls and unknown members.

What must hold for every request: no HTTP 5xx, no exception escaping the backend,
every error code one the operation's model lists (or a protocol error), no error body
over a fixed bound (``conformance.MAX_ERROR_BODY_BYTES``: values are echoed cut), every
success response conformant to the output shape.

Profiles (hypothesis settings profiles, chosen with ``KENDRA_FUZZ``):

- ``KENDRA_FUZZ`` unset: the bounded profile of the normal suite (a few seconds);
- ``KENDRA_FUZZ=long``: many more examples, for an on-demand run::

      KENDRA_FUZZ=long .venv/bin/python -m pytest -q -p no:randomly tests/e2e/test_fuzz.py

``KENDRA_FUZZ_EXAMPLES=<n>`` overrides the number of examples of either profile.
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.model import Shape
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from moto_kendra.backend import implemented, kendra_backends
from moto_kendra.moto_glue import lifecycle
from moto_kendra.protocol.dispatch import TARGET_PREFIX
from moto_kendra.spec.service import service_model
from tests import conformance
from tests.conftest import ROLE_ARN
from tests.kendra_calls import IMPLEMENTED

settings.register_profile(
    "kendra-fuzz",
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
settings.register_profile(
    "kendra-fuzz-long",
    parent=settings.get_profile("kendra-fuzz"),
    max_examples=1500,
)
PROFILE = "kendra-fuzz-long" if os.environ.get("KENDRA_FUZZ") == "long" else "kendra-fuzz"
EXAMPLES = int(os.environ.get("KENDRA_FUZZ_EXAMPLES", settings.get_profile(PROFILE).max_examples))
SEQUENCE_EXAMPLES = max(EXAMPLES * 3, 60)
fuzz_settings = settings(settings.get_profile(PROFILE), max_examples=EXAMPLES)
sequence_settings = settings(settings.get_profile(PROFILE), max_examples=SEQUENCE_EXAMPLES)

MODEL = service_model()
URL = "https://kendra.us-east-1.amazonaws.com/"
ACCOUNT = "123456789012"
REGION = "us-east-1"
#: A longest string the generic string strategy draws (beyond the model's max when
#: the max is small enough, to test the bound).
LONGEST = 40


# -- references to real resources ------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """Stands for a real resource of the example's backend, resolved before sending."""

    kind: str


#: Which shapes can stand for which real resources.
REFS_BY_SHAPE = {
    # An index that holds nothing now and then: room for resources an index holds one
    # of (a thesaurus, a query suggestions block list; ``index`` has them).
    "IndexId": ("index", "index", "spare_index", "token_index"),
    "DataSourceId": ("custom", "s3", "execution"),
    "DataSourceSyncJobId": ("execution", "custom"),
    "AmazonResourceName": (
        "index_arn",
        "custom_arn",
        "s3_arn",
        "block_list_arn",
        "thesaurus_arn",
        "featured_arn",
        "faq_arn",
    ),
    "NextToken": ("token",),
    "DocumentAttributeStringValue": ("custom", "execution", "s3"),
    "DocumentId": ("document",),
    "ExperienceId": ("experience",),
    "EntityId": ("entity",),
    "QuerySuggestionsBlockListId": ("block_list",),
    "AccessControlConfigurationId": ("access_control",),
    "GroupId": ("group",),
    "ThesaurusId": ("thesaurus",),
    "FeaturedResultsSetId": ("featured",),
    "QueryText": ("featured_query",),
    "FaqId": ("faq",),
    "QueryId": ("query",),
    # A user the index's ACLs and principal mappings name, and a token the token index reads.
    "PrincipalName": ("user",),
    "Token": ("user_token",),
}
DOCUMENT_ATTRIBUTE_KEYS = ("_data_source_id", "_data_source_sync_job_execution_id")


def resolve(value: Any, pool: dict[str, Any]) -> Any:
    if isinstance(value, Ref):
        return pool[value.kind]
    if isinstance(value, dict):
        return {key: resolve(item, pool) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, pool) for item in value]
    return value


def populate() -> dict[str, Any]:
    """Fresh backends, then an index with a CUSTOM data source that has a running job,
    an S3 data source, a document, an experience with a user who has a persona, an
    access control configuration, a principal mapping, a query suggestions block list
    (FAILED: its file isn't in S3), a thesaurus, a featured results set, a FAQ, a
    QueryId and a NextToken, an index that reads JSON user tokens (USER_TOKEN) with a
    document only alice may see, and a token naming her,
    and a spare index with nothing in it (room for resources an index holds one of): the
    resources references point to."""
    lifecycle.reset_backends()
    backend = kendra_backends[ACCOUNT][REGION]
    operations = implemented()

    def call(name: str, params: dict[str, Any]) -> dict[str, Any]:
        return operations[name](backend, params)

    with backend.lock:
        index_id = call("CreateIndex", {"Name": "fuzz", "RoleArn": ROLE_ARN})["Id"]
        custom = call(
            "CreateDataSource", {"IndexId": index_id, "Name": "custom", "Type": "CUSTOM"}
        )["Id"]
        s3 = call(
            "CreateDataSource",
            {
                "IndexId": index_id,
                "Name": "s3",
                "Type": "S3",
                "RoleArn": ROLE_ARN,
                "Configuration": {"S3Configuration": {"BucketName": "fuzz-bucket"}},
            },
        )["Id"]
        execution = call("StartDataSourceSyncJob", {"IndexId": index_id, "Id": custom})[
            "ExecutionId"
        ]
        call(
            "BatchPutDocument",
            {
                "IndexId": index_id,
                "Documents": [{"Id": "doc-1", "Blob": base64.b64encode(b"hello").decode()}],
            },
        )
        experience = call(
            "CreateExperience",
            {
                "IndexId": index_id,
                "Name": "fuzz",
                "RoleArn": ROLE_ARN,
                "Configuration": {"ContentSourceConfiguration": {"DataSourceIds": [custom]}},
            },
        )["Id"]
        entity = "0123456789-01234567-89ab-cdef-0123-456789abcdef"
        call(
            "AssociateEntitiesToExperience",
            {
                "IndexId": index_id,
                "Id": experience,
                "EntityList": [{"EntityId": entity, "EntityType": "USER"}],
            },
        )
        call(
            "AssociatePersonasToEntities",
            {
                "IndexId": index_id,
                "Id": experience,
                "Personas": [{"EntityId": entity, "Persona": "OWNER"}],
            },
        )
        access_control = call(
            "CreateAccessControlConfiguration",
            {
                "IndexId": index_id,
                "Name": "fuzz",
                "AccessControlList": [{"Name": "alice", "Type": "USER", "Access": "ALLOW"}],
            },
        )["Id"]
        call(
            "PutPrincipalMapping",
            {
                "IndexId": index_id,
                "GroupId": "fuzz-group",
                "GroupMembers": {"MemberUsers": [{"UserId": "alice"}]},
            },
        )
        token = call("ListDataSources", {"IndexId": index_id, "MaxResults": 1})["NextToken"]
        block_list = call(
            "CreateQuerySuggestionsBlockList",
            {
                "IndexId": index_id,
                "Name": "fuzz",
                "RoleArn": ROLE_ARN,
                "SourceS3Path": {"Bucket": "fuzz-bucket", "Key": "block.txt"},
            },
        )["Id"]
        spare_index = call("CreateIndex", {"Name": "spare", "RoleArn": ROLE_ARN})["Id"]
        faq = call(
            "CreateFaq",
            {
                "IndexId": index_id,
                "Name": "faq",
                "RoleArn": ROLE_ARN,
                "S3Path": {"Bucket": "fuzz-bucket", "Key": "faq.csv"},
            },
        )["Id"]
        query = call("Query", {"IndexId": index_id, "QueryText": "hello"})["QueryId"]
        index_arn = backend.indices[index_id].arn
        thesaurus = call(
            "CreateThesaurus",
            {
                "IndexId": index_id,
                "Name": "synonyms",
                "RoleArn": ROLE_ARN,
                "SourceS3Path": {"Bucket": "fuzz-bucket", "Key": "synonyms.txt"},
            },
        )["Id"]
        token_index = call(
            "CreateIndex",
            {
                "Name": "tokens",
                "RoleArn": ROLE_ARN,
                "UserContextPolicy": "USER_TOKEN",
                "UserTokenConfigurations": [
                    {
                        "JsonTokenTypeConfiguration": {
                            "UserNameAttributeField": "user",
                            "GroupAttributeField": "groups",
                        }
                    }
                ],
            },
        )["Id"]
        call(
            "BatchPutDocument",
            {
                "IndexId": token_index,
                "Documents": [
                    {
                        "Id": "doc-1",
                        "Blob": base64.b64encode(b"hello").decode(),
                        "AccessControlList": [{"Name": "alice", "Type": "USER", "Access": "ALLOW"}],
                    }
                ],
            },
        )
        featured = call(
            "CreateFeaturedResultsSet",
            {
                "IndexId": index_id,
                "FeaturedResultsSetName": "featured",
                "QueryTexts": ["fuzz query"],
                "FeaturedDocuments": [{"Id": "doc-1"}],
            },
        )["FeaturedResultsSet"]["FeaturedResultsSetId"]
    return {
        "index": index_id,
        "custom": custom,
        "s3": s3,
        "execution": execution,
        "token": token,
        "document": "doc-1",
        "experience": experience,
        "entity": entity,
        "access_control": access_control,
        "group": "fuzz-group",
        "faq": faq,
        "query": query,
        "faq_arn": f"{index_arn}/faq/{faq}",
        "index_arn": index_arn,
        "custom_arn": f"{index_arn}/data-source/{custom}",
        "s3_arn": f"{index_arn}/data-source/{s3}",
        "block_list": block_list,
        "block_list_arn": f"{index_arn}/query-suggestions-block-list/{block_list}",
        "spare_index": spare_index,
        "thesaurus": thesaurus,
        "thesaurus_arn": f"{index_arn}/thesaurus/{thesaurus}",
        "featured": featured,
        "featured_arn": f"{index_arn}/featured-results-set/{featured}",
        "featured_query": "Fuzz  Query",
        "token_index": token_index,
        "user": "alice",
        "user_token": '{"user": "alice", "groups": ["fuzz-group"]}',
    }


# -- strategies from the model -----------------------------------------------------


def _python_regex(pattern: str) -> str | None:
    """The pattern in Python ``re`` syntax, or None where ``re`` can't read it."""
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        pattern = pattern[1:-1]
    try:
        re.compile(pattern)
    except re.error:
        return None
    return pattern


ANY_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def mostly(usual: st.SearchStrategy[Any], rare: st.SearchStrategy[Any], odds: int = 12) -> Any:
    """``usual``, or ``rare`` once in ``odds`` draws: a request with many members still
    gets past validation often enough to run the backend."""
    return st.integers(0, odds - 1).flatmap(lambda n: rare if n == 0 else usual)


#: Shapes drawn from a few values more often, so more requests make sense to the backend.
LIKELY_VALUES = {
    "DataSourceType": ("CUSTOM", "CUSTOM", "S3"),
    "DocumentAttributeKey": DOCUMENT_ATTRIBUTE_KEYS,
}


class Strategies:
    """Model shape -> hypothesis strategy of its JSON value on the wire.

    ``raw``: also values of the wrong JSON type, nulls and unknown members (only a raw
    HTTP request can carry those; botocore's serializer refuses unknown members).
    """

    def __init__(self, raw: bool, refs: dict[str, tuple[str, ...]] | None = None) -> None:
        self.raw = raw
        # Which shapes stand for which real resources (a service's own: shape names
        # repeat across models).
        self.refs = REFS_BY_SHAPE if refs is None else refs
        self._cache: dict[str, st.SearchStrategy[Any]] = {}

    def of(self, shape: Shape, depth: int = 0) -> st.SearchStrategy[Any]:
        key = f"{shape.name}@{min(depth, 4)}"
        if key not in self._cache:
            self._cache[key] = st.deferred(lambda: self._build(shape, depth))
        return self._cache[key]

    def _build(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        strategy = getattr(self, f"_{shape.type_name}")(shape, depth)
        refs = self.refs.get(shape.name)
        if refs:
            strategy = mostly(st.sampled_from([Ref(kind) for kind in refs]), strategy, odds=4)
        if self.raw and depth:
            strategy = mostly(strategy, ANY_JSON)
        return strategy

    def _structure(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        required = list(shape.required_members)
        optional = [name for name in shape.members if name not in required]
        members = shape.members
        most = 3 if depth < 2 else 1
        raw = self.raw

        @st.composite
        def build(draw: Any) -> dict[str, Any]:
            value: dict[str, Any] = {}
            for name in required:
                # Leave a required member out now and then.
                if draw(st.integers(0, 24)) != 0:
                    value[name] = draw(self.of(members[name], depth + 1))
            chosen = draw(
                st.lists(st.sampled_from(optional), max_size=most, unique=True)
                if optional and depth < 4
                else st.just([])
            )
            for name in chosen:
                value[name] = draw(self.of(members[name], depth + 1))
            if raw and draw(st.integers(0, 9)) == 0:
                value[draw(st.sampled_from(["Unknown", "id", "indexId"]))] = draw(ANY_JSON)
            return value

        return build()

    def _list(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        low = shape.metadata.get("min", 0)
        high = shape.metadata.get("max")
        item = self.of(shape.member, depth + 1)
        fitting = st.lists(item, min_size=low, max_size=max(low, min(high or 3, 3)))
        if high is not None and high <= 20:
            return mostly(fitting, st.lists(item, min_size=high + 1, max_size=high + 1))
        if low > 0:
            return mostly(fitting, st.just([]))
        return fitting

    def _map(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        return st.dictionaries(
            self.of(shape.key, depth + 1).filter(lambda key: isinstance(key, str)),
            self.of(shape.value, depth + 1),
            max_size=2,
        )

    def _string(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        low = shape.metadata.get("min", 0)
        high = shape.metadata.get("max")
        top = min(high, LONGEST) if high is not None else LONGEST
        anything = st.text(min_size=min(low, top), max_size=max(top, min(low, top)))
        pattern = shape.metadata.get("pattern")
        python_pattern = _python_regex(pattern) if pattern else None
        if shape.enum:
            usual = st.sampled_from(shape.enum)
        elif python_pattern is not None:

            def fit(text: str) -> str:
                # Pad with the last character (patterns end in a repeated class) and cut.
                if text and len(text) < low:
                    text += text[-1] * (low - len(text))
                return text[:high] if high is not None else text

            usual = st.from_regex(python_pattern, fullmatch=True).map(fit)
        elif pattern is not None:
            # Not Python syntax (\\P{C}: no control characters): printable text fits.
            usual = st.text(
                alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn")),
                min_size=min(low, top),
                max_size=max(top, min(low, top)),
            )
        else:
            usual = anything
        if shape.name in LIKELY_VALUES:
            usual = mostly(st.sampled_from(LIKELY_VALUES[shape.name]), usual, odds=3)
        rare: list[st.SearchStrategy[Any]] = [anything]
        if low > 0 and low <= LONGEST:
            rare.append(st.text(alphabet="abc", min_size=low - 1, max_size=low - 1))
        if high is not None and high <= 1500:
            rare.append(st.just("a" * (high + 1)))
        return mostly(usual, st.one_of(rare))

    def _integer(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        low = shape.metadata.get("min")
        high = shape.metadata.get("max")
        bound = 2**31 - 1 if shape.type_name == "integer" else 2**63 - 1
        fitting = st.integers(
            low if low is not None else -bound - 1, high if high is not None else bound
        )
        edges = [value for value in (low, high) if value is not None]
        outside = [low - 1] if low is not None else []
        outside += [high + 1] if high is not None else []
        return mostly(
            st.one_of(fitting, st.sampled_from(edges)) if edges else fitting,
            st.sampled_from(outside + [bound + 1, -bound - 2]),
        )

    _long = _integer

    def _float(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        low = shape.metadata.get("min")
        high = shape.metadata.get("max")
        return st.floats(
            min_value=None if low is None else low - 1,
            max_value=None if high is None else high + 1,
            allow_nan=False,
            allow_infinity=False,
        )

    _double = _float

    def _boolean(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        return st.booleans()

    def _timestamp(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        fitting = st.one_of(st.integers(0, 2_000_000_000), st.floats(0, 2e9, allow_nan=False))
        if not self.raw:
            return fitting  # botocore can't serialize a date past year 9999
        return mostly(fitting, st.sampled_from([-1, 10**15, 10**20]))

    def _blob(self, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        return st.binary(max_size=32).map(lambda raw: base64.b64encode(raw).decode())


TYPED = Strategies(raw=False)
RAW = Strategies(raw=True)


def request_strategy(strategies: Strategies, operation: str) -> st.SearchStrategy[Any]:
    return strategies.of(MODEL.operation_model(operation).input_shape)


# -- sending -------------------------------------------------------------------------


def _to_python(value: Any, shape: Shape) -> Any:
    """A wire value as boto3 takes it: blobs as bytes (botocore encodes them)."""
    if isinstance(value, Ref):
        return value
    if shape.type_name == "blob" and isinstance(value, str):
        return base64.b64decode(value)
    if shape.type_name == "structure" and isinstance(value, dict):
        return {
            name: _to_python(item, shape.members[name]) if name in shape.members else item
            for name, item in value.items()
        }
    if shape.type_name == "list" and isinstance(value, list):
        return [_to_python(item, shape.member) for item in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {key: _to_python(item, shape.value) for key, item in value.items()}
    return value


def send_boto3(client: Any, operation: str, params: dict[str, Any]) -> None:
    """One call through boto3 (no client-side validation). The suite's after-call hook
    checks the response against the model; here: never a 5xx."""
    model = MODEL.operation_model(operation)
    method = getattr(client, registration_name(operation))
    try:
        method(**_to_python(params, model.input_shape))
    except ClientError as error:
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        code = error.response["Error"]["Code"]
        allowed = {shape.name for shape in model.error_shapes} | conformance.PROTOCOL_ERRORS
        assert status < 500, f"{operation} {params!r}: HTTP {status} {error.response['Error']}"
        assert code in allowed, f"{operation} {params!r}: {code} is not modeled"
        assert code != "InternalServerException"


def send_raw(operation: str, params: Any) -> None:
    model = MODEL.operation_model(operation)
    response = requests.post(
        URL,
        data=json.dumps(params),
        headers={
            "X-Amz-Target": TARGET_PREFIX + operation,
            "Content-Type": "application/x-amz-json-1.1",
        },
    )
    assert response.status_code < 500, f"{operation} {params!r}: {response.text}"
    assert conformance.violations(model, response.status_code, response.content) == [], (
        operation,
        params,
        response.text,
    )


def connectors_member(kind: str) -> str | None:
    from moto_kendra.connectors import configuration_member

    return configuration_member(kind)


def registration_name(operation: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()


@pytest.fixture
def fuzz_client(kendra_client: Any) -> Any:
    """A boto3 client that checks nothing on the client side and never retries."""
    return boto3.client(
        "kendra",
        region_name=REGION,
        aws_access_key_id="FOOBARKEY",
        aws_secret_access_key="FOOBARSECRET",
        config=Config(parameter_validation=False, retries={"total_max_attempts": 1}),
    )


# -- the fuzzers ---------------------------------------------------------------------


@pytest.mark.parametrize("operation", IMPLEMENTED)
def test_every_operation_survives_boto3_without_client_validation(
    fuzz_client: Any, operation: str
) -> None:
    @fuzz_settings
    @given(params=request_strategy(TYPED, operation))
    def run(params: dict[str, Any]) -> None:
        pool = populate()
        send_boto3(fuzz_client, operation, resolve(params, pool))

    run()


@pytest.mark.parametrize("operation", IMPLEMENTED)
def test_every_operation_survives_raw_json_of_any_type(kendra_client: Any, operation: str) -> None:
    @fuzz_settings
    @given(params=request_strategy(RAW, operation))
    def run(params: Any) -> None:
        pool = populate()
        send_raw(operation, resolve(params, pool))

    run()


CALL = st.sampled_from(IMPLEMENTED).flatmap(
    lambda operation: st.tuples(st.just(operation), request_strategy(TYPED, operation))
)


@sequence_settings
@given(calls=st.lists(CALL, min_size=2, max_size=8))
def test_sequences_of_calls_on_shared_state_stay_conformant(fuzz_client: Any, calls: list) -> None:
    """Calls one after the other on the same resources: deletes, stops and restarts
    interleave with reads, and every answer stays modeled and conformant."""
    pool = populate()
    for operation, params in calls:
        send_boto3(fuzz_client, operation, resolve(params, pool))


CONNECTOR_TYPES = [
    (kind, member)
    for kind in MODEL.shape_for("DataSourceType").enum
    for member in [connectors_member(kind)]
    if member is not None
]


@pytest.mark.parametrize(("kind", "member"), CONNECTOR_TYPES)
def test_every_connector_type_round_trips_its_configuration(fuzz_client, kind, member):
    """A data source of each type, configured from its configuration shape in the model:
    created, described, listed, updated and deleted, every answer conformant."""
    member_shape = MODEL.shape_for("DataSourceConfiguration").members[member]

    @settings(fuzz_settings, max_examples=max(3, EXAMPLES // 5))
    @given(configuration=TYPED.of(member_shape, depth=1))
    def run(configuration: Any) -> None:
        pool = populate()
        params = {
            "IndexId": pool["index"],
            "Name": "connector",
            "Type": kind,
            "RoleArn": ROLE_ARN,
            "Configuration": {member: resolve(configuration, pool)},
        }
        try:
            created = fuzz_client.create_data_source(
                **_to_python(params, MODEL.operation_model("CreateDataSource").input_shape)
            )
        except ClientError as error:
            assert error.response["Error"]["Code"] in conformance.PROTOCOL_ERRORS
            return
        source = {"IndexId": pool["index"], "Id": created["Id"]}
        described = fuzz_client.describe_data_source(**source)
        assert described["Type"] == kind and member in described["Configuration"]
        fuzz_client.list_data_sources(IndexId=pool["index"])
        fuzz_client.update_data_source(**source, Description="updated")
        send_boto3(fuzz_client, "StartDataSourceSyncJob", source)
        send_boto3(fuzz_client, "ListDataSourceSyncJobs", source)
        fuzz_client.delete_data_source(**source)

    run()


def find_a_success_for_each(
    client: Any,
    model: Any,
    operations: Any,
    strategies: Strategies,
    populate: Callable[[], dict[str, Any]],
    max_examples: int,
) -> None:
    """For each operation, hypothesis finds a generated request (its references
    resolved against ``populate``'s fresh backend) that ``client`` sends with success."""
    from hypothesis import find

    for operation in operations:
        input_shape = model.operation_model(operation).input_shape

        def succeeds(
            params: Any, operation: str = operation, input_shape: Any = input_shape
        ) -> bool:
            pool = populate()
            try:
                getattr(client, registration_name(operation))(
                    **_to_python(resolve(params, pool), input_shape)
                )
            except ClientError:
                return False
            return True

        find(
            strategies.of(input_shape),
            succeeds,
            # Stop at the first success: no shrinking.
            settings=settings(fuzz_settings, max_examples=max_examples, phases=[Phase.generate]),
        )


def test_the_fuzzers_reach_the_backend(fuzz_client: Any) -> None:
    """The generated requests do not all stop at validation: for every operation the
    strategy finds a request the backend answers with success."""
    find_a_success_for_each(fuzz_client, MODEL, IMPLEMENTED, TYPED, populate, max_examples=300)
