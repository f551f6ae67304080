"""Thesauri: CreateThesaurus, DescribeThesaurus, ListThesauri, UpdateThesaurus,
DeleteThesaurus; and the synonyms they give an index's searches.

A ``Thesaurus`` reads its file (``SourceS3Path``) from moto's S3 when it is created and
at every UpdateThesaurus (the guide: "if you do not change the path, Amazon Kendra
reloads the thesaurus from the existing path"); the file is parsed and checked by
``thesaurus_file``. Its status moves through ``kendra::thesaurus``: CREATING -> ACTIVE,
or FAILED with an ErrorMessage when the object is missing, over 5 MB or malformed;
after an update UPDATING -> ACTIVE, or ACTIVE_BUT_UPDATE_FAILED when the new file is
refused ("the previously uploaded thesaurus file is retained"); after DeleteThesaurus
DELETING -> gone. An index has at most one thesaurus (quotas.md).

The contract with search: ``synonyms(index)``, the term -> synonyms mapping of the
thesauri in effect (ACTIVE, and the previous file of one UPDATING or
ACTIVE_BUT_UPDATE_FAILED), in the form ``moto_kendra.search.SearchIndex`` takes; and
``synonyms_version(index)``, a number that changes whenever that mapping does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from ..exceptions import ConflictException, ResourceNotFoundException, ServiceQuotaExceededException
from ..moto_glue import s3 as moto_s3
from . import tags
from .clock import utcnow
from .indices import Index, find_index, writable_index
from .lifecycle import GONE, Lifecycle
from .operations import Params, Result, operation
from .thesaurus_file import MAX_FILE_BYTES, ParsedThesaurus, ThesaurusFileError, parse_thesaurus
from .values import printable, prune

if TYPE_CHECKING:
    from .service import KendraBackend

THESAURUS_MODEL = "kendra::thesaurus"
state_manager.register_default_transition(THESAURUS_MODEL, {"progression": "immediate"})

#: Thesauri per index (quotas.md; not adjustable).
MAX_THESAURI = 1
#: Statuses in which a thesaurus' file in effect expands queries.
IN_EFFECT = frozenset({"ACTIVE", "UPDATING", "ACTIVE_BUT_UPDATE_FAILED"})
#: ErrorMessage: at most this many characters, no control characters (the model).
MAX_ERROR_MESSAGE = 2048


class Thesauri:
    """An index's thesauri (``index.store(Thesauri)``) and the version of their synonyms."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.items: dict[str, Thesaurus] = {}
        #: Changes whenever the synonyms in effect change (see ``synonyms_version``).
        self.version = 0

    def settle(self) -> list[Thesaurus]:
        """Read every thesaurus' status (an ingestion that ended applies; one gone is
        forgotten); the thesauri left, in creation order."""
        for thesaurus in list(self.items.values()):
            if thesaurus.status == GONE:
                thesaurus.purge()
        return list(self.items.values())

    def find(self, thesaurus_id: str) -> Thesaurus:
        thesaurus = self.items.get(thesaurus_id)
        if thesaurus is not None and thesaurus.status == GONE:
            thesaurus.purge()
            thesaurus = None
        if thesaurus is None:
            raise ResourceNotFoundException(
                f"Thesaurus {thesaurus_id} doesn't exist in index {self.index.id}."
            )
        return thesaurus


