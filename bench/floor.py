"""The floor: the least work that turns the corpus into the same Parquet files.

Read each raw text and its sidecar, split lines on ``\\n``, and write one row
per non-empty line and one per document with the builder's Arrow schemas,
row-group size and compression, through ``pyarrow.parquet``. No cleaning
edits, annotation, consistency checks or validation. Columns the floor does not
compute get a constant of their type, so it stays generic over ``CONFIGS``.

    python bench/floor.py CORPUS OUT
"""
from __future__ import annotations

import datetime as dt
import sys
import tomllib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from acftu_talks.contract.records import CONFIGS
from acftu_talks.release.write import ROW_GROUP_ROWS

_CONSTANT = {pa.string(): "", pa.int32(): 0, pa.int64(): 0, pa.bool_(): False,
             pa.date32(): dt.date(2000, 1, 1), pa.float64(): 0.0}


def _constant(field: pa.Field):
    if pa.types.is_list(field.type):
        return []
    return None if field.nullable else _CONSTANT.get(field.type)


class Writer:
    def __init__(self, path: Path, schema: pa.Schema):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.schema = schema
        self.columns: dict[str, list] = {f.name: [] for f in schema}
        self.constants = {f.name: _constant(f) for f in schema}
        self.writer = pq.ParquetWriter(path, schema, compression="zstd",
                                       use_dictionary=True, write_statistics=True)

    def add(self, row: dict) -> None:
        for name, values in self.columns.items():
            values.append(row.get(name, self.constants[name]))
        if len(self.columns[self.schema[0].name]) >= ROW_GROUP_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.columns[self.schema[0].name]:
            table = pa.table({f.name: pa.array(self.columns[f.name], f.type) for f in self.schema},
                             schema=self.schema)
            self.writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
            self.columns = {name: [] for name in self.columns}

    def close(self) -> None:
        self.flush()
        self.writer.close()


def run(corpus: Path, out: Path) -> int:
    """Write the floor's files into ``out``; return the paragraph rows."""
    writers = {name: Writer(out / name / "train.parquet", schema) for name, schema in ((n, c.arrow_schema) for n, c in CONFIGS.items())}
    rows = 0
    # the event of each document, whose occasion its paragraphs carry
    events = {e["event_id"]: e for e in tomllib.loads((corpus / "events.toml").read_text(encoding="utf-8"))["event"]}
    for text_file in sorted(corpus.glob("*.txt")):
        raw = text_file.read_bytes().decode("utf-8")
        meta = tomllib.loads(text_file.with_suffix(".toml").read_text(encoding="utf-8"))
        doc_id, date = meta["doc_id"], dt.date.fromisoformat(meta["date"]["value"])
        number = position = 0
        for line_number, line in enumerate(raw.split("\n"), start=1):
            start, position = position, position + len(line) + 1
            text = line.strip()
            if not text:
                continue
            number += 1
            writers["paragraphs"].add({
                "paragraph_id": f"{doc_id}.p{number:03d}", "doc_id": doc_id, "paragraph_number": number,
                "line_number": line_number, "text": text, "date": date, "char_start": start,
                "char_end": start + len(line), "occasion": events[meta["event_id"]]["occasion"],
                "event_id": meta["event_id"], "doc_type": meta["doc_type"]})
        flat = {k: v for k, v in meta.items() if isinstance(v, str)}
        writers["documents"].add({**flat, "date": date, "n_paragraphs": number, "source_chars": len(raw),
                                  "publication_date": dt.date.fromisoformat(meta["publication_date"]["value"])})
        rows += number
    for writer in writers.values():
        writer.close()
    return rows


if __name__ == "__main__":
    print(run(Path(sys.argv[1]), Path(sys.argv[2])))
