"""The sentence scanner jumps between marks; it must split exactly as a scan
of every character does (the reference below is the original loop)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from acftu_talks import sentences
from acftu_talks.sentences import _CLOSER_OF, _SPACE, CLOSERS, OPENERS, TERMINALS, _closes_all


def reference_split(text: str) -> list[tuple[int, int]]:
    bounds, stack, start, i, n = [], [], 0, 0, len(text)

    def close(end):
        nonlocal start
        s, e = start, end
        while s < e and text[s] in _SPACE:
            s += 1
        while e > s and text[e - 1] in _SPACE:
            e -= 1
        if e > s:
            bounds.append((s, e))
        start = end

    while i < n:
        char = text[i]
        if char in OPENERS:
            stack.append(char)
            i += 1
            continue
        if char in _CLOSER_OF:
            if stack and stack[-1] == _CLOSER_OF[char]:
                stack.pop()
            i += 1
            continue
        ends = char in TERMINALS
        if char == "…":
            j = i
            while j < n and text[j] == "…":
                j += 1
            rest = text[j:]
            ends = not rest.strip() or (rest[0] in CLOSERS and _closes_all(text, j, stack))
            if not ends:
                i = j
                continue
            i = j - 1
        if not ends:
            i += 1
            continue
        j = i + 1
        while j < n and (text[j] in TERMINALS or text[j] == "…"):
            j += 1
        depth = list(stack)
        while j < n and text[j] in CLOSERS:
            if text[j] in _CLOSER_OF and depth and depth[-1] == _CLOSER_OF[text[j]]:
                depth.pop()
            j += 1
        if depth:
            stack = depth
            i = j
            continue
        stack = depth
        close(j)
        i = j
    close(n)
    return bounds


ALPHABET = "".join(OPENERS) + "".join(CLOSERS) + "".join(TERMINALS) + "…说要，a \u3000"


@settings(max_examples=2000)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_scanner_splits_like_the_character_loop(text):
    assert sentences.split(text) == reference_split(text)


def test_a_quoted_stop_does_not_end_the_sentence():
    text = "他说：“要团结。要奋斗。”大家鼓掌。"
    assert [text[s:e] for s, e in sentences.split(text)] == ["他说：“要团结。要奋斗。”", "大家鼓掌。"]
