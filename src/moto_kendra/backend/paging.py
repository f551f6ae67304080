"""NextTokens for every List operation: stateless, signed, bound to their listing.

A token carries the position to resume from and a digest of the listing it belongs to
(operation, resource ids, filters), signed with a key of the backend: nothing is stored
per token, and a token of another listing, backend, account or region doesn't verify
(ValidationException, as Kendra answers a NextToken it didn't issue).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Sequence
from typing import Any, TypeVar

from ..exceptions import ValidationException

_T = TypeVar("_T")

INVALID_TOKEN = (
    "The NextToken is invalid: it was not issued for this listing. "
    "Pass the NextToken of the previous response to the same request."
)


def _digest(listing: str) -> str:
    return hashlib.sha256(listing.encode()).hexdigest()[:16]


class Pages:
    """The NextTokens of one backend."""

    def __init__(self) -> None:
        self._key = os.urandom(16)

    def _mac(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode(), hashlib.sha256).hexdigest()[:24]

    def token(self, listing: str, position: int) -> str:
        """The NextToken that resumes ``listing`` at ``position``."""
        payload = f"{position}.{_digest(listing)}"
        token = f"{payload}.{self._mac(payload)}".encode()
        return base64.urlsafe_b64encode(token).decode().rstrip("=")

    def position(self, listing: str, next_token: str | None) -> int | None:
        """Where ``next_token`` resumes ``listing`` (None without a token)."""
        if next_token is None:
            return None
        try:
            padded = next_token + "=" * (-len(next_token) % 4)
            position, digest, mac = base64.urlsafe_b64decode(padded).decode().split(".")
            if digest == _digest(listing) and hmac.compare_digest(
                mac, self._mac(f"{position}.{digest}")
            ):
                return int(position)
        except ValueError:  # not base64, not UTF-8, not three parts, not a number
            pass
        raise ValidationException(INVALID_TOKEN)

    def summaries(
        self,
        listing: str,
        items: Sequence[Any],
        params: dict[str, Any],
        default_size: int,
        member: str,
    ) -> dict[str, Any]:
        """A List operation's answer: the summaries of the page ``params`` asks for,
        under ``member``, and its NextToken. A listing shows each resource's status,
        then advances it (``summary()``, then ``advance()``), as a Describe does."""
        page, token = self.page(listing, items, params, default_size)
        summaries = []
        for item in page:
            summaries.append(item.summary())
            item.advance()
        answer: dict[str, Any] = {member: summaries}
        if token is not None:
            answer["NextToken"] = token
        return answer

    def page(
        self,
        listing: str,
        items: Sequence[_T],
        params: dict[str, Any],
        default_size: int,
    ) -> tuple[list[_T], str | None]:
        """The page of ``items`` that ``params`` (NextToken, MaxResults) asks for, and
        the NextToken of the next page (None on the last)."""
        start = self.position(listing, params.get("NextToken")) or 0
        end = start + (params.get("MaxResults") or default_size)
        token = self.token(listing, end) if end < len(items) else None
        return list(items[start:end]), token
