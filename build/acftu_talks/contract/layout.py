"""Where everything is: the release's files, and the repository's files that
go into a release. Every module that writes, lists or checks a release file
names it from here.

A release folder::

    README.md            the card (rendered from dataset_card.md)
    data/<config>/train-0000K-of-0000N.parquet
    schema/*.schema.json the JSON Schemas the rows were validated against
    images/speech-modes.svg  images/formulations.svg
    annotation/          the gold annotations, the annotators' notes, the adjudication
    CITATION.cff  CHANGELOG.md  RIGHTS.md  LICENSE
    croissant.json  manifest.json  id_changes.json
    RELEASE_NOTES.md  release_notes.json   what changed since the previous release
    reader/index.html    the reader: the records in one offline web page
    .acftu-talks-release marks the folder as a release (a build replaces only such a folder)
    SHA256SUMS           last: over every other file
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SPLIT = "train"  # one split: the whole corpus, not a machine-learning split
DATA = "data"
SCHEMA = "schema"
README = "README.md"
FIGURE = "images/speech-modes.svg"
FORMULATIONS_FIGURE = "images/formulations.svg"
CITATION = "CITATION.cff"
CHANGELOG = "CHANGELOG.md"
RIGHTS = "RIGHTS.md"
LICENSE = "LICENSE"
CROISSANT = "croissant.json"
MANIFEST = "manifest.json"
ID_CHANGES = "id_changes.json"
RELEASE_NOTES = "RELEASE_NOTES.md"
RELEASE_NOTES_JSON = "release_notes.json"
ANNOTATION = "annotation"
READER = "reader/index.html"
SUMS = "SHA256SUMS"
# Marks a folder as a release this tool wrote (with the manifest): the only
# kind of folder a build replaces.
MARKER = ".acftu-talks-release"

# Files of the repository shipped in the release as they are.
COPIED = (RIGHTS, LICENSE, CHANGELOG)
CARD_SOURCE = "dataset_card.md"
# The gold sentence file the card's attribution score is computed against:
# read by the build, not shipped.
GOLD_SENTENCES = "tests/expected/sentences.tsv"


def data_folder(config: str) -> str:
    return f"{DATA}/{config}"


def shard_name(shard: int, shards: int, stem: str = SPLIT) -> str:
    """``train-00000-of-00003.parquet``: the file name of one shard."""
    return f"{stem}-{shard:05d}-of-{shards:05d}.parquet"


def data_pattern(config: str) -> str:
    """The glob of a config's shards, as the card's ``data_files`` gives it."""
    return f"{data_folder(config)}/{SPLIT}-*.parquet"


def data_files(release: Path, config: str) -> list[Path]:
    """A release's shards of one config, in order."""
    return sorted((release / data_folder(config)).glob("*.parquet"))


@dataclass(frozen=True)
class Inputs:
    """What a release is built from: the repository root and, in it (or
    given on the command line), the corpus, the schemas and the card."""

    root: Path
    corpus_dir: Path
    schema_dir: Path
    card_source: Path | None = None

    def repository_file(self, name: str) -> Path | None:
        """A file of the repository (RIGHTS.md, LICENSE, ...), if it exists."""
        path = self.root / name
        return path if path.is_file() else None
