"""How a corpus and its release compare with the real one on what makes the
benchmark honest: how well the raw text compresses, and how much of it the
relation step finds reused.

    PYTHONPATH=build python bench/stats.py release corpus
    PYTHONPATH=build python bench/stats.py W/release W/corpus

Prints one line: documents, sentences, raw UTF-8 bytes, the zstd ratio of
the raw texts (compressed bytes over UTF-8 bytes, pyarrow's zstd at its
default level), reuse rows, reuse rows per sentence, and the share of the
sentence characters of every talk but the earliest that a reuse row marks
as said at an earlier talk (side b of the row).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def stats(release: Path, corpus: Path) -> dict:
    raw = b"".join(p.read_bytes() for p in sorted(corpus.glob("*.txt")))
    rows = pq.read_table(release / "data" / "alignments",
                         columns=["kind", "event_id_b", "doc_id_b", "char_start_b", "char_end_b"]).to_pylist()
    sentences = pq.read_table(release / "data" / "sentences",
                              columns=["doc_id", "event_id", "char_start", "char_end"]).to_pylist()
    covered: dict[str, set[int]] = {}
    reuse = [r for r in rows if r["kind"] == "reuse"]
    for r in reuse:
        covered.setdefault(r["doc_id_b"], set()).update(range(r["char_start_b"], r["char_end_b"]))
    earliest = min((s["event_id"] for s in sentences), default=None)
    chars = marked = 0
    for s in sentences:
        if s["event_id"] == earliest:
            continue
        inside = covered.get(s["doc_id"], ())
        chars += s["char_end"] - s["char_start"]
        marked += sum(i in inside for i in range(s["char_start"], s["char_end"]))
    return {"documents": len({s["doc_id"] for s in sentences}), "sentences": len(sentences),
            "raw_bytes": len(raw), "zstd_ratio": len(pa.compress(raw, codec="zstd")) / len(raw) if raw else 0.0,
            "reuse_rows": len(reuse), "reuse_per_sentence": len(reuse) / len(sentences) if sentences else 0.0,
            "reused_share": marked / chars if chars else 0.0}


def line(s: dict) -> str:
    return (f"{s['documents']:,} documents, {s['sentences']:,} sentences, {s['raw_bytes']:,} bytes of raw text, "
            f"zstd ratio {s['zstd_ratio']:.3f}; {s['reuse_rows']:,} reuse rows ({s['reuse_per_sentence']:.2f} a "
            f"sentence), {s['reused_share']:.1%} of later talks' sentence characters said at an earlier talk")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("release", type=Path)
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args(argv)
    print(line(stats(args.release, args.corpus)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
