"""The full-text index of one Kendra index: SQLite FTS5, in memory, standard library only.

One ``SearchIndex`` per Kendra index holds its documents (id, title, body text, and the
text of its searchable string fields) in an in-memory SQLite database with an FTS5
table (``unicode61`` tokenizer, diacritics removed) ranked by FTS5's ``bm25()`` with the
title weighted twice the body and fields. Python keeps the vocabulary (``vocabulary.py``)
so a query word matches its inflections.

Writes are cheap: ``put`` and ``delete`` queue the change, and the queue is indexed at
the next read (Kendra indexes asynchronously too), or once it holds ``MAX_QUEUED``
documents or ``MAX_QUEUED_CHARACTERS`` of text, so BatchPutDocument rarely pays for
tokenizing. ``search`` returns every matching document with its score, best first (ties
by document id), so the caller counts, filters, facets, sorts and pages itself.

SQLite holds UTF-8, which can't encode a lone UTF-16 surrogate (JSON can carry one,
and RTF writes a character beyond the BMP as two): text is stored with surrogate pairs
joined into their character and lone ones replaced with U+FFFD (``storable``); a
document id holding one is stored as its bytes, so it comes back as it was put.

Threads: the connection is opened with ``check_same_thread=False`` and the object has
no lock of its own: call it only while holding the lock that guards its Kendra index
(the backend's lock). ``close()`` frees the database (a backend reset calls it).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from ..exceptions import InternalServerException
from .analysis import words
from .matching import PreparedQuery, SynonymMap, Synonyms, prepare
from .query import ParsedQuery, parse_query
from .vocabulary import Vocabulary

#: bm25 weights of the title, body and fields columns.
TITLE_WEIGHT, BODY_WEIGHT, FIELDS_WEIGHT = 2.0, 1.0, 1.0
_PREPARED_CACHE = 256
#: The queue of writes is indexed once it holds this many documents or characters, so
#: a bulk load doesn't hold every document's text twice.
MAX_QUEUED = 5000
MAX_QUEUED_CHARACTERS = 16_000_000
#: After this many changed documents, the next read merges the index into one segment.
_BULK = 1000
#: SQLite page size of the in-memory database (see ``SearchIndex.__init__``).
PAGE_SIZE = 16384
#: Between field values in the fields column (a control character: a word separator).
_FIELD_SEPARATOR = "\x1f"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def storable(text: str) -> str:
    """``text`` as SQLite can hold it: UTF-16 surrogate pairs joined into the character
    they encode, a lone surrogate replaced with U+FFFD (the rest as it is)."""
    if not _has_surrogate(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _stored_id(document_id: str) -> str | bytes:
    """A document id as the ids table holds it: its text, or its bytes (surrogates kept)
    when UTF-8 can't encode it."""
    if not _has_surrogate(document_id):
        return document_id
    return document_id.encode("utf-8", "surrogatepass")


def _hit(document_id: str | bytes, score: float) -> Hit:
    if isinstance(document_id, bytes):
        document_id = document_id.decode("utf-8", "surrogatepass")
    return Hit(document_id, score)


class IndexedDocument(NamedTuple):
    """The text of an indexed document, as put."""

    title: str
    body: str
    fields: tuple[str, ...]

    @property
    def fields_text(self) -> str:
        return _FIELD_SEPARATOR.join(self.fields)


class Hit(NamedTuple):
    """A matching document and its relevance score (bm25: higher is better; 0.0 for
    documents a query without text selects)."""

    document_id: str
    score: float


def fts5_problem(connection: sqlite3.Connection) -> str | None:
    """Why ``connection`` can't run full-text search, or None if it can."""
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(text)")
        connection.execute("DROP TABLE temp.fts5_probe")
    except sqlite3.OperationalError as error:
        return (
            "Searching needs SQLite's FTS5 extension, which this Python's sqlite3 module "
            f"(SQLite {sqlite3.sqlite_version}) lacks ({error}). Use a Python whose SQLite "
            "is built with FTS5, as the python.org, Debian, Ubuntu, Homebrew and conda "
            "builds are."
        )
    return None


def _create_table(connection: sqlite3.Connection) -> str | None:
    """Create the documents' FTS5 table; why it can't be, or None."""
    error: sqlite3.OperationalError | None = None
    # remove_diacritics 2 (SQLite 3.27+) also folds letters with several accents.
    for diacritics in (2, 1):
        try:
            connection.execute(
                "CREATE VIRTUAL TABLE docs USING fts5(title, body, fields, "
                f"tokenize = 'unicode61 remove_diacritics {diacritics}')"
            )
        except sqlite3.OperationalError as failure:
            error = failure
            continue
        # Document ids apart from the (large) FTS5 rows: reading them is cheap.
        connection.execute("CREATE TABLE ids(rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL)")
        return None
    return f"The search index could not be created in SQLite {sqlite3.sqlite_version}: {error}"


