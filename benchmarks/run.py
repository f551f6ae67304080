"""moto-kendra's speed goals, measured side by side in one run: ``python benchmarks/run.py``.

Six parts, each comparing variants on this machine, in this run:

1. Per call (in process, inside ``mock_aws``): ListDataSourceSyncJobs,
   DescribeIndex and a StartDataSourceSyncJob + StopDataSourceSyncJob pair, against
   - the floor: the same call on a client whose ``before-send`` handler answers with
     the very body moto-kendra gave (botocore's serialize, sign and parse; no backend);
   - moto's own glue ``get_job_runs`` (and, for information, ssm ``get_parameter``);
   - for information, moto-kendra's full path (``fast_path.ENABLED = False``).
2. History size: one ListDataSourceSyncJobs page (MaxResults=10) from a 3,000-job
   history against the same page from a 10-job history; and paging through all jobs
   (MaxResults=10, Kendra's maximum) of a 300- and a 3,000-job history, per job.
3. Import: what ``import moto_kendra`` adds after ``import moto`` (fresh interpreters,
   bytecode cached in a temporary PYTHONPYCACHEPREFIX, as an installed package has it).
4. Per test: pytest wall time of a few hundred trivial tests with the ``kendra_client``
   fixture, and of tests with the usual fixture (``with mock_aws():`` plus
   ``boto3.client("kendra")``), each minus the same tests without a fixture.
5. Search: the engine's goals (``search_engine.measure``) and the search operations'
   (``search_api.measure``: Query and BatchPutDocument against their floors, a
   selective Query on 100,000 documents against 1,000, memory per indexed document).
6. Reads that stay flat (``flat_reads.measure``): filters, DescribeIndex and
   BatchGetDocumentStatus at 100,000 jobs, documents or open jobs against 1,000.

Timings are medians over rounds; in each round the compared variants run interleaved
(in a shuffled order), so drift of the machine hits them alike, and each ratio is the
median of the per-round ratios. It only reports: it
exits 0 whatever the numbers (the test suite asserts no timings). Needs pyparsing for
moto's glue (``pip install pyparsing``); about 4 minutes on 2 cores (``--quick``: 40 s).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROLE_ARN = "arn:aws:iam::123456789012:role/kendra-role"
Variant = Callable[[], Any]


# -- timing --------------------------------------------------------------------------


def interleaved(
    variants: dict[str, Variant], rounds: int, calls: int, rng: random.Random
) -> dict[str, list[float]]:
    """Seconds per call of each variant, one sample a round; shuffled order each round."""
    samples: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for fn in variants.values():  # warm up caches, lazily built models, the allocator
        for _ in range(max(3, calls // 10)):
            fn()
    for _ in range(rounds):
        rng.shuffle(names)
        for name in names:
            fn = variants[name]
            gc.collect()
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            samples[name].append((time.perf_counter() - start) / calls)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def paired_ratio(mine: list[float], reference: list[float]) -> float:
    """The median of the per-round ratios: drift within a round cancels out."""
    return statistics.median(a / b for a, b in zip(mine, reference))


# -- 1 and 2: in-process calls -----------------------------------------------------------


class CannedAnswers:
    """A ``before-send`` handler answering with a recorded response, chosen by label."""

    def __init__(self) -> None:
        self.bodies: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.label = ""

    def record(self, http_response: Any, **_: Any) -> None:
        self.bodies[self.label] = (
            http_response.status_code,
            dict(http_response.headers),
            http_response.content,
        )

    def __call__(self, request: Any, **_: Any) -> Any:
        from botocore.awsrequest import AWSResponse
        from moto.core.botocore_stubber import MockRawResponse

        status, headers, body = self.bodies[self.label]
        # What moto's stubber builds from an answer, so the floor pays for it too.
        return AWSResponse(request.url, status, headers, MockRawResponse(body))


def in_process(rounds: int, calls: int, rng: random.Random) -> dict[str, Any]:
    import boto3
    from moto import mock_aws
    from moto.core.models import botocore_stubber

    import moto_kendra
    from moto_kendra.backend import implemented
    from moto_kendra.moto_glue import fast_path

    mock = mock_aws()
    mock.start()
    try:
        session = boto3.session.Session(
            aws_access_key_id="FOOBARKEY",
            aws_secret_access_key="FOOBARSECRET",
            region_name="us-east-1",
        )
        kendra = session.client("kendra")
        # Three indices: DescribeIndex settles every unfinished job of its index, so the
        # index it is timed on holds only the 10-job source, not the long histories or
        # the jobs the Start+Stop timing piles up.
        index_id, history_index, churn_index = (
            kendra.create_index(Name=name, RoleArn=ROLE_ARN)["Id"]
            for name in ("bench", "histories", "churn")
        )

        def custom_source(name: str, jobs: int, index_id: str = index_id) -> str:
            source_id = kendra.create_data_source(IndexId=index_id, Name=name, Type="CUSTOM")["Id"]
            backend = moto_kendra.kendra_backends["123456789012"]["us-east-1"]
            operations = implemented()
            params = {"Id": source_id, "IndexId": index_id}
            with backend.lock:  # the history itself: built in the backend, quickly
                for _ in range(jobs):
                    operations["StartDataSourceSyncJob"](backend, params)
                    operations["StopDataSourceSyncJob"](backend, params)
            return str(source_id)

        one = custom_source("s1", 1)
        small = custom_source("s10", 10)
        mid = custom_source("s300", 300, history_index)
        large = custom_source("s3000", 3000, history_index)
        churn = custom_source("churn", 0, churn_index)

        def list_jobs(client: Any, source: str) -> Variant:
            return lambda: client.list_data_source_sync_jobs(
                Id=source, IndexId=index_id, MaxResults=10
            )

        for _ in range(3):  # the listed jobs reach their end: the steady answer
            list_jobs(kendra, one)()
            list_jobs(kendra, small)()

        # The floor answers with what moto-kendra answers: record one of each.
        canned = CannedAnswers()
        recorder = session.client("kendra")
        recorder.meta.events.register("after-call.kendra", canned.record)
        # botocore calls every before-send handler (and takes the first answer), so the
        # floor client must not have moto's: it would do the backend work all the same.
        floor = session.client("kendra")
        floor.meta.events.unregister("before-send", botocore_stubber)
        floor.meta.events.register_first("before-send.kendra", canned)

        def labelled(label: str, call: Variant) -> Variant:
            def answer() -> Any:
                canned.label = label
                return call()

            return answer

        def pair(client: Any) -> Variant:
            start = labelled(
                "start", lambda: client.start_data_source_sync_job(Id=churn, IndexId=churn_index)
            )
            stop = labelled(
                "stop", lambda: client.stop_data_source_sync_job(Id=churn, IndexId=churn_index)
            )

            def call() -> None:
                start()
                stop()

            return call

        operations: dict[str, tuple[Variant, Variant]] = {
            "ListDataSourceSyncJobs, 1 job": (
                list_jobs(kendra, one),
                labelled("list1", list_jobs(floor, one)),
            ),
            "ListDataSourceSyncJobs, page of 10 jobs": (
                list_jobs(kendra, small),
                labelled("list10", list_jobs(floor, small)),
            ),
            "DescribeIndex": (
                lambda: kendra.describe_index(Id=index_id),
                labelled("describe", lambda: floor.describe_index(Id=index_id)),
            ),
            "StartDataSourceSyncJob + StopDataSourceSyncJob": (pair(kendra), pair(floor)),
        }
        for label, call in (
            ("list1", list_jobs(recorder, one)),
            ("list10", list_jobs(recorder, small)),
            ("describe", lambda: recorder.describe_index(Id=index_id)),
        ):
            canned.label = label
            call()
        pair(recorder)()

        glue = session.client("glue")
        for runs in (1, 10):
            glue.create_job(Name=f"bench{runs}", Role=ROLE_ARN, Command={"Name": "glueetl"})
            for _ in range(runs):
                glue.start_job_run(JobName=f"bench{runs}")
        ssm = session.client("ssm")
        ssm.put_parameter(Name="/bench", Value="v", Type="String")

        def full_path(fn: Variant) -> Variant:
            def call() -> Any:
                fast_path.ENABLED = False
                try:
                    return fn()
                finally:
                    fast_path.ENABLED = True

            return call

        variants: dict[str, Variant] = {
            "glue get_job_runs, 1 run": lambda: glue.get_job_runs(JobName="bench1"),
            "glue get_job_runs, 10 runs": lambda: glue.get_job_runs(JobName="bench10"),
            "ssm get_parameter": lambda: ssm.get_parameter(Name="/bench"),
            # For information: DescribeIndex reads the status of every job of the index
            # that has not ended (a job's manual progression moves when it is listed).
            "DescribeIndex, index of 3,300 never-listed jobs": lambda: kendra.describe_index(
                Id=history_index
            ),
        }
        for operation, (mine, floor_call) in operations.items():
            variants[f"{operation} | kendra"] = mine
            variants[f"{operation} | floor"] = floor_call
            variants[f"{operation} | kendra full path"] = full_path(mine)
        per_call = interleaved(variants, rounds, calls, rng)

        def page_of(source: str) -> Variant:
            return lambda: kendra.list_data_source_sync_jobs(
                Id=source, IndexId=index_of[source], MaxResults=10
            )

        index_of = {small: index_id, mid: history_index, large: history_index}
        pages = interleaved(
            {"10 jobs": page_of(small), "3000 jobs": page_of(large)}, rounds, calls, rng
        )

        def page_through(source: str) -> Variant:
            def call() -> None:
                token = None
                while True:
                    kwargs: dict[str, str] = {"NextToken": token} if token else {}
                    answer = kendra.list_data_source_sync_jobs(
                        Id=source, IndexId=index_of[source], MaxResults=10, **kwargs
                    )
                    token = answer.get("NextToken")
                    if not token:
                        return

            return call

        # Each variant gets about the same time: 10 passes over 300 jobs per 1 over 3000.
        through = interleaved(
            {
                "300 jobs": lambda: [page_through(mid)() for _ in range(10)],
                "3000 jobs": page_through(large),
            },
            rounds,
            1,
            rng,
        )
        paging = {name: [t / 3000 for t in samples] for name, samples in through.items()}
        return {"per_call": per_call, "pages": pages, "paging_per_job": paging}
    finally:
        mock.stop()


# -- 3 and 4: fresh interpreters ---------------------------------------------------------


def child_env(pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "PYTEST_ADDOPTS"):
        env.pop(name, None)
    env["AWS_DEFAULT_REGION"] = "us-east-1"
    return env


IMPORT_PROBE = (
    "import time; t0 = time.perf_counter(); import moto; t1 = time.perf_counter(); "
    "import moto_kendra; t2 = time.perf_counter(); print(t1 - t0, t2 - t1)"
)


def imports(rounds: int, env: dict[str, str]) -> dict[str, float]:
    def probe() -> tuple[float, float]:
        out = subprocess.run(
            [sys.executable, "-c", IMPORT_PROBE],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return float(out[0]), float(out[1])

    for _ in range(2):  # write the bytecode cache
        probe()
    moto_times, added = zip(*(probe() for _ in range(rounds)))
    return {"import moto": statistics.median(moto_times), "added": statistics.median(added)}


CONFTEST_FREE_INI = """\
[pytest]
addopts = -p no:cacheprovider -p no:randomly -q
"""

TEST_FILES = {
    "plain": """\
