"""The rendered card: its YAML is what the Hub and `datasets` read, and every
count in its tables equals the Parquet rows (counted here independently)."""
from __future__ import annotations

import json
import re
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from huggingface_hub import DatasetCard

from acftu_talks import __version__
from acftu_talks.release import card, cite
from acftu_talks.contract.records import CONFIGS, Config
from conftest import SCHEMA


def rows(release: Path, config: str) -> list[dict]:
    return [r for f in sorted((release / "data" / config).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]


def tables(markdown: str) -> list[list[list[str]]]:
    """Every pipe table in the text: header row first, separator dropped,
    backticks stripped, escaped pipes kept inside cells."""
    found, current = [], []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip().replace("\\|", "|").strip("`") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not all(re.fullmatch(r"-+", c) for c in cells):
                current.append(cells)
        elif current:
            found.append(current)
            current = []
    return found


def table_with_header(markdown: str, *first: str) -> list[dict]:
    for table in tables(markdown):
        if tuple(table[0][:len(first)]) == first:
            return [dict(zip(table[0], row)) for row in table[1:]]
    raise AssertionError(f"no table with header starting {first}")


def body(release: Path) -> str:
    return (release / "README.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_card_yaml_loads_with_huggingface_hub(release):
    data = DatasetCard.load(release / "README.md").data  # a Path: read locally, never from the Hub
    assert data.license == "other"
    assert data.license_name
    assert (release / data.license_link).is_file()
    assert data.pretty_name == cite.TITLE
    assert [c["config_name"] for c in data.configs] == list(CONFIGS)
    assert {i["config_name"] for i in data.dataset_info} == set(CONFIGS)


def test_every_config_loads_with_the_features_of_the_contract(release, tmp_path):
    """The features ``load_dataset`` infers from the files are the ones the
    JSON Schemas declare, whatever the data: a column with no value in any
    row keeps its type."""
    from datasets import Features, List, Value, load_dataset
    loaded = {name: load_dataset(str(release), name, split="train", cache_dir=str(tmp_path / name))
              for name in CONFIGS}
    for name, config in CONFIGS.items():
        assert loaded[name].features == Features.from_arrow_schema(config.arrow_schema), name
        assert loaded[name].num_rows == len(rows(release, name)), name
    documents, paragraphs = loaded["documents"], loaded["paragraphs"]
    assert set(documents["publication_date_evidence"]) == {None}  # no document of the corpus has one
    assert documents.features["publication_date_evidence"] == Value("string")
    assert documents.features["date"] == Value("date32") and documents.features["source_chars"] == Value("int64")
    assert documents.features["edits"] == List({
        "edit_number": Value("int32"), "kind": Value("string"), "line_number": Value("int32"),
        "char_start": Value("int32"), "char_end": Value("int32"), "removed": Value("string"),
        "paragraph_id": Value("string")})
    assert paragraphs.features["errata"] == List(Value("string"))
    assert paragraphs.features["caption_date"] == Value("date32")


def test_datasets_finds_every_config(release):
    from datasets import get_dataset_config_names
    assert sorted(get_dataset_config_names(str(release))) == sorted(CONFIGS)


def test_every_placeholder_is_filled(release):
    assert re.findall(r"\{\{\s*\w+\s*\}\}", body(release)) == []


def test_header_counts_equal_the_data(release):
    match = re.search(r"Version (\S+), released (\S+)\. (\d+) documents,\s+(\d+) paragraphs, (\d+) sentences",
                      body(release))
    assert match, "the card's opening line changed"
    assert match[1] == __version__ and match[2] == cite.RELEASE_DATE
    assert int(match[3]) == len(rows(release, "documents"))
    assert int(match[4]) == len(rows(release, "paragraphs"))
    assert int(match[5]) == len(rows(release, "sentences"))


def test_segment_table_equals_the_data(release):
    counted = Counter((r["segment_type"], r["speech_mode"]) for r in rows(release, "paragraphs"))
    table = table_with_header(body(release), "segment_type", "direct")
    shown = {(row["segment_type"], mode): int(n) for row in table for mode, n in row.items()
             if mode not in ("segment_type", "total") and int(n)}
    assert shown == dict(counted)
    totals = Counter(r["segment_type"] for r in rows(release, "paragraphs"))
    assert {row["segment_type"]: int(row["total"]) for row in table} == dict(totals)


def test_per_document_table_equals_the_data(release):
    counted = Counter((r["doc_id"], r["segment_type"], r["speech_mode"]) for r in rows(release, "paragraphs"))
    table = table_with_header(body(release), "doc_id", "segment_type")
    shown = {(row["doc_id"], row["segment_type"], mode): int(n) for row in table for mode, n in row.items()
             if mode not in ("doc_id", "segment_type", "total") and int(n)}
    assert shown == dict(counted)
    totals = Counter((r["doc_id"], r["segment_type"]) for r in rows(release, "paragraphs"))
    assert {(row["doc_id"], row["segment_type"]): int(row["total"]) for row in table} == dict(totals)


def test_documents_table_equals_the_data(release):
    paragraphs = rows(release, "paragraphs")
    table = table_with_header(body(release), "doc_id", "doc_type")
    docs = {d["doc_id"]: d for d in rows(release, "documents")}
    assert [row["doc_id"] for row in table] == list(docs)
    for row in table:
        doc = docs[row["doc_id"]]
        assert row["doc_type"] == doc["doc_type"]
        assert row["event date"] == doc["date"].isoformat()
        assert row["published"] == doc["publication_date"].isoformat()
        assert int(row["paragraphs"]) == sum(p["doc_id"] == row["doc_id"] for p in paragraphs)
        assert int(row["body paragraphs"]) == sum(p["doc_id"] == row["doc_id"] and p["segment_type"] == "body"
                                                   for p in paragraphs)


def test_override_count_equals_the_data(release):
    match = re.search(r"rather than the\s+rules: (\d+)\.", body(release))
    assert match
    assert int(match[1]) == sum(r["annotation_source"] == "override" for r in rows(release, "paragraphs"))


def _schema_descriptions(prop: dict, name: str) -> dict[str, str]:
    out = {name: prop["description"]}
    inner = prop.get("items", prop)
    sep = "[]." if "items" in prop else "."
    for member, sub in inner.get("properties", {}).items():
        out.update(_schema_descriptions(sub, f"{name}{sep}{member}"))
    return out


def test_every_config_has_a_fields_table_with_schema_descriptions(release):
    text = body(release)
    for name, config in CONFIGS.items():
        schema, schema_file = config.arrow_schema, config.schema_file
        section = text.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        table = table_with_header(section, "field", "type")
        props = json.loads((SCHEMA / schema_file).read_text(encoding="utf-8"))["properties"]
        want = {}
        for column in schema.names:
            want.update(_schema_descriptions(props[column], column))
        assert {row["field"]: row["description"] for row in table} == want


def test_fields_tables_cover_a_config_added_later(tmp_path, monkeypatch):
    (tmp_path / "sentence.schema.json").write_text(json.dumps({"description": "One sentence.", "properties": {
        "sentence_id": {"type": "string", "description": "Sentence id."},
        "spans": {"type": "array", "description": "Spans.", "items": {"type": "object", "properties": {
            "start": {"type": ["integer", "null"], "description": "Start."}}}}}}))
    config = Config("sentences", "sentence.schema.json", "sentence_id", schema_dir=str(tmp_path))
    monkeypatch.setattr(card, "CONFIGS", {"sentences": config})
    text = card.fields_tables()
    assert "### `sentences`" in text
    assert {r["field"]: r["type"] for r in table_with_header(text, "field")} == {
        "sentence_id": "string", "spans": "list of struct", "spans[].start": "int32"}


def test_figure_is_shipped_and_shown(release):
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", body(release))
    assert images
    for image in images:
        assert (release / image).is_file()


def test_card_cites_with_the_citation_data(release):
    assert cite.bibtex().strip() in body(release)


def test_rebuild_recipe_in_the_card_reproduces_the_raw_texts(release, monkeypatch):
    recipe = re.search(r"rebuilds each raw text.*?```python\n(.*?)```", body(release), re.S)
    assert recipe, "the card's rebuild recipe is gone"
    monkeypatch.chdir(release)
    exec(compile(recipe[1], "dataset_card.md", "exec"), {})  # asserts the sha256 of every document


def test_files_table_describes_every_release_file(release):
    table = table_with_header(body(release), "file", "what it is")
    patterns = [re.sub(r"<[a-z]+>", "*", row["file"]) for row in table]
    files = [p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()]
    undocumented = [f for f in files if f != "README.md" and not any(fnmatch(f, pat) for pat in patterns)]
    assert undocumented == []
    assert all(any(fnmatch(f, pat) for f in files) for pat in patterns), "the card lists a file the release lacks"


def test_sentence_table_equals_the_data(release):
    counted = Counter((r["doc_id"], r["speech_mode"]) for r in rows(release, "sentences"))
    table = table_with_header(body(release), "doc_id", "direct", "reported")
    assert table, "the card has no sentence table"
    for row in table:
        doc = row["doc_id"].strip("`")
        for mode in ("direct", "reported", "narration", "none"):
            assert int(row[mode]) == counted.get((doc, mode), 0), (doc, mode)
        assert int(row["total"]) == sum(n for (d, _), n in counted.items() if d == doc)
    assert {row["doc_id"].strip("`") for row in table} == {d for d, _ in counted}


def _gold(name: str) -> dict[tuple, dict]:
    from conftest import ROOT
    lines = [l for l in (ROOT / "tests" / "expected" / name).read_text(encoding="utf-8").split("\n")
             if l and not l.startswith("#")]
    header = lines[0].split("\t")
    out = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        out[(row["doc_id"], int(row["char_start"]), int(row["char_end"]))] = row
    return out


def _agreement_tables(text: str) -> list[dict[str, dict]]:
    found = [t for t in tables(text) if t[0][:2] == ["label", "sentences (n)"]]
    return [{row[0]: dict(zip(t[0], row)) for row in t[1:]} for t in found]


def test_agreement_table_equals_the_agreement_command(release, capsys, monkeypatch):
    from acftu_talks import cli
    from conftest import ROOT
    monkeypatch.chdir(ROOT)
    assert cli.main(["agreement"]) == 0
    printed = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()
               if line.split() and line.split()[0] in ("segment_type", "speech_mode", "speaker")}
    between = _agreement_tables(body(release))[0]
    for label, (n, agreed, observed, kappa) in printed.items():
        row = between[label]
        assert [row["sentences (n)"], row["agreed"], row["observed agreement"], row["Cohen's kappa"]] == \
            [n, agreed, observed, kappa]
    assert "docs/annotation/adjudication.md" in body(release)
    assert (ROOT / "docs" / "annotation" / "adjudication.md").is_file()


def test_figure_table_equals_the_characters_of_the_sentences(release):
    chars = Counter()
    for r in rows(release, "sentences"):
        chars[(r["doc_id"], r["speech_mode"])] += len(r["text"])
    table = table_with_header(body(release), "event", "doc_id")
    docs = {d["doc_id"]: d for d in rows(release, "documents")}
    assert sorted(row["doc_id"] for row in table) == sorted(docs)
    for row in table:
        doc = row["doc_id"]
        total = sum(n for (d, _), n in chars.items() if d == doc)
        assert int(row["total"]) == total
        assert row["event"] == (docs[doc].get("event_id") or docs[doc]["date"].isoformat())
        for mode in ("direct", "reported", "narration", "none"):
            n = chars.get((doc, mode), 0)
            assert row[mode] == f"{n} ({round(100 * n / total)}%)", (doc, mode)


def test_figure_is_the_speech_mode_chart_with_text_alternatives(release):
    import xml.etree.ElementTree as ET
    svg = (release / "images" / "speech-modes.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text and root.find(f"{ns}desc").text
    for doc in (d["doc_id"] for d in rows(release, "documents")):
        assert doc in root.find(f"{ns}desc").text
    assert len(svg.encode("utf-8")) < 12_000


def test_documents_table_gives_the_days_from_talk_to_publication(release):
    docs = {d["doc_id"]: d for d in rows(release, "documents")}
    for row in table_with_header(body(release), "doc_id", "doc_type"):
        doc = docs[row["doc_id"]]
        assert int(row["days from talk to publication"]) == (doc["publication_date"] - doc["date"]).days


def test_card_has_a_data_statement_and_a_known_gaps_table(release):
    text = body(release)
    for heading in ("Curation rationale.", "Language variety.", "Speaker demographic.", "Annotator demographic.",
                    "Speech situation.", "Text characteristics.", "Provenance and revision risk."):
        assert f"**{heading}**" in text, heading
    gaps = table_with_header(text, "gap", "what it would take")
    assert len(gaps) >= 5 and all(row["what it would take"] for row in gaps)
    assert "same occasion and audience" not in text


CARD_BLOCKS = re.findall(r"^```(python|sql)\n(.*?)^```", (Path(__file__).parents[2] / "dataset_card.md")
                         .read_text(encoding="utf-8"), re.S | re.M)


def test_card_code_blocks_run_inside_the_release(release, tmp_path, monkeypatch):
    """Every python and sql block of the card runs as written inside the
    release folder, except the one that loads from the Hub."""
    import os
    import subprocess
    import sys
    import duckdb
    ran = 0
    for lang, code in CARD_BLOCKS:
        if "<namespace>" in code:
            continue
        if "validate(row)" in code:
            continue  # validates a row it is given: tests/contract/test_schemas.py runs it with good and bad rows
        if lang == "sql":
            monkeypatch.chdir(release)
            assert duckdb.sql(code).fetchall()
        else:
            env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_CACHE": str(tmp_path / "hf"), "PYTHONPATH": ""}
            done = subprocess.run([sys.executable, "-c", code], cwd=release, env=env, capture_output=True,
                                  text=True, timeout=300)
            assert done.returncode == 0, done.stderr[-3000:]
        ran += 1
    assert ran >= 3


def test_summary_counts_of_talks_outlets_and_kinds_equal_the_data(release):
    docs = rows(release, "documents")
    text = body(release)
    assert f"from\n  {len({d['doc_type'] for d in docs})} kinds of text and {len({d['publisher_en'] for d in docs})} outlets" in text


def test_the_files_behind_the_agreement_claims_are_shipped(release):
    from acftu_talks import agreement
    from conftest import ROOT
    for rel in agreement.SHIPPED:
        shipped = release / agreement.shipped_name(rel)
        assert shipped.read_bytes() == (ROOT / rel).read_bytes(), rel
        assert agreement.shipped_name(rel) in (release / "SHA256SUMS").read_text(encoding="utf-8")
    # the shipped copies alone give the card's figures
    first = agreement.read_annotation(release / agreement.shipped_name(agreement.FIRST))
    second = agreement.read_annotation(release / agreement.shipped_name(agreement.SECOND))
    between = _agreement_tables(body(release))[0]
    for r in agreement.compare(first, second).labels:
        assert int(between[r.label]["agreed"]) == r.agreed and int(between[r.label]["sentences (n)"]) == r.n
