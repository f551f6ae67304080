"""The vocabulary of an index: which words its documents hold, in how many documents,
and which words share a stem.

It lets a query word match its inflections (``deploying`` finds ``deployed``: the query
asks the index for every form of the word's stem that the index holds), gives spelling
its dictionary and its word frequencies, and gives wildcards inside a word their
candidate words.
"""

from __future__ import annotations

from collections.abc import Iterable

from .analysis import stem


class Vocabulary:
    """Document frequencies of normalized words, grouped by stem."""

    def __init__(self) -> None:
        #: word -> number of documents holding it (only words with a count above zero).
        self.document_frequency: dict[str, int] = {}
        #: stem -> the words of the vocabulary with that stem.
        self._by_stem: dict[str, set[str]] = {}
        #: How many documents were added and not removed.
        self.documents = 0

    def __contains__(self, word: object) -> bool:
        return word in self.document_frequency

    def __len__(self) -> int:
        return len(self.document_frequency)

    def add(self, document_words: Iterable[str]) -> None:
        """Count one document holding ``document_words`` (normalized; repeats are fine)."""
        frequency = self.document_frequency
        self.documents += 1
        for word in set(document_words):
            count = frequency.get(word)
            if count is None:
                frequency[word] = 1
                self._by_stem.setdefault(stem(word), set()).add(word)
            else:
                frequency[word] = count + 1

    def remove(self, document_words: Iterable[str]) -> None:
        """Forget one document that was added with ``document_words``."""
        frequency = self.document_frequency
        self.documents = max(0, self.documents - 1)
        for word in set(document_words):
            count = frequency.get(word)
            if count is None:
                continue
            if count > 1:
                frequency[word] = count - 1
                continue
            del frequency[word]
            key = stem(word)
            forms = self._by_stem.get(key)
            if forms is not None:
                forms.discard(word)
                if not forms:
                    del self._by_stem[key]

    def forms(self, word: str) -> set[str]:
        """The words of the vocabulary with the stem of ``word`` (empty if none)."""
        return set(self._by_stem.get(stem(word), ()))

    def frequency(self, word: str) -> int:
        """In how many documents ``word`` occurs."""
        return self.document_frequency.get(word, 0)

    def starting_with(self, prefix: str) -> list[str]:
        """The words of the vocabulary that start with ``prefix``, sorted."""
        return sorted(word for word in self.document_frequency if word.startswith(prefix))
