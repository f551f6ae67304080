"""Kendra resources in moto's CloudFormation, through boto3's cloudformation client:
AWS::Kendra::Index, AWS::Kendra::DataSource, AWS::KendraRanking::ExecutionPlan."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.conftest import ROLE_ARN
from tests.kendra_calls import UNKNOWN_ID, error_of

BUCKET = "stack-docs"

TEMPLATE: dict[str, Any] = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {"Units": {"Type": "Number", "Default": "1"}},
    "Resources": {
        "Docs": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": BUCKET}},
        "Index": {
            "Type": "AWS::Kendra::Index",
            "Properties": {
                "Name": "stack-index",
                "Edition": "ENTERPRISE_EDITION",
                "RoleArn": ROLE_ARN,
                "Description": "from a stack",
                "CapacityUnits": {
                    "QueryCapacityUnits": {"Ref": "Units"},
                    "StorageCapacityUnits": 0,
                },
                "DocumentMetadataConfigurations": [
                    {
                        "Name": "department",
                        "Type": "STRING_VALUE",
                        "Search": {"Facetable": True, "Searchable": True},
                        "Relevance": {
                            "Importance": 5,
                            "ValueImportanceItems": [{"Key": "legal", "Value": 9}],
                        },
                    }
                ],
                "Tags": [{"Key": "team", "Value": "search"}],
            },
        },
        "Source": {
            "Type": "AWS::Kendra::DataSource",
            "Properties": {
                "IndexId": {"Ref": "Index"},
                "Name": "stack-source",
                "Type": "S3",
                "RoleArn": ROLE_ARN,
                "DataSourceConfiguration": {
                    "S3Configuration": {
                        "BucketName": {"Ref": "Docs"},
                        "InclusionPrefixes": ["docs/"],
                    }
                },
                "Description": "the docs bucket",
            },
        },
        "Plan": {
            "Type": "AWS::KendraRanking::ExecutionPlan",
            "Properties": {
                "Name": "stack-plan",
                "CapacityUnits": {"RescoreCapacityUnits": {"Ref": "Units"}},
                "Tags": [{"Key": "team", "Value": "ranking"}],
            },
        },
    },
    "Outputs": {
        "IndexRef": {"Value": {"Ref": "Index"}},
        "IndexId": {"Value": {"Fn::GetAtt": ["Index", "Id"]}},
        "IndexArn": {"Value": {"Fn::GetAtt": ["Index", "Arn"]}},
        "SourceRef": {"Value": {"Ref": "Source"}},
        "SourceId": {"Value": {"Fn::GetAtt": ["Source", "Id"]}},
        "SourceArn": {"Value": {"Fn::GetAtt": ["Source", "Arn"]}},
        "PlanRef": {"Value": {"Ref": "Plan"}},
        "PlanArn": {"Value": {"Fn::GetAtt": ["Plan", "Arn"]}},
    },
}


@pytest.fixture
def cloudformation(kendra_client) -> Any:
    return boto3.client(
        "cloudformation",
        region_name="us-east-1",
        aws_access_key_id="FOOBARKEY",
        aws_secret_access_key="FOOBARSECRET",
    )


def deploy(cloudformation, template: dict[str, Any], **kwargs: Any) -> dict[str, str]:
    cloudformation.create_stack(StackName="search", TemplateBody=json.dumps(template), **kwargs)
    return outputs(cloudformation)


def update(cloudformation, template: dict[str, Any], **kwargs: Any) -> dict[str, str]:
    cloudformation.update_stack(StackName="search", TemplateBody=json.dumps(template), **kwargs)
    return outputs(cloudformation)


def outputs(cloudformation) -> dict[str, str]:
    stack = cloudformation.describe_stacks(StackName="search")["Stacks"][0]
    assert stack["StackStatus"] in ("CREATE_COMPLETE", "UPDATE_COMPLETE")
    return {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}


def tags_of(client, arn: str) -> dict[str, str]:
    return {
        tag["Key"]: tag["Value"] for tag in client.list_tags_for_resource(ResourceARN=arn)["Tags"]
    }


def test_a_stack_creates_an_index_a_data_source_and_an_execution_plan(
    cloudformation, kendra_client, kendra_ranking_client
):
    out = deploy(cloudformation, TEMPLATE)

    index_id, source_id, plan_id = out["IndexRef"], out["SourceId"], out["PlanRef"]
    assert out["IndexId"] == index_id
    assert out["IndexArn"] == f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}"
    # Ref of a data source is "<Id>|<IndexId>" (the CloudFormation resource reference).
    assert out["SourceRef"] == f"{source_id}|{index_id}"
    assert out["SourceArn"] == f"{out['IndexArn']}/data-source/{source_id}"
    assert out["PlanArn"].endswith(f":rescore-execution-plan/{plan_id}")

    index = kendra_client.describe_index(Id=index_id)
    assert (index["Name"], index["Edition"], index["Description"]) == (
        "stack-index",
        "ENTERPRISE_EDITION",
        "from a stack",
    )
    # A template parameter is text; the API's integer is read from it.
    assert index["CapacityUnits"] == {"QueryCapacityUnits": 1, "StorageCapacityUnits": 0}
    # Beside Kendra's reserved fields (their names start with "_"), the template's one.
    [field] = [f for f in index["DocumentMetadataConfigurations"] if not f["Name"].startswith("_")]
    assert field["Relevance"]["ValueImportanceMap"] == {"legal": 9}
    assert tags_of(kendra_client, out["IndexArn"]) == {"team": "search"}

    source = kendra_client.describe_data_source(Id=source_id, IndexId=index_id)
    assert source["Type"] == "S3"
    assert source["Configuration"]["S3Configuration"] == {
        "BucketName": BUCKET,
        "InclusionPrefixes": ["docs/"],
    }

    plan = kendra_ranking_client.describe_rescore_execution_plan(Id=plan_id)
    assert (plan["Name"], plan["CapacityUnits"]) == ("stack-plan", {"RescoreCapacityUnits": 1})
    assert tags_of(kendra_ranking_client, out["PlanArn"]) == {"team": "ranking"}

    resources = {
        resource["LogicalResourceId"]: resource
        for resource in cloudformation.describe_stack_resources(StackName="search")[
            "StackResources"
        ]
    }
    assert resources["Index"]["PhysicalResourceId"] == index_id
    assert resources["Source"]["PhysicalResourceId"] == f"{source_id}|{index_id}"
    assert resources["Plan"]["ResourceType"] == "AWS::KendraRanking::ExecutionPlan"


def test_a_sync_job_runs_on_the_data_source_the_stack_made(cloudformation, kendra_client):
    out = deploy(cloudformation, TEMPLATE)
    index_id, source_id = out["IndexRef"], out["SourceId"]
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.put_object(Bucket=BUCKET, Key="docs/guide.txt", Body=b"how to deploy")
    s3.put_object(Bucket=BUCKET, Key="other/skip.txt", Body=b"not included")

    execution = kendra_client.start_data_source_sync_job(Id=source_id, IndexId=index_id)
    history = []
    for _ in range(4):
        history = kendra_client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)[
            "History"
        ]

    assert history[0]["ExecutionId"] == execution["ExecutionId"]
    assert history[0]["Status"] == "SUCCEEDED"
    assert history[0]["Metrics"]["DocumentsAdded"] == "1"
    stats = kendra_client.describe_index(Id=index_id)["IndexStatistics"]
    assert stats["TextDocumentStatistics"]["IndexedTextDocumentsCount"] == 1


def test_an_update_changes_what_the_api_shows(cloudformation, kendra_client, kendra_ranking_client):
    first = deploy(cloudformation, TEMPLATE)
    changed = copy.deepcopy(TEMPLATE)
    resources = changed["Resources"]
    resources["Index"]["Properties"]["Description"] = "updated"
    resources["Index"]["Properties"]["Tags"] = [{"Key": "stage", "Value": "prod"}]
    resources["Source"]["Properties"]["Schedule"] = "cron(0 12 * * ? *)"
    resources["Source"]["Properties"]["DataSourceConfiguration"]["S3Configuration"][
        "InclusionPrefixes"
    ] = ["manuals/"]
    resources["Plan"]["Properties"]["Name"] = "renamed-plan"

    out = update(
        cloudformation, changed, Parameters=[{"ParameterKey": "Units", "ParameterValue": "3"}]
    )

    # Updated in place: the same resources.
    assert (out["IndexRef"], out["SourceRef"], out["PlanRef"]) == (
        first["IndexRef"],
        first["SourceRef"],
        first["PlanRef"],
    )
    index = kendra_client.describe_index(Id=out["IndexRef"])
    assert index["Description"] == "updated"
    assert index["CapacityUnits"]["QueryCapacityUnits"] == 3
    assert tags_of(kendra_client, out["IndexArn"]) == {"stage": "prod"}
    source = kendra_client.describe_data_source(Id=out["SourceId"], IndexId=out["IndexRef"])
    assert source["Schedule"] == "cron(0 12 * * ? *)"
    assert source["Configuration"]["S3Configuration"]["InclusionPrefixes"] == ["manuals/"]
    plan = kendra_ranking_client.describe_rescore_execution_plan(Id=out["PlanRef"])
    assert (plan["Name"], plan["CapacityUnits"]) == ("renamed-plan", {"RescoreCapacityUnits": 3})


def test_changing_a_create_only_property_replaces_the_resource(cloudformation, kendra_client):
    template = copy.deepcopy(TEMPLATE)
    del template["Resources"]["Source"]
    template["Outputs"] = {"IndexRef": {"Value": {"Ref": "Index"}}}
    first = deploy(cloudformation, template)
    template["Resources"]["Index"]["Properties"]["Edition"] = "DEVELOPER_EDITION"
    del template["Resources"]["Index"]["Properties"]["CapacityUnits"]

    out = update(cloudformation, template)

    assert out["IndexRef"] != first["IndexRef"]
    assert kendra_client.describe_index(Id=out["IndexRef"])["Edition"] == "DEVELOPER_EDITION"
    with pytest.raises(ClientError) as gone:
        kendra_client.describe_index(Id=first["IndexRef"])
    assert error_of(gone)[0] == "ResourceNotFoundException"
    assert [
        item["Id"] for item in kendra_client.list_indices()["IndexConfigurationSummaryItems"]
    ] == [out["IndexRef"]]


def test_deleting_the_stack_deletes_them(cloudformation, kendra_client, kendra_ranking_client):
    out = deploy(cloudformation, TEMPLATE)

    cloudformation.delete_stack(StackName="search")

    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []
    assert kendra_ranking_client.list_rescore_execution_plans()["SummaryItems"] == []
    with pytest.raises(ClientError) as gone:
        kendra_client.describe_data_source(Id=out["SourceId"], IndexId=out["IndexRef"])
    assert error_of(gone)[0] == "ResourceNotFoundException"


def test_removing_a_resource_from_the_template_deletes_it(
    cloudformation, kendra_client, kendra_ranking_client
):
    out = deploy(cloudformation, TEMPLATE)
    smaller = copy.deepcopy(TEMPLATE)
    del smaller["Resources"]["Plan"]
    smaller["Outputs"] = {
        key: value for key, value in smaller["Outputs"].items() if "Plan" not in key
    }

    update(cloudformation, smaller)

    assert kendra_ranking_client.list_rescore_execution_plans()["SummaryItems"] == []
    assert kendra_client.describe_index(Id=out["IndexRef"])["Name"] == "stack-index"


def stack_error(cloudformation, template: dict[str, Any]) -> str:
    with pytest.raises(ClientError) as caught:
        cloudformation.create_stack(StackName="broken", TemplateBody=json.dumps(template))
    code, status, message = error_of(caught)
    assert (code, status) == ("ValidationError", 400)
    return message


def plan_only(**properties: Any) -> dict[str, Any]:
    return {
        "Resources": {
            "Plan": {"Type": "AWS::KendraRanking::ExecutionPlan", "Properties": properties}
        }
    }


def test_a_missing_required_property_fails_the_stack(cloudformation):
    message = stack_error(cloudformation, plan_only(Description="no name"))

    assert "Plan" in message and "required key [Name] not found" in message


@pytest.mark.parametrize("key", ["Colour", "Id", "ClientToken"])
def test_a_property_the_type_does_not_have_fails_the_stack(cloudformation, key):
    message = stack_error(cloudformation, plan_only(Name="plan", **{key: "x" * 36}))

    assert f"extraneous key [{key}] is not permitted" in message


def test_a_kendra_error_fails_the_stack_naming_it(cloudformation):
    message = stack_error(
        cloudformation, plan_only(Name="plan", CapacityUnits={"RescoreCapacityUnits": 5000})
    )

    assert message.startswith("CreateRescoreExecutionPlan failed: ServiceQuotaExceededException:")


def test_invalid_properties_fail_the_stack_as_the_api_validates_them(cloudformation):
    message = stack_error(cloudformation, plan_only(Name="-not-a-name"))

    assert "ValidationException" in message and "at 'name' failed to satisfy" in message


def test_an_attribute_the_type_does_not_have_is_a_template_error(cloudformation):
    template = plan_only(Name="plan")
    template["Outputs"] = {"Colour": {"Value": {"Fn::GetAtt": ["Plan", "Colour"]}}}

    message = stack_error(cloudformation, template)

    assert "does not support attribute type Colour" in message


def test_moto_finds_the_types_even_after_building_its_map():
    """moto caches its type -> model map: built before moto_kendra is imported, it
    still lists the Kendra types once moto_kendra is."""
    script = textwrap.dedent(
        """
        from moto.cloudformation import parsing
        before = "AWS::Kendra::Index" in parsing.get_model_map()
        import moto_kendra
        after = sorted(t for t in parsing.get_model_map() if "Kendra" in t)
        print(before, after)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split(" ", 1)

    assert out[0] == "False"
    assert json.loads(out[1].replace("'", '"')) == [
        "AWS::Kendra::DataSource",
        "AWS::Kendra::Faq",
        "AWS::Kendra::Index",
        "AWS::KendraRanking::ExecutionPlan",
    ]


