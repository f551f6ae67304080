"""Start ``moto-kendra-server`` as a subprocess on a free loopback port, for tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import requests

BIN = Path(sys.executable).parent
SERVER = BIN / "moto-kendra-server"
AWS = BIN / "aws"
HOST = "127.0.0.1"
ACCESS_KEY = "testing"
SECRET_KEY = "testing"
REGION = "us-east-1"
READY_WITHIN = 60.0  # seconds to wait for the server to accept requests (not asserted)


def free_port() -> int:
    """A port that was free on 127.0.0.1 a moment ago (bound to port 0, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for the server and the AWS CLI: fake credentials, no profile."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "MOTO_", "TEST_SERVER_MODE"))
    }
    env.update(
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
        AWS_DEFAULT_REGION=REGION,
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
    )
    env.update(extra)
    return env


class RunningServer:
    def __init__(self, process: subprocess.Popen[bytes], port: int, log: IO[bytes]) -> None:
        self.process = process
        self.log = log
        self.port = port
        self.url = f"http://{HOST}:{port}"

    def output(self) -> str:
        """What the server printed so far."""
        self.log.seek(0)
        return self.log.read().decode("utf-8", errors="replace")

    def reset(self) -> None:
        """moto's own reset: every backend, Kendra included."""
        requests.post(f"{self.url}/moto-api/reset", timeout=30).raise_for_status()

    def aws(self, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        """Run the AWS CLI against this server; JSON output."""
        return subprocess.run(
            [str(AWS), "--endpoint-url", self.url, "--output", "json", *args],
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            **kwargs,
        )


@contextmanager
def running_server(*flags: str, env: dict[str, str] | None = None) -> Iterator[RunningServer]:
    """moto-kendra-server on a free 127.0.0.1 port; terminated on exit, whatever happens.

    ``env``: variables added to the server's (clean) environment."""
    port = free_port()
    # The server logs every request to stderr: a file, as an unread pipe would fill up.
    log = tempfile.TemporaryFile(mode="a+b")  # O_APPEND: our reads never move its writes
    process = subprocess.Popen(
        [str(SERVER), "-H", HOST, "-p", str(port), *flags],
        env=clean_env(**(env or {})),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        server = RunningServer(process, port, log)
        _wait_until_ready(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()


def _wait_until_ready(server: RunningServer) -> None:
    deadline = time.monotonic() + READY_WITHIN
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"moto-kendra-server exited early: {server.output()}")
        try:
            requests.get(f"{server.url}/moto-api/data.json", timeout=5)
            return
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
