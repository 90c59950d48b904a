"""A character n-gram index: the only source of candidate pairs.

Each n-gram position gets a 64-bit polynomial hash, computed with numpy a
chunk of text at a time (16 bytes a position with its posting, where a dict
of Python strings would take some 200). The postings are grouped by hash
with one sort (in C) per hash partition; a group is a gram's postings. A
corpus of up to PARTITION_CHARS characters is one pass over its characters;
a larger one takes one pass per partition, so that the index holds a bounded
share of the postings at a time. Matches are checked character by character,
so a hash collision can never make a row.

A gram attested in more than ``max_postings`` spans says nothing about
which spans belong together (a title formula in every report of the genre);
like the stop n-grams of passim and TextPAIR it seeds no candidates, which
keeps the number of candidate pairs linear in the corpus too.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Callable, Iterator

import numpy as np

# a posting packs (span, offset) into one int: span * SHIFT + offset
SHIFT = 1 << 24
_BASE = np.uint64(1_000_003)
# Characters hashed at a time, and per hash partition of the postings: above
# PARTITION_CHARS the grouping runs in several passes over the text, each
# holding only its partition's postings (16 bytes a position).
CHUNK_CHARS = 1 << 21
PARTITION_CHARS = 1 << 23
# groups turned into Python lists at a time
GROUPS_AT_A_TIME = 1 << 16


@lru_cache(maxsize=65536)
def is_mark(ch: str) -> bool:
    """Punctuation, symbol or space: what does not make a passage meaningful."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PZS"


def content_length(text: str) -> int:
    """Characters that are not punctuation, symbols or space."""
    return len(text) - sum(map(is_mark, text))


def gram_hashes(text: str, n: int) -> np.ndarray:
    """The hash of the n-gram at every position of ``text`` that starts one
    (``len(text) - n + 1`` of them; none for a shorter text)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    m = len(codes) - n + 1
    if m <= 0:
        return np.empty(0, np.uint64)
    h = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        for k in range(n):
            h = h * _BASE + codes[k:k + m]
    return h


def _ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The indices start, start + 1, ..., start + size - 1 of every range, end to end."""
    if not len(sizes):
        return np.empty(0, np.int64)
    ends = np.cumsum(sizes)
    return np.arange(ends[-1], dtype=np.int64) - np.repeat(ends - sizes - starts, sizes)


