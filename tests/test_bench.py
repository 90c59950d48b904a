"""A tiny run of the benchmark, so that it keeps working, and checks that the
floor stays a floor of what the build writes. No timing is asserted."""
from __future__ import annotations

import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import floor  # noqa: E402
import hotspots  # noqa: E402
import stats  # noqa: E402
import synth  # noqa: E402


def test_benchmark_runs_and_prints_its_table():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--docs", "6", "--per-doc", "8",
                           "--pairs", "2", "--no-load", "--startup-runs", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("6 documents, ") and "ids lock of " in lines[0]
    assert "CPUs" in lines[1] and "load average" in lines[1]
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in lines[4:]]
    assert [c[0] for c in cells] == ["acftu-talks build", "floor (bench/floor.py)",
                                     "ids --accept (once, pins every id)",
                                     "acftu-talks build --previous RELEASE (once, compares every row)",
                                     "acftu-talks build, real corpus",
                                     'python -c "import pyarrow.parquet, jsonschema"']
    assert [c[1] for c in cells] == ["2", "2", "1", "1", "1", "1"]
    build = cells[0]
    assert build[7].startswith("CPU ") and "floor" in build[7]
    # medians with their range, and a positive memory figure for the whole tree
    assert "(" in build[2] and float(build[2].split()[0]) > 0 and float(build[4].split()[0]) > 0


def test_tree_memory_counts_the_children(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import run
    # A parent holding little memory whose child holds 60 MB: the tree's peak
    # counts the child, the parent's own usage would not.
    script = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
              "'import time; x = bytearray(60_000_000); x[::4096] = b\"1\" * len(x[::4096]); time.sleep(1)'])")
    measured = run.measure([sys.executable, "-c", script], cwd=tmp_path)
    assert measured.pss_mb > 60
    assert measured.cpu > 0 and measured.wall >= 1


def test_synthetic_corpus_builds_cleanly(tmp_path):
    from acftu_talks import pipeline
    lines, _ = synth.write_corpus(tmp_path / "corpus", 9, 12)
    summary = pipeline.build(tmp_path / "corpus", ROOT / "schema", tmp_path / "release", ROOT)
    assert summary.counts["documents"] == 9 and summary.counts["paragraphs"] == lines
    assert summary.warnings == []
    kinds = {key for key, n in summary.by_type.items() if n}
    assert {("photo_caption", "none"), ("editor_note", "none"), ("body", "reported"), ("body", "direct"),
            ("body", "narration"), ("title", "none"), ("dateline", "none")} <= kinds


def test_synthetic_text_does_not_repeat_sentences():
    gen = synth.Generator(1)
    made = [gen.sentence() for _ in range(2000)]
    assert len(set(made)) > 1900  # recombining the real texts' sentences gives about 160
    assert all(12 <= len(s) and s.endswith("。") for s in made)


@pytest.fixture(scope="module")
def built_and_floor(tmp_path_factory):
    from acftu_talks import pipeline
    work = tmp_path_factory.mktemp("floor")
    synth.write_corpus(work / "corpus", 12, 20)
    pipeline.build(work / "corpus", ROOT / "schema", work / "release", ROOT)
    counts = floor.run(work / "corpus", work / "floor")
    return work, counts


def test_floor_writes_every_config_the_build_writes(built_and_floor):
    work, counts = built_and_floor
    built = sorted(p.name for p in (work / "release" / "data").iterdir())
    assert sorted(counts) == built
    for name in built:
        release = pq.read_table(work / "release" / "data" / name)
        ours = pq.read_table(work / "floor" / name)
        assert ours.schema.equals(release.schema, check_metadata=False), name
        assert ours.num_rows == counts[name]
        if name in floor.NOT_COMPUTED:
            assert ours.num_rows == 0  # said so in bench/README.md
            continue
        # about the same rows: the one-regex splitter differs from the builder's only at quotations
        assert 0.8 * release.num_rows <= ours.num_rows <= 1.25 * release.num_rows, name


