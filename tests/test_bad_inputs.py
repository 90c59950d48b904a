"""Every bad-input case in tests/bad_inputs/<case>/: exit 1, the expected
messages (file, line, field, code, how to fix), and the release untouched.

Each case folder holds a small ``corpus/`` and ``expected.txt``: the problem
lines the command prints, in the order it prints them.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from acftu_talks import cli

from conftest import SCHEMA, build_args, hashes, with_root_files

CASES = Path(__file__).parent / "bad_inputs"
PROBLEM = re.compile(r"^(?P<path>corpus/[^:]+)(?::(?P<line>\d+))?: error: (?P<where>[^:]+): .+ \[[a-z]+\.[a-z0-9-]+\]$")


def run(argv, capsys) -> tuple[int, list[str]]:
    code = cli.main(argv)
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
@pytest.mark.parametrize("command", ["build", "validate"])
def test_bad_input_is_rejected_with_its_message(case, command, release, tmp_path, monkeypatch, capsys):
    expected = (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    # The case as a repository root of its own (links kept as links), with
    # the files a release ships from the root.
    folder = tmp_path / "case"
    shutil.copytree(CASES / case, folder, symlinks=True)
    with_root_files(folder)
    out = tmp_path / "release"
    shutil.copytree(release, out)
    before = hashes(out)
    monkeypatch.chdir(folder)  # paths in messages are shown relative to the working folder
    argv = build_args(Path("corpus"), out)
    if command == "validate":
        argv = ["validate", "--corpus", "corpus", "--schema", str(SCHEMA)]
    code, err = run(argv, capsys)

    assert code == 1
    *problems, closing = err
    assert problems == expected
    errors = [line for line in problems if not line.startswith("    fix: ")]
    assert errors == sorted(errors, key=lambda l: (l.split(":")[0], int(l.split(":")[1]) if l.split(":")[1].isdigit() else -1))
    for index, line in enumerate(problems):
        if not line.startswith("    fix: "):
            assert PROBLEM.match(line), line
            assert problems[index + 1].startswith("    fix: "), f"no fix for: {line}"
    assert closing.startswith(f"acftu-talks: {len(errors)} problem(s); nothing was written")
    assert hashes(out) == before


def test_every_case_folder_is_complete():
    for folder in CASES.iterdir():
        assert (folder / "expected.txt").is_file(), folder
        assert any((folder / "corpus").iterdir()), folder


def test_several_problems_in_several_files_are_reported_together():
    lines = (CASES / "several-problems" / "expected.txt").read_text(encoding="utf-8").splitlines()
    files = {line.split(":")[0] for line in lines if not line.startswith(" ")}
    assert len(files) >= 3
