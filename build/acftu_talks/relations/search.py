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


def first_attestations(corpus: Corpus, texts: Iterable[str],
                       rank: Callable[[Doc], tuple]) -> dict[str, tuple[str, Doc, Sentence, int]]:
    """text -> (event_id, document, sentence, offset) of its first
    attestation: the smallest event_id, then the document ``rank`` puts first,
    then the first offset (texts found nowhere are left out)."""
    best: dict[str, tuple] = {}
    for t, doc, sentence, i in find(corpus, texts):
        key = (doc.event_id, rank(doc), i)
        if t not in best or key < best[t][0]:
            best[t] = (key, doc, sentence, i)
    return {t: (key[0], doc, sentence, i) for t, (key, doc, sentence, i) in best.items()}
