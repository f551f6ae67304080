"""``moto-kendra-server``: moto's standalone server, with Kendra.

moto's own ``moto_server`` command (and moto's Docker image) never imports this
package, so it cannot answer Kendra. This command registers Kendra with moto and then
runs moto's server, with moto's own command-line flags::

    moto-kendra-server                    # http://127.0.0.1:5000
    moto-kendra-server -p 4566            # another port
    moto-kendra-server -H 0.0.0.0 -p 5000 # every interface (containers)
    moto-kendra-server --ssl              # https with a generated certificate

Flags (moto's ``moto.server.main``): ``-H/--host`` (default 127.0.0.1), ``-p/--port``
(default $MOTO_PORT or 5000), ``-r/--reload``, ``-s/--ssl``, ``-c/--ssl-cert``,
``-k/--ssl-key``. Every moto service is served, plus Kendra and the Kendra control
endpoints under ``/moto-api/kendra/``.
"""

from __future__ import annotations

import sys

INSTALL_HINT = (
    "moto-kendra-server needs moto's server dependencies (flask, flask-cors): "
    'pip install "moto-kendra[server]"'
)


def main(argv: list[str] | None = None) -> None:
    """Run moto's server with Kendra registered; ``argv`` as moto_server takes it."""
    import moto_kendra  # noqa: F401 - registers Kendra (and its /moto-api routes)

    try:
        from moto import server as moto_server
    except ImportError as error:
        sys.stderr.write(f"{INSTALL_HINT}\n({error})\n")
        raise SystemExit(2) from None
    args = list(sys.argv[1:] if argv is None else argv)
    # moto's main() reads sys.argv when handed an empty list.
    sys.argv[1:] = args
    moto_server.main(args)


if __name__ == "__main__":
    main()
