"""Everything a release holds besides the per-document records, in order.

The per-document configs (paragraphs, sentences, documents) are streamed into
the staging folder by the pipeline; :func:`finish` then runs the release
steps below, in this order, on the staged folder. A step that derives a
corpus-level config reads the staged records back (never all of them held
in memory by the pipeline) and must run before the card, which lists every
config and its counts; SHA256SUMS comes last, over everything else.

Each step is ``step(staging, summary, inputs)``: the staged folder, the
:class:`~acftu_talks.release.summary.Summary` of the build, and the
:class:`~acftu_talks.contract.layout.Inputs` (repository root, corpus,
schemas, card source). File names come from :mod:`acftu_talks.contract.layout`.

Each step imports what it needs when it runs: the pipeline imports this
module for every command, and only ``build`` runs the steps (``validate``
and ``ids`` need neither the relations, nor the card, nor the reader).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ..contract import layout
from ..contract.layout import Inputs
from .summary import Summary


def write_events(staging: Path, summary: Summary, inputs: Inputs) -> None:
    """data/events: one row per event of corpus/events.toml."""
    from . import series
    series.write_events(staging, summary, inputs)


def write_persons(staging: Path, summary: Summary, inputs: Inputs) -> None:
    """data/persons: one row per registered person."""
    from . import series
    series.write_persons(staging, summary, inputs)


def copy_schemas(staging: Path, summary: Summary, inputs: Inputs) -> None:
    """The JSON Schemas every record was validated against."""
    for schema_file in sorted(inputs.schema_dir.glob("*.schema.json")):
        (staging / layout.SCHEMA).mkdir(exist_ok=True)
        shutil.copyfile(schema_file, staging / layout.SCHEMA / schema_file.name)


def write_relations(staging: Path, summary: Summary, inputs: Inputs) -> None:
    """The alignments and formulations configs and their figure, read off the
    staged sentences and documents."""
    from ..relations import relate
    relate.write_relations(staging, summary, inputs)


def write_card(staging: Path, summary: Summary, inputs: Inputs) -> None:
    from . import card
    card.write_card(staging, summary, inputs.card_source, inputs.repository_file(layout.GOLD_SENTENCES),
                    inputs.root)


def copy_repository_files(staging: Path, summary: Summary, inputs: Inputs) -> None:
    """The rights statement, the licence of the project's own work it refers
    to, and the changelog, as they are in the repository."""
    for name in layout.COPIED:
        source = inputs.repository_file(name)
        if source is not None:
            shutil.copyfile(source, staging / name)


def copy_annotations(staging: Path, summary: Summary, inputs: Inputs) -> None:
    """The gold annotations, the annotators' notes and the adjudication the
    card's agreement tables come from, when the repository has them."""
    from .. import agreement
    for rel in agreement.SHIPPED:
        source = inputs.repository_file(rel)
        if source is not None:
            (staging / layout.ANNOTATION).mkdir(exist_ok=True)
            shutil.copyfile(source, staging / agreement.shipped_name(rel))


def write_figure(staging: Path, summary: Summary, inputs: Inputs) -> None:
    from . import figure
    svg = staging / layout.FIGURE
    svg.parent.mkdir(parents=True, exist_ok=True)
    svg.write_text(figure.speech_modes_svg(summary.documents, summary.chars_by_doc), encoding="utf-8")


def write_citation(staging: Path, summary: Summary, inputs: Inputs) -> None:
    from . import cite
    (staging / layout.CITATION).write_text(cite.cff(), encoding="utf-8")


def write_croissant(staging: Path, summary: Summary, inputs: Inputs) -> None:
    from . import croissant
    croissant.write(staging)


def write_reader(staging: Path, summary: Summary, inputs: Inputs) -> None:
    """reader/index.html: the release's records in one page."""
    from .reader import write_reader as write
    write(staging, summary, inputs)


def write_id_changes(staging: Path, summary: Summary, inputs: Inputs) -> None:
    from ..contract import ids
    (staging / layout.ID_CHANGES).write_text(ids.changes_json(inputs.corpus_dir), encoding="utf-8")


def write_release_notes(staging: Path, summary: Summary, inputs: Inputs) -> None:
    from . import notes
    notes.write(staging, summary, inputs)


def write_manifest(staging: Path, summary: Summary, inputs: Inputs) -> None:
    from . import manifest
    manifest.write(staging, inputs)


def write_sums(staging: Path, summary: Summary, inputs: Inputs) -> None:
    from . import checksums
    checksums.write_sums(staging)


STEPS = (
    # corpus-level configs derived from the staged records come first
    write_events,
    write_persons,
    copy_schemas,
    write_relations,
    copy_annotations,  # before the card and croissant.json, which are computed from them
    write_card,
    copy_repository_files,
    write_figure,
    write_citation,
    write_croissant,
    write_reader,  # reads the staged configs back: after every config, before the sums
    write_id_changes,
    write_release_notes,  # after id_changes.json, which it compares
    write_manifest,
    write_sums,  # last: over every file above
)


def finish(staging: Path, summary: Summary, inputs: Inputs) -> None:
    """Run every release step on ``staging``, in order."""
    for step in STEPS:
        step(staging, summary, inputs)
