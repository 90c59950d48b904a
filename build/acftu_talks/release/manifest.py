"""The release files beyond data and card: the figure, the citation, the
changelog, Croissant metadata and the build manifest.

Everything here is a function of the inputs and the tool versions, never of
the clock, so two builds of the same inputs give the same bytes.
"""
from __future__ import annotations

import json
import platform
import shutil
from importlib.metadata import version
from pathlib import Path

from .. import DATASET_NAME, __version__, agreement
from . import checksums, cite, croissant, figure

CITATION_FILE = "CITATION.cff"
CHANGELOG_FILE = "CHANGELOG.md"
MANIFEST_FILE = "manifest.json"


def inputs(corpus_dir: Path, schema_dir: Path, card_source: Path | None) -> dict[str, str]:
    """sha256 of every input, keyed by its path in the source repository
    (not the absolute path, which differs between machines)."""
    found: dict[str, Path] = {}
    for folder, label in ((corpus_dir, "corpus"), (schema_dir, "schema")):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                found[f"{label}/{path.relative_to(folder).as_posix()}"] = path
    if card_source and card_source.exists():
        found["dataset_card.md"] = card_source
        # the card's agreement tables are computed from the annotation files, which are shipped
        for name in ("RIGHTS.md", CHANGELOG_FILE) + agreement.SHIPPED:
            if (card_source.parent / name).exists():
                found[name] = card_source.parent / name
    return {key: checksums.sha256(path) for key, path in sorted(found.items())}


def manifest(corpus_dir: Path, schema_dir: Path, card_source: Path | None) -> dict:
    return {
        "dataset": {"name": DATASET_NAME, "version": __version__, "release_date": cite.RELEASE_DATE},
        "builder": {"name": "acftu-talks", "version": __version__},
        "tools": {"python": platform.python_version(), "pyarrow": version("pyarrow"),
                  "jsonschema": version("jsonschema")},
        "inputs": inputs(corpus_dir, schema_dir, card_source),
    }


def write(staging: Path, summary, corpus_dir: Path, schema_dir: Path, card_source: Path | None) -> None:
    """Write the figure, citation, changelog, Croissant file and manifest
    into ``staging``."""
    svg = staging / figure.FILE
    svg.parent.mkdir(parents=True, exist_ok=True)
    svg.write_text(figure.speech_modes_svg(summary.documents, summary.chars_by_doc), encoding="utf-8")
    (staging / CITATION_FILE).write_text(cite.cff(), encoding="utf-8")
    if card_source and (card_source.parent / CHANGELOG_FILE).exists():
        shutil.copyfile(card_source.parent / CHANGELOG_FILE, staging / CHANGELOG_FILE)
    croissant.write(staging)
    text = json.dumps(manifest(corpus_dir, schema_dir, card_source), indent=2, sort_keys=True)
    (staging / MANIFEST_FILE).write_text(text + "\n", encoding="utf-8")
