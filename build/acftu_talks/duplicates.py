"""A doc_id is taken once: find sidecars that declare another file's doc_id.

File names are unique, so a doc_id can only be taken twice by a sidecar that
does not match its own file; the problem is reported at that sidecar's
``doc_id`` line, naming the file whose doc_id it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import read
from .errors import Problem


@dataclass(frozen=True)
class Claim:
    """The doc_id a sidecar declares, and where."""

    declared: str
    doc_id: str  # the file's own doc_id (its name)
    meta_path: str
    text_path: str
    line: int | None  # of ``doc_id`` in the sidecar

    @classmethod
    def of(cls, source: read.Source) -> Claim | None:
        declared = source.meta.get("doc_id")
        if not isinstance(declared, str):
            return None  # the schema check reports it
        return cls(declared, source.doc_id, source.meta_path, source.text_path, source.meta_lines.get(("doc_id",)))


class DocIds:
    """The doc_ids claimed so far, in the order the sidecars are read."""

    def __init__(self, corpus_dir: Path, root: Path):
        self.corpus_dir, self.root = corpus_dir, root
        self.claimed: dict[str, str] = {}  # declared doc_id -> the sidecar that declared it

    def claim(self, claim: Claim | None) -> list[Problem]:
        """Record ``claim``; a problem if the doc_id is already another file's."""
        if claim is None:
            return []
        problems = []
        if claim.declared != claim.doc_id:
            other = self.claimed.get(claim.declared) or self._owner(claim.declared)
            if other:
                problems.append(Problem(claim.meta_path, claim.line, "doc_id",
                    f"duplicate doc_id '{claim.declared}': it is already the doc_id of {other}, "
                    f"and this sidecar belongs to {claim.text_path}",
                    "meta.duplicate-doc-id", f'set doc_id = "{claim.doc_id}" (a document\'s doc_id is its file name)'))
        self.claimed.setdefault(claim.declared, claim.meta_path)
        return problems

    def _owner(self, doc_id: str) -> str | None:
        """The sidecar named after ``doc_id``, if there is one."""
        path = self.corpus_dir / f"{doc_id}.toml"
        return read.display(path, self.root) if path.is_file() else None
