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

from dataclasses import dataclass

from . import annotate, assemble, consistency, draft, errata, events, executor, people as registry, read, segment
from .assemble import Built
from .rules import genres
from .contract import ids, roundtrip, validate
from .contract.layout import Inputs
from .contract.records import CONFIGS, DOCUMENT_CONFIGS
from .duplicates import Claim, DocIds
from .errors import InputError, Problem, raise_if_errors
from .passage import Passage
from .progress import Progress
from .release import finish, notes, write
from .release.summary import Summary


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


class Outcome(NamedTuple):
    """What one document's raw text and sidecar came to."""

    built: Built | None  # None if the files could not be read or the sidecar is unusable
    problems: list[Problem]
    claim: Claim | None = None  # the doc_id its sidecar declares
    # doc_id, event_id, version_of, sidecar path, line of version_of
    version: tuple[str, str, str | None, str, int | None] | None = None


@dataclass
class Corpus:
    """What every document is checked against: the events and the people
    registry, read once per build."""

    events: dict
    events_path: str
    people: registry.Registry


def read_corpus(corpus_dir: Path, schema_dir: Path, root: Path) -> tuple[Corpus, list[Problem]]:
    """corpus/events.toml and corpus/persons.toml, checked."""
    found, events_path, problems = events.read_events(corpus_dir, schema_dir, root)
    people, more = registry.read_registry(corpus_dir, schema_dir, root)
    return Corpus(found, events_path, people), problems + more


def process(text_file: Path, meta_file: Path, schema_dir: Path, root: Path, corpus: Corpus | None = None) -> Outcome:
    """Every step on one document, from its files to its records and every
    problem found (run by the executor, maybe in a worker process). Without
    ``corpus``, the events and people of the text's folder are read."""
    if corpus is None:
        corpus, _ = read_corpus(text_file.parent, schema_dir, root)
    source, problems = read.read_source(text_file, meta_file, root)
    if source is None:
        return Outcome(None, problems)
    # a drafted sidecar's guesses must be confirmed before it is built
    problems += draft.unconfirmed(meta_file.read_text(encoding="utf-8"), source.meta_path)
    problems += validate.check_file_name(source.doc_id, source.text_path, schema_dir)
    problems += validate.check_sidecar(source.meta, source.meta_path, source.meta_lines, schema_dir)
    if not _has_errors(problems):
        problems += genres.check(source.meta, source.meta_path, source.meta_lines)
    if _has_errors(problems):
        return Outcome(None, problems, Claim.of(source))  # the later steps rely on a valid sidecar
    meta = source.meta
    event, found = events.check_event(source, corpus.events, corpus.events_path)
    problems += found
    people = corpus.people
    if event is not None and people.find(meta["speaker"]) is None:
        problems.append(Problem(source.meta_path, source.meta_lines.get(("speaker",)), "speaker",
            f"'{meta['speaker']}' is not in the people registry {people.path}", "people.unregistered",
            f"register the speaker in {people.path} ({registry.stub(meta['speaker'])})"))
    if _has_errors(problems):
        return Outcome(None, problems, Claim.of(source))
    forms = people.surface_forms(meta["speaker"])
    spans, loose = segment.segment(source.raw)
    passages = [Passage(span) for span in spans]
    # the rules find every registered name and alias, and title aliases (总书记) of the speaker
    annotate.annotate(passages, meta["doc_type"], meta["speaker"], sorted(set(forms.values())),
                      aliases=forms, language=meta["language"])
    for passage in passages:  # every speaker by the registry's name, whatever form the text used
        note = passage.annotation
        note.speaker = forms.get(note.speaker, note.speaker) if note.speaker else None
        for sentence in note.sentences:
            sentence.speaker = forms.get(sentence.speaker, sentence.speaker) if sentence.speaker else None
    problems += assemble.apply_overrides(source, passages)
    found_errata, found = errata.locate(source, spans)
    problems += found
    built, found = assemble.assemble(source, passages, loose, event, people, forms, found_errata)
    problems += found
    # A lossy record set is a bug in the builder, not an input problem: let it raise.
    roundtrip.verify(source.raw, built.paragraphs, built.document["edits"])
    problems += consistency.check(source, passages) + consistency.invisible_lines(source, loose)
    problems += events.check_dates(source, event, [p.record for p in passages])
    for name in DOCUMENT_CONFIGS:
        config = CONFIGS[name]
        where = source.meta_path if name == "documents" else source.text_path
        problems += validate.check_records(built.records[name], schema_dir / config.schema_file, where, config.key)
    version = (source.doc_id, meta["event_id"], meta.get("version_of"), source.meta_path,
               source.meta_lines.get(("version_of",)))
    return Outcome(built, problems, Claim.of(source), version)


def _iter_built(corpus_dir: Path, schema_dir: Path, root: Path, problems: list[Problem],
                jobs: int = 1) -> Iterator[Built]:
    pairs, found = read.list_pairs(corpus_dir, root)
    problems += found
    corpus, found = read_corpus(corpus_dir, schema_dir, root)
    problems += found
    doc_ids = DocIds(corpus_dir, root)
    versions = []
    tasks = [(text_file, meta_file, schema_dir, root, corpus) for text_file, meta_file in pairs]
    for outcome in executor.run(process, tasks, jobs):
        problems += outcome.problems + doc_ids.claim(outcome.claim)
        if outcome.version:
            versions.append(outcome.version)
        if outcome.built is not None:
            yield outcome.built
    problems += events.check_versions(versions)


def iter_built(corpus_dir: Path, schema_dir: Path, root: Path, problems: list[Problem],
               jobs: int = 1) -> Iterator[Built]:
    """Yield every document's records in doc_id order; collect all problems,
    including ids that no longer match ``corpus/ids.lock.tsv``."""
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
    summary.previous = previous if previous is not None else (out_dir if notes.is_release(out_dir) else None)
    summary.previous_given = previous is not None
    write.clean_stale(out_dir)
    staging = write.make_staging(out_dir)
    try:
        sinks = write.open_sinks(staging)
        failed, seen = False, 0
        for built in iter_built(corpus_dir, schema_dir, root, problems, jobs):
            if progress is not None:
                progress.update(len(built.paragraphs))
            failed = failed or _has_errors(problems[seen:])  # the problems since the last document
            seen = len(problems)
            if failed:
                continue  # keep reading, to report every problem, but write nothing more
            for name, sink in sinks.items():
                sink.add(built.records[name])
            summary.add(built)
        for sink in sinks.values():
            sink.close()
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
    outcome = process(text_file, meta_file, schema_dir, root, corpus)
    raise_if_errors(problems + outcome.problems)
    return outcome.built
