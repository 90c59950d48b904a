"""A small staged release for the reader's tests, written as Parquet: three
made-up documents of one talk, with or without the events, alignments and
formulations configs."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

# A readout (A), another outlet's version of it (C) and the speech text (B)
# of one made-up talk. C differs from A in one mark; B's first sentence is
# what A reports, its second is left out of the readout.
A, B, C = "2023-01-02-test-talk-xinhua", "2023-01-02-test-talk-speech", "2023-01-02-test-talk-cctv"
TEXTS = {
    A: "习近平强调，工会要围绕中心。\n大会选举产生了新一届领导班子。",
    C: "习近平强调，工会要围绕中心！\n大会选举产生了新一届领导班子。",
    B: "工会要围绕中心、服务大局。要加强自身建设。\n2024年1月1日，习近平在北京。新华社记者 某某 摄",
}
DAY = dt.date(2023, 1, 2)


def _para(doc, n, start, end, seg, mode, speaker=None, caption_date=None, sentences=()):
    pid = f"{doc}.p{n:03d}"
    para = {"paragraph_id": pid, "doc_id": doc, "paragraph_number": n, "text": TEXTS[doc][start:end],
            "segment_type": seg, "speech_mode": mode, "speaker": speaker, "speaker_en": None,
            "annotation_rule": f"rule-for-{seg}/{mode}", "annotation_source": "rule", "char_start": start,
            "char_end": end, "caption_date": caption_date, "photo_credit": None, "date": DAY,
            "errata": [f"{B}.e1"] if doc == B and start == 0 else []}
    sents = []
    for k, (s, e, smode, cue) in enumerate(sentences, 1):
        cue_at = TEXTS[doc].find(cue, s) if cue else None
        sents.append({"sentence_id": f"{pid}.s{k:02d}", "paragraph_id": pid, "doc_id": doc, "sentence_number": k,
                      "text": TEXTS[doc][s:e], "char_start": s, "char_end": e, "segment_type": seg,
                      "speech_mode": smode, "speaker": speaker if smode != "narration" else None,
                      "speaker_en": None, "reporting_cue": cue, "cue_start": cue_at,
                      "cue_end": cue_at + len(cue) if cue else None, "date": DAY})
    return para, sents


def _records():
    paras, sents = [], []
    for doc in (A, C):
        for p, s in (_para(doc, 1, 0, 14, "body", "reported", "习近平", sentences=[(0, 14, "reported", "强调")]),
                     _para(doc, 2, 15, 30, "body", "narration", sentences=[(15, 30, "narration", None)])):
            paras.append(p)
            sents += s
    for p, s in (_para(B, 1, 0, 21, "body", "direct", "习近平", sentences=[(0, 13, "direct", None),
                                                                          (13, 21, "direct", None)]),
                 _para(B, 2, 22, len(TEXTS[B]), "photo_caption", "none", caption_date=dt.date(2024, 1, 1),
                       sentences=[(22, len(TEXTS[B]), "none", None)])):
        paras.append(p)
        sents += s
    docs = [{"doc_id": d, "title": f"标题{d[-6:]}", "title_en": "A title", "doc_type": t, "publisher": pub,
             "publisher_en": pub_en, "date": DAY, "publication_date": DAY, "speaker": "习近平",
             "speaker_en": "Xi Jinping", "occasion": "集体谈话", "occasion_en": "collective talk",
             "source_chars": len(TEXTS[d]), "edits": [],
             "errata": ([{"erratum_id": f"{B}.e1", "line_number": 1, "char_start": 3, "char_end": 5,
                          "paragraph_id": f"{B}.p001", "published": "围绕", "intended": None,
                          "status": "suspected", "evidence": "made up for the test"}] if d == B else [])}
            for d, t, pub, pub_en in ((A, "news_report", "新华社", "Xinhua"), (C, "news_report", "央视", "CCTV"),
                                      (B, "speech_text", "求是", "Qiushi"))]
    return docs, paras, sents


def _alignment(n, kind, da, sa, a0, a1, db, sb, b0, b1):
    return {"alignment_id": f"al{n}", "kind": kind, "doc_id_a": da, "sentence_id_a": sa, "char_start_a": a0,
            "char_end_a": a1, "text_a": TEXTS[da][a0:a1] if da else None, "doc_id_b": db, "sentence_id_b": sb,
            "char_start_b": b0, "char_end_b": b1, "text_b": TEXTS[db][b0:b1] if db else None, "score": 1.0,
            "method": "hand", "method_version": "1"}


ALIGNMENTS = [
    # side a is the speech text, side b the readout
    _alignment(1, "paraphrase", B, f"{B}.p001.s01", 0, 13, A, f"{A}.p001.s01", 6, 13),
    _alignment(2, "omitted", B, f"{B}.p001.s02", 13, 21, None, None, None, None),
    _alignment(3, "version", C, f"{C}.p001.s01", 13, 14, A, f"{A}.p001.s01", 13, 14),
    _alignment(4, "reuse", A, f"{A}.p002.s01", 15, 30, C, f"{C}.p002.s01", 15, 30),
]
FORMULATIONS = [{
    "formulation_id": "f-weirao-zhongxin", "text": "围绕中心", "boilerplate": False, "boilerplate_rule": None,
    "occurrences": [  # not in date order: the reader sorts them
        {"doc_id": B, "sentence_id": f"{B}.p001.s01", "char_start": 3, "char_end": 7, "date": DAY,
         "speech_mode": "direct", "speaker": "习近平"},
        {"doc_id": A, "sentence_id": f"{A}.p001.s01", "char_start": 9, "char_end": 13, "date": dt.date(2013, 1, 1),
         "speech_mode": "reported", "speaker": "习近平"}],
    "first_date": dt.date(2013, 1, 1), "last_date": DAY, "n_events": 1, "n_documents": 2}]
EVENTS = [{"event_id": "2023-01-02-test-talk", "date": DAY, "occasion": "集体谈话", "occasion_en": "collective talk",
           "venue": "中南海", "venue_en": "Zhongnanhai", "part_of_day": "下午", "congress": "大会",
           "congress_en": "the congress", "congress_start": dt.date(2022, 12, 1), "congress_end": dt.date(2022, 12, 4),
           "documents": [{"doc_id": B, "doc_type": "speech_text", "text_kind": "speech_text", "publisher": "求是",
                          "publisher_en": "Qiushi", "version_of": None},
                         {"doc_id": A, "doc_type": "news_report", "text_kind": "readout", "publisher": "新华社",
                          "publisher_en": "Xinhua", "version_of": None},
                         {"doc_id": C, "doc_type": "news_report", "text_kind": "readout", "publisher": "央视",
                          "publisher_en": "CCTV", "version_of": A}]}]


def write_fixture_release(folder: Path, with_corpus_configs: bool = True) -> Path:
    """A staged release of the three made-up documents; with the events,
    alignments and formulations configs unless told otherwise."""
    docs, paras, sents = _records()
    configs = {"documents": docs, "paragraphs": paras, "sentences": sents}
    if with_corpus_configs:
        event_id = EVENTS[0]["event_id"]
        for rows in (docs, paras, sents):
            for row in rows:
                row["event_id"] = event_id
        configs.update(events=EVENTS, alignments=ALIGNMENTS, formulations=FORMULATIONS)
    for name, rows in configs.items():
        (folder / "data" / name).mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(rows), folder / "data" / name / "train-00000-of-00001.parquet")
    return folder


def embedded(page: str) -> dict:
    found = re.search(r'<script id="reader-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))
