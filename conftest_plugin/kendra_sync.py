"""Application code under test: start a Kendra data source sync and wait for it.

This is the kind of helper an application has; nothing in it knows about moto.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

FINISHED = {"SUCCEEDED", "FAILED", "INCOMPLETE", "ABORTED"}


class SyncFailed(RuntimeError):
    """The sync job ended in a status other than SUCCEEDED."""

    def __init__(self, job: dict[str, Any]) -> None:
        super().__init__(
            f"sync {job['ExecutionId']} ended {job['Status']}: "
            f"{job.get('ErrorCode', '-')} {job.get('ErrorMessage', '')}".rstrip()
        )
        self.job = job


def find_job(client: Any, index_id: str, data_source_id: str, execution_id: str) -> dict[str, Any]:
    """The sync job ``execution_id`` from the data source's history (all pages)."""
    kwargs: dict[str, Any] = {"IndexId": index_id, "Id": data_source_id}
    while True:  # botocore has no paginator for this operation
        page = client.list_data_source_sync_jobs(**kwargs)
        for job in page["History"]:
            if job["ExecutionId"] == execution_id:
                return job
        if "NextToken" not in page:
            raise LookupError(f"sync job {execution_id} is not in the history")
        kwargs["NextToken"] = page["NextToken"]


def sync_and_wait(
    client: Any,
    index_id: str,
    data_source_id: str,
    *,
    poll_seconds: float = 30.0,
    max_polls: int = 120,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    """Start a sync of the data source and poll until it is over.

    Returns the finished job; raises SyncFailed unless it SUCCEEDED, TimeoutError if it
    is still running after ``max_polls`` polls.
    """
    execution_id = client.start_data_source_sync_job(Id=data_source_id, IndexId=index_id)[
        "ExecutionId"
    ]
    for _ in range(max_polls):
        job = find_job(client, index_id, data_source_id, execution_id)
        if job["Status"] in FINISHED:
            if job["Status"] != "SUCCEEDED":
                raise SyncFailed(job)
            return job
        sleep(poll_seconds)
    raise TimeoutError(f"sync {execution_id} still running after {max_polls} polls")


def push_documents(
    client: Any, index_id: str, data_source_id: str, documents: dict[str, str]
) -> dict[str, Any]:
    """A custom connector run: start a sync, put ``documents`` (id -> text), stop it."""
    execution_id = client.start_data_source_sync_job(Id=data_source_id, IndexId=index_id)[
        "ExecutionId"
    ]
    job_attributes = [
        {"Key": "_data_source_id", "Value": {"StringValue": data_source_id}},
        {"Key": "_data_source_sync_job_execution_id", "Value": {"StringValue": execution_id}},
    ]
    ids = list(documents)
    failed = []
    for start in range(0, len(ids), 10):  # BatchPutDocument takes at most 10 documents
        batch = [
            {
                "Id": doc_id,
                "Blob": documents[doc_id].encode(),
                "ContentType": "PLAIN_TEXT",
                "Attributes": job_attributes,
            }
            for doc_id in ids[start : start + 10]
        ]
        failed += client.batch_put_document(IndexId=index_id, Documents=batch)["FailedDocuments"]
    client.stop_data_source_sync_job(Id=data_source_id, IndexId=index_id)
    return {"ExecutionId": execution_id, "FailedDocuments": failed}
