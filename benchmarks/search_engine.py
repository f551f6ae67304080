"""The search engine's speed and memory goals, as ratios measured in one run:
``python benchmarks/search_engine.py`` (``--quick``: smaller indices, fewer rounds).

1. The engine's part of a Query returning a page of 10 results from an index of 10,000
   documents of ~2 KB (search, then each result's text, excerpt, title highlights and
   confidence), against the botocore floor of the same Query response (serialize, sign
   and parse, a canned ``before-send`` answer, no backend). Query's whole round trip must
   stay within 3x the floor; this part should take well under the floor itself.
2. A selective query (10 matches) on 100,000 documents against the same on 1,000.
3. Resident memory added by indexing 100,000 documents of 2 KB, against their text size
   (in a fresh interpreter).

For information: a broad query matching every document, a query's first run (parse and
expansion, before the index's cache), and indexing speed.

``measure(quick)`` returns the rows ``(goal, measured, reference, ratio, limit, met)``
that benchmarks/run.py prints; this script prints them as a table. It only reports.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

Row = tuple[str, str, str, str, str, str]
SELECTIVE = "zebrafinch"  # a word in exactly 10 documents
QUERY = f"{SELECTIVE} report"


def documents(count: int, seed: int = 7, size: int = 2000) -> Iterator[tuple[str, str, str]]:
    """``count`` documents ``(id, title, body)`` of ~``size`` characters of Zipf-ish
    words, made one at a time; the selective word in 10 of them, spread out."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = [
        "".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(20000)
    ]
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocabulary))))
    step = max(1, count // 10)
    for i in range(count):
        words = rng.choices(vocabulary, cum_weights=cumulative, k=size // 6)
        if i % step == 0 and i // step < 10:
            words[rng.randrange(len(words) // 2)] = SELECTIVE
        body = " ".join(words)[:size]
        yield f"doc-{i:06d}", " ".join(rng.choices(vocabulary, k=5)), body


def corpus(count: int, seed: int = 7, size: int = 2000) -> list[tuple[str, str, str]]:
    """``documents(...)`` as a list."""
    return list(documents(count, seed, size))


def build(documents: list[tuple[str, str, str]]) -> Any:
    from moto_kendra.search import SearchIndex

    index = SearchIndex()
    for doc_id, title, body in documents:
        index.put(doc_id, title=title, body=body)
    index.flush()
    return index


def query_page(index: Any, text: str) -> list[dict[str, Any]]:
    """What the engine does for one Query page of 10 DOCUMENT results."""
    from moto_kendra.search import excerpt, highlighted, score_confidence

    prepared = index.prepare(text)
    hits = index.search(prepared)
    top = hits[0].score if hits else 0.0
    items = []
    for hit in hits[:10]:
        document = index.document(hit.document_id)
        in_title = prepared.matcher.find(document.title)
        in_body = prepared.matcher.find(document.body)
        coverage = prepared.matcher.coverage(found=in_title + in_body)
        items.append(
            {
                "Id": f"{hit.document_id}-result",
                "Type": "DOCUMENT",
                "DocumentId": hit.document_id,
                "DocumentTitle": highlighted(document.title, prepared.matcher, found=in_title),
                "DocumentExcerpt": excerpt(document.body, prepared.matcher, found=in_body),
                "DocumentURI": f"https://example.com/{hit.document_id}",
                "ScoreAttributes": {"ScoreConfidence": score_confidence(hit.score, top, coverage)},
                "FeedbackToken": f"token.{hit.document_id}",
            }
        )
    return items


def timed(
    variants: dict[str, Callable[[], Any]], rounds: int, calls: int
) -> dict[str, list[float]]:
    """Seconds per call of each variant: a sample a round, variants interleaved."""
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for fn in variants.values():
        for _ in range(max(3, calls // 10)):
            fn()
    names = list(variants)
    rng = random.Random(1)
    for _ in range(rounds):
        rng.shuffle(names)
        for name in names:
            gc.collect()
            start = time.perf_counter()
            for _ in range(calls):
                variants[name]()
            samples[name].append((time.perf_counter() - start) / calls)
    return samples


def floor_client(response: dict[str, Any]) -> Callable[[], Any]:
    """A Query call answered with ``response`` by a before-send handler: botocore's
    serialize, sign and parse of the same response, no backend."""
    import boto3
    from botocore.awsrequest import AWSResponse

    body = json.dumps(response, default=str).encode()

    class Raw:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def stream(self, **_: Any) -> Any:
            yield self.data

    def answer(request: Any, **_: Any) -> Any:
        headers = {"Content-Type": "application/x-amz-json-1.1"}
        return AWSResponse(request.url, 200, headers, Raw(body))

    client = boto3.session.Session(
        aws_access_key_id="x", aws_secret_access_key="y", region_name="us-east-1"
    ).client("kendra")
    client.meta.events.register("before-send.kendra", answer)
    index_id = "0" * 36
    return lambda: client.query(IndexId=index_id, QueryText=QUERY)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def ratio_row(what: str, mine: list[float], name: str, ref: list[float], limit: float) -> Row:
    ratio = statistics.median(a / b for a, b in zip(mine, ref))
    return (
        what,
        ms(statistics.median(mine)),
        f"{name} {ms(statistics.median(ref))}",
        f"{ratio:.2f}x",
        f"<= {limit}x",
        "yes" if ratio <= limit else "NO",
    )


_MEMORY_CHILD = """
import gc, json, sys
sys.path.insert(0, {here!r})
from search_engine import documents
from moto_kendra.search import SearchIndex
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
stream = documents({count})
gc.collect()
before = rss()
index = SearchIndex()
text = 0
for doc_id, title, body in stream:
    text += len(title) + len(body)
    index.put(doc_id, title=title, body=body)
index.flush()
gc.collect()
print(json.dumps({{"text": text, "growth": rss() - before}}))
"""


def memory(count: int) -> dict[str, int]:
    """RSS growth of indexing ``count`` documents, in a fresh interpreter (Linux). The
    documents are made one at a time as they are put, as a sync hands them over."""
    from pathlib import Path

    here = str(Path(__file__).resolve().parent)
    code = _MEMORY_CHILD.format(here=here, count=count)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def measure(quick: bool = False) -> list[Row]:
    """The goals' rows (see the module doc)."""
    rounds, calls = (5, 20) if quick else (15, 50)
    large_count = 20_000 if quick else 100_000
    rows: list[Row] = []
    ten_thousand = build(corpus(10_000))
    page = query_page(ten_thousand, QUERY)
    assert len(page) == 10, len(page)
    floor = floor_client({"QueryId": "q" * 36, "ResultItems": page, "TotalNumberOfResults": 10})
    samples = timed(
        {"engine": lambda: query_page(ten_thousand, QUERY), "floor": floor}, rounds, calls
    )
    rows.append(
        ratio_row(
            "Query page of 10 from 10,000 docs: engine part vs botocore floor",
            samples["engine"],
            "floor",
            samples["floor"],
            1.0,
        )
    )
    small = build(corpus(1_000))
    start = time.perf_counter()
    large = build(corpus(large_count))
    build_seconds = time.perf_counter() - start
    scaling = timed(
        {
            "large": lambda: large.search(SELECTIVE),
            "small": lambda: small.search(SELECTIVE),
        },
        rounds,
        calls * 4,
    )
    rows.append(
        ratio_row(
            f"Selective search (10 matches): {large_count:,} vs 1,000 docs",
            scaling["large"],
            "1,000 docs",
            scaling["small"],
            2.0,
        )
    )
    found = memory(large_count)
    ratio = found["growth"] / found["text"]
    rows.append(
        (
            f"RSS growth indexing {large_count:,} docs of 2 KB vs their text",
            f"{found['growth'] / 1e6:.0f} MB",
            f"text {found['text'] / 1e6:.0f} MB",
            f"{ratio:.2f}x",
            "<= 3.0x",
            "yes" if ratio <= 3.0 else "NO",
        )
    )
    broad_word = ten_thousand.document("doc-000000").body.split()[0]
    broad = timed({"broad": lambda: ten_thousand.search(broad_word)}, 3, 3)["broad"]
    matches = len(ten_thousand.search(broad_word))
    first = []
    for i in range(20):
        ten_thousand.put(f"extra-{i}", body="x")  # a change: the prepared-query cache empties
        ten_thousand.flush()
        start = time.perf_counter()
        query_page(ten_thousand, QUERY)
        first.append(time.perf_counter() - start)
    info = (
        f"For information: a broad query ({matches:,} of 10,000 docs match) "
        f"{ms(statistics.median(broad))}; a query's first run after a change "
        f"{ms(statistics.median(first))}; indexing {large_count:,} docs "
        f"{build_seconds:.1f} s ({build_seconds / large_count * 1e6:.0f} us a doc)."
    )
    rows.append((info, "", "", "", "", ""))
    return rows


def print_goals(rows: list[Row]) -> None:
    """The goal rows as a Markdown table, then the information rows (no measure) after it."""
    print("| goal | measured (median) | reference (median) | ratio | limit | met |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        if row[1]:
            print("| " + " | ".join(row) + " |")
    for row in rows:
        if not row[1]:
            print()
            print(row[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller indices, fewer rounds")
    args = parser.parse_args()
    print_goals(measure(args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
