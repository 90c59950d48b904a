"""Time one way of loading a release's default config; prints seconds.

    python bench/load.py MODE RELEASE CACHE_DIR

Prints the wall seconds, the rows, and the CPU seconds of the process
(``time.process_time``, every thread) over the same span.

Modes: ``release`` (load_dataset on the release folder; run it twice with the
same CACHE_DIR for cold then warm), ``stream`` (streaming, every row read one
by one), ``stream-batched`` (streaming, ``.iter(batch_size=1000)``),
``stream-arrow`` (streaming, ``with_format("arrow").iter(batch_size=1000)``),
``parquet`` (load_dataset("parquet", data_files=...) on the same files) and
``arrow`` (pyarrow.parquet.read_table on the same files). Imports happen
before the clock starts: this measures loading, not Python start-up.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")

import datasets  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from acftu_talks.contract.records import DEFAULT_CONFIG

MODES = ("release", "stream", "stream-batched", "stream-arrow", "parquet", "arrow")
BATCH = 1000


def files(release: Path, config: str = DEFAULT_CONFIG) -> list[str]:
    return sorted(str(p) for p in (release / "data" / config).glob("*.parquet"))


def time_load(mode: str, release: Path, cache_dir: Path) -> tuple[float, int]:
    """Seconds to load the default config ``mode``'s way, and its rows."""
    datasets.disable_progress_bars()
    started = time.perf_counter()
    if mode == "release":
        rows = len(datasets.load_dataset(str(release), DEFAULT_CONFIG, split="train", cache_dir=str(cache_dir)))
    elif mode == "stream":
        stream = datasets.load_dataset(str(release), DEFAULT_CONFIG, split="train", streaming=True)
        rows = sum(1 for _ in stream)
    elif mode == "stream-batched":
        stream = datasets.load_dataset(str(release), DEFAULT_CONFIG, split="train", streaming=True)
        rows = sum(len(batch["text"]) for batch in stream.iter(batch_size=BATCH))
    elif mode == "stream-arrow":
        stream = datasets.load_dataset(str(release), DEFAULT_CONFIG, split="train", streaming=True)
        rows = sum(table.num_rows for table in stream.with_format("arrow").iter(batch_size=BATCH))
    elif mode == "parquet":
        rows = len(datasets.load_dataset("parquet", data_files=files(release), split="train",
                                         cache_dir=str(cache_dir)))
    elif mode == "arrow":
        rows = pq.read_table(files(release)).num_rows
    else:
        raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
    return time.perf_counter() - started, rows


if __name__ == "__main__":
    cpu = time.process_time()
    seconds, rows = time_load(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
    print(f"{seconds:.6f} {rows} {time.process_time() - cpu:.6f}")
