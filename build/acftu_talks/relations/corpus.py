"""The documents a relation step reads: raw texts, sentences and metadata,
in one order (doc_id) whatever order they were read in."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import pyarrow.parquet as pq


def event_of(doc: dict) -> str:
    """The event a document belongs to.

    Until documents carry an ``event_id``, the event is the event date that
    opens every doc_id (``2018-10-29-acftu-talk-xinhua`` -> ``2018-10-29``):
    one talk a day is the series' rule. A record with ``event_id`` wins.
    """
    event = doc.get("event_id")
    return event if event else doc["doc_id"][:10]


@dataclass(frozen=True, slots=True)  # slots: a corpus holds one per sentence
class Sentence:
    sentence_id: str
    doc_id: str
    char_start: int
    char_end: int
    text: str
    segment_type: str
    speech_mode: str
    speaker: Optional[str]
    date: str


@dataclass
class Doc:
    doc_id: str
    event_id: str
    doc_type: str
    date: str
    raw: str
    sentences: list[Sentence] = field(default_factory=list)
    # spans of the raw file that the builder records as file artifacts
    # (documents.edits of kind "artifact"): not part of the published text
    artifacts: tuple[tuple[int, int], ...] = ()
    _by_id: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def sentence(self, sentence_id: str) -> Optional[Sentence]:
        if len(self._by_id) != len(self.sentences):
            self._by_id = {s.sentence_id: s for s in self.sentences}
        return self._by_id.get(sentence_id)

    def sentence_at(self, start: int, end: int) -> Optional[Sentence]:
        """The first sentence overlapping [start, end) (for an empty span,
        the sentence that holds ``start``), or None outside every sentence."""
        for s in self.sentences:
            if end > start and s.char_start < end and start < s.char_end:
                return s
            if end == start and s.char_start <= start < s.char_end:
                return s
        return None


class Corpus:
    """Documents keyed and ordered by doc_id."""

    def __init__(self, docs: Iterable[Doc]):
        by_id = {}
        for d in docs:
            d.sentences.sort(key=lambda s: (s.char_start, s.char_end))
            by_id[d.doc_id] = d
        self.docs = {k: by_id[k] for k in sorted(by_id)}

    def __iter__(self):
        return iter(self.docs.values())

    def __getitem__(self, doc_id: str) -> Doc:
        return self.docs[doc_id]


def _parquet_rows(folder: Path, columns: list[str], optional: tuple[str, ...] = ()):
    for path in sorted(folder.glob("*.parquet")):
        file = pq.ParquetFile(path)
        present = columns + [c for c in optional if c in file.schema_arrow.names]
        for batch in file.iter_batches(columns=present, batch_size=10_000):
            yield from batch.to_pylist()


def read_staged(staging: Path, corpus_dir: Path) -> Corpus:
    """The corpus as staged: documents and sentences from the Parquet
    configs under ``staging/data``, raw texts from ``corpus_dir``."""
    docs: dict[str, Doc] = {}
    # event_id is read where the documents config has it (see event_of)
    for d in _parquet_rows(staging / "data" / "documents", ["doc_id", "doc_type", "date", "source_file", "edits"],
                           optional=("event_id",)):
        # bytes decoded as they are (BOM, CR kept): the offsets of every config count these code points
        raw = (corpus_dir / Path(d["source_file"]).name).read_bytes().decode("utf-8")
        artifacts = tuple((e["char_start"], e["char_end"]) for e in d["edits"] if e["kind"] == "artifact")
        docs[d["doc_id"]] = Doc(d["doc_id"], event_of(d), d["doc_type"], d["date"].isoformat(), raw,
                                artifacts=artifacts)
    cols = ["sentence_id", "doc_id", "char_start", "char_end", "text", "segment_type", "speech_mode",
            "speaker", "date"]
    # one string object per distinct value of the fields every sentence of a
    # document repeats: a corpus holds one Sentence per sentence, and each row
    # read from Parquet brings its own copy of doc_id, labels and date
    shared: dict = {}
    for s in _parquet_rows(staging / "data" / "sentences", cols):
        for key in ("doc_id", "segment_type", "speech_mode", "speaker"):
            s[key] = shared.setdefault(s[key], s[key])
        s["date"] = shared.setdefault(s["date"], s["date"].isoformat())
        docs[s["doc_id"]].sentences.append(Sentence(**s))
    return Corpus(docs.values())
