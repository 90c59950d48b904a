"""The orchestrator: read -> segment -> annotate -> validate -> write.

It is the only place that decides what to do with problems: it collects them
from every step and every document, and when any is an error it throws the
half-built release away and raises :class:`InputError` with all of them.
Documents stream through one at a time; only counts are kept.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import DATASET_NAME, __version__, annotate, assemble, draft, errata, events, executor, read, registry, segment
from .contract import ids, roundtrip, validate
from .release import card, finish, write
from .rules import participants
from .errors import InputError, Problem, raise_if_errors
from .progress import Progress
from .contract.records import CONFIGS, DOCUMENT_CONFIGS
from .segment import inner_zero_width


@dataclass
class Built:
    """One document's records."""

    document: dict
    paragraphs: list[dict]
    sentences: list[dict]


# The document columns the card's per-document table shows: all a Summary
# keeps of a document.
CARD_FIELDS = ("doc_id", "event_id", "version_of", "doc_type", "date", "publication_date", "publisher_en",
               "n_paragraphs", "received_as", "original_url", "copy_repository", "copy_path", "copy_commit",
               "retrieved")
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
    errata: list[dict] = field(default_factory=list)  # every erratum, with its doc_id
    events: list[dict] = field(default_factory=list)  # the events config's rows, set by its release step

    def add(self, built: Built) -> None:
        listed = len(self.documents) < CARD_DOCUMENTS
        row = {k: built.document[k] for k in CARD_FIELDS}
        row["body_paragraphs"] = 0
        self.errata += [dict(e, doc_id=built.document["doc_id"]) for e in built.document["errata"]]
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


@dataclass
class Corpus:
    """What every document is checked against: the events and the people
    registry, read once per build."""

    events: dict
    events_path: str
    people: registry.Registry


def read_corpus(corpus_dir: Path, schema_dir: Path, root: Path) -> tuple[Corpus, list[Problem]]:
    found, events_path, problems = events.read_events(corpus_dir, schema_dir, root)
    people, more = registry.read_registry(corpus_dir, schema_dir, root)
    return Corpus(found, events_path, people), problems + more


def process(source: read.Source, schema_dir: Path, corpus: Corpus) -> tuple[Built | None, list[Problem]]:
    """Run every step on one source; return its records (None if unusable)."""
    problems = validate.check_file_name(source.doc_id, source.text_path, schema_dir)
    problems += validate.check_sidecar(source.meta, source.meta_path, source.meta_lines, schema_dir)
    if any(p.severity == "error" for p in problems):
        return None, problems
    meta = source.meta
    event, found = events.check_event(source, corpus.events, corpus.events_path)
    problems += found
    if event is None:
        return None, problems
    people = corpus.people
    if people.find(meta["speaker"]) is None:
        problems.append(Problem(source.meta_path, source.meta_lines.get(("speaker",)), "speaker",
            f"'{meta['speaker']}' is not in the people registry {people.path}", "people.unregistered",
            f"register the speaker in {people.path} ({registry.stub(meta['speaker'])})"))
        return None, problems
    forms = people.surface_forms(meta["speaker"])
    names_en = {form: people.find(name)["name_en"] for form, name in forms.items()}
    spans, loose = segment.segment(source.raw)
    notes = annotate.annotate(spans, meta["doc_type"], meta["speaker"], list(forms))
    for note in notes:  # every speaker by the registry's name, whatever form the text used
        note.speaker = forms.get(note.speaker, note.speaker) if note.speaker else None
        for sentence in note.sentences:
            sentence.speaker = forms.get(sentence.speaker, sentence.speaker) if sentence.speaker else None
    problems += assemble.apply_overrides(source, notes)
    found_errata, found = errata.locate(source, spans)
    problems += found
    rows = assemble.paragraphs(source, spans, notes, names_en, event, found_errata)
    sentence_rows = assemble.sentences(spans, notes, rows, names_en, found_errata)
    people_found, found = participants.participants(rows, notes, spans, source.raw, people, event,
                                                    meta["speaker"], source.text_path, found_errata)
    problems += found
    doc = assemble.document(source, rows, assemble.edits(source, spans, loose), len(sentence_rows),
                            people_found, event, found_errata)
    # A lossy record set is a bug in the builder, not an input problem: let it raise.
    roundtrip.verify(source.raw, rows, doc["edits"])
    problems += assemble.check_consistency(source, rows)
    problems += events.check_dates(source, event, rows)
    for span in spans:
        for offset in inner_zero_width(span):
            problems.append(Problem(source.text_path, span.line_number,
                assemble.paragraph_id(source.doc_id, span.paragraph_number),
                f"zero-width character U+{ord(source.raw[offset]):04X} inside the paragraph (kept) at offset {offset}",
                "text.zero-width", "remove it from the raw file if it is not meant to be there", "warning"))
    schema_of = {name: schema_dir / CONFIGS[name].schema_file for name in DOCUMENT_CONFIGS}
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
    # doc_id, event_id, version_of, sidecar path, line of version_of
    version: tuple[str, str, str | None, str, int | None] | None = None


