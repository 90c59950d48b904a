"""The README's own loading line returns what is on disk after every
rebuild, with the default cache: the card's ``dataset_info`` carries a digest
of each config's data, which ``datasets`` hashes into its cache key."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from acftu_talks import cli

from conftest import CARD, CORPUS, ROOT, SCHEMA

DOC = "2018-10-29-acftu-talk-xinhua"
OLD = "Xi urges breaking new ground"
NEW = "Xi Urges breaking new ground"  # as long, in characters and bytes


def readme_line() -> str:
    """The README's line that loads the documents config of a local build."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return next(line for line in readme.split("\n") if re.match(r'documents = load_dataset\("release", "documents"', line))


def load_titles(folder: Path, cache: Path) -> list[str]:
    """DOC's English title as loaded, its first words: run the README's line in a fresh interpreter, with HF_HOME and the
    datasets cache in ``cache`` and nothing else set: the default cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "PYTHONPATH"))}
    env.update(HF_HOME=str(cache), HF_DATASETS_CACHE=str(cache / "datasets"), HF_HUB_OFFLINE="1",
               HF_DATASETS_OFFLINE="1")
    program = (f"from datasets import load_dataset\n{readme_line()}\n"
               f"print('\\n'.join(r['title_en'][:{len(OLD)}] for r in documents if r['doc_id'] == {DOC!r}))\n")
    done = subprocess.run([sys.executable, "-c", program], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")[:-1]


def build(folder: Path, corpus: Path) -> None:
    assert cli.main(["build", "--corpus", str(corpus), "--schema", str(SCHEMA), "--out",
                     str(folder / "release"), "--card", str(CARD)]) == 0


def info(release: Path) -> list[dict]:
    return yaml.safe_load((release / "README.md").read_text(encoding="utf-8").split("---\n")[1])["dataset_info"]


def test_a_rebuild_with_a_changed_sidecar_value_loads_the_new_value(tmp_path):
    assert len(OLD) == len(NEW) and len(OLD.encode()) == len(NEW.encode())
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    cache = tmp_path / "hf"
    build(tmp_path, corpus)
    before = info(tmp_path / "release")
    assert load_titles(tmp_path, cache) == [OLD]

    sidecar = corpus / f"{DOC}.toml"
    text = sidecar.read_text(encoding="utf-8")
    assert f'title_en = "{OLD}' in text
    sidecar.write_text(text.replace(f'title_en = "{OLD}', f'title_en = "{NEW}'), encoding="utf-8")
    build(tmp_path, corpus)
    after = info(tmp_path / "release")
    # What datasets hashed before the digest: counts and sizes, all the same.
    assert [i["splits"] for i in after] == [i["splits"] for i in before]
    assert [i["description"] for i in after] != [i["description"] for i in before]
    assert load_titles(tmp_path, cache) == [NEW]


def test_another_folder_named_release_loads_its_own_rows(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    cache = tmp_path / "hf"
    (tmp_path / "a").mkdir()
    build(tmp_path / "a", corpus)
    assert load_titles(tmp_path / "a", cache) == [OLD]
    sidecar = corpus / f"{DOC}.toml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(f'title_en = "{OLD}', f'title_en = "{NEW}'),
                       encoding="utf-8")
    (tmp_path / "b").mkdir()
    build(tmp_path / "b", corpus)
    assert load_titles(tmp_path / "b", cache) == [NEW]
