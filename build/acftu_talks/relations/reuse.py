"""``reuse`` alignments: passages that recur across events.

Every sentence of every document goes into one index of character
``MIN_CHARS``-grams; two sentences of different events that share a gram
seed an exact match, extended to its longest. A match is trimmed of
punctuation at its ends and kept if what is left has at least
``MIN_CHARS`` characters, ``MIN_CONTENT`` of them not punctuation (shorter
shared strings in this genre are words and names: 职工群众, 全国总工会).
Within one pair of documents the longest matches are kept first and a
shorter one that overlaps a kept one on either side is dropped, so each
character is reused at most once per pair of documents (a phrase said three
times in one text and twice in another gives two rows, not six).
"""
from __future__ import annotations

from typing import Iterator

from .corpus import Corpus, Sentence
from .ngrams import NgramIndex, content_length, is_mark

METHOD = "ngram-seed-extend"
MIN_CHARS = 8
MIN_CONTENT = 7
# A gram in more sentences than this seeds nothing (see ngrams). The title
# formula of the genre is in every report; in a small corpus it is still
# found, in a large one it is left out of reuse (and of formulations).
MAX_POSTINGS = 64


def _trim(a: str, b: str, start_a: int, start_b: int, length: int) -> tuple[int, int, int]:
    """The match without punctuation at its ends, and without the digits of
    a number it cuts (``习近平2`` of 习近平29日 / 习近平23日)."""
    def cut_digit(i_a: int, i_b: int) -> bool:  # a number runs on past this edge in either text
        return (0 <= i_a < len(a) and a[i_a].isdigit()) or (0 <= i_b < len(b) and b[i_b].isdigit())
    end_a = start_a + length
    while start_a < end_a and (is_mark(a[start_a]) or a[start_a].isdigit() and cut_digit(start_a - 1, start_b - 1)):
        start_a, start_b = start_a + 1, start_b + 1
    while end_a > start_a and (is_mark(a[end_a - 1]) or a[end_a - 1].isdigit()
                               and cut_digit(end_a, start_b + end_a - start_a)):
        end_a -= 1
    return start_a, start_b, end_a - start_a


def matches(corpus: Corpus, max_postings: int = MAX_POSTINGS) -> Iterator[tuple[Sentence, Sentence, int, int, int]]:
    """(sentence_a, sentence_b, start_a, start_b, length) with offsets
    relative to the sentences, doc_id of a < doc_id of b, sorted."""
    index = NgramIndex(MIN_CHARS)
    sentences: list[Sentence] = []
    events: list[str] = []
    for doc in corpus:  # doc_id order: span numbers do not depend on the reading order
        for s in doc.sentences:
            index.add(s.text)
            sentences.append(s)
            events.append(doc.event_id)
    found = index.maximal_matches(max_postings, lambda x, y: events[x] != events[y])
    by_docs: dict[tuple[str, str], list[tuple]] = {}
    for (x, y), spans in found.items():
        sa, sb = sentences[x], sentences[y]
        for start_a, start_b, length in spans:
            start_a, start_b, length = _trim(sa.text, sb.text, start_a, start_b, length)
            if length < MIN_CHARS or content_length(sa.text[start_a:start_a + length]) < MIN_CONTENT:
                continue
            by_docs.setdefault((sa.doc_id, sb.doc_id), []).append(
                (sa.char_start + start_a, sb.char_start + start_b, length, x, y))
    for pair in sorted(by_docs):
        kept: list[tuple] = []
        # longest first, ties by position: the same choice every build
        for m in sorted(by_docs[pair], key=lambda m: (-m[2], m[0], m[1])):
            a0, b0, length = m[0], m[1], m[2]
            if any(a0 < ka + kl and ka < a0 + length or b0 < kb + kl and kb < b0 + length
                   for ka, kb, kl, _, _ in kept):
                continue
            kept.append(m)
        for a0, b0, length, x, y in sorted(kept):
            sa, sb = sentences[x], sentences[y]
            yield sa, sb, a0 - sa.char_start, b0 - sb.char_start, length


def align(corpus: Corpus, max_postings: int = MAX_POSTINGS) -> Iterator[dict]:
    """Reuse rows (without alignment_id)."""
    for sa, sb, start_a, start_b, length in matches(corpus, max_postings):
        a0, b0 = sa.char_start + start_a, sb.char_start + start_b
        text = sa.text[start_a:start_a + length]
        yield {
            "kind": "reuse", "op": None,
            "doc_id_a": sa.doc_id, "sentence_id_a": sa.sentence_id,
            "char_start_a": a0, "char_end_a": a0 + length, "text_a": text,
            "doc_id_b": sb.doc_id, "sentence_id_b": sb.sentence_id,
            "char_start_b": b0, "char_end_b": b0 + length, "text_b": text,
            "artifact": None,
            # the share of the shorter sentence the passage makes up
            "score": round(length / min(len(sa.text), len(sb.text)), 4),
            "method": METHOD,
        }
