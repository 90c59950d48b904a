"""Benchmark the builder against the floor, and loading against plain Parquet.

    python bench/run.py --paragraphs 100000
    python bench/run.py --docs 100 --pairs 1 --no-load

Generates a synthetic corpus (bench/synth.py) in a temporary folder, pins its
ids (``acftu-talks ids --accept``, as users do before building), then runs
``acftu-talks build`` and the floor (bench/floor.py) alternately, ``--pairs``
times each, in child processes; times loading the release (bench/load.py) and
the build of the real corpus against ``python -c "import pyarrow.parquet,
jsonschema"``; and prints one table of medians and ranges.

Per run: CPU time is user + system of the child and every process it waited
for (``os.wait4``; the build's pool workers are joined before it exits); wall
time includes start-up; peak memory is the largest sum, over samples taken
every 0.2 s, of the proportional set size (PSS, from
``/proc/<pid>/smaps_rollup``) of the child and all its descendants, so shared
pages of forked workers count once (the tree is rescanned every second; a
peak shorter than a sample can be missed); "largest RSS" is the peak RSS of the
largest single process of the tree (``ru_maxrss``). See bench/README.md.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

PYTHON = sys.executable
MB = 1e6
SAMPLE_SECONDS = 0.2
TREE_EVERY = 5  # samples between scans of /proc for the tree's processes


def _env(builder: Path = ROOT / "build") -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1")
    # Time what a user runs: Python caches compiled modules (.pyc) after the
    # first run unless told not to.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(builder), env.get("PYTHONPATH")]))
    return env


def _descendants(pid: int) -> list[int]:
    """``pid`` and every live process below it (from /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process tree until stopped; keeps the peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.peak_processes = pid, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        samples = 0
        while not self.done.is_set():
            if samples % TREE_EVERY == 0:  # a scan of /proc costs more than a sample
                tree = _descendants(self.pid)
            samples += 1
            total = sum(_pss_kb(p) for p in tree)
            if total > self.peak_kb:
                self.peak_kb, self.peak_processes = total, len(tree)
            self.done.wait(SAMPLE_SECONDS)


@dataclass
class Run:
    wall: float
    cpu: float
    pss_mb: float  # peak summed PSS of the tree
    rss_mb: float  # peak RSS of the largest single process
    stdout: str


def measure(cmd: list[str], cwd: Path = ROOT, builder: Path = ROOT / "build") -> Run:
    """Run ``cmd`` in a child process and measure it (see the module's docstring);
    ``builder`` is the package's source root it imports."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(cmd, cwd=cwd, env=_env(builder), stdout=out, stderr=err)
        memory = TreeMemory(child.pid)
        memory.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        memory.done.set()
        memory.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({child.returncode}):\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, memory.peak_kb / 1024, usage.ru_maxrss / 1024, stdout)


def _size(folder: Path, pattern: str) -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern))


def build_cmd(corpus: Path, out: Path, jobs: int | None = None) -> list[str]:
    cmd = [PYTHON, "-m", "acftu_talks", "build", "--corpus", str(corpus), "--schema", str(ROOT / "schema"),
           "--out", str(out), "--card", str(ROOT / "dataset_card.md")]
    return cmd + (["--jobs", str(jobs)] if jobs else [])


def ids_cmd(corpus: Path) -> list[str]:
    return [PYTHON, "-m", "acftu_talks", "ids", "--corpus", str(corpus), "--schema", str(ROOT / "schema"),
            "--accept", "--reason", "benchmark corpus"]


@dataclass
class Series:
    """Repeated runs of one step."""

    label: str
    runs: list[Run] = field(default_factory=list)

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)

    def spread(self, attr: str, digits: int = 2) -> str:
        values = [getattr(r, attr) for r in self.runs]
        median = f"{statistics.median(values):.{digits}f}"
        if len(values) == 1:
            return median
        return f"{median} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def ratios(a: Series, b: Series, attr: str) -> str:
    """Median and range of the per-pair ratios a/b."""
    values = [getattr(x, attr) / getattr(y, attr) for x, y in zip(a.runs, b.runs)]
    median = f"{statistics.median(values):.2f}x"
    return median if len(values) == 1 else f"{median} ({min(values):.2f}-{max(values):.2f})"


def alternate(first: tuple[str, list[str]], second: tuple[str, list[str]], pairs: int,
              before=None) -> tuple[Series, Series]:
    """Run two commands alternately, ``pairs`` times each, swapping which goes
    first in every other pair so that a drift in the machine's load is shared."""
    a, b = Series(first[0]), Series(second[0])
    for i in range(pairs):
        order = [(a, first[1]), (b, second[1])]
        for series, cmd in (order if i % 2 == 0 else order[::-1]):
            if before:
                before()
            series.runs.append(measure(cmd))
    return a, b


def loads(release: Path, work: Path, pairs: int) -> list[tuple[str, Series]]:
    """Timings of each way of loading the default config (imports excluded):
    bench/load.py prints its own seconds, which replace the wall time."""
    def once(mode: str, cache: str) -> Run:
        run = measure([PYTHON, str(HERE / "load.py"), mode, str(release), str(work / f"cache-{cache}")])
        run.wall = float(run.stdout.split()[0])
        return run

    def fresh() -> None:
        for name in ("release", "parquet"):
            shutil.rmtree(work / f"cache-{name}", ignore_errors=True)

    cold = Series("load_dataset(release), cold")
    parquet = Series('load_dataset("parquet", data_files), cold')
    for i in range(pairs):
        fresh()
        order = [(cold, "release"), (parquet, "parquet")]
        for series, mode in (order if i % 2 == 0 else order[::-1]):
            series.runs.append(once(mode, mode))
    warm = Series("load_dataset(release), warm")
    warm.runs.append(once("release", "release"))
    found = [("cold", cold), ("parquet", parquet), ("warm", warm)]
    for mode, label in (("stream", "streaming, row by row"),
                        ("stream-batched", "streaming, .iter(batch_size=1000)"),
                        ("stream-arrow", 'streaming, with_format("arrow").iter(batch_size=1000)'),
                        ("arrow", "pyarrow.parquet.read_table")):
        series = Series(label)
        series.runs.append(once(mode, mode))
        found.append((mode, series))
    return found


def startup_rotation(work: Path, tree: Path, runs: int) -> tuple[Series, Series, Series]:
    """The real-corpus build of this tree, the imports reference and the
    real-corpus build of ``tree``'s builder, ``runs`` times each in a rotation
    whose order changes every run, so that a change in load is shared."""
    tree_build = build_cmd(ROOT / "corpus", work / "real-release-other")
    measure(tree_build, builder=tree / "build")  # untimed: its .pyc cache
    steps = [(Series("acftu-talks build, real corpus"), build_cmd(ROOT / "corpus", work / "real-release"), ROOT / "build"),
             (Series('python -c "import pyarrow.parquet, jsonschema"'),
              [PYTHON, "-c", "import pyarrow.parquet, jsonschema"], ROOT / "build"),
             (Series(f"acftu-talks build, real corpus, builder of {tree.name}"), tree_build, tree / "build")]
    for i in range(runs):
        order = steps[i % 3:] + steps[:i % 3]
        for series, cmd, builder in (order if i % 2 == 0 else order[::-1]):
            series.runs.append(measure(cmd, builder=builder))
    return steps[0][0], steps[1][0], steps[2][0]


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows])


