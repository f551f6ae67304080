"""What an index can search, kept in step with its documents.

``SearchStore`` (``index.store(SearchStore)``) owns the index's full-text engine
(``moto_kendra.search.SearchIndex``: one in-memory SQLite database) and keeps in it,
for every document, the version a search finds now (``Document.searchable_now``):
INDEXED or UPDATED versions, or the previous version while a replacement is
PROCESSING (and after UPDATE_FAILED). ``IndexedDocuments`` tells the store whenever
that may have changed (``SEARCHABLE_HOOKS``), so a search never scans the documents.

A version's text is extracted once, when it becomes searchable (Kendra indexes
asynchronously too), and kept in the engine (the Blob as sent is dropped then: nothing
reads it again, and it would double the memory a document takes): the title (the document's Title, else
the one its format gives, such as HTML's ``<title>``, else an S3 object's file name),
the body (a Blob by its ContentType; an S3Path document's or crawled object's bytes
from moto's S3, by ContentType or extension; at most Kendra's 5 MB of extracted text),
and the values of its searchable string fields (``Search.Searchable``, true by default
for string fields). A version whose text can't be read is indexed by title and
attributes only, with a note (``SearchStore.note``).

The databases are closed when the index is gone and when moto resets the backend
(``Index.close_stores``); ``open_databases()`` counts the open ones.
"""

from __future__ import annotations

import base64
import binascii
import posixpath
import weakref
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..moto_glue import s3 as moto_s3
from ..search import SearchIndex
from ..search.engine import storable
from ..search.extract import extract_text
from .index_fields import RESERVED_FIELDS, UNLISTED_RESERVED
from .index_state import SEARCHABLE_HOOKS
from .indices import Index
from .thesauri import Thesauri, synonyms, synonyms_version

if TYPE_CHECKING:
    from .documents import Document

#: Kendra extracts at most this much text from one document (quotas.md: "Maximum
#: amount of text extracted from a single document: 5 MB").
MAX_TEXT_BYTES = 5 * 1024 * 1024
STRING_TYPES = ("STRING_VALUE", "STRING_LIST_VALUE")
#: Documents are in English unless they say otherwise (custom-attributes.md).
DEFAULT_LANGUAGE = "en"
_RESERVED = {field["Name"]: field for field in RESERVED_FIELDS}
_URL_SCHEMES = ("http://", "https://", "ftp://", "file://")

#: Every engine the backend has opened and not closed yet.
_OPEN: weakref.WeakSet[SearchIndex] = weakref.WeakSet()


def open_engine() -> SearchIndex:
    """A new full-text engine, counted among the open databases until closed."""
    engine = SearchIndex()
    _OPEN.add(engine)
    return engine


def close_engine(engine: SearchIndex) -> None:
    engine.close()
    _OPEN.discard(engine)


def open_databases() -> int:
    """How many search databases the backends hold open now (each index with searchable
    documents has one, and one more once it has FAQs)."""
    return len(_OPEN)


def field_types(index: Index) -> dict[str, str]:
    """Every field of the index by name: its type (``STRING_VALUE``, ...)."""
    types = dict(UNLISTED_RESERVED)
    for field in index.fields.configurations():
        types[field["Name"]] = field["Type"]
    return types


def _search_setting(field: Mapping[str, Any], name: str) -> bool:
    search = field.get("Search") or {}
    if name in search:
        return bool(search[name])
    if name == "Displayable":
        return True  # API_Search.md: "The default is true."
    if name == "Searchable":
        return field["Type"] in STRING_TYPES  # true for string fields, false otherwise
    return False  # Facetable and Sortable: "The default is false."


def fields_with(index: Index, setting: str) -> frozenset[str]:
    """The names of the index's fields whose ``Search.<setting>`` is on (Displayable,
    Facetable, Searchable, Sortable; API_Search.md's defaults where unset)."""
    return frozenset(
        field["Name"] for field in index.fields.configurations() if _search_setting(field, setting)
    )


