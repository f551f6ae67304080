"""Query suggestions block lists: CreateQuerySuggestionsBlockList,
DescribeQuerySuggestionsBlockList, ListQuerySuggestionsBlockLists,
UpdateQuerySuggestionsBlockList, DeleteQuerySuggestionsBlockList.

A block list is a text file in S3, one word or phrase a line (query-suggestions.md):
Kendra excludes from suggestions the queries that contain one of them. The file is
read from moto's S3 when the block list is created, and again when
UpdateQuerySuggestionsBlockList names a SourceS3Path (Kendra doesn't refresh a block
list by itself). A file that can't be read (no bucket, no object, a bucket of another
account or region, not UTF-8 text, over ``MAX_FILE_BYTES`` or ``MAX_ITEMS``) ends the
block list FAILED, or ACTIVE_BUT_UPDATE_FAILED when an update fails and an earlier
version still applies, with an ErrorMessage.

Statuses move through ``kendra::query_suggestions_block_list`` (default: immediate):
CREATING -> ACTIVE or FAILED; after an update that reloads the file, UPDATING ->
ACTIVE, ACTIVE_BUT_UPDATE_FAILED or FAILED; after DeleteQuerySuggestionsBlockList,
DELETING -> gone. The words of the version in effect block suggestions
(``blocked_phrases``): a version takes effect when the list reaches its outcome, and
stops when the list is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Union

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from ..exceptions import (
    ConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
)
from ..moto_glue import s3 as moto_s3
from . import tags
from .clock import utcnow
from .document_rules import s3_object
from .indices import Index, find_index, writable_index
from .lifecycle import Lifecycle
from .operations import Params, Result, operation
from .query_log import normalize
from .values import printable, prune

if TYPE_CHECKING:
    from .service import KendraBackend

BLOCK_LIST_MODEL = "kendra::query_suggestions_block_list"
state_manager.register_default_transition(BLOCK_LIST_MODEL, {"progression": "immediate"})

#: Block lists per index (quotas.md: "Maximum number of block lists per index", 1).
MAX_BLOCK_LISTS = 1
#: The largest block list file (quotas.md: 2 MB).
MAX_FILE_BYTES = 2 * 1024 * 1024
#: The most words or phrases a block list holds (quotas.md: 20,000).
MAX_ITEMS = 20_000
#: The longest ErrorMessage (the model's limit).
MAX_ERROR_CHARS = 2048
#: Statuses while the block list is on its way to an outcome: it can't be updated.
BUSY = ("CREATING", "UPDATING", "DELETING")


@dataclass(frozen=True)
class Version:
    """A block list file as read: its words and phrases (normalized, distinct), how
    many valid non-empty lines it has, its size in bytes."""

    phrases: tuple[str, ...]
    item_count: int
    size: int


@dataclass(frozen=True)
class Failure:
    """Why a block list file couldn't be used, and its size if it was found."""

    message: str
    size: int = 0


Loaded = Union[Version, Failure]


def load(index: Index, path: dict[str, str]) -> Loaded:
    """Read the block list file ``path`` names from moto's S3."""
    uri = f"s3://{path['Bucket']}/{path['Key']}"
    found, failure = s3_object(index, path)
    if found is None:
        return Failure(failure[1] if failure else f"The S3 object {uri} doesn't exist.")
    if found.size > MAX_FILE_BYTES:
        return Failure(
            f"The block list file {uri} is {found.size} bytes; a block list file can be "
            f"at most {MAX_FILE_BYTES} bytes (2 MB).",
            found.size,
        )
    backend = index.backend
    body = moto_s3.read_object(backend.account_id, backend.partition, path["Bucket"], path["Key"])
    if body is None:
        return Failure(f"The S3 object {uri} doesn't exist.")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Failure(
            f"The block list file {uri} is not UTF-8 text: put one word or phrase a line.",
            len(body),
        )
    items = [item for item in (normalize(line) for line in text.splitlines()) if item]
    if len(items) > MAX_ITEMS:
        return Failure(
            f"The block list file {uri} has {len(items)} words or phrases; a block list "
            f"can have at most {MAX_ITEMS}.",
            len(body),
        )
    return Version(tuple(dict.fromkeys(items)), len(items), len(body))


