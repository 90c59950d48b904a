"""The corpus-level configs: ``events`` (one row per event, with its
documents) and ``persons`` (the people registry). Release steps: they take
corpus/events.toml and corpus/persons.toml as the build read and checked
them (:func:`~acftu_talks.registries.read_registries`) and the staged
documents, and run before the card, which counts them."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from .. import events as event_facts
from ..contract import layout
from ..contract.records import CONFIGS
from ..registries import read_registries
from . import write


def _sink(staging: Path, name: str) -> write.ParquetSink:
    schema = CONFIGS[name].arrow_schema.with_metadata(write.file_metadata(name))
    return write.ParquetSink(staging / layout.data_folder(name), schema)


def _close(sink: write.ParquetSink, summary, name: str) -> None:
    sink.close()
    summary.counts[name] = sink.count
    summary.nbytes[name] = sink.nbytes


def staged_documents(staging: Path) -> list[dict]:
    """What the events config says of each staged document, in doc_id order."""
    columns = ["doc_id", "event_id", "doc_type", "publisher", "publisher_en", "version_of"]
    files = layout.data_files(staging, "documents")
    rows = []
    for file in files:
        # ParquetFile, not read_table: that one imports pyarrow.dataset and pandas (two seconds)
        rows += pq.ParquetFile(file).read(columns=columns).to_pylist()
    return sorted(rows, key=lambda r: r["doc_id"])


def event_rows(staging: Path, corpus_dir: Path, schema_dir: Path, root: Path) -> list[dict]:
    found = read_registries(corpus_dir, schema_dir, root)[0].events
    by_event: dict[str, list[dict]] = {}
    for doc in staged_documents(staging):
        by_event.setdefault(doc["event_id"], []).append({
            "doc_id": doc["doc_id"], "doc_type": doc["doc_type"],
            "text_kind": event_facts.text_kind(doc["doc_type"]), "publisher": doc["publisher"],
            "publisher_en": doc["publisher_en"], "version_of": doc["version_of"]})
    return [event_facts.record(found[eid], by_event.get(eid, [])) for eid in sorted(found)]


def write_events(staging: Path, summary, inputs: layout.Inputs) -> None:
    """data/events: one row per event of corpus/events.toml."""
    rows = event_rows(staging, inputs.corpus_dir, inputs.schema_dir, inputs.root)
    sink = _sink(staging, "events")
    sink.add(rows)
    _close(sink, summary, "events")
    summary.events = rows


# Paragraph texts read at a time when looking for the registered people.
TEXT_BATCH = 8192


def named_persons(staging: Path, people) -> set[str]:
    """The person_ids of ``people`` (a registry) whose name or an alias
    occurs in a staged paragraph. The registry is every person the whole
    corpus names; a release of part of it names fewer, and the card says so."""
    forms: dict[str, set[str]] = {}
    for form, pid in people.by_form.items():
        forms.setdefault(pid, set()).add(form)
    named: set[str] = set()
    for file in layout.data_files(staging, "paragraphs"):
        for batch in pq.ParquetFile(file).iter_batches(batch_size=TEXT_BATCH, columns=["text"]):
            text = "\n".join(batch.column(0).to_pylist())
            named |= {pid for pid, names in forms.items() if pid not in named and any(f in text for f in names)}
            if len(named) == len(forms):
                return named
    return named


def write_persons(staging: Path, summary, inputs: layout.Inputs) -> None:
    """data/persons: one row per registered person, in person_id order; the
    number of them the staged texts name goes into ``summary``."""
    people = read_registries(inputs.corpus_dir, inputs.schema_dir, inputs.root)[0].people
    sink = _sink(staging, "persons")
    sink.add([people.record(pid) for pid in sorted(people.persons)])
    _close(sink, summary, "persons")
    summary.persons_named = len(named_persons(staging, people))
