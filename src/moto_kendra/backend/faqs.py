"""FAQs: CreateFaq, DescribeFaq, ListFaqs, DeleteFaq.

A ``Faq`` is a FAQ file (in-creating-faq.md) read from moto's S3 when CreateFaq is
called: its questions and answers (``faq_files``). Its status moves through
``kendra::faq`` (default: immediate): CREATING -> ACTIVE, or FAILED with an
ErrorMessage when the file can't be read (a missing bucket or object, a bucket of
another account or region, a malformed file); after DeleteFaq, DELETING -> gone.
The questions of ACTIVE FAQs answer queries (``faq_answers``) and count in
DescribeIndex's FaqStatistics. An index holds at most 30 FAQs (quotas.md). An
experience's FaqIds must name FAQs of its index (``experiences.register_content_source``).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState

from ..exceptions import ResourceNotFoundException, ServiceQuotaExceededException
from ..moto_glue import s3 as moto_s3
from . import tags
from .clock import utcnow
from .document_rules import s3_object
from .experiences import register_content_source
from .faq_files import FaqEntry, FaqFileError, read_faq
from .indices import Index, find_index, writable_index
from .lifecycle import Lifecycle
from .operations import Params, Result, operation
from .search_index import close_engine, keep_synonyms, open_engine
from .values import printable, prune

if TYPE_CHECKING:
    from .service import KendraBackend

FAQ_MODEL = "kendra::faq"
state_manager.register_default_transition(FAQ_MODEL, {"progression": "immediate"})
#: quotas.md: "Maximum number of FAQs per index: 30".
MAX_FAQS = 30


class Faq(BaseModel, Lifecycle):
    """One FAQ of an index: its settings, and the entries its file held."""

    def __init__(self, index: Index, params: Params) -> None:
        self.index = index
        self.id = str(mock_random.uuid4())
        self.arn = f"{index.arn}/faq/{self.id}"
        self.name: str = params["Name"]
        self.description: str | None = params.get("Description")
        self.s3_path: dict[str, str] = dict(params["S3Path"])
        self.role_arn: str = params["RoleArn"]
        self.file_format: str = params.get("FileFormat", "CSV")
        self.language_code: str = params.get("LanguageCode", "en")
        self.client_token: str | None = params.get("ClientToken")
        self.created_at = self.updated_at = utcnow()
        self.entries: list[FaqEntry] = []
        self.error_message: str | None = None
        try:
            self.entries = self._read()
        except FaqFileError as error:
            self.error_message = printable(str(error), 2048, "The FAQ file could not be read.")
        outcome = "FAILED" if self.error_message else "ACTIVE"
        ManagedState.__init__(self, FAQ_MODEL, [("CREATING", outcome)])

    def _read(self) -> list[FaqEntry]:
        found, failure = s3_object(self.index, self.s3_path)
        if failure is not None:
            raise FaqFileError(failure[1])
        assert found is not None
        backend = self.index.backend
        data = moto_s3.read_object(
            backend.account_id, backend.partition, self.s3_path["Bucket"], self.s3_path["Key"]
        )
        if data is None:
            raise FaqFileError(f"The S3 object s3://{self.s3_path['Bucket']}/{found.key} vanished.")
        entries = read_faq(data, self.file_format, self.index.fields)
        for entry in entries:
            entry.attributes.setdefault("_language_code", {"StringValue": self.language_code})
            entry.attributes["_faq_id"] = {"StringValue": self.id}
        return entries

    def describe(self) -> Result:
        status = self.status
        return prune(
            {
                "Id": self.id,
                "IndexId": self.index.id,
                "Name": self.name,
                "Description": self.description,
                "CreatedAt": self.created_at,
                "UpdatedAt": self.updated_at,
                "S3Path": self.s3_path,
                "Status": status,
                "RoleArn": self.role_arn,
                "ErrorMessage": self.error_message if status == "FAILED" else None,
                "FileFormat": self.file_format,
                "LanguageCode": self.language_code,
            }
        )

    def summary(self) -> Result:
        return {
            "Id": self.id,
            "Name": self.name,
            "Status": self.status,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "FileFormat": self.file_format,
            "LanguageCode": self.language_code,
        }


def entry_document_id(faq: Faq, number: int, entry: FaqEntry) -> str:
    """A question's DocumentId in results: a digest of it, then the FAQ's id."""
    # surrogatepass: a JSON file can hold a lone surrogate, which UTF-8 can't encode.
    key = f"{faq.id}\n{number}\n{entry.question}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(key).hexdigest()
    return digest + faq.id


class FaqStore:
    """An index's FAQs, and the questions of its ACTIVE ones in a full-text engine
    (opened with the first FAQ)."""

    #: The ``thesauri.synonyms_version`` whose synonyms the engine expands queries with.
    synonyms_version = 0

    def __init__(self, index: Index) -> None:
        self.index = index
        self.faqs: dict[str, Faq] = {}
        self.engine: Any = None
        #: Engine id -> (its FAQ, its entry) for the questions being searched.
        self.entries: dict[str, tuple[Faq, FaqEntry]] = {}
        self._indexed: set[str] = set()

    def find(self, faq_id: str) -> Faq:
        faq = self.faqs.get(faq_id)
        if faq is not None and faq.gone():
            self.purge(faq)
            faq = None
        if faq is None:
            raise ResourceNotFoundException(f"FAQ {faq_id} doesn't exist in index {self.index.id}.")
        return faq

    def add(self, faq: Faq) -> None:
        self.faqs[faq.id] = faq
        if self.engine is None:
            self.engine = open_engine()

    def purge(self, faq: Faq) -> None:
        self.faqs.pop(faq.id, None)
        self.unindex(faq)
        tags.forget(self.index.backend, faq.arn)

    def unindex(self, faq: Faq) -> None:
        """Its questions no longer answer queries."""
        if faq.id not in self._indexed:
            return
        self._indexed.discard(faq.id)
        for number in range(len(faq.entries)):
            key = f"{faq.id}/{number}"
            self.entries.pop(key, None)
            self.engine.delete(key)

    def refresh(self) -> None:
        """FAQs that became ACTIVE (a status read moves what is due) answer queries, with
        the synonyms of the index's thesauri in effect."""
        if self.engine is not None:
            self.synonyms_version = keep_synonyms(self.index, self.engine, self.synonyms_version)
        for faq in list(self.faqs.values()):
            if faq.id in self._indexed or faq.deleting or faq.status != "ACTIVE":
                continue
            self._indexed.add(faq.id)
            for number, entry in enumerate(faq.entries):
                key = f"{faq.id}/{number}"
                self.entries[key] = (faq, entry)
                self.engine.put(key, body=entry.question)

    def index_statistics(self) -> dict[str, Any]:
        """DescribeIndex's FaqStatistics: the questions of the ACTIVE FAQs."""
        self.refresh()
        return {"FaqStatistics": {"IndexedQuestionAnswersCount": len(self.entries)}}

    def close(self) -> None:
        if self.engine is not None:
            close_engine(self.engine)
        self.entries.clear()
        self._indexed.clear()


