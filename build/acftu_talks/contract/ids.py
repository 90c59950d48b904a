"""Stable ids across releases.

``corpus/ids.lock.tsv`` pins every paragraph and sentence id to a hash of its
text. A build whose ids no longer match the lock (a rule change re-segmented a
text, a raw file was replaced) fails instead of renumbering silently. When the
change is intended, ``acftu-talks ids --accept --reason "..."`` records a
mapping from the old ids to the new ones in ``corpus/id-changes.tsv`` and
updates the lock; every release ships that history as ``id_changes.json``.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Problem

LOCK = "ids.lock.tsv"
CHANGES = "id-changes.tsv"
CHANGES_HEADER = ["version", "old_id", "new_id", "reason"]


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprints(paragraphs: list[dict], sentences: list[dict]) -> dict[str, str]:
    found = {r["paragraph_id"]: fingerprint(r["text"]) for r in paragraphs}
    found.update({r["sentence_id"]: fingerprint(r["text"]) for r in sentences})
    return found


def checked(builts: Iterable, corpus_dir: Path, problems: list) -> Iterator:
    """Pass each document's records (``Built``) on; at the end add to
    ``problems`` every id that no longer matches the lock (none without one)."""
    lock = read_lock(corpus_dir)
    current: dict[str, str] = {}
    for built in builts:
        if lock is not None:
            current.update(fingerprints(built.paragraphs, built.sentences))
        yield built
    if lock is not None:
        problems += check(corpus_dir, lock, current)


def doc_of(record_id: str) -> str:
    return record_id.split(".", 1)[0]


def read_lock(corpus_dir: Path) -> dict[str, str] | None:
    path = corpus_dir / LOCK
    if not path.exists():
        return None
    lock = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            record_id, digest = line.split("\t")
            lock[record_id] = digest
    return lock


def write_lock(corpus_dir: Path, current: dict[str, str]) -> None:
    lines = ["# id\tsha256 of the text (16 hex digits). Written by `acftu-talks ids --accept`."]
    lines += [f"{i}\t{current[i]}" for i in sorted(current)]
    (corpus_dir / LOCK).write_text("\n".join(lines) + "\n", encoding="utf-8")


def diff(lock: dict[str, str], current: dict[str, str]) -> list[tuple[str, str | None]]:
    """(old_id, new_id) for every locked id whose text moved, changed or went
    away, among the documents present in ``current``; new_id is None when the
    old text is nowhere in the new build. Ids of new documents are not changes."""
    docs = {doc_of(i) for i in current}
    by_hash: dict[tuple[str, str], list[str]] = {}
    for record_id, digest in current.items():
        by_hash.setdefault((doc_of(record_id), digest), []).append(record_id)
    changes = []
    for old_id in sorted(lock):
        if doc_of(old_id) not in docs or current.get(old_id) == lock[old_id]:
            continue
        same_kind = [i for i in by_hash.get((doc_of(old_id), lock[old_id]), [])
                     if i.count(".") == old_id.count(".")]
        changes.append((old_id, same_kind[0] if same_kind else None))
    return changes


def unlocked_docs(lock: dict[str, str], current: dict[str, str]) -> list[str]:
    locked = {doc_of(i) for i in lock}
    return sorted({doc_of(i) for i in current} - locked)


def check(corpus_dir: Path, lock: dict[str, str], current: dict[str, str]) -> list[Problem]:
    """One problem per document whose locked ids changed, naming a few."""
    path = (corpus_dir / LOCK).as_posix()
    line_of = {record_id: n for n, record_id in enumerate(sorted(lock), start=2)}
    by_doc: dict[str, list[tuple[str, str | None]]] = {}
    for old_id, new_id in diff(lock, current):
        by_doc.setdefault(doc_of(old_id), []).append((old_id, new_id))
    problems = []
    for doc_id, changes in sorted(by_doc.items()):
        def say(old: str, new: str | None) -> str:
            short = old[len(doc_id):]
            if new is None:
                return f"{short} " + ("now holds another text" if old in current else "is gone")
            return f"{short} -> {new[len(doc_id):]}"
        shown = ", ".join(say(o, n) for o, n in changes[:3])
        more = f" and {len(changes) - 3} more" if len(changes) > 3 else ""
        problems.append(Problem(path, line_of[changes[0][0]], doc_id,
            f"{len(changes)} pinned id(s) changed: {shown}{more}", "ids.changed",
            'if the change is intended, run `acftu-talks ids --accept --reason "why"` '
            "to record the old -> new mapping; otherwise undo the change"))
    for doc_id in unlocked_docs(lock, current):
        problems.append(Problem(path, None, doc_id, "the document's ids are not pinned yet",
            "ids.unlocked", f'run `acftu-talks ids --accept --reason "add {doc_id}"`', "warning"))
    return problems


def read_changes(corpus_dir: Path) -> list[dict]:
    path = corpus_dir / CHANGES
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").split("\n")[1:]:
        if line:
            version, old_id, new_id, reason = line.split("\t")
            rows.append({"version": version, "old_id": old_id, "new_id": new_id or None, "reason": reason})
    return rows


def accept(corpus_dir: Path, lock: dict[str, str] | None, current: dict[str, str],
           reason: str, version: str) -> list[tuple[str, str | None]]:
    """Record the changes against the lock and pin the current ids."""
    changes = diff(lock or {}, current)
    if changes:
        path = corpus_dir / CHANGES
        lines = [] if path.exists() else ["\t".join(CHANGES_HEADER)]
        lines += [f"{version}\t{old}\t{new or ''}\t{reason}" for old, new in changes]
        with path.open("a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    rebuilt = {doc_of(i) for i in current}
    merged = {i: d for i, d in (lock or {}).items() if doc_of(i) not in rebuilt}
    merged.update(current)
    write_lock(corpus_dir, merged)
    return changes


def changes_json(corpus_dir: Path) -> str:
    """The release's id_changes.json: every recorded mapping, oldest first."""
    return json.dumps({"description": "Ids that changed between releases: old_id -> new_id "
                       "(null when the old text is gone), with the version that changed them and why.",
                       "changes": read_changes(corpus_dir)}, ensure_ascii=False, indent=2) + "\n"
