"""Chinese sentence splitting that respects quotations.

A sentence ends at 。！？ (and their ASCII forms), or runs of them such as
？！, together with any closing quotes or brackets right after them (。” or
。）). A full stop *inside* an open quotation does not end the sentence: the
quotation stays whole with the words that introduce it, and the sentence ends
where the quotation closes on a sentence end. A short tag after a closing
quotation ("“……。”习近平说。") stays with it. An ellipsis …… ends a sentence
only at the end of the paragraph or right before a closing quote/bracket that
ends one. A quotation mark that is never closed (a quotation running on into
the next paragraph, or a typo) is ignored rather than allowed to swallow the
rest of the paragraph. A stage direction after a sentence end ("（掌声）") is
a sentence of its own.
"""
from __future__ import annotations

import re

from . import lexicon as L

TERMINALS = frozenset(L.TERMINALS)
CLOSERS = frozenset(L.CLOSERS)
OPENERS = dict(L.QUOTE_PAIRS)
_CLOSER_OF = {v: k for k, v in OPENERS.items()}
_SPACE = frozenset(L.SPACES)
# "习近平说。" "他笑着说。" right after a quotation that ended a sentence.
_MARK = re.compile("[" + re.escape("".join(OPENERS) + "".join(_CLOSER_OF) + "".join(TERMINALS) + "…") + "]")
# A stage direction right after a sentence end: "（掌声）", "（热烈掌声）".
_STAGE = re.compile(rf"[{L.SPACES}]*[{L.OPEN_BRACKETS}](?:{L.STAGE_DIRECTIONS.pattern()})[{L.CLOSE_BRACKETS}]")
_TAG = re.compile(rf"[^。！？!?“”，,]{{1,12}}?(?:{L.TAG_VERBS.pattern()})[。！!]")


def split(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``.

    Sentences never overlap and carry no white space at their edges; white
    space between sentences belongs to none.
    """
    bounds, unclosed = _split(text, frozenset())
    if unclosed:
        bounds, _ = _split(text, frozenset(unclosed))
    return bounds


def _split(text: str, ignore: frozenset[int]) -> tuple[list[tuple[int, int]], list[int]]:
    bounds: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # open quotation marks and where they are
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

    def closes(j: int, depth: list) -> tuple[int, list]:
        """Consume closing marks from ``j``; return where they stop and the
        quotation depth after them."""
        depth = list(depth)
        while j < n and text[j] in CLOSERS:
            if text[j] in _CLOSER_OF and depth and depth[-1][0] == _CLOSER_OF[text[j]]:
                depth.pop()
            j += 1
        return j, depth

    while True:
        # Only quotation marks, stops and ellipses matter: jump between them.
        mark = _MARK.search(text, i)
        if mark is None:
            break
        i = mark.start()
        char = text[i]
        if char in OPENERS and i not in ignore:
            stack.append((char, i))
            i += 1
            continue
        if char in _CLOSER_OF:
            if stack and stack[-1][0] == _CLOSER_OF[char]:
                stack.pop()
            i += 1
            continue
        ends = char in TERMINALS
        if char == "…":
            j = i
            while j < n and text[j] == "…":
                j += 1
            rest = text[j:]
            ends = not rest.strip() or (rest[0] in CLOSERS and not closes(j, stack)[1])
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
        j, depth = closes(j, stack)
        stack = depth
        if depth:
            # The stop is inside a quotation that goes on: not a sentence end.
            i = j
            continue
        if text[j - 1] in _CLOSER_OF:
            tag = _TAG.match(text, j)
            if tag:
                j = tag.end()
        close(j)
        stage = _STAGE.match(text, j)
        if stage:
            # "……实现。（掌声）要……": the stage direction is a sentence of its own
            j = stage.end()
            close(j)
        i = j
    close(n)
    return bounds, [index for _, index in stack]
