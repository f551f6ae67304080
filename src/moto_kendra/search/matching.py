"""A parsed query made concrete for one index: the FTS5 expression the index runs, and
the matcher that finds the query's words in a text (for highlights, excerpts, passage
scores and confidence).

Both come from the same expansion of each query word, so a highlight marks exactly what
made a document match: the word's inflections that the index holds (``vocabulary.py``),
a wildcard's words, and its synonyms (a term -> synonyms mapping; a synonym match is a
``THESAURUS_SYNONYM`` highlight). User text reaches FTS5 only as quoted strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .analysis import stem, unaccent, words
from .query import ParsedQuery
from .query_syntax import And, Node, Not, Or, Phrase, Term
from .vocabulary import Vocabulary

#: Synonyms: a term (a word or words) -> the terms it also searches for.
SynonymMap = Mapping[str, Sequence[str]]

_AFTER = r"(?![^\W_])"
_GAP = r"[\W_]+"
_WORD_TAIL = r"[^\W_]*"
_WORD_TAIL_RE = re.compile(_WORD_TAIL)


def quote(text: str) -> str:
    """``text`` as an FTS5 string: the only way user text reaches an FTS5 expression."""
    return '"' + text.replace('"', '""') + '"'


class Synonyms:
    """A synonym mapping, normalized: keys and alternatives as tuples of words."""

    def __init__(self, mapping: SynonymMap | None = None) -> None:
        #: The mapping as given (what a state file keeps).
        self.mapping: dict[str, list[str]] = {
            key: list(alternatives) for key, alternatives in (mapping or {}).items()
        }
        self._by_key: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self._by_stem: dict[str, list[tuple[str, ...]]] = {}
        for key, alternatives in (mapping or {}).items():
            key_words = tuple(words(key))
            if not key_words:
                continue
            found = self._by_key.setdefault(key_words, [])
            for alternative in alternatives:
                alternative_words = tuple(words(alternative))
                if alternative_words and alternative_words != key_words:
                    if alternative_words not in found:
                        found.append(alternative_words)
            if len(key_words) == 1:
                self._by_stem.setdefault(stem(key_words[0]), []).extend(found)

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def of(self, key_words: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The alternatives of a word or phrase (a word also by its stem)."""
        found = self._by_key.get(key_words)
        if found is None and len(key_words) == 1:
            found = self._by_stem.get(stem(key_words[0]))
        return list(found or ())


class Found(NamedTuple):
    """One place a query word matched in a text: ``[begin, end)``, which concept (query
    word or phrase, by index), and whether through a synonym."""

    begin: int
    end: int
    concept: int
    synonym: bool


class Needle(NamedTuple):
    """What a concept looks for: a literal (lower case, no accents) starting at a word
    start; then either the end of that word, any word tail (``prefix``), or what
    ``verify`` matches from there (phrases, inner wildcards)."""

    literal: str
    verify: re.Pattern[str] | None = None
    prefix: bool = False


