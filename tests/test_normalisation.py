"""Input normalisation as docs/input-normalisation.md describes it, on whole
builds of the real corpus rewritten the way curators' files arrive."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pyarrow.parquet as pq

from acftu_talks import cli
from acftu_talks.contract import roundtrip

from conftest import build_args, records, with_root_files

DOCS = Path(__file__).resolve().parents[1] / "docs" / "input-normalisation.md"
COMPARED = ("paragraph_id", "text", "segment_type", "speech_mode", "speaker")


def rewrite(corpus: Path, change) -> None:
    """Apply ``change`` to every raw text and pin the sidecars to the result."""
    for path in sorted(corpus.glob("*.txt")):
        data = change(path.read_bytes().decode("utf-8")).encode("utf-8")
        path.write_bytes(data)
        sidecar = path.with_suffix(".toml")
        sidecar.write_text(re.sub(r'source_sha256 = "[0-9a-f]+"', f'source_sha256 = "{hashlib.sha256(data).hexdigest()}"',
                                  sidecar.read_text(encoding="utf-8")), encoding="utf-8")


def table(release: Path, config: str) -> list[dict]:
    return pq.read_table(release / "data" / config).to_pylist()


def build(corpus: Path, tmp_path: Path, monkeypatch, capsys) -> tuple[Path, str]:
    monkeypatch.chdir(with_root_files(corpus.parent))
    out = tmp_path / "out"
    assert cli.main(build_args(Path(corpus.name), out)) == 0
    return out, capsys.readouterr().err


def same_paragraphs(release_a: Path, release_b: Path) -> None:
    a, b = table(release_a, "paragraphs"), table(release_b, "paragraphs")
    assert [{k: r[k] for k in COMPARED} for r in a] == [{k: r[k] for k in COMPARED} for r in b]


def round_trips(release: Path, corpus: Path) -> None:
    paragraphs = table(release, "paragraphs")
    for doc in table(release, "documents"):
        raw = (corpus / f"{doc['doc_id']}.txt").read_bytes().decode("utf-8")
        roundtrip.verify(raw, [p for p in paragraphs if p["doc_id"] == doc["doc_id"]], doc["edits"])


def test_bom_and_crlf_give_the_same_paragraphs(release, corpus_copy, tmp_path, monkeypatch, capsys):
    rewrite(corpus_copy, lambda raw: "\ufeff" + raw.replace("\n", "\r\n"))
    out, _ = build(corpus_copy, tmp_path, monkeypatch, capsys)
    same_paragraphs(release, out)
    round_trips(out, corpus_copy)
    for doc in table(out, "documents"):
        raw = (corpus_copy / f"{doc['doc_id']}.txt").read_bytes().decode("utf-8")
        kinds = [(e["kind"], e["removed"]) for e in doc["edits"]]
        assert kinds[0] == ("zero_width", "\ufeff") and doc["edits"][0]["char_start"] == 0
        # every \r is recorded, either alone or as part of a blank line
        assert sum(removed.count("\r") for _, removed in kinds) == raw.count("\r")
        assert doc["source_chars"] == len(raw)


def test_indentation_nbsp_and_edge_zero_width_are_trimmed_as_edits(release, corpus_copy, tmp_path, monkeypatch, capsys):
    def decorate(raw: str) -> str:
        return "\n".join(f"\u3000\u3000\u200b{line}\u00a0" if line.strip() else line for line in raw.split("\n"))
    rewrite(corpus_copy, decorate)
    out, err = build(corpus_copy, tmp_path, monkeypatch, capsys)
    same_paragraphs(release, out)
    round_trips(out, corpus_copy)
    assert "zero-width" not in err  # at the edges they are trimmed, not reported
    for doc in table(out, "documents"):
        removed = {(e["kind"], e["removed"]) for e in doc["edits"]}
        assert {("edge_whitespace", "\u3000\u3000"), ("zero_width", "\u200b"), ("edge_whitespace", "\u00a0")} <= removed


def test_zero_width_inside_a_paragraph_is_kept_and_reported_with_its_place(release, corpus_copy, tmp_path,
                                                                           monkeypatch, capsys):
    doc_id = "2023-10-23-acftu-talk-qiushi"
    lines = (corpus_copy / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if len(line) > 20 and i > 3)
    offset = sum(len(line) + 1 for line in lines[:number - 1]) + 10
    rewrite(corpus_copy, lambda raw: raw[:offset] + "\u200b" + raw[offset:] if raw.startswith(lines[0]) else raw)
    # the character changes a paragraph's text, which the id lock would (rightly) flag
    (corpus_copy / "ids.lock.tsv").unlink()
    out, err = build(corpus_copy, tmp_path, monkeypatch, capsys)
    row = next(r for r in table(out, "paragraphs") if r["doc_id"] == doc_id and r["line_number"] == number)
    assert "\u200b" in row["text"]
    assert (f"corpus/{doc_id}.txt:{number}: warning: {row['paragraph_id']}: zero-width character U+200B "
            f"inside the paragraph (kept) at offset {offset} [text.zero-width]") in err.splitlines()


def test_the_documented_example():
    text = DOCS.read_text(encoding="utf-8")
    assert "`\\ufeff\\u3000\\u3000[bookmark: _GoBack]正文\\u00a0\\r` gives the text `正文` and five" in " ".join(text.split())
    rows, edits = records("\ufeff\u3000\u3000[bookmark: _GoBack]正文\u00a0\r")
    assert [r["text"] for r in rows] == ["正文"] and len(edits) == 5
