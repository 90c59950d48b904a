"""A build killed mid-write leaves the previous release whole, and the next
build leaves no temporary folder behind."""
from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time

from acftu_talks import cli
from acftu_talks.release import write

from conftest import CORPUS, ROOT, build_args, hashes

DOC = "2018-10-29-acftu-talk-xinhua"


def big_corpus(target, documents=20, repeats=20):
    """Copies of a real text, each repeated, with sidecars pinned to them:
    enough work that the build runs for seconds."""
    target.mkdir()
    for name in ("events.toml", "persons.toml"):  # the copies' event and people
        (target / name).write_bytes((CORPUS / name).read_bytes())
    raw = (CORPUS / f"{DOC}.txt").read_bytes()
    meta = (CORPUS / f"{DOC}.toml").read_text(encoding="utf-8")
    data = b"\n".join([raw] * repeats)
    pinned = re.sub(r'source_sha256 = "[0-9a-f]+"',
                    f'source_sha256 = "{hashlib.sha256(data).hexdigest()}"', meta)
    for i in range(documents):
        doc_id = f"{DOC}-{i:04d}"
        (target / f"{doc_id}.txt").write_bytes(data)
        (target / f"{doc_id}.toml").write_text(pinned.replace(f'doc_id = "{DOC}"', f'doc_id = "{doc_id}"'),
                                               encoding="utf-8")
    return target


def _wait_for(predicate, process, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        assert process.poll() is None, "the build ended before it could be killed: make the corpus larger"
        time.sleep(0.005)
    raise AssertionError("the build never started writing")


def test_killed_build_leaves_the_previous_release_whole(tmp_path):
    out = tmp_path / "release"
    assert cli.main(build_args(CORPUS, out)) == 0
    before = hashes(out)
    corpus = big_corpus(tmp_path / "big")

    env = {**os.environ, "PYTHONPATH": str(ROOT / "build")}
    process = subprocess.Popen([sys.executable, "-m", "acftu_talks", *build_args(corpus, out), "--root", str(ROOT)],
                               cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        # Kill once the build has its staging folder and has opened its files.
        staging = _wait_for(lambda: [s for s in tmp_path.glob(write.TMP_PREFIX + "*")
                                     if any(s.rglob("train-*"))], process)
        time.sleep(0.5)  # into the middle of reading and writing
        assert process.poll() is None, "the build ended before it could be killed: make the corpus larger"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert all(s.exists() for s in staging), "the kill should have left the half-written folder"

    assert hashes(out) == before
    assert cli.main(build_args(CORPUS, out)) == 0
    assert hashes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "release"]


def test_failed_build_leaves_no_temporary_folder(tmp_path, corpus_copy):
    out = tmp_path / "release"
    (corpus_copy / f"{DOC}.txt").write_bytes(b"")
    assert cli.main(build_args(corpus_copy, out)) == 1
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]