class Thesaurus(BaseModel, Lifecycle):
    def __init__(self, store: Thesauri, params: Params) -> None:
        ManagedState.__init__(self, THESAURUS_MODEL, [("CREATING", "ACTIVE")])
        self.store = store
        self.index = store.index
        self.id = str(mock_random.uuid4())
        self.arn = f"{self.index.arn}/thesaurus/{self.id}"
        self.client_token: str | None = params.get("ClientToken")
        self.settings: dict[str, Any] = {}
        #: The file in effect (None until one is ingested) and its size in bytes.
        self.rules: ParsedThesaurus | None = None
        self.file_size = 0
        #: What the ingestion in progress ends with: a parsed file and its size, or why not.
        self._pending: tuple[ParsedThesaurus, int] | str | None = None
        self.error_message: str | None = None
        self.update(params, "CREATING")
        self.created_at = self.updated_at

    # -- ingestion ----------------------------------------------------------------------

    def _read(self) -> tuple[ParsedThesaurus, int] | str:
        """The file at SourceS3Path, parsed, and its size; or why it can't be ingested."""
        path = self.settings["SourceS3Path"]
        bucket, key = path["Bucket"], path["Key"]
        where = f"s3://{bucket}/{key}"
        backend = self.index.backend
        account, partition = backend.account_id, backend.partition
        if moto_s3.find_bucket(account, partition, bucket) is None:
            return f"The thesaurus file {where} can't be read: the bucket {bucket} doesn't exist."
        missing = f"The thesaurus file {where} can't be read: no object has that key."
        head = moto_s3.head_object(account, partition, bucket, key)
        if head is None:
            return missing
        if head.size > MAX_FILE_BYTES:
            return (
                f"The thesaurus file {where} is {head.size:,} bytes; a thesaurus file can be "
                f"at most 5 MB ({MAX_FILE_BYTES:,} bytes)."
            )
        data = moto_s3.read_object(account, partition, bucket, key)
        if data is None:
            return missing
        try:
            return parse_thesaurus(data), head.size
        except ThesaurusFileError as error:
            return f"The thesaurus file {where} is invalid: {error}."

    def _ingest(self, start: str) -> None:
        """Read the file now; ``start`` (CREATING, UPDATING) moves to where it ends."""
        self._pending = self._read()
        if isinstance(self._pending, str):
            end = "ACTIVE_BUT_UPDATE_FAILED" if self.rules is not None else "FAILED"
        else:
            end = "ACTIVE"
        self.restart([(start, end)])
        self.error_message = None

    @property
    def status(self) -> str:
        current = str(ManagedState.status.fget(self))  # type: ignore[attr-defined]
        if self._pending is not None and current not in ("CREATING", "UPDATING"):
            pending, self._pending = self._pending, None
            if isinstance(pending, str):
                self.error_message = printable(pending, MAX_ERROR_MESSAGE, "Invalid file.")
            else:
                self.rules, self.file_size = pending
                self.store.version += 1
        return current

    @status.setter
    def status(self, value: str) -> None:
        self._status = value

    def update(self, params: Params, start: str = "UPDATING") -> None:
        """Take the settings given, and ingest the file (again): ``start`` is CREATING
        for a new thesaurus, UPDATING for UpdateThesaurus."""
        for key in ("Name", "Description", "RoleArn", "SourceS3Path"):
            if key in params:
                self.settings[key] = params[key]
        self.updated_at = utcnow()
        self._ingest(start)

    # -- deletion -------------------------------------------------------------------------

    def check_changeable(self) -> None:
        """ConflictException while an ingestion or a deletion is in progress."""
        self.index.check_writable()
        status = self.status
        if status in ("CREATING", "UPDATING", "DELETING"):
            raise ConflictException(
                f"Thesaurus {self.id} is {status}; it can be updated once it is ACTIVE, "
                "FAILED or ACTIVE_BUT_UPDATE_FAILED."
            )

    def start_deleting(self) -> None:
        if self.status in IN_EFFECT and self.rules is not None:
            self.store.version += 1  # its synonyms stop applying now
        self._pending = None
        super().start_deleting()

    def purge(self) -> None:
        self.store.items.pop(self.id, None)
        tags.forget(self.index.backend, self.arn)

    # -- reads ------------------------------------------------------------------------------

    def describe(self) -> Result:
        status = self.status
        rules = self.rules or ParsedThesaurus()
        failed = status in ("FAILED", "ACTIVE_BUT_UPDATE_FAILED")
        return prune(
            {
                "Id": self.id,
                "IndexId": self.index.id,
                "Status": status,
                "ErrorMessage": self.error_message if failed else None,
                "CreatedAt": self.created_at,
                "UpdatedAt": self.updated_at,
                "FileSizeBytes": self.file_size,
                "TermCount": rules.term_count,
                "SynonymRuleCount": rules.rule_count,
                **self.settings,
            }
        )

    def summary(self) -> Result:
        return {
            "Id": self.id,
            "Name": self.settings["Name"],
            "Status": self.status,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
        }


