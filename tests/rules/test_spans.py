"""Sentence offsets, cues, source mentions and content spans point into the
raw text, also when a cleaning edit sits inside the paragraph."""
from __future__ import annotations

from acftu_talks import assemble
from acftu_talks.annotate import annotate
from acftu_talks.passage import Passage
from acftu_talks.segment import segment

# A word-processor artifact inside the lead, before the reported sentence.
RAW = ("中共中央总书记、国家主席习近平23日下午在中南海集体谈话。[bookmark: _GoBack]"
       "他强调，我国工运事业是在党的领导下发展起来的。要坚持党的领导。\n"
       "习近平说：“大家辛苦了！”\n")


def rows():
    spans, _ = segment(RAW)
    passages = [Passage(span) for span in spans]
    annotate(passages, "news_report", "习近平", [])
    out = []
    for p in passages:
        p.record = {"paragraph_id": f"d.p{p.paragraph_number:03d}", "doc_id": "d", "event_id": "e", "date": "2023-10-23"}
        out += assemble.sentences(p, {"习近平": "Xi Jinping"})
    return out


def test_offsets_skip_an_artifact_inside_the_paragraph():
    got = rows()
    assert [RAW[s["char_start"]:s["char_end"]] for s in got] == [
        "中共中央总书记、国家主席习近平23日下午在中南海集体谈话。",
        "他强调，我国工运事业是在党的领导下发展起来的。",
        "要坚持党的领导。",
        "习近平说：“大家辛苦了！”"]
    assert [s["text"] for s in got] == [RAW[s["char_start"]:s["char_end"]] for s in got]


def test_cue_source_and_content_spans():
    got = rows()
    spans = [(s["speech_mode"], s["speaker"],
              RAW[s["source_start"]:s["source_end"]] if s["source_start"] is not None else None,
              RAW[s["cue_start"]:s["cue_end"]] if s["cue_start"] is not None else None,
              RAW[s["content_start"]:s["content_end"]] if s["content_start"] is not None else None) for s in got]
    assert spans == [
        ("narration", None, None, None, None),
        ("reported", "习近平", "他", "强调", "我国工运事业是在党的领导下发展起来的"),
        ("reported", "习近平", None, None, "要坚持党的领导"),
        ("direct", "习近平", "习近平", "说", "大家辛苦了！"),
    ]