def fold(text: str) -> str:
    """``text`` in lower case without accents, character for character."""
    folded = unaccent(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


class Matcher:
    """Finds a query's concepts (its positive words and phrases) in texts.

    Matching is by substring search in the folded text, checked at word boundaries
    (words as ``analysis.WORD`` defines them): faster than one big regular expression.
    """

    def __init__(self, concepts: Sequence[tuple[str, Sequence[Needle], Sequence[Needle]]]) -> None:
        #: ``(label, needles, synonym needles)`` per concept.
        self.concepts = tuple(concepts)
        self._needles = [
            (needle, index, synonym)
            for index, (_, needles, synonyms) in enumerate(self.concepts)
            for synonym, group in ((False, needles), (True, synonyms))
            for needle in dict.fromkeys(group)
        ]

    def find(self, text: str) -> list[Found]:
        """Every match in ``text``, in order, not overlapping (the longest match wins
        where two start together); offsets are ``text``'s characters."""
        if not text or not self._needles:
            return []
        folded = fold(text)
        size = len(folded)
        found: list[Found] = []
        for needle, concept, synonym in self._needles:
            literal = needle.literal
            at = folded.find(literal)
            while at >= 0:
                if at == 0 or not folded[at - 1].isalnum():
                    end = at + len(literal)
                    if needle.verify is not None:
                        match = needle.verify.match(folded, at)
                        end = match.end() if match else -1
                    elif needle.prefix:
                        end = _WORD_TAIL_RE.match(folded, end).end()  # type: ignore[union-attr]
                    elif end < size and folded[end].isalnum():
                        end = -1
                    if end > at:
                        found.append(Found(at, end, concept, synonym))
                at = folded.find(literal, at + 1)
        found.sort(key=lambda f: (f.begin, -f.end, f.synonym))
        kept: list[Found] = []
        for item in found:
            if not kept or item.begin >= kept[-1].end:
                kept.append(item)
        return kept

    def counts(self, text: str, found: Sequence[Found] | None = None) -> list[int]:
        """How many times each concept occurs in ``text`` (or in its ``found``)."""
        counts = [0] * len(self.concepts)
        for item in self.find(text) if found is None else found:
            counts[item.concept] += 1
        return counts

    def coverage(self, texts: Iterable[str] = (), found: Iterable[Found] = ()) -> float:
        """The share of the query's concepts found in any of ``texts`` or already
        ``found`` (1.0: all)."""
        if not self.concepts:
            return 0.0
        seen = {item.concept for item in found}
        for text in texts:
            seen.update(item.concept for item in self.find(text))
        return len(seen) / len(self.concepts)


def _verify(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern + _AFTER)


def _phrase_needle(phrase: tuple[str, ...]) -> Needle:
    if len(phrase) == 1:
        return Needle(phrase[0])
    return Needle(phrase[0], _verify(_GAP.join(re.escape(word) for word in phrase)))


def _glob_pattern(glob: str) -> str:
    return _WORD_TAIL.join(re.escape(part) for part in glob.split("*"))


class PreparedQuery:
    """A parsed query ready to run on one index.

    ``expression``: the FTS5 MATCH expression of its text (None: no text to search);
    ``exclusion``: an FTS5 expression no result may match (or None); ``matcher`` finds
    its words in texts. ``satisfiable`` is False when the query can match nothing in
    this index (no text, or a required wildcard with no word to match).
    """

    __slots__ = ("exclusion", "expression", "matcher", "parsed", "satisfiable")

    def __init__(
        self,
        parsed: ParsedQuery,
        expression: str | None,
        exclusion: str | None,
        matcher: Matcher,
        satisfiable: bool = True,
    ) -> None:
        self.parsed = parsed
        self.expression = expression
        self.exclusion = exclusion
        self.matcher = matcher
        self.satisfiable = satisfiable

    @property
    def match_all(self) -> bool:
        """Whether the query selects every document (no text; see ParsedQuery)."""
        return self.parsed.match_all


class _Compiler:
    def __init__(self, vocabulary: Vocabulary, synonyms: Synonyms) -> None:
        self.vocabulary = vocabulary
        self.synonyms = synonyms
        self.concepts: dict[str, tuple[str, list[Needle], list[Needle]]] = {}

    def _alternatives(self, key: tuple[str, ...]) -> tuple[list[str], list[Needle]]:
        """FTS5 strings and needles of a word's or phrase's synonyms."""
        strings: list[str] = []
        needles: list[Needle] = []
        for alternative in self.synonyms.of(key):
            if len(alternative) == 1:
                forms = sorted(self.vocabulary.forms(alternative[0]) | {alternative[0]})
                strings.extend(quote(form) for form in forms)
                needles.extend(Needle(form) for form in forms)
            else:
                strings.append(quote(" ".join(alternative)))
                needles.append(_phrase_needle(alternative))
        return strings, needles

    def _concept(self, label: str, needles: list[Needle], synonyms: list[Needle]) -> None:
        if label not in self.concepts:
            self.concepts[label] = (label, needles, synonyms)

    def compile(self, node: Node, positive: bool = True) -> str | None:
        if isinstance(node, Term):
            return self._term(node, positive)
        if isinstance(node, Phrase):
            strings, synonym_needles = self._alternatives(node.words)
            if positive:
                label = '"' + " ".join(node.words) + '"'
                self._concept(label, [_phrase_needle(node.words)], synonym_needles)
            return _any([quote(" ".join(node.words)), *strings])
        if isinstance(node, Not):
            return self.compile(node.child, positive=False)
        if isinstance(node, Or):
            parts = [p for p in (self.compile(c, positive) for c in node.children) if p]
            return _any(parts) if parts else None
        assert isinstance(node, And)
        positives: list[str] = []
        negatives: list[str] = []
        for child in node.children:
            compiled = self.compile(child, positive and not isinstance(child, Not))
            if isinstance(child, Not):
                if compiled is not None:
                    negatives.append(compiled)
            elif compiled is None:
                return None
            else:
                positives.append(compiled)
        if not positives:
            return None
        expression = "(" + " AND ".join(f"({p})" for p in positives) + ")"
        if negatives:  # a NOT b NOT c: a NOT (b OR c), without nesting per NOT
            expression = f"({expression} NOT ({' OR '.join(negatives)}))"
        return expression

    def _term(self, term: Term, positive: bool) -> str | None:
        if term.prefix:
            if positive:
                self._concept(term.word + "*", [Needle(term.word, prefix=True)], [])
            return quote(term.word) + "*"
        if term.glob is not None:
            pattern = re.compile(_glob_pattern(term.glob) + "$")
            forms = [w for w in self.vocabulary.starting_with(term.word) if pattern.match(w)]
            if positive:
                self._concept(term.glob, [Needle(term.word, _verify(_glob_pattern(term.glob)))], [])
            return _any([quote(form) for form in forms]) if forms else None
        forms = sorted(self.vocabulary.forms(term.word) | {term.word})
        strings, synonym_needles = self._alternatives((term.word,))
        if positive:
            self._concept(term.word, [Needle(form) for form in forms], synonym_needles)
        return _any([*(quote(form) for form in forms), *strings])


def _any(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def prepare(
    parsed: ParsedQuery, vocabulary: Vocabulary, synonyms: Synonyms | None = None
) -> PreparedQuery:
    """Make ``parsed`` concrete for an index with ``vocabulary`` and ``synonyms``."""
    compiler = _Compiler(vocabulary, synonyms or Synonyms())
    satisfiable = True
    required: list[str] = []
    for clause in parsed.required:
        compiled = compiler.compile(clause)
        if compiled is None:
            satisfiable = False
        else:
            required.append(compiled)
    optional = [p for p in (compiler.compile(clause) for clause in parsed.optional) if p]
    expression: str | None = None
    if required:
        expression = " AND ".join(f"({p})" for p in required)
        if optional:
            # Optional words rank without being required: the required part stands in
            # their OR too, so every document matching it still matches.
            expression = f"({expression}) AND ({' OR '.join(optional)} OR ({expression}))"
    elif optional:
        expression = " OR ".join(f"({p})" for p in optional)
    excluded = [p for p in (compiler.compile(c, positive=False) for c in parsed.excluded) if p]
    exclusion = " OR ".join(f"({p})" for p in excluded) or None
    if not parsed.match_all and (expression is None or not satisfiable):
        satisfiable = False
    matcher = Matcher(list(compiler.concepts.values()))
    return PreparedQuery(parsed, expression, exclusion, matcher, satisfiable)
