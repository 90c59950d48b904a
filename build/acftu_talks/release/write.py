"""Step 5: write records as Parquet and swap the finished release into place.

Rows are written with an explicit Arrow schema (never inferred), zstd, and
fixed row-group sizes, so that the same rows give the same bytes. Files go to
a temporary folder beside the release; only a complete folder is swapped in.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import json
import operator
import os
import shutil
import stat
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no locks, so clean_stale removes every leftover
    fcntl = None

import pyarrow as pa
import pyarrow.parquet as pq

from .. import DATASET_NAME, __version__
from ..contract import layout
from ..contract.records import CONFIGS, CORPUS_CONFIGS
from ..errors import EnvironmentProblem, UsageError

ROW_GROUP_ROWS = 50_000
# Rows are turned into Arrow batches this many at a time, so that what waits
# for a full row group is compact Arrow data, not Python dicts.
BATCH_ROWS = 5_000
# A shard is closed at the first row-group boundary after this much in-memory
# Arrow data (about 1M paragraphs; far less on disk). Row groups stay well
# under the 286 MiB the Hub's viewer reads at once.
SHARD_BYTES = 512 * 2**20
# A row group also ends once its rows take this much memory as Arrow data, so
# that configs with large rows (documents, with their edits and participants)
# never hold more than this while they wait for ROW_GROUP_ROWS rows.
ROW_GROUP_BYTES = 16 * 2**20
TMP_PREFIX = ".release-tmp-"


def _date_fields(schema: pa.Schema) -> list[str]:
    return [f.name for f in schema if pa.types.is_date32(f.type)]


_EPOCH = dt.date(1970, 1, 1).toordinal()


def date_array(values) -> pa.Array:
    """ISO dates (None kept) as an Arrow date32 array: days since 1970-01-01
    counted in Python, which Arrow's string cast would do too, but through
    pyarrow.compute, whose import a small build would otherwise pay for one
    call. The records are validated first, so every value is YYYY-MM-DD."""
    days = [None if v is None else dt.date.fromisoformat(v).toordinal() - _EPOCH for v in values]
    return pa.array(days, pa.int32()).view(pa.date32())


def batch_maker(schema: pa.Schema):
    """A function turning a list of row dicts into one record batch of ``schema``."""
    dates = set(_date_fields(schema))
    getter = operator.itemgetter(*schema.names)
    values = getter if len(schema) > 1 else lambda row: (getter(row),)

    def batch(rows: list[dict]) -> pa.RecordBatch:
        # One C-level pass takes each row's values in schema order, one
        # transposes them into columns: four times faster than a list
        # comprehension per column. Dates are ISO strings.
        columns = zip(*map(values, rows)) if rows else [[] for _ in schema]
        arrays = [date_array(column) if f.name in dates else pa.array(column, f.type)
                  for f, column in zip(schema, columns)]
        return pa.RecordBatch.from_arrays(arrays, schema=schema)

    return batch


class ParquetSink:
    """Writes one config's rows in fixed-size row groups as they arrive,
    into shards ``<folder>/<stem>-0000K-of-0000N.parquet``.

    The number of shards is known only at the end: shards are written as
    ``<stem>-0000K.tmp`` and renamed by :meth:`close`. Memory holds at most
    one row group (as Arrow data) plus one batch of dicts.
    """

    def __init__(self, folder: Path, schema: pa.Schema, stem: str = layout.SPLIT,
                 row_group_rows: int = ROW_GROUP_ROWS, shard_bytes: int = SHARD_BYTES):
        if row_group_rows % min(BATCH_ROWS, row_group_rows):
            raise ValueError(f"row_group_rows must be a multiple of {BATCH_ROWS}")
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.schema, self.stem = folder, schema, stem
        self.row_group_rows, self.shard_bytes = row_group_rows, shard_bytes
        self.batch_rows = min(BATCH_ROWS, row_group_rows)
        self.paths: list[Path] = []  # the shards, final names once closed
        self.count = 0
        self.nbytes = 0  # in-memory Arrow size, what datasets calls num_bytes
        self._batch = batch_maker(schema)
        self._rows: list[dict] = []
        self._pending: list[pa.RecordBatch] = []  # batches from add_batch, not yet BATCH_ROWS rows
        self._pending_rows = 0
        self._batches: list[pa.RecordBatch] = []
        self._queued = 0  # rows in self._batches
        self._queued_bytes = 0
        self._writer: pq.ParquetWriter | None = None
        self._written = 0  # in-memory bytes in the open shard
        self._open()  # an empty config still gets its (empty) file

    def _open(self) -> None:
        path = self.folder / f"{self.stem}-{len(self.paths):05d}.tmp"
        self.paths.append(path)
        self._writer = pq.ParquetWriter(path, self.schema, compression="zstd",
                                        use_dictionary=True, write_statistics=True)
        self._written = 0

    def add(self, rows: list[dict]) -> None:
        """Rows as dicts of the schema's fields (a sink takes rows or batches, not both)."""
        if self._pending_rows:
            raise ValueError("a sink takes rows or batches, not both")
        self._rows.extend(rows)
        while len(self._rows) >= self.batch_rows:
            self._queue(self._batch(self._rows[:self.batch_rows]))
            del self._rows[:self.batch_rows]

    def add_batch(self, batch: pa.RecordBatch) -> None:
        """Rows already made a batch of the sink's schema (:func:`pack`, in
        a worker). They are queued in the same slices of ``batch_rows``
        rows, with fresh contiguous arrays, as :meth:`add` queues dicts: the
        row groups, the pages and the sizes come out the same."""
        if self._rows:
            raise ValueError("a sink takes rows or batches, not both")
        if batch.num_rows:
            self._pending.append(batch)
            self._pending_rows += batch.num_rows
        while self._pending_rows >= self.batch_rows:
            self._queue(self._take(self.batch_rows))

    def _take(self, rows: int) -> pa.RecordBatch:
        """The first ``rows`` pending rows as one batch; the rest stay pending."""
        table = pa.Table.from_batches(self._pending, schema=self.schema)
        head = table.slice(0, rows)
        # concat_arrays copies into new buffers (no offsets into the workers'
        # batches), so that sizes are those of arrays built from the rows
        batch = pa.RecordBatch.from_arrays([pa.concat_arrays(column.chunks) for column in head.columns],
                                           schema=self.schema)
        self._pending = table.slice(rows).to_batches()
        self._pending_rows -= rows
        return batch

    def _queue(self, batch: pa.RecordBatch) -> None:
        self._batches.append(batch)
        self._queued += batch.num_rows
        self._queued_bytes += batch.nbytes
        if self._queued >= self.row_group_rows or self._queued_bytes >= ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        if not self._queued:
            return
        if self._writer is None:
            self._open()
        table = pa.Table.from_batches(self._batches, schema=self.schema)
        self._writer.write_table(table, row_group_size=self.row_group_rows)
        self.count += table.num_rows
        self._written += table.nbytes
        self.nbytes += table.nbytes
        self._batches, self._queued, self._queued_bytes = [], 0, 0
        if self._written >= self.shard_bytes:
            self._writer.close()
            self._writer = None  # the next row group opens the next shard

    def close(self) -> list[Path]:
        """Write what is left, name the shards; return their paths."""
        if self._rows:
            self._queue(self._batch(self._rows))
            self._rows = []
        if self._pending_rows:
            self._queue(self._take(self._pending_rows))
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        final = []
        for index, path in enumerate(self.paths):
            target = self.folder / layout.shard_name(index, len(self.paths), self.stem)
            os.replace(path, target)
            final.append(target)
        self.paths = final
        return final


