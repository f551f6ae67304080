"""Load, faults and memory: ``python benchmarks/load.py [--clients 8] [--seconds 30]``.

Starts ``moto-kendra-server`` on a free loopback port and drives it from N client
processes for S seconds each, every client a boto3 client doing what connectors and
pollers do, at random: start and stop sync jobs on shared connector data sources (where
ResourceInUseException is an expected answer), start, feed and stop jobs of its own
CUSTOM data source, list histories with and without filters, describe the index, read
document statuses. It counts:

- requests and requests per second, HTTP 5xx (must be 0), 4xx by code;
- execution ids: every id a Start returned must appear exactly once in the data
  source's history at the end (lost: returned but not listed; duplicated: listed twice);
- running jobs: every history a client reads of a connector data source must show at
  most one job SYNCING, SYNCING_INDEXING or STOPPING.

Then, against the same server in the same run, the same number of clients call moto's
SSM GetParameter for the same time: the reference for requests per second. Last, in a
fresh interpreter, memory per sync job and per document put (tracemalloc: Python's heap,
2 KB documents, each its own text, before they are indexed; what indexing adds lives in
SQLite, outside Python's heap: ``benchmarks/search_api.py`` measures it as RSS).

It reports and exits 0 unless a correctness count fails (5xx, lost or duplicated ids,
two running jobs): those are bugs, not speed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.kendra_server import clean_env, running_server  # noqa: E402

ROLE = "arn:aws:iam::123456789012:role/kendra"
RUNNING = {"SYNCING", "SYNCING_INDEXING", "STOPPING"}
SHARED_CONNECTORS = 3


def _client(service: str, url: str) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client(
        service,
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
    )


def setup(url: str, clients: int) -> dict[str, Any]:
    kendra = _client("kendra", url)
    index_id = kendra.create_index(Name="load", RoleArn=ROLE)["Id"]
    connectors = [
        kendra.create_data_source(
            IndexId=index_id,
            Name=f"connector-{n}",
            Type="TEMPLATE",
            RoleArn=ROLE,
            Configuration={"TemplateConfiguration": {"Template": {}}},
        )["Id"]
        for n in range(SHARED_CONNECTORS)
    ]
    customs = [
        kendra.create_data_source(IndexId=index_id, Name=f"custom-{n}", Type="CUSTOM")["Id"]
        for n in range(clients)
    ]
    ssm = _client("ssm", url)
    ssm.put_parameter(Name="/load/parameter", Value="value", Type="String")
    return {"index": index_id, "connectors": connectors, "customs": customs}


def kendra_worker(url: str, plan: dict[str, Any], number: int, seconds: float, out: Any) -> None:
    from botocore.exceptions import ClientError

    kendra = _client("kendra", url)
    rng = random.Random(number)
    index_id = plan["index"]
    custom = plan["customs"][number]
    started: list[tuple[str, str]] = []
    codes: Counter[str] = Counter()
    server_errors = 0
    two_running: list[str] = []
    requests = 0
    custom_execution: str | None = None
    deadline = time.monotonic() + seconds

    def call(method: str, **params: Any) -> dict[str, Any] | None:
        nonlocal requests, server_errors
        requests += 1
        try:
            return dict(getattr(kendra, method)(**params))
        except ClientError as error:
            status = error.response["ResponseMetadata"]["HTTPStatusCode"]
            codes[error.response["Error"]["Code"]] += 1
            if status >= 500:
                server_errors += 1
            return None

    while time.monotonic() < deadline:
        action = rng.random()
        connector = rng.choice(plan["connectors"])
        if action < 0.15:
            result = call("start_data_source_sync_job", Id=connector, IndexId=index_id)
            if result:
                started.append((connector, result["ExecutionId"]))
        elif action < 0.22:
            call("stop_data_source_sync_job", Id=connector, IndexId=index_id)
        elif action < 0.45:
            params: dict[str, Any] = {"Id": connector, "IndexId": index_id}
            if rng.random() < 0.3:
                params["StatusFilter"] = rng.choice(["SYNCING", "SUCCEEDED", "ABORTED"])
            listed = call("list_data_source_sync_jobs", **params)
            if listed and "StatusFilter" not in params:
                running = [
                    job["ExecutionId"] for job in listed["History"] if job["Status"] in RUNNING
                ]
                if len(running) > 1:
                    two_running.append(f"{connector}: {running}")
        elif action < 0.55:
            if custom_execution is None:
                result = call("start_data_source_sync_job", Id=custom, IndexId=index_id)
                if result:
                    custom_execution = result["ExecutionId"]
                    started.append((custom, custom_execution))
            else:
                call("stop_data_source_sync_job", Id=custom, IndexId=index_id)
                custom_execution = None
        elif action < 0.75 and custom_execution is not None:
            attributes = [
                {"Key": "_data_source_id", "Value": {"StringValue": custom}},
                {
                    "Key": "_data_source_sync_job_execution_id",
                    "Value": {"StringValue": custom_execution},
                },
            ]
            call(
                "batch_put_document",
                IndexId=index_id,
                Documents=[
                    {
                        "Id": f"doc-{number}-{rng.randrange(200)}",
                        "Blob": b"x" * 2048,
                        "Attributes": attributes,
                    }
                    for _ in range(5)
                ],
            )
        elif action < 0.85:
            call(
                "batch_get_document_status",
                IndexId=index_id,
                DocumentInfoList=[{"DocumentId": f"doc-{number}-{n}"} for n in range(5)],
            )
        else:
            call("describe_index", Id=index_id)
    out.put(
        {
            "requests": requests,
            "server_errors": server_errors,
            "codes": dict(codes),
            "started": started,
            "two_running": two_running,
        }
    )


def ssm_worker(url: str, number: int, seconds: float, out: Any) -> None:
    ssm = _client("ssm", url)
    requests = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ssm.get_parameter(Name="/load/parameter")
        requests += 1
    out.put({"requests": requests})


def run_workers(target: Any, args_of: Any, clients: int) -> tuple[list[dict[str, Any]], float]:
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    processes = [context.Process(target=target, args=(*args_of(n), out)) for n in range(clients)]
    started = time.monotonic()
    for process in processes:
        process.start()
    results = [out.get(timeout=600) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return results, time.monotonic() - started


def audit_ids(url: str, plan: dict[str, Any], started: list[tuple[str, str]]) -> dict[str, int]:
    kendra = _client("kendra", url)
    listed: Counter[str] = Counter()
    for source in plan["connectors"] + plan["customs"]:
        token = None
        while True:
            params: dict[str, Any] = {"Id": source, "IndexId": plan["index"], "MaxResults": 10}
            if token:
                params["NextToken"] = token
            page = kendra.list_data_source_sync_jobs(**params)
            listed.update(job["ExecutionId"] for job in page["History"])
            token = page.get("NextToken")
            if not token:
                break
    returned = Counter(execution for _, execution in started)
    return {
        "returned": sum(returned.values()),
        "listed": sum(listed.values()),
        "lost": sum(1 for execution in returned if execution not in listed),
        "duplicated": sum(count - 1 for count in listed.values() if count > 1)
        + sum(count - 1 for count in returned.values() if count > 1),
    }


MEMORY_PROBE = r"""
import gc, json, tracemalloc, boto3
from moto import mock_aws
import moto_kendra
from moto_kendra import kendra_backends
from moto_kendra.backend import implemented