def test_floor_fills_every_column_from_the_data(built_and_floor):
    """A column the build varies is not a constant in the floor: constant
    columns compress to nothing and would make the floor cheap to write."""
    work, _ = built_and_floor
    for name in set(floor.KNOWN) - set(floor.NOT_COMPUTED):
        release = pq.read_table(work / "release" / "data" / name)
        ours = pq.read_table(work / "floor" / name)
        for column in release.column_names:
            varies = len({str(v) for v in release[column].to_pylist()})
            if varies > 1:
                assert len({str(v) for v in ours[column].to_pylist()}) > 1, f"{name}.{column}"


def test_floor_refuses_a_config_it_does_not_know(tmp_path, monkeypatch):
    monkeypatch.setitem(floor.CONFIGS, "speeches", floor.CONFIGS["documents"])
    with pytest.raises(SystemExit, match="speeches"):
        floor.run(tmp_path, tmp_path / "out")


def test_load_timing_runs(tmp_path, release):
    import load
    for mode in ("arrow", "stream-batched", "stream-arrow"):
        seconds, rows = load.time_load(mode, release, tmp_path / "cache")
        assert rows == pq.read_table(release / "data" / "paragraphs").num_rows and seconds >= 0


def test_cold_load_pairs_print_cpu_wall_ratios_and_phases(release):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "coldload.py"), str(release), "--pairs", "2",
                           "--phases", "1"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    paragraphs = pq.read_table(release / "data" / "paragraphs").num_rows
    assert lines[0] == f"{release}: 2 pairs, {paragraphs} rows"
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in lines[3:6]]
    assert [c[0] for c in cells] == ["load_dataset(release), cold", 'load_dataset("parquet", data_files), cold',
                                     "ratio (median of pairs)"]
    assert all(float(c[1].split()[0].rstrip("x")) > 0 and "(" in c[1] for c in cells)
    assert lines[6].startswith("load average ")
    phases = {c[0]: c[1:] for c in ([x.strip() for x in line.split("|")[1:-1]] for line in lines[10:]
                                    if line.startswith("|"))}
    assert {"-- PyYAML safe_load of the front matter", "builder init (its lazy imports included)",
            "total"} <= set(phases)
    # the plain Parquet load never reads a card
    assert float(phases["-- PyYAML safe_load of the front matter"][1]) == 0
    assert float(phases["total"][0]) > 0 and float(phases["total"][1]) > 0


def test_yaml_forms_time_the_cards_front_matter(release):
    import coldload
    lines = coldload.yaml_forms(release, repeat=1)
    import pyarrow as pa
    from acftu_talks.contract.records import CONFIGS

    def named(t) -> int:  # the named entries of a feature list: every field, nested ones too
        if pa.types.is_struct(t):
            return sum(1 + named(f.type) for f in t)
        if pa.types.is_list(t) or pa.types.is_large_list(t):
            return named(t.value_type)
        return 0
    n = sum(named(pa.struct(list(c.arrow_schema))) for c in CONFIGS.values())
    assert lines[0] == f"card front matter: {len(CONFIGS)} dataset_info entries, {n} feature entries"
    forms = [[c.strip() for c in line.split("|")[1:-1]] for line in lines[3:]]
    assert [f[0] for f in forms] == ["as written", "flow style", "JSON", "block style, no features"]
    front = (release / "README.md").read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
    assert forms[0][1] == f"{len(front.encode('utf-8')):,}"
    assert coldload._features([{"name": "a", "dtype": "string"},
                               {"name": "b", "list": [{"name": "c", "dtype": "int32"}]}]) == 3


def test_corpus_statistics_of_the_real_release(release):
    """The reused share counts each character of a later talk once, however
    many rows cover it; the earliest talk's sentences are not counted."""
    got = stats.stats(release, ROOT / "corpus")
    sentences = pq.read_table(release / "data" / "sentences", columns=["event_id", "char_start", "char_end"]).to_pylist()
    later = sum(s["char_end"] - s["char_start"] for s in sentences if s["event_id"] != "2013-10-23-acftu-talk")
    rows = pq.read_table(release / "data" / "alignments", columns=["kind", "doc_id_b", "char_start_b", "char_end_b"])
    marked = {(r["doc_id_b"], i) for r in rows.to_pylist() if r["kind"] == "reuse"
              for i in range(r["char_start_b"], r["char_end_b"])}
    assert got["documents"] == 5 and got["sentences"] == 185
    assert got["reuse_rows"] == sum(k == "reuse" for k in rows.column("kind").to_pylist())
    assert got["reused_share"] == pytest.approx(len(marked) / later)
    assert 0.2 < got["zstd_ratio"] < 0.4
    assert "5 documents, 185 sentences" in stats.line(got)


