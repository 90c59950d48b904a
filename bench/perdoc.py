"""Time and profile the per-document part of a build: every step up to the
per-document configs written (read, segment, annotate, assemble, check,
validate, ids, the Parquet sinks), without the release's finish step (the
corpus-level relations, card, figure), which does not depend on ``--jobs``.

    python bench/perdoc.py --docs 300 --jobs 1 --jobs 2          # alternating pairs of two --jobs
    python bench/perdoc.py --docs 300 --jobs 1 --against OLD/build  # this builder against another source tree
    python bench/perdoc.py --docs 300 --jobs 1 --jobs 2 --against OLD/build  # ... this with 1, that with 2
    python bench/perdoc.py --docs 300 --profile                  # where the time goes (--jobs 1)

Generates a synthetic corpus (bench/synth.py, 30 paragraphs a document) and
pins its ids as bench/run.py does. Timings: each run in a child process, CPU
is user + system of it and of its pool workers (``os.wait4``), as medians of
alternating pairs with the range, and the median of the per-pair ratios;
"largest RSS" is the peak RSS of the largest single process (``ru_maxrss``).
The profile samples the stack every 2 ms of CPU (SIGPROF) in one process and
shares the samples out by the step of ``pipeline.process`` they fall in (or
the writing process's own work) and by the builder's innermost function.
"""
from __future__ import annotations

import argparse
import collections
import os
import shutil
import signal
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


def _child(argv: list[str], profile: bool) -> int:
    """In the child: the build, its finish step skipped; with ``profile``,
    sampled and the table printed."""
    from acftu_talks import cli
    from acftu_talks.release import finish
    finish.finish = lambda *args, **kwargs: None
    if not profile:
        return cli.main(["build"] + argv, own_process=True)
    package = str(ROOT / "build" / "acftu_talks") + os.sep
    steps: collections.Counter = collections.Counter()
    leaves: collections.Counter = collections.Counter()

    def sample(signum, frame):
        chain = []
        while frame is not None:
            chain.append(frame.f_code)
            frame = frame.f_back
        chain.reverse()  # outermost first
        names = [(c.co_filename, c.co_name) for c in chain]
        step = "start-up and listing (outside the build loop)"
        for index, (filename, name) in enumerate(names):
            if filename.endswith(os.sep + "pipeline.py") and name == "process":
                callee = names[index + 1] if index + 1 < len(names) else (filename, name)
                step = f"process: {Path(callee[0]).stem}.{callee[1]}"
                break
        else:
            if any(f.endswith(os.sep + "pipeline.py") and n == "build" for f, n in names):
                inner = [(f, n) for f, n in names if f.startswith(package)]
                step = "writing process: " + (f"{Path(inner[-1][0]).stem}.{inner[-1][1]}" if inner else "?")
        steps[step] += 1
        inner = [(f, n) for f, n in names if f.startswith(package)]
        leaf = f"{Path(inner[-1][0]).relative_to(package[:-1]).with_suffix('')}.{inner[-1][1]}" if inner else "(outside the builder)"
        leaves[leaf] += 1

    signal.signal(signal.SIGPROF, sample)
    signal.setitimer(signal.ITIMER_PROF, 0.002, 0.002)
    started = time.process_time()
    code = cli.main(["build"] + argv, own_process=True)
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    total = sum(steps.values())
    print(f"{time.process_time() - started:.2f} s CPU, {total} samples")
    for title, counts, top in (("step", steps, 25), ("innermost function of the builder", leaves, 25)):
        print(f"\n| {title} | share |\n|---|---|")
        for name, n in counts.most_common(top):
            print(f"| {name} | {100 * n / total:.1f} % |")
    return code


def _run(build_dir: Path, argv: list[str]) -> tuple[float, float, float]:
    env = dict(os.environ, PYTHONPATH=str(build_dir), HF_HUB_OFFLINE="1")
    started = time.perf_counter()
    child = subprocess.Popen([PYTHON, str(Path(__file__).resolve()), "--child"] + argv, cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise RuntimeError(child.stderr.read().decode()[-3000:])
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        profile = "--profile" in argv
        return _child([a for a in argv[1:] if a != "--profile"], profile)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--pairs", type=int, default=4)
    parser.add_argument("--jobs", type=int, action="append", help="given twice: compare the two")
    parser.add_argument("--against", type=Path, help="another source tree's build/ folder to compare with")
    parser.add_argument("--profile", action="store_true", help="sample one build (--jobs 1) instead")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="acftu-perdoc-"))
    try:
        corpus = work / "corpus"
        if not corpus.exists():
            synth.write_corpus(corpus, args.docs, 30)
            subprocess.run([PYTHON, "-m", "acftu_talks", "ids", "--corpus", str(corpus), "--schema",
                            str(ROOT / "schema"), "--accept", "--reason", "benchmark corpus"], cwd=ROOT, check=True,
                           env=dict(os.environ, PYTHONPATH=str(ROOT / "build")), stdout=subprocess.DEVNULL)

        def build_args(out: str, jobs: int) -> list[str]:
            return ["--corpus", str(corpus), "--schema", str(ROOT / "schema"), "--out", str(work / out),
                    "--card", str(ROOT / "dataset_card.md"), "--jobs", str(jobs)]
        if args.profile:
            shutil.rmtree(work / "release", ignore_errors=True)  # never a whole release: the finish step is skipped
            env = dict(os.environ, PYTHONPATH=str(ROOT / "build"), HF_HUB_OFFLINE="1")
            return subprocess.run([PYTHON, str(Path(__file__).resolve()), "--child", "--profile"]
                                  + build_args("release", 1), cwd=ROOT, env=env).returncode
        jobs = args.jobs or [1]
        if args.against:
            variants = [(f"this builder, --jobs {jobs[0]}", ROOT / "build", jobs[0]),
                        (f"{args.against}, --jobs {jobs[-1]}", args.against, jobs[-1])]
        else:
            if len(jobs) != 2:
                parser.error("give --jobs twice, or --against")
            variants = [(f"--jobs {j}", ROOT / "build", j) for j in jobs]
        runs: dict[int, list[tuple[float, float, float]]] = {0: [], 1: []}
        for pair in range(args.pairs):
            for v in ((0, 1) if pair % 2 == 0 else (1, 0)):
                shutil.rmtree(work / f"out{v}", ignore_errors=True)
                runs[v].append(_run(variants[v][1], build_args(f"out{v}", variants[v][2])))
        print(f"{args.docs} documents, {args.pairs} alternating pairs; load average {os.getloadavg()}")
        print("| variant | CPU s | wall s | largest RSS MB |\n|---|---|---|---|")
        for v, (label, _, _) in enumerate(variants):
            cpu, wall = [r[0] for r in runs[v]], [r[1] for r in runs[v]]
            print(f"| {label} | {statistics.median(cpu):.2f} ({min(cpu):.2f}-{max(cpu):.2f}) "
                  f"| {statistics.median(wall):.2f} ({min(wall):.2f}-{max(wall):.2f}) | {max(r[2] for r in runs[v]):.0f} |")
        ratios = [a[0] / b[0] for a, b in zip(runs[0], runs[1])]
        walls = [a[1] / b[1] for a, b in zip(runs[0], runs[1])]
        print(f"first / second: CPU {statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f}), "
              f"wall {statistics.median(walls):.3f} ({min(walls):.3f}-{max(walls):.3f})")
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
