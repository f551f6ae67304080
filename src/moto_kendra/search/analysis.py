"""Text analysis shared by everything lexical in the search package.

One definition of a *word* and of its normal form serves the index's vocabulary, the
query parser, highlighting, passage scoring and spelling, so they all agree:

- A word is a run of letters and digits (Unicode categories L* and N*); everything else,
  underscore included, separates words. This is what SQLite FTS5's ``unicode61``
  tokenizer (the index's tokenizer) calls a token.
- A word's normal form is lower case with diacritics removed (``Café`` -> ``cafe``), as
  ``unicode61`` with ``remove_diacritics 2`` folds it.
- Its *stem* is the word after Porter's step 1 (plural and ``-ed``/``-ing`` endings:
  ``deploying``, ``deployed``, ``deploys`` -> ``deploi``): inflections match each other,
  derivations (``deployment``) don't. Only ASCII words of three letters or more are
  stemmed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

#: A word: letters and digits (``[^\W_]`` is ``\w`` without the underscore).
WORD = re.compile(r"[^\W_]+")

#: English words left out of free-text queries (``what is the height of the Space
#: Needle?`` searches ``height``, ``space``, ``needle``), as Kendra leaves stop words out
#: of its 30-word query limit.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves""".split()
)


class _Unaccent(dict[int, int]):
    """A ``str.translate`` table folding each accented character to its base letter,
    one character for one (so offsets in the folded text are offsets in the original).

    Built lazily: a character is looked at the first time it is met."""

    def __missing__(self, code: int) -> int:
        decomposed = unicodedata.normalize("NFD", chr(code))
        base = code
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            base = ord(decomposed[0])
        self[code] = base
        return base


_UNACCENT = _Unaccent()


def unaccent(text: str) -> str:
    """``text`` with diacritics removed, character for character (same length)."""
    return text if text.isascii() else text.translate(_UNACCENT)


def normalize(word: str) -> str:
    """A word's normal form: diacritics removed, lower case."""
    return unaccent(word).lower()


def words(text: str) -> list[str]:
    """The normal forms of the words of ``text``, in order."""
    return WORD.findall(unaccent(text).lower())


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(begin, end, normal form)`` of each word of ``text``; offsets into ``text``."""
    for match in WORD.finditer(unaccent(text)):
        yield match.start(), match.end(), match.group().lower()


def is_stop_word(word: str) -> bool:
    """Whether a normalized word is an English stop word."""
    return word in STOP_WORDS


# -- Porter's step 1 (M. F. Porter, "An algorithm for suffix stripping", 1980) ---------

_VOWELS = frozenset("aeiou")


def _consonant(word: str, i: int) -> bool:
    char = word[i]
    if char in _VOWELS:
        return False
    if char == "y":
        return i == 0 or not _consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in ``stem``."""
    m = 0
    previous_vowel = False
    for i in range(len(stem)):
        consonant = _consonant(stem, i)
        if consonant and previous_vowel:
            m += 1
        previous_vowel = not consonant
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _consonant(stem, i) for i in range(len(stem)))


def _cvc(stem: str) -> bool:
    return (
        len(stem) >= 3
        and _consonant(stem, len(stem) - 3)
        and not _consonant(stem, len(stem) - 2)
        and _consonant(stem, len(stem) - 1)
        and stem[-1] not in "wxy"
    )


def stem(word: str) -> str:
    """The stem of a normalized word (Porter's step 1); other words are their own stem."""
    if len(word) < 3 or not (word.isascii() and word.isalpha()):
        return word
    w = word
    if w.endswith(("sses", "ies")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    stripped = False
    if w.endswith("eed"):
        if _measure(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, stripped = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, stripped = w[:-3], True
    if stripped:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif len(w) >= 2 and w[-1] == w[-2] and _consonant(w, len(w) - 1) and w[-1] not in "lsz":
            w = w[:-1]
        elif _measure(w) == 1 and _cvc(w):
            w += "e"
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    return w
