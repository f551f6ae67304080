"""``moto-kendra-server``: moto's server, with Kendra, behind a guard.

moto's own ``moto_server`` command (and moto's Docker image) never imports this
package, so it cannot answer Kendra. This command registers Kendra with moto and runs
moto's server application with moto's flags, plus its own::

    moto-kendra-server                    # http://127.0.0.1:5000
    moto-kendra-server -p 4566            # another port
    moto-kendra-server -H 0.0.0.0 -p 5000 --allow-host moto   # a container named "moto"
    moto-kendra-server --control-token s3cret                   # /moto-api/ needs the token

moto's flags: ``-H/--host`` (default 127.0.0.1), ``-p/--port`` (default $MOTO_PORT or
5000), ``-r/--reload``, ``-s/--ssl``, ``-c/--ssl-cert``, ``-k/--ssl-key``. Its own (see
``server.guard``): ``--allow-host``, ``--allow-any-host``, ``--allow-origin``,
``--cors-any``, ``--control-token`` (or $MOTO_KENDRA_CONTROL_TOKEN), ``--read-timeout``,
``--max-request-bytes``, ``--state FILE`` and ``--save-every SECONDS`` (``server.state``).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import Any

from .guard import Guard, Policy

INSTALL_HINT = (
    "moto-kendra-server needs moto's server dependencies (flask, flask-cors): "
    'pip install "moto-kendra[server]"'
)
#: Seconds a connection may take to send its request line, headers or body.
DEFAULT_READ_TIMEOUT = 15.0
DEFAULT_MAX_REQUEST_BYTES = 128 * 1024 * 1024
TOKEN_VARIABLE = "MOTO_KENDRA_CONTROL_TOKEN"


def parser() -> argparse.ArgumentParser:
    """The command line: moto_server's flags, then the guard's."""
    parser = argparse.ArgumentParser(
        prog="moto-kendra-server",
        description="moto's server, with Amazon Kendra, for the AWS CLI and other SDKs.",
    )
    parser.add_argument("-H", "--host", type=str, help="Which host to bind", default="127.0.0.1")
    parser.add_argument(
        "-p",
        "--port",
        type=int,
        help="Port number to use for connection",
        default=int(os.environ.get("MOTO_PORT", 5000)),
    )
    parser.add_argument(
        "-r", "--reload", action="store_true", help="Reload server on a file change"
    )
    parser.add_argument(
        "-s",
        "--ssl",
        action="store_true",
        help="Enable SSL encrypted connection with auto-generated certificate (use https://... URL)",
    )
    parser.add_argument("-c", "--ssl-cert", type=str, help="Path to SSL certificate", default=None)
    parser.add_argument("-k", "--ssl-key", type=str, help="Path to SSL private key", default=None)
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="Also answer requests whose Host header names NAME (repeatable). IP addresses, "
        "localhost, AWS's domains and the bound name are always answered.",
    )
    parser.add_argument(
        "--allow-any-host",
        action="store_true",
        help="Answer any Host header (no protection against DNS rebinding).",
    )
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="Let browser pages of ORIGIN (e.g. http://localhost:3000) call the server "
        "(repeatable). Other cross-origin requests are refused.",
    )
    parser.add_argument(
        "--cors-any",
        action="store_true",
        help="Let any web page call the server (moto's own permissive CORS).",
    )
    parser.add_argument(
        "--control-token",
        default=os.environ.get(TOKEN_VARIABLE),
        metavar="TOKEN",
        help=f"Every /moto-api/ route needs TOKEN in the X-Moto-Kendra-Token header "
        f"(default: ${TOKEN_VARIABLE}; unset: the routes are open).",
    )
    parser.add_argument(
        "--read-timeout",
        type=float,
        default=DEFAULT_READ_TIMEOUT,
        metavar="SECONDS",
        help=f"Seconds a connection may take to send a request (default {DEFAULT_READ_TIMEOUT:g}).",
    )
    parser.add_argument(
        "--state",
        type=Path,
        default=None,
        metavar="FILE",
        help="Load Kendra's state from FILE at start (if it exists) and save it there on "
        "shutdown, atomically.",
    )
    parser.add_argument(
        "--save-every",
        type=float,
        default=None,
        metavar="SECONDS",
        help="With --state: also save every SECONDS.",
    )
    parser.add_argument(
        "--max-request-bytes",
        type=int,
        default=DEFAULT_MAX_REQUEST_BYTES,
        metavar="BYTES",
        help=f"The largest request body accepted (default {DEFAULT_MAX_REQUEST_BYTES}).",
    )
    return parser


def policy_of(args: argparse.Namespace) -> Policy:
    return Policy(
        bound_host=args.host,
        allowed_hosts=frozenset(name.lower() for name in args.allow_host),
        any_host=args.allow_any_host,
        allowed_origins=frozenset(args.allow_origin),
        cors_any=args.cors_any,
        control_token=args.control_token or None,
        max_request_bytes=args.max_request_bytes,
    )


def make_app(policy: Policy) -> Any:
    """moto's server application with Kendra registered, behind the guard."""
    import moto_kendra  # noqa: F401 - registers Kendra (and its /moto-api routes)
    from moto_kendra.moto_glue.server_app import moto_wsgi_app

    return Guard(moto_wsgi_app(), policy)