class SearchIndex:
    """The searchable documents of one Kendra index (see the module doc)."""

    def __init__(self, synonyms: SynonymMap | None = None) -> None:
        self._connection: sqlite3.Connection | None = sqlite3.connect(
            ":memory:", check_same_thread=False, isolation_level=None
        )
        # Rows of ~2 KB documents fill 4 KB pages only half (one row a page): with 16 KB
        # pages the database holds the same documents in two thirds the memory.
        self._connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        self._problem = fts5_problem(self._connection) or _create_table(self._connection)
        self._rowids: dict[str, int] = {}
        #: How many of the ids are stored as bytes (``_stored_id``).
        self._byte_ids = 0
        self._next_rowid = 1
        #: Queued changes: document id -> its new text, or None to delete it.
        self._pending: dict[str, IndexedDocument | None] = {}
        self._pending_size = 0
        #: Documents changed since the index was last merged into one segment.
        self._unmerged = 0
        self.vocabulary = Vocabulary()
        self._synonyms = Synonyms(synonyms)
        self._prepared: dict[tuple[str, tuple[tuple[str, str], ...]], PreparedQuery] = {}
        #: Incremented whenever the indexed documents change.
        self.version = 0

    # -- writes ------------------------------------------------------------------------

    def put(
        self,
        document_id: str,
        *,
        title: str | None = None,
        body: str = "",
        fields: Iterable[str] = (),
    ) -> None:
        """Add or replace a document. ``fields``: the values of its searchable string
        fields (STRING and STRING_LIST values), searched like the body."""
        document = IndexedDocument(
            storable(title or ""), storable(body), tuple(map(storable, fields))
        )
        replaced = self._pending.get(document_id)
        if replaced is not None:
            self._pending_size -= len(replaced.title) + len(replaced.body)
        self._pending[document_id] = document
        self._pending_size += len(document.title) + len(body)
        if len(self._pending) >= MAX_QUEUED or self._pending_size >= MAX_QUEUED_CHARACTERS:
            self.flush()

    def delete(self, document_id: str) -> None:
        """Remove a document (nothing happens if there is no such document)."""
        self._pending[document_id] = None

    def set_synonyms(self, synonyms: SynonymMap | None) -> None:
        """Replace the synonyms queries expand their terms with (None: none)."""
        self._synonyms = Synonyms(synonyms)
        self._prepared.clear()

    def clear(self) -> None:
        """Remove every document."""
        self._pending.clear()
        if self._rowids:
            self._usable().execute("DELETE FROM docs")
            self._usable().execute("DELETE FROM ids")
        self._rowids.clear()
        self._byte_ids = 0
        self.vocabulary = Vocabulary()
        self._changed()

    def close(self) -> None:
        """Free the database; the index can't be used afterwards."""
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self._pending.clear()
        self._rowids.clear()
        self._byte_ids = 0
        self._prepared.clear()
        self.vocabulary = Vocabulary()

    # -- a restart (moto_kendra.backend.persistence) ----------------------------------

    def __getstate__(self) -> dict[str, Any]:
        """What a state file keeps: the documents and the synonyms, not the database."""
        return {
            "documents": [
                [document_id, document.title, document.body, list(document.fields)]
                for document_id in self.document_ids()
                if (document := self.document(document_id)) is not None
            ],
            "synonyms": self._synonyms.mapping,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        """A new database holding ``__getstate__``'s documents."""
        SearchIndex.__init__(self, state.get("synonyms"))
        for document_id, title, body, fields in state.get("documents", []):
            self.put(document_id, title=title, body=body, fields=fields)

    # -- reads -------------------------------------------------------------------------

    def __len__(self) -> int:
        self.flush()
        return len(self._rowids)

    def __contains__(self, document_id: object) -> bool:
        if isinstance(document_id, str) and document_id in self._pending:
            return self._pending[document_id] is not None
        return document_id in self._rowids

    def document_ids(self) -> list[str]:
        """Every document id, sorted."""
        self.flush()
        return sorted(self._rowids)

    def document(self, document_id: str) -> IndexedDocument | None:
        """The text of a document, or None if there is no such document."""
        if document_id in self._pending:
            return self._pending[document_id]
        rowid = self._rowids.get(document_id)
        if rowid is None:
            return None
        return self._read(rowid)

    def prepare(
        self, query: str | ParsedQuery | None, fields: Mapping[str, str] | None = None
    ) -> PreparedQuery:
        """A query ready to run here: parsed (with the index's ``fields`` types, for
        field searches) and expanded with this index's vocabulary and synonyms."""
        self.flush()
        if isinstance(query, ParsedQuery):
            return prepare(query, self.vocabulary, self._synonyms)
        key = (query or "", tuple(sorted((fields or {}).items())))
        prepared = self._prepared.get(key)
        if prepared is None:
            if len(self._prepared) >= _PREPARED_CACHE:
                self._prepared.clear()
            prepared = prepare(parse_query(query, fields), self.vocabulary, self._synonyms)
            self._prepared[key] = prepared
        return prepared

    def search(
        self,
        query: str | ParsedQuery | PreparedQuery | None,
        fields: Mapping[str, str] | None = None,
    ) -> list[Hit]:
        """Every document matching ``query``, best first; equal scores by document id.

        A query with no text to search but ``match_all`` (blank text, or only field
        searches) selects every document (score 0.0), less its exclusions; the caller
        applies the query's ``attribute_filter``.
        """
        prepared = query if isinstance(query, PreparedQuery) else self.prepare(query, fields)
        db = self._db()
        if prepared.match_all:
            if prepared.exclusion is None:
                rows = db.execute("SELECT doc_id, 0.0 FROM ids ORDER BY doc_id").fetchall()
            else:
                rows = db.execute(
                    "SELECT doc_id, 0.0 FROM ids WHERE rowid NOT IN "
                    "(SELECT rowid FROM docs WHERE docs MATCH ?) ORDER BY doc_id",
                    (prepared.exclusion,),
                ).fetchall()
            return self._hits(rows)
        if not prepared.satisfiable or prepared.expression is None:
            return []
        expression = prepared.expression
        if prepared.exclusion is not None:
            expression = f"({expression}) NOT ({prepared.exclusion})"
        rows = db.execute(
            "SELECT ids.doc_id, found.score FROM (SELECT rowid, -bm25(docs, ?, ?, ?) AS score "
            "FROM docs WHERE docs MATCH ?) AS found JOIN ids ON ids.rowid = found.rowid "
            "ORDER BY found.score DESC, ids.doc_id",
            (TITLE_WEIGHT, BODY_WEIGHT, FIELDS_WEIGHT, expression),
        ).fetchall()
        return self._hits(rows)

    def _hits(self, rows: list[Any]) -> list[Hit]:
        if self._byte_ids:
            return [_hit(document_id, score) for document_id, score in rows]
        return list(map(Hit._make, rows))

    def flush(self) -> None:
        """Index the queued changes now (every read does it first)."""
        if not self._pending:
            return
        db = self._usable()
        pending, self._pending = self._pending, {}
        self._pending_size = 0
        deleted: list[tuple[int]] = []
        inserted: list[tuple[int, str, str, str, str]] = []
        for document_id, document in pending.items():
            odd_id = _has_surrogate(document_id)
            old = self._rowids.pop(document_id, None)
            if old is not None:
                previous = self._read(old)
                self.vocabulary.remove(_words_of(previous))
                deleted.append((old,))
                self._byte_ids -= odd_id
            if document is not None:
                rowid = self._next_rowid
                self._next_rowid += 1
                self._rowids[document_id] = rowid
                self._byte_ids += odd_id
                self.vocabulary.add(_words_of(document))
                inserted.append(
                    (rowid, document_id, document.title, document.body, document.fields_text)
                )
        db.execute("BEGIN")
        try:
            db.executemany("DELETE FROM docs WHERE rowid = ?", deleted)
            db.executemany("DELETE FROM ids WHERE rowid = ?", deleted)
            db.executemany(
                "INSERT INTO docs(rowid, title, body, fields) VALUES (?, ?, ?, ?)",
                [(rowid, title, body, fields) for rowid, _, title, body, fields in inserted],
            )
            db.executemany(
                "INSERT INTO ids(rowid, doc_id) VALUES (?, ?)",
                [(rowid, _stored_id(document_id)) for rowid, document_id, *_ in inserted],
            )
        finally:
            db.execute("COMMIT")
        self._unmerged += len(deleted) + len(inserted)
        self._changed()

    # -- internals ---------------------------------------------------------------------

    def _changed(self) -> None:
        self.version += 1
        self._prepared.clear()

    def _usable(self) -> sqlite3.Connection:
        if self._connection is None:
            raise RuntimeError("This search index was closed.")
        if self._problem is not None:
            raise InternalServerException(self._problem)
        return self._connection

    def _db(self) -> sqlite3.Connection:
        """The connection, with the queued changes indexed (and merged after a bulk load:
        one index segment makes a term's lookup cost the same whatever the index's size,
        for about 5% of the load's time)."""
        self.flush()
        connection = self._usable()
        if self._unmerged >= _BULK:
            connection.execute("INSERT INTO docs(docs) VALUES ('optimize')")
            self._unmerged = 0
        return connection

    def _read(self, rowid: int) -> IndexedDocument:
        assert self._connection is not None
        row = self._connection.execute(
            "SELECT title, body, fields FROM docs WHERE rowid = ?", (rowid,)
        ).fetchone()
        title, body, fields = row
        return IndexedDocument(title, body, tuple(fields.split(_FIELD_SEPARATOR)) if fields else ())


def _words_of(document: IndexedDocument) -> list[str]:
    return words(f"{document.title}\n{document.body}\n{document.fields_text}")