def machine() -> str:
    try:
        with open("/proc/meminfo") as f:
            memory = f"{int(f.readline().split()[1]) / 2**20:.0f} GiB"
    except OSError:
        memory = "? GiB"
    versions = []
    for name in ("pyarrow", "jsonschema", "jsonschema-rs", "datasets"):
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            pass
    return f"{os.cpu_count()} CPUs, {memory}, Python {sys.version.split()[0]}, {', '.join(versions)}"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--docs", type=int, help="documents to generate")
    size.add_argument("--paragraphs", type=int, help="paragraphs to generate (about)")
    parser.add_argument("--per-doc", type=int, default=30, help="mean paragraphs per document (default 30)")
    parser.add_argument("--pairs", type=int, default=3, help="build/floor pairs, alternating (default 3)")
    parser.add_argument("--jobs", type=int, default=None, help="the build's --jobs (default: its own default)")
    parser.add_argument("--no-lock", action="store_true", help="build without pinning ids first")
    parser.add_argument("--startup-runs", type=int, default=5, help="pairs for the start-up timing (0: skip)")
    parser.add_argument("--startup-against", type=Path, metavar="TREE",
                        help="also time the real-corpus build of the builder in TREE/build (a checkout of "
                             "another commit) in the same start-up rotation")
    parser.add_argument("--load-pairs", type=int, default=3, help="cold load pairs (default 3)")
    parser.add_argument("--no-load", action="store_true", help="skip the load_dataset timings")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    docs = args.docs or max(1, round((args.paragraphs or 10_000) / args.per_doc))

    work = args.keep or Path(tempfile.mkdtemp(prefix="acftu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    load_before = load_average()
    try:
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        synth.write_corpus(corpus, docs, args.per_doc)
        raw_mb = _size(corpus, "*.txt") / MB
        rows = []
        if not args.no_lock:
            pinned = Series("ids --accept (once, pins every id)", [measure(ids_cmd(corpus))])
            locked = int(pinned.runs[0].stdout.split()[1])
        release, floor_out = work / "release", work / "floor"
        build, floor = alternate(("acftu-talks build", build_cmd(corpus, release, args.jobs)),
                                 ("floor (bench/floor.py)", [PYTHON, str(HERE / "floor.py"), str(corpus),
                                                             str(floor_out)]),
                                 args.pairs)
        # a rebuild compares its rows with the release it replaces when its
        # inputs changed; --previous compares every row, as such a rebuild does
        compared = Series("acftu-talks build --previous RELEASE (once, compares every row)",
                          [measure(build_cmd(corpus, work / "release-compared", args.jobs)
                                   + ["--previous", str(release)])])
        counts = dict(item.split("=") for item in floor.runs[0].stdout.split())
        built = re.split(r" documents?, ", build.runs[0].stdout)[1].split()
        paragraphs, sentences = (int(n.rstrip(",").replace(",", "")) for n in (built[0], built[2]))

        def step(series: Series, reference: str) -> list[str]:
            return [series.label, str(len(series.runs)), series.spread("cpu"), series.spread("wall"),
                    series.spread("pss_mb", 0), f"{max(r.rss_mb for r in series.runs):.0f}",
                    f"{paragraphs / series.median('cpu'):,.0f}", reference]

        rows.append(step(build, f"CPU {ratios(build, floor, 'cpu')}, wall {ratios(build, floor, 'wall')} floor"))
        rows.append(step(floor, "1.00x floor"))
        if not args.no_lock:
            rows.append(step(pinned, ""))
        rows.append(step(compared, f"CPU {compared.median('cpu') / floor.median('cpu'):.2f}x floor (median)"))
        if not args.no_load:
            found = dict(loads(release, work, args.load_pairs))
            reference = found["parquet"]
            for key, series in found.items():
                versus = (ratios(series, reference, "wall") if key == "cold"
                          else f"{series.median('wall') / reference.median('wall'):.2f}x")
                rows.append([series.label, str(len(series.runs)), "", series.spread("wall"), "", "",
                             f"{paragraphs / series.median('wall'):,.0f}", f"{versus} parquet (wall)"])
        if args.startup_runs:
            measure(build_cmd(ROOT / "corpus", work / "real-release"))  # untimed: fills the .pyc cache
            if args.startup_against:
                real, base, other = startup_rotation(work, args.startup_against.resolve(), args.startup_runs)
                startup = [(other, f"CPU {ratios(other, base, 'cpu')} imports, {ratios(real, other, 'cpu')} "
                                   f"this tree vs it (paired)")]
            else:
                real, base = alternate(("acftu-talks build, real corpus",
                                        build_cmd(ROOT / "corpus", work / "real-release")),
                                       ('python -c "import pyarrow.parquet, jsonschema"',
                                        [PYTHON, "-c", "import pyarrow.parquet, jsonschema"]),
                                       args.startup_runs)
                startup = []
            for series, versus in [(real, f"wall {ratios(real, base, 'wall')}, CPU {ratios(real, base, 'cpu')} imports"),
                                   (base, "1.00x imports")] + startup:
                rows.append([series.label, str(len(series.runs)), series.spread("cpu"), series.spread("wall"),
                             series.spread("pss_mb", 0), f"{max(r.rss_mb for r in series.runs):.0f}", "", versus])
        release_mb = _size(release / "data", "*.parquet") / MB
        floor_mb = _size(floor_out, "*.parquet") / MB
        print(f"{docs:,} documents, {paragraphs:,} paragraphs, {sentences:,} sentences "
              f"(floor: {int(counts['paragraphs']):,} and {int(counts['sentences']):,}), {raw_mb:.1f} MB raw text; "
              f"release Parquet {release_mb:.1f} MB ({release_mb / raw_mb:.2f}x raw), "
              f"floor Parquet {floor_mb:.1f} MB ({floor_mb / raw_mb:.2f}x raw); "
              + (f"ids lock of {locked:,} ids" if not args.no_lock else "no ids lock"))
        print(f"{machine()}; load average {load_before} before, {load_average()} after")
        print(table(["step", "runs", "CPU s", "wall s", "peak PSS of tree MB", "largest RSS MB",
                     "paragraphs per s (CPU; loads: wall)", "vs reference (median of pairs)"], rows))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