ROLE = "arn:aws:iam::123456789012:role/kendra"
N = 5000
with mock_aws():
    client = boto3.client("kendra", region_name="us-east-1")
    index_id = client.create_index(Name="memory", RoleArn=ROLE)["Id"]
    source = client.create_data_source(IndexId=index_id, Name="custom", Type="CUSTOM")["Id"]
    backend = kendra_backends["123456789012"]["us-east-1"]
    ops = implemented()
    params = {"Id": source, "IndexId": index_id}
    gc.collect(); tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    with backend.lock:
        for _ in range(N):
            ops["StartDataSourceSyncJob"](backend, params)
            ops["StopDataSourceSyncJob"](backend, params)
    gc.collect()
    jobs = (tracemalloc.get_traced_memory()[0] - before) / N
    execution = ops["StartDataSourceSyncJob"](backend, params)["ExecutionId"]
    attributes = [
        {"Key": "_data_source_id", "Value": {"StringValue": source}},
        {"Key": "_data_source_sync_job_execution_id", "Value": {"StringValue": execution}},
    ]
    import base64
    # Each document its own 2,050 bytes of text: a Blob shared by every document would
    # be counted once, not once per document.
    # Made after the baseline: what the backend keeps of them is counted, the rest freed.
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    blobs = [base64.b64encode((f"{n:09d} " + "word " * 408).encode()).decode() for n in range(N)]
    with backend.lock:
        for start in range(0, N, 10):
            ops["BatchPutDocument"](backend, {"IndexId": index_id, "Documents": [
                {"Id": f"doc-{n}", "Blob": blobs[n], "ContentType": "PLAIN_TEXT", "Attributes": attributes}
                for n in range(start, start + 10)]})
    del blobs
    gc.collect()
    documents = (tracemalloc.get_traced_memory()[0] - before) / N
    print(json.dumps({"bytes_per_job": jobs, "bytes_per_document": documents, "document_text_bytes": 2050}))
