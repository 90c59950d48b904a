"""ParquetSink: fixed row groups, shards named at the end, same rows as given."""
from __future__ import annotations

import datetime as dt
from fnmatch import fnmatch

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from acftu_talks.contract import layout
from acftu_talks.release import write

SCHEMA = pa.schema([pa.field("n", pa.int32(), nullable=False), pa.field("day", pa.date32()),
                    pa.field("text", pa.string())])


def _rows(count: int) -> list[dict]:
    return [{"n": i, "day": "2023-02-28" if i % 3 else None, "text": "字" * (i % 50)} for i in range(count)]


def _sink(folder, shard_bytes):
    return write.ParquetSink(folder, SCHEMA, "train", row_group_rows=10, shard_bytes=shard_bytes)


def test_shards_are_named_at_the_end_like_the_card_says(tmp_path):
    sink = _sink(tmp_path / "data" / "paragraphs", shard_bytes=1000)
    rows = _rows(95)
    for start in range(0, 95, 7):
        sink.add(rows[start:start + 7])
    paths = sink.close()
    n = len(paths)
    assert n > 1
    names = [p.relative_to(tmp_path).as_posix() for p in paths]
    # the Hub's naming of shards: split, five-digit number and count
    assert names == [f"data/paragraphs/train-{k:05d}-of-{n:05d}.parquet" for k in range(n)]
    assert all(fnmatch(name, layout.data_pattern("paragraphs")) for name in names)  # the card's data_files
    assert sorted(tmp_path.rglob("*")) == sorted([tmp_path / "data", tmp_path / "data" / "paragraphs", *paths])
    read = [r for p in paths for r in pq.read_table(p).to_pylist()]
    expected = [{**r, "day": dt.date(2023, 2, 28) if r["day"] else None} for r in rows]
    assert read == expected and sink.count == 95
    groups = [pq.ParquetFile(p).metadata.row_group(g).num_rows
              for p in paths for g in range(pq.ParquetFile(p).metadata.num_row_groups)]
    assert groups == [10] * 9 + [5]


def test_one_shard_when_small_and_an_empty_file_when_empty(tmp_path):
    small = _sink(tmp_path / "small", shard_bytes=write.SHARD_BYTES)
    small.add(_rows(25))
    assert [p.name for p in small.close()] == ["train-00000-of-00001.parquet"]
    empty = _sink(tmp_path / "empty", shard_bytes=write.SHARD_BYTES)
    paths = empty.close()
    assert [p.name for p in paths] == ["train-00000-of-00001.parquet"]
    assert pq.read_table(paths[0]).schema.equals(SCHEMA) and pq.read_table(paths[0]).num_rows == 0


def test_same_rows_give_the_same_bytes(tmp_path):
    outputs = []
    for name in ("a", "b"):
        sink = _sink(tmp_path / name, shard_bytes=1000)
        sink.add(_rows(40))
        outputs.append([p.read_bytes() for p in sink.close()])
    assert outputs[0] == outputs[1]


def _documents(sizes):
    """Rows of documents of the given sizes; nulls in some documents only,
    so that batches with and without validity bitmaps meet."""
    rows, start = [], 0
    for index, size in enumerate(sizes):
        rows.append([{"n": start + i, "day": None if index % 2 and i % 2 else "2023-02-28",
                      "text": None if index % 3 == 1 else "字" * ((start + i) % 7)} for i in range(size)])
        start += size
    return rows


def test_batches_from_workers_give_the_bytes_of_rows(tmp_path):
    # documents of 0 to 23 rows against slices of 10: batches are cut and
    # joined across documents, and the last slice is short
    documents = _documents([3, 0, 7, 23, 1, 10, 4, 9, 2])
    by_rows = _sink(tmp_path / "rows", shard_bytes=1000)
    by_batches = _sink(tmp_path / "batches", shard_bytes=1000)
    make = write.batch_maker(SCHEMA)
    for rows in documents:
        by_rows.add(rows)
        by_batches.add_batch(make(rows))
    rows_files, batch_files = by_rows.close(), by_batches.close()
    assert len(rows_files) > 1  # shards cut by size: the sizes agree too
    assert [p.name for p in rows_files] == [p.name for p in batch_files]
    assert [p.read_bytes() for p in rows_files] == [p.read_bytes() for p in batch_files]
    assert (by_rows.count, by_rows.nbytes) == (by_batches.count, by_batches.nbytes) == (59, by_rows.nbytes)


def test_a_sink_takes_rows_or_batches_not_both(tmp_path):
    sink = _sink(tmp_path / "a", shard_bytes=1000)
    sink.add(_rows(3))
    with pytest.raises(ValueError):
        sink.add_batch(write.batch_maker(SCHEMA)(_rows(3)))


def test_packed_records_unpack_to_the_same_batches():
    from acftu_talks.contract.records import DOCUMENT_CONFIGS
    records = {name: [] for name in DOCUMENT_CONFIGS}
    unpacked = write.unpack(write.pack(records))
    assert {name: batch.num_rows for name, batch in unpacked.items()} == {name: 0 for name in DOCUMENT_CONFIGS}
    assert all(unpacked[name].schema.equals(write.sink_schema(name), check_metadata=True) for name in unpacked)