class BlockList(BaseModel, Lifecycle):
    """A query suggestions block list of an index."""

    def __init__(self, store: BlockLists, params: Params) -> None:
        ManagedState.__init__(self, BLOCK_LIST_MODEL, [("CREATING", "ACTIVE")])
        self.store = store
        self.index = store.index
        self.id = str(mock_random.uuid4())
        self.arn = f"{self.index.arn}/query-suggestions-block-list/{self.id}"
        self.name: str = params["Name"]
        self.description: str | None = params.get("Description")
        self.role_arn: str = params["RoleArn"]
        self.source: dict[str, str] = dict(params["SourceS3Path"])
        self.client_token: str | None = params.get("ClientToken")
        self.created_at = self.updated_at = utcnow()
        #: The version in effect (None: none yet, or the first one failed).
        self.version: Version | None = None
        self.error_message: str | None = None
        self.failed_size = 0
        self._pending: Loaded | None = None
        self._reload("CREATING")

    # -- status -------------------------------------------------------------------

    @property
    def status(self) -> str:
        current = str(ManagedState.status.fget(self))  # type: ignore[attr-defined]
        if self._pending is not None and current not in BUSY:
            self._take_effect(self._pending)
        return current

    @status.setter
    def status(self, value: str) -> None:
        self._status = value

    def _take_effect(self, loaded: Loaded) -> None:
        self._pending = None
        if isinstance(loaded, Version):
            self.version, self.error_message = loaded, None
            self.store.changed_at = utcnow()
        else:
            self.error_message = loaded.message
            self.failed_size = loaded.size

    def _reload(self, status: str) -> None:
        """Read the file again: ``status`` (CREATING or UPDATING), then its outcome."""
        loaded = load(self.index, self.source)
        if isinstance(loaded, Version):
            outcome = "ACTIVE"
        else:
            outcome = "ACTIVE_BUT_UPDATE_FAILED" if self.version is not None else "FAILED"
        self._pending = loaded
        self.restart([(status, outcome)])

    def phrases(self) -> tuple[str, ...]:
        """The words and phrases this block list keeps out of suggestions now."""
        status = self.status
        if self.version is None or status == "FAILED":
            return ()
        return self.version.phrases

    # -- changes ------------------------------------------------------------------

    def update(self, params: Params) -> None:
        status = self.status
        if status in BUSY:
            raise ConflictException(
                f"The block list {self.id} is {status}: wait for it to finish before "
                "updating it again."
            )
        for member, attribute in (
            ("Name", "name"),
            ("Description", "description"),
            ("RoleArn", "role_arn"),
        ):
            if member in params:
                setattr(self, attribute, params[member])
        if "SourceS3Path" in params:
            self.source = dict(params["SourceS3Path"])
            self._reload("UPDATING")
        self.updated_at = utcnow()

    def start_deleting(self) -> None:
        self._pending = None
        super().start_deleting()

    def purge(self) -> None:
        self.store.lists.pop(self.id, None)
        if self.version is not None:
            self.store.changed_at = utcnow()
        tags.forget(self.index.backend, self.arn)

    # -- reads --------------------------------------------------------------------

    def _figures(self, status: str) -> tuple[int, int]:
        if self.version is not None:
            return self.version.item_count, self.version.size
        if status == "FAILED":
            return 0, self.failed_size
        if isinstance(self._pending, Version):
            return self._pending.item_count, self._pending.size
        return 0, 0

    def describe(self) -> Result:
        status = self.status
        item_count, size = self._figures(status)
        failed = status in ("FAILED", "ACTIVE_BUT_UPDATE_FAILED")
        return prune(
            {
                "IndexId": self.index.id,
                "Id": self.id,
                "Name": self.name,
                "Description": self.description,
                "Status": status,
                "ErrorMessage": (
                    printable(self.error_message, MAX_ERROR_CHARS, "The block list file failed.")
                    if failed and self.error_message
                    else None
                ),
                "CreatedAt": self.created_at,
                "UpdatedAt": self.updated_at,
                "SourceS3Path": dict(self.source),
                "ItemCount": item_count,
                "FileSizeBytes": size,
                "RoleArn": self.role_arn,
            }
        )

    def summary(self) -> Result:
        status = self.status
        return {
            "Id": self.id,
            "Name": self.name,
            "Status": status,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "ItemCount": self._figures(status)[0],
        }


