"""Parsing query text into what the engine searches.

The rules (docs/search-engine.md has them for users):

- A query is a sequence of *clauses*. A clause is a word, a quoted phrase, a field
  search, a parenthesized group, or clauses joined by ``AND``, ``OR``, ``NOT``
  (upper case; ``a NOT b`` is ``a AND NOT b``; ``AND``/``NOT`` bind tighter than ``OR``,
  left to right). Inside parentheses, clauses side by side are joined by ``OR``.
- A bare word at the top level is *optional*: a query of bare words matches documents
  holding any of them, ranked by bm25 (more of them, rarer ones, ranks higher).
  English stop words among them are dropped (unless nothing else is left). Every other
  clause is *required* (``"Amazon Kendra" "pricing" cost`` must hold both phrases, and
  ``cost`` only ranks).
- A word matches its inflections (``deploying``: ``deploy``, ``deployed``); a quoted
  phrase matches exactly those words, next to each other. ``Cloud*`` matches words
  starting with ``cloud`` (more than two characters before the ``*``).
- Field searches become an AttributeFilter (``query_fields.py``) ANDed with the text;
  a field search joined to text by ``OR`` or under ``NOT`` next to text is not
  supported (a warning, and the field search is left out).
- The first 30 searchable words (not counting stop words, operators and punctuation)
  are kept, as Kendra truncates queries at 30 token words.
- Invalid syntax (``OR Hello``, an unclosed parenthesis or quote) gives a warning, and
  the query's words are searched as bare words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from .analysis import WORD, is_stop_word, normalize, unaccent
from .query_fields import FieldSearchError, field_filter
from .query_syntax import (
    INVALID_BOOLEAN,
    And,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    QuerySyntaxError,
    Term,
    Token,
    tokenize,
)

#: Kendra truncates queries at 30 token words, stop words and punctuation excluded.
MAX_QUERY_WORDS = 30
MIXED_FIELD_SEARCH = (
    "Unsupported field search. A field search can only be combined with the rest of the "
    "query by AND; this one was left out."
)


class ParsedQuery(NamedTuple):
    """A query, parsed.

    ``required`` clauses must all match; ``optional`` ones only rank, unless there are
    no required ones (then a document must match at least one). ``attribute_filter``
    comes from field searches. ``excluded``: clauses no document may match, left over
    when a ``NOT`` excludes text next to a field search (``status:x NOT draft``).
    ``match_all``: the query has no text to search but
    selects every document (blank text, or only field searches). ``warning`` is the
    message of a QUERY_LANGUAGE_INVALID_SYNTAX warning. ``words`` are the query's
    searched words as ``(begin, end, normalized)`` offsets into ``text`` (for spelling).
    """

    text: str
    required: tuple[Node, ...] = ()
    optional: tuple[Node, ...] = ()
    attribute_filter: dict[str, Any] | None = None
    excluded: tuple[Node, ...] = ()
    warning: str | None = None
    match_all: bool = False
    words: tuple[tuple[int, int, str], ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether the query can match nothing (no text to search and no match_all)."""
        return not self.required and not self.optional and not self.match_all


#: Parentheses nested deeper than this are invalid syntax (the search engine's parser,
#: FTS5's, takes a bounded depth; so does Python's recursion).
MAX_NESTING = 10
TOO_DEEP = f"Invalid parentheses. Parentheses are nested more than {MAX_NESTING} deep."


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.position].kind if self.position < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def clauses(self, closing: str | None) -> list[Node]:
        found: list[Node] = []
        while self.peek() is not None and self.peek() != closing:
            found.append(self.or_expression())
        return found

    def or_expression(self) -> Node:
        children = [self.and_expression()]
        while self.peek() == "or":
            self.take()
            children.append(self.and_expression())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expression(self) -> Node:
        # One And of every operand (a AND b NOT c): nesting would grow with the chain.
        children = [self.unary()]
        while self.peek() in ("and", "not"):
            operator = self.take().kind
            right = self.unary()
            children.append(right if operator == "and" else Not(right))
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self) -> Node:
        kind = self.peek()
        if kind == "(":
            self.take()
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise QuerySyntaxError(TOO_DEEP)
            inner = self.clauses(")")
            self.depth -= 1
            if self.peek() != ")":
                raise QuerySyntaxError("Invalid parentheses. A parenthesis is not closed.")
            self.take()
            if not inner:
                raise QuerySyntaxError(INVALID_BOOLEAN)
            return inner[0] if len(inner) == 1 else Or(tuple(inner))
        if kind == "node":
            node = self.take().node
            assert node is not None
            return node
        if kind == ")":
            raise QuerySyntaxError("Invalid parentheses. A parenthesis is not opened.")
        raise QuerySyntaxError(INVALID_BOOLEAN)


def _truncate(tokens: list[Token]) -> list[Token]:
    """The tokens up to the 30th searchable word, closing what the cut leaves open."""
    count = 0
    for index, token in enumerate(tokens):
        node = token.node
        weight = token.weight
        if isinstance(node, Term) and is_stop_word(node.word):
            weight = 0
        if isinstance(node, Phrase):
            weight = sum(1 for word in node.words if not is_stop_word(word))
        if count + weight > MAX_QUERY_WORDS:
            kept = tokens[:index]
            while kept and kept[-1].kind in ("and", "or", "not", "("):
                kept.pop()
            depth = sum(1 if t.kind == "(" else -1 if t.kind == ")" else 0 for t in kept)
            end = kept[-1].end if kept else 0
            return kept + [Token(")", end, end)] * max(0, depth)
        count += weight
    return tokens


def _pure_field(node: Node) -> bool:
    if isinstance(node, Field):
        return True
    if isinstance(node, (And, Or)):
        return all(_pure_field(child) for child in node.children)
    if isinstance(node, Not):
        return _pure_field(node.child)
    return False


