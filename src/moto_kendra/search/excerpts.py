"""Document excerpts, titles and answers as Kendra's TextWithHighlights.

- An excerpt is a window of at most ``EXCERPT_CHARACTERS`` (290) characters of the
  document's text, the length query-responses-types.md gives for Kendra's
  DocumentExcerpt, around the best match: the stretch of text holding the most
  distinct query words (then the most matches, then the earliest), centred, cut at word
  boundaries, with ``...`` before and after where the text goes on. A document that
  matched only by its title or fields gets the start of its text.
- Every highlight lies inside ``Text`` and covers one match of a query word: the word,
  an inflection the index matched, a wildcard's word, a whole quoted phrase, or a
  synonym (``Type`` ``THESAURUS_SYNONYM``; others ``STANDARD``).
- ``TopAnswer`` is false on every highlight of a DOCUMENT result: the mock extracts no
  answers (no ANSWER results), and no document highlight is "the best response".
  ``whole_text`` can set it for a FAQ's answer.
- Offsets count characters (Unicode code points), as Python strings index them and as
  the JSON on the wire carries the text. For characters outside the Basic Multilingual
  Plane (emoji), UTF-16 languages (Java, JavaScript) count two units per character.
"""

from __future__ import annotations

from typing import Any

from .matching import Found, Matcher

#: Kendra's DocumentExcerpt length (query-responses-types.md: "truncated (290
#: characters)").
EXCERPT_CHARACTERS = 290
#: TextWithHighlights.Text's maximum length in the model.
MAX_TEXT = 2048
ELLIPSIS = "..."

TextWithHighlights = dict[str, Any]


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def _highlight(found: Found, shift: int) -> dict[str, Any]:
    return {
        "BeginOffset": found.begin + shift,
        "EndOffset": found.end + shift,
        "TopAnswer": False,
        "Type": "THESAURUS_SYNONYM" if found.synonym else "STANDARD",
    }


def _best_cluster(found: list[Found], size: int) -> tuple[int, int] | None:
    """``[begin, end)`` of the stretch of at most ``size`` characters holding the most
    distinct concepts (then non-synonym ones, then matches; the earliest on ties)."""
    best: tuple[tuple[int, int, int], int, int] | None = None
    for i, first in enumerate(found):
        concepts: set[int] = set()
        standard: set[int] = set()
        end = first.end
        count = 0
        for other in found[i:]:
            if other.end - first.begin > size:
                break
            concepts.add(other.concept)
            if not other.synonym:
                standard.add(other.concept)
            count += 1
            end = other.end
        key = (len(concepts), len(standard), count)
        if best is None or key > best[0]:
            best = (key, first.begin, end)
    return None if best is None else (best[1], best[2])


def _window(text: str, begin: int, end: int, size: int) -> tuple[int, int]:
    n = len(text)
    if n <= size:
        return 0, n
    slack = max(0, size - (end - begin))
    start = max(0, min(begin - slack // 2, n - size))
    stop = start + size
    if _inside_word(text, start):
        while start < begin and text[start].isalnum():
            start += 1
    while start < begin and text[start].isspace():
        start += 1
    if _inside_word(text, stop):
        while stop > end and text[stop - 1].isalnum():
            stop -= 1
    while stop > end and text[stop - 1].isspace():
        stop -= 1
    return start, stop


def excerpt(
    text: str,
    matcher: Matcher,
    *,
    size: int = EXCERPT_CHARACTERS,
    found: list[Found] | None = None,
) -> TextWithHighlights | None:
    """The excerpt of ``text`` for a query (see the module doc); None for blank text.
    ``found``: ``matcher.find(text)``, when the caller has it already."""
    if not text.strip():
        return None
    if found is None:
        found = matcher.find(text)
    cluster = _best_cluster(found, size) if found else None
    begin, end = cluster if cluster else (0, 0)
    start, stop = _window(text, begin, end, size)
    if not found:
        while start < stop and text[start].isspace():
            start += 1
    prefix = ELLIPSIS if text[:start].strip() else ""
    suffix = ELLIPSIS if text[stop:].strip() else ""
    shift = len(prefix) - start
    highlights = [_highlight(f, shift) for f in found if f.begin >= start and f.end <= stop]
    return {"Text": prefix + text[start:stop] + suffix, "Highlights": highlights}


def highlighted(
    text: str,
    matcher: Matcher,
    *,
    max_length: int = MAX_TEXT,
    found: list[Found] | None = None,
) -> TextWithHighlights | None:
    """All of ``text`` (a title, a FAQ question) with every match highlighted; cut at a
    word boundary to ``max_length`` characters. None for blank text. ``found``:
    ``matcher.find(text)``, when the caller has it already."""
    if not text.strip():
        return None
    if len(text) > max_length:
        stop = max_length
        while stop > 0 and _inside_word(text, stop):
            stop -= 1
        text = text[: stop or max_length]
    if found is None:
        found = matcher.find(text)
    highlights = [_highlight(item, 0) for item in found if item.end <= len(text)]
    return {"Text": text, "Highlights": highlights}


def whole_text(
    text: str, *, top_answer: bool = False, max_length: int = MAX_TEXT
) -> TextWithHighlights | None:
    """``text`` with one highlight over all of it (as query-responses-types.md shows a
    QUESTION_ANSWER result's answer); ``top_answer`` sets its TopAnswer."""
    if not text.strip():
        return None
    text = text[:max_length]
    return {
        "Text": text,
        "Highlights": [
            {"BeginOffset": 0, "EndOffset": len(text), "TopAnswer": top_answer, "Type": "STANDARD"}
        ],
    }