# -- the contract with search ---------------------------------------------------------------


def synonyms_version(index: Index) -> int:
    """A number that changes whenever ``synonyms(index)`` would answer differently.

    Starts at 0 (no synonyms). A search keeps the version it last applied with
    ``SearchIndex.set_synonyms`` and applies ``synonyms(index)`` again only when this
    differs. Reads the thesauri's statuses (an ingestion that has ended applies).
    """
    store = index.store(Thesauri)
    store.settle()
    return store.version


def synonyms(index: Index) -> dict[str, list[str]]:
    """The synonyms of the index's thesauri in effect: term -> the terms it also searches.

    A term is in its normal form (its words lower case, without accents, one space
    apart: ``"autoscaling group"``), its synonyms as written in the file. An equivalence
    rule ``a, b, c`` maps each term to the others; an explicit ``a, b => c, d`` maps
    ``a`` and ``b`` to ``c`` and ``d`` only. The form
    ``moto_kendra.search.SearchIndex(synonyms=...)`` and ``.set_synonyms`` take.
    """
    merged: dict[str, list[str]] = {}
    for thesaurus in index.store(Thesauri).settle():
        if thesaurus.rules is None or thesaurus.status not in IN_EFFECT:
            continue
        for term, alternatives in thesaurus.rules.synonyms.items():
            into = merged.setdefault(term, [])
            into.extend(alternative for alternative in alternatives if alternative not in into)
    return merged


# -- operations -------------------------------------------------------------------------------


@operation("CreateThesaurus")
def create_thesaurus(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    store = index.store(Thesauri)
    existing = store.settle()
    token = params.get("ClientToken")
    for thesaurus in existing:
        if token is not None and thesaurus.client_token == token:
            return {"Id": thesaurus.id}
    tags.check_tags(params.get("Tags", []))
    if len(existing) >= MAX_THESAURI:
        other = existing[0]
        if other.deleting:
            raise ConflictException(
                f"Thesaurus {other.id} of index {index.id} is being deleted; an index can "
                f"have {MAX_THESAURI} thesaurus, so create another once it is gone."
            )
        raise ServiceQuotaExceededException(
            f"Index {index.id} already has thesaurus {other.id}: an index can have at most "
            f"{MAX_THESAURI} thesaurus. Update that one (UpdateThesaurus) or delete it first."
        )
    thesaurus = Thesaurus(store, params)
    store.items[thesaurus.id] = thesaurus
    tags.track(backend, thesaurus.arn, thesaurus, params.get("Tags", []))
    return {"Id": thesaurus.id}


@operation("DescribeThesaurus")
def describe_thesaurus(backend: KendraBackend, params: Params) -> Result:
    thesaurus = find_index(backend, params["IndexId"]).store(Thesauri).find(params["Id"])
    result = thesaurus.describe()
    thesaurus.advance()
    return result


@operation("ListThesauri")
def list_thesauri(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    items = index.store(Thesauri).settle()
    return backend.pages.summaries(
        f"ListThesauri:{index.id}", items, params, 100, "ThesaurusSummaryItems"
    )


@operation("UpdateThesaurus")
def update_thesaurus(backend: KendraBackend, params: Params) -> Result:
    thesaurus = find_index(backend, params["IndexId"]).store(Thesauri).find(params["Id"])
    thesaurus.check_changeable()
    thesaurus.update(params)
    return {}


@operation("DeleteThesaurus")
def delete_thesaurus(backend: KendraBackend, params: Params) -> Result:
    thesaurus = writable_index(backend, params["IndexId"]).store(Thesauri).find(params["Id"])
    if not thesaurus.deleting:  # again while DELETING: no error, as DeleteDataSource
        thesaurus.start_deleting()
    if thesaurus.status == GONE:
        thesaurus.purge()
    return {}
