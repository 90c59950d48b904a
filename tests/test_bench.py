"""A tiny run of the benchmark, so that it keeps working. No timing is asserted."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_benchmark_runs_and_prints_its_table():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--docs", "6", "--per-doc", "8",
                           "--no-load", "--startup-runs", "1"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("6 documents, ")
    steps = [line.split("|")[1].strip() for line in lines[3:]]
    assert steps == ["acftu-talks build", "floor: read, split, write (pyarrow.parquet)",
                     "acftu-talks build, real corpus (median)", 'python -c "import pyarrow.parquet, jsonschema"']


def test_synthetic_corpus_builds_cleanly(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth
    from acftu_talks import pipeline
    lines, _ = synth.write_corpus(tmp_path / "corpus", 9, 12)
    summary = pipeline.build(tmp_path / "corpus", ROOT / "schema", tmp_path / "release", ROOT)
    assert summary.counts["documents"] == 9 and summary.counts["paragraphs"] == lines
    assert summary.warnings == []
    kinds = {key for key, n in summary.by_type.items() if n}
    assert {("photo_caption", "none"), ("editor_note", "none"), ("body", "reported"), ("body", "direct"),
            ("body", "narration"), ("title", "none"), ("dateline", "none")} <= kinds


def test_load_timing_runs(tmp_path, release):
    sys.path.insert(0, str(ROOT / "bench"))
    import load
    seconds, rows = load.time_load("arrow", release, tmp_path / "cache")
    assert rows > 0 and seconds >= 0
