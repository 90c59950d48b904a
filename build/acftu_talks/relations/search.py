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


def find(corpus: Corpus, texts: Iterable[str]) -> Iterator[tuple[str, Doc, Sentence, int]]:
    """(text, document, sentence, offset in the raw text) of every occurrence
    of every text inside one sentence, documents in doc_id order."""
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
    for doc in corpus:
        raw = doc.raw
        positions = np.flatnonzero(bitmap[gram_hashes(raw, k) & _LOW]).tolist()
        for sentence in doc.sentences:
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
                        yield piece, doc, sentence, i


def occurrences(corpus: Corpus, texts: Iterable[str]) -> dict[str, set[tuple[str, str, int, int]]]:
    """text -> {(doc_id, sentence_id, char_start, char_end)} for every text."""
    texts = set(texts)
    found: dict[str, set] = {t: set() for t in texts}
    for t, doc, sentence, i in find(corpus, texts):
        found[t].add((doc.doc_id, sentence.sentence_id, i, i + len(t)))
    return found


class Occurrences:
    """The occurrences of texts in one corpus, each text searched for once.

    The reuse step asks where its candidate passages are first attested,
    the formulations step where the passages kept occur; the kept ones are
    among the candidates, so one pass over the corpus answers both."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._found: dict[str, set[tuple[str, str, int, int]]] = {}

    def of(self, texts: Iterable[str]) -> dict[str, set[tuple[str, str, int, int]]]:
        """text -> {(doc_id, sentence_id, char_start, char_end)}, as :func:`occurrences`."""
        texts = set(texts)
        missing = texts - self._found.keys()
        if missing:
            self._found.update(occurrences(self.corpus, missing))
        return {t: self._found[t] for t in texts}

    def first_attestations(self, texts: Iterable[str],
                           rank: Callable[[Doc], tuple]) -> dict[str, tuple[str, Doc, Sentence, int]]:
        """text -> (event_id, document, sentence, offset) of its first
        attestation: the smallest event_id, then the document ``rank`` puts
        first, then the first offset (texts found nowhere are left out)."""
        out = {}
        # a document's place in the order, asked once per document, not per occurrence
        order = {d.doc_id: (d.event_id, rank(d)) for d in self.corpus}
        for t, found in self.of(texts).items():
            if found:
                doc_id, sentence_id, start, _ = min(found, key=lambda o: (order[o[0]], o[2]))
                doc = self.corpus[doc_id]
                out[t] = (doc.event_id, doc, doc.sentence(sentence_id), start)
        return out
