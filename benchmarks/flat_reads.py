"""Reads that stay flat as state grows, as ratios measured in one run:
``python benchmarks/flat_reads.py`` (``--quick``: 20,000 instead of 100,000).

Each goal times the same boto3 call (through moto's mock, as a test makes it) on a
large and on a small index, interleaved round by round; the ratio must stay within
1.5x:

1. ListDataSourceSyncJobs with a StatusFilter that matches nothing, on a data source
   with 100,000 ended jobs against one with 1,000 (and a StartTimeFilter that matches
   nothing, the same way).
2. DescribeIndex and BatchGetDocumentStatus on an index of 100,000 indexed documents
   against one of 1,000.
3. DescribeIndex on an index with 100,000 open jobs that were never listed (stopped
   CUSTOM jobs, SYNCING_INDEXING) against one with 1,000.

``measure(quick)`` returns rows ``(goal, measured, reference, ratio, limit, met)`` in the
format benchmarks/run.py prints. It only reports.
"""

from __future__ import annotations

import argparse
import base64
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_engine import Row, print_goals, ratio_row, timed

ROLE = "arn:aws:iam::123456789012:role/kendra"
LIMIT = 1.5


def _build(client: Any, backend: Any, count: int) -> dict[str, Any]:
    """An index with ``count`` ended jobs on one data source, ``count`` indexed documents,
    and a second index with ``count`` open, never-listed jobs."""
    from moto.moto_api import state_manager

    from moto_kendra.backend import implemented

    operations = implemented()
    index_id = client.create_index(Name=f"flat{count}", RoleArn=ROLE)["Id"]
    ended = client.create_data_source(IndexId=index_id, Name="ended", Type="CUSTOM")["Id"]
    params = {"Id": ended, "IndexId": index_id}
    state_manager.set_transition("kendra::sync_job", {"progression": "immediate"})
    state_manager.set_transition("kendra::document", {"progression": "immediate"})
    try:
        blob = base64.b64encode(b"word " * 20).decode()
        with backend.lock:
            for _ in range(count):
                operations["StartDataSourceSyncJob"](backend, params)
                operations["StopDataSourceSyncJob"](backend, params)
            for start in range(0, count, 10):
                operations["BatchPutDocument"](
                    backend,
                    {
                        "IndexId": index_id,
                        "Documents": [
                            {"Id": f"doc-{n}", "Blob": blob, "ContentType": "PLAIN_TEXT"}
                            for n in range(start, start + 10)
                        ],
                    },
                )
        client.list_data_source_sync_jobs(**params)  # every job ends (immediate)
        client.describe_index(Id=index_id)  # every document reaches its outcome
    finally:
        state_manager.unset_transition("kendra::sync_job")
        state_manager.unset_transition("kendra::document")
    open_index = client.create_index(Name=f"open{count}", RoleArn=ROLE)["Id"]
    source = client.create_data_source(IndexId=open_index, Name="open", Type="CUSTOM")["Id"]
    with backend.lock:
        for _ in range(count):
            operations["StartDataSourceSyncJob"](backend, {"Id": source, "IndexId": open_index})
            operations["StopDataSourceSyncJob"](backend, {"Id": source, "IndexId": open_index})
    return {"index": index_id, "ended": ended, "open_index": open_index}


def measure(quick: bool = False) -> list[Row]:
    """The goals' rows (see the module doc)."""
    import boto3
    from moto import mock_aws

    from moto_kendra import kendra_backends

    rounds, calls = (5, 20) if quick else (15, 40)
    large_count = 20_000 if quick else 100_000
    with mock_aws():
        client = boto3.client("kendra", region_name="us-east-1")
        backend = kendra_backends["123456789012"]["us-east-1"]
        small = _build(client, backend, 1_000)
        large = _build(client, backend, large_count)
        future = datetime.now(timezone.utc) + timedelta(days=3650)

        def calls_on(state: dict[str, Any]) -> dict[str, Any]:
            return {
                "status filter": lambda: client.list_data_source_sync_jobs(
                    Id=state["ended"], IndexId=state["index"], StatusFilter="FAILED"
                ),
                "time filter": lambda: client.list_data_source_sync_jobs(
                    Id=state["ended"],
                    IndexId=state["index"],
                    StartTimeFilter={"StartTime": future, "EndTime": future},
                ),
                "describe documents": lambda: client.describe_index(Id=state["index"]),
                "document status": lambda: client.batch_get_document_status(
                    IndexId=state["index"], DocumentInfoList=[{"DocumentId": "doc-7"}]
                ),
                "describe open jobs": lambda: client.describe_index(Id=state["open_index"]),
            }

        big, little = calls_on(large), calls_on(small)
        n = f"{large_count:,}"
        goals = {
            "status filter": f"ListDataSourceSyncJobs, StatusFilter matching nothing: {n} vs 1,000 jobs",
            "time filter": f"ListDataSourceSyncJobs, StartTimeFilter matching nothing: {n} vs 1,000 jobs",
            "describe documents": f"DescribeIndex: {n} vs 1,000 documents",
            "document status": f"BatchGetDocumentStatus: {n} vs 1,000 documents",
            "describe open jobs": f"DescribeIndex: {n} vs 1,000 never-listed open jobs",
        }
        rows = []
        for key, goal in goals.items():
            samples = timed({"large": big[key], "small": little[key]}, rounds, calls)
            rows.append(ratio_row(goal, samples["large"], "1,000", samples["small"], LIMIT))
        return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print_goals(measure(args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