import pytest

@pytest.mark.parametrize("i", range({n}))
def test_plain(i):
    assert i >= 0
""",
    "kendra_client": """\
import pytest

@pytest.mark.parametrize("i", range({n}))
def test_kendra_client(kendra_client, i):
    assert kendra_client is not None
""",
    "usual": """\
import boto3
import pytest
from moto import mock_aws

@pytest.fixture
def usual_client():
    with mock_aws():
        yield boto3.client("kendra", region_name="us-east-1")

@pytest.mark.parametrize("i", range({n}))
def test_usual(usual_client, i):
    assert usual_client is not None
""",
    "mock_aws only": """\
import pytest
from moto import mock_aws

@pytest.fixture
def mocked():
    with mock_aws():
        yield

@pytest.mark.parametrize("i", range({n}))
def test_mock_only(mocked, i):
    assert i >= 0
""",
}


def per_test(
    rounds: int,
    tests: int,
    usual_tests: int,
    env: dict[str, str],
    work: Path,
    rng: random.Random,
) -> dict[str, Any]:
    """Per-test cost of each fixture: (wall time - wall time without fixture) / tests."""
    (work / "pytest.ini").write_text(CONFTEST_FREE_INI)
    runs: dict[str, tuple[Path, int, str]] = {}
    for kind, n in (
        ("plain", tests),
        ("kendra_client", tests),
        ("plain", usual_tests),
        ("usual", usual_tests),
        ("mock_aws only", usual_tests),
    ):
        path = work / f"test_{kind.replace(' ', '_')}_{n}.py"
        path.write_text(TEST_FILES[kind].replace("{n}", str(n)))
        runs[f"{kind} x{n}"] = (path, n, kind)

    def run(path: Path, n: int) -> float:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", path.name],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - start
        if done.returncode != 0 or f"{n} passed" not in done.stdout:
            raise RuntimeError(f"pytest {path.name} failed:\n{done.stdout}\n{done.stderr}")
        return elapsed

    for path, n, _ in runs.values():  # bytecode cache, first-run effects
        run(path, n)
    walls: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for _ in range(rounds):
        rng.shuffle(names)
        for name in names:
            path, n, _ = runs[name]
            walls[name].append(run(path, n))

    def cost(name: str, baseline: str) -> float:
        n = runs[name][1]
        return statistics.median(
            (mine - base) / n for mine, base in zip(walls[name], walls[baseline])
        )

    return {
        "kendra_client": cost(f"kendra_client x{tests}", f"plain x{tests}"),
        "usual": cost(f"usual x{usual_tests}", f"plain x{usual_tests}"),
        "mock_aws only": cost(f"mock_aws only x{usual_tests}", f"plain x{usual_tests}"),
        "walls": {name: statistics.median(values) for name, values in walls.items()},
    }


# -- report ----------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms" if seconds < 0.01 else f"{seconds * 1000:.1f} ms"


def report(results: dict[str, Any], settings: dict[str, Any]) -> str:
    calls = results["calls"]
    per_call = calls["per_call"]
    glue1 = per_call["glue get_job_runs, 1 run"]
    glue10 = per_call["glue get_job_runs, 10 runs"]
    rows: list[tuple[str, str, str, str, str, str]] = []

    def goal(what: str, mine: list[float], ref_name: str, ref: list[float], limit: float) -> None:
        ratio = paired_ratio(mine, ref)
        rows.append(
            (
                what,
                ms(median(mine)),
                f"{ref_name} {ms(median(ref))}",
                f"{ratio:.2f}x",
                f"<= {limit}x",
                "yes" if ratio <= limit else "NO",
            )
        )

    # Against glue: a call listing as many runs as the Kendra call lists jobs.
    for operation, calls_in_it, glue, glue_name in (
        ("ListDataSourceSyncJobs, 1 job", 1, glue1, "glue get_job_runs, 1 run"),
        ("ListDataSourceSyncJobs, page of 10 jobs", 1, glue10, "glue get_job_runs, 10 runs"),
        ("DescribeIndex", 1, glue1, "glue get_job_runs, 1 run"),
        ("StartDataSourceSyncJob + StopDataSourceSyncJob", 2, glue1, "glue get_job_runs, 1 run"),
    ):
        mine = per_call[f"{operation} | kendra"]
        what = "per call" if calls_in_it == 1 else "per pair"
        goal(f"{operation}: {what} vs floor", mine, "floor", per_call[f"{operation} | floor"], 1.5)
        what = "per call" if calls_in_it == 1 else "per call (pair / 2)"
        goal(f"{operation}: {what} vs moto", [t / calls_in_it for t in mine], glue_name, glue, 0.5)
    per_test = results["per_test"]
    rows.append(
        (
            "Per test: kendra_client fixture vs usual fixture",
            ms(per_test["kendra_client"]),
            f"usual {ms(per_test['usual'])}",
            f"{per_test['kendra_client'] / per_test['usual']:.3f}x",
            "<= 0.05x",
            "yes" if per_test["kendra_client"] <= 0.05 * per_test["usual"] else "NO",
        )
    )
    pages = calls["pages"]
    goal(
        "ListDataSourceSyncJobs page (10): 3,000-job vs 10-job history",
        pages["3000 jobs"],
        "10 jobs",
        pages["10 jobs"],
        1.5,
    )
    paging = calls["paging_per_job"]
    goal(
        "Paging through all jobs, per job: 3,000 vs 300 jobs",
        paging["3000 jobs"],
        "300 jobs",
        paging["300 jobs"],
        1.5,
    )
    rows.extend(row for row in results.get("search", []) if row[1])
    rows.extend(results.get("flat", []))
    added = results["imports"]["added"]
    rows.append(
        (
            "import moto_kendra after import moto",
            ms(added),
            f"import moto {ms(results['imports']['import moto'])}",
            "-",
            "<= 50 ms",
            "yes" if added <= 0.050 else "NO",
        )
    )

    lines = [
        f"moto-kendra benchmark: Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs; {settings}",
        "",
        "| Goal | Measured (median) | Reference (median) | Ratio | Limit | Met |",
        "|---|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
        "| Per call (median; the pair: both calls) | moto-kendra | full path | floor |",
        "|---|---|---|---|",
    ]
    for operation in (
        "ListDataSourceSyncJobs, 1 job",
        "ListDataSourceSyncJobs, page of 10 jobs",
        "DescribeIndex",
        "StartDataSourceSyncJob + StopDataSourceSyncJob",
    ):
        lines.append(
            f"| {operation} | {ms(median(per_call[f'{operation} | kendra']))} | "
            f"{ms(median(per_call[f'{operation} | kendra full path']))} | "
            f"{ms(median(per_call[f'{operation} | floor']))} |"
        )
    lines += [
        "| DescribeIndex, index of 3,300 never-listed jobs | "
        f"{ms(median(per_call['DescribeIndex, index of 3,300 never-listed jobs']))} | | |",
        f"| moto glue get_job_runs, 1 run | {ms(median(glue1))} | | |",
        f"| moto glue get_job_runs, 10 runs | {ms(median(glue10))} | | |",
        f"| moto ssm get_parameter | {ms(median(per_call['ssm get_parameter']))} | | |",
        "",
        "| Per test (median, minus the same tests without a fixture) | cost |",
        "|---|---|",
        f"| kendra_client | {ms(per_test['kendra_client'])} |",
        f"| usual: with mock_aws() + boto3.client('kendra') | {ms(per_test['usual'])} |",
        f"| mock_aws() alone | {ms(per_test['mock_aws only'])} |",
    ]
    lines += ["", *(row[0] for row in results.get("search", []) if not row[1])]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=25, help="rounds of in-process timing")
    parser.add_argument("--calls", type=int, default=60, help="calls per timed batch")
    parser.add_argument("--import-rounds", type=int, default=15)
    parser.add_argument("--pytest-rounds", type=int, default=3)
    parser.add_argument("--tests", type=int, default=300, help="tests per kendra_client run")
    parser.add_argument(
        "--usual-tests",
        type=int,
        default=150,
        help="tests per run with the usual fixture (about 150 ms each)",
    )
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    parser.add_argument("--json", type=Path, help="also write the raw medians here")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.calls, args.import_rounds = 3, 50, 5
        args.pytest_rounds, args.tests, args.usual_tests = 1, 100, 30
    if importlib.util.find_spec("pyparsing") is None:  # moto's glue needs it (moto[glue])
        print(
            "benchmarks/run.py compares with moto's glue, which needs pyparsing: "
            "pip install pyparsing (or moto[glue])",
            file=sys.stderr,
        )
        return 2
    rng = random.Random(20240611)
    os.environ.pop("AWS_PROFILE", None)
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    settings = {k: v for k, v in vars(args).items() if k not in ("json", "quick")}

    results: dict[str, Any] = {}
    print("per call and history size ...", file=sys.stderr, flush=True)
    results["calls"] = in_process(args.rounds, args.calls, rng)
    with tempfile.TemporaryDirectory(prefix="moto-kendra-bench-") as tmp:
        work = Path(tmp)
        env = child_env(work / "pycache")
        print("import ...", file=sys.stderr, flush=True)
        results["imports"] = imports(args.import_rounds, env)
        print("per test (pytest runs) ...", file=sys.stderr, flush=True)
        (work / "suite").mkdir()
        results["per_test"] = per_test(
            args.pytest_rounds, args.tests, args.usual_tests, env, work / "suite", rng
        )
    print("search (engine, then the operations) ...", file=sys.stderr, flush=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import search_api
    import search_engine

    results["search"] = search_engine.measure(args.quick) + search_api.measure(args.quick)
    print("flat reads ...", file=sys.stderr, flush=True)
    import flat_reads

    results["flat"] = flat_reads.measure(args.quick)
    print(report(results, settings))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
