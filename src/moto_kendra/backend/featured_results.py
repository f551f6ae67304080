"""Featured results: CreateFeaturedResultsSet, DescribeFeaturedResultsSet,
ListFeaturedResultsSets, UpdateFeaturedResultsSet, BatchDeleteFeaturedResultsSet; and
the documents an ACTIVE set features for a query.

featured-results.md: a set maps query texts to up to four documents, in order. A query
text belongs to one set of the index, ACTIVE or INACTIVE: another set using it is a
FeaturedResultsConflictException listing each conflicting query (ConflictingItems).
Queries match "exactly": Kendra lower-cases the query and the set's texts and folds
white space; every other character must be the same (see ``query_key``). Describe
tells the featured documents the index holds (with their title and URI) from those it
doesn't (FeaturedDocumentsMissing), as the index is at that moment.

The contract with search: ``featured_documents(index, query_text)``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.moto_api._internal import mock_random

from ..exceptions import (
    FeaturedResultsConflictException,
    ResourceNotFoundException,
    ValidationException,
    clip,
)
from . import tags
from .clock import utcnow
from .indices import Index, find_index, writable_index
from .operations import Params, Result, operation
from .values import printable, prune

if TYPE_CHECKING:
    from .service import KendraBackend

#: Featured results sets per index (quotas.md; the model lists no
#: ServiceQuotaExceededException for CreateFeaturedResultsSet: a ValidationException).
MAX_SETS = 50
#: Featured documents per set (quotas.md, API_FeaturedResultsSet.md).
MAX_DOCUMENTS = 4
#: ConflictingItems are listed up to this many bytes of JSON (the rest are counted in
#: the message), so an error body stays small whatever the request held.
MAX_CONFLICTS_JSON = 16_000
#: A URI Kendra can return (FeaturedDocumentWithMetadata.URI's pattern).
_URI_SCHEMES = ("http://", "https://", "ftp://", "file://")


def query_key(text: str) -> str:
    """The form in which a query and a set's query text must be equal to match.

    featured-results.md: "Amazon Kendra converts a query to lower case, and replaces
    trailing white space characters with a single space. Amazon Kendra matches all other
    characters as they are." So: lower case, each run of white space one space, none at
    either end; punctuation and everything else as is (``kendra?`` isn't ``kendra``).
    """
    return " ".join(text.lower().split())


class FeaturedResultsSets:
    """An index's featured results sets (``index.store(FeaturedResultsSets)``)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.items: dict[str, FeaturedResultsSet] = {}
        #: Every query text in use, by ``query_key``: the set using it.
        self.by_query: dict[str, FeaturedResultsSet] = {}

    def find(self, set_id: str) -> FeaturedResultsSet:
        found = self.items.get(set_id)
        if found is None:
            raise ResourceNotFoundException(
                f"Featured results set {set_id} doesn't exist in index {self.index.id}."
            )
        return found

    def check_queries(self, texts: list[str], updated: FeaturedResultsSet | None) -> None:
        """ValidationException for a text given twice; FeaturedResultsConflictException
        for texts another set of the index uses."""
        keys: dict[str, str] = {}
        for text in texts:
            key = query_key(text)
            if not key:
                raise ValidationException(
                    f"The query text {clip(text)!r} is only white space; a query text holds "
                    "the query to feature results for."
                )
            if key in keys:
                raise ValidationException(
                    f"The query texts {clip(keys[key])!r} and {clip(text)!r} are the same query "
                    "(queries match regardless of case and white space); give it once."
                )
            keys[key] = text
        conflicts = [
            (text, self.by_query[key])
            for key, text in keys.items()
            if key in self.by_query and self.by_query[key] is not updated
        ]
        if conflicts:
            raise conflict_error(conflicts)

    def _unindex(self, featured: FeaturedResultsSet, texts: list[str]) -> None:
        for text in texts:
            if self.by_query.get(query_key(text)) is featured:
                del self.by_query[query_key(text)]

    def index_queries(self, featured: FeaturedResultsSet, old: list[str]) -> None:
        """``featured`` now uses its query texts instead of ``old``."""
        self._unindex(featured, old)
        for text in featured.query_texts:
            self.by_query[query_key(text)] = featured

    def remove(self, featured: FeaturedResultsSet) -> None:
        self._unindex(featured, featured.query_texts)
        del self.items[featured.id]
        tags.forget(self.index.backend, featured.arn)


def conflict_error(
    conflicts: list[tuple[str, FeaturedResultsSet]],
) -> FeaturedResultsConflictException:
    items: list[dict[str, str]] = []
    size = 0
    for text, other in conflicts:
        item = {"QueryText": text, "SetName": other.name, "SetId": other.id}
        size += len(json.dumps(item))
        if size > MAX_CONFLICTS_JSON:
            break
        items.append(item)
    listed = "" if len(items) == len(conflicts) else f" ({len(items)} listed)"
    names = ", ".join(sorted({f"{other.name} ({other.id})" for _, other in conflicts}))
    texts = "query text" if len(conflicts) == 1 else "query texts"
    return FeaturedResultsConflictException(
        f"{len(conflicts)} {texts}{listed} already used by another featured results set of "
        f"the index: {names}. A query text can be used by one featured results set of an "
        "index, active or inactive.",
        items,
    )


def _timestamp() -> int:
    """CreationTimestamp, LastUpdatedTimestamp: Longs, milliseconds since the epoch."""
    return int(utcnow().timestamp() * 1000)


class FeaturedResultsSet(BaseModel):
    def __init__(self, store: FeaturedResultsSets, params: Params) -> None:
        self.store = store
        self.index = store.index  # TagResource refuses a set of an index being deleted
        self.id = str(mock_random.uuid4())
        self.arn = f"{store.index.arn}/featured-results-set/{self.id}"
        self.client_token: str | None = params.get("ClientToken")
        self.name: str = params["FeaturedResultsSetName"]
        self.description: str | None = params.get("Description")
        # featured-results.md's example creates a set and features its documents at once.
        self.status: str = params.get("Status", "ACTIVE")
        self.query_texts: list[str] = list(params.get("QueryTexts", []))
        self.documents: list[str] = document_ids(params.get("FeaturedDocuments", []))
        self.created = self.updated = _timestamp()

    def update(self, params: Params) -> None:
        if "FeaturedResultsSetName" in params:
            self.name = params["FeaturedResultsSetName"]
        if "Description" in params:
            self.description = params["Description"]
        if "Status" in params:
            self.status = params["Status"]
        if "QueryTexts" in params:
            self.query_texts = list(params["QueryTexts"])
        if "FeaturedDocuments" in params:
            self.documents = document_ids(params["FeaturedDocuments"])
        self.updated = _timestamp()

    def _common(self) -> Result:
        return {
            "FeaturedResultsSetId": self.id,
            "FeaturedResultsSetName": self.name,
            "Status": self.status,
            "CreationTimestamp": self.created,
            "LastUpdatedTimestamp": self.updated,
        }

    def result(self) -> Result:
        """The FeaturedResultsSet of Create and Update."""
        return prune(
            {
                **self._common(),
                "Description": self.description,
                "QueryTexts": list(self.query_texts),
                "FeaturedDocuments": [{"Id": doc_id} for doc_id in self.documents],
            }
        )

    def summary(self) -> Result:
        return self._common()

    def describe(self) -> Result:
        held: list[Result] = []
        missing: list[Result] = []
        for doc_id in self.documents:
            metadata = _held_document(self.index, doc_id)
            if metadata is None:
                missing.append({"Id": doc_id})
            else:
                held.append(metadata)
        return prune(
            {
                **self._common(),
                "Description": self.description,
                "QueryTexts": list(self.query_texts),
                "FeaturedDocumentsWithMetadata": held,
                "FeaturedDocumentsMissing": missing,
            }
        )


def document_ids(documents: list[dict[str, Any]]) -> list[str]:
    """The ids of FeaturedDocuments, checked: each has an Id, at most four, no repeats."""
    ids: list[str] = []
    for document in documents:
        doc_id = document.get("Id")
        if doc_id is None:
            raise ValidationException("Each featured document needs an Id.")
        if doc_id in ids:
            raise ValidationException(
                f"The document {clip(doc_id)!r} is featured twice in the set; list it once."
            )
        ids.append(doc_id)
    if len(ids) > MAX_DOCUMENTS:
        raise ValidationException(
            f"A featured results set can feature at most {MAX_DOCUMENTS} documents; "
            f"{len(ids)} were given."
        )
    return ids


def _held_document(index: Index, doc_id: str) -> Result | None:
    """FeaturedDocumentWithMetadata of a document the index can return now, or None."""
    document = index.documents.get(doc_id)
    # A status read, not a step: a document whose indexing is due ends it now.
    version = document.searchable() if document is not None else None
    if version is None:
        return None
    content = version.content
    uri = content.attributes.get("_source_uri", {}).get("StringValue")
    if not (
        isinstance(uri, str)
        and uri.startswith(_URI_SCHEMES)
        and len(uri) <= 2048
        and not any(char.isspace() for char in uri[uri.index("//") + 2 :])
    ):
        uri = None
    title = content.title[:2048] if content.title else None
    return prune({"Id": doc_id, "Title": title, "URI": uri})


# -- the contract with search ---------------------------------------------------------------


def featured_documents(index: Index, query_text: str) -> list[str]:
    """The document ids an ACTIVE set of ``index`` features for ``query_text``, in the
    set's order; [] when no ACTIVE set has that query text (``query_key`` decides).

    Every featured id is returned, held by the index or not: the caller features the
    ones it can return to this user (it holds them, and access control lets the user
    see them) and leaves those out of the other results.
    """
    store = index.store(FeaturedResultsSets)
    featured = store.by_query.get(query_key(query_text))
    if featured is None or featured.status != "ACTIVE":
        return []
    return list(featured.documents)


# -- operations -------------------------------------------------------------------------------


@operation("CreateFeaturedResultsSet")
def create_featured_results_set(backend: KendraBackend, params: Params) -> Result:
    index = writable_index(backend, params["IndexId"])
    store = index.store(FeaturedResultsSets)
    token = params.get("ClientToken")
    for existing in store.items.values():
        if token is not None and existing.client_token == token:
            return {"FeaturedResultsSet": existing.result()}
    tags.check_tags(params.get("Tags", []))
    if len(store.items) >= MAX_SETS:
        raise ValidationException(
            f"Index {index.id} has {len(store.items)} featured results sets; an index can "
            f"have at most {MAX_SETS}. Delete one (BatchDeleteFeaturedResultsSet) first."
        )
    store.check_queries(params.get("QueryTexts", []), None)
    featured = FeaturedResultsSet(store, params)
    store.items[featured.id] = featured
    store.index_queries(featured, [])
    tags.track(backend, featured.arn, featured, params.get("Tags", []))
    return {"FeaturedResultsSet": featured.result()}


@operation("DescribeFeaturedResultsSet")
def describe_featured_results_set(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    return index.store(FeaturedResultsSets).find(params["FeaturedResultsSetId"]).describe()


@operation("ListFeaturedResultsSets")
def list_featured_results_sets(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    items = list(index.store(FeaturedResultsSets).items.values())
    page, token = backend.pages.page(f"ListFeaturedResultsSets:{index.id}", items, params, 100)
    return prune(
        {"FeaturedResultsSetSummaryItems": [item.summary() for item in page], "NextToken": token}
    )


@operation("UpdateFeaturedResultsSet")
def update_featured_results_set(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    if index.deleting:
        # The model lists no ConflictException for UpdateFeaturedResultsSet.
        raise ValidationException(
            f"Index {index.id} is being deleted (status DELETING); its featured results "
            "sets can't change."
        )
    store = index.store(FeaturedResultsSets)
    featured = store.find(params["FeaturedResultsSetId"])
    if "QueryTexts" in params:
        store.check_queries(params["QueryTexts"], featured)
    if "FeaturedDocuments" in params:
        document_ids(params["FeaturedDocuments"])
    old = list(featured.query_texts)
    featured.update(params)
    store.index_queries(featured, old)
    return {"FeaturedResultsSet": featured.result()}


@operation("BatchDeleteFeaturedResultsSet")
def batch_delete_featured_results_set(backend: KendraBackend, params: Params) -> Result:
    index = find_index(backend, params["IndexId"])
    store = index.store(FeaturedResultsSets)
    errors: list[Result] = []
    for set_id in dict.fromkeys(params["FeaturedResultsSetIds"]):
        featured = store.items.get(set_id)
        problem = None
        if index.deleting:
            problem = f"Index {index.id} is being deleted (status DELETING)."
        elif featured is None:
            problem = f"Featured results set {set_id} doesn't exist in index {index.id}."
        if problem is not None:
            errors.append(
                {
                    "Id": set_id,
                    "ErrorCode": "InvalidRequest",
                    "ErrorMessage": printable(problem, 2048, "Invalid request."),
                }
            )
        elif featured is not None:
            store.remove(featured)
    return {"Errors": errors}
