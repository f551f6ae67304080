"""The search operations' speed and memory goals, as ratios measured in one run:
``python benchmarks/search_api.py`` (``--quick``: 20,000 documents instead of 100,000).

1. Query returning a page of 10 results from an index of 10,000 documents of ~2 KB,
   through boto3 inside ``mock_aws``, against the floor: the same Query on a client
   whose ``before-send`` handler answers with the very body moto-kendra gave
   (botocore's serialize, sign and parse; no backend). Limit 3x.
2. A selective Query (10 matches) on an index of 100,000 documents against the same
   Query on 1,000 documents (both through boto3). Limit 2x.
3. BatchPutDocument of 10 plain-text documents of 10 KB against its floor. Limit 1.5x.
4. Resident memory added by 100,000 documents of 2 KB put with BatchPutDocument and
   indexed (searchable), against their text size, in a fresh interpreter. Limit 3x.

``measure(quick)`` returns the rows ``(goal, measured, reference, ratio, limit, met)``
that benchmarks/run.py prints; this script prints them as a table. It only reports.
Documents come from ``search_engine.documents`` (Zipf-ish words; the selective word in
exactly 10 of them).
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from search_engine import QUERY, documents, ms, print_goals, ratio_row, timed  # noqa: E402

Row = tuple[str, str, str, str, str, str]
ROLE_ARN = "arn:aws:iam::123456789012:role/kendra-role"


class Canned:
    """A ``before-send`` handler answering with the last response a client recorded."""

    def __init__(self) -> None:
        self.answer: tuple[int, dict[str, str], bytes] | None = None

    def record(self, http_response: Any, **_: Any) -> None:
        self.answer = (
            http_response.status_code,
            dict(http_response.headers),
            http_response.content,
        )

    def __call__(self, request: Any, **_: Any) -> Any:
        from botocore.awsrequest import AWSResponse
        from moto.core.botocore_stubber import MockRawResponse

        assert self.answer is not None
        status, headers, body = self.answer
        return AWSResponse(request.url, status, headers, MockRawResponse(body))


def _session() -> Any:
    import boto3

    return boto3.session.Session(
        aws_access_key_id="FOOBARKEY", aws_secret_access_key="FOOBARSECRET", region_name="us-east-1"
    )


def fill(index_id: str, count: int, size: int = 2000) -> int:
    """Put ``count`` documents into ``index_id`` with BatchPutDocument (called on the
    backend directly, 10 a call, to save the benchmark time), then let them be indexed
    (two DescribeIndex reads); the characters of text put."""
    from moto_kendra.backend import implemented, kendra_backends

    backend = kendra_backends["123456789012"]["us-east-1"]
    operations = implemented()
    text = 0
    batch: list[dict[str, Any]] = []
    with backend.lock:
        for doc_id, title, body in documents(count, size=size):
            text += len(title) + len(body)
            blob = base64.b64encode(body.encode()).decode()
            batch.append({"Id": doc_id, "Title": title, "Blob": blob, "ContentType": "PLAIN_TEXT"})
            if len(batch) == 10:
                operations["BatchPutDocument"](backend, {"IndexId": index_id, "Documents": batch})
                batch = []
        if batch:
            operations["BatchPutDocument"](backend, {"IndexId": index_id, "Documents": batch})
        for _ in range(2):
            operations["DescribeIndex"](backend, {"Id": index_id})
    return text


def _floor(session: Any, call: Callable[[Any], Any]) -> Callable[[], Any]:
    """``call`` on a client of its own, answered by a before-send handler with the body
    the mock gave ``call`` once."""
    canned = Canned()
    recorder = session.client("kendra")
    recorder.meta.events.register("after-call.kendra", canned.record)
    call(recorder)
    from moto.core.models import botocore_stubber

    floor = session.client("kendra")
    floor.meta.events.unregister("before-send", botocore_stubber)
    floor.meta.events.register_first("before-send.kendra", canned)
    return lambda: call(floor)


def per_call(rounds: int, calls: int) -> list[Row]:
    from moto import mock_aws

    import moto_kendra  # noqa: F401 - registers the backend

    rows: list[Row] = []
    with mock_aws():
        session = _session()
        kendra = session.client("kendra")
        # BatchPutDocument first, before the 10,000-document index fills the heap.
        puts = kendra.create_index(Name="puts", RoleArn=ROLE_ARN)["Id"]
        batch = [
            {
                "Id": f"put-{i}",
                "Blob": (f"word{i} " * 1500)[:10_240].encode(),
                "ContentType": "PLAIN_TEXT",
            }
            for i in range(10)
        ]

        def put(client: Any) -> Any:
            return client.batch_put_document(IndexId=puts, Documents=batch)

        samples = timed(
            {"mine": lambda: put(kendra), "floor": _floor(session, put)}, rounds, calls // 3
        )
        rows.append(
            ratio_row(
                "BatchPutDocument, 10 x 10 KB plain text: per call vs floor",
                samples["mine"],
                "floor",
                samples["floor"],
                1.5,
            )
        )
        index_id = kendra.create_index(Name="bench", RoleArn=ROLE_ARN)["Id"]
        fill(index_id, 10_000)

        def query(client: Any) -> Any:
            return client.query(IndexId=index_id, QueryText=QUERY)

        page = query(kendra)
        assert len(page["ResultItems"]) == 10, page["TotalNumberOfResults"]
        samples = timed(
            {"mine": lambda: query(kendra), "floor": _floor(session, query)}, rounds, calls
        )
        rows.append(
            ratio_row(
                "Query, page of 10 from 10,000 docs of 2 KB: per call vs floor",
                samples["mine"],
                "floor",
                samples["floor"],
                3.0,
            )
        )
        common = next(documents(1))[2].split()[0]  # a frequent word
        broad = timed({"broad": lambda: kendra.query(IndexId=index_id, QueryText=common)}, 3, 3)
        retrieve = timed(
            {"retrieve": lambda: kendra.retrieve(IndexId=index_id, QueryText=QUERY)}, 5, 10
        )
        matches = kendra.query(IndexId=index_id, QueryText=common)["TotalNumberOfResults"]
        rows.append(
            (
                f"For information: Query matching {matches:,} of 10,000 docs "
                f"{ms(statistics.median(broad['broad']))}; Retrieve (10 passages, 10 "
                f"matching docs) {ms(statistics.median(retrieve['retrieve']))}.",
                "",
                "",
                "",
                "",
                "",
            )
        )
    return rows


_LARGE_CHILD = """
import gc, json, sys
sys.path.insert(0, {here!r})
from moto import mock_aws
import moto_kendra
from search_api import ROLE_ARN, _session, fill
from search_engine import SELECTIVE, timed
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
with mock_aws():
    kendra = _session().client("kendra")
    small = kendra.create_index(Name="small", RoleArn=ROLE_ARN)["Id"]
    fill(small, 1000)
    large = kendra.create_index(Name="large", RoleArn=ROLE_ARN)["Id"]
    kendra.query(IndexId=small, QueryText=SELECTIVE)
    gc.collect()
    before = rss()
    text = fill(large, {count})
    kendra.query(IndexId=large, QueryText=SELECTIVE)
    gc.collect()
    growth = rss() - before
    assert kendra.query(IndexId=large, QueryText=SELECTIVE)["TotalNumberOfResults"] == 10
    samples = timed(
        {{
            "large": lambda: kendra.query(IndexId=large, QueryText=SELECTIVE),
            "small": lambda: kendra.query(IndexId=small, QueryText=SELECTIVE),
        }},
        {rounds},
        {calls},
    )