# -- AWS::Kendra::Faq -----------------------------------------------------------------------

FAQ_BUCKET = "stack-faqs"


def faq_template(**faq: Any) -> dict[str, Any]:
    """An index, an S3 data source of the stack's bucket, and a FAQ read from a bucket
    made before the stack (a FAQ file is read when the FAQ is created)."""
    return {
        "Resources": {
            "Docs": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": BUCKET}},
            "Index": {
                "Type": "AWS::Kendra::Index",
                "Properties": {"Name": "faqs", "Edition": "DEVELOPER_EDITION", "RoleArn": ROLE_ARN},
            },
            "Source": {
                "Type": "AWS::Kendra::DataSource",
                "Properties": {
                    "IndexId": {"Ref": "Index"},
                    "Name": "s3",
                    "Type": "S3",
                    "RoleArn": ROLE_ARN,
                    "DataSourceConfiguration": {"S3Configuration": {"BucketName": {"Ref": "Docs"}}},
                },
            },
            "Faq": {
                "Type": "AWS::Kendra::Faq",
                "Properties": {
                    "IndexId": {"Fn::GetAtt": ["Index", "Id"]},
                    "Name": "clinics",
                    "RoleArn": ROLE_ARN,
                    "S3Path": {"Bucket": FAQ_BUCKET, "Key": "clinics.csv"},
                    "FileFormat": "CSV",
                    "Tags": [{"Key": "team", "Value": "support"}],
                    **faq,
                },
            },
        },
        "Outputs": {
            "IndexId": {"Value": {"Ref": "Index"}},
            "SourceId": {"Value": {"Fn::GetAtt": ["Source", "Id"]}},
            "FaqRef": {"Value": {"Ref": "Faq"}},
            "FaqId": {"Value": {"Fn::GetAtt": ["Faq", "Id"]}},
            "FaqArn": {"Value": {"Fn::GetAtt": ["Faq", "Arn"]}},
        },
    }


