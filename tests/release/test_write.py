"""Staging folders, their locks, clean-up and the swap (write.py)."""
from __future__ import annotations

import os
import subprocess
import sys

from acftu_talks.release import write


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_staging_is_beside_the_release_and_not_private(tmp_path):
    staging = write.make_staging(tmp_path / "release")
    try:
        assert staging.parent == tmp_path and staging.name.startswith(write.TMP_PREFIX)
        mask = os.umask(0)
        os.umask(mask)
        assert staging.stat().st_mode & 0o777 == 0o777 & ~mask
    finally:
        write.discard(staging)
    assert not staging.exists()


def test_clean_stale_spares_a_running_builds_folder(tmp_path):
    running = write.make_staging(tmp_path / "release")
    dead = tmp_path / (write.TMP_PREFIX + "dead")
    (dead / "data").mkdir(parents=True)
    try:
        write.clean_stale(tmp_path / "release")
        assert running.exists() and not dead.exists()
    finally:
        write.discard(running)


def test_clean_stale_spares_a_folder_locked_by_another_process(tmp_path):
    # The lock dies with the process that holds it, so a child holding one
    # and then exiting shows both sides.
    folder = tmp_path / (write.TMP_PREFIX + "other")
    folder.mkdir()
    child = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); "
        "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()"), str(folder)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "locked\n"
        write.clean_stale(tmp_path / "release")
        assert folder.exists()
    finally:
        child.stdin.close()
        child.wait(timeout=10)
    write.clean_stale(tmp_path / "release")
    assert not folder.exists()


def _finished(tmp_path, text):
    staging = write.make_staging(tmp_path / "release")
    (staging / "README.md").write_text(text, encoding="utf-8")
    return staging


def test_swap_in_replaces_the_release_and_leaves_nothing_beside_it(tmp_path):
    dest = tmp_path / "release"
    write.swap_in(_finished(tmp_path, "one"), dest)
    write.swap_in(_finished(tmp_path, "two"), dest)
    assert _tree(dest) == {"README.md": b"two", write.MARKER: write.MARKER_TEXT.encode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_swap_without_atomic_exchange_still_leaves_one_whole_release(tmp_path, monkeypatch):
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    dest = tmp_path / "release"
    write.swap_in(_finished(tmp_path, "one"), dest)
    write.swap_in(_finished(tmp_path, "two"), dest)
    assert _tree(dest) == {"README.md": b"two", write.MARKER: write.MARKER_TEXT.encode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_clean_stale_puts_back_a_release_moved_aside_by_a_killed_swap(tmp_path):
    # What a build killed between the two renames of the fallback swap leaves.
    dest = tmp_path / "release"
    aside = tmp_path / (write.TMP_PREFIX + "abc" + write._OLD)
    aside.mkdir()
    (aside / "README.md").write_text("previous", encoding="utf-8")
    (tmp_path / (write.TMP_PREFIX + "abc")).mkdir()
    write.clean_stale(dest)
    assert _tree(dest) == {"README.md": b"previous"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_date_arrays_are_the_days_arrows_cast_gives():
    import datetime as dt

    import pyarrow as pa
    import pyarrow.compute  # noqa: F401  the reference: Arrow's own string cast

    from acftu_talks.release.write import date_array
    day, values = dt.date(1900, 1, 1), []
    while day < dt.date(2101, 1, 1):
        values.append(day.isoformat())
        day += dt.timedelta(days=37)
    values += ["2000-02-29", "2024-02-29", "1970-01-01", "1969-12-31", "0001-01-01", "9999-12-31", None]
    got = date_array(values)
    assert got.type == pa.date32()
    assert got.equals(pa.array(values, pa.string()).cast(pa.date32()))
    assert got.null_count == 1 and got.to_pylist()[-2] == dt.date(9999, 12, 31)
