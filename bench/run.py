"""Benchmark the builder against the floor, and loading against plain Parquet.

    python bench/run.py --paragraphs 1000000
    python bench/run.py --docs 100 --no-load

Generates a synthetic corpus (bench/synth.py) in a temporary folder, builds it
with ``acftu-talks build`` in a child process, runs the floor (bench/floor.py)
on the same files, times loading the release (bench/load.py) and the build of
the real corpus against ``python -c "import pyarrow.parquet, jsonschema"``,
and prints one table. Every step runs in its own process, so its peak RSS is
its own (``os.wait4``). See bench/README.md for figures.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

PYTHON = sys.executable
MB = 1e6


def _env() -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1")
    # Time what a user runs: Python caches compiled modules (.pyc) after the
    # first run unless told not to.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "build"), env.get("PYTHONPATH")]))
    return env


def measure(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float, str]:
    """Run ``cmd``; return wall seconds, its peak RSS in MB, and its stdout."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=out, stderr=subprocess.PIPE)
        # Drain stderr before waiting, so a chatty child cannot block on a full pipe.
        err = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        stdout = out.read().decode()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({child.returncode}):\n{err.decode()[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, stdout  # ru_maxrss is in KiB on Linux


def _size(folder: Path, pattern: str) -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern))


def build_cmd(corpus: Path, out: Path) -> list[str]:
    return [PYTHON, "-m", "acftu_talks", "build", "--corpus", str(corpus), "--schema", str(ROOT / "schema"),
            "--out", str(out), "--card", str(ROOT / "dataset_card.md")]


def startup(runs: int, work: Path) -> tuple[float, float]:
    """Median wall time of a real-corpus build and of importing pyarrow.parquet
    and jsonschema (the least any build must pay)."""
    build, base = [], []
    measure(build_cmd(ROOT / "corpus", work / "real-release"))  # untimed: fills the .pyc cache
    for _ in range(runs):
        base.append(measure([PYTHON, "-c", "import pyarrow.parquet, jsonschema"])[0])
        build.append(measure(build_cmd(ROOT / "corpus", work / "real-release"))[0])
    return statistics.median(build), statistics.median(base)


def loads(release: Path, work: Path) -> dict[str, float]:
    """Seconds for each way of loading the default config (imports excluded)."""
    found = {}
    for label, mode, cache in (("load_dataset(release), cold", "release", "release"),
                               ("load_dataset(release), warm", "release", "release"),
                               ("load_dataset(release, streaming), all rows", "stream", "stream"),
                               ('load_dataset("parquet", data_files), cold', "parquet", "parquet"),
                               ("pyarrow.parquet.read_table", "arrow", "arrow")):
        stdout = measure([PYTHON, str(HERE / "load.py"), mode, str(release), str(work / f"cache-{cache}")])[2]
        found[label] = float(stdout.split()[0])
    return found


def table(rows: list[list[str]]) -> str:
    header = ["step", "wall s", "paragraphs/s", "raw MB/s", "peak RSS MB", "vs reference"]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--docs", type=int, help="documents to generate")
    size.add_argument("--paragraphs", type=int, help="paragraphs to generate (about)")
    parser.add_argument("--per-doc", type=int, default=30, help="mean paragraphs per document (default 30)")
    parser.add_argument("--startup-runs", type=int, default=5, help="runs for the start-up timing (0: skip)")
    parser.add_argument("--no-load", action="store_true", help="skip the load_dataset timings")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    docs = args.docs or max(1, round((args.paragraphs or 10_000) / args.per_doc))

    work = args.keep or Path(tempfile.mkdtemp(prefix="acftu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        synth.write_corpus(corpus, docs, args.per_doc)
        raw_mb = _size(corpus, "*.txt") / MB
        release = work / "release"
        build_s, build_rss, stdout = measure(build_cmd(corpus, release))
        paragraphs = int(stdout.split(" documents, ")[1].split()[0])
        floor_s, floor_rss, _ = measure([PYTHON, str(HERE / "floor.py"), str(corpus), str(work / "floor")])
        release_mb = _size(release / "data", "*.parquet") / MB
        floor_mb = _size(work / "floor", "*.parquet") / MB

        def rate(seconds: float) -> list[str]:
            return [f"{seconds:.2f}", f"{paragraphs / seconds:,.0f}", f"{raw_mb / seconds:.2f}"]

        rows = [["acftu-talks build", *rate(build_s), f"{build_rss:.0f}", f"{build_s / floor_s:.2f}x floor"],
                ["floor: read, split, write (pyarrow.parquet)", *rate(floor_s), f"{floor_rss:.0f}", "1.00x floor"]]
        if not args.no_load:
            found = loads(release, work)
            reference = found['load_dataset("parquet", data_files), cold']
            for label, seconds in found.items():
                rows.append([label, f"{seconds:.2f}", f"{paragraphs / seconds:,.0f}", "", "",
                             f"{seconds / reference:.2f}x parquet"])
        if args.startup_runs:
            real, base = startup(args.startup_runs, work)
            rows.append(["acftu-talks build, real corpus (median)", f"{real:.2f}", "", "", "",
                         f"{real / base:.2f}x imports"])
            rows.append(['python -c "import pyarrow.parquet, jsonschema"', f"{base:.2f}", "", "", "", "1.00x imports"])
        print(f"{docs:,} documents, {paragraphs:,} paragraphs, {raw_mb:.1f} MB raw text; "
              f"release Parquet {release_mb:.1f} MB ({release_mb / raw_mb:.2f}x raw), "
              f"floor Parquet {floor_mb:.1f} MB; {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        print(table(rows))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
