"""The orchestrator: read -> segment -> annotate -> validate -> write.

It is the only place that decides what to do with problems: it collects them
from every step and every document, and when any is an error it throws the
half-built release away and raises :class:`InputError` with all of them.
Documents stream through one at a time; only counts are kept.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import DATASET_NAME, __version__, annotate, assemble, executor, read, segment
from .contract import ids, roundtrip, validate
from .release import card, finish, write
from .rules import participants
from .errors import InputError, Problem, raise_if_errors
from .progress import Progress
from .contract.records import CONFIGS
from .segment import inner_zero_width


@dataclass
class Built:
    """One document's records."""

    document: dict
    paragraphs: list[dict]
    sentences: list[dict]


# The document columns the card's per-document table shows: all a Summary
# keeps of a document.
CARD_FIELDS = ("doc_id", "doc_type", "date", "publication_date", "publisher_en", "n_paragraphs")
CARD_DOCUMENTS = 100  # documents listed one by one in the card


@dataclass
class Summary:
    """What a build produced, for the card and the closing message.

    Memory stays bounded as the corpus grows: counts, and for the first
    CARD_DOCUMENTS documents the short row of the card's per-document tables
    (a card listing thousands of documents would help no reader; the
    documents config has them all).
    """

    documents: list[dict] = field(default_factory=list)  # CARD_FIELDS + body_paragraphs
    counts: dict[str, int] = field(default_factory=Counter)
    nbytes: dict[str, int] = field(default_factory=Counter)
    by_type: Counter = field(default_factory=Counter)  # (segment_type, speech_mode) -> n
    by_doc: Counter = field(default_factory=Counter)  # (doc_id, segment_type, speech_mode) -> n
    sentences_by_doc: Counter = field(default_factory=Counter)  # (doc_id, speech_mode) -> n
    overridden: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    documents_not_listed: int = 0  # documents beyond CARD_DOCUMENTS

    def add(self, built: Built) -> None:
        listed = len(self.documents) < CARD_DOCUMENTS
        row = {k: built.document[k] for k in CARD_FIELDS}
        row["body_paragraphs"] = 0
        for paragraph in built.paragraphs:
            self.by_type[(paragraph["segment_type"], paragraph["speech_mode"])] += 1
            if listed:
                self.by_doc[(paragraph["doc_id"], paragraph["segment_type"], paragraph["speech_mode"])] += 1
            row["body_paragraphs"] += paragraph["segment_type"] == "body"
            if paragraph["annotation_source"] == "override":
                self.overridden.append(paragraph["paragraph_id"])
        if listed:
            for sentence in built.sentences:
                self.sentences_by_doc[(sentence["doc_id"], sentence["speech_mode"])] += 1
            self.documents.append(row)
        else:
            self.documents_not_listed += 1


def process(source: read.Source, schema_dir: Path) -> tuple[Built | None, list[Problem]]:
    """Run every step on one source; return its records (None if unusable)."""
    problems = validate.check_file_name(source.doc_id, source.text_path, schema_dir)
    problems += validate.check_sidecar(source.meta, source.meta_path, source.meta_lines, schema_dir)
    if any(p.severity == "error" for p in problems):
        return None, problems
    meta = source.meta
    people = meta.get("people", [])
    names_en = {p["name"]: p["name_en"] for p in people}
    names_en.setdefault(meta["speaker"], meta["speaker_en"])
    spans, loose = segment.segment(source.raw)
    notes = annotate.annotate(spans, meta["doc_type"], meta["speaker"], [p["name"] for p in people])
    problems += assemble.apply_overrides(source, notes)
    rows = assemble.paragraphs(source, spans, notes, names_en)
    sentence_rows = assemble.sentences(spans, notes, rows, names_en)
    people_found, found = participants.participants(rows, notes, people, source.text_path, source.meta_path)
    problems += found
    doc = assemble.document(source, rows, assemble.edits(source, spans, loose), len(sentence_rows), people_found)
    # A lossy record set is a bug in the builder, not an input problem: let it raise.
    roundtrip.verify(source.raw, rows, doc["edits"])
    problems += assemble.check_consistency(source, rows)
    for span in spans:
        for offset in inner_zero_width(span):
            problems.append(Problem(source.text_path, span.line_number,
                assemble.paragraph_id(source.doc_id, span.paragraph_number),
                f"zero-width character U+{ord(source.raw[offset]):04X} inside the paragraph (kept) at offset {offset}",
                "text.zero-width", "remove it from the raw file if it is not meant to be there", "warning"))
    for line_number in sorted({cut.line_number for cut in loose if cut.kind == "zero_width"}):
        first = next(c for c in loose if c.line_number == line_number and c.kind == "zero_width")
        problems.append(Problem(source.text_path, line_number, "line",
            f"the line holds only invisible characters (U+{ord(source.raw[first.start]):04X} first): it is no "
            "paragraph, its characters are recorded as edits", "text.invisible-line",
            "delete the line from the raw file if it is not in the source", "warning"))
    schema_of = {name: schema_dir / CONFIGS[name][2] for name in CONFIGS}
    problems += validate.check_records(rows, schema_of["paragraphs"], source.text_path, "paragraph_id")
    problems += validate.check_records(sentence_rows, schema_of["sentences"], source.text_path, "sentence_id")
    problems += validate.check_records([doc], schema_of["documents"], source.meta_path, "doc_id")
    return Built(doc, rows, sentence_rows), problems


def iter_built(corpus_dir: Path, schema_dir: Path, root: Path, problems: list[Problem],
               jobs: int = 1) -> Iterator[Built]:
    """Yield every document's records in doc_id order; collect all problems,
    including ids that no longer match ``corpus/ids.lock.tsv``."""
    lock = ids.read_lock(corpus_dir)
    current: dict[str, str] = {}
    for built in _iter_built(corpus_dir, schema_dir, root, problems, jobs):
        if lock is not None:
            current.update(ids.fingerprints(built.paragraphs, built.sentences))
        yield built
    if lock is not None:
        problems += ids.check(corpus_dir, lock, current)


