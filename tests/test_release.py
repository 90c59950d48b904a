"""End to end: the real corpus built, then read back the way users read it."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pyarrow.parquet as pq
import pytest
from referencing import Registry, Resource
from jsonschema import Draft202012Validator, FormatChecker

from conftest import ROOT

datasets = pytest.importorskip("datasets")

GOLD = ROOT / "tests" / "expected" / "annotations.tsv"


def gold():
    with GOLD.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return {r[0]: (r[1], r[2], r[3] or None) for r in rows}


@pytest.fixture(scope="module")
def loaded(release, tmp_path_factory):
    cache = tmp_path_factory.mktemp("hf-cache")
    return {name: datasets.load_dataset(str(release), name, split="train", cache_dir=str(cache))
            for name in ("paragraphs", "sentences", "documents")}


def as_json(row):
    """A loaded row as the JSON Schema sees records: dates as ISO strings."""
    def conv(v):
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, list):
            return [conv(x) for x in v]
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        return v
    return conv(row)


def test_every_paragraph_is_typed_as_the_gold_standard_says(loaded):
    got = {r["paragraph_id"]: (r["segment_type"], r["speech_mode"], r["speaker"]) for r in loaded["paragraphs"]}
    assert got == gold()


def test_configs_and_counts(release, loaded):
    assert datasets.get_dataset_config_names(str(release)) == ["paragraphs", "sentences", "documents", "events",
                                                                "persons", "alignments", "formulations"]
    assert loaded["documents"].num_rows == 5
    assert loaded["paragraphs"].num_rows == sum(d["n_paragraphs"] for d in loaded["documents"])


@pytest.mark.parametrize("config, schema_file", [("paragraphs", "paragraph.schema.json"),
                                                 ("sentences", "sentence.schema.json"),
                                                 ("documents", "document.schema.json")])
def test_every_loaded_row_is_valid_against_the_shipped_schema(release, loaded, config, schema_file):
    # As the data format documents it: every schema of the release's schema/
    # in one registry, so that references to defs.schema.json resolve.
    shipped = [json.loads(p.read_text(encoding="utf-8")) for p in (release / "schema").glob("*.schema.json")]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in shipped)
    schema = json.loads((release / "schema" / schema_file).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker(), registry=registry)
    for row in loaded[config]:
        errors = [e.message for e in validator.iter_errors(as_json(row))]
        assert errors == [], row.get("paragraph_id", row.get("doc_id"))


def test_text_is_the_raw_span_minus_the_recorded_edits(loaded):
    docs = {d["doc_id"]: d for d in loaded["documents"]}
    for row in loaded["paragraphs"]:
        doc = docs[row["doc_id"]]
        raw = (ROOT / doc["source_file"]).read_text(encoding="utf-8")
        span = raw[row["char_start"]:row["char_end"]]
        inner = [e for e in doc["edits"]
                 if row["char_start"] <= e["char_start"] and e["char_end"] <= row["char_end"]]
        for e in sorted(inner, key=lambda e: -e["char_start"]):
            assert span[e["char_start"] - row["char_start"]:e["char_end"] - row["char_start"]] == e["removed"]
            span = span[:e["char_start"] - row["char_start"]] + span[e["char_end"] - row["char_start"]:]
        assert span == row["text"], row["paragraph_id"]
        assert row["text"] == row["text"].strip(" \t\u3000\u00a0")


def test_cleaning_edits_are_recorded_with_what_they_removed(loaded):
    docs = {d["doc_id"]: d for d in loaded["documents"]}
    for doc in docs.values():
        raw = (ROOT / doc["source_file"]).read_text(encoding="utf-8")
        for e in doc["edits"]:
            assert raw[e["char_start"]:e["char_end"]] == e["removed"]
        assert doc["source_chars"] == len(raw)
    xinhua = docs["2018-10-29-acftu-talk-xinhua"]["edits"]
    assert [(e["kind"], e["removed"], e["line_number"]) for e in xinhua] == [
        ("artifact", "[bookmark: _GoBack]", 12)]
    qiushi = docs["2023-10-23-acftu-talk-qiushi"]["edits"]
    assert [(e["kind"], e["removed"], e["line_number"]) for e in qiushi] == [
        ("edge_whitespace", " ", 6), ("edge_whitespace", " ", 8), ("blank_line", " ", 14)]


def test_a_caption_date_never_becomes_the_record_date(loaded):
    captions = [r for r in loaded["paragraphs"] if r["segment_type"] == "photo_caption"]
    assert [(r["caption_date"], r["date"]) for r in captions] == [
        (dt.date(2023, 10, 23), dt.date(2023, 10, 23)), (dt.date(2024, 4, 22), dt.date(2023, 10, 23))]
    assert all(r["photo_credit"].endswith("摄") for r in captions)
    dates = {(r["doc_id"], r["date"]) for r in loaded["paragraphs"]}
    assert dates == {("2013-10-23-acftu-talk-cctv", dt.date(2013, 10, 23)),
                     ("2018-10-29-acftu-talk-cctv", dt.date(2018, 10, 29)),
                     ("2018-10-29-acftu-talk-xinhua", dt.date(2018, 10, 29)),
                     ("2023-10-23-acftu-talk-cctv", dt.date(2023, 10, 23)),
                     ("2023-10-23-acftu-talk-qiushi", dt.date(2023, 10, 23))}


def test_streaming_gives_the_same_rows(release, loaded):
    for name in ("paragraphs", "sentences", "documents"):
        streamed = list(datasets.load_dataset(str(release), name, split="train", streaming=True))
        assert streamed == list(loaded[name])


def test_plain_parquet_readers_see_the_same_rows(release, loaded):
    pandas = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    files = sorted((release / "data" / "paragraphs").glob("*.parquet"))
    frame = pandas.concat([pandas.read_parquet(f) for f in files])
    assert list(frame["paragraph_id"]) == loaded["paragraphs"]["paragraph_id"]
    assert list(frame["speech_mode"]) == loaded["paragraphs"]["speech_mode"]
    glob = str(release / "data" / "paragraphs" / "*.parquet")
    counts = dict(duckdb.sql(f"SELECT speech_mode, count(*) FROM '{glob}' GROUP BY ALL").fetchall())
    expected = {}
    for mode in loaded["paragraphs"]["speech_mode"]:
        expected[mode] = expected.get(mode, 0) + 1
    assert counts == expected
    table = pq.read_table(files[0])
    assert table.schema.field("date").type == "date32[day]"


def _strip_edits(raw, start, end, edits):
    """raw[start:end] with the recorded edits inside it removed."""
    span = raw[start:end]
    for e in sorted(edits, key=lambda e: -e["char_start"]):
        if start <= e["char_start"] and e["char_end"] <= end:
            span = span[:e["char_start"] - start] + span[e["char_end"] - start:]
    return span


def test_sentences_point_into_the_raw_text_and_their_cues_too(loaded):
    docs = {d["doc_id"]: d for d in loaded["documents"]}
    paragraphs = {p["paragraph_id"]: p for p in loaded["paragraphs"]}
    for s in loaded["sentences"]:
        doc = docs[s["doc_id"]]
        raw = (ROOT / doc["source_file"]).read_text(encoding="utf-8")
        assert _strip_edits(raw, s["char_start"], s["char_end"], doc["edits"]) == s["text"], s["sentence_id"]
        para = paragraphs[s["paragraph_id"]]
        assert para["char_start"] <= s["char_start"] < s["char_end"] <= para["char_end"]
        if s["reporting_cue"]:
            assert raw[s["cue_start"]:s["cue_end"]] == s["reporting_cue"]
    counts = {}
    for s in loaded["sentences"]:
        counts[s["doc_id"]] = counts.get(s["doc_id"], 0) + 1
    assert counts == {d: docs[d]["n_sentences"] for d in docs}


def test_the_2018_lead_paragraph_is_narration_then_xis_reported_words(loaded):
    lead = [(s["speech_mode"], s["speaker"], s["reporting_cue"]) for s in loaded["sentences"]
            if s["paragraph_id"] == "2018-10-29-acftu-talk-xinhua.p001"]
    assert lead == [("narration", None, None), ("reported", "习近平", "强调"), ("reported", "习近平", None)]


def test_paragraph_mode_agrees_with_its_sentences(loaded):
    modes = {}
    for s in loaded["sentences"]:
        modes.setdefault(s["paragraph_id"], set()).add(s["speech_mode"])
    for p in loaded["paragraphs"]:
        expected = {"mixed": {"narration", "reported"}}.get(p["speech_mode"], {p["speech_mode"]})
        assert modes[p["paragraph_id"]] == expected, p["paragraph_id"]


def test_participants_of_every_document(loaded):
    got = {d["doc_id"]: [(p["name"], p["name_en"], p["role"]) for p in d["participants"]]
           for d in loaded["documents"]}
    # the CCTV version of the 2018 report names the same people in the same words
    assert got.pop("2018-10-29-acftu-talk-cctv") == got["2018-10-29-acftu-talk-xinhua"]
    assert got == {
        "2018-10-29-acftu-talk-xinhua": [
            ("习近平", "Xi Jinping", "speaker"), ("王沪宁", "Wang Huning", "attended"),
            ("王东明", "Wang Dongming", "reported"), ("李玉赋", "Li Yufu", "spoke"),
            ("张工", "Zhang Gong", "spoke"), ("巨晓林", "Ju Xiaolin", "spoke"),
            ("丁薛祥", "Ding Xuexiang", "attended"), ("杨晓渡", "Yang Xiaodu", "attended"),
            ("陈希", "Chen Xi", "attended"), ("郭声琨", "Guo Shengkun", "attended"),
            ("黄坤明", "Huang Kunming", "attended")],
        "2023-10-23-acftu-talk-qiushi": [
            # 王晔's photo is of 2024-04-22 in Chongqing, not of the talk: his credit stays on the caption
            ("习近平", "Xi Jinping", "speaker"), ("鞠鹏", "Ju Peng", "photographer")],
        # read off the text: 参加 (attended), 主持 (presided), 汇报 (reported), 发言 (spoke)
        "2013-10-23-acftu-talk-cctv": [
            ("习近平", "Xi Jinping", "speaker"), ("刘云山", "Liu Yunshan", "attended"),
            ("李建国", "Li Jianguo", "presided"), ("陈豪", "Chen Hao", "reported"),
            ("李源潮", "Li Yuanchao", "attended"), ("栗战书", "Li Zhanshu", "attended"),
            ("杨晶", "Yang Jing", "attended")],
        "2023-10-23-acftu-talk-cctv": [
            ("习近平", "Xi Jinping", "speaker"), ("蔡奇", "Cai Qi", "attended"),
            ("王东明", "Wang Dongming", "reported"), ("徐留平", "Xu Liuping", "spoke"),
            ("杨宇栋", "Yang Yudong", "spoke"), ("高凤林", "Gao Fenglin", "spoke"),
            ("石泰峰", "Shi Taifeng", "attended"), ("李干杰", "Li Ganjie", "attended"),
            ("李书磊", "Li Shulei", "attended"), ("陈文清", "Chen Wenqing", "attended"),
            ("刘金国", "Liu Jinguo", "attended"), ("王小洪", "Wang Xiaohong", "attended")],
    }


def test_date_provenance_of_both_documents(loaded):
    got = {d["doc_id"]: (d["date_precision"], d["date_source"], d["date_evidence"], d["publication_date_source"])
           for d in loaded["documents"]}
    assert got == {
        # "29日上午": the day is in the text, month and year from the sidecar's source
        "2018-10-29-acftu-talk-xinhua": ("day", "inferred", "2018-10-29-acftu-talk-xinhua.p001", "external"),
        # the ※ note states 2023年10月23日 in full
        "2023-10-23-acftu-talk-qiushi": ("day", "stated", "2023-10-23-acftu-talk-qiushi.p012", "external"),
        "2013-10-23-acftu-talk-cctv": ("day", "inferred", "2013-10-23-acftu-talk-cctv.p001", "external"),
        "2018-10-29-acftu-talk-cctv": ("day", "inferred", "2018-10-29-acftu-talk-cctv.p001", "external"),
        "2023-10-23-acftu-talk-cctv": ("day", "inferred", "2023-10-23-acftu-talk-cctv.p001", "external"),
    }