"""


def memory() -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE],
        capture_output=True,
        text=True,
        check=True,
        env=clean_env(),
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    with running_server() as server:
        plan = setup(server.url, args.clients)
        print(
            f"kendra: {args.clients} clients x {args.seconds:g} s ...", file=sys.stderr, flush=True
        )
        results, kendra_elapsed = run_workers(
            kendra_worker, lambda n: (server.url, plan, n, args.seconds), args.clients
        )
        ids = audit_ids(
            server.url, plan, [item for r in results for item in map(tuple, r["started"])]
        )
        print(f"ssm: {args.clients} clients x {args.seconds:g} s ...", file=sys.stderr, flush=True)
        ssm_results, ssm_elapsed = run_workers(
            ssm_worker, lambda n: (server.url, n, args.seconds), args.clients
        )
    print("memory ...", file=sys.stderr, flush=True)
    mem = memory()

    requests = sum(r["requests"] for r in results)
    codes: Counter[str] = Counter()
    for r in results:
        codes.update(r["codes"])
    report = {
        "clients": args.clients,
        "seconds": args.seconds,
        "requests": requests,
        "requests_per_second": requests / args.seconds,
        "server_errors_5xx": sum(r["server_errors"] for r in results),
        "error_codes_4xx": dict(codes),
        "execution_ids": ids,
        "two_running_jobs_seen": sum(len(r["two_running"]) for r in results),
        "ssm_requests_per_second": sum(r["requests"] for r in ssm_results) / args.seconds,
        "memory": mem,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }
    report["requests_per_second_vs_ssm"] = (
        report["requests_per_second"] / report["ssm_requests_per_second"]
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    print()
    print(
        "| clients x seconds | requests | req/s | vs moto SSM, same server | 5xx | lost ids | duplicated ids | two running jobs seen | bytes per job | bytes per 2 KB document put |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {args.clients} x {args.seconds:g} | {requests} | {report['requests_per_second']:.0f} | "
        f"{report['requests_per_second_vs_ssm']:.2f}x ({report['ssm_requests_per_second']:.0f} req/s) | "
        f"{report['server_errors_5xx']} | {ids['lost']} | {ids['duplicated']} | "
        f"{report['two_running_jobs_seen']} | {mem['bytes_per_job']:.0f} | {mem['bytes_per_document']:.0f} |"
    )
    broken = (
        report["server_errors_5xx"]
        or ids["lost"]
        or ids["duplicated"]
        or report["two_running_jobs_seen"]
    )
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