def test_profile_attributes_samples_to_imports_regexes_and_steps():
    import collections

    stacks = collections.Counter({
        (("acftu_talks/__main__.py", "<module>"), ("acftu_talks/cli.py", "<module>"),
         ("acftu_talks/release/write.py", "<module>"), ("pyarrow/__init__.py", "<module>")): 4,
        (("acftu_talks/cli.py", "_run"), ("acftu_talks/pipeline.py", "build"),
         ("acftu_talks/release/write.py", "close_sinks"), ("pyarrow/compute.py", "<module>")): 2,
        (("acftu_talks/pipeline.py", "process"), ("acftu_talks/annotate.py", "annotate_document"),
         ("acftu_talks/rules/speech.py", "__get__"), ("re/__init__.py", "compile"), ("re/_compiler.py", "compile")): 2,
        (("acftu_talks/cli.py", "<module>"), ("socket.py", "<module>")): 1,
        (("acftu_talks/release/finish.py", "finish"), ("acftu_talks/release/finish.py", "write_card"),
         ("acftu_talks/release/card.py", "write_card")): 1,
    })
    shares = dict(hotspots.summarise(stacks))
    assert shares["imports: pyarrow and numpy (as the reference)"] == 0.4
    assert shares["imports: pyarrow.compute (not in the reference)"] == 0.2
    assert shares["compiling regexes, for rules/speech.py:__get__"] == 0.2
    assert shares["per document: read, segment, annotate, assemble, check, validate"] == 0.2
    assert shares["  annotate"] == 0.2
    assert shares["imports: socket, imported by acftu_talks"] == 0.1
    assert shares["Parquet sinks of the per-document configs (close)"] == 0.2
    assert shares["release step write_card"] == 0.1 and shares["release step write_reader"] == 0


def test_profile_runs_a_command(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "hotspots.py"), "--runs", "1", "--", "cite"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 runs, ") and "| all (samples) | 100.0 % |" in done.stdout


def test_startup_against_another_tree_adds_its_row():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--docs", "2", "--per-doc", "4",
                           "--pairs", "1", "--no-load", "--no-lock", "--startup-runs", "1",
                           "--startup-against", str(ROOT)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    last = [c.strip() for c in done.stdout.splitlines()[-1].split("|")[1:-1]]
    assert last[0] == f"acftu-talks build, real corpus, builder of {ROOT.name}" and last[1] == "1"
    assert "this tree vs it (paired)" in last[-1]


def test_the_per_document_timing_and_profile_run(tmp_path):
    script = str(ROOT / "bench" / "perdoc.py")
    timed = subprocess.run([sys.executable, script, "--docs", "4", "--pairs", "1", "--jobs", "1", "--jobs", "2",
                            "--keep", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert timed.returncode == 0, timed.stderr
    rows = [line for line in timed.stdout.splitlines() if line.startswith("| --jobs")]
    assert [row.split("|")[1].strip() for row in rows] == ["--jobs 1", "--jobs 2"]
    assert "first / second: CPU " in timed.stdout
    profiled = subprocess.run([sys.executable, script, "--docs", "4", "--profile", "--keep", str(tmp_path)],
                              capture_output=True, text=True, timeout=300)
    assert profiled.returncode == 0, profiled.stderr
    assert "| step | share |" in profiled.stdout and "| innermost function of the builder | share |" in profiled.stdout
    assert (tmp_path / "release" / "data").is_dir()  # the per-document configs were written


def test_step_memory_lists_every_release_step(tmp_path):
    from acftu_talks.release import finish
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "stepmem.py"), "build", "--out", str(tmp_path / "r"),
                           "--jobs", "1"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if " s  start " in line or " s  end   " in line]
    assert [line.split()[3] for line in lines if " start " in line] == [s.__name__ for s in finish.STEPS]
    assert len(lines) == 2 * len(finish.STEPS)
    peaks = [int(line.split()[-2]) for line in lines]
    assert peaks == sorted(peaks) and peaks[0] > 0  # a peak never falls
