"""``moto-kendra-server --state FILE``: what a client made is there after a restart,
as Describe and List show it; saves are atomic."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from moto_kendra.backend.persistence import StateError, restore_services, snapshot_services
from moto_kendra.server import state as server_state
from tests.conftest import ROLE_ARN
from tests.kendra_server import ACCESS_KEY, REGION, SECRET_KEY, SERVER, clean_env, running_server


def client(url: str) -> Any:
    return boto3.client(
        "kendra",
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


def make_state(kendra: Any) -> dict[str, str]:
    index_id = kendra.create_index(
        Name="docs", RoleArn=ROLE_ARN, Tags=[{"Key": "a", "Value": "b"}]
    )["Id"]
    source = kendra.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")["Id"]
    execution = kendra.start_data_source_sync_job(Id=source, IndexId=index_id)["ExecutionId"]
    kendra.batch_put_document(
        IndexId=index_id,
        Documents=[
            {
                "Id": "doc-1",
                "Blob": b"kept across restarts",
                "Attributes": [
                    {"Key": "_data_source_id", "Value": {"StringValue": source}},
                    {
                        "Key": "_data_source_sync_job_execution_id",
                        "Value": {"StringValue": execution},
                    },
                ],
            }
        ],
    )
    kendra.stop_data_source_sync_job(Id=source, IndexId=index_id)
    kendra.start_data_source_sync_job(Id=source, IndexId=index_id)
    return {"index": index_id, "source": source}


def run_server(*args: str) -> subprocess.CompletedProcess[str]:
    """Run moto-kendra-server with ``args`` until it exits (it is expected to refuse)."""
    return subprocess.run(
        [str(SERVER), *args],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def view(kendra: Any, ids: dict[str, str]) -> str:
    arn = f"arn:aws:kendra:{REGION}:123456789012:index/{ids['index']}"
    answers = [
        kendra.describe_index(Id=ids["index"]),
        kendra.list_indices(),
        kendra.list_data_sources(IndexId=ids["index"]),
        kendra.describe_data_source(Id=ids["source"], IndexId=ids["index"]),
        kendra.list_data_source_sync_jobs(Id=ids["source"], IndexId=ids["index"]),
        kendra.batch_get_document_status(
            IndexId=ids["index"], DocumentInfoList=[{"DocumentId": "doc-1"}]
        ),
        kendra.list_tags_for_resource(ResourceARN=arn),
    ]
    for answer in answers:
        answer.pop("ResponseMetadata")
    return json.dumps(answers, default=str, sort_keys=True)


def test_a_sigterm_saves_and_a_restart_brings_it_back(tmp_path):
    state_file = tmp_path / "kendra-state.json"
    with running_server("--state", str(state_file)) as first:
        kendra = client(first.url)
        ids = make_state(kendra)
        view(kendra, ids)  # a few reads: statuses move on
        saved = requests.get(f"{first.url}/moto-api/kendra/state", timeout=30).json()
        before = view(kendra, ids)  # what the saved state shows when read
        requests.put(f"{first.url}/moto-api/kendra/state", data=json.dumps(saved), timeout=30)
        first.process.send_signal(signal.SIGTERM)
        assert first.process.wait(timeout=30) == 0
        assert "state saved to" in first.output()
    assert json.loads(state_file.read_text())["format"] == "moto-kendra-state"

    with running_server("--state", str(state_file)) as second:
        after = view(client(second.url), ids)
        assert "1 backend(s) restored" in second.output()

    assert after == before


def test_save_every_keeps_the_file_current_even_if_the_server_is_killed(tmp_path):
    state_file = tmp_path / "state.json"
    with running_server("--state", str(state_file), "--save-every", "0.2") as first:
        index_id = client(first.url).create_index(Name="periodic", RoleArn=ROLE_ARN)["Id"]
        deadline = time.monotonic() + 60
        while index_id not in (state_file.read_text() if state_file.exists() else ""):
            assert time.monotonic() < deadline, "the periodic save never wrote the index"
            time.sleep(0.1)
        first.process.kill()  # no shutdown save
        first.process.wait(timeout=30)
    with running_server("--state", str(state_file)) as second:
        listed = client(second.url).list_indices()["IndexConfigurationSummaryItems"]
    assert [item["Id"] for item in listed] == [index_id]


def test_an_interrupted_save_leaves_the_last_complete_file(tmp_path, kendra_client, monkeypatch):
    state_file = tmp_path / "state.json"
    kendra_client.create_index(Name="first", RoleArn=ROLE_ARN)
    server_state.save(state_file)
    complete = state_file.read_bytes()
    kendra_client.create_index(Name="second", RoleArn=ROLE_ARN)

    def crash(fd: int) -> None:
        raise OSError("disk gone, halfway through")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        server_state.save(state_file)

    assert state_file.read_bytes() == complete
    assert [path.name for path in tmp_path.iterdir()] == ["state.json"]


def test_a_state_file_that_is_not_ours_stops_the_server_with_a_message(tmp_path):
    state_file = tmp_path / "state.json"
    state_file.write_text('{"format": "something"}')
    result = run_server("-p", "0", "--state", str(state_file))
    assert result.returncode == 2
    assert "This is not a moto-kendra state file" in result.stderr


def test_a_state_file_nested_too_deeply_is_one_that_cant_be_read(tmp_path):
    state_file = tmp_path / "state.json"
    state_file.write_text("[" * 100_000 + "]" * 100_000)

    with pytest.raises(StateError, match="can't be read"):
        server_state.load(state_file)


def test_save_every_needs_a_state_file(tmp_path):
    result = run_server("--save-every", "5")
    assert result.returncode == 2
    assert "--save-every needs --state" in result.stderr


def test_the_temporary_file_lives_beside_the_state_file(tmp_path, kendra_client):
    target = tmp_path / "nested" / "state.json"
    target.parent.mkdir()
    server_state.save(target)
    assert json.loads(target.read_text())["version"] == 1
    assert sorted(Path(target.parent).iterdir()) == [target]


def test_a_state_file_in_a_directory_that_doesnt_exist_stops_the_server_at_start(tmp_path):
    # It used to serve, then fail with a traceback at shutdown: all that was made, lost.
    state_file = tmp_path / "missing" / "state.json"
    result = run_server("-p", "0", "--state", str(state_file))
    assert result.returncode == 2
    assert f"The state file {state_file} can't be saved: No such file or directory" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_state_document_restores_only_into_the_account_and_region_it_was_written_from(
    kendra_client,
):
    kendra_client.create_index(Name="docs", RoleArn=ROLE_ARN)
    document = snapshot_services()
    (entry,) = document["services"]
    for key, other in (("region", "eu-west-1"), ("account", "999999999999")):
        moved = json.loads(json.dumps(document))
        moved["services"][0][key] = other
        with pytest.raises(StateError, match="can't be restored into the backend of"):
            restore_services(moved)
    # Refused without a change: the index is where it was, and nowhere else.
    assert len(kendra_client.list_indices()["IndexConfigurationSummaryItems"]) == 1
    moved_client = boto3.client("kendra", region_name="eu-west-1")
    assert moved_client.list_indices()["IndexConfigurationSummaryItems"] == []


@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_a_state_document_s_version_is_the_integer_1(version):
    with pytest.raises(StateError, match="this moto-kendra reads version 1"):
        restore_services({"format": "moto-kendra-state", "version": version, "services": []})
