"""`acftu-talks validate --release`: a built release against its schemas,
its checksums and the raw texts it was built from."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from acftu_talks import cli

from conftest import CORPUS, SCHEMA

PARAGRAPHS = "data/paragraphs/train-00000-of-00001.parquet"


@pytest.fixture
def copy(release, tmp_path) -> Path:
    """A copy of the release without croissant.json, whose checksums would
    catch every edit; ``validate`` signs it again (a fresh SHA256SUMS) so
    that each test breaks one thing at a time."""
    target = tmp_path / "release"
    shutil.copytree(release, target)
    (target / "croissant.json").unlink()
    return target


def validate(release: Path, capsys, corpus: Path = CORPUS, sign: bool = True) -> tuple[int, list[str]]:
    if sign:
        write_sums(release)
    code = cli.main(["validate", "--corpus", str(corpus), "--schema", str(SCHEMA), "--release", str(release)])
    captured = capsys.readouterr()
    return code, [line for line in captured.err.splitlines() if ": error: " in line]


def edit_rows(path: Path, change) -> None:
    table = pq.read_table(path)
    rows = table.to_pylist()
    change(rows)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)


def write_sums(release: Path) -> None:
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(release).as_posix()}"
             for p in sorted(release.rglob("*")) if p.is_file() and p.name != "SHA256SUMS"]
    (release / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_fresh_release_passes(release, copy, capsys):
    assert (release / "SHA256SUMS").is_file()
    assert validate(release, capsys) == (0, [])
    code, errors = validate(copy, capsys)
    assert (code, errors) == (0, [])
    write_sums(copy)
    assert validate(copy, capsys) == (0, [])


def test_checksums_catch_changed_missing_and_unlisted_files(copy, capsys):
    write_sums(copy)
    sums = (copy / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    line_of = {line.split("  ", 1)[1]: n for n, line in enumerate(sums, start=1)}
    (copy / "RIGHTS.md").write_text("changed", encoding="utf-8")
    (copy / "schema" / "sidecar.schema.json").unlink()
    shutil.copyfile(copy / PARAGRAPHS, copy / "data/paragraphs/extra.parquet")
    (copy / "notes.txt").write_text("mine", encoding="utf-8")
    code, errors = validate(copy, capsys, sign=False)
    assert code == 1
    shown = str(copy)
    assert f"{shown}/SHA256SUMS:{line_of['RIGHTS.md']}: error: RIGHTS.md: file does not match its checksum [release.checksum]" in errors
    assert (f"{shown}/SHA256SUMS:{line_of['schema/sidecar.schema.json']}: error: schema/sidecar.schema.json: "
            "listed file is missing [release.missing-file]") in errors
    for extra in ("data/paragraphs/extra.parquet", "notes.txt"):
        assert (f"{shown}/{extra}: error: file: file not listed in SHA256SUMS: not part of the release as built "
                "[release.unlisted-file]") in errors


def test_a_release_without_sha256sums_fails(copy, capsys):
    (copy / "SHA256SUMS").unlink()
    assert validate(copy, capsys, sign=False) == (1, [
        f"{copy}/SHA256SUMS: error: file: the release has no SHA256SUMS, so its files cannot be checked "
        "[release.missing-file]"])


def test_sums_that_point_outside_the_release_are_refused_unread(copy, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    write_sums(copy)
    digest = hashlib.sha256(b"private").hexdigest()
    (copy / "link.txt").symlink_to(secret)
    with (copy / "SHA256SUMS").open("a", encoding="utf-8") as sums:
        sums.write(f"{digest}  ../secret.txt\n{digest}  /etc/passwd\n{digest}  link.txt\n")
    n = len((copy / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    code, errors = validate(copy, capsys, sign=False)
    assert code == 1
    assert errors == [
        f"{copy}/SHA256SUMS:{n - 2}: error: '../secret.txt': the path leaves the release (absolute, `..`, or "
        "through a symlink); it is not read [release.path-outside]",
        f"{copy}/SHA256SUMS:{n - 1}: error: '/etc/passwd': the path leaves the release (absolute, `..`, or "
        "through a symlink); it is not read [release.path-outside]",
        f"{copy}/SHA256SUMS:{n}: error: 'link.txt': the path leaves the release (absolute, `..`, or "
        "through a symlink); it is not read [release.path-outside]",
        f"{copy}/link.txt: error: file: symbolic link not listed in SHA256SUMS: not part of the release as built "
        "[release.unlisted-file]"]


def test_a_truncated_parquet_file_is_reported(copy, capsys):
    path = copy / PARAGRAPHS
    path.write_bytes(path.read_bytes()[:100])
    code, errors = validate(copy, capsys)
    assert code == 1
    assert errors[-1].startswith(f"{copy}/{PARAGRAPHS}: error: file: not a readable Parquet file (ArrowInvalid: ")
    assert errors[-1].endswith("[release.parquet]")


@pytest.mark.parametrize("name", ["README.md", "RIGHTS.md", "LICENSE", "CHANGELOG.md"])
def test_a_release_missing_a_file_every_release_ships_fails(copy, capsys, name):
    (copy / name).unlink()
    code, errors = validate(copy, capsys)
    assert code == 1
    assert errors == [f"{copy}/{name}: error: file: missing: every release ships it [release.missing-file]"]


def test_croissant_checksums_are_checked_when_present(copy, capsys):
    (copy / "croissant.json").write_text(json.dumps({"distribution": [
        {"@id": "paragraphs", "contentUrl": PARAGRAPHS, "sha256": "0" * 64},
        {"@id": "remote", "contentUrl": "https://example.org/x.parquet", "sha256": "0" * 64}]}), encoding="utf-8")
    code, errors = validate(copy, capsys)
    assert code == 1
    assert errors == [f"{copy}/croissant.json: error: distribution paragraphs: {PARAGRAPHS} does not match its "
                      "sha256 [release.checksum]"]
    (copy / "croissant.json").write_text("{", encoding="utf-8")
    assert validate(copy, capsys)[1][0].endswith("not valid JSON: Expecting property name enclosed in double "
                                                 "quotes [release.croissant]")


def test_a_row_that_breaks_its_schema(copy, capsys):
    edit_rows(copy / PARAGRAPHS, lambda rows: rows[0].update(segment_type="headline"))
    code, errors = validate(copy, capsys)
    assert code == 1
    assert len(errors) == 1 and "row 0 (" in errors[0] and "segment_type: 'headline' is not one of" in errors[0]


def test_a_changed_text_breaks_the_round_trip(copy, capsys):
    edit_rows(copy / PARAGRAPHS, lambda rows: rows[3].update(text=rows[3]["text"][:-1] + "X"))
    code, errors = validate(copy, capsys)
    assert code == 1
    assert len(errors) == 1 and "the records do not rebuild corpus/" in errors[0] and "[release.round-trip]" in errors[0]


def test_a_dropped_column(copy, capsys):
    path = copy / PARAGRAPHS
    pq.write_table(pq.read_table(path).drop_columns(["speaker_en"]), path)
    code, errors = validate(copy, capsys)
    assert code == 1
    assert any("columns differ from the paragraphs schema: speaker_en [release.columns]" in e for e in errors)


def test_raw_files_changed_or_missing_since_the_build(copy, corpus_copy, capsys):
    first, second = sorted(corpus_copy.glob("*.txt"))[:2]
    # Keep the corpus itself valid: only the release's view of it goes stale.
    data = first.read_bytes() + "\n".encode()
    first.write_bytes(data)
    sidecar = first.with_suffix(".toml")
    text = sidecar.read_text(encoding="utf-8")
    old = text.split('source_sha256 = "')[1].split('"')[0]
    sidecar.write_text(text.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")
    shutil.move(second, corpus_copy.parent / second.name)
    shutil.move(second.with_suffix(".toml"), corpus_copy.parent / second.with_suffix(".toml").name)
    code, errors = validate(copy, capsys, corpus_copy)
    assert code == 1
    assert [e.split(": error: ")[1] for e in errors] == [
        f"{first.stem}: the raw file has changed since the release was built (source_sha256 differs) [release.stale]",
        f"{second.stem}: raw file not found, so the round trip cannot be checked [release.missing-raw]",
    ]


def test_a_missing_release_folder_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["validate", "--schema", str(SCHEMA), "--corpus", str(CORPUS),
                     "--release", str(tmp_path / "nowhere")]) == 2
    assert "--release" in capsys.readouterr().err


def test_a_release_without_the_shared_definitions_is_reported_not_crashed_on(copy, capsys):
    (copy / "schema" / "defs.schema.json").unlink()
    code, errors = validate(copy, capsys)
    assert code == 1
    assert (f"{copy}/schema/defs.schema.json: error: file: schema missing from the release [release.missing-file]"
            in errors)