@dataclass
class Outcome:
    """What one document's raw text and sidecar came to."""

    built: Built | None
    problems: list[Problem]
    # declared doc_id, file's doc_id, sidecar path, text path, line of doc_id
    claim: tuple[str, str, str, str, int | None] | None


def read_and_process(text_file: Path, meta_file: Path, schema_dir: Path, root: Path) -> Outcome:
    """Every step for one document, from its files to its records."""
    source, problems = read.read_source(text_file, meta_file, root)
    if source is None:
        return Outcome(None, problems, None)
    declared = source.meta.get("doc_id")
    claim = None
    if isinstance(declared, str):
        claim = (declared, source.doc_id, source.meta_path, source.text_path, source.meta_lines.get(("doc_id",)))
    built, found = process(source, schema_dir)
    return Outcome(built, problems + found, claim)


def _iter_built(corpus_dir: Path, schema_dir: Path, root: Path, problems: list[Problem],
                jobs: int = 1) -> Iterator[Built]:
    pairs, found = read.list_pairs(corpus_dir, root)
    problems += found
    claimed: dict[str, str] = {}  # declared doc_id -> the sidecar that declared it
    tasks = [(text_file, meta_file, schema_dir, root) for text_file, meta_file in pairs]
    for outcome in executor.run(read_and_process, tasks, jobs):
        problems += outcome.problems
        if outcome.claim:
            declared, doc_id, meta_path, text_path, line = outcome.claim
            if declared != doc_id:
                # File names are unique, so a doc_id can only be taken twice by a
                # sidecar that does not match its own file: report it there.
                other = claimed.get(declared) or next(
                    (read.display(p, root) for p in (corpus_dir / f"{declared}.toml",) if p.is_file()), None)
                if other:
                    problems.append(Problem(meta_path, line, "doc_id",
                        f"duplicate doc_id '{declared}': it is already the doc_id of {other}, "
                        f"and this sidecar belongs to {text_path}",
                        "meta.duplicate-doc-id", f'set doc_id = "{doc_id}" (a document\'s doc_id is its file name)'))
            claimed.setdefault(declared, meta_path)
        if outcome.built is not None:
            yield outcome.built


def _file_metadata(config: str) -> dict[str, str]:
    return {"dataset": DATASET_NAME, "dataset_version": __version__, "config": config,
            "schema": CONFIGS[config][2], "schema_version": __version__}


def build(corpus_dir: Path, schema_dir: Path, out_dir: Path, root: Path,
          card_source: Path | None = None, progress: Progress | None = None, jobs: int = 1) -> Summary:
    """Build the release into ``out_dir``. Raises InputError; the previous
    release is left as it was unless the whole build succeeds."""
    if progress is not None:
        progress.total = len(read.list_pairs(corpus_dir, root)[0])
    problems: list[Problem] = []
    summary = Summary()
    write.check_destination(out_dir, [corpus_dir, schema_dir, card_source], root)
    write.clean_stale(out_dir)
    staging = write.make_staging(out_dir)
    try:
        sinks = {}
        for name, (_, arrow_schema, schema_file) in CONFIGS.items():
            json_schema = json.loads((schema_dir / schema_file).read_text(encoding="utf-8"))
            schema = write.with_descriptions(arrow_schema, json_schema, _file_metadata(name))
            sinks[name] = write.ParquetSink(staging / card.data_folder(name), schema, card.SPLIT)
        failed, seen = False, 0
        for built in iter_built(corpus_dir, schema_dir, root, problems, jobs):
            if progress is not None:
                progress.update(len(built.paragraphs))
            # look only at the problems found since the last document
            failed = failed or any(p.severity == "error" for p in problems[seen:])
            seen = len(problems)
            if failed:
                continue  # keep reading, to report every problem, but write nothing more
            sinks["paragraphs"].add(built.paragraphs)
            sinks["sentences"].add(built.sentences)
            sinks["documents"].add([built.document])
            summary.add(built)
        for sink in sinks.values():
            sink.close()
        raise_if_errors(problems)
        summary.warnings = [p for p in problems if p.severity != "error"]
        summary.counts = {name: sink.count for name, sink in sinks.items()}
        summary.nbytes = {name: sink.nbytes for name, sink in sinks.items()}
        finish.finish(staging, summary, corpus_dir, schema_dir, card_source)
        write.swap_in(staging, out_dir)
    except BaseException:
        write.discard(staging)
        raise
    return summary


def current_ids(corpus_dir: Path, schema_dir: Path, root: Path) -> dict[str, str]:
    """Fingerprints of every id the corpus builds to; raises InputError on
    problems other than changed ids."""
    problems: list[Problem] = []
    current: dict[str, str] = {}
    for built in _iter_built(corpus_dir, schema_dir, root, problems):
        current.update(ids.fingerprints(built.paragraphs, built.sentences))
    raise_if_errors(problems)
    return current


def check(corpus_dir: Path, schema_dir: Path, root: Path, release: Path | None = None,
          jobs: int = 1) -> list[Problem]:
    """Run every step except writing, and check the built ``release`` if
    given; return warnings, raise InputError on errors."""
    problems: list[Problem] = []
    for _ in iter_built(corpus_dir, schema_dir, root, problems, jobs):
        pass
    if release is not None:
        from .release import check as check_release  # only `validate --release` needs it
        problems += check_release.check_release(release, corpus_dir, root)
    raise_if_errors(problems)
    return [p for p in problems if p.severity != "error"]
