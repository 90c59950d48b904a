"""The card's figure: how many characters of each document are the leader's
own words as published (``direct``), a journalist's paraphrase
(``reported``), narration, or the publisher's framing (``none``: titles,
bylines, captions, notes), as horizontal stacked bars grouped by event.

Characters, not paragraphs or sentences: a 26-character title would
otherwise weigh as much as a 400-character paragraph. The counts are the
sentences' ``text`` lengths; a sentence has one mode, so nothing is split.

Written by hand rather than with a plotting library: the build stays light,
and the same counts always give the same bytes (no library version, font
cache or timestamp in the file), so the figure can be checksummed.
"""
from __future__ import annotations

from html import escape
from typing import Mapping, Sequence

from ..contract.records import SPEECH_MODES

TITLE = "Characters of each document by speech mode, grouped by event"

# Okabe-Ito colours, distinguishable with the common colour-vision
# deficiencies; the framing (none) in a neutral grey. Each segment is also
# labelled with its share, so no reading depends on colour alone.
COLOURS = {"direct": "#0072B2", "reported": "#E69F00", "narration": "#009E73", "none": "#BBBBBB"}
FALLBACK_COLOURS = ("#CC79A7", "#D55E00", "#56B4E9", "#F0E442")
LABELS = {"direct": "direct: the leader's words as published", "reported": "reported: paraphrase",
          "narration": "narration", "none": "none: title, byline, caption, note"}

WIDTH, LEFT, RIGHT = 760, 250, 30
TOP, BAR, GAP, GROUP = 40, 22, 8, 26
FONT = 'font-family="DejaVu Sans, Arial, Helvetica, sans-serif"'


def modes(counts: Mapping[tuple[str, str], int]) -> list[str]:
    """Speech modes present, in schema order; unknown ones (after a schema
    change) last, by name."""
    present = {m for (_, m), n in counts.items() if n}
    known = [m for m in SPEECH_MODES if m in present]
    return known + sorted(present - set(known))


def _colours(shown: list[str]) -> dict[str, str]:
    spare = iter(FALLBACK_COLOURS * (1 + len(shown)))
    return {m: COLOURS.get(m) or next(spare) for m in shown}


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000):
        if top / step <= 8:
            return step
    return 10 ** len(str(top))


def _text_colour(fill: str) -> str:
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#FFFFFF"


def _share(n: int, total: int) -> str:
    return f"{round(100 * n / total)}%" if total else "0%"


def groups(documents: Sequence[Mapping]) -> list[tuple[str, list[str]]]:
    """(event, doc_ids) in order of first appearance; the event is the
    document's ``event_id`` when it has one, else its event date."""
    out: dict[str, list[str]] = {}
    for d in documents:
        out.setdefault(str(d.get("event_id") or d["date"]), []).append(d["doc_id"])
    return list(out.items())


def _heading(documents: Sequence[Mapping], doc_ids: list[str]) -> str:
    """A group's heading: the talk's date (an event id is for joining, not
    for reading)."""
    first = next(d for d in documents if d["doc_id"] == doc_ids[0])
    return f"talk of {first['date']}"


