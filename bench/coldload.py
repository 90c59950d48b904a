"""Cold ``load_dataset(release)`` against cold ``load_dataset("parquet",
data_files=...)`` of the same files, in alternating pairs; prints CPU and
wall seconds (medians and ranges) and the per-pair ratios.

    PYTHONPATH=build python bench/coldload.py RELEASE [RELEASE ...] --pairs 7 [--phases 5] [--yaml]

Each load runs in its own interpreter (bench/load.py: imports before the
clock starts), each pair with fresh caches, and every other pair the plain
Parquet load goes first, so a drift in the machine's load is shared. CPU
seconds are the load process's own (``time.process_time``): the figure that
other jobs on the machine disturb least. ``--phases N`` then runs N more
alternating pairs under bench/load_phases.py and prints the median CPU
seconds of each phase of both loads. ``--yaml`` times, in this process,
PyYAML reading the card's front matter as written, in other forms of the
same data, and without the configs' features.
"""
from __future__ import annotations

import argparse
import json
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
MODES = ("release", "parquet")


def _child(script: str, mode: str, release: Path, cache: Path) -> str:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "build"), env.get("PYTHONPATH")]))
    shutil.rmtree(cache, ignore_errors=True)
    return subprocess.run([sys.executable, str(HERE / script), mode, str(release), str(cache)],
                          env=env, capture_output=True, text=True, check=True).stdout


def load_once(mode: str, release: Path, cache: Path) -> tuple[float, float, int]:
    """(CPU s, wall s, rows) of one cold load in a fresh interpreter."""
    wall, rows, cpu = _child("load.py", mode, release, cache).split()[:3]
    return float(cpu), float(wall), int(rows)


def phases(release: Path, n: int, work: Path) -> list[str]:
    """A table of the median CPU seconds of each phase, ``n`` alternating
    pairs of bench/load_phases.py."""
    found: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for i in range(n):
        for mode in (MODES if i % 2 == 0 else MODES[::-1]):
            found[mode].append(json.loads(_child("load_phases.py", mode, release, work / f"cache-{mode}")))
    names = [k for k in found["release"][0] if k not in ("wall", "rows")]
    lines = [f"phases, CPU s, median of {n} pairs", "| phase | load_dataset(release) | load_dataset(\"parquet\") |",
             "|---|---|---|"]
    for name in names:
        cells = [f"{statistics.median(run[name] for run in found[mode]):.3f}" for mode in MODES]
        lines.append(f"| {name.strip() if name == 'total' else name} | {cells[0]} | {cells[1]} |")
    return lines


def pairs(release: Path, n: int, work: Path) -> dict[str, list[tuple[float, float, int]]]:
    """``n`` alternating pairs of cold loads of ``release``, fresh caches each."""
    found: dict[str, list] = {mode: [] for mode in MODES}
    for i in range(n):
        for mode in (MODES if i % 2 == 0 else MODES[::-1]):
            found[mode].append(load_once(mode, release, work / f"cache-{mode}"))
    return found


def spread(values: list[float], digits: int = 3, unit: str = "") -> str:
    return (f"{statistics.median(values):.{digits}f}{unit} "
            f"({min(values):.{digits}f}-{max(values):.{digits}f}{unit})")


def _features(entries: list) -> int:
    """Feature entries in a ``dataset_info.features`` list, nested ones included."""
    found = 0
    for entry in entries:
        if isinstance(entry, dict):
            found += "name" in entry
            found += sum(_features(v) for v in entry.values() if isinstance(v, list))
    return found


def yaml_forms(release: Path, repeat: int = 7) -> list[str]:
    """CPU ms for PyYAML to read the card's front matter, best of ``repeat``:
    as written, as flow-style YAML, as JSON, and without any config's
    ``features``; with ``safe_load`` (what huggingface_hub calls) and the C
    loader."""
    import yaml
    front = (release / "README.md").read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
    data = yaml.safe_load(front)
    infos = data.get("dataset_info") or []
    bare = {**data, "dataset_info": [{k: v for k, v in i.items() if k != "features"} for i in infos]}
    dump = dict(allow_unicode=True, sort_keys=False, width=2**31 - 1)
    forms = {"as written": front,
             "flow style": yaml.safe_dump(data, default_flow_style=True, **dump),
             "JSON": json.dumps(data, ensure_ascii=False),
             "block style, no features": yaml.safe_dump(bare, **dump)}

    def best(text: str, loader) -> float:
        times = []
        for _ in range(repeat):
            started = time.process_time()
            yaml.load(text, Loader=loader)
            times.append(time.process_time() - started)
        return 1000 * min(times)

    features = sum(_features(i.get("features", [])) for i in infos)
    lines = [f"card front matter: {len(infos)} dataset_info entries, {features} feature entries",
             "| form | bytes | safe_load CPU ms | C loader CPU ms |", "|---|---|---|---|"]
    for name, text in forms.items():
        lines.append(f"| {name} | {len(text.encode('utf-8')):,} | {best(text, yaml.SafeLoader):.1f} | "
                     f"{best(text, getattr(yaml, 'CSafeLoader', yaml.SafeLoader)):.1f} |")
    return lines


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def report(release: Path, found: dict[str, list[tuple[float, float, int]]]) -> list[str]:
    cold, plain = found["release"], found["parquet"]
    rows = {r for _, _, r in cold} | {r for _, _, r in plain}
    lines = [f"{release}: {len(cold)} pairs, {'/'.join(map(str, sorted(rows)))} rows",
             "| load | CPU s | wall s |", "|---|---|---|"]
    for label, runs in (("load_dataset(release), cold", cold),
                        ('load_dataset("parquet", data_files), cold', plain)):
        lines.append(f"| {label} | {spread([c for c, _, _ in runs])} | {spread([w for _, w, _ in runs])} |")
    cpu = [a[0] / b[0] for a, b in zip(cold, plain)]
    wall = [a[1] / b[1] for a, b in zip(cold, plain)]
    lines.append(f"| ratio (median of pairs) | {spread(cpu, 2, 'x')} | {spread(wall, 2, 'x')} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("releases", nargs="+", type=Path)
    parser.add_argument("--pairs", type=int, default=7, help="alternating pairs (default 7; 0: none)")
    parser.add_argument("--phases", type=int, default=0, metavar="N",
                        help="then N pairs timing each phase (default 0: none)")
    parser.add_argument("--yaml", action="store_true", help="then time PyYAML on the card's front matter")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="acftu-coldload-") as tmp:
        for release in args.releases:
            if args.pairs:
                before = load_average()
                found = pairs(release, args.pairs, Path(tmp))
                print("\n".join(report(release, found)))
                print(f"load average {before} before, {load_average()} after")
            if args.phases:
                print("\n".join(phases(release, args.phases, Path(tmp))))
            if args.yaml:
                print("\n".join(yaml_forms(release)))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
