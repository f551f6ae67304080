import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moto_kendra.exceptions import InternalServerException
from moto_kendra.search.engine import Hit, SearchIndex


@pytest.fixture
def index():
    index = SearchIndex()
    index.put("sports", title="Amazon sports", body="Prime video sports and recreation.")
    index.put("forest", title="The rainforest", body="The Amazon rainforest is big and green.")
    index.put("deploy", title="Deploying Kendra", body="How to deploy Amazon Kendra search.")
    index.put("pricing", body="Amazon Kendra pricing: what it costs.")
    yield index
    index.close()


def ids(hits):
    return [hit.document_id for hit in hits]


def test_plain_words_match_any_of_them_best_first(index):
    hits = index.search("rainforest recreation")
    assert set(ids(hits)) == {"forest", "sports"}
    assert all(hit.score > 0 for hit in hits)


def test_and_or_not(index):
    assert ids(index.search("amazon AND sports")) == ["sports"]
    assert set(ids(index.search("rainforest OR recreation"))) == {"forest", "sports"}
    assert set(ids(index.search("amazon NOT rainforest"))) == {"sports", "deploy", "pricing"}
    assert set(ids(index.search("(amazon AND (sports OR green)) NOT rainforest"))) == {"sports"}


def test_required_phrases_and_optional_words(index):
    assert set(ids(index.search('"Amazon Kendra"'))) == {"deploy", "pricing"}
    # "pricing" is required, "cost" only ranks.
    assert ids(index.search('"Amazon Kendra" "pricing" cost')) == ["pricing"]
    assert ids(index.search('"kendra amazon"')) == []


def test_words_match_their_inflections_and_phrases_do_not(index):
    assert ids(index.search("deployed")) == ["deploy"]
    assert ids(index.search("costing")) == ["pricing"]
    assert ids(index.search('"deployed"')) == []


def test_trailing_and_inner_wildcards(index):
    assert set(ids(index.search("rain*"))) == {"forest"}
    assert set(ids(index.search("recre*"))) == {"sports"}
    assert ids(index.search("rai*est")) == ["forest"]
    assert ids(index.search("zzz*qqq")) == []


def test_the_title_weighs_more_than_the_body():
    index = SearchIndex()
    index.put("in-body", title="Other", body="alpha beta gamma")
    index.put("in-title", title="alpha", body="other words here")
    assert ids(index.search("alpha")) == ["in-title", "in-body"]


def test_fields_text_is_searchable():
    index = SearchIndex()
    index.put("a", body="nothing", fields=["Legal department", "Seattle"])
    assert ids(index.search("seattle")) == ["a"]
    document = index.document("a")
    assert document is not None and document.fields == ("Legal department", "Seattle")


def test_equal_scores_are_ordered_by_document_id():
    index = SearchIndex()
    for doc_id in ("c", "a", "b"):
        index.put(doc_id, body="same text here")
    assert ids(index.search("same")) == ["a", "b", "c"]
    assert len({hit.score for hit in index.search("same")}) == 1


def test_replace_and_delete_update_results_and_vocabulary(index):
    index.put("deploy", body="Completely different words now.")
    assert ids(index.search("kendra deploying")) == ["pricing"]
    assert "deploying" not in index.vocabulary
    index.delete("pricing")
    index.delete("no-such-document")
    assert ids(index.search("kendra")) == []
    assert "pricing" not in index and "deploy" in index
    assert len(index) == 3
    assert index.vocabulary.frequency("amazon") == 2


def test_writes_are_queued_until_the_next_read():
    index = SearchIndex()
    index.put("a", body="queued text")
    document = index.document("a")
    assert document is not None and document.body == "queued text"
    assert "a" in index
    assert index.vocabulary.frequency("queued") == 0  # not indexed yet
    assert ids(index.search("queued")) == ["a"]
    assert index.vocabulary.frequency("queued") == 1
    index.delete("a")
    assert "a" not in index and index.document("a") is None


def test_blank_query_selects_everything_by_id_and_exclusions_apply(index):
    assert index.search(None) == [Hit(d, 0.0) for d in ("deploy", "forest", "pricing", "sports")]
    fields = {"status": "STRING_VALUE"}
    hits = index.search('status:"x" NOT rainforest', fields)
    assert ids(hits) == ["deploy", "pricing", "sports"]


def test_queries_that_cannot_match_return_nothing(index):
    for text in ("?!", '""', "((", "nonexistentword", "zzz*"):
        assert index.search(text) == [], text


