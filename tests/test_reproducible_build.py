"""Two builds of the same inputs give byte-identical release folders."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import CORPUS, ROOT, build_args, hashes


def test_two_builds_are_byte_identical(tmp_path, release):
    # The second build runs in another process with another hash seed, time
    # zone and working folder, into a folder of another name: none may show.
    out = tmp_path / "elsewhere" / "second"
    out.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "build"), "PYTHONHASHSEED": "12345", "TZ": "Asia/Shanghai",
           "LC_ALL": "C"}
    result = subprocess.run([sys.executable, "-m", "acftu_talks", *build_args(CORPUS, out), "--root", str(ROOT)],
                            cwd=out.parent, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, second = hashes(release), hashes(out)
    assert "README.md" in first and any(name.endswith(".parquet") for name in first)
    assert first == second