@pytest.fixture
def faq_file(kendra_client) -> None:
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket=FAQ_BUCKET)
    s3.put_object(
        Bucket=FAQ_BUCKET,
        Key="clinics.csv",
        Body=b"How many free clinics are in Spokane WA?,13,https://www.freeclinics.com/\n",
    )


def test_a_stack_with_an_index_an_s3_data_source_and_a_faq_deploys_and_syncs(
    cloudformation, kendra_client, faq_file
):
    out = deploy(cloudformation, faq_template())
    index_id, source_id, faq_id = out["IndexId"], out["SourceId"], out["FaqId"]

    # Ref of a FAQ is "<Id>|<IndexId>", as for a data source.
    assert out["FaqRef"] == f"{faq_id}|{index_id}"
    assert out["FaqArn"] == f"arn:aws:kendra:us-east-1:123456789012:index/{index_id}/faq/{faq_id}"
    faq = kendra_client.describe_faq(IndexId=index_id, Id=faq_id)
    assert (faq["Name"], faq["Status"], faq["FileFormat"]) == ("clinics", "ACTIVE", "CSV")
    assert tags_of(kendra_client, out["FaqArn"]) == {"team": "support"}

    boto3.client("s3", region_name="us-east-1").put_object(
        Bucket=BUCKET, Key="opening-hours.txt", Body=b"The Spokane clinics open at nine."
    )
    execution = kendra_client.start_data_source_sync_job(Id=source_id, IndexId=index_id)
    for _ in range(4):
        history = kendra_client.list_data_source_sync_jobs(Id=source_id, IndexId=index_id)[
            "History"
        ]
    assert (history[0]["ExecutionId"], history[0]["Status"]) == (
        execution["ExecutionId"],
        "SUCCEEDED",
    )

    results = kendra_client.query(IndexId=index_id, QueryText="Spokane clinics")["ResultItems"]
    assert [item["Type"] for item in results] == ["QUESTION_ANSWER", "DOCUMENT"]
    assert results[1]["DocumentId"] == f"s3://{BUCKET}/opening-hours.txt"