class BlockLists:
    """The block lists of one index (``index.store(BlockLists)``)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.lists: dict[str, BlockList] = {}
        #: When the words in effect last changed (a version took effect, a list went).
        self.changed_at: datetime | None = None

    def live(self) -> list[BlockList]:
        """The block lists that aren't gone, oldest first (the gone ones are purged)."""
        for block_list in [item for item in self.lists.values() if item.gone()]:
            block_list.purge()
        return list(self.lists.values())

    def find(self, block_list_id: str) -> BlockList:
        block_list = self.lists.get(block_list_id)
        if block_list is not None and block_list.gone():
            block_list.purge()
            block_list = None
        if block_list is None:
            raise ResourceNotFoundException(
                f"Query suggestions block list {block_list_id} doesn't exist in index "
                f"{self.index.id}."
            )
        return block_list


def blocked_phrases(index: Index) -> list[str]:
    """The words and phrases the index's block lists keep out of query suggestions now
    (normalized as ``query_log.normalize`` does: lower case, no quotation marks, single
    spaces), in file order."""
    phrases: dict[str, None] = {}
    for block_list in index.store(BlockLists).live():
        phrases.update(dict.fromkeys(block_list.phrases()))
    return list(phrases)


def is_blocked(normalized_query: str, phrases: list[str]) -> bool:
    """Whether a normalized query contains one of ``phrases`` as whole words ("an exact
    match of the words or phrases in the block list", query-suggestions.md)."""
    padded = f" {normalized_query} "
    return any(f" {phrase} " in padded for phrase in phrases)


@operation("CreateQuerySuggestionsBlockList")
def create_block_list(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    store = index.store(BlockLists)
    live = store.live()
    token = params.get("ClientToken")
    for existing in live:
        if token is not None and existing.client_token == token:
            return {"Id": existing.id}
    if len(live) >= MAX_BLOCK_LISTS:
        raise ServiceQuotaExceededException(
            f"Index {index.id} already has {len(live)} query suggestions block list; an "
            f"index can have at most {MAX_BLOCK_LISTS}."
        )
    tags.check_tags(params.get("Tags", []))
    block_list = BlockList(store, params)
    store.lists[block_list.id] = block_list
    tags.track(backend, block_list.arn, block_list, params.get("Tags", []))
    return {"Id": block_list.id}


@operation("DescribeQuerySuggestionsBlockList")
def describe_block_list(backend: KendraBackend, params: Params) -> Result:
    block_list = find_index(backend, params["IndexId"]).store(BlockLists).find(params["Id"])
    result = block_list.describe()
    block_list.advance()
    return result


@operation("ListQuerySuggestionsBlockLists")
def list_block_lists(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    return backend.pages.summaries(
        f"ListQuerySuggestionsBlockLists:{index.id}",
        index.store(BlockLists).live(),
        params,
        100,
        "BlockListSummaryItems",
    )


@operation("UpdateQuerySuggestionsBlockList")
def update_block_list(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    index.store(BlockLists).find(params["Id"]).update(params)
    return {}


@operation("DeleteQuerySuggestionsBlockList")
def delete_block_list(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    block_list = index.store(BlockLists).find(params["Id"])
    if not block_list.deleting:  # again while DELETING: no error, as other Deletes
        block_list.start_deleting()
    if block_list.gone():
        block_list.purge()
    return {}
