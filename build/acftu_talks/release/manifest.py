"""``manifest.json``: what a release was built from and with.

Everything here is a function of the inputs and the tool versions, never of
the clock, so two builds of the same inputs give the same bytes.
"""
from __future__ import annotations

import importlib.util
import json
import platform
from pathlib import Path

from .. import DATASET_NAME, __version__, agreement
from ..contract import layout
from ..contract.layout import Inputs
from ..rules import registry
from . import checksums, cite


def inputs(given: Inputs) -> dict[str, str]:
    """sha256 of every input, keyed by its path in the source repository
    (not the absolute path, which differs between machines)."""
    found: dict[str, Path] = {}
    for folder, label in ((given.corpus_dir, "corpus"), (given.schema_dir, layout.SCHEMA)):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                found[f"{label}/{path.relative_to(folder).as_posix()}"] = path
    if given.card_source and given.card_source.exists():
        found[layout.CARD_SOURCE] = given.card_source
    # the card's agreement tables are computed from the annotation files, which are shipped
    for name in (*layout.COPIED, layout.GOLD_SENTENCES, *agreement.SHIPPED):
        path = given.repository_file(name)
        if path is not None:
            found[name] = path
    return {key: checksums.sha256(path) for key, path in sorted(found.items())}


def version(distribution: str) -> str:
    """The installed version of ``distribution`` (also its import name), as
    importlib.metadata gives it: read from the ``.dist-info`` folder beside
    the package the build would import. importlib.metadata itself costs a
    build about 10 ms of CPU in imports (email, zipfile) for these two
    strings; it answers whenever that folder is not plainly there."""
    spec = importlib.util.find_spec(distribution)
    if spec is not None and spec.origin:
        found = list(Path(spec.origin).parent.parent.glob(f"{distribution}-*.dist-info/METADATA"))
        if len(found) == 1:
            with found[0].open(encoding="utf-8") as metadata:
                for line in metadata:
                    if not line.strip():
                        break  # the end of the headers
                    if line.startswith("Version: "):
                        return line[len("Version: "):].strip()
    from importlib.metadata import version as installed
    return installed(distribution)


def manifest(given: Inputs) -> dict:
    return {
        "dataset": {"name": DATASET_NAME, "version": __version__, "release_date": cite.RELEASE_DATE},
        "builder": {"name": "acftu-talks", "version": __version__},
        "tools": {"python": platform.python_version(), "pyarrow": version("pyarrow"),
                  "jsonschema": version("jsonschema")},
        "inputs": inputs(given),
        "annotation_rules": registry.versions(),  # rule name -> version
    }


def write(staging: Path, given: Inputs) -> None:
    text = json.dumps(manifest(given), indent=2, sort_keys=True)
    (staging / layout.MANIFEST).write_text(text + "\n", encoding="utf-8")