@operation("CreateFaq")
def create_faq(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    store = index.store(FaqStore)
    token = params.get("ClientToken")
    live = []
    for faq in list(store.faqs.values()):
        if token is not None and faq.client_token == token:
            return {"Id": faq.id}
        if faq.gone():
            store.purge(faq)
        else:
            live.append(faq)
    if len(live) >= MAX_FAQS:
        raise ServiceQuotaExceededException(
            f"Index {index.id} already has {len(live)} FAQs; an index can have at most "
            f"{MAX_FAQS} FAQs."
        )
    tags.check_tags(params.get("Tags", []))
    faq = Faq(index, params)
    store.add(faq)
    tags.track(backend, faq.arn, faq, params.get("Tags", []))
    return {"Id": faq.id}


@operation("DescribeFaq")
def describe_faq(backend: KendraBackend, params: Params) -> Result:
    faq = find_index(backend, params["IndexId"]).store(FaqStore).find(params["Id"])
    result = faq.describe()
    faq.advance()
    return result


@operation("ListFaqs")
def list_faqs(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    store = index.store(FaqStore)
    for gone in [faq for faq in store.faqs.values() if faq.gone()]:
        store.purge(gone)
    return backend.pages.summaries(
        f"ListFaqs:{index.id}", list(store.faqs.values()), params, 100, "FaqSummaryItems"
    )


@operation("DeleteFaq")
def delete_faq(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    store = index.store(FaqStore)
    faq = store.find(params["Id"])
    if not faq.deleting:
        faq.start_deleting()
        store.unindex(faq)
    if faq.gone():
        store.purge(faq)
    return {}


def _faq_status(index: Index, faq_id: str) -> str | None:
    """What an experience's FaqIds name: the FAQ's status ("DELETING" for one being
    deleted), or None if the index has no FAQ of that id (or it is gone)."""
    store = index.store(FaqStore)
    faq = store.faqs.get(faq_id)
    if faq is not None and faq.gone():
        store.purge(faq)
        return None
    if faq is None:
        return None
    return "DELETING" if faq.deleting else str(faq.status)


register_content_source("FaqIds", "FAQ", _faq_status)
