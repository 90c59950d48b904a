"""The card's formulations figure: which substantive formulations each talk
uses, one row per formulation, one column per event (an SVG dot matrix),
and the same facts as a Markdown table (the figure's text alternative).

Written by hand like release/figure.py (the composition figure): same data, same bytes. Colours are
from the Okabe-Ito palette (safe for the common colour-vision
deficiencies), and the marks differ in shape too: a filled circle where a
formulation is first attested, a ring where it recurs.
"""
from __future__ import annotations

from html import escape

TITLE = "Substantive formulations across the talks"
FIRST, AGAIN = "#0072B2", "#D55E00"  # Okabe-Ito blue, vermillion
FONT = 'font-family="Noto Sans CJK SC, Source Han Sans SC, sans-serif"'
MAX_ROWS = 40
# A column per talk reads for a series; a corpus of thousands of talks would
# give a figure thousands of columns wide and a description with a sentence
# per talk. The figure, its table and its description show the first
# MAX_EVENTS talks and the formulations first attested at them.
MAX_EVENTS = 12


def _rows(formulations: list[tuple[str, list[str], bool]], shown: list[str]) -> list[tuple[str, list[str]]]:
    first = set(shown)
    rows = [(text, events) for text, events, boilerplate in formulations if not boilerplate and events[0] in first]
    return sorted(rows, key=lambda r: (r[1][0], -len(r[1]), r[0]))[:MAX_ROWS]


def svg(events: list[str], formulations: list[tuple[str, list[str], bool]]) -> str:
    description = describe(events, formulations)
    # said on the figure itself, not only in its text alternative
    shown_note = (f"The first {MAX_EVENTS} of {len(events)} talks, and at most {MAX_ROWS} formulations first "
                  f"attested at them." if len(events) > MAX_EVENTS else "")
    events = events[:MAX_EVENTS]
    rows = _rows(formulations, events)
    label_w, col_w, row_h, top = 330, 90, 20, 84
    width = label_w + col_w * len(events) + 20
    height = top + row_h * len(rows) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="t d">',
           f'<title id="t">{escape(TITLE)}</title>',
           f'<desc id="d">{escape(description)}</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="10" y="22" {FONT} font-size="14" font-weight="bold">{escape(TITLE)}</text>',
           f'<circle cx="16" cy="38" r="5" fill="{FIRST}"/>',
           f'<text x="26" y="42" {FONT} font-size="12">first attested at this talk</text>',
           f'<circle cx="196" cy="38" r="4.5" fill="none" stroke="{AGAIN}" stroke-width="2.5"/>',
           f'<text x="206" y="42" {FONT} font-size="12">recurring from an earlier talk</text>']
    if shown_note:
        out.append(f'<text x="10" y="60" {FONT} font-size="11" fill="#555555">{escape(shown_note)}</text>')
    for j, event in enumerate(events):
        x = label_w + col_w * j + col_w // 2
        # an event_id opens with the event's date (events.toml is checked for it): the date is
        # the column's label, short enough for the column; the whole id is its tooltip
        out.append(f'<text x="{x}" y="{top - 12}" {FONT} font-size="12" text-anchor="middle">'
                   f'<title>{escape(event)}</title>{escape(event[:10])}</text>')
    for i, (text, used) in enumerate(rows):
        y = top + row_h * i + row_h // 2
        out.append(f'<text x="{label_w - 8}" y="{y + 4}" {FONT} font-size="12" text-anchor="end">{escape(text)}</text>')
        for j, event in enumerate(events):
            if event not in used:
                continue
            x = label_w + col_w * j + col_w // 2
            if event == used[0]:
                out.append(f'<circle cx="{x}" cy="{y}" r="6" fill="{FIRST}"/>')
            else:
                out.append(f'<circle cx="{x}" cy="{y}" r="5" fill="none" stroke="{AGAIN}" stroke-width="2.5"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _s(n: int, singular: bool = False) -> str:
    """The English -s of a noun counted n times (or, ``singular``, of its verb)."""
    return "s" if (n == 1) == singular else ""


def describe(events: list[str], formulations) -> str:
    rows = [(t, e) for t, e, b in formulations if not b]
    boilerplate = sum(b for _, _, b in formulations)
    parts = [f"{len(rows)} substantive formulation{_s(len(rows))} recur{_s(len(rows), singular=True)} across "
             f"{len(events)} talk{_s(len(events))} ({boilerplate} boilerplate "
             f"{'one is' if boilerplate == 1 else 'ones are'} left out)."]
    if len(events) > MAX_EVENTS:
        parts.append(f"The first {MAX_EVENTS} talks:")
    # one pass over the formulations, not one per talk
    first: dict[str, int] = {}
    again: dict[str, int] = {}
    for _, used in rows:
        first[used[0]] = first.get(used[0], 0) + 1
        for event in set(used):
            if event != used[0]:
                again[event] = again.get(event, 0) + 1
    for event in events[:MAX_EVENTS]:
        parts.append(f"{event}: {first.get(event, 0)} first attested, {again.get(event, 0)} recurring from an earlier talk.")
    return " ".join(parts)


def table(events: list[str], formulations) -> str:
    """The figure's data as a Markdown table: one row per formulation."""
    events = events[:MAX_EVENTS]
    lines = ["| formulation | " + " | ".join(events) + " |", "|---|" + "---|" * len(events)]
    for text, used in _rows(formulations, events):
        marks = ["first" if e == used[0] else ("again" if e in used else "") for e in events]
        lines.append(f"| {text} | " + " | ".join(marks) + " |")
    return "\n".join(lines)