def speech_modes_svg(documents: Sequence[Mapping], counts: Mapping[tuple[str, str], int]) -> str:
    """The SVG text. ``documents`` are rows with doc_id and date (and
    optionally event_id); ``counts`` maps (doc_id, speech_mode) to
    characters. All bars share one scale."""
    shown = modes(counts)
    colours = _colours(shown)
    grouped = groups(documents)
    totals = {d["doc_id"]: sum(counts.get((d["doc_id"], m), 0) for m in shown) for d in documents}
    top = max(totals.values(), default=0) or 1
    step = _step(top)
    axis_max = -(-top // step) * step
    scale = (WIDTH - LEFT - RIGHT) / axis_max
    axis_y = TOP + sum(GROUP + len(ids) * (BAR + GAP) for _, ids in grouped)
    legend_y = axis_y + 50
    per_row = 2
    height = legend_y + 22 * (-(-len(shown) // per_row)) + 6
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="t d">',
           f'<title id="t">{escape(TITLE)}</title>',
           f'<desc id="d">{escape(describe(documents, counts))}</desc>',
           f'<rect width="{WIDTH}" height="{height}" fill="#FFFFFF"/>',
           f'<text x="16" y="24" {FONT} font-size="15" font-weight="bold">{escape(TITLE)}</text>']
    for tick in range(0, axis_max + 1, step):
        x = LEFT + tick * scale
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{axis_y}" stroke="#DDDDDD"/>')
        out.append(f'<text x="{x:.1f}" y="{axis_y + 16}" {FONT} font-size="11" text-anchor="middle">{tick}</text>')
    out.append(f'<text x="{LEFT + (WIDTH - LEFT - RIGHT) / 2:.1f}" y="{axis_y + 34}" {FONT} font-size="11" '
               f'text-anchor="middle">characters of sentence text</text>')
    y = TOP
    for event, doc_ids in grouped:
        out.append(f'<text x="16" y="{y + 17}" {FONT} font-size="12" font-weight="bold">'
                   f'{escape(_heading(documents, doc_ids))}</text>')
        y += GROUP
        for doc in doc_ids:
            out.append(f'<text x="{LEFT - 8}" y="{y + BAR / 2 + 4:.1f}" {FONT} font-size="12" '
                       f'text-anchor="end">{escape(doc)}</text>')
            x = float(LEFT)
            for mode in shown:
                n = counts.get((doc, mode), 0)
                if not n:
                    continue
                w = n * scale
                fill = colours[mode]
                share = _share(n, totals[doc])
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}" fill="{fill}" '
                           f'stroke="#FFFFFF"><title>{escape(f"{doc}: {mode}: {n} ({share})")}</title></rect>')
                if w >= 34:
                    out.append(f'<text x="{x + w / 2:.1f}" y="{y + BAR / 2 + 4:.1f}" {FONT} font-size="11" '
                               f'text-anchor="middle" fill="{_text_colour(fill)}">{share}</text>')
                x += w
            y += BAR + GAP
    for i, mode in enumerate(shown):
        x = 16 + (i % per_row) * 360
        ly = legend_y + (i // per_row) * 22
        out.append(f'<rect x="{x}" y="{ly - 10}" width="12" height="12" fill="{colours[mode]}"/>')
        out.append(f'<text x="{x + 18}" y="{ly}" {FONT} font-size="12">{escape(LABELS.get(mode, mode))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def describe(documents: Sequence[Mapping], counts: Mapping[tuple[str, str], int]) -> str:
    """The figure in words: every number it shows."""
    shown = modes(counts)
    parts = []
    for event, doc_ids in groups(documents):
        docs = []
        for doc in doc_ids:
            total = sum(counts.get((doc, m), 0) for m in shown)
            docs.append(f"{doc}, {total} characters: " + ", ".join(
                f"{m} {counts[(doc, m)]} ({_share(counts[(doc, m)], total)})"
                for m in shown if counts.get((doc, m))))
        heading = _heading(documents, doc_ids).capitalize()
        if not heading.endswith(event):  # grouped by event id: name it too
            heading += f" ({event})"
        parts.append(f"{heading}: " + "; ".join(docs))
    return ". ".join(parts) + "." if parts else "No documents."


def table(documents: Sequence[Mapping], counts: Mapping[tuple[str, str], int]) -> list[list]:
    """The figure's numbers as table rows: event, doc_id, characters per
    mode (with share), total."""
    shown = [m for m in SPEECH_MODES if m != "mixed"] + [m for m in modes(counts) if m not in SPEECH_MODES]
    rows = []
    for event, doc_ids in groups(documents):
        for doc in doc_ids:
            total = sum(counts.get((doc, m), 0) for m in shown)
            rows.append([event, f"`{doc}`"] + [f"{counts.get((doc, m), 0)} ({_share(counts.get((doc, m), 0), total)})"
                                               for m in shown] + [total])
    return rows


def table_header(counts: Mapping[tuple[str, str], int]) -> list[str]:
    shown = [m for m in SPEECH_MODES if m != "mixed"] + [m for m in modes(counts) if m not in SPEECH_MODES]
    return ["event", "doc_id"] + [f"`{m}`" for m in shown] + ["total"]