def file_metadata(config: str) -> dict[str, str]:
    """The key-value metadata of a config's Parquet files: what they are."""
    return {"dataset": DATASET_NAME, "dataset_version": __version__, "config": config,
            "schema": CONFIGS[config].schema_file, "schema_version": __version__}


_schemas: dict[str, pa.Schema] = {}
_makers: dict[str, object] = {}


def sink_schema(name: str) -> pa.Schema:
    """The Arrow schema a per-document config is written with: derived from
    its JSON Schema, with the files' metadata."""
    if name not in _schemas:
        _schemas[name] = CONFIGS[name].arrow_schema.with_metadata(file_metadata(name))
    return _schemas[name]


def open_sinks(staging: Path) -> dict[str, ParquetSink]:
    """A sink for each per-document config (the corpus-level ones are
    written by their release step), writing into its data folder of ``staging``
    with the config's Arrow schema (derived from its JSON Schema)."""
    return {name: ParquetSink(staging / layout.data_folder(name), sink_schema(name))
            for name in CONFIGS if name not in CORPUS_CONFIGS}


def add_records(sinks: dict[str, ParquetSink], records: dict[str, list[dict]]) -> None:
    """One document's records, each config's into its sink."""
    for name, sink in sinks.items():
        sink.add(records[name])


def pack(records: dict[str, list[dict]]) -> dict[str, bytes]:
    """Records (of one or more documents) as an Arrow IPC record batch per
    config, in the sinks' schemas: what a worker sends to the writing
    process. Reading it back (:func:`unpack`) costs a small part of
    unpickling the dicts, and the schema (with its descriptions) is not sent."""
    packed = {}
    for name, rows in records.items():
        if name not in _makers:
            _makers[name] = batch_maker(sink_schema(name))
        packed[name] = _makers[name](rows).serialize().to_pybytes()
    return packed


def unpack(packed: dict[str, bytes]) -> dict[str, pa.RecordBatch]:
    """The record batches of :func:`pack` (no copy of the data)."""
    return {name: pa.ipc.read_record_batch(pa.py_buffer(data), sink_schema(name)) for name, data in packed.items()}