def test_a_faq_is_replaced_when_it_changes_and_retagged_in_place(
    cloudformation, kendra_client, faq_file
):
    first = deploy(cloudformation, faq_template())

    retagged = update(cloudformation, faq_template(Tags=[{"Key": "team", "Value": "care"}]))
    assert retagged["FaqId"] == first["FaqId"]
    assert tags_of(kendra_client, retagged["FaqArn"]) == {"team": "care"}

    renamed = update(cloudformation, faq_template(Name="free-clinics"))
    assert renamed["FaqId"] != first["FaqId"]
    index_id = renamed["IndexId"]
    summaries = kendra_client.list_faqs(IndexId=index_id)["FaqSummaryItems"]
    assert [(s["Id"], s["Name"]) for s in summaries] == [(renamed["FaqId"], "free-clinics")]

    cloudformation.delete_stack(StackName="search")
    assert kendra_client.list_indices()["IndexConfigurationSummaryItems"] == []


def test_a_faq_of_an_index_that_doesnt_exist_fails_the_stack(cloudformation, faq_file):
    template = faq_template(IndexId=UNKNOWN_ID)
    del template["Resources"]["Source"], template["Outputs"]["SourceId"]

    message = stack_error(cloudformation, template)

    assert "CreateFaq failed: ResourceNotFoundException" in message
