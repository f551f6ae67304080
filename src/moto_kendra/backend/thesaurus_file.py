"""A thesaurus file: Solr's synonym format, parsed and checked as Kendra reads it.

index-synonyms-creating-thesaurus-file.md: a UTF-8 text file, one rule a line, under
5 MB. A rule is a comma-separated list of *equivalent* terms (``DNS, Route53, Route 53``:
each maps to the others) or an *explicit* mapping, two lists with ``=>`` between them
(``autoscaling group, ASG => Auto Scaling group, autoscaling``: each term on the left
maps to every term on the right, never back). Rules with the same term on the left are
merged. Blank lines and lines starting with ``#`` are ignored, and so is a rule that
maps a term only to itself (``a => a``). A backslash escapes the next character
(``\\,`` is a comma inside a term, ``\\=>`` a literal arrow).

What is malformed (the line number is in the error): a line with more than one
``=>``, an empty side of ``=>``, an empty term (``a, , b``, ``a, b,``), a term with no
letters or digits, a single stop word as a term (``WHO => World Health Organization``
is rejected; a phrase holding stop words is fine, index-synonyms.md), a lone backslash
at the end of a line, bytes that aren't UTF-8. Over the quotas (quotas.md): more than
10,000 rules, more than 10 synonyms for one term.

Counts, as the guide's example defines them (6 rules and 18 terms): the rule count is
the number of lines that define at least one mapping; the term count is the number of
distinct terms, a term on the left of a mapping counted in lower case and one on the
right as written (an equivalence list puts each of its terms on both sides).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..search.analysis import is_stop_word, words
from .values import printable

#: A thesaurus file can be this size at most (quotas.md: 5 MB; the guide: "less than").
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Synonym rules per thesaurus (quotas.md).
MAX_RULES = 10_000
#: Synonyms per term in all thesauri of an index (quotas.md).
MAX_SYNONYMS_PER_TERM = 10
#: A line echoed in an error message is cut to this many characters.
_ECHO = 120


class ThesaurusFileError(Exception):
    """Why a thesaurus file can't be ingested (the thesaurus' ErrorMessage)."""


@dataclass
class ParsedThesaurus:
    """What a thesaurus file holds: its counts, and each term's synonyms.

    ``synonyms`` maps a term, in its normal form (its words, lower case, without
    accents, one space apart), to the terms it also searches for, as written in the
    file, first seen first; the mapping ``moto_kendra.search.SearchIndex`` takes.
    """

    rule_count: int = 0
    term_count: int = 0
    synonyms: dict[str, list[str]] = field(default_factory=dict)


def _split(text: str, separator: str, line: int) -> list[str]:
    """``text`` cut at each unescaped ``separator`` (escapes kept for ``_unescape``)."""
    pieces: list[str] = []
    current: list[str] = []
    position, end = 0, len(text)
    while position < end:
        if text.startswith(separator, position):
            pieces.append("".join(current))
            current = []
            position += len(separator)
            continue
        char = text[position]
        position += 1
        if char == "\\":
            if position >= end:
                raise ThesaurusFileError(
                    f"line {line}: the line ends with a lone backslash (a backslash escapes "
                    "the character after it)"
                )
            current.append(char)
            char = text[position]
            position += 1
        current.append(char)
    pieces.append("".join(current))
    return pieces


def _unescape(text: str) -> str:
    out: list[str] = []
    escaped = False
    for char in text:
        if char == "\\" and not escaped:
            escaped = True
            continue
        out.append(char)
        escaped = False
    return "".join(out)


def _echo(text: str) -> str:
    return printable(text, _ECHO, "?") + ("…" if len(text) > _ECHO else "")


def _terms(side: str, line: int) -> list[str]:
    """The terms of a comma-separated list, whitespace-collapsed; checked."""
    terms: list[str] = []
    for piece in _split(side, ",", line):
        term = " ".join(_unescape(piece).split())
        if not term:
            raise ThesaurusFileError(
                f"line {line}: an empty term (two commas in a row, or a comma at the start "
                "or the end of a list)"
            )
        term_words = words(term)
        if not term_words:
            raise ThesaurusFileError(
                f"line {line}: the term '{_echo(term)}' has no letters or digits"
            )
        if len(term_words) == 1 and is_stop_word(term_words[0]):
            raise ThesaurusFileError(
                f"line {line}: the term '{_echo(term)}' is a stop word; a single stop word "
                "can't be a synonym (a phrase holding one can)"
            )
        terms.append(term)
    return terms


def _rule(text: str, line: int) -> list[tuple[str, str]]:
    """The mappings (left term, right term) of one rule line."""
    sides = _split(text, "=>", line)
    if len(sides) > 2:
        raise ThesaurusFileError(
            f"line {line}: more than one '=>' (an explicit mapping is one list of terms, "
            "'=>', and another list)"
        )
    if len(sides) == 2:
        for name, side in (("left", sides[0]), ("right", sides[1])):
            if not side.strip():
                raise ThesaurusFileError(f"line {line}: no terms on the {name} of '=>'")
        left, right = _terms(sides[0], line), _terms(sides[1], line)
    else:
        left = right = _terms(sides[0], line)
    return [
        (source, target)
        for source in left
        for target in right
        if words(source) != words(target)  # a term mapped to itself is no mapping
    ]


def parse_thesaurus(data: bytes) -> ParsedThesaurus:
    """Parse and check a thesaurus file (ThesaurusFileError if Kendra would refuse it)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ThesaurusFileError(
            f"line {line}: the file isn't UTF-8 (byte 0x{data[error.start]:02x} at offset "
            f"{error.start})"
        ) from None
    parsed = ParsedThesaurus()
    terms: set[str] = set()
    seen: dict[str, set[tuple[str, ...]]] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        content = raw.rstrip("\r")
        stripped = content.strip()
        if not stripped or stripped.startswith("#"):
            continue
        mappings = _rule(content, number)
        if not mappings:
            continue  # a rule mapping terms only to themselves: ignored, not counted
        parsed.rule_count += 1
        for source, target in mappings:
            terms.add(source.lower())
            terms.add(target)
            key = " ".join(words(source))
            known = seen.setdefault(key, set())
            target_words = tuple(words(target))
            if target_words not in known:
                known.add(target_words)
                parsed.synonyms.setdefault(key, []).append(target)
    if parsed.rule_count > MAX_RULES:
        raise ThesaurusFileError(
            f"the file has {parsed.rule_count} synonym rules; a thesaurus can have at most "
            f"{MAX_RULES:,}"
        )
    for key, synonyms in parsed.synonyms.items():
        if len(synonyms) > MAX_SYNONYMS_PER_TERM:
            raise ThesaurusFileError(
                f"the term '{_echo(key)}' has {len(synonyms)} synonyms; a term can have at "
                f"most {MAX_SYNONYMS_PER_TERM}"
            )
    parsed.term_count = len(terms)
    return parsed