def request_handler(read_timeout: float) -> type:
    """moto's request handler with a per-connection read timeout."""
    from moto_kendra.moto_glue.server_app import request_handler_class

    base = request_handler_class()
    return type("KendraRequestHandler", (base,), {"timeout": read_timeout})


def _exit(signum: int, frame: Any) -> None:
    sys.exit(0)


def _keep_state(path: Path, save_every: float | None) -> None:
    """Load ``path`` now; save it on SIGTERM/SIGINT and every ``save_every`` seconds."""
    from ..backend.persistence import StateError
    from .state import PeriodicSaver, check_writable, load, save

    try:
        restored = load(path)
        check_writable(path)
    except StateError as error:
        sys.stderr.write(f"moto-kendra-server: {error}\n")
        raise SystemExit(2) from None
    print(f"moto-kendra-server: state {path}: {restored} backend(s) restored", flush=True)
    saver = PeriodicSaver(path, save_every) if save_every else None
    if saver is not None:
        saver.start()

    def save_and_exit(signum: int, frame: Any) -> None:
        if saver is not None:
            saver.stop()
        try:
            save(path)
        except OSError as error:  # the file keeps the last complete save
            sys.stderr.write(f"moto-kendra-server: saving {path} failed: {error}\n")
            sys.exit(1)
        print(f"moto-kendra-server: state saved to {path}", flush=True)
        sys.exit(0)

    for name in ("SIGINT", "SIGTERM"):
        try:
            signal.signal(getattr(signal, name), save_and_exit)
        except ValueError:  # not the main thread
            pass


def main(argv: list[str] | None = None) -> None:
    """Run the server; ``argv`` as the command line takes it (default: sys.argv)."""
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.read_timeout <= 0 or args.max_request_bytes <= 0:
        parser().error("--read-timeout and --max-request-bytes must be positive")
    if args.save_every is not None and (args.state is None or args.save_every <= 0):
        parser().error("--save-every needs --state, and a positive number of seconds")
    try:
        from werkzeug.serving import run_simple

        app = make_app(policy_of(args))
    except ImportError as error:
        sys.stderr.write(f"{INSTALL_HINT}\n({error})\n")
        raise SystemExit(2) from None
    if "MOTO_PORT" not in os.environ:
        os.environ["MOTO_PORT"] = str(args.port)
    for name in ("SIGINT", "SIGTERM"):
        try:
            signal.signal(getattr(signal, name), _exit)
        except ValueError:  # not the main thread
            pass
    if args.state is not None:
        _keep_state(args.state, args.save_every)
    ssl_context: Any = None
    if args.ssl_key and args.ssl_cert:
        ssl_context = (args.ssl_cert, args.ssl_key)
    elif args.ssl:
        ssl_context = "adhoc"
    run_simple(
        args.host,
        args.port,
        app,
        threaded=True,
        use_reloader=args.reload,
        ssl_context=ssl_context,
        request_handler=request_handler(args.read_timeout),
    )
