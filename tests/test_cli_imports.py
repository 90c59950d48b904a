"""A build imports only what it needs: not datasets, not pandas."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import CORPUS, ROOT, build_args

PROBE = """
import json, sys
from acftu_talks import cli
code = cli.main(sys.argv[1:], own_process=True)
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_build_does_not_import_datasets_or_pandas(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "build"))
    done = subprocess.run([sys.executable, "-c", PROBE, *build_args(CORPUS, tmp_path / "release")],
                          capture_output=True, text=True, env=env, timeout=120)
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0, done.stderr
    heavy = {"datasets", "pandas", "huggingface_hub", "polars", "duckdb"}
    assert heavy & {m.split(".")[0] for m in result["modules"]} == set()
    # python-jsonschema gives the messages of a record that fails; a build
    # whose records all pass (jsonschema-rs says so) never imports it.
    assert {"jsonschema", "referencing"} & {m.split(".")[0] for m in result["modules"]} == set()
    # Start-up, which the reference `import pyarrow.parquet, jsonschema` does
    # not pay: pyarrow.compute is for a reader page of part of a large release
    # only, and the release swap finds libc without ctypes.util's ldconfig.
    assert {"pyarrow.compute", "ctypes.util", "subprocess"} & set(result["modules"]) == set()
    # The card's front matter and CITATION.cff are written without PyYAML
    # (release/yamltext.py's fast writer, tested against it).
    assert "yaml" not in {m.split(".")[0] for m in result["modules"]}
    # The manifest's tool versions are read beside the packages (release/manifest.py).
    assert "importlib.metadata" not in result["modules"]


def test_pyarrow_still_converts_after_the_probe_is_skipped(tmp_path):
    # pandas may be imported later by the same process and pyarrow must still work with it.
    code = ("from acftu_talks import cli; cli._skip_pandas_probe(); import pyarrow as pa, pandas as pd; "
            "print(pa.Table.from_pandas(pd.DataFrame({'a': [1]})).num_rows, pa.array([1, None]).null_count)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "build")), timeout=120)
    assert done.stdout.split() == ["1", "1"], done.stderr


def test_validate_imports_no_release_step(tmp_path):
    """Only `build` runs the release steps: checking the corpus imports
    neither the relations, nor the card, the reader, croissant or the manifest."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "build"))
    args = ["validate", "--corpus", str(CORPUS), "--schema", str(ROOT / "schema")]
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0, done.stderr
    steps = {"acftu_talks.relations.relate", "acftu_talks.release.card", "acftu_talks.release.reader",
             "acftu_talks.release.croissant", "acftu_talks.release.manifest", "acftu_talks.release.figure",
             "acftu_talks.release.series"}
    assert steps & set(result["modules"]) == set()
    assert "acftu_talks.release.finish" in result["modules"]  # the test can see a step module
