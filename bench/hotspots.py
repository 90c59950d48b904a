"""Where a command's CPU time goes: a sampled profile, one child per run.

    PYTHONPATH=build python bench/hotspots.py --runs 6 -- build --out /tmp/profiled-release

Runs ``python -m acftu_talks ARGS`` ``--runs`` times, each in a fresh child
process (so that each pays its imports, as a user does), samples the stack on
SIGPROF every millisecond of CPU time (the kernel's tick may make it
coarser) and prints, over all samples, the share in which each part was
running: imports by the package whose module was executing, compiling
regular expressions by the function that asked for the pattern, and the
per-document and release steps (inclusive: a step's share holds what it
called, compiling included). ``CPU ms`` is the share times the median CPU
time of a child (user + system, ``os.wait4``). Profiling adds a few per cent.
"""
from __future__ import annotations

import argparse
import collections
import os
import pickle
import runpy
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# The per-document steps and the release steps, by the function that runs them.
STEPS = [
    ("per document: read, segment, annotate, assemble, check, validate", "pipeline.py", "process"),
    ("  annotate", "annotate.py", "annotate_document"),
    ("  validate the records", "validate.py", "check_built"),
    ("Parquet sinks of the per-document configs (close)", "write.py", "close_sinks"),
    ("events and persons registries (read, checked)", "registries.py", "read_registries"),
    # inside the release step write_relations (listed below it)
    ("relations: reuse (n-grams, snapping, the choice per pair of events)", "reuse.py", "matches"),
    ("  first attestations (a text search of every sentence)", "reuse.py", "_link_first_attestations"),
    ("relations: formulations (a text search of every sentence, grouping)", "formulations.py", "packed"),
    ("relations: rows made in full (dicts, ids)", "relate.py", "__iter__"),
    ("relations: rows checked against the raw texts", "relate.py", "_check_span"),
    ("relations: rows validated and written", "relate.py", "add"),
]
RELEASE_STEPS = ["write_events", "write_persons", "copy_schemas", "write_relations", "copy_annotations",
                 "write_card", "copy_repository_files", "write_figure", "write_citation", "write_croissant",
                 "write_reader", "write_id_changes", "write_release_notes", "write_manifest", "write_sums"]


def _frame_key(code) -> tuple[str, str]:
    """(file, function): our files as acftu_talks/..., others from their
    package (pyarrow/compute.py) or the standard library (re/_compiler.py)."""
    name = code.co_filename
    if "/acftu_talks/" in name:
        return "acftu_talks/" + name.rsplit("/acftu_talks/", 1)[1], code.co_name
    for marker in ("/site-packages/", "/lib/python3."):
        if marker in name:
            name = name.split(marker, 1)[1]
            if marker == "/lib/python3.":
                name = name.split("/", 1)[-1]
            break
    return name, code.co_name


def child(out: Path, args: list[str]) -> None:
    stacks: collections.Counter = collections.Counter()

    def sample(signum, frame):
        stack = []
        while frame is not None:
            stack.append(_frame_key(frame.f_code))
            frame = frame.f_back
        stacks[tuple(reversed(stack))] += 1

    signal.signal(signal.SIGPROF, sample)
    signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
    sys.argv = ["acftu_talks", *args]
    try:
        runpy.run_module("acftu_talks", run_name="__main__")
    except SystemExit:
        pass
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        out.write_bytes(pickle.dumps(stacks))


def _ours(file: str) -> bool:
    return file.startswith("acftu_talks/")


def _imported(modules: list[str]) -> str:
    """What an import sample is spent on, from the modules being executed
    (outermost first): pyarrow and numpy (the reference imports them too,
    but for pyarrow.compute), our own modules' code, or the first other
    package our modules import."""
    if "pyarrow/compute.py" in modules:
        return "imports: pyarrow.compute (not in the reference)"
    if any(m.startswith(("pyarrow/", "numpy/")) for m in modules):
        return "imports: pyarrow and numpy (as the reference)"
    if _ours(modules[-1]):
        return "imports: acftu_talks modules, their own code"
    other = next(m for m in modules if not _ours(m))
    if other == "<string>":
        return "imports: code generated for dataclasses and named tuples"
    return f"imports: {other.split('/', 1)[0].removesuffix('.py')}, imported by acftu_talks"


def summarise(stacks: collections.Counter) -> list[tuple[str, float]]:
    total = sum(stacks.values())
    imports: collections.Counter = collections.Counter()
    compiling: collections.Counter = collections.Counter()
    steps: collections.Counter = collections.Counter()
    for stack, count in stacks.items():
        modules = [f for f, fn in stack if fn == "<module>" and not f.endswith(("hotspots.py", "__main__.py"))]
        if modules:
            imports[_imported(modules)] += count
        files = [f for f, _ in stack]
        if any(f.startswith("re/_") for f in files):
            first = next(i for i, f in enumerate(files) if f.startswith("re/"))
            caller = next((f"{f.removeprefix('acftu_talks/')}:{fn}" for f, fn in reversed(stack[:first])
                           if not f.startswith(("re/", "functools"))), "?")
            compiling[f"compiling regexes, for {caller}"] += count
        seen = set()
        for label, file, function in STEPS:
            if any(f.endswith(file) and fn == function for f, fn in stack):
                seen.add(label)
        for f, fn in stack:  # finish.py's step, or the function it names (series.write_events)
            if f.startswith("acftu_talks/release/") and fn in RELEASE_STEPS:
                seen.add(f"release step {fn}")
        for label in seen:
            steps[label] += count
    rows = [("all (samples)", 1.0)]
    rows += [(k, v / total) for k, v in imports.most_common()]
    rows += [(k, v / total) for k, v in compiling.most_common(12)]
    rows += [(label, steps[label] / total) for label, _, _ in STEPS]
    rows += [(f"release step {name}", steps[f"release step {name}"] / total) for name in RELEASE_STEPS]
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(Path(argv[1]), argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=6, help="child processes (default 6)")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- then the acftu-talks arguments")
    opts = parser.parse_args(argv)
    args = opts.args[1:] if opts.args[:1] == ["--"] else opts.args
    out_dirs = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--out"]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "build"), env.get("PYTHONPATH")]))
    merged: collections.Counter = collections.Counter()
    cpu = []
    with tempfile.TemporaryDirectory() as work:
        for run in range(opts.runs):
            for folder in out_dirs:  # a fresh release each run: nothing to compare with
                shutil.rmtree(folder, ignore_errors=True)
            out = Path(work) / f"{run}.pickle"
            proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", str(out), "--", *args],
                                    cwd=os.getcwd(), env=env, stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"acftu-talks {' '.join(args)} failed")
            cpu.append(usage.ru_utime + usage.ru_stime)
            merged.update(pickle.loads(out.read_bytes()))
    median = statistics.median(cpu)
    print(f"{opts.runs} runs, {sum(merged.values())} samples, child CPU median {median:.3f} s "
          f"({min(cpu):.3f}-{max(cpu):.3f})")
    print("| part | share | CPU ms |\n|---|---|---|")
    for label, share in summarise(merged):
        if share >= 0.005 or label.startswith("release step"):
            print(f"| {label} | {100 * share:.1f} % | {1000 * median * share:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
