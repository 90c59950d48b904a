"""SHA256SUMS covers the whole release and checks with sha256sum; the
manifest hashes every input; two builds give the same bytes."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

from acftu_talks import __version__, cli
from acftu_talks.contract import layout
from acftu_talks.release import checksums
from conftest import CORPUS, ROOT, SCHEMA, build_args


def listed(release) -> list[str]:
    return [line.split("  ", 1)[1] for line in (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines()]


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils sha256sum")
def test_sha256sum_checks_the_release(release):
    done = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=release,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils sha256sum")
def test_sha256sum_catches_a_changed_file(release, tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(release, copy)
    with open(copy / "README.md", "a", encoding="utf-8") as card:
        card.write("\n")
    done = subprocess.run(["sha256sum", "--check", "SHA256SUMS"], cwd=copy, capture_output=True, text=True)
    assert done.returncode != 0 and "README.md: FAILED" in done.stdout


def test_sums_list_every_other_file(release):
    on_disk = sorted(p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file())
    assert sorted(listed(release) + ["SHA256SUMS"]) == on_disk


def test_release_files_skips_only_the_sums_file(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/x.parquet", "b.md", "SHA256SUMS"):
        (tmp_path / name).write_text(name)
    assert checksums.release_files(tmp_path) == ["a/x.parquet", "b.md"]


def test_manifest_hashes_every_input(release):
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["dataset"]["version"] == __version__
    assert {"python", "pyarrow"} <= set(manifest["tools"])
    want = {f"{folder.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in (CORPUS, SCHEMA) for p in folder.iterdir() if p.is_file()}
    # the gold sentence file is an input: the card reports the attribution score against it;
    # the annotation files the card's agreement table is computed from are inputs and shipped
    for name in ("dataset_card.md", "RIGHTS.md", "CHANGELOG.md", "LICENSE",
                 "tests/expected/sentences.tsv", "tests/expected/sentences-second-annotator.tsv",
                 "tests/expected/annotations.tsv", "docs/annotation/adjudication.md",
                 "docs/annotation/gold-notes.md", "docs/annotation/second-annotator-notes.md"):
        want[name] = hashlib.sha256((ROOT / name).read_bytes()).hexdigest()
    assert manifest["inputs"] == want


def test_json_files_have_sorted_keys(release):
    for name in ("manifest.json", "croissant.json"):
        text = (release / name).read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_two_builds_give_identical_bytes(release, tmp_path):
    again = tmp_path / "release"
    assert cli.main(build_args(CORPUS, again)) == 0
    assert (again / "SHA256SUMS").read_bytes() == (release / "SHA256SUMS").read_bytes()
    assert (again / layout.FIGURE).read_bytes() == (release / layout.FIGURE).read_bytes()

