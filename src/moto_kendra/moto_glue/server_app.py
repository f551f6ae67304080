"""moto's server application, for ``moto-kendra-server``.

Relies on ``moto.moto_server.werkzeug_app.DomainDispatcherApplication`` and
``create_backend_app`` (the WSGI app moto's own ``moto_server`` runs) and, from moto
5.1, ``MotoRequestHandler`` (keeps headers with underscores; werkzeug's handler before).
"""

from __future__ import annotations

from typing import Any


def moto_wsgi_app() -> Any:
    """moto's WSGI application, as ``moto.server.main`` builds it."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    app = DomainDispatcherApplication(create_backend_app)
    app.debug = True  # type: ignore[attr-defined]
    return app


def request_handler_class() -> type:
    """The werkzeug request handler moto's server uses."""
    try:
        from moto.moto_server.werkzeug_app import MotoRequestHandler
    except ImportError:  # moto < 5.1
        from werkzeug.serving import WSGIRequestHandler

        return WSGIRequestHandler
    return MotoRequestHandler
