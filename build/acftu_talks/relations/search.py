"""Where given texts stand in the sentences of a corpus: one pass over the
sentences for any number of texts.

Texts are looked up by their first k characters, k as long as the shortest
text allows (at most 8): the longer the key, the fewer texts share it. A
text shorter than 4 characters is never found (passages have at least
reuse.MIN_CONTENT characters). Both the first attestation of a reuse
passage and the occurrences of a formulation are answered here, so the two
can never disagree on where a text stands.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from .corpus import Corpus, Doc, Sentence

KEY_CHARS = 8
MIN_CHARS = 4


def find(corpus: Corpus, texts: Iterable[str]) -> Iterator[tuple[str, Doc, Sentence, int]]:
    """(text, document, sentence, offset in the raw text) of every occurrence
    of every text inside one sentence, documents in doc_id order."""
    texts = sorted(set(texts))
    k = min([len(t) for t in texts if len(t) >= MIN_CHARS] + [KEY_CHARS])
    by_first: dict[str, list[str]] = {}
    for t in texts:
        if len(t) >= MIN_CHARS:
            by_first.setdefault(t[:k], []).append(t)
    if not by_first:
        return
    for doc in corpus:
        raw = doc.raw
        for sentence in doc.sentences:
            start, end = sentence.char_start, sentence.char_end
            for i in range(start, end - k + 1):
                bucket = by_first.get(raw[i:i + k])
                if bucket is None:
                    continue
                for t in bucket:
                    if i + len(t) <= end and raw.startswith(t, i):
                        yield t, doc, sentence, i


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
        for t, found in self.of(texts).items():
            if found:
                doc_id, sentence_id, start, _ = min(
                    found, key=lambda o: (self.corpus[o[0]].event_id, rank(self.corpus[o[0]]), o[2]))
                doc = self.corpus[doc_id]
                out[t] = (doc.event_id, doc, doc.sentence(sentence_id), start)
        return out
