"""What moto-kendra-server refuses before moto sees a request, through raw HTTP against a
running server: foreign Host headers (DNS rebinding), cross-origin browser requests,
/moto-api/ without the control token, malformed or oversized bodies, slow clients."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.kendra_server import HOST, RunningServer, running_server

TARGET = "AWSKendraFrontendService.ListIndices"
# moto's server routes by the service in the signature's credential scope.
AUTHORIZATION = (
    "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/kendra/aws4_request, "
    "SignedHeaders=host, Signature=0"
)
KENDRA_HEADERS = {
    "X-Amz-Target": TARGET,
    "Content-Type": "application/x-amz-json-1.1",
    "Authorization": AUTHORIZATION,
}


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server("--read-timeout", "3", "--max-request-bytes", "4096") as running:
        yield running


@pytest.fixture(scope="module")
def open_server() -> Iterator[RunningServer]:
    with running_server(
        "--allow-host",
        "moto.internal",
        "--allow-origin",
        "http://localhost:3000",
        "--control-token",
        "s3cret",
    ) as running:
        yield running


def raw_request(port: int, request: bytes, read_timeout: float = 30) -> bytes:
    """Send ``request`` as it is on one connection; what comes back until it closes."""
    with socket.create_connection((HOST, port), timeout=read_timeout) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        return _read_all(sock)


def _read_all(sock: socket.socket) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def status_and_body(response: bytes) -> tuple[int, dict[str, Any]]:
    head, _, body = response.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body) if body.strip() else {}


def post(url: str, **kwargs: Any) -> requests.Response:
    headers = {**KENDRA_HEADERS, **kwargs.pop("headers", {})}
    return requests.post(url, data=kwargs.pop("data", "{}"), headers=headers, timeout=30, **kwargs)


# -- Host ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "kendra.us-east-1.amazonaws.com"],
)
def test_loopback_names_ip_literals_and_aws_domains_are_answered(server, host):
    response = post(server.url, headers={"Host": host.format(port=server.port)})
    assert response.status_code == 200
    assert response.json() == {"IndexConfigurationSummaryItems": []}


@pytest.mark.parametrize(
    "host", ["attacker.example", "attacker.example:5000", "localhost.attacker.example"]
)
def test_a_foreign_host_name_is_refused_as_dns_rebinding_would_send_it(server, host):
    response = post(server.url, headers={"Host": host})
    assert response.status_code == 403
    assert response.json()["__type"] == "InvalidHostHeader"
    assert "--allow-host" in response.json()["message"]


def test_an_empty_host_header_is_refused_with_a_message_that_says_so(server):
    with socket.create_connection((HOST, server.port), timeout=30) as sock:
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: \r\nContent-Type: application/x-amz-json-1.1\r\n"
            b"X-Amz-Target: AWSKendraFrontendService.ListIndices\r\n"
            b"Content-Length: 2\r\nConnection: close\r\n\r\n{}"
        )
        status, body = status_and_body(_read_all(sock))
    assert (status, body["__type"]) == (403, "InvalidHostHeader")
    assert body["message"] == (
        "This server doesn't answer to Host ''. A request must name the server in its Host header."
    )


def test_allow_host_adds_a_name(open_server):
    assert post(open_server.url, headers={"Host": "moto.internal:5000"}).status_code == 200
    assert post(open_server.url, headers={"Host": "other.internal"}).status_code == 403


# -- Origin and CORS ----------------------------------------------------------------


def test_a_cross_origin_call_of_the_api_is_refused_without_cors_headers(server):
    response = post(server.url, headers={"Origin": "https://attacker.example"})
    assert response.status_code == 403
    assert response.json()["__type"] == "CrossOriginRequestRefused"
    assert not any(name.lower().startswith("access-control-") for name in response.headers)


@pytest.mark.parametrize("path", ["/moto-api/kendra/faults", "/moto-api/reset"])
def test_a_cross_site_text_plain_post_cannot_drive_the_control_routes(server, path):
    # What a web page's <form> or fetch(..., {mode: "no-cors"}) sends: no preflight.
    response = requests.post(
        server.url + path,
        data='{"operation": "ListIndices", "times": null}',
        headers={
            "Content-Type": "text/plain",
            "Origin": "https://attacker.example",
            "Sec-Fetch-Site": "cross-site",
        },
        timeout=30,
    )
    assert response.status_code == 403
    faults = requests.get(server.url + "/moto-api/kendra/faults", timeout=30).json()
    assert faults == {"faults": []}


def test_a_cross_site_request_without_origin_is_refused(server):
    response = requests.get(
        server.url + "/moto-api/data.json", headers={"Sec-Fetch-Site": "cross-site"}, timeout=30
    )
    assert response.status_code == 403


def test_no_permissive_cors_header_on_a_plain_answer(server):
    response = post(server.url)
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_the_servers_own_origin_is_same_origin(server):
    origin = f"http://{HOST}:{server.port}"
    response = requests.get(
        server.url + "/moto-api/data.json", headers={"Origin": origin}, timeout=30
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin


def test_an_allowed_origin_gets_its_own_cors_headers_and_a_preflight(open_server):
    origin = "http://localhost:3000"
    response = post(open_server.url, headers={"Origin": origin})
    preflight = requests.options(
        open_server.url,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-amz-target, content-type",
        },
        timeout=30,
    )
    refused = post(open_server.url, headers={"Origin": "http://localhost:3001"})

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    assert preflight.headers["Access-Control-Allow-Headers"] == "x-amz-target, content-type"
    assert refused.status_code == 403


def test_cors_any_lets_every_origin_call():
    with running_server("--cors-any") as running:
        response = post(running.url, headers={"Origin": "https://anywhere.example"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "https://anywhere.example"


# -- the control token ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/moto-api/reset"),
        ("GET", "/moto-api/data.json"),
        ("GET", "/moto-api/kendra/faults"),
    ],
)
def test_the_control_routes_need_the_token_when_one_is_set(open_server, method, path):
    without = requests.request(method, open_server.url + path, timeout=30)
    wrong = requests.request(
        method, open_server.url + path, headers={"X-Moto-Kendra-Token": "guess"}, timeout=30
    )
    right = requests.request(
        method, open_server.url + path, headers={"X-Moto-Kendra-Token": "s3cret"}, timeout=30
    )
    bearer = requests.request(
        method, open_server.url + path, headers={"Authorization": "Bearer s3cret"}, timeout=30
    )
    assert (without.status_code, wrong.status_code) == (401, 401)
    assert without.json()["__type"] == "MissingControlToken"
    assert (right.status_code, bearer.status_code) == (200, 200)


def test_the_kendra_api_does_not_need_the_control_token(open_server):
    assert post(open_server.url).status_code == 200


def test_the_token_can_come_from_the_environment():
    with running_server(env={"MOTO_KENDRA_CONTROL_TOKEN": "from-env"}) as running:
        refused = requests.post(running.url + "/moto-api/reset", timeout=30)
        allowed = requests.post(
            running.url + "/moto-api/reset", headers={"X-Moto-Kendra-Token": "from-env"}, timeout=30
        )
    assert (refused.status_code, allowed.status_code) == (401, 200)


# -- bodies -------------------------------------------------------------------------


def _head(port: int, length: str) -> bytes:
    return (
        f"POST / HTTP/1.1\r\nHost: {HOST}:{port}\r\nX-Amz-Target: {TARGET}\r\n"
        f"Content-Type: application/x-amz-json-1.1\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def test_a_body_shorter_than_its_content_length_is_a_serialization_exception(server):
    status, body = status_and_body(raw_request(server.port, _head(server.port, "100") + b"{}"))
    assert status == 400
    assert body["__type"] == "SerializationException"
    assert (
        body["message"]
        == "The request body ended after 2 of the 100 bytes its Content-Length announced."
    )


@pytest.mark.parametrize("length", ["-5", "abc", "1e3"])
def test_a_content_length_that_is_not_a_byte_count_is_refused(server, length):
    status, body = status_and_body(raw_request(server.port, _head(server.port, length) + b"{}"))
    assert status == 400
    assert body["__type"] == "SerializationException"
    assert length in body["message"]


def test_the_issues_stalled_request_with_a_foreign_host_is_refused_at_once(server):
    with socket.create_connection((HOST, server.port), timeout=30) as sock:
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 100\r\n\r\nAction="
        )
        status, body = status_and_body(_read_all(sock))  # before the body would complete
    assert (status, body["__type"]) == (403, "InvalidHostHeader")


def test_a_body_over_the_limit_is_413(server):
    response = post(server.url, data="{" + " " * 5000 + "}")
    assert response.status_code == 413
    assert response.json()["__type"] == "RequestEntityTooLarge"


def test_a_chunked_body_is_read_whole(server):
    chunked = (
        f"POST / HTTP/1.1\r\nHost: {HOST}:{server.port}\r\nX-Amz-Target: {TARGET}\r\n"
        f"Authorization: {AUTHORIZATION}\r\n"
        "Content-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n"
        "1\r\n{\r\n1\r\n}\r\n0\r\n\r\n"
    ).encode()
    status, body = status_and_body(raw_request(server.port, chunked))
    assert (status, body) == (200, {"IndexConfigurationSummaryItems": []})


def test_a_stalled_client_delays_no_one_and_gets_its_own_error(server):
    stalled = socket.create_connection((HOST, server.port), timeout=30)
    try:
        # Headers and the first bytes of a body, then nothing (the issue's repro).
        stalled.sendall(
            f"POST / HTTP/1.1\r\nHost: {HOST}:{server.port}\r\n".encode()
            + b"Content-Type: application/x-www-form-urlencoded\r\n"
            + b"Content-Length: 100\r\n\r\nAction="
        )
        answers = [post(server.url).status_code for _ in range(5)]
        stalled.setblocking(False)
        try:
            early = stalled.recv(1)
        except BlockingIOError:
            early = b""  # no answer yet: the others didn't wait for the stalled one
        stalled.setblocking(True)
        late = _read_all(stalled)
    finally:
        stalled.close()

    assert answers == [200] * 5
    assert early == b""
    status, body = status_and_body(late)
    assert status == 408
    assert body["__type"] == "RequestTimeout"