def _has_field(node: Node) -> bool:
    if isinstance(node, Field):
        return True
    if isinstance(node, (And, Or)):
        return any(_has_field(child) for child in node.children)
    if isinstance(node, Not):
        return _has_field(node.child)
    return False


class _Fields:
    """Turns field searches into AttributeFilters, collecting warnings."""

    def __init__(self, types: Mapping[str, str], warnings: list[str]) -> None:
        self.types = types
        self.warnings = warnings

    def to_filter(self, node: Node) -> dict[str, Any] | None:
        if isinstance(node, Field):
            try:
                return field_filter(node, self.types.get(node.name))
            except FieldSearchError as error:
                self.warnings.append(str(error))
                return None
        if isinstance(node, Not):
            inner = self.to_filter(node.child)
            return None if inner is None else {"NotFilter": inner}
        assert isinstance(node, (And, Or))
        parts = [f for f in (self.to_filter(child) for child in node.children) if f]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return {"AndAllFilters" if isinstance(node, And) else "OrAllFilters": parts}

    def split(self, node: Node) -> tuple[Node | None, list[dict[str, Any]]]:
        """The text part of a conjunctive clause and the filters ANDed with it."""
        if _pure_field(node):
            found = self.to_filter(node)
            return None, [found] if found else []
        if not _has_field(node):
            return node, []
        if isinstance(node, And):
            texts: list[Node] = []
            filters: list[dict[str, Any]] = []
            for child in node.children:
                text, child_filters = self.split(child)
                if text is not None:
                    texts.append(text)
                filters.extend(child_filters)
            if not texts:
                return None, filters
            return (texts[0] if len(texts) == 1 else And(tuple(texts))), filters
        self.warnings.append(MIXED_FIELD_SEARCH)
        return _without_fields(node), []


def _without_fields(node: Node) -> Node | None:
    if isinstance(node, Field):
        return None
    if isinstance(node, Not):
        inner = _without_fields(node.child)
        return None if inner is None else Not(inner)
    if isinstance(node, (And, Or)):
        kept = [c for c in (_without_fields(child) for child in node.children) if c]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else type(node)(tuple(kept))
    return node


def _words_of(nodes: tuple[Node, ...], text: str) -> tuple[tuple[int, int, str], ...]:
    spans: list[tuple[int, int, str]] = []

    def visit(node: Node) -> None:
        if isinstance(node, Term):
            spans.append((node.begin, node.end, node.word))
        elif isinstance(node, Phrase):
            inner = text[node.begin : node.end]
            for match in WORD.finditer(unaccent(inner)):
                word = normalize(match.group())
                spans.append((node.begin + match.start(), node.begin + match.end(), word))
        elif isinstance(node, Not):
            visit(node.child)
        elif isinstance(node, (And, Or)):
            for child in node.children:
                visit(child)

    for node in nodes:
        visit(node)
    return tuple(sorted(set(spans)))


def _fallback(tokens: list[Token]) -> list[Node]:
    """A query whose syntax is invalid: its words, searched as bare words."""
    found: list[Node] = []
    for token in tokens:
        node = token.node
        if isinstance(node, Field):
            continue
        if node is not None:
            found.append(node)
    return found


def parse_query(text: str | None, fields: Mapping[str, str] | None = None) -> ParsedQuery:
    """Parse Kendra query text. ``fields`` maps the index's field names to their types
    (``STRING_VALUE``, ``STRING_LIST_VALUE``, ``LONG_VALUE``, ``DATE_VALUE``), for
    field searches. Never raises: invalid syntax gives a warning (see the module doc).

    Blank or missing text selects every document (``match_all``): the caller decides
    whether that is a search (Query without QueryText) or nothing.
    """
    if text is None or not text.strip():
        return ParsedQuery(text or "", match_all=True)
    types = dict(fields or {})
    warnings: list[str] = []
    try:
        tokens = _truncate(tokenize(text, set(types), warnings))
        clauses = _Parser(tokens).clauses(None)
        if any(isinstance(c, Not) for c in clauses):
            raise QuerySyntaxError(INVALID_BOOLEAN)
    except QuerySyntaxError as error:
        warnings.insert(0, str(error))
        tokens = _truncate(tokenize(text.replace('"', " "), set(), []))
        clauses = _fallback(tokens)
    required: list[Node] = []
    optional: list[Node] = []
    filters: list[dict[str, Any]] = []
    excluded: list[Node] = []
    splitter = _Fields(types, warnings)
    for clause in clauses:
        if isinstance(clause, Term) or (isinstance(clause, Phrase) and not clause.quoted):
            optional.append(clause)
            continue
        text_part, clause_filters = splitter.split(clause)
        filters.extend(clause_filters)
        if isinstance(text_part, Not):
            excluded.append(text_part.child)
        elif isinstance(text_part, And) and all(isinstance(c, Not) for c in text_part.children):
            excluded.extend(c.child for c in text_part.children if isinstance(c, Not))
        elif text_part is not None:
            required.append(text_part)
    content = [
        c for c in optional if not (isinstance(c, Term) and not c.prefix and is_stop_word(c.word))
    ]
    if content or required or filters:
        optional = content
    attribute_filter: dict[str, Any] | None = None
    if filters:
        attribute_filter = filters[0] if len(filters) == 1 else {"AndAllFilters": filters}
    no_text = not required and not optional
    kept = (*required, *optional)
    return ParsedQuery(
        text=text,
        required=tuple(required),
        optional=tuple(optional),
        attribute_filter=attribute_filter,
        warning=warnings[0] if warnings else None,
        excluded=tuple(excluded),
        match_all=no_text and bool(filters),
        words=_words_of(kept, text),
    )
