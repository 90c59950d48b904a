"""Where given texts stand in the sentences of a corpus: one pass over the
sentences for any number of texts.

Texts are looked up by their first k characters, k as long as the shortest
text allows (at most 8): the longer the key, the fewer texts share it. The
positions where a key may start are found with numpy (a bitmap of the keys'
hashes); each is checked once per length of the texts its key opens, not
once per text, since the genre's frames (习近平强调，…) open hundreds of
candidates and stand in nearly every report. A text shorter than 4
characters is never found (passages have at least reuse.MIN_CONTENT
characters). Both the first attestation of a reuse
passage and the occurrences of a formulation are answered here, so the two
can never disagree on where a text stands.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from typing import Callable, Iterable, Iterator

import numpy as np

from .corpus import Corpus, Doc, Sentence
from .ngrams import gram_hashes

KEY_CHARS = 8
MIN_CHARS = 4
# 2**22 bits: a few per cent of positions pass the bitmap of even 100,000 keys
BITMAP_BITS = 22
_LOW = np.uint64((1 << BITMAP_BITS) - 1)
# an occurrence packed: sentence number << _OFFSET_BITS | offset in the raw text
_OFFSET_BITS = 32
_OFFSET_MASK = (1 << _OFFSET_BITS) - 1


def _scan(corpus: Corpus, texts: Iterable[str]) -> Iterator[tuple[str, Doc, int, Sentence, int]]:
    """(text, document, sentence number, sentence, offset in the raw text)
    of every occurrence of every text inside one sentence; documents in
    doc_id order, sentences numbered in the corpus in that order."""
    texts = sorted(set(texts))
    k = min([len(t) for t in texts if len(t) >= MIN_CHARS] + [KEY_CHARS])
    # key -> [(length, the texts of that length with that key)], shortest
    # first: a position whose key matches is checked once per length, not
    # once per text (the genre's frames, 习近平强调，…, open hundreds of
    # candidates, and the frame stands in most reports)
    by_first: dict[str, list[tuple[int, frozenset[str]]]] = {}
    grouped: dict[str, dict[int, set[str]]] = {}
    for t in texts:
        if len(t) >= MIN_CHARS:
            grouped.setdefault(t[:k], {}).setdefault(len(t), set()).add(t)
    for key, lengths in grouped.items():
        by_first[key] = [(n, frozenset(lengths[n])) for n in sorted(lengths)]
    if not by_first:
        return
    # the positions whose first k characters hash like a key, found with
    # numpy a document at a time through a bitmap of the keys' low hash
    # bits; only those positions are looked up in Python (a collision is a
    # lookup that finds nothing, never a false match)
    keys = sorted(by_first)
    bitmap = np.zeros(1 << BITMAP_BITS, dtype=bool)
    bitmap[gram_hashes("".join(keys), k)[::k] & _LOW] = True
    number = -1
    for doc in corpus:
        raw = doc.raw
        positions = np.flatnonzero(bitmap[gram_hashes(raw, k) & _LOW]).tolist()
        for sentence in doc.sentences:
            number += 1
            start, end = sentence.char_start, sentence.char_end
            for j in range(bisect_left(positions, start), bisect_left(positions, end - k + 1)):
                i = positions[j]
                bucket = by_first.get(raw[i:i + k])
                if bucket is None:
                    continue
                for n, group in bucket:
                    if i + n > end:
                        break
                    piece = raw[i:i + n]
                    if piece in group:
                        yield piece, doc, number, sentence, i


def occurrences(corpus: Corpus, texts: Iterable[str]) -> dict[str, set[tuple[str, str, int, int]]]:
    """text -> {(doc_id, sentence_id, char_start, char_end)} for every text."""
    return Occurrences(corpus).of(texts)


class Occurrences:
    """The occurrences of texts in one corpus, each text searched for once.

    The reuse step asks where its candidate passages are first attested,
    the formulations step where the passages kept occur; the kept ones are
    among the candidates, so one pass over the corpus answers both.

    An occurrence is kept as one 8-byte integer (the sentence's number in
    the corpus and the offset), not as a tuple of ids: the candidates of a
    large corpus occur millions of times, and only the kept formulations'
    occurrences are ever spelt out."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._docs = list(corpus)
        # for each sentence number its document's index, and for each
        # document the number of its first sentence (4 bytes a sentence)
        self._doc_of = array("i")
        self._first = array("q")
        for d, doc in enumerate(self._docs):
            self._first.append(len(self._doc_of))
            self._doc_of.extend([d] * len(doc.sentences))
        self._found: dict[str, array] = {}

    def look_up(self, texts: Iterable[str]) -> None:
        """Search the corpus once for every text not searched for yet."""
        # not set - keys(): that iterates over every text searched for so far
        missing = {t for t in texts if t not in self._found}
        if not missing:
            return
        found = {t: array("q") for t in missing}
        for t, _, number, _, i in _scan(self.corpus, missing):
            found[t].append(number << _OFFSET_BITS | i)
        self._found.update(found)

    def _places(self, text: str) -> Iterator[tuple[Doc, Sentence, int]]:
        first, doc_of, docs = self._first, self._doc_of, self._docs
        for packed in self._found[text]:
            number, i = packed >> _OFFSET_BITS, packed & _OFFSET_MASK
            d = doc_of[number]
            doc = docs[d]
            yield doc, doc.sentences[number - first[d]], i

    def places(self, text: str) -> list[tuple[str, str, int, int]]:
        """[(doc_id, sentence_id, char_start, char_end)] of one text, sorted."""
        self.look_up((text,))
        return sorted((doc.doc_id, s.sentence_id, i, i + len(text)) for doc, s, i in self._places(text))

    def events(self, text: str) -> set[str]:
        """The events whose documents the text occurs in."""
        self.look_up((text,))
        doc_of, docs = self._doc_of, self._docs
        return {docs[doc_of[packed >> _OFFSET_BITS]].event_id for packed in self._found[text]}

    def of(self, texts: Iterable[str]) -> dict[str, set[tuple[str, str, int, int]]]:
        """text -> {(doc_id, sentence_id, char_start, char_end)} for every text."""
        texts = set(texts)
        self.look_up(texts)
        return {t: set(self.places(t)) for t in texts}

    def first_attestations(self, texts: Iterable[str],
                           rank: Callable[[Doc], tuple]) -> dict[str, tuple[str, Doc, Sentence, int]]:
        """text -> (event_id, document, sentence, offset) of its first
        attestation: the smallest event_id, then the document ``rank`` puts
        first, then the first offset (texts found nowhere are left out)."""
        texts = set(texts)
        self.look_up(texts)
        out = {}
        # a document's place in the order, asked once per document, not per occurrence
        order = {d.doc_id: (d.event_id, rank(d)) for d in self._docs}
        for t in texts:
            if self._found[t]:
                doc, sentence, start = min(self._places(t), key=lambda o: (order[o[0].doc_id], o[2]))
                out[t] = (doc.event_id, doc, sentence, start)
        return out
