"""The card's figure: each document's make-up by segment type and speech mode,
as a horizontal stacked bar chart in SVG.

Written by hand rather than with a plotting library: the build stays light,
and the same counts always give the same bytes (no library version, font
cache or timestamp in the file), so the figure can be checksummed.
"""
from __future__ import annotations

from html import escape
from typing import Mapping

from ..contract.records import SEGMENT_TYPES, SPEECH_MODES

TITLE = "Paragraphs per document, by segment type and speech mode"

# Okabe-Ito colours (safe for colour-blind readers): body text by speech
# mode in strong colours, the publisher's additions in greys and pale tones.
MODE_COLOURS = {"direct": "#0072B2", "reported": "#E69F00", "mixed": "#CC79A7", "narration": "#009E73"}
SEGMENT_COLOURS = {"title": "#4D4D4D", "byline": "#7F7F7F", "dateline": "#A6A6A6",
                   "photo_caption": "#56B4E9", "editor_note": "#F0E442"}
FALLBACK_COLOURS = ("#D55E00", "#999933", "#882255", "#44AA99", "#332288")

WIDTH, LEFT, RIGHT = 760, 230, 30
TOP, BAR, GAP = 48, 26, 14
FONT = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\""


def _order(counts: Mapping[tuple[str, str, str], int]) -> list[tuple[str, str]]:
    """(segment_type, speech_mode) pairs present, body first, in schema order;
    values outside the schema's lists (possible after a schema change) last."""
    pairs = {(seg, mode) for (_, seg, mode), n in counts.items() if n}
    segs = ["body"] + [s for s in SEGMENT_TYPES if s != "body"]

    def key(pair: tuple[str, str]):
        seg, mode = pair
        return (segs.index(seg) if seg in segs else len(segs), seg,
                SPEECH_MODES.index(mode) if mode in SPEECH_MODES else len(SPEECH_MODES), mode)
    return sorted(pairs, key=key)


def _colours(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    colours, spare = {}, iter(FALLBACK_COLOURS * (1 + len(pairs)))
    for seg, mode in pairs:
        if seg == "body" and mode in MODE_COLOURS:
            colours[(seg, mode)] = MODE_COLOURS[mode]
        elif seg != "body" and mode == "none" and seg in SEGMENT_COLOURS:
            colours[(seg, mode)] = SEGMENT_COLOURS[seg]
        else:
            colours[(seg, mode)] = next(spare)
    return colours


def _label(seg: str, mode: str) -> str:
    return f"{seg} ({mode})" if seg == "body" or mode != "none" else seg


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if top / step <= 8:
            return step
    return 10 ** len(str(top))


def _text_colour(fill: str) -> str:
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#FFFFFF"


def composition_svg(doc_ids: list[str], counts: Mapping[tuple[str, str, str], int]) -> str:
    """The SVG text. ``counts`` maps (doc_id, segment_type, speech_mode) to a
    number of paragraphs; bars follow ``doc_ids``, all on one scale."""
    pairs = _order(counts)
    colours = _colours(pairs)
    totals = {d: sum(counts.get((d, s, m), 0) for s, m in pairs) for d in doc_ids}
    top = max(totals.values(), default=0) or 1
    step = _step(top)
    axis_max = -(-top // step) * step
    scale = (WIDTH - LEFT - RIGHT) / axis_max
    axis_y = TOP + len(doc_ids) * (BAR + GAP)
    legend_y = axis_y + 48
    per_row = 3
    height = legend_y + 22 * (-(-len(pairs) // per_row)) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="t d">',
           f'<title id="t">{escape(TITLE)}</title>',
           f'<desc id="d">{escape(_describe(doc_ids, counts, pairs))}</desc>',
           f'<rect width="{WIDTH}" height="{height}" fill="#FFFFFF"/>',
           f'<text x="16" y="24" {FONT} font-size="15" font-weight="bold">{escape(TITLE)}</text>']
    for tick in range(0, axis_max + 1, step):
        x = LEFT + tick * scale
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="#DDDDDD"/>')
        out.append(f'<text x="{x:.1f}" y="{axis_y + 16}" {FONT} font-size="11" text-anchor="middle">{tick}</text>')
    out.append(f'<text x="{LEFT + (WIDTH - LEFT - RIGHT) / 2:.1f}" y="{axis_y + 32}" {FONT} font-size="11" '
               f'text-anchor="middle">paragraphs</text>')
    for row, doc in enumerate(doc_ids):
        y = TOP + row * (BAR + GAP)
        out.append(f'<text x="{LEFT - 8}" y="{y + BAR / 2 + 4:.1f}" {FONT} font-size="12" '
                   f'text-anchor="end">{escape(doc)}</text>')
        x = float(LEFT)
        for seg, mode in pairs:
            n = counts.get((doc, seg, mode), 0)
            if not n:
                continue
            w = n * scale
            fill = colours[(seg, mode)]
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}" fill="{fill}" '
                       f'stroke="#FFFFFF"><title>{escape(f"{doc}: {_label(seg, mode)}: {n}")}</title></rect>')
            if w >= 16:
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + BAR / 2 + 4:.1f}" {FONT} font-size="11" '
                           f'text-anchor="middle" fill="{_text_colour(fill)}">{n}</text>')
            x += w
    for i, (seg, mode) in enumerate(pairs):
        x = LEFT + (i % per_row) * 170 - 150
        y = legend_y + (i // per_row) * 22
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colours[(seg, mode)]}"/>')
        out.append(f'<text x="{x + 18}" y="{y}" {FONT} font-size="12">{escape(_label(seg, mode))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _describe(doc_ids: list[str], counts, pairs) -> str:
    parts = []
    for doc in doc_ids:
        shares = [f"{counts[(doc, s, m)]} {_label(s, m)}" for s, m in pairs if counts.get((doc, s, m))]
        parts.append(f"{doc}: " + ", ".join(shares))
    return "; ".join(parts) + "."
