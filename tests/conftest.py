"""Suite-wide setup: every Kendra response is checked against botocore's model."""

from __future__ import annotations

import os

import pytest

from tests import conformance, network_guard

conformance.install()

pytest_plugins = ["pytester"]

ROLE_ARN = "arn:aws:iam::123456789012:role/kendra-role"


@pytest.fixture(autouse=True)
def _no_real_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sockets may connect to loopback only: no Kendra call leaves the process."""
    network_guard.install(monkeypatch)


@pytest.fixture
def index_id(kendra_client) -> str:
    """An ACTIVE index."""
    return kendra_client.create_index(Name="docs", RoleArn=ROLE_ARN)["Id"]


@pytest.fixture
def custom_source(kendra_client, index_id) -> str:
    """A CUSTOM data source in ``index_id``."""
    return kendra_client.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")["Id"]


@pytest.fixture
def s3_source(kendra_client, index_id) -> str:
    """An S3 connector data source in ``index_id`` (bucket 'docs-bucket')."""
    return kendra_client.create_data_source(
        IndexId=index_id,
        Name="s3",
        Type="S3",
        RoleArn=ROLE_ARN,
        Configuration={"S3Configuration": {"BucketName": "docs-bucket"}},
    )["Id"]


@pytest.fixture
def template_source(kendra_client, index_id) -> str:
    """A TEMPLATE connector data source in ``index_id`` (a type that crawls nothing)."""
    return kendra_client.create_data_source(
        IndexId=index_id,
        Name="template",
        Type="TEMPLATE",
        RoleArn=ROLE_ARN,
        Configuration={"TemplateConfiguration": {"Template": {"type": "JIRA"}}},
    )["Id"]
