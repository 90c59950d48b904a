"""Step 2: split a raw text into paragraphs and record every cleaning edit.

A paragraph is one non-empty line (lines end at ``\\n``, as editors count
them; ``str.splitlines`` would also split at U+2028 and friends). Cleaning
only ever *removes* characters, and every removal is an :class:`Edit` with its
offsets, so that each character of the raw text is in exactly one paragraph
text, in one edit, or is a ``\\n`` line break. That is what makes the round
trip in :mod:`acftu_talks.roundtrip` exact.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .rules import lexicon

# Characters trimmed at a paragraph's edges, by edit kind. White space covers
# ASCII space and tab, U+3000 (used to indent Chinese paragraphs) and NBSP
# (common in text copied from web pages), i.e. every Zs character, plus the
# line and paragraph separators U+2028/U+2029 that word processors leave
# (Zl, Zp): invisible, so a line holding only them is blank.
ZERO_WIDTH = frozenset(lexicon.ZERO_WIDTH)
# One scan of a paragraph finds them all: a search per character of the
# vocabulary (43 of them) cost seven times as much.
_ZERO_WIDTH_CHAR = re.compile("[" + "".join(re.escape(c) for c in sorted(ZERO_WIDTH)) + "]")

# Word-processor conversion artifacts (e.g. pandoc's rendering of Word's
# hidden "_GoBack" bookmark). They are never part of the published text.
# A bookmark name holds no bracket: an unclosed "[bookmark: " is then given up
# at the next "[", so finding artifacts stays linear in the line's length.
ARTIFACT = re.compile(r"\[bookmark: [^\[\]\n]*\]")
_ARTIFACT_START = "[bookmark: "


def _edge_kind(char: str) -> str | None:
    if char == "\t" or unicodedata.category(char) in ("Zs", "Zl", "Zp"):
        return "edge_whitespace"
    if char in ZERO_WIDTH:
        return "zero_width"
    return None


@dataclass
class Cut:
    """A removed span of the raw text (an edit before it is numbered)."""

    kind: str
    start: int
    end: int
    line_number: int


@dataclass
class Span:
    """One paragraph: where it is in the raw text and what was cut inside it."""

    paragraph_number: int
    line_number: int
    start: int
    end: int
    text: str
    inner: list[Cut] = field(default_factory=list)  # cuts inside [start, end)
    edges: list[Cut] = field(default_factory=list)  # cuts at its edges

    def raw_offset(self, index: int) -> int:
        """Map an offset into ``text`` to an offset into the raw text."""
        offset = self.start + index
        for cut in self.inner:  # sorted, and never at an edge
            if cut.start <= offset:
                offset += cut.end - cut.start
        return offset


def _trim(raw: str, start: int, end: int, line: int) -> tuple[int, int, list[Cut]]:
    """Peel carriage returns, white space, zero-width characters and artifacts
    off both edges until none is left; return the new span and the cuts."""
    cuts: list[Cut] = []
    if end > start and raw[end - 1] == "\r":
        cuts.append(Cut("carriage_return", end - 1, end, line))
        end -= 1
    changed = True
    while changed and start < end:
        changed = False
        for at_start in (True, False):
            index = start if at_start else end - 1
            kind = _edge_kind(raw[index])
            if kind:
                stop = index
                if at_start:
                    while stop < end and _edge_kind(raw[stop]) == kind:
                        stop += 1
                    cuts.append(Cut(kind, start, stop, line))
                    start = stop
                else:
                    while stop >= start and _edge_kind(raw[stop]) == kind:
                        stop -= 1
                    cuts.append(Cut(kind, stop + 1, end, line))
                    end = stop + 1
                changed = True
            if start >= end:
                break
        # Only an artifact at an edge is cut here: look at the edges alone,
        # never the whole line again (a line of many artifacts stays linear).
        match = ARTIFACT.match(raw, start, end)
        if match is None and end > start and raw[end - 1] == "]":
            opening = raw.rfind(_ARTIFACT_START, start, end)
            match = ARTIFACT.fullmatch(raw, opening, end) if opening >= 0 else None
        if match is not None:
            cuts.append(Cut("artifact", match.start(), match.end(), line))
            if match.start() == start:
                start = match.end()
            else:
                end = match.start()
            changed = True
    return start, end, cuts


def segment(raw: str) -> tuple[list[Span], list[Cut]]:
    """Split ``raw`` into paragraphs.

    Returns the paragraphs in text order and the cuts that belong to no
    paragraph (lines holding only white space, artifacts or zero-width
    characters).
    """
    spans: list[Span] = []
    loose: list[Cut] = []
    position = 0
    for line_number, line in enumerate(raw.split("\n"), start=1):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        if line_start == line_end:
            continue
        start, end, cuts = _trim(raw, line_start, line_end, line_number)
        if start >= end:
            if all(c.kind in ("edge_whitespace", "carriage_return") for c in cuts):
                # Only white space (or a lone \r): one cut for the whole line.
                kind = "carriage_return" if line == "\r" else "blank_line"
                loose.append(Cut(kind, line_start, line_end, line_number))
            else:
                # A line of artifacts or zero-width characters is not blank:
                # keep each cut under its own kind, belonging to no paragraph.
                loose.extend(sorted(cuts, key=lambda c: c.start))
            continue
        inner = [Cut("artifact", m.start(), m.end(), line_number)
                 for m in ARTIFACT.finditer(raw, start, end)]
        text = raw[start:end]
        for cut in reversed(inner):
            text = text[: cut.start - start] + text[cut.end - start:]
        spans.append(Span(len(spans) + 1, line_number, start, end, text, inner,
                          sorted(cuts, key=lambda c: c.start)))
    return spans, loose


def inner_zero_width(span: Span) -> list[int]:
    """Offsets (into the raw text) of zero-width characters inside a paragraph:
    kept, because removing them could join words, but worth a warning."""
    return [span.raw_offset(match.start()) for match in _ZERO_WIDTH_CHAR.finditer(span.text)]
