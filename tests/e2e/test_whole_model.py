"""The whole model, through boto3: every operation of the ``kendra`` and
``kendra-ranking`` botocore models answers a valid request (its prerequisites made
first) with a response the suite's conformance hook accepts; and the behaviour reference
(docs/reference) has one row per operation.

``KENDRA_CALLS`` and ``RANKING_CALLS`` hold one minimal valid call per operation: a
function of the client and the resources made for it, returning the request. An
operation a newer botocore adds fails ``test_every_operation_has_a_call`` until it has
one; one that answers 501 (NotImplementedException) fails its call's test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore import xform_name

from moto_kendra.spec.service import KENDRA, KENDRA_RANKING, service_model
from tests import fake_clock
from tests.conftest import ROLE_ARN

BUCKET = "whole-model"
ENTITY = "0123456789-01234567-89ab-cdef-0123-456789abcdef"
OTHER_ENTITY = "0123456789-11234567-89ab-cdef-0123-456789abcdef"
REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference"

Call = Callable[[Any, dict[str, Any]], dict[str, Any]]


def _s3_files() -> None:
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    files = {
        "faq.csv": b"How do I search?,Type words in the box\n",
        "synonyms.txt": b"search, find\n",
        "block.txt": b"secret\n",
        "docs/guide.txt": b"How to search the index.",
    }
    for key, body in files.items():
        s3.put_object(Bucket=BUCKET, Key=key, Body=body)


@pytest.fixture
def world(kendra_client) -> dict[str, Any]:
    """The resources the calls name: an index with a CUSTOM and an S3 data source, an
    indexed document, a FAQ, a thesaurus, a featured results set, a block list, an
    access control configuration, a principal mapping, an experience with a user
    who has a persona, a query, and a spare index."""
    client = kendra_client
    _s3_files()
    index_id = client.create_index(Name="model", RoleArn=ROLE_ARN)["Id"]
    index_arn = f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}"
    custom = client.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")["Id"]
    s3_source = client.create_data_source(
        IndexId=index_id,
        Name="s3",
        Type="S3",
        RoleArn=ROLE_ARN,
        Configuration={"S3Configuration": {"BucketName": BUCKET}},
    )["Id"]
    client.batch_put_document(
        IndexId=index_id,
        Documents=[{"Id": "doc-1", "Blob": b"How to search", "ContentType": "PLAIN_TEXT"}],
    )
    for _ in range(2):
        client.describe_index(Id=index_id)
    path = {"Bucket": BUCKET}
    faq = client.create_faq(
        IndexId=index_id, Name="faq", RoleArn=ROLE_ARN, S3Path={**path, "Key": "faq.csv"}
    )["Id"]
    thesaurus = client.create_thesaurus(
        IndexId=index_id,
        Name="synonyms",
        RoleArn=ROLE_ARN,
        SourceS3Path={**path, "Key": "synonyms.txt"},
    )["Id"]
    featured = client.create_featured_results_set(
        IndexId=index_id,
        FeaturedResultsSetName="featured",
        QueryTexts=["how to search"],
        FeaturedDocuments=[{"Id": "doc-1"}],
    )["FeaturedResultsSet"]["FeaturedResultsSetId"]
    block_list = client.create_query_suggestions_block_list(
        IndexId=index_id,
        Name="blocked",
        RoleArn=ROLE_ARN,
        SourceS3Path={**path, "Key": "block.txt"},
    )["Id"]
    access_control = client.create_access_control_configuration(
        IndexId=index_id,
        Name="acl",
        AccessControlList=[{"Name": "alice", "Type": "USER", "Access": "ALLOW"}],
    )["Id"]
    client.put_principal_mapping(
        IndexId=index_id, GroupId="team", GroupMembers={"MemberUsers": [{"UserId": "alice"}]}
    )
    experience = client.create_experience(IndexId=index_id, Name="search", RoleArn=ROLE_ARN)["Id"]
    client.associate_entities_to_experience(
        IndexId=index_id, Id=experience, EntityList=[{"EntityId": ENTITY, "EntityType": "USER"}]
    )
    client.associate_personas_to_entities(
        IndexId=index_id, Id=experience, Personas=[{"EntityId": ENTITY, "Persona": "OWNER"}]
    )
    query = client.query(IndexId=index_id, QueryText="search")
    return {
        "index": index_id,
        "index_arn": index_arn,
        "custom": custom,
        "s3": s3_source,
        "faq": faq,
        "thesaurus": thesaurus,
        "featured": featured,
        "block_list": block_list,
        "access_control": access_control,
        "experience": experience,
        "query": query["QueryId"],
        "result": query["ResultItems"][0]["Id"],
        "spare": client.create_index(Name="spare", RoleArn=ROLE_ARN)["Id"],
    }


def _index(w: dict[str, Any], **params: Any) -> dict[str, Any]:
    return {"IndexId": w["index"], **params}


def _stop(client: Any, w: dict[str, Any]) -> dict[str, Any]:
    client.start_data_source_sync_job(Id=w["custom"], IndexId=w["index"])
    return {"Id": w["custom"], "IndexId": w["index"]}


KENDRA_CALLS: dict[str, Call] = {
    "AssociateEntitiesToExperience": lambda c, w: _index(
        w, Id=w["experience"], EntityList=[{"EntityId": OTHER_ENTITY, "EntityType": "USER"}]
    ),
    "AssociatePersonasToEntities": lambda c, w: _index(
        w, Id=w["experience"], Personas=[{"EntityId": ENTITY, "Persona": "VIEWER"}]
    ),
    "BatchDeleteDocument": lambda c, w: _index(w, DocumentIdList=["doc-1"]),
    "BatchDeleteFeaturedResultsSet": lambda c, w: _index(w, FeaturedResultsSetIds=[w["featured"]]),
    "BatchGetDocumentStatus": lambda c, w: _index(w, DocumentInfoList=[{"DocumentId": "doc-1"}]),
    "BatchPutDocument": lambda c, w: _index(
        w, Documents=[{"Id": "doc-2", "Blob": b"more", "ContentType": "PLAIN_TEXT"}]
    ),
    "ClearQuerySuggestions": lambda c, w: _index(w),
    "CreateAccessControlConfiguration": lambda c, w: _index(w, Name="another"),
    "CreateDataSource": lambda c, w: _index(w, Name="another", Type="CUSTOM"),
    "CreateExperience": lambda c, w: _index(w, Name="another", RoleArn=ROLE_ARN),
    "CreateFaq": lambda c, w: _index(
        w, Name="another", RoleArn=ROLE_ARN, S3Path={"Bucket": BUCKET, "Key": "faq.csv"}
    ),
    "CreateFeaturedResultsSet": lambda c, w: _index(w, FeaturedResultsSetName="another"),
    "CreateIndex": lambda c, w: {"Name": "another", "RoleArn": ROLE_ARN},
    "CreateQuerySuggestionsBlockList": lambda c, w: {
        "IndexId": w["spare"],
        "Name": "another",
        "RoleArn": ROLE_ARN,
        "SourceS3Path": {"Bucket": BUCKET, "Key": "block.txt"},
    },
    "CreateThesaurus": lambda c, w: {
        "IndexId": w["spare"],
        "Name": "another",
        "RoleArn": ROLE_ARN,
        "SourceS3Path": {"Bucket": BUCKET, "Key": "synonyms.txt"},
    },
    "DeleteAccessControlConfiguration": lambda c, w: _index(w, Id=w["access_control"]),
    "DeleteDataSource": lambda c, w: _index(w, Id=w["s3"]),
    "DeleteExperience": lambda c, w: _index(w, Id=w["experience"]),
    "DeleteFaq": lambda c, w: _index(w, Id=w["faq"]),
    "DeleteIndex": lambda c, w: {"Id": w["spare"]},
    "DeletePrincipalMapping": lambda c, w: _index(w, GroupId="team"),
    "DeleteQuerySuggestionsBlockList": lambda c, w: _index(w, Id=w["block_list"]),
    "DeleteThesaurus": lambda c, w: _index(w, Id=w["thesaurus"]),
    "DescribeAccessControlConfiguration": lambda c, w: _index(w, Id=w["access_control"]),
    "DescribeDataSource": lambda c, w: _index(w, Id=w["custom"]),
    "DescribeExperience": lambda c, w: _index(w, Id=w["experience"]),
    "DescribeFaq": lambda c, w: _index(w, Id=w["faq"]),
    "DescribeFeaturedResultsSet": lambda c, w: _index(w, FeaturedResultsSetId=w["featured"]),
    "DescribeIndex": lambda c, w: {"Id": w["index"]},
    "DescribePrincipalMapping": lambda c, w: _index(w, GroupId="team"),
    "DescribeQuerySuggestionsBlockList": lambda c, w: _index(w, Id=w["block_list"]),
    "DescribeQuerySuggestionsConfig": lambda c, w: _index(w),
    "DescribeThesaurus": lambda c, w: _index(w, Id=w["thesaurus"]),
    "DisassociateEntitiesFromExperience": lambda c, w: _index(
        w, Id=w["experience"], EntityList=[{"EntityId": ENTITY, "EntityType": "USER"}]
    ),
    "DisassociatePersonasFromEntities": lambda c, w: _index(
        w, Id=w["experience"], EntityIds=[ENTITY]
    ),
    "GetQuerySuggestions": lambda c, w: _index(w, QueryText="how"),
    "GetSnapshots": lambda c, w: _index(w, Interval="THIS_WEEK", MetricType="QUERIES_BY_COUNT"),
    "ListAccessControlConfigurations": lambda c, w: _index(w),
    "ListDataSourceSyncJobs": lambda c, w: _index(w, Id=w["custom"]),
    "ListDataSources": lambda c, w: _index(w),
    "ListEntityPersonas": lambda c, w: _index(w, Id=w["experience"]),
    "ListExperienceEntities": lambda c, w: _index(w, Id=w["experience"]),
    "ListExperiences": lambda c, w: _index(w),
    "ListFaqs": lambda c, w: _index(w),
    "ListFeaturedResultsSets": lambda c, w: _index(w),
    "ListGroupsOlderThanOrderingId": lambda c, w: _index(w, OrderingId=32535158400000),
    "ListIndices": lambda c, w: {},
    "ListQuerySuggestionsBlockLists": lambda c, w: _index(w),
    "ListTagsForResource": lambda c, w: {"ResourceARN": w["index_arn"]},
    "ListThesauri": lambda c, w: _index(w),
    "PutPrincipalMapping": lambda c, w: _index(
        w, GroupId="another", GroupMembers={"MemberUsers": [{"UserId": "bob"}]}
    ),
    "Query": lambda c, w: _index(w, QueryText="how to search", UserContext={"UserId": "alice"}),
    "Retrieve": lambda c, w: _index(w, QueryText="search"),
    "StartDataSourceSyncJob": lambda c, w: _index(w, Id=w["s3"]),
    "StopDataSourceSyncJob": _stop,
    "SubmitFeedback": lambda c, w: _index(
        w,
        QueryId=w["query"],
        RelevanceFeedbackItems=[{"ResultId": w["result"], "RelevanceValue": "RELEVANT"}],
    ),
    "TagResource": lambda c, w: {
        "ResourceARN": w["index_arn"],
        "Tags": [{"Key": "team", "Value": "search"}],
    },
    "UntagResource": lambda c, w: {"ResourceARN": w["index_arn"], "TagKeys": ["team"]},
    "UpdateAccessControlConfiguration": lambda c, w: _index(
        w, Id=w["access_control"], Description="updated"
    ),
    "UpdateDataSource": lambda c, w: _index(w, Id=w["custom"], Description="updated"),
    "UpdateExperience": lambda c, w: _index(w, Id=w["experience"], Description="updated"),
    "UpdateFeaturedResultsSet": lambda c, w: _index(
        w, FeaturedResultsSetId=w["featured"], Status="INACTIVE"
    ),
    "UpdateIndex": lambda c, w: {"Id": w["index"], "Description": "updated"},
    "UpdateQuerySuggestionsBlockList": lambda c, w: _index(
        w, Id=w["block_list"], Description="updated"
    ),
    "UpdateQuerySuggestionsConfig": lambda c, w: _index(w, MinimumQueryCount=1),
    "UpdateThesaurus": lambda c, w: _index(w, Id=w["thesaurus"], Description="updated"),
}


@pytest.fixture
def plan(kendra_ranking_client) -> dict[str, Any]:
    made = kendra_ranking_client.create_rescore_execution_plan(Name="ranker")
    return {"plan": made["Id"], "plan_arn": made["Arn"]}


RANKING_CALLS: dict[str, Call] = {
    "CreateRescoreExecutionPlan": lambda c, w: {"Name": "another"},
    "DeleteRescoreExecutionPlan": lambda c, w: {"Id": w["plan"]},
    "DescribeRescoreExecutionPlan": lambda c, w: {"Id": w["plan"]},
    "ListRescoreExecutionPlans": lambda c, w: {},
    "ListTagsForResource": lambda c, w: {"ResourceARN": w["plan_arn"]},
    "Rescore": lambda c, w: {
        "RescoreExecutionPlanId": w["plan"],
        "SearchQuery": "how to search",
        "Documents": [{"Id": "doc-1", "OriginalScore": 1.0, "Body": "How to search"}],
    },
    "TagResource": lambda c, w: {
        "ResourceARN": w["plan_arn"],
        "Tags": [{"Key": "team", "Value": "ranking"}],
    },
    "UntagResource": lambda c, w: {"ResourceARN": w["plan_arn"], "TagKeys": ["team"]},
    "UpdateRescoreExecutionPlan": lambda c, w: {"Id": w["plan"], "Description": "updated"},
}


@pytest.mark.parametrize(
    ("service", "calls"), [(KENDRA, KENDRA_CALLS), (KENDRA_RANKING, RANKING_CALLS)]
)
def test_every_operation_has_a_call(service, calls):
    operations = set(service_model(service).operation_names)

    assert sorted(operations - set(calls)) == [], "operations of the model without a call"
    assert sorted(set(calls) - operations) == [], "calls of operations the model doesn't have"


@pytest.mark.parametrize("operation", sorted(KENDRA_CALLS))
def test_every_kendra_operation_answers_a_valid_request(kendra_client, world, operation):
    request = KENDRA_CALLS[operation](kendra_client, world)

    response = getattr(kendra_client, xform_name(operation))(**request)

    # A 501 or any other error raises; the conformance hook checked the body.
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


@pytest.mark.parametrize("operation", sorted(RANKING_CALLS))
def test_every_ranking_operation_answers_a_valid_request(kendra_ranking_client, plan, operation):
    request = RANKING_CALLS[operation](kendra_ranking_client, plan)

    response = getattr(kendra_ranking_client, xform_name(operation))(**request)

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


# -- the behaviour reference ---------------------------------------------------------------

_ROW = re.compile(r"^\|\s*`?([A-Za-z]+)`?\s*\|")


def _first_cells(page: Path) -> list[str]:
    return [match.group(1) for line in page.read_text().splitlines() if (match := _ROW.match(line))]


@pytest.mark.parametrize(
    ("service", "pages"),
    [
        (KENDRA, [p for p in sorted(REFERENCE.glob("*.md")) if p.name != "ranking.md"]),
        (KENDRA_RANKING, [REFERENCE / "ranking.md"]),
    ],
)
def test_the_reference_has_one_row_per_operation(service, pages):
    operations = service_model(service).operation_names
    cells = [cell for page in pages for cell in _first_cells(page)]

    counts = {operation: cells.count(operation) for operation in operations}

    assert {op: n for op, n in counts.items() if n != 1} == {}


# -- a restart ----------------------------------------------------------------------------

#: What every read operation shows, compared before and after a state round trip
#: (Query, Retrieve and GetQuerySuggestions mint new QueryIds: not compared).
READS = sorted(
    operation
    for operation in KENDRA_CALLS
    if operation.startswith(("Describe", "List", "BatchGet", "GetSnapshots"))
)


def _reads(client: Any, w: dict[str, Any]) -> dict[str, Any]:
    shown = {}
    for operation in READS:
        answer = getattr(client, xform_name(operation))(**KENDRA_CALLS[operation](client, w))
        answer.pop("ResponseMetadata")
        shown[operation] = answer
    return shown


def test_every_resource_survives_a_state_round_trip(
    kendra_client, kendra_backend, world, plan, monkeypatch
):
    """Every family's state writes to the state document and reads back: each read
    operation then answers as it did from the state that was saved. (The reads run at
    one fake moment: a change that takes effect when read is stamped with its time.)"""
    import json

    import requests

    url = "http://motoapi.amazonaws.com/moto-api/kendra/state"
    saved = requests.get(url, timeout=30)
    assert saved.status_code == 200, saved.text
    clock = fake_clock.install(monkeypatch, datetime.now(timezone.utc) + timedelta(minutes=1))
    moment = clock.now
    before = _reads(kendra_client, world)

    restored = requests.put(url, data=json.dumps(saved.json()), timeout=30)
    clock.set(moment)

    assert restored.status_code == 200, restored.text
    assert _reads(kendra_client, world) == before
    services = {entry["service"] for entry in saved.json()["services"]}
    assert services == {KENDRA, KENDRA_RANKING}