def add_batches(sinks: dict[str, ParquetSink], batches: dict[str, pa.RecordBatch]) -> None:
    """One document's records as record batches, each config's into its sink."""
    for name, sink in sinks.items():
        sink.add_batch(batches[name])


def close_sinks(sinks: dict[str, ParquetSink]) -> None:
    for sink in sinks.values():
        sink.close()


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


def forget_locks() -> None:
    """In a forked worker: close the inherited descriptors of the staging
    locks. The parent's own descriptors keep the locks."""
    for fd in _held.values():
        os.close(fd)
    _held.clear()


def _unlock(path: Path) -> None:
    fd = _held.pop(path, None)
    if fd is not None:
        os.close(fd)


# Every release holds this file, beside manifest.json: together they prove
# that a folder was written by this tool, so that the next build may replace
# it. Nothing else is ever replaced or deleted.
MARKER = layout.MARKER
MARKER_TEXT = ("This folder is a release written by `acftu-talks build`; the next build "
               "replaces it whole. Do not keep anything else in it.\n")
MANIFEST = layout.MANIFEST
OUT_FIX = "pass --out a new folder (default: release/) or one a previous build wrote"


def is_release(folder: Path) -> bool:
    """Whether ``folder`` holds a release this tool wrote: its marker file and
    a manifest naming this builder."""
    marker, manifest = folder / MARKER, folder / MANIFEST
    if marker.is_symlink() or manifest.is_symlink() or not (marker.is_file() and manifest.is_file()):
        return False
    try:
        builder = json.loads(manifest.read_text(encoding="utf-8")).get("builder", {})
    except (OSError, ValueError, AttributeError):
        return False
    return isinstance(builder, dict) and builder.get("name") == "acftu-talks"


def check_destination(dest: Path, inputs: list[Path], root: Path) -> None:
    """Refuse an output folder the swap must not replace: the working folder,
    an input (corpus, schemas, card) or a folder holding one, a folder inside
    an input folder, a symlink, a file, a folder that is not a release.
    Raises UsageError (exit 2), or EnvironmentProblem when the release or
    its parent is not writable (the old copy could not be removed)."""
    shown = dest.as_posix()
    if dest.is_symlink():
        raise UsageError(shown, "--out is a symbolic link; the build replaces folders, never what a link "
                         "points to", "release.out-symlink", "pass --out the real folder, or remove the link")
    resolved = dest.resolve()
    protected = [("the working folder", Path.cwd().resolve()), ("the repository root", root.resolve())]
    protected += [(f"the input {p.as_posix()}", p.resolve()) for p in inputs if p is not None and p.exists()]
    for what, path in protected:
        if resolved == path or resolved in path.parents:
            raise UsageError(shown, f"--out would replace {what}", "release.out-holds-input", OUT_FIX)
        if path.is_dir() and path in resolved.parents and what not in ("the working folder", "the repository root"):
            raise UsageError(shown, f"--out is inside {what}", "release.out-inside-input", OUT_FIX)
    if dest.exists():
        if not dest.is_dir():
            raise UsageError(shown, "--out is a file, not a release folder", "release.out-not-a-release",
                             OUT_FIX)
        if (dest / ".git").exists() or (any(dest.iterdir()) and not is_release(dest)):
            raise UsageError(shown, f"--out holds files that are not a release of this tool (no {MARKER} "
                             f"and {MANIFEST}); it is left alone", "release.out-not-a-release",
                             f"{OUT_FIX}; move the folder away yourself if it is an old release")
        for folder in [dest] + [p for p in dest.rglob("*") if p.is_dir() and not p.is_symlink()]:
            if not _writable(folder):
                raise EnvironmentProblem(folder.as_posix(), "is read-only, so the previous release could not "
                                         "be replaced", "env.read-only", f"make it writable (chmod -R u+w {shown}), "
                                         "or build to another place with --out")
    parent = next((p for p in [resolved.parent, *resolved.parent.parents] if p.exists()), None)
    if parent is not None and not _writable(parent):
        raise EnvironmentProblem(parent.as_posix(), "is not writable, so no release can be made in it",
                                 "env.read-only", "build to another place with --out")


def _writable(folder: Path) -> bool:
    """Writable for this user, and not marked read-only by its owner: a
    folder with no write bit is left alone even by root, who could write it."""
    return os.access(folder, os.W_OK | os.X_OK) and bool(folder.stat().st_mode & stat.S_IWUSR)


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
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
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
    # The process's own symbols, libc's among them: ctypes.util.find_library
    # would run ldconfig in a child process to find the same library.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # no such handle (Windows)
        return False
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
        if dest.is_symlink() or (dest.exists() and not (dest / MARKER).is_file() and any(dest.iterdir())):
            # check_destination refused it already; never replace what this
            # tool did not write, whoever calls
            raise UsageError(dest.as_posix(), "--out is not a release of this tool; it is left alone",
                             "release.out-not-a-release", OUT_FIX)
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
