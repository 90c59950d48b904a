"""Chinese sentence splitting that respects quotations.

A sentence ends at 。！？ (and their ASCII forms), or runs of them such as
？！, together with any closing quotes or brackets right after them (。” or
。）). A full stop *inside* an open quotation does not end the sentence: the
quotation stays whole with the words that introduce it, and the sentence ends
where the quotation closes on a sentence end. An ellipsis …… ends a sentence
only at the end of the paragraph or right before a closing quote/bracket that
ends one.
"""
from __future__ import annotations

import re

TERMINALS = frozenset("。！？!?")
CLOSERS = frozenset("”’」』）)》】")
OPENERS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_CLOSER_OF = {v: k for k, v in OPENERS.items()}
_SPACE = frozenset(" \t\u3000\u00a0")
# Every character the scanner acts on; the rest of a paragraph is skipped in C.
_MARK = re.compile("[" + re.escape("".join(OPENERS) + "".join(_CLOSER_OF) + "".join(TERMINALS) + "…") + "]")


def split(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``.

    Sentences never overlap and carry no white space at their edges; white
    space between sentences belongs to none.
    """
    bounds: list[tuple[int, int]] = []
    stack: list[str] = []  # open quotation marks
    start, i, n = 0, 0, len(text)

    def close(end: int) -> None:
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
        mark = _MARK.search(text, i)
        if mark is None:
            break
        i = mark.start()
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
        # Closing marks after the stop belong to this sentence; they may close
        # the quotation the stop was in.
        depth = list(stack)
        while j < n and text[j] in CLOSERS:
            if text[j] in _CLOSER_OF and depth and depth[-1] == _CLOSER_OF[text[j]]:
                depth.pop()
            j += 1
        if depth:
            # The stop is inside a quotation that goes on: not a sentence end.
            stack = depth
            i = j
            continue
        stack = depth
        close(j)
        i = j
    close(n)
    return bounds


def _closes_all(text: str, j: int, stack: list[str]) -> bool:
    depth = list(stack)
    while j < len(text) and text[j] in CLOSERS:
        if text[j] in _CLOSER_OF and depth and depth[-1] == _CLOSER_OF[text[j]]:
            depth.pop()
        j += 1
    return not depth
