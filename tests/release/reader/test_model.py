"""reader/model.py: the reader's data, read back from a staged release.

The parts that need the events, alignments and formulations configs are
tested on a small release written here, in both forms: with those configs and
without them (the model must then say what it derived)."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from reader_fixture import A, B, C, embedded, write_fixture_release

from acftu_talks.release.reader import READER_FILE
from acftu_talks.release.reader.model import build_model


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
