"""The speech-mode figure: valid SVG, one bar segment per non-zero count,
widths proportional to characters, grouped by event, text alternatives that
hold every number, same input same bytes."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from acftu_talks.release import figure

NS = "{http://www.w3.org/2000/svg}"
DOCS = [{"doc_id": "a-xinhua", "date": "2018-10-29"}, {"doc_id": "a-cctv", "date": "2018-10-29"},
        {"doc_id": "b-qiushi", "date": "2023-10-23"}]
COUNTS = Counter({("a-xinhua", "reported"): 600, ("a-xinhua", "narration"): 200,
                  ("a-cctv", "reported"): 300, ("a-cctv", "narration"): 100,
                  ("b-qiushi", "direct"): 900, ("b-qiushi", "none"): 100,
                  ("b-qiushi", "aside"): 0})


def segments(svg: str) -> dict[str, float]:
    root = ET.fromstring(svg)
    return {rect.find(f"{NS}title").text: float(rect.get("width"))
            for rect in root.iter(f"{NS}rect") if rect.find(f"{NS}title") is not None}


def test_one_segment_per_nonzero_count_with_width_proportional_to_characters():
    bars = segments(figure.speech_modes_svg(DOCS, COUNTS))
    # shares worked by hand: 600/800 = 75%, 200/800 = 25%, 300/400 = 75%, 900/1000 = 90% ...
    assert set(bars) == {"a-xinhua: reported: 600 (75%)", "a-xinhua: narration: 200 (25%)",
                         "a-cctv: reported: 300 (75%)", "a-cctv: narration: 100 (25%)",
                         "b-qiushi: direct: 900 (90%)", "b-qiushi: none: 100 (10%)"}
    unit = bars["b-qiushi: direct: 900 (90%)"] / 900
    for label, width in bars.items():
        n = int(re.search(r": (\d+) \(", label)[1])
        assert abs(width - unit * n) < 0.2, label


def test_documents_are_grouped_under_their_event():
    svg = figure.speech_modes_svg(DOCS, COUNTS)
    assert svg.index("talk of 2018-10-29") < svg.index(">a-xinhua<") < svg.index(">a-cctv<") \
        < svg.index("talk of 2023-10-23") < svg.index(">b-qiushi<")
    assert svg.count("talk of ") == 2
    # an event id, when documents carry one, groups them; the heading stays the date
    ided = [dict(d, event_id="acftu-2018") for d in DOCS[:2]] + [dict(DOCS[2], event_id="acftu-2023")]
    svg = figure.speech_modes_svg(ided, COUNTS)
    assert svg.count("talk of ") == 2 and "talk of 2018-10-29" in svg
    assert "Talk of 2018-10-29 (acftu-2018): a-xinhua" in svg


def test_colours_are_the_okabe_ito_ones_and_each_mode_has_a_legend_entry():
    svg = figure.speech_modes_svg(DOCS, COUNTS)
    legend = re.findall(r'<rect x="\d+" y="\d+" width="12" height="12" fill="(#[0-9A-F]{6})"/>', svg)
    assert legend == ["#0072B2", "#E69F00", "#009E73", "#BBBBBB"]  # direct, reported, narration, none


def test_text_alternatives_hold_every_number():
    root = ET.fromstring(figure.speech_modes_svg(DOCS, COUNTS))
    assert root.find(f"{NS}title").text == figure.TITLE
    desc = root.find(f"{NS}desc").text
    assert desc == ("Talk of 2018-10-29: a-xinhua, 800 characters: reported 600 (75%), narration 200 (25%); "
                    "a-cctv, 400 characters: reported 300 (75%), narration 100 (25%). "
                    "Talk of 2023-10-23: b-qiushi, 1000 characters: direct 900 (90%), none 100 (10%).")
    assert figure.table(DOCS, COUNTS)[2] == ["2023-10-23", "`b-qiushi`", "900 (90%)", "0 (0%)", "0 (0%)",
                                             "100 (10%)", 1000]


def test_same_counts_give_same_bytes_and_the_file_stays_small():
    a = figure.speech_modes_svg(DOCS, COUNTS)
    assert a == figure.speech_modes_svg(DOCS, Counter(dict(reversed(list(COUNTS.items())))))
    assert len(a.encode("utf-8")) < 12_000


def test_no_documents_still_draws_an_empty_chart():
    ET.fromstring(figure.speech_modes_svg([], Counter()))