def tuned_fields(index: Index) -> list[dict[str, Any]]:
    """The fields whose relevance is tuned at the index level: custom fields with a
    Relevance, and reserved fields whose Relevance differs from Kendra's default."""
    tuned = []
    for field in index.fields.configurations():
        relevance = field.get("Relevance")
        if not relevance:
            continue
        reserved = _RESERVED.get(field["Name"])
        if reserved is not None and reserved.get("Relevance") == relevance:
            continue
        tuned.append(field)
    return tuned


def source_uri(index: Index, version: Document) -> str | None:
    """A version's DocumentURI: its ``_source_uri`` (when it is a URL), else, for a
    document whose body is an S3 object, the object's URL (s3-metadata.md: "links
    returned ... point to the Amazon S3 bucket that contains the document")."""
    content = version.content
    given = (content.attributes.get("_source_uri") or {}).get("StringValue")
    if isinstance(given, str) and given.startswith(_URL_SCHEMES) and not _has_space(given):
        return given[:2048]
    if content.s3_bucket and content.s3_key:
        region = index.backend.region_name
        url = f"https://s3.{region}.amazonaws.com/{content.s3_bucket}/{quote(content.s3_key)}"
        return url[:2048]
    return None


def _has_space(text: str) -> bool:
    return any(char.isspace() for char in text)


def _cut(text: str) -> str:
    """At most MAX_TEXT_BYTES of ``text`` (UTF-8), cut at a character boundary."""
    if len(text) * 4 <= MAX_TEXT_BYTES:
        return text
    encoded = text.encode("utf-8")
    if len(encoded) <= MAX_TEXT_BYTES:
        return text
    return encoded[:MAX_TEXT_BYTES].decode("utf-8", errors="ignore")


def extract(index: Index, version: Document) -> tuple[str | None, str, str | None]:
    """A version's title, text and a note when its text couldn't be (fully) read."""
    content = version.content
    key = content.s3_key if content.blob is None else None
    data: bytes | None
    note: str | None = None
    if content.blob is not None:
        try:
            data = base64.b64decode(content.blob)
        except (binascii.Error, ValueError):
            data, note = None, "The Blob is not valid base64; only the title is indexed."
    elif content.s3_bucket and key:
        backend = index.backend
        data = moto_s3.read_object(backend.account_id, backend.partition, content.s3_bucket, key)
        if data is None:
            note = f"s3://{content.s3_bucket}/{key} could not be read; only the title is indexed."
    else:
        data = None
    title = content.title
    text = ""
    if data is not None:
        found = extract_text(data, content.content_type, file_name=key)
        title = title or found.title
        # An RTF \\uN can be a lone surrogate, which UTF-8 (and so the cut) can't encode.
        text, note = storable(found.text), found.note
        if len(text) * 4 > MAX_TEXT_BYTES and len(text.encode("utf-8")) > MAX_TEXT_BYTES:
            text = _cut(text)
            note = (
                f"The document's text is over {MAX_TEXT_BYTES} bytes: only its first "
                f"{MAX_TEXT_BYTES} bytes are indexed (Kendra's extracted-text quota)."
            )
    if not title and key:
        title = posixpath.basename(key) or None
    return title, text, note


def _field_values(
    attributes: Mapping[str, Mapping[str, Any]], searchable: frozenset[str]
) -> Iterable[str]:
    for name, value in attributes.items():
        if name not in searchable:
            continue
        if value.get("StringValue") is not None:
            yield str(value["StringValue"])
        for item in value.get("StringListValue") or ():
            yield str(item)