class NgramIndex:
    """Postings of every character n-gram of the spans added, by gram."""

    def __init__(self, n: int):
        if n < 1:
            raise ValueError("n must be at least 1")
        self.n = n
        self.texts: list[str] = []

    def add(self, text: str) -> int:
        """Index ``text`` as the next span; return its span number."""
        if len(text) >= SHIFT:
            raise ValueError(f"a span of {len(text)} characters is longer than the index allows")
        self.texts.append(text)
        return len(self.texts) - 1

    def _chunks(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(hash, posting) of every n-gram position, CHUNK_CHARS characters
        of spans at a time, in span order."""
        n, first = self.n, 0
        while first < len(self.texts):
            last, size = first, 0
            while last < len(self.texts) and (last == first or size + len(self.texts[last]) <= CHUNK_CHARS):
                size += len(self.texts[last])
                last += 1
            yield self._hashes(first, last)
            first = last

    def _hashes(self, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
        n, texts = self.n, self.texts[first:last]
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        if not len(lengths) or lengths.sum() < n:
            return np.empty(0, np.uint64), np.empty(0, np.int64)
        h = gram_hashes("".join(texts), n)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        m = len(h)
        span = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)[:m]
        offset = np.arange(m, dtype=np.int64) - starts[span]
        inside = offset <= lengths[span] - n  # the gram ends in its own span
        return h[inside], (span[inside] + first) * SHIFT + offset[inside]

    def _postings(self) -> tuple[np.ndarray, np.ndarray]:
        """(hash, posting) of every n-gram position, in span order."""
        parts = list(self._chunks())
        if not parts:
            return np.empty(0, np.uint64), np.empty(0, np.int64)
        return np.concatenate([h for h, _ in parts]), np.concatenate([p for _, p in parts])

    def groups(self, max_postings: int) -> Iterator[list[int]]:
        """The postings of each gram held by 2 to ``max_postings`` positions,
        each group in position order, groups in order of their first posting.

        Positions are grouped one hash partition at a time (``partitions``
        passes over the text, each holding about 1/partitions of the
        postings), so the index's memory stays bounded as the corpus grows."""
        flats, all_sizes = [], []
        total = sum(len(t) for t in self.texts)
        partitions = max(1, -(-total // PARTITION_CHARS))
        for part in range(partitions):
            hashes, postings = [], []
            for h, p in self._chunks():
                if partitions > 1:
                    keep = h % np.uint64(partitions) == np.uint64(part)
                    h, p = h[keep], p[keep]
                hashes.append(h)
                postings.append(p)
            if not hashes:
                continue
            h, p = np.concatenate(hashes), np.concatenate(postings)
            del hashes, postings
            order = np.argsort(h, kind="stable")
            h, p = h[order], p[order]
            del order
            if not len(h):
                continue
            cuts = np.concatenate(([0], np.flatnonzero(h[1:] != h[:-1]) + 1, [len(h)]))
            sizes = np.diff(cuts)
            chosen = np.flatnonzero((sizes >= 2) & (sizes <= max_postings))
            # the chosen groups' postings end to end (one array, not an
            # array object per group: a large corpus has millions of groups)
            sizes = sizes[chosen]
            flats.append(p[_ranges(cuts[chosen], sizes)])
            all_sizes.append(sizes)
            del h, p, cuts
        if not flats:
            return
        flat, sizes = np.concatenate(flats), np.concatenate(all_sizes)
        del flats, all_sizes
        if not len(sizes):
            return
        # groups in order of their first posting (a posting is in one group only)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        order = np.argsort(flat[starts], kind="stable")
        flat, sizes = flat[_ranges(starts[order], sizes[order])], sizes[order]
        del starts, order
        at = 0
        for first in range(0, len(sizes), GROUPS_AT_A_TIME):
            chunk = sizes[first:first + GROUPS_AT_A_TIME]
            values = flat[at:at + int(chunk.sum())].tolist()
            at += len(values)
            i = 0
            for n in chunk.tolist():
                yield values[i:i + n]
                i += n

    def _pairs(self, max_postings: int, keep: Callable[[int, int], bool],
               origin: Callable[[int], str] | None = None) -> Iterator[tuple[int, int, int, int]]:
        """(span_a, offset_a, span_b, offset_b), span_a < span_b, for every
        two postings of one gram in two spans that ``keep`` accepts.

        With ``origin`` (a span's key, e.g. its event, in the order that
        makes the smallest the first attestation) only the postings of the
        gram's smallest key pair, each with every other posting: k - 1 pairs
        for a gram in k spans of different keys instead of k(k-1)/2."""
        n, texts = self.n, self.texts
        for group in self.groups(max_postings):
            located = [divmod(int(p), SHIFT) for p in group]
            if origin is not None:
                yield from self._first_pairs(located, keep, origin)
                continue
            for x, (sa, ia) in enumerate(located):
                gram = texts[sa][ia:ia + n]
                for sb, ib in located[x + 1:]:
                    if sa == sb or not keep(sa, sb) or texts[sb][ib:ib + n] != gram:
                        continue
                    yield (sa, ia, sb, ib) if sa < sb else (sb, ib, sa, ia)

    def _first_pairs(self, located: list[tuple[int, int]], keep: Callable[[int, int], bool],
                     origin: Callable[[int], str]) -> Iterator[tuple[int, int, int, int]]:
        n, texts = self.n, self.texts
        by_gram: dict[str, list[tuple[int, int]]] = {}
        for sa, ia in located:  # a hash group may hold two grams: pair equal grams only
            by_gram.setdefault(texts[sa][ia:ia + n], []).append((sa, ia))
        for postings in by_gram.values():
            if len(postings) < 2:
                continue
            first = min(origin(s) for s, _ in postings)
            earliest = [p for p in postings if origin(p[0]) == first]
            later = [p for p in postings if origin(p[0]) != first]
            for sa, ia in earliest:
                for sb, ib in later:
                    if sa != sb and keep(sa, sb):
                        yield (sa, ia, sb, ib) if sa < sb else (sb, ib, sa, ia)

    def shared_grams(self, max_postings: int, keep: Callable[[int, int], bool]) -> Counter:
        """How many pairs of gram positions each candidate pair of spans shares."""
        counts: Counter = Counter()
        for sa, _, sb, _ in self._pairs(max_postings, keep):
            counts[(sa, sb)] += 1
        return counts

    def maximal_matches(self, max_postings: int, keep: Callable[[int, int], bool],
                        origin: Callable[[int], str] | None = None) -> dict:
        """Every maximal exact match seeded by a shared gram:
        ``{(span_a, span_b): {(start_a, start_b, length), ...}}`` (see :meth:`runs`)."""
        found: dict[tuple[int, int], set] = defaultdict(set)
        for sa, sb, start_a, start_b, length in self.runs(max_postings, keep, origin):
            found[(sa, sb)].add((start_a, start_b, length))
        return found

    def runs(self, max_postings: int, keep: Callable[[int, int], bool],
             origin: Callable[[int], str] | None = None) -> Iterator[tuple[int, int, int, int, int]]:
        """(span_a, span_b, start_a, start_b, length) of every maximal exact
        match seeded by a shared gram, each once, as they are found (a caller
        that uses each at once holds none of them).

        A seed is extended left and right character by character; seeds that
        fall inside a match already found on the same diagonal are skipped,
        so each match is extended once. ``origin``: seed only from each
        gram's first attestation (see ``_pairs``).
        """
        covered: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
        texts = self.texts
        for sa, ia, sb, ib in self._pairs(max_postings, keep, origin):
            diag = (sa, sb, ia - ib)
            done = covered.get(diag)
            if done is not None and any(s <= ia < e for s, e in done):
                continue
            ta, tb = texts[sa], texts[sb]
            start_a, start_b = ia, ib
            while start_a > 0 and start_b > 0 and ta[start_a - 1] == tb[start_b - 1]:
                start_a, start_b = start_a - 1, start_b - 1
            end_a, end_b = ia, ib
            while end_a < len(ta) and end_b < len(tb) and ta[end_a] == tb[end_b]:
                end_a, end_b = end_a + 1, end_b + 1
            if done is None:
                covered[diag] = [(start_a, end_a)]
            else:
                done.append((start_a, end_a))
            yield sa, sb, start_a, start_b, end_a - start_a
