"""Shared fixtures: the repository's paths and one real build per session."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from acftu_talks import annotate, assemble, cli, read, segment
from acftu_talks.passage import Passage

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SCHEMA = ROOT / "schema"
CARD = ROOT / "dataset_card.md"

# Tests never touch the network: datasets and huggingface_hub stay offline.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def build_args(corpus: Path, out: Path) -> list[str]:
    return ["build", "--corpus", str(corpus), "--schema", str(SCHEMA), "--out", str(out), "--card", str(CARD)]


def with_root_files(folder: Path) -> Path:
    """Make ``folder`` a repository root a build accepts: the rights
    statement, licence and changelog a release ships from the root."""
    for name in ("RIGHTS.md", "LICENSE", "CHANGELOG.md"):
        shutil.copyfile(ROOT / name, folder / name)
    return folder


def hashes(folder: Path) -> dict[str, str]:
    """The sha256 of every file under ``folder``, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


RECORDS_META = {"date": {"value": "2020-01-02"}, "occasion": "会议", "doc_type": "news_report"}


def records(raw: str) -> tuple[list[dict], list[dict]]:
    """The paragraph records and edits the builder makes for ``raw``."""
    source = read.Source("2020-01-02-test", "t.txt", "t.toml", raw, "", RECORDS_META)
    spans, loose = segment.segment(raw)
    passages = [Passage(span) for span in spans]
    annotate.annotate(passages, "news_report", "习近平", [])
    rows = [assemble.paragraph(source, p, {}) for p in passages]
    return rows, assemble.edits(source, passages, loose)


@pytest.fixture(scope="session")
def release(tmp_path_factory) -> Path:
    """The real corpus built once into a temporary release folder."""
    out = tmp_path_factory.mktemp("real") / "release"
    assert cli.main(build_args(CORPUS, out)) == 0
    return out


def subset_release(folder: Path, docs) -> Path:
    """A release of the texts ``docs`` of corpus/ (with the registries
    whole), built under ``folder``: how a corpus that is only starting, or a
    subset of it, is released."""
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    for text in corpus.glob("*.txt"):
        if text.stem not in docs:
            text.unlink()
            text.with_suffix(".toml").unlink()
    assert cli.main(build_args(corpus, folder / "release")) == 0
    return folder / "release"


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the real corpus, for tests that break it."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
