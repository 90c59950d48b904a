"""Step 5: write records as Parquet and swap the finished release into place.

Rows are written with an explicit Arrow schema (never inferred), zstd, and
fixed row-group sizes, so that the same rows give the same bytes. Files go to
a temporary folder beside the release; only a complete folder is swapped in.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no locks, so clean_stale removes every leftover
    fcntl = None

import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP_ROWS = 50_000
TMP_PREFIX = ".release-tmp-"


def _date_fields(schema: pa.Schema) -> list[str]:
    return [f.name for f in schema if pa.types.is_date32(f.type)]


def with_descriptions(schema: pa.Schema, json_schema: dict, metadata: dict[str, str]) -> pa.Schema:
    """The Arrow schema with each column's description (from the JSON Schema)
    in its field metadata and ``metadata`` as the file's key-value metadata."""
    props = json_schema.get("properties", {})
    fields = []
    for f in schema:
        desc = props.get(f.name, {}).get("description")
        fields.append(f.with_metadata({"description": desc}) if desc else f)
    return pa.schema(fields, metadata=metadata)


class ParquetSink:
    """Writes one config's rows in fixed-size row groups as they arrive."""

    def __init__(self, path: Path, schema: pa.Schema):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.schema = path, schema
        self._dates = _date_fields(schema)
        self._rows: list[dict] = []
        self.count = 0
        self.nbytes = 0  # in-memory Arrow size, what datasets calls num_bytes
        self._writer = pq.ParquetWriter(path, schema, compression="zstd",
                                        use_dictionary=True, write_statistics=True)

    def add(self, rows: list[dict]) -> None:
        self._rows.extend(rows)
        while len(self._rows) >= ROW_GROUP_ROWS:
            self._flush(self._rows[:ROW_GROUP_ROWS])
            self._rows = self._rows[ROW_GROUP_ROWS:]

    def _flush(self, rows: list[dict]) -> None:
        if not rows:
            return
        if self._dates:
            rows = [{**r, **{k: dt.date.fromisoformat(r[k]) if r[k] else None for k in self._dates}}
                    for r in rows]
        table = pa.Table.from_pylist(rows, schema=self.schema)
        self._writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
        self.count += len(rows)
        self.nbytes += table.nbytes

    def close(self) -> None:
        self._flush(self._rows)
        self._rows = []
        self._writer.close()


# Staging folders of running builds, each held open with an exclusive flock:
# the kernel drops the lock when the process dies, however it dies, so a
# folder whose lock can be taken belongs to a killed build and is garbage,
# while a concurrent build's folder (same parent, e.g. two outputs in /tmp) is
# left alone.
_held: dict[Path, int] = {}


def _lock(path: Path) -> int | None:
    """An open descriptor holding the lock on ``path``, or None if another
    process holds it or the folder is gone."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
    try:
        same = os.stat(path).st_ino == os.fstat(fd).st_ino  # not removed meanwhile
    except FileNotFoundError:
        same = False
    if not same:
        os.close(fd)
        return None
    return fd


def _unlock(path: Path) -> None:
    fd = _held.pop(path, None)
    if fd is not None:
        os.close(fd)


def make_staging(dest: Path) -> Path:
    """A fresh temporary folder beside ``dest`` (same file system, so the swap
    is a rename), locked for as long as this build runs."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    mask = os.umask(0)
    os.umask(mask)
    while True:
        staging = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=dest.parent))
        fd = _lock(staging)
        if fd is not None:
            break  # else another build's clean_stale took it first: try again
    # mkdtemp makes the folder private (0700); the release should get the
    # permissions any other folder made here would.
    os.chmod(staging, 0o777 & ~mask)
    _held[staging] = fd
    return staging


def discard(staging: Path) -> None:
    """Remove an unfinished staging folder."""
    shutil.rmtree(staging, ignore_errors=True)
    _unlock(staging)


def clean_stale(dest: Path) -> None:
    """Remove temporary folders left by builds that were killed; put back a
    release that a killed build had moved aside (see :func:`swap_in`)."""
    for stale in sorted(dest.parent.glob(TMP_PREFIX + "*")):
        fd = _lock(stale)
        if fd is None:
            continue  # a running build's folder, or already gone
        try:
            if stale.name.endswith(_OLD) and not dest.exists():
                os.rename(stale, dest)
            else:
                shutil.rmtree(stale, ignore_errors=True)
        finally:
            os.close(fd)


_OLD = "-old"
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    at_fdcwd = -100
    result = libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(staging: Path, dest: Path) -> None:
    """Put the finished ``staging`` folder at ``dest``; the old release, if
    any, is removed only after the new one is in place."""
    held = staging
    try:
        if dest.exists():
            if not _exchange(staging, dest):
                # No atomic exchange here: two renames, the old release kept
                # under a name clean_stale recognises (and moves back if we are
                # killed between the renames) until the new one is in place.
                old = staging.with_name(staging.name + _OLD)
                os.rename(dest, old)
                os.rename(staging, dest)
                staging = old
            shutil.rmtree(staging, ignore_errors=True)
        else:
            os.rename(staging, dest)
    finally:
        _unlock(held)