def test_synonyms_expand_query_terms():
    index = SearchIndex(synonyms={"cost": ["price", "fee schedule"]})
    index.put("a", body="The price is right.")
    index.put("b", body="See the fee schedule.")
    index.put("c", body="A fee for the schedule.")
    index.put("d", body="What it costs.")
    assert set(ids(index.search("cost"))) == {"a", "b", "d"}
    index.set_synonyms(None)
    assert ids(index.search("cost")) == ["d"]


def test_prepared_queries_are_reused_until_the_index_changes(index):
    first = index.prepare("amazon")
    assert index.prepare("amazon") is first
    index.put("new", body="amazon")
    assert index.prepare("amazon") is not first


def test_clear_and_close():
    index = SearchIndex()
    index.put("a", body="alpha")
    index.search("alpha")
    index.clear()
    assert index.search("alpha") == [] and len(index) == 0
    index.close()
    with pytest.raises(RuntimeError):
        index.search("alpha")


def test_without_fts5_the_first_search_fails_clearly(monkeypatch):
    _refusing(monkeypatch, "fts5")
    index = SearchIndex()
    index.put("a", body="text")  # writes are queued, not refused
    with pytest.raises(InternalServerException) as error:
        index.search("text")
    assert "needs SQLite's FTS5 extension" in error.value.message
    assert "refused: fts5" in error.value.message
    assert error.value.code == 500


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_no_query_text_reaches_fts5_unescaped(text):
    index = _FUZZ_INDEX
    hits = index.search(text, {"status": "STRING_VALUE", "n": "LONG_VALUE"})
    assert all(isinstance(hit.score, float) for hit in hits)


_FUZZ_INDEX = SearchIndex()
_FUZZ_INDEX.put("a", title="NEAR AND OR", body='quotes " and (parens) * stars ☃ naïve 東京')


def test_fts5_syntax_in_queries_is_searched_as_words():
    index = _FUZZ_INDEX
    for text in (
        '"',
        "(",
        ")",
        "NEAR",
        "NEAR(a b)",
        "*",
        "a*",
        "^x",
        "col:word",
        "☃",
        "東京",
        "AND",
    ):
        index.search(text)
    assert ids(index.search("NEAR")) == ["a"]
    assert ids(index.search("東京")) == ["a"]
    assert ids(index.search("naive")) == ["a"]


def test_a_long_queue_of_writes_is_indexed_without_waiting_for_a_read(monkeypatch):
    from moto_kendra.search import engine

    monkeypatch.setattr(engine, "MAX_QUEUED", 3)
    index = SearchIndex()
    index.put("a", body="first")
    index.put("b", body="second")
    assert index.vocabulary.frequency("first") == 0
    index.put("c", body="third")
    assert index.vocabulary.frequency("first") == 1  # the third write flushed the queue
    monkeypatch.setattr(engine, "MAX_QUEUED_CHARACTERS", 40)
    for _ in range(10):  # replacing a queued document doesn't grow the queue
        index.put("e", body="twenty characters...")
    assert index.vocabulary.frequency("twenty") == 0
    index.put("d", body="a body longer than ten characters")
    assert index.vocabulary.frequency("longer") == 1


def test_a_bulk_load_is_searchable_and_replaceable():
    index = SearchIndex()
    for i in range(1200):
        index.put(f"doc-{i:04d}", body=f"common text number{i}")
    assert ids(index.search("number7")) == ["doc-0007"]
    assert len(index.search("common")) == 1200
    for i in range(1200):
        index.put(f"doc-{i:04d}", body="replaced")
    assert index.search("common") == [] and len(index.search("replaced")) == 1200


def _refusing(monkeypatch, refused: str) -> None:
    """Make sqlite3 connections refuse statements containing ``refused``."""
    original = sqlite3.Connection.execute

    class Refusing(sqlite3.Connection):
        def execute(self, sql, *args):
            if refused in sql:
                raise sqlite3.OperationalError(f"refused: {refused}")
            return original(self, sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=Refusing, **k))


def test_an_older_sqlite_without_remove_diacritics_2_still_searches(monkeypatch):
    _refusing(monkeypatch, "remove_diacritics 2")
    index = SearchIndex()
    index.put("a", body="Café")
    assert ids(index.search("cafe")) == ["a"]


def test_a_table_sqlite_refuses_fails_at_the_first_search(monkeypatch):
    _refusing(monkeypatch, "CREATE VIRTUAL TABLE docs")
    index = SearchIndex()
    with pytest.raises(InternalServerException) as error:
        index.search("anything")
    assert "could not be created" in error.value.message