print(json.dumps({{"text": text, "growth": growth, **samples}}))
"""


def large_index(count: int, rounds: int, calls: int) -> list[Row]:
    """Memory and selective-query scaling, with ``count`` documents, in a fresh
    interpreter (Linux: RSS from /proc)."""
    code = _LARGE_CHILD.format(here=str(HERE), count=count, rounds=rounds, calls=calls)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    found = json.loads(out.stdout.strip().splitlines()[-1])
    ratio = found["growth"] / found["text"]
    return [
        ratio_row(
            f"Query, selective (10 matches): {count:,} vs 1,000 docs",
            found["large"],
            "1,000 docs",
            found["small"],
            2.0,
        ),
        (
            f"RSS growth, {count:,} docs of 2 KB put and indexed, vs their text",
            f"{found['growth'] / 1e6:.0f} MB",
            f"text {found['text'] / 1e6:.0f} MB",
            f"{ratio:.2f}x",
            "<= 3.0x",
            "yes" if ratio <= 3.0 else "NO",
        ),
    ]


def measure(quick: bool = False) -> list[Row]:
    """The goals' rows (see the module doc)."""
    rounds, calls = (5, 30) if quick else (15, 60)
    rows = per_call(rounds, calls)
    rows[2:2] = large_index(20_000 if quick else 100_000, rounds, calls)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller index, fewer rounds")
    args = parser.parse_args()
    print_goals(measure(args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
