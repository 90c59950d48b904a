"""The composition figure: valid SVG, one bar segment per non-zero count,
widths proportional to the counts, same input same bytes."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from acftu_talks.release import figure

NS = "{http://www.w3.org/2000/svg}"
COUNTS = Counter({("d1", "body", "reported"): 6, ("d1", "body", "narration"): 2,
                  ("d2", "title", "none"): 1, ("d2", "body", "direct"): 3,
                  ("d2", "sidebar", "none"): 1})  # a segment type the schema does not know (yet)


def segments(svg: str) -> dict[str, float]:
    root = ET.fromstring(svg)
    out = {}
    for rect in root.iter(f"{NS}rect"):
        tip = rect.find(f"{NS}title")
        if tip is not None:
            out[tip.text] = float(rect.get("width"))
    return out


def test_one_segment_per_nonzero_count_with_proportional_width():
    bars = segments(figure.composition_svg(["d1", "d2"], COUNTS))
    assert set(bars) == {f"{d}: {s} ({m}): {n}" if s == "body" or m != "none" else f"{d}: {s}: {n}"
                         for (d, s, m), n in COUNTS.items()}
    unit = bars["d1: body (reported): 6"] / 6
    for label, width in bars.items():
        assert abs(width - unit * int(label.rsplit(": ", 1)[1])) < 0.2


def test_every_segment_kind_has_its_own_colour_and_legend_entry():
    svg = figure.composition_svg(["d1", "d2"], COUNTS)
    legend = re.findall(r'<rect x="\d+" y="\d+" width="12" height="12" fill="(#[0-9A-F]{6})"/>', svg)
    assert len(legend) == len({(s, m) for (_, s, m) in COUNTS}) == len(set(legend))
    assert "sidebar" in svg


def test_same_counts_give_same_bytes_and_order_follows_documents():
    a = figure.composition_svg(["d1", "d2"], COUNTS)
    assert a == figure.composition_svg(["d1", "d2"], Counter(dict(reversed(list(COUNTS.items())))))
    b = figure.composition_svg(["d2", "d1"], COUNTS)
    assert a.index(">d1<") < a.index(">d2<") and b.index(">d2<") < b.index(">d1<")


def test_no_counts_still_draws_an_empty_chart():
    ET.fromstring(figure.composition_svg([], Counter()))
