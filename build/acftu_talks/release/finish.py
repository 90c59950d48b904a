"""Everything a release holds besides the per-document records, in order.

The per-document configs (paragraphs, sentences, documents) are streamed into
the staging folder by the pipeline; :func:`finish` then runs the release
steps below, in this order, on the staged folder. A step that derives a
corpus-level config reads the staged records back (never all of them held
in memory by the pipeline) and must run before the card, which lists every
config and its counts; SHA256SUMS comes last, over everything else.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .. import agreement
from ..contract import ids
from . import card, checksums, manifest, notes


def copy_schemas(staging: Path, summary, corpus_dir: Path, schema_dir: Path, card_source: Path | None) -> None:
    """The JSON Schemas every record was validated against."""
    for schema_file in sorted(schema_dir.glob("*.schema.json")):
        (staging / "schema").mkdir(exist_ok=True)
        shutil.copyfile(schema_file, staging / "schema" / schema_file.name)


def copy_annotations(staging: Path, summary, corpus_dir: Path, schema_dir: Path, card_source: Path | None) -> None:
    """The gold annotations, the annotators' notes and the adjudication the
    card's agreement tables come from, when the source repository has them."""
    root = card_source.parent if card_source else None
    for rel in agreement.SHIPPED:
        if root and (root / rel).is_file():
            (staging / agreement.RELEASE_FOLDER).mkdir(exist_ok=True)
            shutil.copyfile(root / rel, staging / agreement.shipped_name(rel))


def write_card(staging: Path, summary, corpus_dir: Path, schema_dir: Path, card_source: Path | None) -> None:
    card.write_card(staging, summary, schema_dir, card_source)


def write_id_changes(staging: Path, summary, corpus_dir: Path, schema_dir: Path, card_source: Path | None) -> None:
    (staging / "id_changes.json").write_text(ids.changes_json(corpus_dir), encoding="utf-8")


def write_sums(staging: Path, summary, corpus_dir: Path, schema_dir: Path, card_source: Path | None) -> None:
    checksums.write_sums(staging)


# Each step is step(staging, summary, corpus_dir, schema_dir, card_source).
STEPS = (
    # corpus-level configs derived from the staged records come first
    copy_schemas,
    copy_annotations,
    write_card,
    write_id_changes,
    notes.write,  # after id_changes.json, which it compares
    manifest.write,
    write_sums,  # last: over every file above
)


def finish(staging: Path, summary, corpus_dir: Path, schema_dir: Path, card_source: Path | None) -> None:
    """Run every release step on ``staging``, in order."""
    for step in STEPS:
        step(staging, summary, corpus_dir, schema_dir, card_source)
