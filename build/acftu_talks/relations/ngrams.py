"""A character n-gram index: the only source of candidate pairs.

Building it touches each character once (one posting per n-gram position), so
it is linear in the corpus's characters. A gram attested in more than
``max_postings`` spans says nothing about which spans belong together (a
title formula in every report of the genre); like the stop n-grams of
passim and TextPAIR it seeds no candidates, which keeps the number of
candidate pairs linear too.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from typing import Callable, Iterator

# a posting packs (span, offset) into one int: span * SHIFT + offset
SHIFT = 1 << 24


def is_mark(ch: str) -> bool:
    """Punctuation or space: what does not make a passage meaningful."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PZS"


def content_length(text: str) -> int:
    """Characters that are not punctuation or space."""
    return sum(not is_mark(ch) for ch in text)


class NgramIndex:
    """Postings of every character n-gram of the spans added, by gram."""

    def __init__(self, n: int):
        if n < 1:
            raise ValueError("n must be at least 1")
        self.n = n
        self.texts: list[str] = []
        self.postings: dict[str, list[int]] = defaultdict(list)

    def add(self, text: str) -> int:
        """Index ``text`` as the next span; return its span number."""
        span = len(self.texts)
        if len(text) >= SHIFT:
            raise ValueError(f"a span of {len(text)} characters is longer than the index allows")
        self.texts.append(text)
        n, post = self.n, self.postings
        for i in range(len(text) - n + 1):
            post[text[i:i + n]].append(span * SHIFT + i)
        return span

    def _pairs(self, max_postings: int, keep: Callable[[int, int], bool]) -> Iterator[tuple[int, int, int, int]]:
        """(span_a, offset_a, span_b, offset_b), span_a < span_b, for every
        two postings of a gram in two spans that ``keep`` accepts."""
        for postings in self.postings.values():
            if len(postings) < 2 or len(postings) > max_postings:
                continue
            for x, px in enumerate(postings):
                sa, ia = divmod(px, SHIFT)
                for py in postings[x + 1:]:
                    sb, ib = divmod(py, SHIFT)
                    if sa == sb or not keep(sa, sb):
                        continue
                    yield (sa, ia, sb, ib) if sa < sb else (sb, ib, sa, ia)

    def shared_grams(self, max_postings: int, keep: Callable[[int, int], bool]) -> Counter:
        """How many gram positions each candidate pair of spans shares."""
        counts: Counter = Counter()
        for sa, _, sb, _ in self._pairs(max_postings, keep):
            counts[(sa, sb)] += 1
        return counts

    def maximal_matches(self, max_postings: int, keep: Callable[[int, int], bool]) -> dict:
        """Every maximal exact match seeded by a shared gram:
        ``{(span_a, span_b): {(start_a, start_b, length), ...}}``.

        A seed is extended left and right character by character; seeds that
        fall inside a match already found on the same diagonal are skipped,
        so each match is extended once.
        """
        found: dict[tuple[int, int], set] = defaultdict(set)
        covered: dict[tuple[int, int, int], list[tuple[int, int]]] = defaultdict(list)
        texts = self.texts
        for sa, ia, sb, ib in self._pairs(max_postings, keep):
            diag = (sa, sb, ia - ib)
            if any(s <= ia < e for s, e in covered[diag]):
                continue
            ta, tb = texts[sa], texts[sb]
            start_a, start_b = ia, ib
            while start_a > 0 and start_b > 0 and ta[start_a - 1] == tb[start_b - 1]:
                start_a, start_b = start_a - 1, start_b - 1
            end_a, end_b = ia, ib
            while end_a < len(ta) and end_b < len(tb) and ta[end_a] == tb[end_b]:
                end_a, end_b = end_a + 1, end_b + 1
            covered[diag].append((start_a, end_a))
            found[(sa, sb)].add((start_a, start_b, end_a - start_a))
        return found
