"""Small helpers the end-to-end tests share: error triples and sync-job calls."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from moto_kendra.backend import implemented

#: A well-formed index or data source id that no test creates.
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


def error_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, int, str]:
    """(code, HTTP status, message) of a ClientError caught with pytest.raises."""
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Message"],
    )


def start(kendra_client: Any, index_id: str, source_id: str) -> str:
    """Start a sync job; its ExecutionId."""
    return str(
        kendra_client.start_data_source_sync_job(Id=source_id, IndexId=index_id)["ExecutionId"]
    )


#: The Kendra operations moto-kendra implements (as the backend declares them).
IMPLEMENTED = tuple(sorted(implemented()))


#: An operation the tests of the 501 answer make undeclared (``undeclare``), as one a
#: newer botocore adds is: its model has it, no backend module implements it.
FUTURE_OPERATION = "GetQuerySuggestions"


def undeclare(monkeypatch: pytest.MonkeyPatch, operation: str, service: str = "kendra") -> str:
    """Take ``operation`` out of the operation table for one test (restored after)."""
    from moto_kendra.backend import operations

    monkeypatch.delitem(operations._TABLE[service], operation)
    return operation
