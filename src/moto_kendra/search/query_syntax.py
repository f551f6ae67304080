"""The nodes of a parsed query and the lexer that reads Kendra's query syntax.

Kendra's advanced query syntax (searching-example.md, "Searching with advanced query
syntax"): ``AND``, ``OR``, ``NOT`` (upper case), parentheses, ``"exact quotes"``,
trailing wildcards (``Cloud*``), and field searches (``status:"Incomplete"``,
``_view_count:>10``, ``_last_updated_at:[2020-01-01 TO 2020-12-31]``).
"""

from __future__ import annotations

import re
from typing import NamedTuple, Union

from .analysis import WORD, normalize, unaccent

# -- nodes -----------------------------------------------------------------------------


class Term(NamedTuple):
    """One word. ``prefix``: a trailing wildcard (``Cloud*``); ``glob``: a wildcard
    inside the word (``kendra*aws``), as a normalized pattern."""

    word: str
    begin: int
    end: int
    prefix: bool = False
    glob: str | None = None


class Phrase(NamedTuple):
    """Words that must appear next to each other, exactly (no inflections).
    ``quoted``: typed in quotes; otherwise a word joined by punctuation (``year-end``)."""

    words: tuple[str, ...]
    begin: int
    end: int
    quoted: bool


class Field(NamedTuple):
    """A field search: ``name:value``, ``name:>value`` (``op`` one of ``= > >= < <=``), or
    a range ``name:[low TO high]`` (``op`` ``[]``, inclusive) / ``name:{low TO high}``
    (``op`` ``{}``, exclusive)."""

    name: str
    op: str
    value: str
    high: str
    begin: int
    end: int


class And(NamedTuple):
    children: tuple[Node, ...]


class Or(NamedTuple):
    children: tuple[Node, ...]


class Not(NamedTuple):
    child: Node


Node = Union[Term, Phrase, Field, And, Or, Not]

# -- tokens ----------------------------------------------------------------------------

OPERATORS = {"AND": "and", "OR": "or", "NOT": "not"}


class Token(NamedTuple):
    kind: str  # "node", "and", "or", "not", "(", ")"
    begin: int
    end: int
    node: Node | None = None
    #: Searchable words in this token (for the 30-word limit).
    weight: int = 0


class QuerySyntaxError(Exception):
    """The query's syntax is invalid; the message is the warning Kendra would give."""


INVALID_BOOLEAN = "Invalid Boolean. Operators must be used with terms and placed between terms."

_FIELD = re.compile(
    r"([A-Za-z0-9_][A-Za-z0-9_-]*):"
    r'(?:"([^"]*)"|\[([^\]]*)\]|\{([^}]*)\}|(>=|<=|>|<)([^\s()"]+)|([^\s()"]+))'
)
_CHUNK = re.compile(r'[^\s()"]+')
_RANGE = re.compile(r"^\s*(\S+)\s+TO\s+(\S+)\s*$")
_WILDCARD = re.compile(r"^[^\W_]+(?:\*[^\W_]*)+$")
_EDGE_PUNCTUATION = re.compile(r"^[^\w*]+|[^\w*]+$")


def _phrase(content: str, offset: int, begin: int, end: int, quoted: bool) -> Node | None:
    spans = [(m.start(), m.end()) for m in WORD.finditer(unaccent(content))]
    found = tuple(normalize(content[b:e]) for b, e in spans)
    if not found:
        return None
    if len(found) == 1 and not quoted:
        b, e = spans[0]
        return Term(found[0], offset + b, offset + e)
    return Phrase(found, begin, end, quoted)


def _chunk_node(chunk: str, begin: int, warnings: list[str]) -> Node | None:
    if "*" in chunk:
        stripped = _EDGE_PUNCTUATION.sub("", chunk)
        if _WILDCARD.match(stripped):
            start = begin + chunk.find(stripped)
            pattern = normalize(stripped)
            head = pattern.split("*", 1)[0]
            if len(head) > 2:
                end = start + len(stripped)
                if pattern == head + "*":
                    return Term(head, start, end, prefix=True)
                return Term(head, start, end, glob=pattern)
            warnings.append(
                "Invalid wildcard. The number of prefix characters for a trailing "
                "wildcard must be greater than two."
            )
    return _phrase(chunk, begin, begin, begin + len(chunk), quoted=False)


def _words_in(node: Node | None) -> int:
    if isinstance(node, Term):
        return 1
    if isinstance(node, Phrase):
        return len(node.words)
    return 0


def tokenize(text: str, known_fields: set[str], warnings: list[str]) -> list[Token]:
    """The tokens of ``text``. ``name:value`` is a field search when ``name`` is a known
    field, or when its value is quoted, a range or a comparison; otherwise it is text
    (``re:Invent``, ``http://...``)."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char in "()":
            tokens.append(Token(char, i, i + 1))
            i += 1
            continue
        if char == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise QuerySyntaxError("Invalid quotes. A quotation mark is not closed.")
            node = _phrase(text[i + 1 : close], i + 1, i, close + 1, quoted=True)
            if node is not None:
                tokens.append(Token("node", i, close + 1, node, _words_in(node)))
            i = close + 1
            continue
        field = _FIELD.match(text, i)
        if field is not None and (field.group(1) in known_fields or field.group(7) is None):
            tokens.append(_field_token(field))
            i = field.end()
            continue
        chunk_match = _CHUNK.match(text, i)
        assert chunk_match is not None  # text[i] is none of the characters it excludes
        chunk = chunk_match.group()
        if chunk in OPERATORS:
            tokens.append(Token(OPERATORS[chunk], i, chunk_match.end()))
        else:
            node = _chunk_node(chunk, i, warnings)
            if node is not None:
                tokens.append(Token("node", i, chunk_match.end(), node, _words_in(node)))
        i = chunk_match.end()
    return tokens


def _field_token(match: re.Match[str]) -> Token:
    name = match.group(1)
    begin, end = match.start(), match.end()
    if match.group(2) is not None:
        node = Field(name, "=", match.group(2), "", begin, end)
    elif match.group(3) is not None or match.group(4) is not None:
        inclusive = match.group(3) is not None
        inner = match.group(3) if inclusive else match.group(4)
        bounds = _RANGE.match(inner)
        low, high = (bounds.group(1), bounds.group(2)) if bounds else (inner, "")
        node = Field(name, "[]" if inclusive else "{}", low, high, begin, end)
    elif match.group(5) is not None:
        node = Field(name, match.group(5), match.group(6), "", begin, end)
    else:
        node = Field(name, "=", match.group(7), "", begin, end)
    return Token("node", begin, end, node, 1)
