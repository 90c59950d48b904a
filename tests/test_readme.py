"""Every python and sql block of README.md runs as written, from the folder
its first line names (the repository root or inside release/), against a
real build; and the load extra holds what those blocks import."""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(python|sql)\n(.*?)^```", README, re.S | re.M)
WHERE = {"from the repository root": ".", "inside release/": "release"}


def where(code: str) -> str:
    first = code.split("\n", 1)[0]
    found = [folder for words, folder in WHERE.items() if words in first]
    assert len(found) == 1, f"a README block must say where it runs on its first line: {first!r}"
    return found[0]


def test_the_readme_has_loading_blocks_for_both_places():
    assert {where(code) for _, code in BLOCKS} == {".", "release"}
    assert any("load_dataset(" in code for _, code in BLOCKS)


@pytest.mark.parametrize("lang, code", BLOCKS, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(BLOCKS)])
def test_readme_block_runs_as_written(release, tmp_path, lang, code):
    # the session's release lives in <tmp>/release, so <tmp> plays the repository root
    cwd = release.parent / where(code)
    if lang == "sql":
        duckdb = pytest.importorskip("duckdb")
        old = os.getcwd()
        os.chdir(cwd)
        try:
            assert duckdb.sql(code).fetchall()
        finally:
            os.chdir(old)
        return
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
           "HF_DATASETS_CACHE": str(tmp_path / "hf-cache"), "PYTHONPATH": ""}
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def test_load_dot_inside_the_release_fails_as_the_readme_says(release, tmp_path):
    # the README explains why "." cannot be used; if datasets fixes this, drop the warning
    code = 'from datasets import load_dataset; load_dataset(".", "paragraphs", split="train")'
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_CACHE": str(tmp_path / "hf-cache")}
    done = subprocess.run([sys.executable, "-c", code], cwd=release, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode != 0 and "dataset_name should be specified but got None" in done.stderr
    assert "dataset_name should\nbe specified but got None" in README


def test_the_load_extra_holds_every_library_the_blocks_import():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    names = {re.split(r"[<>=\[ ]", dep)[0].lower() for dep in extras["load"]}
    imported = set()
    for lang, code in BLOCKS:
        if lang == "python":
            for node in ast.walk(ast.parse(code)):
                if isinstance(node, ast.Import):
                    imported |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom):
                    imported.add(node.module.split(".")[0])
    imported -= set(sys.stdlib_module_names)
    assert imported <= names, imported - names
    assert "duckdb" in names
    test_names = {re.split(r"[<>=\[ ]", dep)[0].lower() for dep in extras["test"]}
    assert names <= test_names  # the test extra includes the load extra
    assert "pip install -q -e '.[load]'" in README
