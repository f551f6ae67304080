"""Small helpers for the values the backend returns."""

from __future__ import annotations

import unicodedata
from typing import Any


def prune(values: dict[str, Any]) -> dict[str, Any]:
    """Drop members that are not set, as Kendra omits them on the wire."""
    return {key: value for key, value in values.items() if value is not None}


def printable(text: str, limit: int, fallback: str) -> str:
    """``text`` without control or format characters, cut to ``limit`` characters.

    For messages whose model pattern is ``^\\P{C}*$`` (FailedDocument's ErrorMessage):
    ids echoed from a request may hold any character.
    """
    kept = "".join(char for char in text if not unicodedata.category(char).startswith("C"))
    return kept[:limit] or fallback
