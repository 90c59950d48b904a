"""The n-gram index: one posting per position, candidates only from shared
grams, maximal exact matches."""
import numpy as np
from hypothesis import given, strategies as st

from acftu_talks.relations.ngrams import SHIFT, NgramIndex, content_length, is_mark


def test_one_posting_per_gram_position_and_none_across_spans():
    index = NgramIndex(3)
    for text in ("工会是职工之家", "职工", "工会是"):
        index.add(text)
    hashes, postings = index._postings()
    assert len(postings) == 5 + 0 + 1  # 家职工 (across two spans) is no gram
    assert [[divmod(int(p), SHIFT) for p in g] for g in index.groups(10)] == [[(0, 0), (2, 0)]]


def test_a_gram_in_too_many_spans_seeds_nothing():
    index = NgramIndex(2)
    for text in ("甲乙丙", "甲乙丁", "甲乙戊"):
        index.add(text)
    everything = lambda a, b: True  # noqa: E731
    assert index.shared_grams(3, everything) == {(0, 1): 1, (0, 2): 1, (1, 2): 1}
    assert index.shared_grams(2, everything) == {}


def test_maximal_matches_are_extended_both_ways():
    index = NgramIndex(4)
    index.add("前言工会是职工之家，后记")
    index.add("他说工会是职工之家，对")
    found = index.maximal_matches(10, lambda a, b: True)
    assert found == {(0, 1): {(2, 2, 8)}}  # 工会是职工之家， from offset 2 in both


def test_a_hash_collision_never_makes_a_match(monkeypatch):
    index = NgramIndex(2)
    index.add("甲乙")
    index.add("丙丁")
    monkeypatch.setattr(index, "groups", lambda m: [np.array([0, SHIFT])])  # as if the two hashed alike
    assert index.maximal_matches(10, lambda a, b: True) == {}


def test_keep_decides_which_span_pairs_are_candidates():
    index = NgramIndex(2)
    index.add("甲乙丙")
    index.add("甲乙丙")
    assert index.maximal_matches(10, lambda a, b: False) == {}


def test_marks():
    assert is_mark("，") and is_mark("“") and is_mark(" ") and not is_mark("工")
    assert content_length("工会，职工。") == 4


@given(st.text(alphabet="甲乙丙丁，", min_size=0, max_size=30), st.text(alphabet="甲乙丙丁，", min_size=0, max_size=30))
def test_every_match_is_exact_and_maximal(a, b):
    index = NgramIndex(3)
    index.add(a)
    index.add(b)
    for (x, y), matches in index.maximal_matches(1000, lambda p, q: True).items():
        assert (x, y) == (0, 1)
        for sa, sb, length in matches:
            assert a[sa:sa + length] == b[sb:sb + length] and length >= 3
            assert sa == 0 or sb == 0 or a[sa - 1] != b[sb - 1]
            assert sa + length == len(a) or sb + length == len(b) or a[sa + length] != b[sb + length]


def test_chunks_and_hash_partitions_give_the_same_groups(monkeypatch):
    from acftu_talks.relations import ngrams
    texts = ["工会是职工之家，工会干部是娘家人", "让职工群众感到工会是职工之家", "甲乙丙丁戊己庚辛", "工会干部是最可信赖的娘家人"] * 3

    def grouped():
        index = NgramIndex(3)
        for t in texts:
            index.add(t)
        return sorted(tuple(int(p) for p in g) for g in index.groups(100))

    whole = grouped()
    monkeypatch.setattr(ngrams, "CHUNK_CHARS", 20)
    monkeypatch.setattr(ngrams, "PARTITION_CHARS", 30)
    assert grouped() == whole and whole


@given(st.lists(st.tuples(st.text(alphabet="甲乙丙，", min_size=0, max_size=12), st.sampled_from("abc")),
                min_size=0, max_size=6))
def test_first_attestation_pairs_each_gram_from_its_earliest_key_only(spans):
    """The pairs with ``origin`` are exactly, for every gram, its postings of
    the smallest key paired with its postings of every other key."""
    index = NgramIndex(2)
    for text, _ in spans:
        index.add(text)
    key = [k for _, k in spans]
    got = sorted(index._pairs(100, lambda a, b: key[a] != key[b], key.__getitem__))
    postings: dict = {}
    for s, (text, _) in enumerate(spans):
        for i in range(len(text) - 1):
            postings.setdefault(text[i:i + 2], []).append((s, i))
    want = []
    for found in postings.values():
        first = min(key[s] for s, _ in found)
        for sa, ia in found:
            for sb, ib in found:
                if key[sa] == first and key[sb] != first:
                    want.append((sa, ia, sb, ib) if sa < sb else (sb, ib, sa, ia))
    assert got == sorted(want)


def test_first_attestation_seeds_k_minus_1_pairs_for_a_gram_in_k_keys():
    index = NgramIndex(3)
    for _ in range(5):
        index.add("工会是职工之家")
    pairs = {(a, b) for a, _, b, _ in index._pairs(10, lambda a, b: True, lambda s: f"{s}")}
    assert pairs == {(0, 1), (0, 2), (0, 3), (0, 4)}
    assert len({(a, b) for a, _, b, _ in index._pairs(10, lambda a, b: True)}) == 10


@given(st.lists(st.text(alphabet="甲乙丙丁，", min_size=0, max_size=15), min_size=0, max_size=8),
       st.integers(2, 5), st.booleans(), st.booleans())
def test_groups_are_every_grams_postings_in_order_of_their_first(texts, max_postings, small_parts, small_batches):
    """Groups by definition: a dict of each gram's postings (in position
    order), those with 2 to max_postings, ordered by their first posting;
    whether the text is hashed in one part or several, and the groups
    handed out in one batch or several."""
    import pytest
    from acftu_talks.relations import ngrams
    with pytest.MonkeyPatch.context() as mp:
        if small_parts:
            mp.setattr(ngrams, "CHUNK_CHARS", 7)
            mp.setattr(ngrams, "PARTITION_CHARS", 11)
        if small_batches:
            mp.setattr(ngrams, "GROUPS_AT_A_TIME", 2)
        index = NgramIndex(2)
        for t in texts:
            index.add(t)
        got = [list(g) for g in index.groups(max_postings)]
    by_gram: dict[str, list[int]] = {}
    for span, t in enumerate(texts):
        for i in range(len(t) - 1):
            by_gram.setdefault(t[i:i + 2], []).append(span * SHIFT + i)
    expected = sorted((ps for ps in by_gram.values() if 2 <= len(ps) <= max_postings), key=lambda ps: ps[0])
    assert got == expected