def read_and_process(text_file: Path, meta_file: Path, schema_dir: Path, root: Path, corpus: Corpus) -> Outcome:
    """Every step for one document, from its files to its records."""
    source, problems = read.read_source(text_file, meta_file, root)
    if source is None:
        return Outcome(None, problems, None)
    # a drafted sidecar's guesses must be confirmed before it is built
    problems += draft.unconfirmed(meta_file.read_text(encoding="utf-8"), source.meta_path)
    declared = source.meta.get("doc_id")
    claim = None
    if isinstance(declared, str):
        claim = (declared, source.doc_id, source.meta_path, source.text_path, source.meta_lines.get(("doc_id",)))
    built, found = process(source, schema_dir, corpus)
    version = None
    if built is not None:
        version = (source.doc_id, source.meta["event_id"], source.meta.get("version_of"), source.meta_path,
                   source.meta_lines.get(("version_of",)))
    return Outcome(built, problems + found, claim, version)


def _iter_built(corpus_dir: Path, schema_dir: Path, root: Path, problems: list[Problem],
                jobs: int = 1) -> Iterator[Built]:
    pairs, found = read.list_pairs(corpus_dir, root)
    problems += found
    corpus, found = read_corpus(corpus_dir, schema_dir, root)
    problems += found
    claimed: dict[str, str] = {}  # declared doc_id -> the sidecar that declared it
    versions = []
    tasks = [(text_file, meta_file, schema_dir, root, corpus) for text_file, meta_file in pairs]
    for outcome in executor.run(read_and_process, tasks, jobs):
        problems += outcome.problems
        if outcome.version:
            versions.append(outcome.version)
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
    problems += events.check_versions(versions)


def _file_metadata(config: str) -> dict[str, str]:
    return {"dataset": DATASET_NAME, "dataset_version": __version__, "config": config,
            "schema": CONFIGS[config].schema_file, "schema_version": __version__}


def build(corpus_dir: Path, schema_dir: Path, out_dir: Path, root: Path,
          card_source: Path | None = None, progress: Progress | None = None, jobs: int = 1) -> Summary:
    """Build the release into ``out_dir``. Raises InputError; the previous
    release is left as it was unless the whole build succeeds."""
    if progress is not None:
        progress.total = len(read.list_pairs(corpus_dir, root)[0])
    problems: list[Problem] = []
    summary = Summary()
    write.clean_stale(out_dir)
    staging = write.make_staging(out_dir)
    try:
        sinks = {}
        for name in DOCUMENT_CONFIGS:
            schema = CONFIGS[name].arrow_schema.with_metadata(_file_metadata(name))
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


def built_document(doc_id: str, corpus_dir: Path, schema_dir: Path, root: Path) -> Built:
    """One document's records (for `acftu-talks show`); raises InputError."""
    text_file, meta_file = corpus_dir / f"{doc_id}.txt", corpus_dir / f"{doc_id}.toml"
    if not (text_file.is_file() and meta_file.is_file()):
        raise InputError([Problem(read.display(corpus_dir, root), None, doc_id,
                                  f"no {doc_id}.txt with its {doc_id}.toml in this folder", "corpus.unknown-doc",
                                  "give a doc_id (the file name without .txt); `ls corpus/*.txt` lists them")])
    corpus, problems = read_corpus(corpus_dir, schema_dir, root)
    outcome = read_and_process(text_file, meta_file, schema_dir, root, corpus)
    raise_if_errors(problems + outcome.problems)
    return outcome.built
