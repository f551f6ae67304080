"""``moto-kendra-server --state FILE``: Kendra's state kept across restarts.

At start the server loads FILE if it exists; it saves to it on shutdown (SIGTERM,
SIGINT) and, with ``--save-every SECONDS``, at that interval. A save writes a temporary
file beside FILE, flushes it to disk and renames it over FILE, so FILE is always the last
complete save, whatever stops the process mid-way. The format is
``moto_kendra.backend.persistence``'s versioned JSON.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path

from ..backend.persistence import StateError, restore_services, snapshot_services


def load(path: Path) -> int:
    """Restore the state saved in ``path``; how many backends it held (0: no file yet)."""
    if not path.exists():
        return 0
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StateError(f"The state file {path} can't be read: {error}") from None
    except RecursionError:
        raise StateError(f"The state file {path} can't be read: it is nested too deeply.") from None
    return restore_services(data)


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in ``path``'s directory (a save renames it over ``path``)."""
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.resolve().parent)


def check_writable(path: Path) -> None:
    """StateError unless a save to ``path`` can write its temporary file beside it (the
    directory exists and is writable): found at start, not at the first save."""
    try:
        handle, temporary = _temporary_beside(path)
    except OSError as error:
        raise StateError(
            f"The state file {path} can't be saved: {error.strerror or error}."
        ) from None
    os.close(handle)
    os.unlink(temporary)


def save(path: Path) -> None:
    """Write the current state to ``path`` atomically."""
    text = json.dumps(snapshot_services(), separators=(",", ":"))
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


class PeriodicSaver(threading.Thread):
    """Saves to ``path`` every ``seconds`` until stopped."""

    def __init__(self, path: Path, seconds: float) -> None:
        super().__init__(name="moto-kendra-state-saver", daemon=True)
        self.path = path
        self.seconds = seconds
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.seconds):
            try:
                save(self.path)
            except Exception as error:  # noqa: BLE001 - report, keep serving
                print(f"moto-kendra-server: saving {self.path} failed: {error}", flush=True)

    def stop(self) -> None:
        self._stop_event.set()
