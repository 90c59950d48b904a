"""reader/model.py: the reader's data, read back from a staged release.

The parts that need the events, alignments and formulations configs are
tested on a small release written here, in both forms: with those configs and
without them (the model must then say what it derived)."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from reader_fixture import A, B, C, embedded, write_fixture_release

from acftu_talks.release.reader import READER_FILE, model
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


# A release with more documents than the page holds: the real corpus's three
# talks (1, 2 and 2 documents) under a limit of 3 or 4 documents show the
# first two talks; the model is then the whole model cut down to them.
SHOWN_AT_3 = {"2013-10-23-acftu-talk-cctv", "2018-10-29-acftu-talk-cctv", "2018-10-29-acftu-talk-xinhua"}


@pytest.mark.parametrize("limit", [3, 4])
def test_above_the_limit_the_model_is_the_whole_one_cut_to_the_first_talks(release, limit):
    whole, part = build_model(release), build_model(release, max_documents=limit)
    assert "excerpt" not in whole
    assert part["excerpt"] == {"limit": limit, "documents": 3, "documents_total": 5, "events": 2, "events_total": 3,
                               "first": "2013-10-23", "last": "2018-10-29"}
    assert part["events"] == whole["events"][:2]
    # each document shown is shown whole: every paragraph, sentence and erratum
    assert part["documents"] == [d for d in whole["documents"] if d["doc_id"] in SHOWN_AT_3]
    assert part["versions"] == whole["versions"] and part["versions"][0]["a"].startswith("2018")
    on_page = lambda ends: all(doc is None or doc in SHOWN_AT_3 for doc in ends)  # noqa: E731
    assert part["alignments"] == [a for a in whole["alignments"] if on_page([a["a"][0], a["b"][0]])]
    # formulations with an occurrence on the page, with only those occurrences
    cut = [{**f, "occurrences": [o for o in f["occurrences"] if o[0] in SHOWN_AT_3]} for f in whole["formulations"]]
    assert part["formulations"] == [f for f in cut if f["occurrences"]]
    # (every formulation of the release has an occurrence in 2013 or 2018; those
    # of 2018 and 2023 only are left out when 2013 alone is shown)
    assert len(build_model(release, max_documents=1)["formulations"]) < len(whole["formulations"])
    assert any(len(f["occurrences"]) < len(w["occurrences"]) for f in part["formulations"]
               for w in whole["formulations"] if w["id"] == f["id"])


def test_at_the_limit_the_model_is_whole(release):
    assert build_model(release, max_documents=5) == build_model(release)


def test_the_limit_is_read_when_the_model_is_built(release, monkeypatch):
    monkeypatch.setattr(model, "MAX_DOCUMENTS", 1)
    assert [d["doc_id"] for d in build_model(release)["documents"]] == ["2013-10-23-acftu-talk-cctv"]


def test_a_first_talk_larger_than_the_limit_shows_its_first_documents(tmp_path):
    got = build_model(write_fixture_release(tmp_path / "stage"), max_documents=2)
    assert got["excerpt"] == {"limit": 2, "documents": 2, "documents_total": 3, "events": 1, "events_total": 1,
                              "first": "2023-01-02", "last": "2023-01-02"}
    (event,) = got["events"]
    assert [m["doc_id"] for m in event["documents"]] == [C, A]  # readouts first
    assert [d["doc_id"] for d in got["documents"]] == [C, A]
    assert [(v["a"], v["b"]) for v in got["versions"]] == [(C, A)]
    assert got["alignments"] == []  # both name the speech text B, which is left out
    (form,) = got["formulations"]
    assert [o[0] for o in form["occurrences"]] == [A]


def test_records_of_documents_not_shown_are_never_read_into_rows(release, monkeypatch):
    # What the step holds stays bounded: the records' configs are filtered as
    # they are read, batch by batch, not after.
    returned = {}
    read = model.read_config

    def spy(staging, config, columns=None, keep=None):
        rows = read(staging, config, columns, keep)
        returned.setdefault(config, []).append(rows)
        return rows
    monkeypatch.setattr(model, "read_config", spy)
    monkeypatch.setattr(model, "BATCH_ROWS", 7)  # many batches of each config
    part = build_model(release, max_documents=3)
    for config in ("paragraphs", "sentences"):
        (rows,) = returned[config]
        assert rows and {r["doc_id"] for r in rows} == SHOWN_AT_3
    light, full = returned["documents"]
    assert len(light) == 5 and "edits" not in light[0] and {r["doc_id"] for r in full} == SHOWN_AT_3
    (alignments,) = returned["alignments"]
    assert {r["kind"] for r in alignments} <= {"paraphrase", "omitted", "version"}
    assert all(r[side] in SHOWN_AT_3 for r in alignments for side in ("doc_id_a", "doc_id_b") if r[side])
    (formulations,) = returned["formulations"]
    assert {o["doc_id"] for f in formulations for o in f["occurrences"]} <= SHOWN_AT_3
    monkeypatch.setattr(model, "BATCH_ROWS", 100_000)
    assert build_model(release, max_documents=3) == part  # the same rows in one batch or many


@pytest.mark.parametrize("kinds", [[], ["reuse"], ["version"], ["version", "reuse", "paraphrase", "reuse", "omitted"],
                                   ["paraphrase", "omitted", "paraphrase"], ["reuse", "added", "version", "reuse"]])
def test_rows_kept_by_value_without_pyarrow_compute_are_those_a_filter_keeps(kinds):
    import pyarrow.compute as pc
    batch = pa.record_batch({"kind": pa.array(kinds, pa.string()), "n": pa.array(range(len(kinds)), pa.int64())})
    wanted = frozenset(["paraphrase", "omitted", "version"])
    expected = batch.filter(pc.is_in(batch.column("kind"), value_set=pa.array(sorted(wanted)))).to_pylist()
    kept = model._where("kind", wanted)(batch)
    assert kept.schema == batch.schema and kept.to_pylist() == expected
