"""The orchestrator. Per document: read -> segment -> annotate -> assemble ->
check -> validate; then the records are written and the release finished.

It is the only place that decides what to do with problems: it collects them
from every step and every document, and when any is an error it throws the
half-built release away and raises :class:`InputError` with all of them.
Documents stream through one at a time; only counts are kept.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, NamedTuple

from . import annotate, assemble, consistency, errata, events, executor, read, segment
from .assemble import Built
from .contract import ids, roundtrip, validate
from .contract.records import DOCUMENT_CONFIGS
from .contract.layout import Inputs
from .duplicates import Claim, DocIds
from .errors import Problem, has_errors, raise_if_errors
from .passage import Passage
from .registries import Registries, read_registries
from .progress import Progress
from .release import finish, write
from .release.summary import Summary, Tally, tally
from .rules import registry


class Outcome(NamedTuple):
    """What one document's raw text and sidecar came to."""

    built: Built | None  # None if the files could not be read or the sidecar is unusable
    problems: list[Problem]
    claim: Claim | None = None  # the doc_id its sidecar declares
    version: tuple | None = None  # what the sidecar says it is a version of (events.version_claim)


@registry.settled()  # which rules are switched off does not change within a document
def process(text_file: Path, meta_file: Path, schema_dir: Path, root: Path, corpus: Registries | None = None,
            shown: read.Shown | None = None) -> Outcome:
    """Every step on one document, from its files to its records and every
    problem found (run by the executor, maybe in a worker process). Without
    ``corpus``, the events and people of the text's folder are read;
    ``shown`` names files (one for the whole corpus: see ``read.Shown``)."""
    if corpus is None:
        corpus, _ = read_registries(text_file.parent, schema_dir, root)
    source, problems = read.read_source(text_file, meta_file, root, shown)
    if source is None:
        return Outcome(None, problems)
    event, found = consistency.admit(source, meta_file, corpus, schema_dir)
    problems += found
    if event is None:
        return Outcome(None, problems, Claim.of(source))
    meta, people = source.meta, corpus.people
    forms = people.surface_forms(meta["speaker"])
    spans, loose = segment.segment(source.raw)
    passages = [Passage(span) for span in spans]
    annotate.annotate_document(passages, meta, forms)
    problems += assemble.apply_overrides(source, passages)
    found_errata, found = errata.locate(source, spans)
    problems += found
    built, found = assemble.assemble(source, passages, loose, event, people, forms, found_errata)
    problems += found
    # A lossy record set is a bug in the builder, not an input problem: let it raise.
    roundtrip.verify(source.raw, built.paragraphs, built.document["edits"])
    problems += consistency.check(source, passages) + consistency.invisible_lines(source, loose)
    problems += events.check_dates(source, event, [p.record for p in passages])
    problems += validate.check_built(built.records, source.meta_path, source.text_path, schema_dir)
    return Outcome(built, problems, Claim.of(source), events.version_claim(source))


class Packed(NamedTuple):
    """One document's records as a worker sends them to the writing process:
    what that process needs of the rows (the ids' fingerprints, the summary's
    counts), and where the rows are in the chunk's Arrow batches, one per
    config (``write.pack``). Unpickling dicts of rows cost the writing
    process more than writing them."""

    document: dict
    rows: dict[str, tuple[int, int]] | None  # config -> (first row, rows) in the chunk; None: errors, never written
    fingerprints: dict[str, str]
    tally: Tally | None
    batches: dict | None = None  # config -> its rows as a pyarrow.RecordBatch, once unpacked


def pack_outcomes(outcomes: list[Outcome]) -> tuple[list[Outcome], dict[str, bytes]]:
    """In a worker: a chunk of outcomes, each document's records replaced by
    :class:`Packed`, the records of all of them in one batch per config."""
    records: dict[str, list[dict]] = {name: [] for name in DOCUMENT_CONFIGS}
    packed = []
    for outcome in outcomes:
        built = outcome.built
        if built is not None:
            rows, counted = None, None
            if not has_errors(outcome.problems):  # a document with errors is never written
                rows, counted = {}, tally(built)
                for name, found in built.records.items():
                    rows[name] = (len(records[name]), len(found))
                    records[name] += found
            outcome = outcome._replace(built=Packed(built.document, rows, ids.fingerprints(built.paragraphs,
                                                                                           built.sentences), counted))
        packed.append(outcome)
    return packed, write.pack(records)


