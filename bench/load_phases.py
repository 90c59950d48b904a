"""CPU seconds of the phases of one cold load of the default config; prints
one JSON object (phase -> seconds, plus "total").

    python bench/load_phases.py MODE RELEASE CACHE_DIR     # MODE: release or parquet

A phase is the CPU time (``time.process_time``) spent inside one function of
``datasets`` or ``huggingface_hub``, summed over its calls. Phases nest (the
card is read inside the module factory), so they do not add up to the total.
A few wrappers around large functions, not a tracing profiler: cProfile
slows pure-Python code such as PyYAML's parser several times more than C
code, and so overstates it. Imports happen before the clock starts, as in
bench/load.py.
"""
from __future__ import annotations

import functools
import importlib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import yaml  # noqa: E402
import huggingface_hub.repocard  # noqa: E402
import datasets.builder  # noqa: E402
import datasets.data_files  # noqa: E402
import datasets.features.features  # noqa: E402
import datasets.fingerprint  # noqa: E402
import datasets.info  # noqa: E402
import datasets.load  # noqa: E402
import datasets.utils.metadata  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402

parquet_module = importlib.import_module("datasets.packaged_modules.parquet.parquet")

# (owner, attribute, phase), outermost first.
PHASES = (
    (datasets.load, "dataset_module_factory", "module factory (card, configs, data files, infos, hash)"),
    (huggingface_hub.repocard.RepoCard, "load", "- reading README.md (DatasetCard.load)"),
    (yaml, "safe_load", "-- PyYAML safe_load of the front matter"),
    (datasets.utils.metadata.MetadataConfigs, "from_dataset_card_data", "- configs from the card"),
    (datasets.info.DatasetInfosDict, "from_dataset_card_data", "- dataset_info (features) from the card"),
    (datasets.load, "create_builder_configs_from_metadata_configs", "- builder configs (data_files patterns)"),
    (datasets.data_files.DataFilesDict, "from_patterns", "data_files pattern resolution (every call)"),
    (datasets.fingerprint.Hasher, "hash", "Hasher.hash (every call)"),
    (datasets.builder.DatasetBuilder, "__init__", "builder init (its lazy imports included)"),
    (datasets.builder.DatasetBuilder, "download_and_prepare", "download_and_prepare (Parquet to Arrow cache)"),
    (datasets.features.features.Features, "from_arrow_schema", "- features from a file's Arrow schema"),
    (parquet_module.Parquet, "_cast_table", "- casting tables to the features"),
    (datasets.builder.DatasetBuilder, "as_dataset", "as_dataset"),
)

spent: Counter = Counter()


def _timed(function, phase: str):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[phase] += time.process_time() - started
    return timed


def instrument() -> None:
    for owner, name, phase in PHASES:
        raw = vars(owner).get(name) if isinstance(owner, type) else None
        if isinstance(raw, (classmethod, staticmethod)):
            setattr(owner, name, type(raw)(_timed(raw.__func__, phase)))
        else:
            setattr(owner, name, _timed(getattr(owner, name), phase))


if __name__ == "__main__":
    instrument()
    started = time.process_time()
    seconds, rows = load.time_load(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
    found = {phase: round(spent[phase], 6) for _, _, phase in PHASES}
    found.update(total=round(time.process_time() - started, 6), wall=round(seconds, 6), rows=rows)
    print(json.dumps(found))
