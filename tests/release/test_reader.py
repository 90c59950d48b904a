"""The reader's data and page (release/reader/), without a browser.

The views that need the events, alignments and formulations configs are
tested on a small release written here, in both forms: with those configs
and without them (the reader must then say what it derived)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from acftu_talks import __version__
from acftu_talks.release import cite, finish
from acftu_talks.release.reader import READER_FILE, render, write_reader
from acftu_talks.release.reader.model import build_model

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


def test_reader_step_runs_after_the_card_and_before_the_sums():
    names = [step.__name__ for step in finish.STEPS]
    assert names.index("write_card") < names.index("write_reader") < names.index("write_sums")


def test_the_release_has_a_reader_with_every_record(release):
    page = (release / READER_FILE).read_text(encoding="utf-8")
    data = embedded(page)
    paragraphs = pq.ParquetFile(next((release / "data" / "paragraphs").glob("*.parquet"))).read().to_pylist()
    sentences = pq.ParquetFile(next((release / "data" / "sentences").glob("*.parquet"))).read().to_pylist()
    shown_paras = {p["id"]: p for d in data["documents"] for p in d["paragraphs"]}
    shown_sents = {s["id"]: s for p in shown_paras.values() for s in p["sentences"]}
    assert set(shown_paras) == {p["paragraph_id"] for p in paragraphs}
    assert set(shown_sents) == {s["sentence_id"] for s in sentences}
    for s in sentences:
        got = shown_sents[s["sentence_id"]]
        assert got["text"] == s["text"] and got["mode"] == s["speech_mode"]
        if s["reporting_cue"]:
            assert got["text"][got["cue"][0]:got["cue"][1]] == s["reporting_cue"]
    assert data["version"] == __version__ and data["citation"] == cite.apa().strip()
    assert "reader/index.html" in (release / "SHA256SUMS").read_text(encoding="utf-8")


def test_the_reader_is_small_and_fetches_nothing(release):
    page = (release / READER_FILE).read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) < 400_000
    # No external script, style, font or image: every resource is inline, and
    # the page's content security policy forbids fetching anything.
    assert "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"@import|@font-face|url\(\s*['\"]?(?:https?:)?//", page)
    assert [p.name for p in (release / "reader").iterdir()] == ["index.html"]


def test_same_records_give_the_same_page(tmp_path):
    stage = write_fixture_release(tmp_path / "stage")
    assert render(build_model(stage)) == render(build_model(stage))


def test_with_the_corpus_configs_the_reader_uses_them(tmp_path):
    model = build_model(write_fixture_release(tmp_path / "stage"))
    assert model["events_source"] == "events"
    (event,) = model["events"]
    assert event["event_id"] == "2023-01-02-test-talk"
    assert [(m["doc_id"], m["role"], m["outlet"]) for m in event["documents"]] == [
        (C, "readout", "CCTV"), (A, "readout", "Xinhua"), (B, "speech_text", "Qiushi")]
    (pair,) = model["versions"]
    assert (pair["a"], pair["b"], pair["declared"], pair["source"]) == (C, A, True, "alignments")
    assert pair["diffs"] == [[13, 14, 13, 14, "！", "。"]]
    # reuse rows stay out of the page: the formulations show reuse
    assert [(a["kind"], a["a"][1], a["b"][1]) for a in model["alignments"]] == [
        ("omitted", f"{B}.p001.s02", None), ("paraphrase", f"{B}.p001.s01", f"{A}.p001.s01")]
    assert (event["venue_en"], event["congress_start"]) == ("Zhongnanhai", "2022-12-01")
    (form,) = model["formulations"]
    assert [o[4] for o in form["occurrences"]] == ["2013-01-01", "2023-01-02"]
    speech = next(d for d in model["documents"] if d["doc_id"] == B)
    # once, though the document lists it and its paragraph names it
    assert speech["errata"] == [{"start": 3, "end": 5, "published": "围绕", "corrected": None,
                                 "status": "suspected", "evidence": "made up for the test"}]
    assert speech["paragraphs"][1]["caption_date"] == "2024-01-01"


def test_without_the_corpus_configs_the_reader_derives_and_says_so(tmp_path):
    model = build_model(write_fixture_release(tmp_path / "stage", with_corpus_configs=False))
    assert model["events_source"] == "doc_id"
    assert model["alignments"] is None and model["formulations"] is None
    (event,) = model["events"]
    assert event["event_id"] == "2023-01-02"  # the doc_id's date
    assert {m["doc_id"]: m["role"] for m in event["documents"]} == {A: "readout", C: "readout", B: "speech_text"}
    # Two readouts of one talk are shown as versions, marked as assumed, with
    # the reader's own character diff: the one differing mark.
    (pair,) = model["versions"]
    assert (pair["a"], pair["b"], pair["declared"], pair["source"]) == (C, A, False, "reader-diff")
    assert pair["diffs"] == [[13, 14, 13, 14, "！", "。"]]


def test_without_an_events_config_the_documents_event_id_and_version_of_serve(tmp_path):
    stage = write_fixture_release(tmp_path / "stage", with_corpus_configs=False)
    path = stage / "data" / "documents" / "train-00000-of-00001.parquet"
    rows = pq.read_table(path).to_pylist()
    for row in rows:
        row["event_id"] = "2023-01-02-test-talk"
        row["version_of"] = A if row["doc_id"] == C else None
    pq.write_table(pa.Table.from_pylist(rows), path)
    model = build_model(stage)
    assert model["events_source"] == "documents.event_id"
    assert [ev["event_id"] for ev in model["events"]] == ["2023-01-02-test-talk"]
    (pair,) = model["versions"]
    assert (pair["a"], pair["b"], pair["declared"], pair["source"]) == (C, A, True, "reader-diff")


def test_the_real_2018_versions_differ_in_their_three_known_places(release):
    # ../shared/sources/README.md: the CCTV text opens with a source tag, has
    # 、 for ， on line 6, and lacks the [bookmark: _GoBack] artifact.
    data = embedded((release / READER_FILE).read_text(encoding="utf-8"))
    (pair,) = [v for v in data["versions"] if v["a"].startswith("2018")]
    assert (pair["a"], pair["b"]) == ("2018-10-29-acftu-talk-cctv", "2018-10-29-acftu-talk-xinhua")
    assert [(d[4], d[5]) for d in pair["diffs"]] == [("央视网消息（新闻联播）：", ""), ("、", "，"),
                                                     ("", "[bookmark: _GoBack]")]


def test_a_cue_that_its_offsets_do_not_slice_out_is_an_error(tmp_path):
    stage = write_fixture_release(tmp_path / "stage", with_corpus_configs=False)
    path = stage / "data" / "sentences" / "train-00000-of-00001.parquet"
    rows = pq.read_table(path).to_pylist()
    rows[0]["cue_start"] += 1
    rows[0]["cue_end"] += 1
    pq.write_table(pa.Table.from_pylist(rows), path)
    with pytest.raises(ValueError, match=r"p001\.s01: cue offsets 4-6 do not slice '强调'"):
        build_model(stage)


def test_write_reader_writes_into_the_staged_release_only(tmp_path):
    stage = write_fixture_release(tmp_path / "stage")
    write_reader(stage)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
                  and "data" not in p.parts) == ["stage/reader/index.html"]
    assert embedded((stage / READER_FILE).read_text(encoding="utf-8"))["documents"][0]["doc_id"] == C