def unpack_outcomes(chunk: tuple[list[Outcome], dict[str, bytes]]) -> Iterator[Outcome]:
    """In the writing process: :func:`pack_outcomes`' outcomes, each with its
    rows as record batches (slices of the chunk's, no copy)."""
    outcomes, packed = chunk
    batches = write.unpack(packed)
    for outcome in outcomes:
        if outcome.built is not None and outcome.built.rows is not None:
            mine = {name: batches[name].slice(start, n) for name, (start, n) in outcome.built.rows.items()}
            outcome = outcome._replace(built=outcome.built._replace(batches=mine))
        yield outcome


def _iter_built(corpus_dir: Path, schema_dir: Path, root: Path, problems: list[Problem],
                jobs: int = 1) -> Iterator[Built | Packed]:
    pairs, found = read.list_pairs(corpus_dir, root)
    problems += found
    corpus, found = read_registries(corpus_dir, schema_dir, root)
    problems += found
    doc_ids = DocIds(corpus_dir, root)
    versions = events.Versions()
    tasks = [(text_file, meta_file) for text_file, meta_file in pairs]
    for outcome in executor.run(process, tasks, jobs, pack_outcomes, unpack_outcomes, (schema_dir, root, corpus, read.Shown(root))):
        problems += outcome.problems + doc_ids.claim(outcome.claim)
        versions.add(outcome.version)
        if outcome.built is not None:
            yield outcome.built
    problems += versions.check()


def iter_built(corpus_dir: Path, schema_dir: Path, root: Path, problems: list[Problem],
               jobs: int = 1) -> Iterator[Built | Packed]:
    """Yield every document's records in doc_id order (as :class:`Packed`
    when a pool of workers built them); collect all problems, including ids
    that no longer match ``corpus/ids.lock.tsv``."""
    yield from ids.checked(_iter_built(corpus_dir, schema_dir, root, problems, jobs), corpus_dir, problems)


def build(corpus_dir: Path, schema_dir: Path, out_dir: Path, root: Path,
          card_source: Path | None = None, progress: Progress | None = None, jobs: int = 1,
          previous: Path | None = None) -> Summary:
    """Build the release into ``out_dir``. Raises InputError; the previous
    release is left as it was unless the whole build succeeds. The release
    note compares with ``previous`` (default: the release at ``out_dir``,
    if there is one)."""
    if progress is not None:
        progress.total = len(read.list_pairs(corpus_dir, root)[0])
    problems: list[Problem] = []
    summary = Summary()
    write.check_destination(out_dir, [corpus_dir, schema_dir, card_source], root)
    summary.compare_with(previous, out_dir)
    write.clean_stale(out_dir)
    staging = write.make_staging(out_dir)
    try:
        sinks = write.open_sinks(staging)
        failed, seen = False, 0
        for built in iter_built(corpus_dir, schema_dir, root, problems, jobs):
            if progress is not None:
                progress.update(built.document["n_paragraphs"])
            failed = failed or has_errors(problems[seen:])  # the problems since the last document
            seen = len(problems)
            if failed:
                continue  # keep reading, to report every problem, but write nothing more
            if isinstance(built, Packed):
                write.add_batches(sinks, built.batches)
                summary.add_tally(built.tally)
            else:
                write.add_records(sinks, built.records)
                summary.add(built)
        write.close_sinks(sinks)
        raise_if_errors(problems)
        summary.close(sinks, problems)
        finish.finish(staging, summary, Inputs(root, corpus_dir, schema_dir, card_source))
        write.swap_in(staging, out_dir)
    except BaseException:
        write.discard(staging)
        raise
    return summary


def current_ids(corpus_dir: Path, schema_dir: Path, root: Path) -> dict[str, str]:
    """Fingerprints of every id the corpus builds to; raises InputError on
    problems other than changed ids."""
    problems: list[Problem] = []
    current = ids.current(_iter_built(corpus_dir, schema_dir, root, problems))
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