class SearchStore:
    """The searchable versions of one index's documents, in its full-text engine."""

    #: The ``thesauri.synonyms_version`` whose synonyms the engine expands queries with.
    synonyms_version = 0

    def __init__(self, index: Index) -> None:
        self.index = index
        self.engine = open_engine()
        #: Document id -> the version the engine holds.
        self.versions: dict[str, Document] = {}
        self._notes: dict[str, str] = {}
        #: Documents in another language than English, by id: their language code.
        self.languages: dict[str, str] = {}
        self._searchable = self._searchable_fields()
        for document_id in list(index.documents):
            self.sync(document_id)

    def _searchable_fields(self) -> frozenset[str]:
        types = field_types(self.index)
        return frozenset(
            name for name in fields_with(self.index, "Searchable") if types[name] in STRING_TYPES
        )

    def sync(self, document_id: str) -> None:
        """Keep the engine in step with what of ``document_id`` is searchable now."""
        document = self.index.documents.get(document_id)
        version = document.searchable_now() if document is not None else None
        current = self.versions.get(document_id)
        if version is current:
            return
        if version is None:
            self.engine.delete(document_id)
            del self.versions[document_id]
            self._notes.pop(document_id, None)
            self.languages.pop(document_id, None)
            return
        title, text, note = extract(self.index, version)
        fields = _field_values(version.content.attributes, self._searchable)
        self.engine.put(document_id, title=title, body=text, fields=fields)
        # The text is kept in the engine now: the Blob as sent is read no more.
        version.content.blob = None
        self.versions[document_id] = version
        code = self._language_of(version)
        if code != DEFAULT_LANGUAGE:
            self.languages[document_id] = code
        else:
            self.languages.pop(document_id, None)
        if note is not None:
            self._notes[document_id] = note
        else:
            self._notes.pop(document_id, None)

    def refresh(self) -> None:
        """Before a search: jobs that reached their end apply it, documents whose
        indexing is due reach their outcome (a status read, which moves nothing that
        isn't due), a change of the index's searchable fields re-indexes them, and the
        synonyms of its thesauri in effect expand queries (``keep_synonyms``)."""
        self.index.settle()
        self.synonyms_version = keep_synonyms(self.index, self.engine, self.synonyms_version)
        for document in list(self.index.processing.values()):
            document.status  # noqa: B018 - what is due moves; its outcome syncs it
        searchable = self._searchable_fields()
        if searchable != self._searchable:
            self._searchable = searchable
            for document_id, version in list(self.versions.items()):
                stored = self.engine.document(document_id)
                if stored is None:
                    continue
                fields = _field_values(version.content.attributes, searchable)
                self.engine.put(document_id, title=stored.title, body=stored.body, fields=fields)

    def _language_of(self, version: Document) -> str:
        given = (version.content.attributes.get("_language_code") or {}).get("StringValue")
        if given:
            return str(given)
        source = self.index.data_sources.get(version.data_source_id or "")
        if source is not None and source.settings.get("LanguageCode"):
            return str(source.settings["LanguageCode"])
        return DEFAULT_LANGUAGE

    def language(self, document_id: str) -> str:
        """A searchable document's language code (``_language_code``, else its data
        source's LanguageCode, else ``en``)."""
        return self.languages.get(document_id, DEFAULT_LANGUAGE)

    def note(self, document_id: str) -> str | None:
        """Why a document's text couldn't be (fully) indexed, if it couldn't."""
        return self._notes.get(document_id)

    def title(self, document_id: str) -> str:
        """A document's title as results show it (its id when it has none)."""
        stored = self.engine.document(document_id)
        return stored.title if stored is not None and stored.title.strip() else document_id

    def attributes(self, document_id: str) -> Mapping[str, Mapping[str, Any]]:
        """The attributes of the version a search finds."""
        return self.versions[document_id].content.attributes

    def close(self) -> None:
        """Free the database (the index is gone, or the backend reset)."""
        close_engine(self.engine)
        self.versions.clear()
        self._notes.clear()
        self.languages.clear()


def keep_synonyms(index: Index, engine: SearchIndex, applied: int) -> int:
    """Give ``engine`` the synonyms of the index's thesauri in effect
    (``thesauri.synonyms``) if they changed since the version ``applied``; the version
    it has now (index-synonyms-enabling-synonyms-in-results.md: matches through a
    synonym are THESAURUS_SYNONYM highlights, which the engine marks)."""
    if applied == 0 and index.existing_store(Thesauri) is None:
        return 0  # no thesaurus ever: nothing to read (and no store made while reading)
    version = synonyms_version(index)
    if version != applied:
        engine.set_synonyms(synonyms(index) or None)
    return version


def _on_change(index: Index, document_id: str) -> None:
    store = index.existing_store(SearchStore)
    if store is not None:
        store.sync(document_id)
        return
    document = index.documents.get(document_id)
    if document is not None and document.searchable_now() is not None:
        index.store(SearchStore)  # indexes every searchable document, this one included


SEARCHABLE_HOOKS.append(_on_change)
